#!/usr/bin/env node
// Lighthouse performance figures for the built site; run through scripts/lighthouse.sh (which
// checks dist/ and installs lighthouse). Serves dist/ on 127.0.0.1 with scripts/serve-dist.mjs
// (precompressed .br/.gz copies when accepted, as a static host would), runs the lighthouse CLI
// in Debian's Chromium on each page (mobile form factor and simulated throttling: Lighthouse's
// defaults), and prints one line per page: performance score, FCP, LCP, TBT, TTI, CLS.
// With LIGHTHOUSE_RUNS=N (default 1) each page is run N times and the median of each figure is
// printed. The full reports are kept in .tools/lighthouse/reports/ (git-ignored).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { startServer } from './serve-dist.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.resolve(process.env.DIST_DIR ?? path.join(ROOT, 'dist'));
const LH_BIN = path.join(ROOT, '.tools', 'lighthouse', 'node_modules', '.bin', 'lighthouse');
const REPORTS = path.join(ROOT, '.tools', 'lighthouse', 'reports');
const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const RUNS = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 1));

const PAGES = [
  ['home', ''],
  ['planner 600/1136/1', '#/600-1136-1'],
];
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function runLighthouse(url, reportPath) {
  const args = [
    url,
    '--form-factor=mobile',
    '--throttling-method=simulate',
    '--only-categories=performance',
    '--output=json',
    `--output-path=${reportPath}`,
    `--chrome-flags=${CHROME_FLAGS.join(' ')}`,
    '--no-enable-error-reporting',
    '--quiet',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(LH_BIN, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, CHROME_PATH } });
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`lighthouse exited with ${signal ?? code} on ${url}`))));
  });
}

/** The targets of #16 by page: performance score and, for the home page, LCP (ms). */
const TARGETS = { home: { score: 99, lcp: 1200 }, 'planner 600/1136/1': { score: 95 } };
for (const [name] of PAGES) if (!TARGETS[name]) throw new Error(`no targets for the page ${name}`);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

fs.mkdirSync(REPORTS, { recursive: true });
const server = await startServer({ root: DIST });
let failed = false;
try {
  const version = JSON.parse(fs.readFileSync(path.join(path.dirname(path.dirname(LH_BIN)), 'lighthouse', 'package.json'), 'utf8')).version;
  console.log(
    `lighthouse ${version}, mobile, simulated throttling (Lighthouse's defaults), ` +
      `${RUNS > 1 ? `median of ${RUNS} runs` : 'one run'} a page, ${path.relative(process.cwd(), DIST) || '.'}/ served at ${server.url}:`,
  );
  for (const [name, rel] of PAGES) {
    const url = server.url + rel;
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const report = path.join(REPORTS, `${name.replace(/\W+/g, '-')}${RUNS > 1 ? `-${i + 1}` : ''}.json`);
      await runLighthouse(url, report);
      const lhr = JSON.parse(fs.readFileSync(report, 'utf8'));
      if (lhr.runtimeError) throw new Error(`lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      const audit = (id) => {
        const v = lhr.audits[id]?.numericValue;
        if (typeof v !== 'number') throw new Error(`lighthouse on ${url}: no figure for ${id} (${lhr.audits[id]?.errorMessage ?? 'missing'})`);
        return v;
      };
      runs.push({
        score: lhr.categories.performance.score * 100,
        fcp: audit('first-contentful-paint'),
        lcp: audit('largest-contentful-paint'),
        tbt: audit('total-blocking-time'),
        tti: audit('interactive'),
        cls: audit('cumulative-layout-shift'),
      });
    }
    const m = (k) => median(runs.map((r) => r[k]));
    console.log(
      `${(name + ' (/' + rel + ')').padEnd(34)} performance ${m('score').toFixed(0).padStart(3)}  ` +
        `FCP ${(m('fcp') / 1000).toFixed(2)} s  LCP ${(m('lcp') / 1000).toFixed(2)} s  ` +
        `TBT ${m('tbt').toFixed(0)} ms  TTI ${(m('tti') / 1000).toFixed(2)} s  CLS ${m('cls').toFixed(3)}`,
    );
    // The targets of #16 (first paint without the wasm), each said met or missed.
    const targets = [
      ['performance', m('score') >= TARGETS[name].score, `>= ${TARGETS[name].score}`],
      ...(TARGETS[name].lcp ? [['LCP', m('lcp') <= TARGETS[name].lcp, `<= ${TARGETS[name].lcp / 1000} s`]] : []),
      ['TBT', m('tbt') <= 100, '<= 100 ms'],
      ['CLS', m('cls') === 0, '0'],
    ];
    console.log(`${''.padEnd(34)} targets: ${targets.map(([what, met, goal]) => `${what} ${goal} ${met ? 'met' : 'MISSED'}`).join('; ')}`);
  }
  console.log(`full reports: ${path.relative(process.cwd(), REPORTS)}/`);
} catch (err) {
  console.error(`lighthouse: ${err.message}`);
  failed = true;
} finally {
  await server.close();
}
process.exit(failed ? 1 : 0);
