// Unit tests of search's cutting, query and results (frontend/src/search/): `node --test frontend/test`.
//
// The languages are the registry's (exercises/core/languages.py, read through Python as the build
// does). The browser tests (tests/test_search_lao.py) run the same code in Chromium on the built site.
import assert from "node:assert/strict"
import { execFileSync } from "node:child_process"
import { existsSync } from "node:fs"
import { describe, test } from "node:test"

import { exactParts, lunrQuery } from "../src/search/query.js"
import { blocks, exactResults, snippet } from "../src/search/results.js"
import { makeCutter } from "../src/search/units.js"

const python = existsSync(".venv/bin/python") ? ".venv/bin/python" : "python3"
const LANGUAGES = JSON.parse(
  execFileSync(python, ["-c", "from exercises.core.languages import as_json; print(as_json())"], { encoding: "utf8" })
)
const cutter = makeCutter(LANGUAGES)
const spaceless = LANGUAGES.find(language => language.spaceless)

describe("cutting", () => {
  test("a run of Lao letters into syllables, joined back whole", () => {
    assert.deepEqual(cutter.units("ສະຫະກອນກາເຟ"), ["ສະ", "ຫະ", "ກອນ", "ກາ", "ເຟ"])
    assert.deepEqual(cutter.units("ຄຳນິຍາມ"), ["ຄຳ", "ນິ", "ຍາມ"])
    for (const run of ["ເອົາໃຈໃສ່", "ໂປຣແກຣມໄພທອນ", "ກວດສອບ"]) assert.equal(cutter.units(run).join(""), run)
  })

  test("a token of the index: Lao cut, anything else whole, scripts apart", () => {
    assert.deepEqual(cutter.pieces("ກອງກາເຟລວມpool"), ["ກອງ", "ກາ", "ເຟ", "ລວມ", "pool"])
    assert.deepEqual(cutter.pieces("Fairtrade"), ["Fairtrade"])
    assert.ok(cutter.has.test("a ກ") && !cutter.has.test("abc"))
  })

  test("a language without a syllable pattern is cut into the browser's words", () => {
    const words = makeCutter([{ ...spaceless, syllable: "" }])
    assert.deepEqual(words.units("ສະຫະກອນກາເຟ"), ["ສະຫະກອນ", "ກາເຟ"])
  })

  test("no spaceless language: nothing is cut", () => {
    const none = makeCutter(LANGUAGES.filter(language => !language.spaceless))
    assert.deepEqual(none.pieces("ກາເຟ coffee"), ["ກາເຟ coffee"])
    assert.equal(lunrQuery("coffee price", none), "coffee price")
  })
})

describe("the query", () => {
  test("syllables required after the first; the first and its tails optional", () => {
    assert.equal(lunrQuery("ນິຍາມ", cutter), "ນິ +ຍາມ*")
    assert.equal(lunrQuery("ກວ້າງ", cutter), "ກວ້າງ ວ້າງ") // finds ດີກ|ວ້າງ too, where the cutter read ດີກ
    assert.equal(lunrQuery("price ລາຄາ", cutter), "price ລາ +ຄາ*")
  })

  test("the parts results must hold: each Lao run as typed", () => {
    assert.deepEqual(exactParts("ລາຄາ ໜ້າສວນ price ລາຄາ", cutter), ["ລາຄາ", "ໜ້າສວນ"])
    assert.deepEqual(exactParts("price", cutter), [])
  })
})

describe("results", () => {
  const docs = new Map(
    [
      { location: "lo/a.html", title: "ຄຳນິຍາມ", text: "<p>ສະຫະກອນ ມີຄຳນິຍາມດຽວ</p><p>ອື່ນ</p>" },
      { location: "lo/a.html#x", title: "ຫົວ", text: "<p>ນິ ແລະ ຍາມ ຢູ່ຫ່າງກັນ</p>" },
      { location: "lo/b.html", title: "ບີ", text: "<p>ນິ ... ຍາມ</p>" }
    ].map(doc => [doc.location, doc])
  )
  const item = (location, score) => ({ location, title: "", text: "<mark>ນິ</mark> <mark>Fair</mark>", score, terms: { ນິ: true, fair: true } })
  const result = { items: [[item("lo/a.html#x", 3), item("lo/a.html", 2)], [item("lo/b.html", 1)]] }

  test("pages that hold the text as typed, the page's own entry kept, the text marked", () => {
    const exact = exactResults(result, ["ນິຍາມ"], docs, cutter.has)
    assert.deepEqual(exact.items.map(group => group.map(i => i.location)), [["lo/a.html"]])
    const [page] = exact.items[0]
    assert.equal(page.title, "ຄຳ<mark>ນິຍາມ</mark>")
    assert.equal(page.text, "<p>ສະຫະກອນ ມີຄຳ<mark>ນິຍາມ</mark>ດຽວ</p>")
    assert.deepEqual(page.terms, { fair: true, ນິຍາມ: true }) // `?h=` gets the text whole
  })

  test("when no page holds it as typed, lunr's results stay", () => {
    assert.equal(exactResults(result, ["ນິຍາມຫຼາຍ"], docs, cutter.has), result)
    assert.equal(exactResults(result, [], docs, cutter.has), result)
  })

  test("snippets: the blocks that hold the text; a long one around its match", () => {
    assert.deepEqual(blocks("<p>a</p> <ul><li>b</li></ul>loose<p>c</p> end"), ["<p>a</p>", " <ul><li>b</li></ul>", "loose<p>c</p>", " end"])
    const long = `<p>${"ກ ".repeat(300)}ນິຍາມ ${"ຂ ".repeat(300)}</p>`
    const cut = snippet(long, ["ນິຍາມ"], html => html.replace("ນິຍາມ", "<mark>ນິຍາມ</mark>"))
    assert.match(cut, /^<p>… (ກ ){30,40}<mark>ນິຍາມ<\/mark> (ຂ ){100,}…<\/p>$/)
    assert.equal(snippet("<p>ບໍ່ມີ</p>", ["ນິຍາມ"], html => html), null)
  })
})
