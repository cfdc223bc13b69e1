/**
 * A chart repository on 127.0.0.1 serving the fixture chart, packaged and indexed by the real
 * helm, so the tests walk the `helm repo add` path (`--repo-url`, as for a mirror) without the
 * internet.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import { execa } from 'execa';

export interface ChartRepo {
  url: string;
  close(): Promise<void>;
}

/** A folder that already is a chart repository (index.yaml with relative URLs), served as it is. */
export async function serveChartsDir(dir: string): Promise<ChartRepo> {
  return listen(dir);
}

export async function serveChartRepo(
  helm: string,
  chartDirs: string[],
  dir: string,
  env: Record<string, string>,
): Promise<ChartRepo> {
  mkdirSync(dir, { recursive: true });
  for (const c of chartDirs) await execa(helm, ['package', c, '-d', dir], { env });
  const repo = await listen(dir);
  await execa(helm, ['repo', 'index', dir, '--url', repo.url], { env });
  return repo;
}

async function listen(dir: string): Promise<ChartRepo> {
  const server: Server = createServer((req, res) => {
    const name = basename(new URL(req.url ?? '/', 'http://x').pathname);
    readFile(join(dir, name)).then(
      (body) => {
        res.writeHead(200, { 'Content-Type': name.endsWith('.yaml') ? 'text/yaml' : 'application/gzip' });
        res.end(body);
      },
      () => {
        res.writeHead(404);
        res.end('not found');
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
