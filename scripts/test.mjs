#!/usr/bin/env node
// `npm test`: unit and API tests on embedded PGlite, again on PostgreSQL when TEST_DATABASE_URL is set,
// then the browser tests in Chromium. Ends with one summary line: "summary: N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const find = (dir, re) =>
  fs.existsSync(path.join(root, dir))
    ? fs
        .readdirSync(path.join(root, dir), { recursive: true })
        .filter((f) => re.test(f))
        .map((f) => path.join(dir, f))
        .sort()
    : [];
const only = process.argv.slice(2);
const apiTests = only.length
  ? only.filter((f) => !f.startsWith('e2e'))
  : [...find('src', /\.test\.ts$/), ...find('test', /\.test\.ts$/)];
const browserTests = only.length ? only.filter((f) => f.startsWith('e2e')) : find('e2e', /\.test\.ts$/);
const totals = { pass: 0, fail: 0, skipped: 0 };

function run(label, files, env = {}, concurrency = 2) {
  if (!files.length) return;
  console.log(`\n=== ${label} (${files.length} files) ===`);
  const res = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${concurrency}`, ...files],
    {
      cwd: root,
      env: { ...process.env, ANJU_ENV: 'test', ...env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  process.stdout.write(res.stdout);
  for (const key of Object.keys(totals)) {
    const m = res.stdout.match(new RegExp(`ℹ ${key} (\\d+)`));
    if (m) totals[key] += Number(m[1]);
  }
  if (res.status !== 0 && !/ℹ fail [1-9]/.test(res.stdout)) totals.fail += 1; // the runner itself failed
}

run('unit and API tests on PGlite', apiTests, { TEST_DATABASE_URL: '' });
if (process.env.TEST_DATABASE_URL) run('unit and API tests on PostgreSQL', apiTests);
else console.log('\nPostgreSQL tests did not run: TEST_DATABASE_URL is not set.');

if (browserTests.length) {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (fs.existsSync(chromium)) {
    const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (build.status !== 0) totals.fail += 1;
    // One browser file at a time: two Chromiums and two servers on two cores starve the pages, and clicks land
    // while a page is still re-rendering (seen in CI as options, stars and OK buttons that took no click).
    else run('browser tests in Chromium', browserTests, { CHROMIUM_PATH: chromium, TEST_DATABASE_URL: '' }, 1);
  } else {
    console.log(`\nBrowser tests did NOT run: no Chromium at ${chromium} (apt-get install chromium).`);
  }
}

console.log(`\nsummary: ${totals.pass} passed, ${totals.fail} failed, ${totals.skipped} skipped`);
process.exit(totals.fail ? 1 : 0);
