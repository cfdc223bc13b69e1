/**
 * Data and outputs: any number of named volumes each, every one a directory on the node, an
 * existing claim, or a gcs/s3/azure bucket with the secret that grants access. Entries already in
 * the values can be kept, changed or removed; new ones are added until the person says no more.
 */
import { chartLineFor } from '../src/model/chart-line.js';
import { checks } from '../src/model/checks.js';
import {
  STORES,
  type Store,
  type Values,
  type VolumeEntry,
  type VolumeMapName,
  VOLUME_MAPS,
} from '../src/model/values.js';

import { hintFor } from './facts.js';
import { checked, hasAll, replaceWith, str } from './lib/answers.js';
import type { Answers, Choice, Field, Step, StepContext } from './types.js';

/** How each bucket kind reads in a choice, with the name the spec's `store` key takes. */
export const STORE_LABELS: Record<Store, string> = {
  gcs: 'A Google Cloud Storage bucket (gcs)',
  s3: 'An Amazon S3 bucket (s3)',
  azure: 'An Azure Blob Storage container (azure)',
};

const SCHEMES: Record<Store, string> = { gcs: 'gs://', s3: 's3://', azure: 'wasbs://' };
const OTHER = '__other';
/** Stops a runaway loop of "add another"; far more than anyone mounts. */
const MAX_NEW = 20;

export function describeEntry(e: VolumeEntry): string {
  const ro = e.readOnly ? ', read-only' : '';
  if (e.store) return `${e.store} bucket ${e.bucket ?? '?'}`;
  if (e.existingClaim) return `claim ${e.existingClaim} at ${e.mountPath ?? '?'}${ro}`;
  return `node directory ${e.hostPath ?? '?'} at ${e.mountPath ?? '?'}${ro}`;
}

function kindOf(e: VolumeEntry): string {
  return e.store ?? (e.existingClaim ? 'claim' : 'host');
}

function entryFields(map: VolumeMapName, p: string, name: string, e: VolumeEntry, ctx: StepContext): Field[] {
  const { answers } = ctx;
  const pvcs = ctx.facts?.pvcs ?? [];
  const out: Field[] = [
    {
      kind: 'select',
      id: `${p}kind`,
      label: `"${name}" is`,
      default: kindOf(e),
      choices: [
        { value: 'host', label: 'A directory on the node' },
        { value: 'claim', label: 'An existing claim (PVC)' },
        ...STORES.map((s) => ({ value: s, label: STORE_LABELS[s] })),
      ],
    },
  ];
  const kind = str(answers[`${p}kind`]);
  if ((STORES as readonly string[]).includes(kind)) {
    const scheme = SCHEMES[kind as Store];
    out.push(
      {
        kind: 'text',
        id: `${p}bucket`,
        label: `Bucket (${scheme}...)`,
        default: e.bucket ?? '',
        validate: checked((s) => checks.bucket(kind as Store, s)),
      },
      {
        kind: 'text',
        id: `${p}secret`,
        label: 'Secret holding the access credentials',
        default: e.secret ?? '',
        validate: checked((s) => checks.dns1123Subdomain(s)),
      },
      {
        kind: 'text',
        id: `${p}secretKey`,
        label: 'Key inside that secret',
        default: e.secretKey ?? '',
        validate: (s) => (s.trim() ? undefined : 'is empty'),
      },
    );
    return out;
  }
  const fallback = `/${map}/${name}`;
  if (kind === 'claim') {
    if (pvcs.length) {
      out.push({
        kind: 'select',
        id: `${p}claim`,
        label: 'Claim',
        default: e.existingClaim && !pvcs.includes(e.existingClaim) ? OTHER : (e.existingClaim ?? pvcs[0]),
        choices: [
          ...pvcs.map((c): Choice => ({ value: c, label: c })),
          { value: OTHER, label: 'Another claim, by name…' },
        ],
      });
    }
    if (!pvcs.length || answers[`${p}claim`] === OTHER) {
      out.push({
        kind: 'text',
        id: `${p}claimName`,
        label: 'Claim name',
        default: e.existingClaim ?? '',
        validate: checked((s) => checks.dns1123Subdomain(s)),
      });
    }
  } else {
    out.push({
      kind: 'text',
      id: `${p}hostPath`,
      label: 'Directory on the node',
      default: e.hostPath ?? fallback,
      validate: checked((s) => checks.absolutePath(s)),
    });
  }
  out.push(
    {
      kind: 'text',
      id: `${p}mountPath`,
      label: 'Mount it in the pods at',
      default: e.mountPath ?? (kind === 'host' ? str(answers[`${p}hostPath`], fallback) : fallback),
      validate: checked((s) => checks.absolutePath(s)),
    },
    { kind: 'confirm', id: `${p}readOnly`, label: 'Read-only?', default: e.readOnly ?? false },
  );
  return out;
}

