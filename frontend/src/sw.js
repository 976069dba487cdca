/*
 * The service worker: the course keeps working without internet after one visit (http(s) only;
 * the page never registers it from file://, where the USB copy works without one).
 *
 * Built per site by scripts/build-sw.mjs, which writes the lists below (__BUILD__):
 *   version   a hash of all the lists: a new build is a new version
 *   core      [{url, revision}]   files every page needs: CSS, JS, fonts, icons, search, offline page
 *   pages     {lang: [{url, revision}]}   each language's pages (and its web app manifest)
 *   keep      [{id, lang, cache, entries: [{url, revision, size, transfer}]}]   what "Keep this
 *             course on this phone" adds: Python (every language) and each language's PDFs
 *             (sessions, group kits, forms; the books of whole parts stay online)
 *
 * What is cached when:
 *   - install: the core and the pages of the languages in the script URL (sw.js?lang=en,lo), by
 *     Workbox precaching (one cache, entries keyed by revision, so an update fetches only what
 *     changed). The page asks for a language the first time it is read (frontend/src/app/offline.js).
 *   - "Keep this course": the page itself downloads a keep group (so it can show progress and
 *     storage errors) into that group's cache, coop-keep-<id>-<hash>. Here those caches are only
 *     read. When a new version installs, kept groups are carried over: unchanged files are copied
 *     from the old cache, changed ones downloaded, before the new version may take over. Python's
 *     group is also filled when a simulation first starts Python (the page's Python worker then keeps
 *     no copy of its own), so the next page with a simulation does not download it again.
 *   - the Latin Extended fonts in bold, italic and code (a few names on the references page) are
 *     cached when first used.
 * A page that is not on the phone, opened without internet, gets the offline page.
 *
 * Messages (answered on the message's port): {type: "INFO"} -> {version, langs, keep};
 * {type: "SKIP_WAITING"} (the page's "Reload" button) makes a waiting version take over.
 */

