/**
 * NVIDIA GPU: where the driver libraries are on the GPU nodes (dirs.nvidia) and where jobs see
 * them (mountPaths.nvidia, the same paths unless told otherwise). Skipped when the probe found no
 * GPU and nothing asked for one.
 */
import { checks } from '../src/model/checks.js';
import type { NvidiaPaths, Values } from '../src/model/values.js';
import { hintFor } from './facts.js';
import { checked, has, removed, str } from './lib/answers.js';
import { chartLineFor } from '../src/model/chart-line.js';
import type { Field, Meta, Step, StepContext } from './types.js';

const KEYS = ['lib', 'bin', 'libcuda'] as const;

/** Where the drivers usually are, by platform: GKE's COS installer, otherwise the distro packages. */
export function platformNvidiaPaths(distribution: string | undefined): Required<NvidiaPaths> {
  if (distribution === 'gke') {
    return {
      lib: '/home/kubernetes/bin/nvidia/lib64',
      bin: '/home/kubernetes/bin/nvidia/bin',
      libcuda: '/home/kubernetes/bin/nvidia/lib64/libcuda.so.1',
    };
  }
  return { lib: '/usr/lib/nvidia', bin: '/usr/lib/nvidia/bin', libcuda: '/usr/lib/x86_64-linux-gnu/libcuda.so.1' };
}

const LABELS: Record<(typeof KEYS)[number], string> = {
  lib: 'the nvidia lib directory',
  bin: 'the nvidia bin directory',
  libcuda: 'libcuda.so.1',
};

function configured(v: Values): boolean {
  return KEYS.some((k) => Boolean(v.dirs?.nvidia?.[k]));
}

function fields({ values, facts, answers, mode }: StepContext): Field[] {
  const gpu = facts?.gpu;
  const out: Field[] = [
    {
      kind: 'confirm',
      id: 'enabled',
      label: 'Expose the NVIDIA libraries to jobs?',
      // An upgrade keeps what the release has unless told otherwise.
      default: configured(values) || (mode === 'install' && Boolean(gpu)),
      hint: gpu ? `the cluster has GPUs: ${gpu.summary}` : hintFor(facts, 'dirs.nvidia'),
    },
  ];
  if (answers.enabled !== true) return out;
  const suggested = { ...platformNvidiaPaths(facts?.distribution), ...gpu?.paths };
  const dirs = values.dirs?.nvidia ?? {};
  for (const k of KEYS) {
    out.push({
      kind: 'text',
      id: k,
      label: `On the GPU nodes, ${LABELS[k]}`,
      default: dirs[k] || suggested[k],
      validate: checked((s) => checks.absolutePath(s)),
      hint: dirs[k]
        ? undefined
        : (gpu?.reason ??
          hintFor(facts, `dirs.nvidia.${k}`) ??
          (facts?.distribution ? `the usual path on ${facts.distribution}` : undefined)),
    });
  }
  const mounts = values.mountPaths?.nvidia ?? {};
  const differs =
    KEYS.some((k) => mounts[k] && mounts[k] !== dirs[k]) ||
    (!configured(values) && KEYS.some((k) => gpu?.mountPaths?.[k] && gpu.mountPaths[k] !== suggested[k]));
  out.push({
    kind: 'select',
    id: 'mounts',
    label: 'Where jobs see them',
    default: differs ? 'custom' : 'same',
    choices: [
      { value: 'same', label: 'At the same paths' },
      { value: 'custom', label: 'At other paths…' },
    ],
  });
  if (answers.mounts === 'custom') {
    for (const k of KEYS) {
      out.push({
        kind: 'text',
        id: `mount.${k}`,
        label: `In the pods, ${LABELS[k]}`,
        default: mounts[k] || gpu?.mountPaths?.[k] || str(answers[k]),
        validate: checked((s) => checks.absolutePath(s)),
      });
    }
  }
  return out;
}

function apply({ values, answers }: StepContext): Values {
  if (answers.enabled !== true) {
    const clear = (p: NvidiaPaths | undefined) =>
      Object.fromEntries(KEYS.filter((k) => p?.[k]).map((k) => [k, removed<string>()]));
    return { dirs: { nvidia: clear(values.dirs?.nvidia) }, mountPaths: { nvidia: clear(values.mountPaths?.nvidia) } };
  }
  const dirs = Object.fromEntries(KEYS.map((k) => [k, str(answers[k])])) as NvidiaPaths;
  const custom = answers.mounts === 'custom';
  const mounts = Object.fromEntries(
    KEYS.map((k) => [k, custom ? str(answers[`mount.${k}`]) : str(answers[k])]),
  ) as NvidiaPaths;
  return { dirs: { nvidia: dirs }, mountPaths: { nvidia: mounts } };
}

/**
 * From chart 1.0 on no template reads host paths: the NVIDIA device plugin (or the GPU Operator)
 * that advertises nvidia.com/gpu gives jobs the libraries, and the GPU nodes' taints are
 * tolerated on the scheduling step. Only 0.6.x asks where the drivers are.
 */
function skip(facts: StepContext['facts'], values: Values, meta: Meta): string | undefined {
  const line = chartLineFor(meta.chartVersion || undefined);
  if (line.id !== '0.6') {
    if (facts?.gpu) {
      return `on ${line.label} the NVIDIA device plugin gives jobs the libraries (${facts.gpu.summary}); no host paths to set`;
    }
    return `${line.label} reads no driver host paths: jobs get the libraries from the NVIDIA device plugin or GPU Operator`;
  }
  return facts && !facts.gpu && !configured(values) ? 'the cluster has no GPU nodes' : undefined;
}

export const gpuStep: Step = {
  id: 'gpu',
  title: 'NVIDIA GPU',
  isAnswered: (answered) => has(answered, 'dirs.nvidia'),
  skip,
  fields,
  apply,
};
