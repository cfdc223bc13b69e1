#!/usr/bin/env node
// The bin entry: as small as possible, so the first output comes fast.
import { main } from './main.js';
import { systemIo } from './io/system.js';

const io = await systemIo();
process.exitCode = await main(process.argv.slice(2), {
  io,
  stdinIsTTY: Boolean(process.stdin.isTTY),
  stdoutIsTTY: Boolean(process.stdout.isTTY),
});
