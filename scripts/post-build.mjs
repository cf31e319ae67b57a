#!/usr/bin/env node
// Trunk post_build hook (see Trunk.toml), release builds only:
//
// 1. Minifies wasm-bindgen's JS glue with terser, and brings its Subresource Integrity hash in
//    index.html up to date. Trunk's own minifier gives up on the glue (it cannot parse
//    `export default`) and leaves it whole.
// 2. Puts the home page, pre-rendered by the app's own components (src/bin/prerender.rs, built
//    with `--profile prerender --features prerender`), inside #app, and after it
//    www/loading-shell.js, which shows a planner address's title while the wasm loads. The app
//    hydrates the home page (src/web/mod.rs).
// 3. Replaces trunk's inline bootstrap with one that fetches the wasm with its integrity hash,
//    after the first paint (trunk's preload link for it goes), and says so in
//    the page when a file did not arrive intact; the glue's hash goes in an import map. The
//    inline scripts' sha256 hashes replace 'unsafe-inline' in the page's Content-Security-Policy,
//    so no other inline script or event handler can run.
// 4. Writes the service worker (scripts/service-worker.mjs) with the list of files built.
// 5. Writes a gzip (level 9) and a brotli (quality 11) copy beside every built file
//    (scripts/precompress.mjs), for static hosts that serve precompressed files.
//
// Runs in trunk's staging folder (TRUNK_STAGING_DIR), after index.html is written there and
// before the folder replaces dist/, so dist/ gets the copies. The wasm is left as wasm-opt wrote
// it. Development builds are left as they are.

import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import { precompressDir } from './precompress.mjs';
import { writeServiceWorker } from './service-worker.mjs';

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

// --- 2. the home page and the top of every planner, pre-rendered, and the loading shell ---------
let rendered;
try {
  rendered = execFileSync('cargo', ['run', '--quiet', '--profile', 'prerender', '--features', 'prerender', '--bin', 'prerender'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  }).toString('utf8');
} catch (error) {
  fail(`the pre-renderer failed: ${error.message}`);
}
const [home, heads, ...extra] = rendered.split('\n<!--heads-->\n');
if (extra.length || heads === undefined) fail('the pre-renderer did not print the home page, then the planner heads');
if (!/<main[ >]/.test(home) || !home.includes('<h1>')) fail('the pre-rendered home page has no main heading');
const headCount = (heads.match(/<template data-planner=/g) ?? []).length;
const cardCount = (home.match(/<li class="qual-card">/g) ?? []).length;
if (headCount === 0 || headCount !== cardCount) fail(`the pre-renderer printed ${headCount} planner heads for ${cardCount} qualifications`);
const shellSource = fs.readFileSync(path.join(root, 'www', 'loading-shell.js'), 'utf8');
const shell = (await terser.minify(shellSource, { compress: { passes: 2 }, mangle: true, format: { comments: false } })).code;
if (!shell) fail('terser produced nothing for www/loading-shell.js');
const appDiv = html.match(/<div id="?app"?><\/div>/);
if (!appDiv) fail('index.html has no empty <div id="app"> to pre-render into');
// A function, so that no `$` in the markup is read as a replacement pattern.
// The templates come before the shell, which runs as soon as it is parsed and reads them.
html = html.replace(appDiv[0], () => `<div id=app data-prerendered>${home}</div>${heads}<script>${shell}</script>`);

