#!/usr/bin/env node
// Trunk post_build hook (see Trunk.toml), release builds only:
//
// 1. Minifies wasm-bindgen's JS glue with terser, and brings its Subresource Integrity hash in
//    index.html up to date. Trunk's own minifier gives up on the glue (it cannot parse
//    `export default`) and leaves it whole.
// 2. Writes a gzip (level 9) and a brotli (quality 11) copy beside every built file
//    (scripts/precompress.mjs), for static hosts that serve precompressed files.
//
// Runs in trunk's staging folder (TRUNK_STAGING_DIR), after index.html is written there and
// before the folder replaces dist/, so dist/ gets the copies. The wasm is left as wasm-opt wrote
// it. Development builds are left as they are.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import { precompressDir } from './precompress.mjs';

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

// --- 1. terser on the glue ---------------------------------------------------------------------
const jsFiles = fs.readdirSync(staging).filter((name) => name.endsWith('.js'));
if (jsFiles.length !== 1) fail(`expected one .js file in ${staging}, found ${jsFiles.length}`);
const jsPath = path.join(staging, jsFiles[0]);
const htmlPath = path.join(staging, 'index.html');

const jsBefore = fs.readFileSync(jsPath);
const minified = await terser.minify(jsBefore.toString('utf8'), {
  module: true,
  compress: { passes: 2 },
  mangle: true,
  format: { comments: false },
});
if (!minified.code) fail('terser produced nothing');
const jsAfter = Buffer.from(minified.code);

// Every asset carries an integrity hash; one that does not match would stop the app loading.
const sri = (bytes) => 'sha384-' + crypto.createHash('sha384').update(bytes).digest('base64');
let html = fs.readFileSync(htmlPath, 'utf8');
const oldHash = sri(jsBefore);
if (html.includes('integrity=') && !html.includes(oldHash)) fail(`index.html has no integrity hash for ${jsFiles[0]} to update`);
html = html.split(oldHash).join(sri(jsAfter));

fs.writeFileSync(jsPath, jsAfter);
fs.writeFileSync(htmlPath, html);

// --- 2. precompressed copies (last: they must be of the files as served) ------------------------
const sizes = precompressDir(staging);
const sum = (key) => sizes.reduce((n, s) => n + s[key], 0);
console.log(
  `post-build: terser ${jsFiles[0]} ${jsBefore.length} -> ${jsAfter.length} bytes; ` +
    `.gz and .br beside ${sizes.length} files (${sum('raw')} bytes: gzip ${sum('gzip')}, brotli ${sum('brotli')})`,
);

function fail(message) {
  console.error(`post-build: ${message}`);
  process.exit(1);
}
