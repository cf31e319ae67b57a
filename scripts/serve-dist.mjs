#!/usr/bin/env node
// A small static server for the built site (dist/), on loopback only, that serves the
// precompressed copies the post-build hook writes (`<file>.br`, `<file>.gz`) when the request
// accepts them, as a static host configured for precompressed files would: Content-Encoding set,
// Content-Type that of the original file (application/wasm for the wasm), Vary: Accept-Encoding.
// Used by the end-to-end suite (tests/e2e/lib.mjs) and by scripts/lighthouse.sh.
//
// As a module:  const server = await startServer({ root, port, host });   // server.url, .close()
// By hand:      node scripts/serve-dist.mjs [DIST_DIR] [--port N]         (default dist/, port 8080)
//
// Not a production server: no caching headers (Cache-Control: no-store), no ranges.

import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
};

/** A file trunk named with its content's hash: `name-<16 hex>.ext` (the wasm `…_bg.wasm`). */
export const HASHED = /-[0-9a-f]{16}(_bg)?\.[a-z]+$/;

// Precompressed copies, best first.
const ENCODINGS = [
  ['br', '.br'],
  ['gzip', '.gz'],
];

/** Whether an Accept-Encoding header accepts `coding` (named with q > 0, or `*` with q > 0 and not named). */
export function accepts(header, coding) {
  const q = new Map();
  for (const part of String(header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qv = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    q.set(name, qv ? Number(qv.slice(2)) : 1);
  }
  return (q.get(coding) ?? q.get('*') ?? 0) > 0;
}

/**
 * Serves `root` on `host` (127.0.0.1) at `port` (0: a free one), as the folder `folder` of the
 * site (default '/': the site's root; the suite also serves it deeper, as a host might). With
 * `immutable`, files named with their hash may be cached for a year, as in production; otherwise
 * nothing is cached. Returns
 * { origin, url, port, requests, close }; `requests` records every request served
 * ({ method, path, status, encoding }).
 */
export async function startServer({ root = path.join(REPO_ROOT, 'dist'), port = 0, host = '127.0.0.1', folder = '/', immutable = false } = {}) {
  if (!folder.startsWith('/') || !folder.endsWith('/')) throw new Error(`folder must start and end with '/': ${folder}`);
  const index = path.join(root, 'index.html');
  if (!fs.existsSync(index)) {
    throw new Error(`${index} not found: run 'trunk build --release' first (or set DIST_DIR).`);
  }
  const rootReal = fs.realpathSync(root);
  const requests = [];
  const server = http.createServer(async (req, res) => {
    const send = (status, body, headers = {}) => {
      requests.push({ method: req.method, path: req.url, status, encoding: headers['Content-Encoding'] ?? null });
      res.writeHead(status, {
        'Content-Type': 'text/plain; charset=utf-8',
        'Cache-Control': 'no-store',
        'Content-Length': Buffer.byteLength(body),
        // What the README's hosting section asks of a host: the page may not be framed, and no
        // file is read as anything but its declared type.
        'Content-Security-Policy': "frame-ancestors 'none'",
        'X-Content-Type-Options': 'nosniff',
        ...headers,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
      let pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
      if (!pathname.startsWith(folder)) return send(404, 'not found');
      pathname = pathname.slice(folder.length - 1);
      if (pathname.endsWith('/')) pathname += 'index.html';
      const file = path.resolve(rootReal, '.' + pathname);
      if (file !== rootReal && !file.startsWith(rootReal + path.sep)) return send(403, 'forbidden');
      const isFile = async (f) => (await fsp.stat(f).catch(() => null))?.isFile() ?? false;
      if (!(await isFile(file))) return send(404, 'not found');
      const headers = {
        'Content-Type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        Vary: 'Accept-Encoding',
        // As the README asks of a host: files named with their hash never change.
        ...(immutable && HASHED.test(file) ? { 'Cache-Control': 'max-age=31536000, immutable' } : {}),
      };
      for (const [coding, suffix] of ENCODINGS) {
        if (accepts(req.headers['accept-encoding'], coding) && (await isFile(file + suffix))) {
          return send(200, await fsp.readFile(file + suffix), { ...headers, 'Content-Encoding': coding });
        }
      }
      send(200, await fsp.readFile(file), headers);
    } catch (err) {
      send(500, String(err));
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actualPort = server.address().port;
  const origin = `http://${host}:${actualPort}`;
  return {
    origin,
    url: `${origin}${folder}`,
    port: actualPort,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

// Run by hand: serve until interrupted.
if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  let port = 8080;
  let root = path.join(REPO_ROOT, 'dist');
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--port') port = Number(args[++i]);
    else root = path.resolve(args[i]);
  }
  try {
    const server = await startServer({ root, port });
    console.log(`serve-dist: ${path.relative(process.cwd(), root) || '.'} at ${server.url} (precompressed .br/.gz when accepted); Ctrl-C stops`);
    for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close().then(() => process.exit(0)));
  } catch (err) {
    console.error(`serve-dist: ${err.message}`);
    process.exit(1);
  }
}
