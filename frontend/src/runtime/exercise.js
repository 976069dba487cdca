/*
 * One exercise on the page: its form, results, code editor and questions.
 *
 * The HTML was made at build time by Python (exercises/core/render.py) with the default numbers;
 * this only wires it up. New results come back from the same Python code, already escaped, so
 * they can replace the old ones as they are. What learner code prints is shown as text only.
 */

import { CALL_TIMEOUT } from "./python.js"

const UPDATE_DELAY = 30 // ms: coalesces keystrokes; a newer change always replaces a queued one

export class Exercise {
  constructor(root, { python, store, ui, lang, loadEditor, timeout }) {
    this.root = root
    this.python = python
    this.store = store
    this.ui = ui
    this.lang = lang
    this.loadEditor = loadEditor
    this.timeout = timeout || CALL_TIMEOUT
    this.data = JSON.parse(root.querySelector(".cx-data").textContent)
    this.name = this.data.name
    this.prefix = root.id
    this.form = root.querySelector(".cx-form")
    this.results = root.querySelector(".cx-results")
    this.statusText = root.querySelector(".cx-status-text")
    this.progress = root.querySelector(".cx-progress")
    this.stopButton = root.querySelector(".cx-stop")
    this.codePanel = root.querySelector(".cx-code")
    this.problem = root.querySelector(".cx-problem")
    this.output = root.querySelector(".cx-output")
    this.outputTitle = root.querySelector(".cx-output-title")
    this.editor = null
    this.source = null // the learner's code the results use; null = the original model
    this.updateTimer = null
    this.engaged = false
    this.wire()
    root.classList.add("cx-ready")
    this.restore()
  }

  t(key, values = {}) {
    return (this.ui[key] || key).replace(/\{(\w+)\}/g, (_, name) => values[name] ?? "")
  }

  status(message) {
    this.statusText.textContent = message
  }

  /* ---- Events ------------------------------------------------------------------------------------ */

  wire() {
    this.form.addEventListener("input", () => this.changed())
    this.form.addEventListener("change", () => this.changed())
    this.form.addEventListener("submit", event => event.preventDefault())
    this.form.addEventListener("click", event => {
      const add = event.target.closest(".cx-add-row")
      const remove = event.target.closest(".cx-remove-row")
      if (add) this.addRow(add.closest(".cx-field-table"))
      if (remove) this.removeRow(remove.closest("tr"))
    })
    this.root.querySelector(".cx-reset-form").addEventListener("click", () => this.resetForm())
    this.stopButton.addEventListener("click", () => this.python.halt("stopped"))
    for (const button of this.root.querySelectorAll(".cx-mode"))
      button.addEventListener("click", () => this.setMode(button.dataset.mode))
    this.root.querySelector(".cx-run").addEventListener("click", () => this.runCode())
    this.root.querySelector(".cx-reset-code").addEventListener("click", () => this.resetCode())
    for (const question of this.root.querySelectorAll(".cx-question")) {
      question.querySelector(".cx-check").addEventListener("click", () => this.check(question))
      const input = question.querySelector("input, select")
      input.addEventListener("keydown", event => {
        if (event.key === "Enter") { event.preventDefault(); this.check(question) }
      })
    }
  }

  changed() {
    this.engaged = true
    this.saveRaw()
    clearTimeout(this.updateTimer)
    this.updateTimer = setTimeout(() => this.update(), UPDATE_DELAY)
  }

  /* ---- Form values -------------------------------------------------------------------------------- */

  /** The text of every field, as the learner typed it ({name: text, table: [{col: text}]}). */
  collect() {
    const raw = {}
    for (const field of this.form.querySelectorAll(".cx-field")) {
      const path = field.dataset.path
      if (field.classList.contains("cx-field-table")) {
        raw[path] = [...field.querySelectorAll("tbody tr")].map(row => {
          const values = {}
          for (const input of row.querySelectorAll("input, select")) values[input.name.split(".").pop()] = input.value
          return values
        })
      } else {
        raw[path] = field.querySelector("input, select").value
      }
    }
    return raw
  }

