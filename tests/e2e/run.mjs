#!/usr/bin/env node
// Runs the end-to-end suite: every tests/e2e/*.test.mjs file, with node's own test runner
// (node --test), against the built site in dist/ (each file serves it itself on 127.0.0.1 at a
// random free port; see lib.mjs). Build first: trunk build --release.
//
//   node tests/e2e/run.mjs              all test files
//   node tests/e2e/run.mjs smoke        only files whose name contains "smoke"
//
// Environment: DIST_DIR (default dist/), CHROMIUM (default /usr/bin/chromium),
// E2E_TIMEOUT_MS (default 15000), E2E_CONCURRENCY (test files at once, default 1).
// The closing lines are node's test summary (tests / pass / fail ...).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(process.env.DIST_DIR ?? path.join(HERE, '..', '..', 'dist'));

if (!fs.existsSync(path.join(dist, 'index.html'))) {
  console.error(`e2e: ${dist}/index.html not found: run 'trunk build --release' first.`);
  process.exit(1);
}
if (!fs.existsSync(path.join(HERE, 'node_modules', 'playwright-core'))) {
  console.error("e2e: tests/e2e/node_modules is missing: run 'bash scripts/setup.sh' (npm ci in tests/e2e).");
  process.exit(1);
}

const filters = process.argv.slice(2);
const files = fs
  .readdirSync(HERE)
  .filter((f) => f.endsWith('.test.mjs'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort()
  .map((f) => path.join(HERE, f));

if (files.length === 0) {
  console.error(`e2e: no test files matched ${filters.length ? filters.join(', ') : '*.test.mjs'} in ${HERE}`);
  process.exit(1);
}

const args = [
  '--test',
  `--test-concurrency=${process.env.E2E_CONCURRENCY ?? 1}`,
  '--test-reporter=spec',
  ...files,
];
const child = spawn(process.execPath, args, {
  cwd: HERE,
  stdio: 'inherit',
  env: { ...process.env, DIST_DIR: dist, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
});
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
