#!/usr/bin/env node
// Precompressed copies of the built site, for static hosts that serve `<file>.br` / `<file>.gz`
// in place of `<file>` when the browser accepts them (nginx gzip_static/brotli_static, Caddy
// precompressed, Netlify, scripts/serve-dist.mjs...): gzip at level 9 and brotli at quality 11
// (the maximum) with the file's size as a hint.
//
// As a module: precompressDir(dir) (used by scripts/post-build.mjs), gzip(bytes), brotli(bytes).
// By hand:
//   node scripts/precompress.mjs DIR               writes the copies beside every file in DIR
//   node scripts/precompress.mjs --sizes FILE...   prints "raw gzip brotli" (bytes) for each FILE,
//       fails if FILE.gz or FILE.br is missing or does not decompress to FILE (scripts/size-budget.sh)

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

/** Suffixes of the copies; a file ending in one of them is a copy, never compressed again. */
export const COPY_SUFFIXES = ['.gz', '.br'];

export const gzip = (bytes) => zlib.gzipSync(bytes, { level: 9 });

export const brotli = (bytes) =>
  zlib.brotliCompressSync(bytes, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });

/** Every file under `dir` (relative paths, sorted), the copies left out. */
export function builtFiles(dir) {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)))
    .filter((f) => !COPY_SUFFIXES.some((s) => f.endsWith(s)))
    .sort();
}

/** Writes `<file>.gz` and `<file>.br` beside every file under `dir`; returns their sizes. */
export function precompressDir(dir) {
  return builtFiles(dir).map((file) => {
    const full = path.join(dir, file);
    const bytes = fs.readFileSync(full);
    const gz = gzip(bytes);
    const br = brotli(bytes);
    fs.writeFileSync(full + '.gz', gz);
    fs.writeFileSync(full + '.br', br);
    return { file, raw: bytes.length, gzip: gz.length, brotli: br.length };
  });
}

/** Throws unless `<file>.gz` and `<file>.br` exist and decompress to the file's bytes. */
export function checkCopies(file) {
  const bytes = fs.readFileSync(file);
  for (const [suffix, decode] of [
    ['.gz', zlib.gunzipSync],
    ['.br', zlib.brotliDecompressSync],
  ]) {
    if (!fs.existsSync(file + suffix)) throw new Error(`${file}${suffix} is missing (the release post-build hook writes it)`);
    if (!decode(fs.readFileSync(file + suffix)).equals(bytes)) throw new Error(`${file}${suffix} does not decompress to ${file}: stale copy?`);
  }
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  try {
    if (args[0] === '--sizes') {
      for (const file of args.slice(1)) {
        checkCopies(file);
        const bytes = fs.readFileSync(file);
        console.log(`${bytes.length} ${gzip(bytes).length} ${brotli(bytes).length}`);
      }
    } else if (args.length === 1) {
      for (const r of precompressDir(args[0])) console.log(`${r.raw} -> gzip ${r.gzip}, brotli ${r.brotli}  ${r.file}`);
    } else {
      throw new Error('usage: node scripts/precompress.mjs DIR | --sizes FILE...');
    }
  } catch (err) {
    console.error(`precompress: ${err.message}`);
    process.exit(1);
  }
}