import { clientsClaim, setCacheNameDetails } from "workbox-core"
import { addPlugins, cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from "workbox-precaching"
import { NavigationRoute, registerRoute, setCatchHandler } from "workbox-routing"
import { CacheFirst, NetworkOnly } from "workbox-strategies"
import { fillGroup, KEEP_PREFIX, kept } from "./app/keep-cache.js"

/* global __BUILD__ */
const BUILD = __BUILD__
for (const group of BUILD.keep) // absolute URLs: the page and this worker use the same cache keys
  for (const entry of group.entries) entry.url = new URL(entry.url, self.location.href).href
const OFFLINE_PAGE = "offline.html"
const FONTS_PREFIX = "coop-fonts"
const FONTS_CACHE = `${FONTS_PREFIX}-${BUILD.version}` // kept while the version is (also when a language is added)

const requested = (new URL(self.location.href).searchParams.get("lang") || "").split(",")
const langs = Object.keys(BUILD.pages).filter(lang => requested.includes(lang))

setCacheNameDetails({ prefix: "coop" })
addPlugins([reuseWhatThePageFetched()])
precacheAndRoute([...BUILD.core, ...langs.flatMap(lang => BUILD.pages[lang])], {
  // Material's search links (?q=, ?h=) open the same page
  ignoreURLParametersMatching: [/^utm_/, /^q$/, /^h$/]
})
cleanupOutdatedCaches()

/**
 * The first visit's page has just downloaded many of the files kept here (CSS, JS, fonts, the
 * search index). Workbox asks the network again (cache: "reload"), to be sure of the revision; here
 * the browser's cache may answer instead, and the bytes are checked against the revision (the
 * start of their SHA-256, scripts/build-sw.mjs): only a copy that does not match is fetched again.
 */
function reuseWhatThePageFetched() {
  const revisions = new Map()
  for (const entry of [...BUILD.core, ...Object.values(BUILD.pages).flat()])
    if (entry.revision) revisions.set(new URL(entry.url, self.location.href).href, entry.revision)
  const hex = buffer => [...new Uint8Array(buffer)].map(byte => byte.toString(16).padStart(2, "0")).join("")
  return {
    requestWillFetch: async ({ request }) => revisions.has(request.url) ? new Request(request, { cache: "default" }) : request,
    fetchDidSucceed: async ({ request, response }) => {
      const revision = revisions.get(request.url)
      if (!revision || !response.ok) return response
      const digest = hex(await crypto.subtle.digest("SHA-256", await response.clone().arrayBuffer()))
      return digest.startsWith(revision) ? response : fetch(request.url, { cache: "reload", credentials: "same-origin" })
    }
  }
}

/* ---- Kept files (Python, PDFs): read from the group's cache, else the network ---------------- */

const neverStore = { cacheWillUpdate: async () => null } // the page fills the PDF caches, not this route
// Python is kept the first time a simulation starts it (else every page with one would download it
// again), under its URL: the one "Keep this course" keeps it under (its name holds its hash); stored
// as "Keep" stores it, with its revision, so the next version copies it instead of downloading it again.
const pythonRevisions = new Map(BUILD.keep.filter(group => group.id === "python")
  .flatMap(group => group.entries.map(entry => [new URL(entry.url).pathname, entry.revision])))
const keepWhenUsed = {
  cacheWillUpdate: async ({ request, response }) => {
    const revision = pythonRevisions.get(new URL(request.url).pathname)
    return response.status === 200 && revision ? kept(await response.blob(), response, revision) : null
  }
}
for (const group of BUILD.keep) {
  const paths = new Set(group.entries.map(entry => new URL(entry.url).pathname))
  registerRoute(
    ({ url }) => url.origin === self.location.origin && paths.has(url.pathname),
    // ignoreSearch: the same file whatever its query (the site's own links never add one)
    new CacheFirst({
      cacheName: group.cache, matchOptions: { ignoreSearch: true },
      plugins: [group.id === "python" ? keepWhenUsed : neverStore]
    })
  )
}

/* ---- Fonts not precached: kept when first used ------------------------------------------------ */

registerRoute(
  ({ url, request }) => request.destination === "font" && url.origin === self.location.origin,
  new CacheFirst({ cacheName: FONTS_CACHE })
)

/* ---- Pages that are not on the phone ---------------------------------------------------------- */

registerRoute(new NavigationRoute(new NetworkOnly()))
setCatchHandler(async ({ request, url }) => {
  // A PDF is downloaded, not shown: an HTML page in its place would be saved as a broken PDF.
  const page = request.destination === "document" && !url.pathname.endsWith(".pdf") && (await matchPrecache(OFFLINE_PAGE))
  if (!page) return Response.error()
  // Shown at the address that failed: its links must start from the site's root.
  const html = (await page.text()).replace('<base href="./">', `<base href="${self.registration.scope}">`)
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8" } })
})

/* ---- Life cycle ------------------------------------------------------------------------------- */

self.addEventListener("install", event => {
  event.waitUntil(carryKeptGroups())
})

self.addEventListener("activate", event => {
  event.waitUntil((async () => {
    const current = new Set(BUILD.keep.map(group => group.cache))
    for (const name of await caches.keys())
      if ((name.startsWith(KEEP_PREFIX) && !current.has(name)) || (name.startsWith(FONTS_PREFIX) && name !== FONTS_CACHE))
        await caches.delete(name)
  })())
})
clientsClaim() // the first visit's page is served from here at once (search, Python)

self.addEventListener("message", event => {
  const type = event.data && event.data.type
  if (type === "SKIP_WAITING") self.skipWaiting()
  else if (type === "INFO") event.ports[0]?.postMessage({ version: BUILD.version, langs, keep: BUILD.keep })
})

/** A file's path without a content hash in its name (name.1a2b3c4d.js): the same file in every version. */
const stablePath = url => new URL(url).pathname.replace(/\.[0-9a-f]{8,}(?=\.)/g, "")

/**
 * A learner who kept the course keeps it across versions: what an older version's group holds is
 * put in this version's cache (copied when it did not change, else downloaded); what it did not
 * hold is not fetched (Python kept on first use holds one way of starting). A download that fails
 * stops the install, and the old version goes on working until the next try, which goes on from
 * what is already there; a phone that is out of space drops the group instead (the page then
 * offers to keep it again, and says why it failed).
 */
async function carryKeptGroups() {
  const names = await caches.keys()
  for (const group of BUILD.keep) {
    const prefix = group.cache.slice(0, group.cache.lastIndexOf("-") + 1)
    const old = names.find(name => name.startsWith(prefix) && name !== group.cache)
    if (!old) continue
    const from = await caches.open(old)
    const held = new Set((await from.keys()).map(request => stablePath(request.url)))
    const carried = { ...group, entries: group.entries.filter(entry => held.has(stablePath(entry.url))) }
    if (!carried.entries.length) continue
    try {
      await fillGroup(carried, { from })
    } catch (error) {
      if (error.name !== "QuotaExceededError") throw error
      await caches.delete(group.cache)
    }
  }
}
