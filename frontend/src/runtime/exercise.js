// @ts-check
/*
 * One exercise on the page: its form, results, code editor and questions.
 *
 * The HTML was made at build time by Python (exercises/core/render.py) with the default numbers;
 * this only wires it up. New results come back from the same Python code, already escaped, so
 * they can replace the old ones as they are. What learner code prints is shown as text only.
 * Ids are never rebuilt here from names: a field's message is the element its `aria-describedby`
 * names, a table's row ids start with its `data-id-prefix`, a cell's column is its `data-column`.
 * The messages to and from Python: ./messages.js.
 */

import { CALL_TIMEOUT } from "./python.js"
import { carry } from "./carry.js"
import { pageKey } from "./progress.js"
import { markScrolling } from "./scroll-boxes.js"

/** @typedef {import("./messages.js").RawInputs} RawInputs */
/** @typedef {import("./messages.js").UpdateResponse} UpdateResponse */
/** @typedef {import("./messages.js").CheckResponse} CheckResponse */
/** @typedef {HTMLInputElement | HTMLSelectElement} Control */

/**
 * The form controls inside `element`, in document order.
 * @param {ParentNode} element
 * @returns {Control[]}
 */
const controls = element => [...element.querySelectorAll("input, select")].map(e => /** @type {Control} */ (e))

const UPDATE_DELAY = 30 // ms: coalesces keystrokes; a newer change always replaces a queued one

export class Exercise {
  /**
   * @param {HTMLElement} root the exercise's `<section class="cx">`
   * @param {object} options
   * @param {import("./python.js").PythonRuntime} options.python
   * @param {import("./progress.js").ProgressStore} options.store
   * @param {Record<string, string>} options.ui   the page's interface words (#cx-ui)
   * @param {string} options.lang
   * @param {string} [options.page]               the page's id (progress.js pageKey); none: the exercise's key alone
   * @param {() => Promise<any>} options.loadEditor
   * @param {(model: string) => Promise<string>} options.loadModel  a model's code, for the editor
   * @param {number} [options.timeout]            ms a call may run
   */
  constructor(root, { python, store, ui, lang, page, loadEditor, loadModel, timeout }) {
    this.root = root
    this.python = python
    this.store = store
    this.ui = ui
    this.lang = lang
    this.loadEditor = loadEditor
    this.loadModel = loadModel
    this.timeout = timeout || CALL_TIMEOUT
    /** @type {import("./messages.js").ExerciseData} the exercise's `cx-data` */
    this.data = JSON.parse(this.find(".cx-data").textContent || "{}")
    this.name = this.data.name
    this.preset = this.data.preset || null
    /** what the learner's work is saved under: this page's, in every language, apart from other pages' and presets' */
    this.storageKey = page ? pageKey(page, this.data.key || this.name) : this.data.key || this.name
    this.form = /** @type {HTMLFormElement} */ (this.find(".cx-form"))
    this.results = this.find(".cx-results")
    this.key = this.find(".cx-key")
    this.near = this.find(".cx-near")
    this.statusBox = this.find(".cx-status")
    this.codeBar = this.find(".cx-code-bar")
    this.statusText = this.find(".cx-status-text")
    this.progress = /** @type {HTMLProgressElement} */ (this.find(".cx-progress"))
    this.stopButton = this.find(".cx-stop")
    this.codePanel = this.find(".cx-code")
    this.problem = this.find(".cx-problem")
    this.output = this.find(".cx-output")
    this.outputTitle = this.find(".cx-output-title")
    /** @type {{getValue(): string, setValue(code: string): void, focus(): void} | null} */
    this.editor = null
    /** @type {string | null} the learner's code the results use; null = the original model */
    this.source = null
    /** @type {string} the original model's code (loaded when code mode first opens) */
    this.original = ""
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.updateTimer = undefined
    /** @type {HTMLButtonElement | null} a button beside the status (start Python, try again) */
    this.statusButton = null
    this.engaged = false
    this.wire()
    root.classList.add("cx-ready")
    markScrolling(root)
    document.fonts?.ready.then(() => markScrolling(root)) // widths change when the fonts arrive
    this.restore()
  }

  /**
   * An element of this exercise that the HTML always has.
   * @param {string} selector
   * @returns {HTMLElement}
   */
  find(selector) {
    const element = this.root.querySelector(selector)
    if (!element) throw new Error(`${this.root.id}: no ${selector}`)
    return /** @type {HTMLElement} */ (element)
  }

