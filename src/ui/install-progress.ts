/**
 * The live view of an install or upgrade, driven by the command: it pushes helm's lines and the
 * pods as it learns them and ends with ready() or failed(). Ink redraws one screen; line mode
 * prints each new line and each pod change once.
 */
import { colorAllowed } from '../io/system.js';
import { explainFailure, type PodRow } from '../wizard/failure.js';
import type { InstallProgressProps } from './InstallProgress.js';

export interface ProgressOptions {
  release: string;
  namespace: string;
  action?: 'install' | 'upgrade';
  plain: boolean;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  color?: boolean;
  /** Tests: render every frame whole. */
  inkDebug?: boolean;
}

export interface InstallProgressHandle {
  line(text: string): void;
  pods(rows: PodRow[]): void;
  ready(): void;
  /** Shows why and what to do next. */
  failed(error: string): void;
  /** Leaves the last screen on the terminal and releases it. */
  stop(): Promise<void>;
}

export async function startInstallProgress(opts: ProgressOptions): Promise<InstallProgressHandle> {
  const props: InstallProgressProps = {
    release: opts.release,
    namespace: opts.namespace,
    action: opts.action ?? 'install',
    lines: [],
    pods: [],
    status: 'running',
  };
  const fail = (error: string) => {
    props.status = 'failed';
    props.error = error;
    props.diagnosis = explainFailure({
      pods: props.pods,
      lines: props.lines,
      error,
      release: opts.release,
      namespace: opts.namespace,
    });
  };
  if (opts.plain) return plainProgress(opts, props, fail);

  const [{ render, createElement, renderOptions }, { InstallProgress }, { ColorContext }] = await Promise.all([
    import('./ink.js'),
    import('./InstallProgress.js'),
    import('./theme.js'),
  ]);
  const color = opts.color ?? colorAllowed(process.env);
  const tree = () =>
    createElement(
      ColorContext.Provider,
      { value: color },
      createElement(InstallProgress, { ...props, lines: [...props.lines], pods: [...props.pods] }),
    );
  const instance = render(
    tree(),
    renderOptions({ stdin: opts.stdin, stdout: opts.stdout, stderr: opts.stderr, debug: opts.inkDebug }),
  );
  const update = () => instance.rerender(tree());
  return {
    line(text) {
      props.lines.push(...text.split(/\r?\n/).filter(Boolean));
      update();
    },
    pods(rows) {
      props.pods = rows;
      update();
    },
    ready() {
      props.status = 'ready';
      update();
    },
    failed(error) {
      fail(error);
      update();
    },
    async stop() {
      const exited = instance.waitUntilExit();
      instance.unmount();
      await exited;
    },
  };
}

function plainProgress(
  opts: ProgressOptions,
  props: InstallProgressProps,
  fail: (e: string) => void,
): InstallProgressHandle {
  const out = opts.stdout ?? process.stdout;
  const print = (s: string) => void out.write(`${s}\n`);
  const seen = new Map<string, string>();
  print(`helm ${props.action} ${opts.release} (namespace ${opts.namespace}): waiting for the pods`);
  return {
    line(text) {
      for (const l of text.split(/\r?\n/).filter(Boolean)) {
        props.lines.push(l);
        print(`  helm: ${l}`);
      }
    },
    pods(rows) {
      props.pods = rows;
      for (const p of rows) {
        const state =
          `${p.phase} ${p.ready ?? ''}${p.reason ? ` ${p.reason}` : ''}${p.message ? `: ${p.message}` : ''}`.trim();
        if (seen.get(p.name) !== state) print(`  pod ${p.name}: ${state}`);
        seen.set(p.name, state);
      }
    },
    ready() {
      props.status = 'ready';
      print(`✔ ${opts.release} is ready`);
    },
    failed(error) {
      fail(error);
      const d = props.diagnosis!;
      print(`✗ helm ${props.action} ${opts.release} failed: ${error}`);
      if (d.cause) print(`Why: ${d.cause}`);
      if (d.step) print(`Revisit the wizard's ${d.step.title} step: ${d.step.why}.`);
      print('Next:');
      for (const s of d.nextSteps) print(`  ${s}`);
    },
    async stop() {},
  };
}
