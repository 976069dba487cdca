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

/* global __LAO_TERMS__ */
const TERMS = new Set(__LAO_TERMS__)
const LONGEST = Math.max(1, ...__LAO_TERMS__.map(term => term.length))
const LAO_RUN = /[\u0E80-\u0EFF]+/g
const QUERY = 2 // SearchMessageType.QUERY in Material's search worker protocol

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

export function segmentLao(query, segmenter) {
  return query.replace(LAO_RUN, run => {
    const words = [...segmenter.segment(run)].map(s => s.segment)
    return joinTerms(words).join(" ")
  })
}

function install() {
  const Base = window.Worker
  if (!Base || typeof Intl === "undefined" || !Intl.Segmenter) return
  const segmenter = new Intl.Segmenter("lo", { granularity: "word" })
  class SearchWorker extends Base {
    constructor(url, options) {
      super(url, options)
      this.isSearch = /workers\/search\.[^/]*\.js/.test(String(url))
    }
    postMessage(message, ...rest) {
      if (this.isSearch && message && message.type === QUERY && typeof message.data === "string")
        message = { ...message, data: segmentLao(message.data, segmenter) }
      return super.postMessage(message, ...rest)
    }
  }
  window.Worker = SearchWorker
  window.__coopSegmentLao = query => segmentLao(query, segmenter) // for tests
}

install()
