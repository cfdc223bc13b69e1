/**
 * The probe on a worker thread (see probe-thread.ts): the options come as workerData, the result
 * or the failure goes back as one message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SetupError } from '../errors.js';
import { probeCluster, type ProbeOptions } from './index.js';
import type { ProbeReply } from './probe-thread.js';

const reply = (r: ProbeReply) => parentPort?.postMessage(r);
try {
  reply({ result: await probeCluster(workerData as ProbeOptions) });
} catch (e) {
  reply(
    e instanceof SetupError
      ? { failure: { message: e.message, hint: e.hint, exitCode: e.exitCode, setup: e.name } }
      : { failure: { message: e instanceof Error ? e.message : String(e), stack: (e as Error)?.stack } },
  );
}
