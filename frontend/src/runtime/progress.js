// @ts-check
/*
 * A learner's progress, kept in the browser (localStorage) and movable as a JSON file.
 *
 * One record for the whole site under a versioned, site-specific key: on file:// every local
 * page of every site shares one storage area, so the key must say whose data it is.
 *
 *   {"site": "our-coffee-coop", "schema": 1, "updated": "<ISO date>",
 *    "exercises": {"pooled-pricing": {"raw": {"en": {...}, "lo": {...}}, "code": "..." | null,
 *                                     "answers": {"read-final": {"value": "...", "status": "correct",
 *                                                                 "attempts": 2, "lang": "en", "feedback": "..."}},
 *                                     "done": false}},
 *    "worksheets": {"core-group": {"values": {"coop-name": "...", "members": [{"name": "..."}], "shared": ["price"]},
 *                                  "updated": "<ISO date>"}}}
 *
 * An exercise's record is kept under its key (exercises/core/render.py): its name, or "name:preset" for
 * a preset other than its first ("pooled-pricing:simple" on Key concepts 3), so two presets never mix.
 *
 * Bad data never costs the learner anything else: unreadable data is put aside under a backup
 * key (and said so); data from an older schema is converted (schema 0 from its own key, later ones
 * in place, step by step: MIGRATIONS); an imported file that is not a progress file of this course
 * changes nothing.
 *
 * The worksheets (frontend/src/worksheets.js) keep what a group typed in the same record, under
 * "worksheets" (schema 2): one record, one export file, one backup when it is corrupt. The page's
 * scripts share one store (pageStore), so neither overwrites what the other saved.
 */

export const SITE = "our-coffee-coop"
export const SCHEMA = 2
/** The key kept its name when the schema moved on: the record's "schema" says its shape. */
export const KEY = "ourcoffeecoop/progress/v1"
/** Schema 0 (early drafts): {"exercises": {name: {"params": {...}, "code": "..."}}}, no "schema". */
export const OLD_KEY = "ourcoffeecoop/progress"

const isObject = value => value !== null && typeof value === "object" && !Array.isArray(value)
const text = (value, max = 200_000) => typeof value === "string" ? value.slice(0, max) : null

