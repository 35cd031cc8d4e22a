// The one table of `make bench`: every figure the scripts recorded
// (target/bench/rows.jsonl), its budget and whether it holds; the same as
// JSON in target/bench/report.json. Exits 1 naming each budget that failed
// (in the smoke run of `make test`, sizes are tiny and budgets are not
// judged: it fails only when a section recorded nothing).
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { BENCH_DIR, ROWS, SMOKE, format, holds } from './bench-lib.mjs';

const SECTIONS = ['bytes', 'peer', 'lighthouse', '2G', 'offline', 'search', 'journal', 'sync', 'endpoint', 'lock'];
// `--markdown`: the last report as the README's table, nothing else.
if (process.argv.includes('--markdown')) {
  const r = JSON.parse(readFileSync(join(BENCH_DIR, 'report.json'), 'utf8'));
  console.log(`Measured ${r.date} on ${r.cores} cores (\`make bench\`).\n`);
  console.log('| section | figure | value | budget | |\n|---|---|---|---|---|');
  for (const x of r.rows) {
    const budget = x.budget ? `${x.budget.op.replace('<=', '≤').replace('>=', '≥')} ${format(x.budget.limit, x.unit)}` : '';
    const status = !x.budget ? '' : holds(x) ? 'ok' : '**over**';
    console.log(`| ${x.section} | ${x.name.replaceAll('|', '\\|')}${x.note ? ` (${x.note})` : ''} | ${format(x.value, x.unit)} | ${budget} | ${status} |`);
  }
  process.exit(0);
}
const rows = readFileSync(ROWS, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const width = Math.max(...rows.map((r) => r.name.length)) + 2;
const date = new Date().toISOString().slice(0, 10);
console.log(`\nmake bench — ${date}, ${cpus().length} cores${SMOKE ? ' (smoke run: tiny sizes, budgets not judged)' : ''}\n`);
console.log(`${'section'.padEnd(11)}${'figure'.padEnd(width)}${'value'.padStart(14)}  budget        `);
for (const r of rows) {
  const budget = r.budget ? `${r.budget.op} ${format(r.budget.limit, r.unit)}` : '';
  const status = !r.budget ? '' : holds(r) ? 'ok' : 'FAILED';
  console.log(`${r.section.padEnd(11)}${r.name.padEnd(width)}${format(r.value, r.unit).padStart(14)}  ${budget.padEnd(14)}${status}`);
}
const failed = rows.filter((r) => !holds(r));
const missing = SECTIONS.filter((s) => !rows.some((r) => r.section === s));
writeFileSync(join(BENCH_DIR, 'report.json'), JSON.stringify({ date, cores: cpus().length, smoke: SMOKE, rows, failed, missing }, null, 2));
console.log(`\n(${rows.length} figures; also in target/bench/report.json)`);
if (missing.length) console.log(`No figure from: ${missing.join(', ')}`);
if (SMOKE) process.exit(missing.length ? 1 : 0);
if (failed.length || missing.length) {
  console.log(`Budgets failed: ${failed.map((r) => `${r.section} · ${r.name} = ${format(r.value, r.unit)} (${r.budget.op} ${format(r.budget.limit, r.unit)})`).join('; ')}`);
  process.exit(1);
}
console.log('Every budget holds.');
