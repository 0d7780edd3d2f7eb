// The service worker that lets the app open with no network after one visit. It precaches the
// whole app shell (page, wasm, scripts, styles, form schemas, report templates, calendar, icons,
// config), named in a list that scripts/post-build.mjs writes in at build time with each file's
// content hash. A new build is a new worker with a new cache: it waits until the applicant
// chooses 「立即更新」 in the page (public/offline.js), so nothing reloads under their hands, and
// when it takes over it deletes the caches of older builds. It never touches the submission API
// (/v1/) or another origin: submissions keep going through the app's outbox.
//
// A development build (no post-build step) keeps the placeholders below: that worker caches
// nothing, lets every request through and removes itself and any cache a release build left.
const PRECACHE = /*precache*/ [];
const BUILD = /*build*/ "development";
const PREFIX = "zhicheng-app-";
const CACHE = PREFIX + BUILD;
const DEVELOPMENT = BUILD === "development";
// Deployments edit the config in place, so the network's copy wins whenever there is one.
const NETWORK_FIRST = "config.json";
// Where each cache keeps the list of files and revisions it was built from.
const LIST = "__precache.json";

const scopeUrl = (path) => new URL(path, self.registration.scope).href;
const hex = (buffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");

// Files whose names carry a content hash never change, so the browser's HTTP cache (where the
// page's own first load put them) may answer; any other file is revalidated with the server.
const hashedName = (path) => /-[0-9a-f]{10,16}(_bg)?\.[a-z]+$/.test(path);

async function fetchOnce(path, revision, cache) {
  const response = await fetch(scopeUrl(path), { cache, credentials: "same-origin" });
  if (!response.ok || response.redirected) throw new Error(`precache: ${path} answered ${response.status}`);
  if (path === NETWORK_FIRST) return response;
  const digest = hex(await crypto.subtle.digest("SHA-256", await response.clone().arrayBuffer()));
  if (!digest.startsWith(revision)) throw new Error(`precache: ${path} does not match this build`);
  return response;
}

// A file that does not match its hash is asked for once more past every cache (the browser's
// copy may be damaged). If it still does not match, a deployment is being copied in the middle
// of this install and would mix two builds: the install fails, and the next update check
// installs a consistent build.
async function fetchChecked(path, revision) {
  try {
    return await fetchOnce(path, revision, hashedName(path) ? "default" : "no-cache");
  } catch {
    return fetchOnce(path, revision, "reload");
  }
}

// Files unchanged since a build already cached are copied from that build's cache, not
// downloaded again: each cache keeps the list it was built from.
async function previousBuilds() {
  const builds = [];
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === CACHE) continue;
    const cache = await caches.open(name);
    const list = await cache.match(scopeUrl(LIST));
    if (list) builds.push({ cache, revisions: new Map(await list.json()) });
  }
  return builds;
}

async function precache() {
  const cache = await caches.open(CACHE);
  const builds = await previousBuilds();
  const copies = await Promise.all(
    PRECACHE.map(async ([path, revision]) => {
      for (const build of path === NETWORK_FIRST ? [] : builds) {
        const copy = build.revisions.get(path) === revision ? await build.cache.match(scopeUrl(path)) : undefined;
        if (copy) return [path, copy];
      }
      return [path, await fetchChecked(path, revision)];
    }),
  );
  // Stored only once every file has arrived and matched: a cache is all of one build or nothing.
  for (const [path, response] of copies) await cache.put(scopeUrl(path), response);
  await cache.put(scopeUrl(LIST), new Response(JSON.stringify(PRECACHE), { headers: { "Content-Type": "application/json" } }));
}

async function removeOlderBuilds() {
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
  }
}

self.addEventListener("install", (event) => {
  if (DEVELOPMENT) {
    event.waitUntil(self.skipWaiting());
    return;
  }
  event.waitUntil(precache());
});

self.addEventListener("activate", (event) => {
  if (DEVELOPMENT) {
    event.waitUntil(removeOlderBuilds().then(() => caches.delete(CACHE)).then(() => self.registration.unregister()));
    return;
  }
  // The first build to install takes the open page at once, so that it works offline without a
  // reload; a later one gets here only after the applicant chose to update.
  event.waitUntil(removeOlderBuilds().then(() => self.clients.claim()));
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "skip-waiting") self.skipWaiting();
});

const precached = new Set(PRECACHE.map(([path]) => scopeUrl(path)));

async function fromCacheFirst(url) {
  return (await caches.match(url, { cacheName: CACHE })) ?? fetch(url);
}

async function fromNetworkFirst(request, url) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(url, response.clone());
    return response;
  } catch (offline) {
    const copy = await cache.match(url);
    if (copy) return copy;
    throw offline;
  }
}

self.addEventListener("fetch", (event) => {
  if (DEVELOPMENT) return;
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const scope = new URL(self.registration.scope);
  const path = url.pathname.startsWith(scope.pathname) ? url.pathname.slice(scope.pathname.length) : null;
  if (path === null || path.startsWith("v1/")) return;
  // Every address of the app (`?form=…`, `?draft=…`) is the one page of this build.
  if (request.mode === "navigate") {
    if (path === "" || path === "index.html") event.respondWith(fromCacheFirst(scopeUrl("index.html")));
    return;
  }
  const bare = scopeUrl(path);
  if (path === NETWORK_FIRST) event.respondWith(fromNetworkFirst(request, bare));
  else if (precached.has(bare)) event.respondWith(fromCacheFirst(bare));
});
