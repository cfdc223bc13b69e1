import type { Command } from './support/context.js';
import { VALUES_SCHEMA } from '../model/schema.js';

export const run: Command = async ({ io }) => {
  io.out(JSON.stringify(VALUES_SCHEMA, null, 2));
};
