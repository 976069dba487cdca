// @ts-check
/*
 * The reader's query, as Material's lunr worker gets it, and the text the results must contain.
 *
 * lunr has no phrase search. A run of Lao letters becomes its syllables, each one required and
 * matched as a prefix (`+ສະ* +ຫະ* +ກອນ*`); the results then keep only the pages that hold the
 * run exactly as typed (results.js). The first syllable is not required, and its tails are asked
 * for too: where a word boundary falls inside one of our syllables (ດີ|ກວ່າ read as ດີກ|ວ່າ), a
 * query that starts at that boundary still finds the page.
 */

/** @typedef {import("./units.js").Cutter} Cutter */

const LETTER = /\p{L}/u // a piece starts at a letter, never at a combining mark

/**
 * The query for lunr (Material then appends `*` to the terms without `+`).
 * @param {string} query
 * @param {Cutter} cutter
 */
export function lunrQuery(query, cutter) {
  return query.replace(cutter.run, run => {
    const [first, ...rest] = cutter.units(run)
    return [...tails(first), ...rest.map(unit => `+${unit}*`)].join(" ")
  })
}

/**
 * A piece and its tails from every letter on (a combining mark cannot start a piece).
 * @param {string} piece
 */
function tails(piece) {
  const out = [piece]
  for (let i = 1; i < piece.length; i++) if (LETTER.test(piece[i])) out.push(piece.slice(i))
  return out
}

/**
 * What the results must contain: every run of spaceless letters, as typed.
 * @param {string} query
 * @param {Cutter} cutter
 * @returns {string[]}
 */
export function exactParts(query, cutter) {
  return [...new Set(query.match(cutter.run) || [])]
}
