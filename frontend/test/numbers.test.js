// Unit tests of the worksheets' number reading (frontend/src/runtime/numbers.js): `node --test frontend/test`.
// The cases are those of the simulations' Python (exercises/core/params.py, tests/test_engine.py): the same
// text must read as the same number, or fail with the same kind of message.
import assert from "node:assert/strict"
import { test } from "node:test"

import { checkNumber, readNumber, writeNumber } from "../src/runtime/numbers.js"

const EN = { code: "en", digits: "0123456789", group: ",", decimal: "." }
const LO = { code: "lo", digits: "໐໑໒໓໔໕໖໗໘໙", group: ",", decimal: "." }
const LANGUAGES = [EN, LO]

test("reads numbers as the simulations do", () => {
  const cases = {
    "2500": "2500", "2,500": "2500", "2 500": "2500", " 1,234,567 ": "1234567", "1.25": "1.25",
    "−3": "-3", "-3": "-3", ".5": "0.5", "໒,໕໐໐": "2500", "໑.໕": "1.5", "1\u00a0000": "1000"
  }
  for (const [typed, value] of Object.entries(cases)) assert.deepEqual(readNumber(typed, LANGUAGES), { value }, typed)
})

test("says why a text is not a number", () => {
  assert.deepEqual(readNumber("1,5", LANGUAGES), { error: "decimal_comma" })
  for (const bad of ["abc", "12a", "1,50,0", "", "2..5", "ສອງພັນ"]) assert.deepEqual(readNumber(bad, LANGUAGES), { error: "not_number" }, bad)
})

test("checks bounds and decimals", () => {
  const show = value => writeNumber(value, EN)
  assert.equal(checkNumber("5", { min: "1", max: "10" }, show), null)
  assert.deepEqual(checkNumber("0", { min: "1", max: "10" }, show), { error: "too_small", values: { min: "1" } })
  assert.deepEqual(checkNumber("20000", { min: "1", max: "10000" }, show), { error: "too_big", values: { max: "10,000" } })
  assert.deepEqual(checkNumber("1.5", {}, show), { error: "whole_number" })
  assert.equal(checkNumber("1.50", { decimals: 1 }, show), null)
  assert.deepEqual(checkNumber("1.55", { decimals: 1 }, show), { error: "decimals", values: { n: "1" } })
})

test("writes numbers with the language's separators", () => {
  assert.equal(writeNumber("1234567.5", EN), "1,234,567.5")
  assert.equal(writeNumber("-2500", LO), "−2,500")
  assert.equal(writeNumber("0.5", EN), "0.5")
  assert.equal(writeNumber("007", EN), "7")
})