  /** Put `raw` back into the form (rows are added or removed to match). */
  fill(raw) {
    for (const field of this.form.querySelectorAll(".cx-field")) {
      const path = field.dataset.path
      if (!(path in raw)) continue
      if (field.classList.contains("cx-field-table")) {
        const rows = Array.isArray(raw[path]) ? raw[path] : []
        const body = field.querySelector("tbody")
        while (body.rows.length > rows.length && body.rows.length > 0) body.rows[body.rows.length - 1].remove()
        while (body.rows.length < rows.length) this.appendRow(field)
        rows.forEach((values, index) => {
          for (const input of body.rows[index].querySelectorAll("input, select")) {
            const column = input.name.split(".").pop()
            if (column in values) input.value = String(values[column])
          }
        })
        this.renumber(field)
      } else {
        const input = field.querySelector("input, select")
        if (typeof raw[path] === "string") input.value = raw[path]
      }
    }
  }

  saveRaw() {
    const raw = this.collect()
    this.store.update(this.name, record => { record.raw[this.lang] = raw })
  }

  /* ---- Table rows --------------------------------------------------------------------------------- */

  appendRow(field) {
    const body = field.querySelector("tbody")
    const template = body.rows[body.rows.length - 1] || field.querySelector("tbody tr")
    if (!template) return null
    const row = template.cloneNode(true)
    for (const input of row.querySelectorAll("input")) input.value = ""
    for (const select of row.querySelectorAll("select")) select.selectedIndex = 0
    for (const error of row.querySelectorAll(".cx-error")) error.textContent = ""
    body.appendChild(row)
    return row
  }

  addRow(field) {
    const max = Number(field.dataset.maxRows)
    if (field.querySelectorAll("tbody tr").length >= max) return
    const row = this.appendRow(field)
    this.renumber(field)
    if (row) row.querySelector("input, select").focus()
    this.changed()
  }

  removeRow(row) {
    const field = row.closest(".cx-field-table")
    const body = row.parentElement
    if (body.rows.length <= 1) {
      // keep one row as a template; empty it instead
      for (const input of row.querySelectorAll("input")) input.value = ""
    } else {
      const next = row.nextElementSibling || row.previousElementSibling
      row.remove()
      next?.querySelector(".cx-remove-row")?.focus()
    }
    this.renumber(field)
    this.changed()
  }

  /** Keep names and ids in step with row positions (errors come back by position). */
  renumber(field) {
    const table = field.dataset.path
    const removeLabel = field.querySelector(".cx-remove-row")?.textContent || ""
    ;[...field.querySelectorAll("tbody tr")].forEach((row, index) => {
      row.dataset.row = String(index)
      for (const input of row.querySelectorAll("input, select")) {
        const column = input.name.split(".").pop()
        input.name = `${table}.${index}.${column}`
        input.id = `${this.prefix}-f-${table}-${index}-${column}`
        input.setAttribute("aria-describedby", `${input.id}-err`)
        const error = input.parentElement.querySelector(".cx-error")
        if (error) error.id = `${input.id}-err`
      }
      const remove = row.querySelector(".cx-remove-row")
      if (remove) remove.setAttribute("aria-label", `${removeLabel} ${index + 1}`)
    })
  }

  /* ---- Running the model -------------------------------------------------------------------------- */

