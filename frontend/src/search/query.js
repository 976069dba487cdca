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
    return [...tails(first, cutter), ...rest.map(unit => `+${unit}*`)].join(" ")
  })
}

/**
 * A piece and its tails that could be pieces themselves: from a letter (not a combining mark), and
 * not cut down to one lone letter at their start (ວ່າ from ກວ່າ, not າ).
 * @param {string} piece
 * @param {Cutter} cutter
 */
function tails(piece, cutter) {
  const out = [piece]
  for (let i = 1; i < piece.length; i++) {
    const tail = piece.slice(i)
    if (LETTER.test(tail[0]) && cutter.units(tail)[0].length > 1) out.push(tail)
  }
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
