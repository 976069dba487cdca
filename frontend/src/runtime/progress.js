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
 *                                     "done": false}}}
 *
 * An exercise's record is kept under its key (exercises/core/render.py): its name, or "name:preset" for
 * a preset other than its first ("pooled-pricing:simple" on Key concepts 3), so two presets never mix.
 *
 * Bad data never costs the learner anything else: unreadable data is put aside under a backup
 * key (and said so); data from the older schema 0 is converted; an imported file that is not a
 * progress file of this course changes nothing.
 */

export const SITE = "our-coffee-coop"
export const SCHEMA = 1
export const KEY = `ourcoffeecoop/progress/v${SCHEMA}`
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

/** Validate a whole record (from storage or from a file); throws if it is not ours. */
export function clean(data) {
  if (!isObject(data) || data.site !== SITE || data.schema !== SCHEMA || !isObject(data.exercises))
    throw new Error("not a progress record of this course")
  const out = { site: SITE, schema: SCHEMA, updated: text(data.updated, 40) ?? "", exercises: {} }
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
  return clean({ site: SITE, schema: SCHEMA, updated: new Date().toISOString(), exercises })
}

const empty = () => ({ site: SITE, schema: SCHEMA, updated: "", exercises: {} })

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
    const incoming = clean(JSON.parse(fileText))
    for (const [name, exercise] of Object.entries(incoming.exercises)) this.data.exercises[name] = exercise
    this.save()
    return Object.keys(incoming.exercises).length
  }
}
