// @ts-check
/*
 * Material's results for a query with spaceless text (Lao), made exact.
 *
 * lunr found the pages that hold every syllable of the query somewhere; a reader wants the pages
 * that hold what they typed. So: keep the pages (and sections) that contain every run of the
 * query as typed; show each with the passage that has it, marked; and put the runs, whole, in the
 * result's terms, which Material sends to the page as `?h=` for highlighting there. lunr's order
 * is kept. When no page holds the text as typed (a typo, words in another order), lunr's results
 * stay as they are: pages with all the syllables.
 */

/**
 * @typedef {{location: string, title: string, text: string, score: number, terms: Record<string, boolean>}} Item
 * @typedef {{items: Item[][]}} Result
 * @typedef {{location: string, title: string, text: string}} Doc
 */

/**
 * @param {Result} result Material's result
 * @param {string[]} parts what each kept page must contain (query.js exactParts)
 * @param {Map<string, Doc>} docs the documents of the index, by location
 * @param {RegExp} has whether a text has spaceless letters (units.js)
 * @returns {Result}
 */
export function exactResults(result, parts, docs, has) {
  if (!parts.length) return result
  const holds = (/** @type {Doc | undefined} */ doc) => !!doc && parts.every(part => `${doc.title}\n${doc.text}`.includes(part))
  const mark = marker(parts)
  const groups = []
  for (const group of result.items) {
    if (!group.some(item => holds(docs.get(item.location)))) continue
    // the page's own entry stays (Material shows the page above its sections); sections only if they hold the text
    const kept = group.filter(item => !item.location.includes("#") || holds(docs.get(item.location)))
    groups.push(kept.map(item => {
      const doc = docs.get(item.location)
      if (!doc) return item
      const terms = Object.fromEntries(Object.entries(item.terms).filter(([term]) => !has.test(term)))
      for (const part of parts) terms[part] = true
      const passage = holds(doc) ? snippet(doc.text, parts, mark) : null
      return { ...item, title: mark(doc.title), text: passage ?? unmark(item.text, has), terms }
    }))
  }
  return groups.length ? { ...result, items: groups } : result
}

/** @param {string[]} parts */
function marker(parts) {
  const escape = (/** @type {string} */ text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  const pattern = new RegExp([...parts].sort((a, b) => b.length - a.length).map(escape).join("|"), "g")
  return (/** @type {string} */ html) => html.replace(pattern, "<mark>$&</mark>")
}

/** Material's marks on single syllables taken off (its marks on other words stay). */
function unmark(/** @type {string} */ html, /** @type {RegExp} */ has) {
  return html.replace(/<mark>([^<]*)<\/mark>/g, (whole, inner) => (has.test(inner) ? inner : whole))
}

/** A passage longer than this (in characters of text) is cut down to the words around the match. */
export const LONGEST = 300

/**
 * The first two blocks (paragraphs, lists) that hold a part, marked, as Material cuts its snippets;
 * a long one (a whole table reads as one block) only around its first match. Null if no block
 * holds a part (it is in the title only).
 * @param {string} html
 * @param {string[]} parts
 * @param {(html: string) => string} mark
 */
export function snippet(html, parts, mark) {
  const found = blocks(html).filter(block => parts.some(part => block.includes(part))).slice(0, 2)
  return found.length ? found.map(block => mark(around(block, parts))).join("") : null
}

/** A long block as plain text, from a little before its first match to a little after. */
function around(/** @type {string} */ block, /** @type {string[]} */ parts) {
  const text = block.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim()
  if (text.length <= LONGEST) return block
  const [at, length] = parts
    .map(part => [text.indexOf(part), part.length])
    .filter(([i]) => i >= 0)
    .sort((a, b) => a[0] - b[0])[0]
  const before = text.lastIndexOf(" ", Math.max(0, at - LONGEST / 4)) // start and end at spaces
  const start = at > LONGEST / 4 && before >= 0 ? before + 1 : 0
  const after = text.indexOf(" ", Math.max(at + length, start + LONGEST))
  const end = after >= 0 ? after : text.length
  return `<p>${start > 0 ? "… " : ""}${text.slice(start, end)}${end < text.length ? " …" : ""}</p>`
}

/**
 * An index text cut into its top-level elements, with the loose text before each (the way
 * Material's search worker groups text into blocks for its snippets).
 * @param {string} html
 */
export function blocks(html) {
  const out = []
  let start = 0
  let depth = 0
  for (let i = html.indexOf("<"); i >= 0; i = html.indexOf("<", i + 1)) {
    const end = html.indexOf(">", i)
    if (end < 0) break
    if (html[i + 1] === "/") {
      depth = Math.max(0, depth - 1)
      if (depth === 0) {
        out.push(html.slice(start, end + 1))
        start = end + 1
      }
    } else if (html[end - 1] !== "/") depth++
    i = end
  }
  if (html.slice(start).trim()) out.push(html.slice(start))
  return out
}
