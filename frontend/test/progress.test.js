// Unit tests of the saved-progress store (frontend/src/runtime/progress.js): `node --test frontend/test`.
//
// localStorage is replaced by a small in-memory stand-in that can also refuse access (private mode)
// or refuse to write (full), the ways a real browser fails.
import assert from "node:assert/strict"
import { beforeEach, describe, test } from "node:test"

import { carry } from "../src/runtime/carry.js"
import { KEY, KEY_V1, OLD_KEY, ProgressStore, SCHEMA, SITE, clean, migrate, pageKey, upgrade } from "../src/runtime/progress.js"

class FakeStorage {
  constructor({ blocked = false, full = false } = {}) {
    this.items = new Map()
    this.blocked = blocked
    this.full = full
  }
  getItem(key) {
    if (this.blocked) throw new Error("SecurityError")
    return this.items.has(key) ? this.items.get(key) : null
  }
  setItem(key, value) {
    if (this.blocked || this.full) throw new Error("QuotaExceededError")
    this.items.set(key, String(value))
  }
  removeItem(key) {
    this.items.delete(key)
  }
  keys() {
    return [...this.items.keys()]
  }
}

/** A store on a fresh fake storage; `told` lists what the learner was told. */
function open(storage, first = FIRST) {
  globalThis.localStorage = storage
  const told = []
  const store = new ProgressStore(key => told.push(key), "en", first)
  return { store, told }
}

/** Where each exercise was first shown (coopsite/learning_path.py saved_pages), as a build writes it. */
const FIRST = { "pooled-pricing:simple": "key-concepts/kc3-sell-alone-or-pool", "pooled-pricing": "management/m2-communication",
  "wet-mill": "conception/c2-business-idea" }
const KC3 = "key-concepts/kc3-sell-alone-or-pool#pooled-pricing:simple"
const M2 = "management/m2-communication#pooled-pricing"
const C2 = "conception/c2-business-idea#wet-mill"

const record = (exercises = {}) => ({ site: SITE, schema: SCHEMA, updated: "2026-01-01T00:00:00Z", exercises })

let storage
beforeEach(() => { storage = new FakeStorage() })

describe("clean", () => {
  test("refuses what is not a progress record of this course", () => {
    for (const bad of [null, [], "text", 3, { site: "another", schema: SCHEMA, exercises: {} },
      { site: SITE, schema: SCHEMA + 1, exercises: {} }, { site: SITE, schema: SCHEMA, exercises: [] }])
      assert.throws(() => clean(bad), /not a progress record/)
  })

  test("keeps good entries and repairs or drops bad ones", () => {
    const out = clean(record({
      "pooled-pricing": {
        raw: { en: { advance: "2,500" }, "not a language": { advance: "1" }, lo: "not an object" },
        code: 42,
        answers: {
          "read-final": { value: "1,625,009", status: "correct", attempts: 2, lang: "en", feedback: "Right" },
          "advance-up": { value: 7, status: "cheating", attempts: -3, lang: { x: 1 }, feedback: null },
          "best-gain": "not an object"
        },
        done: "yes"
      },
      "pooled-pricing:simple": { raw: { en: { advance: "2,100" } } },
      "Bad Name!": { raw: {} },
      "pooled-pricing:": { raw: {} },
      "wet-mill": "not an object"
    }))
    assert.deepEqual(Object.keys(out.exercises), ["pooled-pricing", "pooled-pricing:simple"])
    assert.deepEqual(out.exercises["pooled-pricing:simple"].raw, { en: { advance: "2,100" } })
    const exercise = out.exercises["pooled-pricing"]
    assert.deepEqual(exercise.raw, { en: { advance: "2,500" } })
    assert.equal(exercise.code, null)
    assert.equal(exercise.done, false)
    assert.deepEqual(exercise.answers["read-final"],
      { value: "1,625,009", status: "correct", attempts: 2, lang: "en", feedback: "Right" })
    assert.deepEqual(exercise.answers["advance-up"], { value: "", status: "wrong", attempts: 1, lang: "", feedback: "" })
    assert.equal("best-gain" in exercise.answers, false)
  })

  test("cuts text that is too long", () => {
    const out = clean(record({ x: { code: "c".repeat(300_000), answers: { q: { value: "9".repeat(500) } } } }))
    assert.equal(out.exercises.x.code.length, 200_000)
    assert.equal(out.exercises.x.answers.q.value.length, 200)
  })
})

