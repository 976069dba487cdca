// @ts-check
/*
 * A learner's progress, kept in the browser (localStorage) and movable as a JSON file.
 *
 * One record for the whole site under a versioned, site-specific key: on file:// every local
 * page of every site shares one storage area, so the key must say whose data it is.
 *
 *   {"site": "our-coffee-coop", "schema": 2, "updated": "<ISO date>",
 *    "exercises": {"management/m2-communication#pooled-pricing":
 *                    {"raw": {"en": {...}, "lo": {...}}, "raw_lang": "en", "code": "..." | null,
 *                     "answers": {"read-final": {"value": "...", "status": "correct",
 *                                                "attempts": 2, "lang": "en", "feedback": "..."}},
 *                     "done": false}},
 *    "worksheets": {"core-group": {"values": {"coop-name": "...", "members": [{"name": "..."}], "shared": ["price"]},
 *                                  "updated": "<ISO date>"}}}
 *
 * An exercise's record is kept under its page and its key (pageKey): the page's id, the same in every
 * language (coopsite/learning_path.py page_id), and the exercise's key (exercises/core/render.py): its
 * name, or "name:preset" for a preset other than its first. So the same simulation on two pages keeps
 * two learners' worth of numbers and answers apart, and both languages of a page share them. `raw`
 * keeps the form's text per language; `raw_lang` is the language of the latest (runtime/carry.js
 * brings it to the other language).
 *
 * Bad data never costs the learner anything else: unreadable data is put aside under a backup
 * key (and said so); data from older schemas is converted (schema 0 and 1 below); an imported file
 * that is not a progress file of this course changes nothing.
 *
 * The worksheets (frontend/src/worksheets.js) keep what a group typed in the same record, under
 * "worksheets": one record, one export file, one backup when it is corrupt. The page's scripts share
 * one store (pageStore), so neither overwrites what the other saved.
 */

export const SITE = "our-coffee-coop"
export const SCHEMA = 2
export const KEY = `ourcoffeecoop/progress/v${SCHEMA}`
/** Schema 1: the same record, each exercise under its key alone, shared by every page that shows it. */
export const KEY_V1 = "ourcoffeecoop/progress/v1"
/** Schema 0 (early drafts): {"exercises": {name: {"params": {...}, "code": "..."}}}, no "schema". */
export const OLD_KEY = "ourcoffeecoop/progress"

