// Pathway Planner's service worker: after one visit the whole site works with no connection.
//
// This file is a template. The release build (scripts/service-worker.mjs, run by
// scripts/post-build.mjs) writes it into dist/ with VERSION and FILES filled in from the files it
// built, so no list here is kept by hand; development builds have no worker.
//
// - install: every built file is saved into a cache named after VERSION (see HASHED).
// - fetch: files of this site are answered from that cache first; a page load (navigation) gets
//   the cached index.html, since every page of the app is an address after '#'.
// - A new version waits until the page asks it to take over ('skip-waiting', sent when the user
//   chooses to reload), so an open page never mixes files of two versions.
// - activate: caches of older versions are deleted.
// Paths are relative to the worker's scope, so the site works from any folder.

const VERSION = '__VERSION__';
const FILES = __FILES__;
const PREFIX = 'pathway-planner-';
const CACHE = PREFIX + VERSION;

const scoped = (file) => new URL(file, self.registration.scope).href;

// Files named with their content's hash (trunk's `name-<16 hex>.ext`) never change, so the copy
// the page has just loaded from the browser's HTTP cache is taken as it is, and a first visit
// downloads nothing twice. Any other file (index.html, the manifest, the icons) is revalidated
// with the server, so a new version never caches an older page.
const HASHED = /-[0-9a-f]{16}(_bg)?\.[a-z]+$/;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) =>
        cache.addAll(FILES.map((file) => new Request(scoped(file), { cache: HASHED.test(file) ? 'default' : 'no-cache' }))),
      ),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith(PREFIX) && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
  if (event.data === 'version' && event.source) event.source.postMessage({ version: VERSION });
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(self.registration.scope)) return;
  const navigation = request.mode === 'navigate';
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(navigation ? scoped('index.html') : request, { ignoreSearch: navigation }))
      .then((hit) => hit ?? fetch(request)),
  );
});