describe("migrate", () => {
  test("turns schema 0 (early drafts) into the current schema", () => {
    const out = migrate({ exercises: { "pooled-pricing": { params: { advance: "1,900" }, code: "print(1)" }, junk: 5 } }, "en")
    assert.equal(out.site, SITE)
    assert.equal(out.schema, SCHEMA)
    assert.deepEqual(Object.keys(out.exercises), ["pooled-pricing"])
    assert.equal(out.exercises["pooled-pricing"].code, "print(1)")
    assert.deepEqual(out.exercises["pooled-pricing"].raw, { en: { advance: "1,900" } })
  })

  test("schema 1 → 2: each exercise's work goes to the first page that shows it; nothing is dropped", () => {
    const v1 = { site: SITE, schema: 1, updated: "", exercises: {
      "pooled-pricing:simple": { raw: { en: { advance: "2,100" } }, answers: { "read-final": { value: "9", status: "correct" } }, done: true },
      "pooled-pricing": { raw: { lo: { advance: "1,800" } } },
      "an-old-exercise": { raw: { en: { x: "1" } } } } }
    const out = clean(v1, FIRST)
    assert.equal(out.schema, SCHEMA)
    assert.deepEqual(Object.keys(out.exercises).sort(),
      ["an-old-exercise", KC3, "management/m2-communication#pooled-pricing"])
    assert.equal(out.exercises[KC3].answers["read-final"].status, "correct")
    assert.equal(out.exercises[KC3].done, true)
    assert.deepEqual(out.exercises["management/m2-communication#pooled-pricing"].raw, { lo: { advance: "1,800" } })
    assert.deepEqual(upgrade({ exercises: { [KC3]: 1 } }, FIRST).exercises, { [KC3]: 1 }) // a page key stays as it is
    assert.equal(pageKey("a/b", "c:d"), "a/b#c:d")
  })

  test("work left under its key alone (upgraded on a page without a page map) finds its page on the next load", () => {
    const v2 = { site: SITE, schema: SCHEMA, updated: "", worksheets: {}, exercises: {
      "pooled-pricing:simple": { raw: { en: { advance: "2,100" } } },
      "pooled-pricing": { raw: { en: { advance: "1,700" } } },
      "management/m2-communication#pooled-pricing": { raw: { en: { advance: "1,500" } } } } }
    const out = clean(v2, FIRST)
    assert.deepEqual(out.exercises[KC3].raw, { en: { advance: "2,100" } })
    // m2 already has work of its own: both are kept
    assert.deepEqual(out.exercises["management/m2-communication#pooled-pricing"].raw, { en: { advance: "1,500" } })
    assert.deepEqual(out.exercises["pooled-pricing"].raw, { en: { advance: "1,700" } })
  })

  test("refuses what is not an older record", () => {
    assert.throws(() => migrate({ nothing: true }, "en"))
    assert.throws(() => migrate(null, "en"))
  })
})