  /**
   * An interface word, with its {placeholders} filled in.
   * @param {string} key
   * @param {Record<string, string | number>} [values]
   */
  t(key, values = {}) {
    return (this.ui[key] || key).replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""))
  }

  /**
   * Say `message` in the status line, with a button if `action` is given.
   * @param {string} message
   * @param {{label: string, run(): void} | null} [action]
   */
  status(message, action = null) {
    this.statusText.textContent = message
    this.statusButton?.remove()
    this.statusButton = null
    if (action) {
      const button = document.createElement("button")
      button.type = "button"
      button.className = "cx-status-action"
      button.textContent = action.label
      button.addEventListener("click", action.run)
      this.statusText.after(button)
      this.statusButton = button
    }
  }

  /** Python is back after a failed start: compute what the learner changed meanwhile. */
  resume() {
    if (this.engaged) this.update({ quiet: true })
  }

  /* ---- Events ------------------------------------------------------------------------------------ */

  wire() {
    this.form.addEventListener("focusin", () => this.keepInView())
    this.form.addEventListener("input", () => this.changed())
    this.form.addEventListener("change", () => this.changed())
    this.form.addEventListener("submit", event => event.preventDefault())
    this.form.addEventListener("click", event => {
      const target = /** @type {Element} */ (event.target)
      const add = target.closest(".cx-add-row")
      const remove = target.closest(".cx-remove-row")
      if (add) this.addRow(/** @type {HTMLElement} */ (add.closest(".cx-field-table")))
      if (remove) this.removeRow(/** @type {HTMLTableRowElement} */ (remove.closest("tr")))
    })
    this.find(".cx-reset-form").addEventListener("click", () => this.resetForm())
    this.stopButton.addEventListener("click", () => this.python.halt("stopped"))
    for (const button of this.root.querySelectorAll(".cx-mode"))
      button.addEventListener("click", () => this.setMode(/** @type {HTMLElement} */ (button).dataset.mode || "form"))
    this.find(".cx-run").addEventListener("click", () => this.runCode())
    this.find(".cx-reset-code").addEventListener("click", () => this.resetCode())
    for (const question of this.questions()) {
      question.querySelector(".cx-check")?.addEventListener("click", () => this.check(question))
      controls(question)[0].addEventListener("keydown", event => {
        if (/** @type {KeyboardEvent} */ (event).key === "Enter") { event.preventDefault(); this.check(question) }
      })
    }
  }

  /** @returns {HTMLElement[]} */
  questions() {
    return [...this.root.querySelectorAll(".cx-question")].map(q => /** @type {HTMLElement} */ (q))
  }

  /** @returns {HTMLElement[]} the form's fields: one per parameter (a table is one field) */
  fields() {
    return [...this.form.querySelectorAll(".cx-field")].map(f => /** @type {HTMLElement} */ (f))
  }

  changed() {
    this.engaged = true
    this.saveRaw()
    clearTimeout(this.updateTimer)
    this.updateTimer = setTimeout(() => this.update(), UPDATE_DELAY)
  }

  /* ---- Form values -------------------------------------------------------------------------------- */

  /**
   * The text of every field, as the learner typed it ({name: text, table: [{column: text}]}).
   * @returns {RawInputs}
   */
  collect() {
    /** @type {RawInputs} */
    const raw = {}
    for (const field of this.fields()) {
      const path = field.dataset.path || ""
      if (field.classList.contains("cx-field-table")) {
        raw[path] = [...field.querySelectorAll("tbody tr")].map(row => {
          /** @type {Record<string, string>} */
          const values = {}
          for (const input of controls(row)) values[input.dataset.column || ""] = input.value
          return values
        })
      } else {
        raw[path] = controls(field)[0].value
      }
    }
    return raw
  }

  /**
   * Put `raw` back into the form (rows are added or removed to match).
   * @param {RawInputs} raw
   */
  fill(raw) {
    for (const field of this.fields()) {
      const path = field.dataset.path || ""
      if (!(path in raw)) continue
      const value = raw[path]
      if (field.classList.contains("cx-field-table")) {
        const rows = Array.isArray(value) ? value : []
        const body = /** @type {HTMLTableSectionElement} */ (field.querySelector("tbody"))
        while (body.rows.length > rows.length && body.rows.length > 0) body.rows[body.rows.length - 1].remove()
        while (body.rows.length < rows.length) this.appendRow(field)
        rows.forEach((values, index) => {
          for (const input of controls(body.rows[index])) {
            const column = input.dataset.column || ""
            if (column in values) input.value = String(values[column])
          }
        })
        this.renumber(field)
      } else if (typeof value === "string") {
        controls(field)[0].value = value
      }
    }
  }

  saveRaw() {
    const raw = this.collect()
    this.store.update(this.storageKey, record => {
      record.raw[this.lang] = raw
      record.raw_lang = this.lang
    })
  }

  /* ---- Table rows --------------------------------------------------------------------------------- */

  /**
   * A copy of the table's last row, emptied, at the end of the table.
   * @param {HTMLElement} field
   * @returns {HTMLTableRowElement | null}
   */
  appendRow(field) {
    const body = /** @type {HTMLTableSectionElement} */ (field.querySelector("tbody"))
    const template = body.rows[body.rows.length - 1]
    if (!template) return null
    const row = /** @type {HTMLTableRowElement} */ (template.cloneNode(true))
    for (const input of row.querySelectorAll("input")) input.value = ""
    for (const select of row.querySelectorAll("select")) select.selectedIndex = 0
    for (const error of row.querySelectorAll(".cx-error")) error.textContent = ""
    body.appendChild(row)
    return row
  }

  /** @param {HTMLElement} field */
  addRow(field) {
    const max = Number(field.dataset.maxRows)
    if (field.querySelectorAll("tbody tr").length >= max) return
    const row = this.appendRow(field)
    this.renumber(field)
    if (row) controls(row)[0].focus()
    this.changed()
  }

  /** @param {HTMLTableRowElement} row */
  removeRow(row) {
    const field = /** @type {HTMLElement} */ (row.closest(".cx-field-table"))
    const body = /** @type {HTMLTableSectionElement} */ (row.parentElement)
    if (body.rows.length <= 1) {
      // keep one row as a template; empty it instead
      for (const input of row.querySelectorAll("input")) input.value = ""
    } else {
      const next = row.nextElementSibling || row.previousElementSibling
      row.remove()
      const button = /** @type {HTMLElement | null | undefined} */ (next?.querySelector(".cx-remove-row"))
      button?.focus()
    }
    this.renumber(field)
    this.changed()
  }

  /**
   * Keep names and ids in step with row positions (errors come back by position). Ids are the
   * table's `data-id-prefix`, the row and the cell's `data-column`; a cell's message is the
   * element its control's `aria-describedby` names.
   * @param {HTMLElement} field
   */
  renumber(field) {
    const table = field.dataset.path
    const removeLabel = field.querySelector(".cx-remove-row")?.textContent || ""
    ;[...field.querySelectorAll("tbody tr")].forEach((row, index) => {
      /** @type {HTMLElement} */ (row).dataset.row = String(index)
      for (const input of controls(row)) {
        const column = input.dataset.column
        const error = input.parentElement?.querySelector(".cx-error")
        input.name = `${table}.${index}.${column}`
        input.id = `${field.dataset.idPrefix}-${index}-${column}`
        if (error) {
          error.id = `${input.id}-err`
          input.setAttribute("aria-describedby", error.id)
        }
      }
      row.querySelector(".cx-remove-row")?.setAttribute("aria-label", `${removeLabel} ${index + 1}`)
    })
  }

  /* ---- Running the model -------------------------------------------------------------------------- */

  /**
   * Ask Python for the results of the numbers (and code) now in the form; show them.
   * @returns {Promise<UpdateResponse | null>} null when the call failed or a newer one replaced it
   */
  async update({ quiet = false } = {}) {
    const raw = this.collect()
    let response
    try {
      response = await this.python.call(
        { fn: "update", name: this.name, preset: this.preset, lang: this.lang, raw, source: this.source },
        { key: `update:${this.storageKey}`, timeout: this.timeout, onSlow: () => this.slow(true) }
      )
    } catch (error) {
      this.callFailed(error)
      return null
    } finally {
      this.slow(false)
    }
    if (response.superseded) return null
    this.show(response, quiet)
    return response
  }

  /** @param {boolean} on */
  slow(on) {
    this.stopButton.hidden = !on
    if (on) this.status(this.t("running"))
  }

  /** @param {Error & {reason?: string, seconds?: number}} error  `seconds`: the time the call was allowed */
  callFailed(error) {
    const reason = error.reason || error.message
    if (reason === "timeout") this.status(this.t("timeout", { seconds: error.seconds }))
    else if (reason === "stopped") this.status(this.t("stopped"))
    else if (reason === "crashed") this.status(this.t("crashed"))
    // "not_loaded": the page-wide status already says why
  }

  /**
   * @param {UpdateResponse} response
   * @param {boolean} quiet  keep the status line as it is
   */
  show(response, quiet) {
    this.showErrors(response.errors || {})
    this.problem.hidden = !response.problem
    this.problem.replaceChildren()
    if (response.problem) {
      const p = response.problem
      const heading = document.createElement("p")
      heading.className = "cx-problem-heading"
      heading.textContent = p.where ? `${p.heading} — ${p.where}` : p.heading
      const message = document.createElement("p")
      message.className = "cx-problem-message"
      message.textContent = p.message
      this.problem.append(heading, message)
      if (p.details) {
        const details = document.createElement("pre")
        details.tabIndex = 0 // it may scroll: keyboard users can reach it
        details.textContent = p.details
        this.problem.append(details)
      }
    }
    const printed = (response.output || "") + (response.truncated ? `\n${response.truncated}` : "")
    this.output.textContent = printed
    this.output.hidden = !printed
    this.outputTitle.hidden = !printed
    this.key.classList.toggle("cx-stale", !response.ok)
    if (response.ok) {
      this.key.textContent = response.key
      this.key.hidden = !response.key
      this.results.innerHTML = response.html // built and escaped by exercises/core/render.py
      this.results.classList.remove("cx-stale")
      markScrolling(this.results)
      this.root.dataset.numbers = JSON.stringify(response.numbers)
      // The key result is what is announced (.cx-key is a polite live region): the status says only what differs.
      if (!quiet) this.status(this.source !== null ? this.t("code_note") : "")
      this.keepInView()
    } else {
      this.results.classList.add("cx-stale")
      if (Object.keys(response.errors || {}).length) this.status(this.t("fix_fields"))
      else this.status("")
    }
  }

  /**
   * The key result stays at the foot of the screen (.cx-near, sticky): if it covers the field the
   * learner is in (a phone's keyboard leaves little room), scroll the field above it.
   */
  keepInView() {
    const active = document.activeElement
    if (!active || !this.form.contains(active)) return
    const field = active.getBoundingClientRect()
    const bar = this.near.getBoundingClientRect()
    const overlap = field.bottom - bar.top
    if (overlap > 0 && field.top < bar.top) window.scrollBy(0, overlap + 8)
  }

  /**
   * Each message next to its field: a control's own message, or a whole table's.
   * @param {Record<string, string>} errors field path → message
   */
  showErrors(errors) {
    for (const input of this.form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid")
    for (const span of this.form.querySelectorAll(".cx-error")) span.textContent = ""
    for (const [path, message] of Object.entries(errors)) {
      const input = this.form.querySelector(`[name="${CSS.escape(path)}"]`)
      input?.setAttribute("aria-invalid", "true")
      const describedBy = input?.getAttribute("aria-describedby")
      const span = describedBy
        ? document.getElementById(describedBy)
        : this.form.querySelector(`.cx-field[data-path="${CSS.escape(path)}"] > .cx-error`)
      if (span) span.textContent = message
    }
  }

  resetForm() {
    this.fill(this.data.raw)
    this.changed()
  }

  /* ---- Code mode ---------------------------------------------------------------------------------- */

  /** @param {string} mode "form" or "code" */
  async setMode(mode) {
    for (const button of this.root.querySelectorAll(".cx-mode"))
      button.setAttribute("aria-pressed", String(/** @type {HTMLElement} */ (button).dataset.mode === mode))
    this.codePanel.hidden = mode !== "code"
    this.root.classList.toggle("cx-code-mode", mode === "code")
    // Code mode: what a run says (working, Stop, stopped, errors) is next to Run, below the editor.
    const bar = mode === "code" ? this.codeBar : this.find(".cx-bar")
    bar.append(this.stopButton)
    bar.after(this.statusBox)
    if (mode === "code") {
      this.python.ensure().catch(() => {})
      if (!this.editor) {
        this.status(this.t("code_loading"))
        const saved = this.store.exercise(this.storageKey).code
        const box = this.find(".cx-editor")
        let Editor
        try {
          ;[Editor, this.original] = await Promise.all([this.loadEditor(), this.loadModel(this.data.model)])
        } catch (error) {
          // said where the code would be (the status line is Python's while it loads), with "Try again"
          console.error(error)
          const message = Object.assign(document.createElement("p"), { className: "cx-code-failed", textContent: this.t("code_failed") })
          const retry = Object.assign(document.createElement("button"), { type: "button", textContent: this.t("retry") })
          retry.addEventListener("click", () => { box.replaceChildren(); this.setMode("code") })
          box.replaceChildren(message, retry)
          return
        }
        if (this.editor) return // opened meanwhile (a second press while the files came)
        this.editor = Editor.create(box, saved ?? this.original, {
          label: this.t("editor_label"),
          onChange: (/** @type {string} */ code) => this.store.update(this.storageKey, record => {
            record.code = code === this.original ? null : code
          })
        })
        this.status(saved ? this.t("code_restored") : "")
      }
      this.editor?.focus()
    }
  }

  async runCode() {
    if (!this.editor) return
    this.engaged = true
    const code = this.editor.getValue()
    this.source = code === this.original ? null : code
    this.problem.hidden = true // the last run's report goes; this run brings its own
    this.output.hidden = this.outputTitle.hidden = true
    const response = await this.update()
    if (response && response.ok && this.source !== null) this.status(this.t("code_ran"))
  }

  async resetCode() {
    if (!this.editor) return
    this.editor.setValue(this.original)
    this.source = null
    this.store.update(this.storageKey, record => { record.code = null })
    this.status(this.t("code_reset"))
    if (this.engaged) await this.update({ quiet: true })
  }

  /* ---- Questions ---------------------------------------------------------------------------------- */

  /**
   * Check the group's answer to one question; keep it, and whether it was right.
   * @param {HTMLElement} question
   */
  async check(question) {
    const id = question.dataset.question || ""
    const input = controls(question)[0]
    const feedback = /** @type {HTMLElement} */ (question.querySelector(".cx-feedback"))
    const hint = /** @type {HTMLElement} */ (question.querySelector(".cx-hint"))
    const record = this.store.exercise(this.storageKey).answers[id]
    const attempt = record?.status === "wrong" ? record.attempts + 1 : 1
    feedback.textContent = this.t("checking")
    /** @type {CheckResponse} */
    let response
    try {
      response = await this.python.call({
        fn: "check", name: this.name, preset: this.preset, lang: this.lang, question: id, answer: input.value,
        raw: this.collect(), source: this.source, attempt
      }, { timeout: this.timeout })
    } catch (error) {
      feedback.textContent = ""
      this.callFailed(error)
      return
    }
    feedback.textContent = response.feedback
    hint.textContent = response.hint || ""
    question.classList.remove("cx-correct", "cx-wrong", "cx-invalid")
    question.classList.add(`cx-${response.status}`)
    if (response.status !== "invalid") {
      this.store.update(this.storageKey, r => {
        r.answers[id] = { value: input.value, status: response.status, attempts: attempt, lang: this.lang, feedback: response.feedback }
        r.done = this.questions().every(q => r.answers[q.dataset.question || ""]?.status === "correct")
      })
      this.markDone()
    }
  }

  markDone() {
    const done = this.store.exercise(this.storageKey).done
    this.root.classList.toggle("cx-done", done)
    this.root.dataset.done = String(done)
  }

  /* ---- Saved progress ----------------------------------------------------------------------------- */

  /** Bring back saved numbers, code and answers; if the numbers differ, recompute. */
  restore() {
    const record = this.store.data.exercises[this.storageKey]
    if (!record) return false
    for (const question of this.questions()) {
      const answer = record.answers[question.dataset.question || ""]
      if (!answer) continue
      controls(question)[0].value = answer.value
      question.classList.add(`cx-${answer.status}`)
      const feedback = question.querySelector(".cx-feedback")
      if (feedback && answer.lang === this.lang) feedback.textContent = answer.feedback
    }
    this.markDone()
    if (record.code) this.source = record.code
    // The numbers last typed, on this page in whichever language (carry.js).
    const last = record.raw_lang && record.raw_lang !== this.lang ? record.raw[record.raw_lang] : null
    const from = last && this.data.defaults?.[record.raw_lang]
    const raw = last && from ? carry(last, from, this.data.raw) : record.raw[this.lang]
    const changed = (raw && JSON.stringify(raw) !== JSON.stringify(this.data.raw)) || record.code
    if (raw) this.fill(raw)
    if (changed) {
      this.engaged = true
      this.status(record.code ? this.t("code_restored") : this.t("restored"))
      this.update({ quiet: true })
    }
    return Boolean(changed)
  }
}
