#!/usr/bin/env node
// The bin entry: as small as possible, so the first output comes fast.
import module from 'node:module';

// Node 22.1 and newer can keep compiled code between runs (Ink and React are most of the wizard's
// start-up); Node 20 has no such cache and skips this.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const [{ main }, { systemIo }] = await Promise.all([import('../main.js'), import('../io/system.js')]);
const io = await systemIo();
// The one exit site owns every exit: should a wait ever be left with nothing to end it (the event
// loop empty while main still awaits), say so and exit 4 instead of Node's silent 13.
let settled = false;
process.once('beforeExit', () => {
  if (settled) return;
  process.stderr.write(
    'Error: the run stopped waiting for an answer that can no longer come (a connection closed mid-answer).\nCheck the cluster and retry; POLYAXON_SETUP_DEBUG=1 shows more.\n',
  );
  process.exit(4);
});
const code = await main(process.argv.slice(2), {
  io,
  stdinIsTTY: Boolean(process.stdin.isTTY),
  stdoutIsTTY: Boolean(process.stdout.isTTY),
});
settled = true;
// The run is over once main returns: a request the cluster never answered, or a helm child that
// ignored its signal, must not keep the process alive. Exit once what was printed is flushed.
const flushed = (s: NodeJS.WriteStream) =>
  new Promise<void>((done) => (s.writableLength === 0 ? done() : s.write('', () => done())));
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);