describe("ProgressStore", () => {
  test("saving a worksheet keeps the values of fields the page no longer shows", () => {
    const { store } = open(storage)
    store.saveWorksheet("core-group", { members: "Noy, Bounmy", problem: "low prices" })
    store.saveWorksheet("core-group", { members: "Noy, Bounmy, Vanh" }) // a newer page without "problem"
    assert.deepEqual(store.worksheet("core-group").values, { members: "Noy, Bounmy, Vanh", problem: "low prices" })
  })
  test("a page without a page map leaves schema 1 work where it is, for a page that has one", () => {
    storage.setItem(KEY_V1, JSON.stringify({ site: SITE, schema: 1, updated: "", exercises: { "pooled-pricing:simple": { raw: { en: { advance: "2,100" } } } } }))
    const bare = open(storage, {})
    assert.deepEqual(bare.store.data.exercises, {})
    assert.deepEqual(bare.told, [])
    assert.notEqual(storage.getItem(KEY_V1), null)
    const mapped = open(storage)
    assert.deepEqual(mapped.store.data.exercises[KC3].raw, { en: { advance: "2,100" } })
    assert.equal(storage.getItem(KEY_V1), null)
    assert.deepEqual(mapped.told, ["progress_migrated"])
  })

  test("starts empty, saves and loads back", () => {
    const { store, told } = open(storage)
    assert.deepEqual(store.data.exercises, {})
    store.update(C2, r => { r.code = "x = 1" })
    const again = open(storage).store
    assert.equal(again.exercise(C2).code, "x = 1")
    assert.deepEqual(told, [])
  })

  test("corrupt data is put aside in a backup and a fresh record starts", () => {
    storage.setItem(KEY, "{not json")
    const { store, told } = open(storage)
    assert.deepEqual(told, ["progress_corrupt"])
    assert.deepEqual(store.data.exercises, {})
    const backups = storage.keys().filter(k => k.startsWith(`${KEY}/corrupt/`))
    assert.equal(backups.length, 1)
    assert.equal(storage.getItem(backups[0]), "{not json")
    assert.equal(clean(JSON.parse(storage.getItem(KEY))).site, SITE)
  })

  test("a record of another site under our key counts as corrupt", () => {
    storage.setItem(KEY, JSON.stringify({ site: "someone else", schema: SCHEMA, exercises: {} }))
    assert.deepEqual(open(storage).told, ["progress_corrupt"])
  })

  test("an older record is migrated once, and the old key removed", () => {
    storage.setItem(OLD_KEY, JSON.stringify({ exercises: { "wet-mill": { params: { fee: "250" }, code: null } } }))
    const { store, told } = open(storage)
    assert.deepEqual(told, ["progress_migrated"])
    assert.deepEqual(Object.values(store.exercise("conception/c2-business-idea#wet-mill").raw), [{ fee: "250" }])
    assert.equal(storage.getItem(OLD_KEY), null)
    assert.deepEqual(open(storage).told, [])
  })

  test("schema 1 saved progress is moved to its pages once, and its key removed", () => {
    const v1 = { site: SITE, schema: 1, updated: "", exercises: { "pooled-pricing:simple": { raw: { en: { advance: "2,100" } } } } }
    storage.setItem(KEY_V1, JSON.stringify(v1))
    const { store, told } = open(storage)
    assert.deepEqual(told, ["progress_migrated"])
    assert.deepEqual(store.exercise(KC3).raw, { en: { advance: "2,100" } })
    assert.equal(storage.getItem(KEY_V1), null)
    assert.deepEqual(open(storage).told, [])
  })

  test("an unreadable older record is kept in a backup", () => {
    storage.setItem(OLD_KEY, "[[[")
    const { told } = open(storage)
    assert.deepEqual(told, ["progress_corrupt"])
    assert.equal(storage.getItem(OLD_KEY), null)
    assert.equal(storage.keys().filter(k => k.startsWith(`${KEY}/corrupt/`)).length, 1)
  })

  test("a browser that refuses storage: the learner is told, nothing throws", () => {
    const { store, told } = open(new FakeStorage({ blocked: true }))
    assert.deepEqual(told, ["progress_unavailable"])
    store.update("wet-mill", r => { r.code = "kept in memory" })
    assert.equal(store.exercise("wet-mill").code, "kept in memory")
  })

  test("a full storage: the learner is told once the save fails", () => {
    const full = new FakeStorage({ full: true })
    const { store, told } = open(full)
    store.update("wet-mill", r => { r.code = "x" })
    assert.deepEqual(told, ["progress_unavailable"])
    store.update("wet-mill", r => { r.code = "y" })
    assert.deepEqual(told, ["progress_unavailable"])
  })

  test("export and import round trip; a file that is not ours changes nothing", () => {
    const { store } = open(storage)
    store.update(M2, r => { r.raw.en = { advance: "2,500" } })
    const text = store.exportText()
    const other = open(new FakeStorage()).store
    assert.equal(other.importText(text), 1)
    assert.deepEqual(other.exercise(M2).raw, { en: { advance: "2,500" } })
    const v1 = { site: SITE, schema: 1, updated: "", exercises: { "pooled-pricing:simple": { raw: { en: { advance: "1" } } } } }
    assert.equal(other.importText(JSON.stringify(v1)), 1) // a file saved by the older version: sorted by page
    assert.deepEqual(other.exercise(KC3).raw, { en: { advance: "1" } })
    const before = JSON.stringify(other.data)
    assert.throws(() => other.importText('{"site": "someone else", "exercises": {}}'))
    assert.throws(() => other.importText("not json"))
    assert.equal(JSON.stringify(other.data), before)
  })
})

