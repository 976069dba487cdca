/*
 * The caches behind "Keep this course on this phone", shared by the page (which downloads, with
 * progress) and the service worker (which carries a kept course over to a new version).
 *
 * A keep group (from the service worker's build lists) is {id, lang, cache, entries}, each entry
 * {url (absolute), revision, size (bytes on the phone), transfer (bytes over the network)}. Its
 * cache name ends with a hash of its entries, so a new version of the group is a new cache.
 */

export const KEEP_PREFIX = "coop-keep-"
export const REVISION = "X-Coop-Revision"

/** The entries of `group` that are not in its cache yet. Asking creates no cache: an empty one would
 * count as "kept" when the next version carries kept groups over (frontend/src/sw.js). */
export async function missing(group) {
  if (!(await caches.has(group.cache))) return [...group.entries]
  const cache = await caches.open(group.cache)
  const absent = []
  for (const entry of group.entries) if (!(await cache.match(entry.url))) absent.push(entry)
  return absent
}

/**
 * Put every entry of `group` in its cache: from `from` (an older version's cache) when the file
 * did not change, else from the network. `onBytes(n)` is told of every n bytes that arrive.
 * Throws on a network error (what is already stored stays) or a full phone (QuotaExceededError).
 */
export async function fillGroup(group, { from = null, onBytes = () => {} } = {}) {
  const cache = await caches.open(group.cache)
  for (const entry of group.entries) {
    if (await cache.match(entry.url)) continue
    const old = from && (await from.match(entry.url))
    if (old && old.headers.get(REVISION) === entry.revision) {
      await cache.put(entry.url, old)
      onBytes(entry.size)
    } else {
      await cache.put(entry.url, await download(entry, onBytes))
    }
  }
}

async function download(entry, onBytes) {
  const response = await fetch(entry.url, { cache: "no-cache" })
  if (!response.ok) throw new Error(`${entry.url}: HTTP ${response.status}`)
  const reader = response.body.getReader()
  const chunks = []
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    onBytes(value.byteLength)
  }
  return kept(new Blob(chunks), response, entry.revision)
}

/** What a keep cache stores for a file: its bytes, its type and its revision (nothing else of the
 * network's headers, so every copy reads alike, whoever stored it). */
export function kept(body, response, revision) {
  const type = response.headers.get("Content-Type") || "application/octet-stream"
  return new Response(body, { headers: { "Content-Type": type, [REVISION]: revision } })
}
