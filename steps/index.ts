/** The wizard's steps, in the order they are asked. */
import { accessStep } from './access.js';
import { databaseStep } from './database.js';
import { deploymentStep } from './deployment.js';
import { dnsStep } from './dns.js';
import { gpuStep } from './gpu.js';
import { hostsStep } from './hosts.js';
import { persistenceStep } from './persistence.js';
import { rootUserStep } from './root-user.js';
import { schedulingStep } from './scheduling.js';
import { securityStep } from './security.js';
import type { Step } from './types.js';
import { volumesStep } from './volumes.js';

export const STEPS: readonly Step[] = [
  deploymentStep,
  accessStep,
  dnsStep,
  persistenceStep,
  volumesStep,
  gpuStep,
  securityStep,
  rootUserStep,
  databaseStep,
  schedulingStep,
  hostsStep,
];

export type { Answer, Answers, Choice, Field, Meta, Step, StepContext } from './types.js';
