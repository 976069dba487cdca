/*
 * Lao search queries: split a Lao query into words before it reaches the search index.
 *
 * Lao is written without spaces between words. At build time the Lao text of the search index
 * is split with ICU and the words are separated by U+200B (hooks/lao_search.py). Here the
 * learner's query is split the same way — Intl.Segmenter uses ICU too — and the same project
 * terms (glossary words, loanwords) are joined back, so a query typed without spaces matches.
 *
 * Material for MkDocs sends queries to its search worker with postMessage; this wraps Worker (or
 * the iframe-worker shim's stand-in on file://, which is why it must load after the shim) and
 * rewrites only the search worker's query messages.
 */

import { loadScript } from "./load-script.js"

/* global __LAO_TERMS__, __LANGUAGES__ */
const TERMS = new Set(__LAO_TERMS__)
const LONGEST = Math.max(1, ...__LAO_TERMS__.map(term => term.length))
/** Scripts written without spaces, from the language registry (exercises/core/languages.py): Lao now. */
const SPACELESS = __LANGUAGES__.filter(language => language.spaceless)
const LETTERS = SPACELESS.map(language => language.spaceless).join("")
const RUN = new RegExp(`[${LETTERS}]+`, "g")
const ANY = new RegExp(`[${LETTERS}]`)
const QUERY = 2 // SearchMessageType.QUERY / .RESULT in Material's search worker protocol
const RESULT = 3
const SITE = new URL("../../", document.currentScript ? document.currentScript.src : location.href)

/** Join consecutive segments that together spell a project term (longest match first). */
export function joinTerms(segments) {
  const out = []
  for (let i = 0; i < segments.length;) {
    let taken = 1
    let text = segments[i]
    for (let j = i + 1, joined = segments[i]; j < segments.length; j++) {
      joined += segments[j]
      if (joined.length > LONGEST) break
      if (TERMS.has(joined)) { taken = j - i + 1; text = joined }
    }
    out.push(text)
    i += taken
  }
  return out
}

/**
 * Split a run of Lao letters into the words of the search index.
 *
 * Chromium's Intl.Segmenter does not always cut where ICU's dictionary did at build time (it splits
 * ກວດສອບ into ກວດ|ສອບ, for one), so the query is matched against the index's own words, longest
 * first — the words the build wrote into search/lao_words.js. Where no index word fits, the
 * browser's segmenter decides (those letters are in no page anyway).
 */
export function splitRun(run, vocabulary, longest, segmenter) {
  const fallback = new Set([...segmenter.segment(run)].map(s => s.index).concat(run.length))
  const out = []
  for (let i = 0; i < run.length;) {
    let size = 0
    for (let n = Math.min(longest, run.length - i); n > 0; n--)
      if (vocabulary.has(run.slice(i, i + n))) { size = n; break }
    if (!size) {
      size = 1
      while (i + size < run.length && !fallback.has(i + size)) size++
    }
    out.push(run.slice(i, i + size))
    i += size
  }
  return out
}

export function segmentLao(query, segmenter, vocabulary = null, longest = 0) {
  return query.replace(RUN, run => {
    const words = vocabulary
      ? splitRun(run, vocabulary, longest, segmenter)
      : joinTerms([...segmenter.segment(run)].map(s => s.segment))
    return words.join(" ")
  })
}

/** The index's Lao words, loaded (as a classic script, so file:// works) the first time they are needed. */
let vocabulary = null
let longestWord = 0
let loading = null
function loadVocabulary() {
  if (!loading)
    loading = loadScript(new URL("search/lao_words.js", SITE).href).then(() => {
      const words = (self.__coopLaoWords || "").split(" ").filter(Boolean)
      vocabulary = new Set(words)
      longestWord = Math.max(1, ...words.map(w => w.length))
    }, () => {}) // no vocabulary: Intl.Segmenter alone still splits the query
  return loading
}

/** A copy of a search result message without the U+200B the index uses between Lao words. */
function withoutZwsp(value) {
  if (typeof value === "string") return value.replace(/\u200b/g, "")
  if (Array.isArray(value)) return value.map(withoutZwsp)
  if (value && typeof value === "object") {
    const copy = {}
    for (const [key, item] of Object.entries(value)) copy[key] = withoutZwsp(item)
    return copy
  }
  return value
}

function install() {
  const Base = window.Worker
  if (!Base || typeof Intl === "undefined" || !Intl.Segmenter) return
  // One word breaker per spaceless script; a run is split by the one of its language.
  const breakers = SPACELESS.map(language => ({
    script: new RegExp(`^[${language.spaceless}]+$`),
    segmenter: new Intl.Segmenter(language.segmenter, { granularity: "word" })
  }))
  const segmenter = { segment: run => (breakers.find(b => b.script.test(run)) || breakers[0]).segmenter.segment(run) }
  class SearchWorker extends Base {
    constructor(url, options) {
      super(url, options)
      this.isSearch = /workers\/search\.[^/]*\.js/.test(String(url))
      if (this.isSearch) window.__coopSearchWorker = this // tests query the index through it
    }
    postMessage(message, ...rest) {
      if (!(this.isSearch && message && message.type === QUERY && typeof message.data === "string"))
        return super.postMessage(message, ...rest)
      const send = () => super.postMessage({ ...message, data: segmentLao(message.data, segmenter, vocabulary, longestWord) }, ...rest)
      if (vocabulary || !ANY.test(message.data)) return send()
      const ticket = (this.ticket = (this.ticket || 0) + 1)
      loadVocabulary().then(() => { if (ticket === this.ticket) send() }) // only the latest query counts
    }
    // Results reach Material without the zero-width spaces: snippets copy and read cleanly.
    addEventListener(type, listener, options) {
      if (!this.isSearch || type !== "message" || typeof listener !== "function")
        return super.addEventListener(type, listener, options)
      const clean = event => listener.call(this, event.data && event.data.type === RESULT
        ? new MessageEvent("message", { data: withoutZwsp(event.data) })
        : event)
      return super.addEventListener(type, clean, options)
    }
  }
  window.Worker = SearchWorker
  window.__coopSegmentLao = async query => { await loadVocabulary(); return segmentLao(query, segmenter, vocabulary, longestWord) } // for tests
}

install()
