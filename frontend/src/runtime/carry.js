// @ts-check
/*
 * The form's text, typed on a page in one language, for the same page in another.
 *
 * Numbers read the same in every language of the course (exercises/core/params.py reads any course
 * language's digits; the separators are the same), so what the learner typed goes across as it is. A
 * text the learner left as it was (a member's name, "Mrs Noy") is that language's default and comes out
 * as the other language's default ("ນາງ ນ້ອຍ"); a name the learner typed stays as typed.
 */

/** @typedef {import("./messages.js").RawInputs} RawInputs */

/**
 * @param {RawInputs} raw   the form's text in the language it was typed in
 * @param {RawInputs} from  that language's default text (the exercise's `defaults`)
 * @param {RawInputs} to    the default text of the language of this page (the exercise's `raw`)
 * @returns {RawInputs}
 */
export function carry(raw, from, to) {
  /** @type {(value: string, was: any, now: any) => string} */
  const one = (value, was, now) => (value === was && typeof now === "string" ? now : value)
  /** @type {RawInputs} */
  const out = {}
  for (const [path, value] of Object.entries(raw)) {
    const was = from[path]
    const now = to[path]
    if (Array.isArray(value))
      out[path] = value.map((row, index) => {
        /** @type {Record<string, string>} */
        const cells = {}
        for (const [column, text] of Object.entries(row))
          cells[column] = one(text, Array.isArray(was) ? was[index]?.[column] : undefined, Array.isArray(now) ? now[index]?.[column] : undefined)
        return cells
      })
    else out[path] = one(value, was, now)
  }
  return out
}