function buildEntry(p: string, answers: Answers): VolumeEntry {
  const kind = str(answers[`${p}kind`]);
  if ((STORES as readonly string[]).includes(kind)) {
    return {
      store: kind as Store,
      bucket: str(answers[`${p}bucket`]),
      secret: str(answers[`${p}secret`]),
      secretKey: str(answers[`${p}secretKey`]),
    };
  }
  const e: VolumeEntry = { mountPath: str(answers[`${p}mountPath`]) };
  if (kind === 'claim') {
    const picked = str(answers[`${p}claim`], OTHER);
    e.existingClaim = picked === OTHER ? str(answers[`${p}claimName`]) : picked;
  } else e.hostPath = str(answers[`${p}hostPath`]);
  if (answers[`${p}readOnly`] === true) e.readOnly = true;
  return e;
}

function existing(map: VolumeMapName, values: Values): [string, VolumeEntry][] {
  return Object.entries(values.persistence?.[map] ?? {}).filter((x): x is [string, VolumeEntry] => x[1] !== null);
}

/** From chart 1.0 on the outputs volume is the artifacts store, which holds logs, repos and uploads too. */
function storeHelp(ctx: StepContext): string | undefined {
  const line = chartLineFor(ctx.meta.chartVersion || undefined);
  if (line.id === '0.6') return undefined;
  return `On ${line.label} this is the artifacts store: logs, repos and uploads are kept in it too.`;
}

function mapFields(map: VolumeMapName, ctx: StepContext): Field[] {
  const { answers } = ctx;
  const entries = existing(map, ctx.values);
  const out: Field[] = [];
  for (const [name, e] of entries) {
    const id = `${map}.${name}`;
    out.push({
      kind: 'select',
      id,
      label: `${map} volume "${name}": ${describeEntry(e)}`,
      help: map === 'outputs' ? storeHelp(ctx) : undefined,
      default: 'keep',
      choices: [
        { value: 'keep', label: 'Keep it' },
        { value: 'edit', label: 'Change it' },
        { value: 'remove', label: 'Remove it' },
      ],
      hint: hintFor(ctx.facts, `persistence.${map}`),
    });
    if (answers[id] === 'edit') out.push(...entryFields(map, `${id}.`, name, e, ctx));
  }
  const taken = new Set(entries.map(([n]) => n));
  for (let i = 0; i < MAX_NEW; i++) {
    const add = `${map}.add.${i}`;
    const kept = entries.some(([n]) => answers[`${map}.${n}`] !== 'remove') || i > 0;
    out.push({
      kind: 'confirm',
      id: add,
      label: kept ? `Add another ${map} volume?` : `Add ${map === 'outputs' ? 'an' : 'a'} ${map} volume?`,
      help: map === 'outputs' ? 'N.B. Multi-outputs is not supported in the CE version.' : undefined,
      default: false,
    });
    if (answers[add] !== true) break;
    const p = `${map}.new.${i}.`;
    const name = str(answers[`${p}name`]);
    out.push({
      kind: 'text',
      id: `${p}name`,
      label: `Name of the new ${map} volume`,
      default: `${map}-${i + 1}`,
      validate: (s) => checks.dns1123Label(s) ?? (taken.has(s) ? `"${s}" is already a ${map} volume` : undefined),
    });
    if (!name) break;
    out.push(...entryFields(map, p, name, {}, ctx));
    taken.add(name);
  }
  return out;
}

function applyMap(map: VolumeMapName, { values, answers }: StepContext): Record<string, VolumeEntry | null> {
  const change: Record<string, VolumeEntry | null> = {};
  for (const [name, e] of existing(map, values)) {
    const choice = answers[`${map}.${name}`];
    if (choice === 'remove') change[name] = null;
    if (choice === 'edit') change[name] = replaceWith(e, buildEntry(`${map}.${name}.`, answers)) as VolumeEntry;
  }
  for (let i = 0; answers[`${map}.add.${i}`] === true; i++) {
    const p = `${map}.new.${i}.`;
    change[str(answers[`${p}name`])] = buildEntry(p, answers);
  }
  return change;
}

export const volumesStep: Step = {
  id: 'volumes',
  title: 'Persistence: data and outputs',
  isAnswered: (answered) => hasAll(answered, ['persistence.data', 'persistence.outputs']),
  fields: (ctx) => VOLUME_MAPS.flatMap((m) => mapFields(m, ctx)),
  apply: (ctx) => ({ persistence: { data: applyMap('data', ctx), outputs: applyMap('outputs', ctx) } }),
};
