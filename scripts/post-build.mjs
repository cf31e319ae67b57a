#!/usr/bin/env node
// Trunk post_build hook (see Trunk.toml), release builds only. Two size steps on what trunk
// built, then the Subresource Integrity hashes in index.html brought up to date, then a gzip
// (level 9) and a brotli (quality 11) copy written beside every built file
// (scripts/precompress.mjs), for static hosts that serve precompressed files:
//
// 1. Minifies wasm-bindgen's JS glue with terser. Trunk's own minifier gives up on it (it cannot
//    parse `export default`) and leaves it whole: about 1.7 KB of gzip.
// 2. Shortens the names the wasm imports from the glue, in both files (short-imports.mjs):
//    about 3.9 KB of gzip, as each name carries a hash that does not compress.
//
// Runs in trunk's staging folder (TRUNK_STAGING_DIR), after index.html is written there and
// before the folder replaces dist/, so dist/ gets the copies. Development builds are left as they are.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import { precompressDir } from './precompress.mjs';
import { shortenImports } from './short-imports.mjs';

if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) fail('TRUNK_STAGING_DIR is not set: this script runs as a trunk hook.');

let terser;
try {
  terser = createRequire(path.join(root, '.tools', 'package.json'))('terser');
} catch {
  fail("terser is not installed in .tools/: run 'bash scripts/setup.sh'.");
}

const files = fs.readdirSync(staging);
const one = (suffix) => {
  const found = files.filter((name) => name.endsWith(suffix));
  if (found.length !== 1) fail(`expected one ${suffix} file in ${staging}, found ${found.length}`);
  return path.join(staging, found[0]);
};
const jsPath = one('.js');
const wasmPath = one('_bg.wasm');
const htmlPath = path.join(staging, 'index.html');

const jsBefore = fs.readFileSync(jsPath);
const wasmBefore = fs.readFileSync(wasmPath);

const minified = await terser.minify(jsBefore.toString('utf8'), {
  module: true,
  compress: { passes: 2 },
  mangle: true,
  format: { comments: false },
});
if (!minified.code) fail('terser produced nothing');
let shortened;
try {
  shortened = shortenImports(wasmBefore, minified.code);
} catch (e) {
  fail(`cannot shorten the wasm imports: ${e.message}`);
}
const jsAfter = Buffer.from(shortened.js);
const wasmAfter = shortened.wasm;
try {
  await WebAssembly.compile(wasmAfter);
} catch (e) {
  fail(`the rewritten wasm does not compile: ${e.message}`);
}

// Every asset carries an integrity hash; one that does not match would stop the app loading.
const sri = (bytes) => 'sha384-' + crypto.createHash('sha384').update(bytes).digest('base64');
let html = fs.readFileSync(htmlPath, 'utf8');
for (const [before, after, name] of [
  [jsBefore, jsAfter, path.basename(jsPath)],
  [wasmBefore, wasmAfter, path.basename(wasmPath)],
]) {
  const oldHash = sri(before);
  if (html.includes('integrity=') && !html.includes(oldHash)) fail(`index.html has no integrity hash for ${name} to update`);
  html = html.split(oldHash).join(sri(after));
}

fs.writeFileSync(jsPath, jsAfter);
fs.writeFileSync(wasmPath, wasmAfter);
fs.writeFileSync(htmlPath, html);

// Last: the copies must be of the files as served.
const sizes = precompressDir(staging);
const sum = (key) => sizes.reduce((n, s) => n + s[key], 0);
console.log(
  `post-build: ${path.basename(jsPath)} ${jsBefore.length} -> ${jsAfter.length} bytes; ` +
    `${shortened.renamed} wasm imports renamed, ${path.basename(wasmPath)} ${wasmBefore.length} -> ${wasmAfter.length} bytes; ` +
    `.gz and .br beside ${sizes.length} files (${sum('raw')} bytes: gzip ${sum('gzip')}, brotli ${sum('brotli')})`,
);

function fail(message) {
  console.error(`post-build: ${message}`);
  process.exit(1);
}
