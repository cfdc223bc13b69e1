/**
 * Whether a chart line can install on a Kubernetes version, from the line table alone: what the
 * tool can say with no helm run (--no-install, doctor) and what picks the version to advise. The
 * rendered check (commands/support/chart-fit.ts) is the authority when helm can render.
 */
import { compareVersions, lineOf, type ChartLine } from './table.js';

export interface LineFit {
  fits: boolean;
  /** Why not, for a person: "chart 1.0–1.11 needs Kubernetes 1.21 or older: it uses ...". */
  reason?: string;
}

/** "v1.34.1-gke.100" → "1.34"; undefined when it is not a version. */
export function kubeMinorOf(gitVersion: string | undefined): string | undefined {
  const m = /^v?(\d+)\.(\d+)/.exec(gitVersion ?? '');
  return m ? `${m[1]}.${m[2]}` : undefined;
}

export function lineFitsKube(line: ChartLine, gitVersion: string | undefined): LineFit {
  if (!line.renders)
    return {
      fits: false,
      reason: `${line.label} cannot be rendered by helm 3.13 or newer, and it uses ${line.apis ?? 'APIs Kubernetes removed'}`,
    };
  const kube = kubeMinorOf(gitVersion);
  if (!kube) return { fits: true };
  if (line.kube.max && compareVersions(kube, line.kube.max) > 0)
    return {
      fits: false,
      reason: `${line.label} needs Kubernetes ${line.kube.max} or older: it uses ${line.apis ?? 'APIs this cluster no longer serves'}`,
    };
  if (line.kube.min && compareVersions(kube, line.kube.min) < 0)
    return { fits: false, reason: `${line.label} needs Kubernetes ${line.kube.min} or newer` };
  return { fits: true };
}

/** Whether one published version fits, by its line. */
export function versionFitsKube(version: string, gitVersion: string | undefined): LineFit {
  return lineFitsKube(lineOf(version), gitVersion);
}

/** The newest of `published` (any order) whose line installs on `gitVersion`; pre-releases are skipped. */
export function newestFitting(published: readonly string[], gitVersion: string | undefined): string | undefined {
  return published
    .filter((v) => /^v?\d+\.\d+\.\d+$/.test(v) && versionFitsKube(v, gitVersion).fits)
    .sort(compareVersions)
    .pop();
}
