// @ts-check
/*
 * Numbers a person types, read by the rules of the simulations (exercises/core/params.py, _number_text):
 * "2,500", "2 500", "1.25", a minus sign, and the digits of every language of the course (Lao ໒໕໐໐).
 * The simulations read numbers in Python; the worksheets check theirs on the page, as they are typed,
 * so the same rules are written here (frontend/test/numbers.test.js holds both to the same cases).
 */

/**
 * @typedef {{code: string, digits: string, group: string, decimal: string, default?: boolean}} Language
 * @typedef {{value: string} | {error: string, values?: Record<string, string>}} Reading
 */

const GROUPED = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/
const PLAIN = /^-?\d+(\.\d+)?$|^-?\.\d+$/

/**
 * Read `raw` as a number: {value: "2500"} (a plain decimal string) or {error: messageKey}.
 * @param {string} raw
 * @param {Language[]} languages  every language's digits are read as 0–9
 * @returns {Reading}
 */
export function readNumber(raw, languages) {
  let text = String(raw).trim()
  for (const language of languages)
    [...language.digits].forEach((digit, index) => { text = text.split(digit).join(String(index)) })
  text = text.replace(/\u2212/g, "-").replace(/[\u00a0\u202f]/g, " ").replace(/(?<=\d) (?=\d{3}\b)/g, ",")
  if (GROUPED.test(text)) text = text.replace(/,/g, "")
  else if (!PLAIN.test(text)) return { error: /^-?\d+,\d{1,2}$/.test(text) ? "decimal_comma" : "not_number" }
  return { value: text.startsWith(".") || text.startsWith("-.") ? text.replace(".", "0.") : text }
}

/**
 * Check a read number against a field's bounds and decimals: null (fine) or {error, values}.
 * @param {string} value  from readNumber
 * @param {{min?: string|null, max?: string|null, decimals?: number}} rules
 * @param {(value: string) => string} show  how the page writes a bound
 */
export function checkNumber(value, rules, show) {
  const places = (value.split(".")[1] || "").replace(/0+$/, "").length
  const decimals = rules.decimals ?? 0
  if (places > decimals) return decimals === 0 ? { error: "whole_number" } : { error: "decimals", values: { n: String(decimals) } }
  if (rules.min != null && Number(value) < Number(rules.min)) return { error: "too_small", values: { min: show(rules.min) } }
  if (rules.max != null && Number(value) > Number(rules.max)) return { error: "too_big", values: { max: show(rules.max) } }
  return null
}

/**
 * A plain decimal string written with the language's separators: "1234567.5" → "1,234,567.5".
 * @param {string} value
 * @param {Language} language
 */
export function writeNumber(value, language) {
  const negative = value.startsWith("-")
  const [whole, part] = value.replace("-", "").split(".")
  const grouped = whole.replace(/^0+(?=\d)/, "").replace(/\B(?=(\d{3})+(?!\d))/g, language.group)
  return (negative ? "−" : "") + grouped + (part ? language.decimal + part : "")
}
