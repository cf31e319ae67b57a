#!/usr/bin/env node
// Trunk post_build hook (see Trunk.toml): minifies wasm-bindgen's JS glue in release builds and
// updates its Subresource Integrity hashes in index.html to match.
//
// Why: trunk's own JS minifier gives up on the glue (it cannot parse `export default`), which
// leaves about 1.7 KB of gzip on the table against the site's size budget. Development builds
// (`trunk serve`) are left as they are.
//
// Runs in trunk's staging folder (TRUNK_STAGING_DIR), after index.html is written there and
// before the folder replaces dist/.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

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

const sri = (bytes) => 'sha384-' + crypto.createHash('sha384').update(bytes).digest('base64');
const htmlPath = path.join(staging, 'index.html');
let html = fs.readFileSync(htmlPath, 'utf8');

const glue = fs.readdirSync(staging).filter((name) => name.endsWith('.js'));
if (glue.length === 0) fail(`no JS glue found in ${staging}`);
for (const name of glue) {
  const file = path.join(staging, name);
  const before = fs.readFileSync(file);
  const result = await terser.minify(before.toString('utf8'), {
    module: true,
    compress: { passes: 2 },
    mangle: true,
    format: { comments: false },
  });
  if (!result.code) fail(`terser produced nothing for ${name}`);
  const oldHash = sri(before);
  const newHash = sri(Buffer.from(result.code));
  if (html.includes(oldHash)) {
    html = html.split(oldHash).join(newHash);
  } else if (html.includes('integrity=')) {
    // Every asset carries an integrity hash; one that does not match would block the app.
    fail(`index.html has no integrity hash for ${name} to update`);
  }
  fs.writeFileSync(file, result.code);
  console.log(`minify-glue: ${name}: ${before.length} -> ${result.code.length} bytes`);
}
fs.writeFileSync(htmlPath, html);

function fail(message) {
  console.error(`minify-glue: ${message}`);
  process.exit(1);
}
