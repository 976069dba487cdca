// @ts-check
/*
 * Cutting text of scripts written without spaces (Lao; any language of the registry with
 * `spaceless`) into the pieces the search index holds.
 *
 * A piece is a syllable by the language's spelling rules (the registry's `syllable` pattern), or,
 * for a language without one, a word of the browser's word breaker (Intl.Segmenter for
 * `segmenter`). The search worker cuts the pages' text and the reader's query with the same
 * function, so both sides agree whatever dictionary a segmenter has: a reader's word, a part of a
 * compound or two words typed without a space are all runs of whole syllables.
 * Why syllables: ARCHITECTURE.md, "Search", has the measurements.
 */

/**
 * @typedef {{spaceless: string, syllable?: string, segmenter: string}} LanguageInfo
 * @typedef {{run: RegExp, has: RegExp, units(run: string): string[], pieces(token: string): string[]}} Cutter
 */

/**
 * The cutter for every spaceless script of `languages` (the registry, exercises/core/languages.py).
 * @param {LanguageInfo[]} languages
 * @returns {Cutter}
 */
export function makeCutter(languages) {
  const spaceless = languages.filter(language => language.spaceless)
  const letters = spaceless.map(language => language.spaceless).join("") || "^\\s\\S" // none: matches nothing
  const scripts = spaceless.map(language => ({
    script: new RegExp(`^[${language.spaceless}]`),
    cut: language.syllable ? byPattern(language.syllable) : byWords(language.segmenter)
  }))
  const run = new RegExp(`[${letters}]+`, "g")
  const units = (/** @type {string} */ text) => (scripts.find(s => s.script.test(text)) || scripts[0]).cut(text)
  return {
    /** Every run of spaceless letters (a global pattern: use with replace or matchAll). */
    run,
    /** Whether a text has any spaceless letters. */
    has: new RegExp(`[${letters}]`),
    /** A run's pieces, in order; joined they give the run back. */
    units,
    /** A token as the index holds it: spaceless runs cut into pieces, anything else whole. */
    pieces: token => token.split(new RegExp(`([${letters}]+)`)).flatMap((part, i) => (i % 2 ? units(part) : part ? [part] : []))
  }
}

/** @param {string} pattern */
function byPattern(pattern) {
  const unit = new RegExp(pattern, "g")
  return (/** @type {string} */ run) => run.match(unit) || [run]
}

/** @param {string} locale */
function byWords(locale) {
  const words = new Intl.Segmenter(locale, { granularity: "word" })
  return (/** @type {string} */ run) => [...words.segment(run)].map(piece => piece.segment)
}
