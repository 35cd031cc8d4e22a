// Lighthouse (mobile preset) holds best practices and accessibility at 100
// with the Content Security Policy on (issue 13): the release build, served
// by the real server with its headers. Only these two categories: they are
// pass/fail audits; performance is a timing, printed by `make bench`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startServer, ROOT } from './helpers.mjs';

const run = promisify(execFile);
const LIGHTHOUSE = join(ROOT, 'node_modules', '.bin', 'lighthouse');
const FLAGS = '--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run';
const dir = mkdtempSync(join(tmpdir(), 'paix-lh-'));
let server;

before(async () => { server = await startServer(); });
after(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

for (const path of ['/', '/projects/prj-01', '/journal/new', '/settings/sync', '/report', '/report/timeline']) {
  test(`${path}: best practices and accessibility 100, with the CSP sent`, async () => {
    const report = join(dir, 'report.json');
    await run(LIGHTHOUSE, [server.url + path, '--quiet', '--only-categories=best-practices,accessibility',
      '--form-factor=mobile', `--chrome-flags=${FLAGS}`, '--output=json', `--output-path=${report}`],
    { env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' }, timeout: 120000 });
    const r = JSON.parse(readFileSync(report, 'utf8'));
    const failed = Object.values(r.audits)
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
      .map((a) => `${a.id}: ${a.title}`);
    assert.equal(r.categories['best-practices'].score, 1, failed.join('\n'));
    assert.equal(r.categories.accessibility.score, 1, failed.join('\n'));
    const csp = r.audits['csp-xss'];
    assert.ok(csp, 'Lighthouse looked at the policy');
  });
}