  async update({ quiet = false } = {}) {
    const raw = this.collect()
    let response
    try {
      response = await this.python.call(
        { fn: "update", name: this.name, lang: this.lang, raw, source: this.source },
        { key: `update:${this.name}`, timeout: this.timeout, onSlow: () => this.slow(true) }
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

  slow(on) {
    this.stopButton.hidden = !on
    if (on) this.status(this.t("running"))
  }

  callFailed(error) {
    const reason = error.reason || error.message
    if (reason === "timeout") this.status(this.t("timeout", { seconds: Math.round(this.timeout / 1000) }))
    else if (reason === "stopped") this.status(this.t("stopped"))
    else if (reason === "crashed") this.status(this.t("crashed"))
    // "not_loaded": the page-wide status already says why
  }

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
    if (response.ok) {
      this.results.innerHTML = response.html // built and escaped by exercises/core/render.py
      this.results.classList.remove("cx-stale")
      this.root.dataset.numbers = JSON.stringify(response.numbers)
      if (!quiet) this.status(this.source !== null ? this.t("code_note") : this.t("updated"))
    } else {
      this.results.classList.add("cx-stale")
      if (Object.keys(response.errors || {}).length) this.status(this.t("fix_fields"))
      else this.status("")
    }
  }

  showErrors(errors) {
    for (const input of this.form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid")
    for (const span of this.form.querySelectorAll(".cx-error")) span.textContent = ""
    for (const [path, message] of Object.entries(errors)) {
      const id = `${this.prefix}-f-${path.replace(/\./g, "-")}`
      const input = this.form.querySelector(`[name="${CSS.escape(path)}"]`)
      if (input) input.setAttribute("aria-invalid", "true")
      const span = document.getElementById(`${id}-err`)
      if (span) span.textContent = message
    }
  }

  resetForm() {
    this.fill(this.data.raw)
    this.changed()
  }

  /* ---- Code mode ---------------------------------------------------------------------------------- */

  async setMode(mode) {
    for (const button of this.root.querySelectorAll(".cx-mode"))
      button.setAttribute("aria-pressed", String(button.dataset.mode === mode))
    this.codePanel.hidden = mode !== "code"
    this.root.classList.toggle("cx-code-mode", mode === "code")
    if (mode === "code") {
      this.python.ensure().catch(() => {})
      if (!this.editor) {
        this.status(this.t("code_loading"))
        const saved = this.store.exercise(this.name).code
        const Editor = await this.loadEditor()
        this.editor = Editor.create(this.root.querySelector(".cx-editor"), saved ?? this.data.source, {
          label: this.t("editor_label"),
          onChange: code => this.store.update(this.name, record => {
            record.code = code === this.data.source ? null : code
          })
        })
        this.status(saved ? this.t("code_restored") : "")
      }
      this.editor.focus()
    }
  }

  async runCode() {
    if (!this.editor) return
    this.engaged = true
    const code = this.editor.getValue()
    this.source = code === this.data.source ? null : code
    this.problem.hidden = true // the last run's report goes; this run brings its own
    this.output.hidden = this.outputTitle.hidden = true
    const response = await this.update()
    if (response && response.ok && this.source !== null) this.status(this.t("code_ran"))
  }

  async resetCode() {
    if (!this.editor) return
    this.editor.setValue(this.data.source)
    this.source = null
    this.store.update(this.name, record => { record.code = null })
    this.status(this.t("code_reset"))
    if (this.engaged) await this.update({ quiet: true })
  }

  /* ---- Questions ---------------------------------------------------------------------------------- */

  async check(question) {
    const id = question.dataset.question
    const input = question.querySelector("input, select")
    const feedback = question.querySelector(".cx-feedback")
    const hint = question.querySelector(".cx-hint")
    const record = this.store.exercise(this.name).answers[id]
    const attempt = record?.status === "wrong" ? record.attempts + 1 : 1
    feedback.textContent = this.t("checking")
    let response
    try {
      response = await this.python.call({
        fn: "check", name: this.name, lang: this.lang, question: id, answer: input.value,
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
      this.store.update(this.name, r => {
        r.answers[id] = { value: input.value, status: response.status, attempts: attempt, lang: this.lang, feedback: response.feedback }
        r.done = [...this.root.querySelectorAll(".cx-question")].every(q => r.answers[q.dataset.question]?.status === "correct")
      })
      this.markDone()
    }
  }

  markDone() {
    const done = this.store.exercise(this.name).done
    this.root.classList.toggle("cx-done", done)
    this.root.dataset.done = String(done)
  }

  /* ---- Saved progress ----------------------------------------------------------------------------- */

  /** Bring back saved numbers, code and answers; if the numbers differ, recompute. */
  restore() {
    const record = this.store.data.exercises[this.name]
    if (!record) return false
    for (const question of this.root.querySelectorAll(".cx-question")) {
      const answer = record.answers[question.dataset.question]
      if (!answer) continue
      question.querySelector("input, select").value = answer.value
      question.classList.add(`cx-${answer.status}`)
      if (answer.lang === this.lang) question.querySelector(".cx-feedback").textContent = answer.feedback
    }
    this.markDone()
    if (record.code) this.source = record.code
    const raw = record.raw[this.lang]
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