/** A clean copy of one exercise's record, or null if nothing in it is usable. */
function cleanExercise(value) {
  if (!isObject(value)) return null
  const out = { raw: {}, code: text(value.code), answers: {}, done: value.done === true }
  if (isObject(value.raw))
    for (const [lang, raw] of Object.entries(value.raw))
      if (/^[a-z]{2}$/.test(lang) && isObject(raw)) out.raw[lang] = JSON.parse(JSON.stringify(raw))
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

// ---- Worksheets (schema 2) -----------------------------------------------------------------------

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

/** Each step from schema n to n + 1 (schema 0 has its own key and function, migrate). */
export const MIGRATIONS = {
  1: data => ({ ...data, schema: 2, worksheets: {} }) // worksheets came in
}

/** A record of an older schema brought up to this one, step by step (a record of a newer one is refused). */
export function upgrade(data) {
  let out = data
  while (isObject(out) && out.site === SITE && Number.isInteger(out.schema) && out.schema < SCHEMA && MIGRATIONS[out.schema])
    out = MIGRATIONS[out.schema](out)
  return out
}

// ---- The whole record ---------------------------------------------------------------------------

/** Validate a whole record (from storage or from a file, of this schema or an older one); throws if it is not ours. */
export function clean(data) {
  data = upgrade(data)
  if (!isObject(data) || data.site !== SITE || data.schema !== SCHEMA || !isObject(data.exercises))
    throw new Error("not a progress record of this course")
  const out = { site: SITE, schema: SCHEMA, updated: text(data.updated, 40) ?? "", exercises: {}, worksheets: cleanWorksheets(data.worksheets) }
  for (const [name, value] of Object.entries(data.exercises)) {
    const exercise = cleanExercise(value)
    if (exercise && /^[a-z0-9-]{1,60}(:[a-z0-9-]{1,30})?$/.test(name)) out.exercises[name] = exercise
  }
  return out
}

/**
 * Convert schema 0 to the current schema.
 * @param {any} old
 * @param {string} lang  the language whose pages schema 0 was saved from (the default language: early drafts had no other)
 */
export function migrate(old, lang) {
  if (!isObject(old) || !isObject(old.exercises)) throw new Error("not an older progress record")
  const exercises = {}
  for (const [name, value] of Object.entries(old.exercises)) {
    if (!isObject(value)) continue
    exercises[name] = { raw: isObject(value.params) ? { [lang]: value.params } : {}, code: text(value.code), answers: {}, done: false }
  }
  return clean({ site: SITE, schema: 1, updated: new Date().toISOString(), exercises })
}

const empty = () => ({ site: SITE, schema: SCHEMA, updated: "", exercises: {}, worksheets: {} })

export class ProgressStore {
  /**
   * @param {(messageKey: string) => void} notify  tells the learner what happened to their data
   * @param {string} defaultLanguage  where schema 0 progress came from (see migrate)
   */
  constructor(notify, defaultLanguage) {
    this.notify = notify
    this.defaultLanguage = defaultLanguage
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
      const parsed = JSON.parse(stored)
      this.data = clean(parsed)
      if (parsed.schema !== SCHEMA) {
        this.save()
        this.notify("progress_migrated")
      }
    } catch {
      // Keep the unreadable text, in case someone can rescue it, and start afresh.
      try { localStorage.setItem(`${KEY}/corrupt/${Date.now()}`, stored) } catch { /* full: nothing more to do */ }
      this.data = empty()
      this.save()
      this.notify("progress_corrupt")
    }
  }

  loadOld() {
    let old = null
    try { old = localStorage.getItem(OLD_KEY) } catch { return }
    if (old === null) return
    try {
      this.data = migrate(JSON.parse(old), this.defaultLanguage)
      this.save()
      localStorage.removeItem(OLD_KEY)
      this.notify("progress_migrated")
    } catch {
      try { localStorage.setItem(`${KEY}/corrupt/${Date.now()}`, old); localStorage.removeItem(OLD_KEY) } catch { /* ignore */ }
      this.notify("progress_corrupt")
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
    const incoming = clean(JSON.parse(fileText))
    for (const [name, exercise] of Object.entries(incoming.exercises)) this.data.exercises[name] = exercise
    for (const [name, sheet] of Object.entries(incoming.worksheets)) this.data.worksheets[name] = sheet
    this.save("import")
    return Object.keys(incoming.exercises).length + Object.keys(incoming.worksheets).length
  }

  /** What a group typed in one worksheet (an empty record if nothing yet). */
  worksheet(name) {
    return this.data.worksheets[name] ?? { values: {}, updated: "" }
  }

  /** Keep a worksheet's values (cleaned as a file's would be) and save. */
  saveWorksheet(name, values) {
    const sheet = cleanWorksheet({ values, updated: new Date().toISOString() })
    if (sheet) this.data.worksheets[name] = sheet
    this.save()
  }
}

/**
 * The page's one store. The exercises (runtime.js) and the worksheets (worksheets.js) are separate
 * scripts: with two stores, each would save its own copy of the record over the other's. Each
 * script's `notify` hears every message, also those said before it asked (a corrupt copy found on load).
 * @param {(messageKey: string) => void} notify
 * @param {string} defaultLanguage
 * @returns {ProgressStore}
 */
export function pageStore(notify, defaultLanguage) {
  const page = /** @type {any} */ (globalThis)
  if (!page.__coopProgress) {
    const shared = { tellers: [], told: [], store: null }
    shared.store = new ProgressStore(key => {
      shared.told.push(key)
      for (const tell of shared.tellers) tell(key)
    }, defaultLanguage)
    page.__coopProgress = shared
  }
  const shared = page.__coopProgress
  shared.tellers.push(notify)
  for (const key of shared.told) notify(key)
  return shared.store
}
