/**
 * The wizard, as the commands use it. Nothing here loads Ink, React or the Kubernetes client at
 * import time: the screens load when first shown, line mode never loads them.
 */
export { runWizard, runUpgradeWizard } from './run.js';
export type { WizardOptions, WizardResult, UpgradeWizardOptions, UpgradeWizardResult } from './run.js';
export { confirmUninstall } from './uninstall.js';
export type { UninstallOptions } from './uninstall.js';
export { startInstallProgress } from './progress.js';
export type { InstallProgressHandle, ProgressOptions } from './progress.js';
export { diagnose } from './diagnose.js';
export type { Diagnosis, PodRow } from './diagnose.js';
export { diffValues, formatDiff, isEmptyDiff } from './diff.js';
export type { ValueChange, ValuesDiff } from './diff.js';
export { emptyFacts } from './facts.js';
export type { ClusterFacts } from './facts.js';
export { factsFromProbe } from './probe-facts.js';
export type { SuggestionLike } from './probe-facts.js';
export { readResume, saveResume, clearResume, resumePathFor, RESUME_FILE } from './resume.js';
export type { ResumeState } from './resume.js';
export type { HelmCommand } from './review.js';
