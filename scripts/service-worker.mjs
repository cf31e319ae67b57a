#!/usr/bin/env node
// Writes the service worker of a built site: www/sw.js with its precache list and version filled
// in from the files actually in the folder, so no list of files is kept by hand.
//
// FILES is every file in the folder except the precompressed copies (*.gz, *.br: the host picks
// the encoding) and the worker itself, as paths relative to the site. VERSION is a hash of the
// template and of every listed file's name and bytes: any change to a built file gives a new
// version, which the browser installs beside the old one (see www/sw.js).
//
// As a module: writeServiceWorker(dir) -> { version, files }   (run by scripts/post-build.mjs)
// By hand:     node scripts/service-worker.mjs DIR              (rewrites DIR/sw.js; the e2e suite
//              uses it to make a "new build" of a copy of dist/)

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { brotli, builtFiles, gzip } from './precompress.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const TEMPLATE = path.join(ROOT, 'www', 'sw.js');
export const WORKER_NAME = 'sw.js';

/** Paths of the files a worker precaches, sorted. */
export function precacheList(dir) {
  return builtFiles(dir)
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => f !== WORKER_NAME && !f.startsWith('.'));
}

export function writeServiceWorker(dir) {
  const template = fs.readFileSync(TEMPLATE, 'utf8');
  for (const mark of ['__VERSION__', '__FILES__']) {
    if (template.split(mark).length !== 2) throw new Error(`${TEMPLATE} must contain ${mark} exactly once`);
  }
  const files = precacheList(dir);
  if (!files.includes('index.html')) throw new Error(`${dir} has no index.html to precache`);
  const hash = crypto.createHash('sha256').update(template);
  for (const file of files) hash.update(`\0${file}\0`).update(fs.readFileSync(path.join(dir, file)));
  const version = hash.digest('hex').slice(0, 16);
  // Every file is precached under its relative URL: './' + the path, with each segment escaped.
  const urls = files.map((f) => './' + f.split('/').map(encodeURIComponent).join('/'));
  const code = template.replace('__VERSION__', version).replace('__FILES__', JSON.stringify(urls));
  fs.writeFileSync(path.join(dir, WORKER_NAME), code);
  return { version, files };
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node scripts/service-worker.mjs DIR');
    process.exit(2);
  }
  const { version, files } = writeServiceWorker(path.resolve(dir));
  // A copy of a built site has the old worker's precompressed copies beside it: replace them.
  const worker = path.join(path.resolve(dir), WORKER_NAME);
  const bytes = fs.readFileSync(worker);
  fs.writeFileSync(`${worker}.gz`, gzip(bytes));
  fs.writeFileSync(`${worker}.br`, brotli(bytes));
  console.log(`service-worker: ${WORKER_NAME} version ${version}, ${files.length} files precached`);
}
