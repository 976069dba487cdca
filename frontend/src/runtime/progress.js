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
 *                     "done": false}}}
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

/**
 * Validate a whole record (from storage or from a file; schema 1 is converted); throws if it is not ours.
 * @param {any} data
 * @param {Record<string, string>} [first]  exercise key → the first page showing it (see upgrade)
 */
export function clean(data, first = {}) {
  if (isObject(data) && data.site === SITE && data.schema === 1 && isObject(data.exercises)) data = upgrade(data, first)
  if (!isObject(data) || data.site !== SITE || data.schema !== SCHEMA || !isObject(data.exercises))
    throw new Error("not a progress record of this course")
  const out = { site: SITE, schema: SCHEMA, updated: text(data.updated, 40) ?? "", exercises: {} }
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
 * @param {any} data  a schema 1 record
 * @param {Record<string, string>} first
 */
export function upgrade(data, first) {
  const exercises = {}
  for (const [key, value] of Object.entries(data.exercises))
    exercises[Object.hasOwn(first, key) && !key.includes("#") ? pageKey(first[key], key) : key] = value
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

const empty = () => ({ site: SITE, schema: SCHEMA, updated: "", exercises: {} })

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
      this.data = clean(JSON.parse(stored))
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

  save() {
    if (!this.available) return
    this.data.updated = new Date().toISOString()
    try {
      localStorage.setItem(KEY, JSON.stringify(this.data))
    } catch {
      this.available = false
      this.notify("progress_unavailable")
    }
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
    this.save()
    return Object.keys(incoming.exercises).length
  }
}