/** Where one page keeps the work on one exercise: "key-concepts/kc3-sell-alone-or-pool#pooled-pricing:simple". */
export const pageKey = (page, key) => `${page}#${key}`
/** A record's name: a page key, or an exercise key alone (schema 1 work no page of this build shows). */
const NAME = /^(?:[a-z0-9][a-z0-9_/-]{0,119}#)?[a-z0-9-]{1,60}(:[a-z0-9-]{1,30})?$/

const isObject = value => value !== null && typeof value === "object" && !Array.isArray(value)
const text = (value, max = 200_000) => typeof value === "string" ? value.slice(0, max) : null

/** A clean copy of one exercise's record, or null if nothing in it is usable. */
function cleanExercise(value) {
  if (!isObject(value)) return null
  const out = { raw: {}, code: text(value.code), answers: {}, done: value.done === true }
  if (isObject(value.raw))
    for (const [lang, raw] of Object.entries(value.raw))
      if (/^[a-z]{2}$/.test(lang) && isObject(raw)) out.raw[lang] = JSON.parse(JSON.stringify(raw))
  if (typeof value.raw_lang === "string" && value.raw_lang in out.raw) out.raw_lang = value.raw_lang
  if (isObject(value.answers))
    for (const [id, answer] of Object.entries(value.answers)) {
      if (!isObject(answer)) continue
      out.answers[id] = {
        value: text(answer.value, 200) ?? "",
        status: ["correct", "wrong"].includes(answer.status) ? answer.status : "wrong",
        attempts: Number.isInteger(answer.attempts) && answer.attempts > 0 ? answer.attempts : 1,
        lang: text(answer.lang, 5) ?? "",
        feedback: text(answer.feedback, 2000) ?? ""
      }
    }
  return out
}

// ---- Worksheets ---------------------------------------------------------------------------------

/** The most a worksheet value may hold (a field's own limit is checked on the page, with a message). */
export const WORKSHEET_TEXT = 20_000
export const WORKSHEET_ROWS = 100

/** A field's value: text, a list of ticked ids, or a table's rows (each {column: text}). */
function cleanValue(value) {
  if (typeof value === "string") return value.slice(0, WORKSHEET_TEXT)
  if (!Array.isArray(value)) return null
  if (value.every(item => typeof item === "string")) return value.slice(0, WORKSHEET_ROWS).map(item => item.slice(0, 60))
  const rows = []
  for (const row of value.slice(0, WORKSHEET_ROWS)) {
    if (!isObject(row)) continue
    const out = {}
    for (const [column, cell] of Object.entries(row))
      if (/^[a-z][a-z0-9-]{0,39}$/.test(column) && typeof cell === "string") out[column] = cell.slice(0, WORKSHEET_TEXT)
    rows.push(out)
  }
  return rows
}

/** A clean copy of one worksheet's record, or null if nothing in it is usable. */
function cleanWorksheet(value) {
  if (!isObject(value) || !isObject(value.values)) return null
  const out = { values: {}, updated: text(value.updated, 40) ?? "" }
  for (const [field, item] of Object.entries(value.values)) {
    const clean = cleanValue(item)
    if (clean !== null && /^[a-z][a-z0-9-]{0,39}$/.test(field)) out.values[field] = clean
  }
  return out
}

function cleanWorksheets(value) {
  const out = {}
  if (isObject(value))
    for (const [name, sheet] of Object.entries(value)) {
      const clean = cleanWorksheet(sheet)
      if (clean && /^[a-z][a-z0-9-]{0,59}$/.test(name)) out[name] = clean
    }
  return out
}

// ---- The whole record ---------------------------------------------------------------------------

/**
 * Validate a whole record (from storage or from a file; schema 1 is converted); throws if it is not ours.
 * @param {any} data
 * @param {Record<string, string>} [first]  exercise key → the first page showing it (see upgrade)
 */
export function clean(data, first = {}) {
  if (isObject(data) && data.site === SITE && (data.schema === 1 || data.schema === SCHEMA) && isObject(data.exercises))
    data = upgrade(data, first)
  if (!isObject(data) || data.site !== SITE || data.schema !== SCHEMA || !isObject(data.exercises))
    throw new Error("not a progress record of this course")
  const out = {
    site: SITE, schema: SCHEMA, updated: text(data.updated, 40) ?? "", exercises: {}, worksheets: cleanWorksheets(data.worksheets)
  }
  for (const [name, value] of Object.entries(data.exercises)) {
    const exercise = cleanExercise(value)
    if (exercise && NAME.test(name)) out.exercises[name] = exercise
  }
  return out
}

/**
 * Schema 1 → 2: an exercise's work, kept under its key alone, goes to the first page in the course's
 * order that shows it (`first`, from the build: coopsite/learning_path.py saved_pages); the work on an
 * exercise no page shows any more keeps its old name (kept, exported, readable). Nothing is dropped.
 * Also on every schema 2 load: work still under its key alone (upgraded on a page that had no page
 * map) moves the same way, unless that page already has work of its own (then both are kept).
 * @param {any} data  a schema 1 or 2 record
 * @param {Record<string, string>} first
 */
export function upgrade(data, first) {
  const exercises = {}
  for (const [key, value] of Object.entries(data.exercises)) {
    const target = Object.hasOwn(first, key) && !key.includes("#") ? pageKey(first[key], key) : key
    exercises[target !== key && Object.hasOwn(data.exercises, target) ? key : target] = value
  }
  return { ...data, schema: SCHEMA, exercises }
}

/**
 * Convert schema 0 to the current schema.
 * @param {any} old
 * @param {string} lang  the language whose pages schema 0 was saved from (the default language: early drafts had no other)
 */
export function migrate(old, lang, first = {}) {
  if (!isObject(old) || !isObject(old.exercises)) throw new Error("not an older progress record")
  const exercises = {}
  for (const [name, value] of Object.entries(old.exercises)) {
    if (!isObject(value)) continue
    exercises[name] = { raw: isObject(value.params) ? { [lang]: value.params } : {}, code: text(value.code), answers: {}, done: false }
  }
  return clean({ site: SITE, schema: 1, updated: new Date().toISOString(), exercises }, first)
}

const empty = () => ({ site: SITE, schema: SCHEMA, updated: "", exercises: {}, worksheets: {} })

export class ProgressStore {
  /**
   * @param {(messageKey: string) => void} notify  tells the learner what happened to their data
   * @param {string} defaultLanguage  where schema 0 progress came from (see migrate)
   * @param {Record<string, string>} [first]  exercise key → the first page showing it (see upgrade)
   */
  constructor(notify, defaultLanguage, first = {}) {
    this.notify = notify
    this.defaultLanguage = defaultLanguage
    this.first = first
    this.available = true
    this.data = empty()
    /** @type {Array<(what: string) => void>} called after every save with "save" or "import" (another script of the page shows the change) */
    this.listeners = []
    this.load()
  }

  load() {
    let stored = null
    try {
      stored = localStorage.getItem(KEY)
    } catch {
      this.available = false
      this.notify("progress_unavailable")
      return
    }
    if (stored === null) {
      this.loadOld()
      return
    }
    try {
      this.data = clean(JSON.parse(stored), this.first)
    } catch {
      // Keep the unreadable text, in case someone can rescue it, and start afresh.
      try { localStorage.setItem(`${KEY}/corrupt/${Date.now()}`, stored) } catch { /* full: nothing more to do */ }
      this.data = empty()
      this.save()
      this.notify("progress_corrupt")
    }
  }

  /** Progress saved by an older version of the course (schema 1, else 0), converted and saved anew. */
  loadOld() {
    // Without the page map (a page that has none) the old work could not find its pages: leave it
    // where it is for a page that has one.
    if (Object.keys(this.first).length === 0) return
    /** @type {Array<[string, (old: any) => any]>} */
    const older = [
      [KEY_V1, old => clean(old, this.first)],
      [OLD_KEY, old => migrate(old, this.defaultLanguage, this.first)]
    ]
    for (const [key, convert] of older) {
      let old = null
      try { old = localStorage.getItem(key) } catch { return }
      if (old === null) continue
      try {
        this.data = convert(JSON.parse(old))
        this.save()
        localStorage.removeItem(key)
        this.notify("progress_migrated")
      } catch {
        try { localStorage.setItem(`${KEY}/corrupt/${Date.now()}`, old); localStorage.removeItem(key) } catch { /* ignore */ }
        this.notify("progress_corrupt")
      }
      return
    }
  }

  save(what = "save") {
    if (!this.available) return
    this.data.updated = new Date().toISOString()
    try {
      localStorage.setItem(KEY, JSON.stringify(this.data))
    } catch {
      this.available = false
      this.notify("progress_unavailable")
    }
    for (const listener of this.listeners) listener(what)
  }

  /** The record of one exercise (created empty when needed). */
  exercise(name) {
    if (!this.data.exercises[name]) this.data.exercises[name] = { raw: {}, code: null, answers: {}, done: false }
    return this.data.exercises[name]
  }

  update(name, change) {
    change(this.exercise(name))
    this.save()
  }

  /** The whole record as a file's text. */
  exportText() {
    return JSON.stringify({ ...this.data, updated: new Date().toISOString() }, null, 2)
  }

  /** Merge a progress file into the stored record; throws (changing nothing) if it is not one. */
  importText(fileText) {
    const incoming = clean(JSON.parse(fileText), this.first)
    for (const [name, exercise] of Object.entries(incoming.exercises)) this.data.exercises[name] = exercise
    for (const [name, sheet] of Object.entries(incoming.worksheets)) this.data.worksheets[name] = sheet
    this.save("import")
    return Object.keys(incoming.exercises).length + Object.keys(incoming.worksheets).length
  }

  /** What a group typed in one worksheet (an empty record if nothing yet). */
  worksheet(name) {
    return this.data.worksheets[name] ?? { values: {}, updated: "" }
  }

  /** Keep a worksheet's values (cleaned as a file's would be) and save. Values of fields this page
   * does not show (renamed or gone in a newer version) are kept: nothing a group wrote is lost. */
  saveWorksheet(name, values) {
    const previous = this.data.worksheets[name]?.values ?? {}
    const sheet = cleanWorksheet({ values: { ...previous, ...values }, updated: new Date().toISOString() })
    if (sheet) this.data.worksheets[name] = sheet
    this.save()
  }
}

/**
 * The page's one store. The exercises (runtime.js) and the worksheets (worksheets.js) are separate
 * scripts: with two stores, each would save its own copy of the record over the other's. Each
 * script's `notify` hears every message, also those said before it asked (a corrupt copy found on load).
 * The page's ids (the #cx-pages block, coopsite/learning_path.py) give older saved work its page.
 * @param {(messageKey: string) => void} notify
 * @param {string} defaultLanguage
 * @returns {ProgressStore}
 */
export function pageStore(notify, defaultLanguage) {
  const page = /** @type {any} */ (globalThis)
  if (!page.__coopProgress) {
    const block = globalThis.document?.getElementById("cx-pages")
    const first = JSON.parse(block?.textContent || "{}").first || {}
    const shared = { tellers: [], told: [], store: null }
    shared.store = new ProgressStore(key => {
      shared.told.push(key)
      for (const tell of shared.tellers) tell(key)
    }, defaultLanguage, first)
    page.__coopProgress = shared
  }
  const shared = page.__coopProgress
  shared.tellers.push(notify)
  for (const key of shared.told) notify(key)
  return shared.store
}
