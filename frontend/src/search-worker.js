/*
 * The search worker: Material's own (lunr), given one language's documents and taught to cut
 * scripts written without spaces into syllables.
 *
 * search-page.js starts this file instead of Material's worker, when a reader first opens search,
 * and adds to Material's SETUP message where Material's worker and the language's documents are
 * (search/index.<code>.<hash>.js, written by coopsite/search.py). Here, before Material's worker sees a
 * message:
 *   SETUP   load Material's worker and the documents (importScripts: a worker on http, the
 *           iframe-worker shim's stand-in on file://), give lunr our cutter, pass the documents on;
 *   QUERY   cut the query's Lao runs into syllables (search/query.js);
 *   RESULT  (on the way out) keep the pages that hold the query as typed, marked (search/results.js).
 * Material's worker reads `lunr.TinySegmenter` (its Japanese segmenter's hook) to cut index words:
 * we put our cutter there, so the pages' text needs no separators and positions stay exact.
 */

import { lunrQuery, exactParts } from "./search/query.js"
import { exactResults } from "./search/results.js"
import { makeCutter } from "./search/units.js"

/* global __LANGUAGES__ */
const SETUP = 0 // Material's SearchMessageType
const QUERY = 2
const RESULT = 3
const DOCS = "__coopSearchDocs" // coopsite/search.py DOCS_VARIABLE

const cutter = makeCutter(__LANGUAGES__)
/** @type {Map<string, {location: string, title: string, text: string}>} */
const docs = new Map()
/** The typed text of the queries on their way through Material's worker, oldest first. */
const asked = []
/** Messages we pass on to Material's worker (its listener comes after ours). */
const passed = new WeakSet()
let setup = null

self.addEventListener("message", event => {
  if (passed.has(event.data)) return
  event.stopImmediatePropagation()
  handle(event.data).catch(error => console.error("search:", error))
})

const post = self.postMessage.bind(self)
self.postMessage = (message, ...rest) => {
  if (message && message.type === RESULT) {
    const query = asked.shift() || ""
    message = { ...message, data: exactResults(message.data, exactParts(query, cutter), docs, cutter.has) }
  }
  return post(message, ...rest)
}

async function handle(message) {
  if (message && message.type === SETUP) {
    setup = load(message.data.coop)
    const list = await setup
    return pass({ ...message, data: { ...message.data, docs: list } })
  }
  await setup
  if (message && message.type === QUERY && typeof message.data === "string") {
    asked.push(message.data)
    return pass({ ...message, data: lunrQuery(message.data, cutter) })
  }
  pass(message)
}

/** Material's worker and one language's documents. */
async function load({ worker, index }) {
  await importScripts(worker) // a promise from the iframe-worker shim, nothing in a real worker
  await importScripts(index)
  const lunr = self.lunr
  lunr.TinySegmenter = function () {}
  lunr.TinySegmenter.prototype.ctype_ = token => (cutter.has.test(token) ? "M" : "O")
  lunr.TinySegmenter.prototype.segment = token => cutter.pieces(token)
  const list = self[DOCS] || []
  for (const doc of list) docs.set(doc.location, doc)
  return list
}

function pass(message) {
  if (message && typeof message === "object") passed.add(message)
  self.dispatchEvent(new MessageEvent("message", { data: message }))
}
