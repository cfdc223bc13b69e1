/** How problems and errors read on a terminal: one line each, field first, then the fix. */
import type { Problem } from '../../errors.js';

export function formatProblems(problems: Problem[]): string {
  const order = (p: Problem) => (p.severity === 'error' ? 0 : 1);
  return [...problems]
    .sort((a, b) => order(a) - order(b))
    .map((p) => `  ${p.severity === 'error' ? '✗' : '!'} ${p.field}: ${p.message}${p.fix ? `\n      → ${p.fix}` : ''}`)
    .join('\n');
}

export function problemsJson(problems: Problem[]) {
  return problems.map(({ field, message, fix, severity }) => ({ field, message, fix, severity }));
}
