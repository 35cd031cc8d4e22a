// What every bench script shares: figures are printed as they come and
// appended to target/bench/rows.jsonl; scripts/bench-report.mjs then prints
// the one table, writes target/bench/report.json and names the budgets
// that failed. A figure with a budget is { op: '<=' | '>=', limit }.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../tests/e2e/helpers.mjs';

export const BENCH_DIR = join(ROOT, 'target', 'bench');
export const ROWS = join(BENCH_DIR, 'rows.jsonl');
mkdirSync(BENCH_DIR, { recursive: true });

/** `make test`'s smoke run: tiny sizes, so the scripts cannot rot. */
export const SMOKE = process.env.BENCH_SMOKE === '1';

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];

/** Records one figure. `unit`: 'KiB', 's', 'ms', '/s', 'score', ''. */
export function figure(section, name, value, unit, budget, note) {
  const row = { section, name, value, unit, ...(budget ? { budget } : {}), ...(note ? { note } : {}) };
  appendFileSync(ROWS, JSON.stringify(row) + '\n');
  const b = budget ? `  (budget ${budget.op} ${budget.limit}${unit === 'score' ? '' : ' ' + unit})` : '';
  console.log(`  ${section} · ${name}: ${format(value, unit)}${b}${note ? `  ${note}` : ''}`);
  return value;
}

export function format(value, unit) {
  if (typeof value !== 'number') return String(value);
  const digits = unit === 'KiB' || unit === 's' ? 1 : unit === 'ms' && value < 100 ? 1 : 0;
  const n = value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return unit && unit !== 'score' ? `${n} ${unit}` : n;
}

export const holds = (row) => !row.budget || (row.budget.op === '<=' ? row.value <= row.budget.limit : row.value >= row.budget.limit);
