/**
 * The wizard's entry points for the commands: a fresh install and a guided upgrade. Both run the
 * same steps, on the Ink screens or line by line, journal the answers after every step and on
 * Ctrl-C, and hand back values for the command to validate, write and install.
 */
import { CancelledError, QuitError } from '../errors.js';
import type { Prompter } from '../io/prompter.js';
import { colorAllowed } from '../io/system.js';
import { chartLineFor, fromChartLine, LINES } from '../model/chart-line.js';
import { splitOwnKeys } from '../model/lines/own-keys.js';
import { leafPaths, mergeValues } from '../model/merge.js';
import type { Values } from '../model/values.js';
import { STEPS } from '../../steps/index.js';
import { generatePassword } from '../../steps/root-user.js';
import type { Step } from '../../steps/types.js';
import { changedPaths, diffValues, type ValuesDiff } from '../wizard/diff.js';
import type { FactsSource } from '../wizard/facts-source.js';
import { createFlow, type FlowConfig, type FlowState } from '../wizard/flow.js';
import type { Outcome } from './plain-wizard.js';
import {
  buildReview,
  effectiveDeployed,
  withOwn,
  type HelmCommand,
  type ReviewData,
  type ReviewOptions,
} from '../wizard/review.js';
import type { Journal, ResumeState } from '../wizard/journal.js';

export interface WizardOptions {
  /** Defaults, preset, -f files and --set, merged. */
  initial: Values;
  /** Dotted leaf paths given by preset/-f/--set: their steps are skipped unless the person goes back. */
  answered: ReadonlySet<string>;
  /** The chart line's own keys -f/--set gave (readLayersForLine), under the line's names. */
  own?: Record<string, unknown>;
  /**
   * The probe's findings (or a function that starts the probe after the first screen); the first
   * screen does not wait for it. Undefined or a rejection: no cluster facts.
   */
  facts: FactsSource;
  plain: boolean;
  /** Line mode's questions (default: @inquirer/prompts). Never used by the Ink screens. */
  prompter?: Prompter;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
  release?: string;
  namespace?: string;
  chartVersion?: string;
  /** The exact helm command for the review screen. */
  helmCommand?: HelmCommand;
  /** Installs: the helm upgrade shown when the probe finds the release already there (the review offers it). */
  upgradeCommand?: HelmCommand;
  /** Installs: the drift guard, run on the review (see ReviewOptions.drift). */
  drift?: ReviewOptions['drift'];
  /** Where config.yaml goes, for the review. */
  configPath?: string;
  /** Where the answers are kept after every step and on Ctrl-C, for --resume; none: not kept. */
  journal?: Journal;
  /** An interrupted run's answers (readResume), to continue from. */
  resume?: ResumeState;
  /** Default: off when NO_COLOR is set or TERM=dumb. */
  color?: boolean;
  /** Tests: render every frame whole. */
  inkDebug?: boolean;
  /** Tests: a fixed password instead of a random one. */
  generatePassword?: () => string;
  /** Tests: other steps. */
  steps?: readonly Step[];
  /** The go-ahead on the review. Default "Write config.yaml and install". */
  actionLabel?: string;
}

export interface WizardResult {
  values: Values;
  release: string;
  namespace: string;
  /** Undefined: whatever the repository serves. */
  chartVersion?: string;
  /** For after the install, e.g. the port-forward command. */
  notes: string[];
  /** The chart line's own keys, given and chosen: written beside the values. */
  own: Record<string, unknown>;
  /** The review showed a release already there and offered to upgrade it: confirming said yes to that. */
  upgrades?: ReviewData['over'];
}

export interface UpgradeWizardOptions extends Omit<
  WizardOptions,
  'initial' | 'answered' | 'resume' | 'release' | 'namespace'
> {
  /** The release's user-supplied values (helm get values), under the spec's or its chart line's names. */
  deployed: Values;
  deployedChartVersion?: string;
  targetChartVersion?: string;
  release: string;
  namespace: string;
  /** -f/--set given to the upgrade command, over the deployed values. */
  overrides?: Values;
  /** Paths the overrides give; default none, so every step is walked. */
  answered?: ReadonlySet<string>;
}

