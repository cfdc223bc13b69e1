/**
 * The probe off the main thread, for the wizard. Loading the Kubernetes client compiles about
 * 100 ms of code in one go; on the main thread that lands right after the first frame, and a key
 * pressed then waits for it. On a worker it compiles on another core, from the very start, while
 * the main thread loads Ink and answers keys.
 */
import { Worker } from 'node:worker_threads';
import { ClusterError, ExitCode, SetupError, type ExitCodeValue } from '../errors.js';
import type { ProbeOptions } from './index.js';
import type { ProbeResult } from './types.js';

export type ProbeReply =
  | { result: ProbeResult; failure?: undefined }
  | {
      result?: undefined;
      /** `setup` is the class of a SetupError, which the run reports; anything else is a bug. */
      failure: { message: string; hint?: string; exitCode?: ExitCodeValue; setup?: string; stack?: string };
    };

/** What goes to the worker: the options that survive a structured clone (no injected functions). */
export type ThreadProbeOptions = Omit<ProbeOptions, 'loadClient' | 'now'>;

/**
 * probeCluster on a worker thread, with the same result and the same ClusterError. Where no worker
 * can start, the probe runs here, as it would without one.
 */
export function probeClusterOffThread(opts: ThreadProbeOptions): Promise<ProbeResult> {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./probe-worker.js', import.meta.url), { workerData: opts });
  } catch {
    return import('./index.js').then(({ probeCluster }) => probeCluster(opts));
  }
  return new Promise<ProbeResult>((resolve, reject) => {
    let settled = false;
    worker.once('message', (reply: ProbeReply) => {
      settled = true;
      void worker.terminate();
      if (reply.result) return resolve(reply.result);
      const f = reply.failure;
      if (f.setup) return reject(setupError(f.setup, f.message, f.hint, f.exitCode));
      const bug = new Error(f.message);
      if (f.stack) bug.stack = f.stack;
      reject(bug);
    });
    worker.once('error', (e) => {
      if (!settled) reject(e);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the probe's worker thread stopped (exit ${code}) before it answered`));
    });
  });
}

/**
 * The worker's SetupError, rebuilt: a ClusterError as one (the wizard goes on without the probe),
 * any other (a kubeconfig that is a directory) with its name, message, hint and exit code.
 */
function setupError(name: string, message: string, hint?: string, exitCode?: ExitCodeValue): SetupError {
  if (name === 'ClusterError') return new ClusterError(message, { hint, forbidden: exitCode === ExitCode.Forbidden });
  const e = new SetupError(message, { hint, exitCode });
  e.name = name;
  return e;
}