// --- 3. bootstrap with enforced integrity, and a policy without 'unsafe-inline' -----------------
const wasmFiles = fs.readdirSync(staging).filter((name) => name.endsWith('_bg.wasm'));
if (wasmFiles.length !== 1) fail(`expected one _bg.wasm file in ${staging}, found ${wasmFiles.length}`);
const wasmSri = sri(fs.readFileSync(path.join(staging, wasmFiles[0])));
const boots = [...html.matchAll(/<script type="?module"?>[\s\S]*?<\/script>/g)];
if (boots.length !== 1) fail(`expected one inline module script in index.html, found ${boots.length}`);
const importMap = JSON.stringify({ integrity: { [`./${jsFiles[0]}`]: sri(jsAfter) } });
// The message is built with DOM calls: the page's policy allows no inline handlers or HTML strings.
const bootstrap = `import init, * as bindings from './${jsFiles[0]}';
const wasmUrl = new URL('./${wasmFiles[0]}', location.href).href;
const integrity = '${wasmSri}';
const compileInWorker = () => new Promise((resolve, reject) => {
  const code = "onmessage = async ({ data }) => { try { const r = await fetch(data.url, { integrity: data.integrity }); if (!r.ok) throw new Error('the wasm answered ' + r.status); postMessage({ module: await WebAssembly.compile(await r.arrayBuffer()) }); } catch (e) { postMessage({ error: String(e) }); } };";
  const source = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
  const worker = new Worker(source);
  const done = () => { worker.terminate(); URL.revokeObjectURL(source); };
  worker.onmessage = ({ data }) => { done(); data.module ? resolve(data.module) : reject(new Error(data.error)); };
  worker.onerror = (event) => { done(); reject(new Error(event.message || 'the compiling worker failed')); };
  worker.postMessage({ url: wasmUrl, integrity });
});
const bytesHere = async () => {
  const response = await fetch(wasmUrl, { integrity });
  if (!response.ok) throw new Error(\`the wasm answered \${response.status}\`);
  return response.arrayBuffer();
};
try {
  await new Promise((resolve) => {
    if (document.hidden) return resolve();
    requestAnimationFrame(() => setTimeout(resolve));
    setTimeout(resolve, 1000);
  });
  let module;
  try {
    module = await compileInWorker();
  } catch (error) {
    // No worker (a browser or policy without them): fetched here, compiled off the main thread.
    module = await bytesHere();
  }
  const wasm = await init({ module_or_path: module });
  window.wasmBindings = bindings;
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
} catch (error) {
  console.warn('Pathway Planner could not start:', error);
  const main = document.createElement('main');
  main.className = 'page';
  main.id = 'main';
  const h1 = document.createElement('h1');
  h1.textContent = 'Pathway Planner could not start';
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = "The app's files did not arrive intact, so it was not started. Reload the page; if this happens again, something between you and the site (a proxy or filter) is changing its files. Nothing you saved in this browser has been changed.";
  main.append(h1, p);
  (document.getElementById('app') ?? document.body).replaceChildren(main);
}`;
// The wasm is fetched and compiled in a worker, made from a string inside this script (so the
// policy's hash covers it), and the compiled module is posted to the page: reading a 1.3 MB body
// is a 13-20 ms task on the main thread of the 2-core machine, and V8 decodes a streamed module
// there as its chunks arrive (one 35-40 ms task), each counted four times over by Lighthouse's
// throttling. Where no worker can be made, the bytes are fetched here and compiled from them
// (off the main thread) rather than streamed. Functions are compiled lazily either way.
// The wasm is asked for once the page has been painted (the bootstrap waits a frame; at once in a
// hidden tab, which draws no frames, and after a second if no frame comes, as in a window hidden
// behind others: a shorter wait, 100 ms, lost the race to a slow first frame in some Lighthouse
// runs, which then measured the page as painted after the app had started), not
// preloaded: the page is readable without it, and its download would compete with the page's own
// files for a slow connection before the first paint.
const wasmPreload = html.match(/<link [^>]*_bg\.wasm[^>]*>/g) ?? [];
if (wasmPreload.length !== 1) fail(`expected one link to the wasm in index.html, found ${wasmPreload.length}`);
html = html.replace(wasmPreload[0], '');
const csp = html.match(/<meta content="([^"]*)" http-equiv="?Content-Security-Policy"?>/);
if (!csp || !csp[1].includes("'unsafe-inline'")) fail("index.html has no Content-Security-Policy with 'unsafe-inline' to replace");
const sha256 = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;
html = html.replace(boots[0][0], () => `<script type=importmap>${importMap}</script><script type=module>${bootstrap}</script>`);
html = html.replace(csp[0], () => csp[0].replace("'unsafe-inline'", `${sha256(importMap)} ${sha256(bootstrap)} ${sha256(shell)}`));
fs.writeFileSync(htmlPath, html);

// --- 4. the service worker, its precache list made from the files just built --------------------
const worker = writeServiceWorker(staging);

// --- 5. precompressed copies (last: they must be of the files as served) ------------------------
const sizes = precompressDir(staging);
const sum = (key) => sizes.reduce((n, s) => n + s[key], 0);
console.log(
  `post-build: terser ${jsFiles[0]} ${jsBefore.length} -> ${jsAfter.length} bytes; ` +
    `home page pre-rendered (${Buffer.byteLength(home)} bytes) with a ${shell.length}-byte loading shell; ` +
    `sw.js version ${worker.version} precaching ${worker.files.length} files; ` +
    `.gz and .br beside ${sizes.length} files (${sum('raw')} bytes: gzip ${sum('gzip')}, brotli ${sum('brotli')})`,
);

function fail(message) {
  console.error(`post-build: ${message}`);
  process.exit(1);
}