export interface UpgradeWizardResult extends WizardResult {
  /** False when the person chose to change nothing. */
  confirmed: boolean;
  diff: ValuesDiff;
  chart: { from?: string; to?: string };
}

interface Session {
  opts: WizardOptions;
  /** Keep the answers for --resume (installs only: an upgrade starts from the release). */
  journal: boolean;
  config: FlowConfig;
  review: ReviewOptions;
  title: string;
  actionLabel: string;
}

/** Runs the screens or the line prompts to the end; Ctrl-C saves the answers and throws CancelledError. */
async function drive(
  s: Session,
): Promise<{ kind: 'confirm' | 'quit'; state: FlowState; flow: ReturnType<typeof createFlow> }> {
  const { opts } = s;
  const flow = createFlow(s.config);
  const kept = s.journal ? opts.journal : undefined;
  const save = async (state: FlowState) => {
    if (kept) await kept.save(flow.snapshot(state));
  };
  // Journaling is best effort while the person answers (the save on Ctrl-C is reported), and in
  // order: a late save must never land after the final one, or after the file is removed.
  let journal = Promise.resolve();
  const onProgress = (state: FlowState) => {
    journal = journal.then(() => save(state)).catch(() => undefined);
  };
  const review = (state: FlowState) => buildReview(flow.result(state), state.facts, s.review);
  const initialState = flow.initialState();
  let outcome: Outcome;
  if (opts.plain) {
    const [{ runPlain }, { linePrompter }] = await Promise.all([
      import('./plain-wizard.js'),
      import('../io/prompter.js'),
    ]);
    const out = opts.stdout ?? process.stdout;
    outcome = await runPlain({
      flow,
      initialState,
      facts: opts.facts,
      prompter: opts.prompter ?? linePrompter(),
      out: (l) => void out.write(`${l}\n`),
      review,
      actionLabel: s.actionLabel,
      onProgress,
    });
  } else {
    // Loaded here, not at the top: line mode and the commands that never ask must not pay for Ink.
    const [{ mountUntil, createElement }, { WizardApp }] = await Promise.all([
      import('./ink.js'),
      import('./WizardApp.js'),
    ]);
    const abort = new AbortController();
    // With raw mode on, Ctrl-C arrives as a key; SIGINT can still come from outside (kill -INT).
    const onSigint = () => abort.abort();
    process.once('SIGINT', onSigint);
    try {
      outcome = await mountUntil<Outcome>(
        (finish) =>
          createElement(WizardApp, {
            title: s.title,
            flow,
            initialState,
            facts: opts.facts,
            color: opts.color ?? colorAllowed(process.env),
            actionLabel: s.actionLabel,
            review,
            onProgress,
            onConfirm: (state) => finish({ kind: 'confirm', state }),
            onQuit: (state) => finish({ kind: 'quit', state }),
            onCancel: (state) => finish({ kind: 'cancel', state }),
            signal: abort.signal,
          }),
        { stdin: opts.stdin, stdout: opts.stdout, stderr: opts.stderr, debug: opts.inkDebug },
      );
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
  }
  await journal;
  if (outcome.kind === 'cancel') {
    if (!kept) throw new CancelledError();
    const err = opts.stderr ?? process.stderr;
    try {
      await save(outcome.state);
      err.write(`Answers saved to ${kept.path}; continue with: npx polyaxon-setup --resume\n`);
    } catch (e) {
      err.write(`Could not save the answers to ${kept.path}: ${(e as Error).message}\n`);
    }
    throw new CancelledError();
  }
  return { kind: outcome.kind, state: outcome.state, flow };
}

function baseConfig(opts: WizardOptions, mode: 'install' | 'upgrade'): FlowConfig {
  const r = opts.resume;
  return {
    steps: opts.steps ?? STEPS,
    initial: r ? mergeValues(opts.initial, r.values) : opts.initial,
    answered: opts.answered,
    own: r?.own ? (mergeValues((opts.own ?? {}) as Values, r.own as Values) as Record<string, unknown>) : opts.own,
    mode,
    meta: {
      release: r?.meta?.release ?? opts.release ?? 'polyaxon',
      namespace: r?.meta?.namespace ?? opts.namespace ?? opts.initial.namespace ?? 'polyaxon',
      chartVersion: r?.meta?.chartVersion ?? opts.chartVersion ?? '',
    },
    generated: { password: (opts.generatePassword ?? generatePassword)() },
    resumed: r ? new Set(r.done) : undefined,
    // What the interrupted run decided is the person's, not the probe's to change.
    fixed: r ? new Set([...opts.answered, ...changedPaths(opts.initial, r.values)]) : undefined,
  };
}

/**
 * The install wizard. Resolves with the values once the person confirms on the review; the caller
 * validates, writes config.yaml and installs. Quitting on the review throws QuitError, Ctrl-C
 * CancelledError; both keep the answers for --resume.
 */
export async function runWizard(opts: WizardOptions): Promise<WizardResult> {
  const s: Session = {
    opts,
    journal: true,
    config: baseConfig(opts, 'install'),
    review: { mode: 'install', helmCommand: opts.helmCommand, upgradeCommand: opts.upgradeCommand, drift: opts.drift },
    title: 'polyaxon-setup',
    actionLabel: opts.actionLabel ?? 'Write config.yaml and install',
  };
  const { kind, state, flow } = await drive(s);
  if (kind === 'quit') {
    await opts.journal?.save(flow.snapshot(state));
    throw new QuitError(opts.journal?.path);
  }
  await opts.journal?.clear();
  const r = flow.result(state);
  return {
    values: r.values,
    release: r.meta.release,
    namespace: r.meta.namespace,
    chartVersion: r.meta.chartVersion || undefined,
    notes: r.notes,
    own: r.own,
    upgrades: buildReview(r, state.facts, s.review).over,
  };
}

/**
 * The guided upgrade: every step prefilled with the deployed values, then a review of what changes
 * (values and chart version). Resolves with confirmed false when the person changes nothing.
 */
export async function runUpgradeWizard(opts: UpgradeWizardOptions): Promise<UpgradeWizardResult> {
  const deployed = fromChartLine(opts.deployed as Record<string, unknown>, opts.deployedChartVersion) as Values;
  const baseline = effectiveDeployed(deployed);
  const chartVersion = opts.targetChartVersion ?? opts.deployedChartVersion ?? '';
  // The release's own keys (postgresql.enabled, externalServices, redis.enabled…) under the target
  // line's names: the Database step starts from what the release runs with; -f/--set go over them.
  // The steps walk the spec's part, which the spec's rules check.
  const line = chartLineFor(chartVersion || undefined);
  const split = splitOwnKeys(deployed, line, LINES);
  const deployedOwn = split.own;
  const wizard: WizardOptions = {
    ...opts,
    initial: mergeValues(effectiveDeployed(split.spec as Values), opts.overrides),
    answered: opts.answered ?? new Set(),
    own: mergeValues(deployedOwn as Values, (opts.own ?? {}) as Values) as Record<string, unknown>,
    chartVersion,
  };
  // What the release runs with is not the probe's to change: only what it left to the defaults.
  const fixed = new Set([...leafPaths(deployed), ...leafPaths(opts.overrides ?? {}), ...(opts.answered ?? [])]);
  const s: Session = {
    opts: wizard,
    journal: false,
    config: { ...baseConfig(wizard, 'upgrade'), fixed },
    review: {
      mode: 'upgrade',
      helmCommand: opts.helmCommand,
      deployed,
      deployedChartVersion: opts.deployedChartVersion,
    },
    title: `polyaxon-setup upgrade ${opts.release}`,
    actionLabel: opts.actionLabel ?? 'Upgrade the release',
  };
  const { kind, state, flow } = await drive(s);
  const r = flow.result(state);
  const to = r.meta.chartVersion || undefined;
  return {
    values: r.values,
    release: opts.release,
    namespace: opts.namespace,
    chartVersion: to,
    notes: r.notes,
    own: r.own,
    confirmed: kind === 'confirm',
    diff: diffValues(baseline, withOwn(r.values, r.own, to)),
    chart: { from: opts.deployedChartVersion, to },
  };
}