describe("carry", () => {
  const en = { advance: "2,000", members: [{ name: "Mrs Noy", kg: "550" }, { name: "Mr Boun", kg: "750" }] }
  const lo = { advance: "2,000", members: [{ name: "ນາງ ນ້ອຍ", kg: "550" }, { name: "ທ້າວ ບຸນ", kg: "750" }] }

  test("numbers go across as typed; names left as they were come out in the other language", () => {
    const typed = { advance: "2,300", members: [{ name: "Mrs Noy", kg: "600" }, { name: "Kham", kg: "750" }, { name: "Mrs Noy", kg: "1" }] }
    assert.deepEqual(carry(typed, en, lo), {
      advance: "2,300",
      members: [{ name: "ນາງ ນ້ອຍ", kg: "600" }, { name: "Kham", kg: "750" }, { name: "Mrs Noy", kg: "1" }]
    })
  })

  test("the defaults of one language are the defaults of the other", () => {
    assert.deepEqual(carry(en, en, lo), lo)
    assert.deepEqual(carry(lo, lo, en), en)
  })
})

describe("worksheets (schema 2)", () => {
  const values = {
    "coop-name": "ສະຫະກອນ ພູແກ້ວ", members: [{ name: "ນາງ ນ້ອຍ", village: "ພູແກ້ວ" }, {}], shared: ["price", "weight"]
  }

  test("a worksheet is saved, loaded back and exported exactly, Lao text and all", () => {
    const { store } = open(storage)
    store.saveWorksheet("core-group", values)
    const again = open(storage).store
    assert.deepEqual(again.worksheet("core-group").values, values)
    const other = open(new FakeStorage()).store
    assert.equal(other.importText(again.exportText()), 1)
    assert.deepEqual(other.worksheet("core-group").values, values)
    assert.deepEqual(other.worksheet("never-opened").values, {})
  })

  test("a schema 1 record (in storage or a file) gains an empty worksheets section, and says so once", () => {
    storage.setItem(KEY_V1, JSON.stringify({ ...record({ "wet-mill": { raw: { en: { fee: "250" } } } }), schema: 1 }))
    const { store, told } = open(storage)
    assert.deepEqual(told, ["progress_migrated"])
    assert.deepEqual(store.data.worksheets, {})
    assert.deepEqual(store.exercise(pageKey(FIRST["wet-mill"], "wet-mill")).raw, { en: { fee: "250" } }) // and sorted by page
    assert.equal(JSON.parse(storage.getItem(KEY)).schema, SCHEMA)
    assert.deepEqual(open(storage).told, [])
    const file = JSON.stringify({ ...record({ x: { raw: {} } }), schema: 1 })
    assert.equal(open(new FakeStorage()).store.importText(file), 1)
  })

  test("bad worksheet data is dropped or cut, the rest kept", () => {
    const out = clean({
      ...record(),
      worksheets: {
        good: { values: { a: "x".repeat(30_000), rows: [{ col: "1", "Bad!": "2" }, "not a row"], ticks: ["a", 3] } },
        "Bad Name": { values: {} },
        nothing: "not an object"
      }
    })
    assert.deepEqual(Object.keys(out.worksheets), ["good"])
    assert.equal(out.worksheets.good.values.a.length, 20_000)
    assert.deepEqual(out.worksheets.good.values.rows, [{ col: "1" }])
    assert.deepEqual(out.worksheets.good.values.ticks, []) // a mixed list is neither ticked ids nor rows
  })

  test("the page's scripts share one store, and each hears what was said before it asked", async () => {
    storage.setItem(KEY, "{broken")
    globalThis.localStorage = storage
    delete globalThis.__coopProgress
    const { pageStore } = await import("../src/runtime/progress.js")
    const first = [], second = []
    const a = pageStore(key => first.push(key), "en")
    const b = pageStore(key => second.push(key), "en")
    assert.equal(a, b)
    assert.deepEqual(first, ["progress_corrupt"])
    assert.deepEqual(second, ["progress_corrupt"])
    const saves = []
    a.listeners.push(what => saves.push(what))
    a.saveWorksheet("core-group", { x: "1" })
    a.importText(a.exportText())
    assert.deepEqual(saves, ["save", "import"])
    delete globalThis.__coopProgress
  })
})
