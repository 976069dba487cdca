// @ts-check
/*
 * One worksheet on a page (coopsite/worksheets.py writes its HTML): what the group types is checked
 * as it is typed, saved in the browser's progress record a moment later (and at once when the page
 * is left), put back when the page opens again, and copied into the printed copy (.ws-print), which
 * print.css shows instead of the controls.
 *
 * Values, per field id: text as typed (numbers too, so Lao digits come back as typed), an option's id,
 * a list of ticked ids (checklist), or a table's rows ([{column: text}]).
 */

import { checkNumber, readNumber, writeNumber } from "./numbers.js"
import { pageKey } from "./progress.js"

const SAVE_AFTER = 400 // ms after the last key: a crash loses at most this much typing

/** The controls and parts under `root` (inputs, selects, rows: typed loosely, as the DOM gives them). */
const all = (root, selector) => /** @type {any[]} */ ([...root.querySelectorAll(selector)])
const one = (root, selector) => /** @type {any} */ (root.querySelector(selector))

/**
 * @typedef {{id: string, kind: string, columns?: FieldSpec[], options?: Record<string, string>,
 *            min?: string|null, max?: any, decimals?: number}} FieldSpec
 * @typedef {import("./numbers.js").Language} Language
 * @typedef {(key: string, values?: Record<string, string>) => string} Words
 */

export class Worksheet {
  /**
   * @param {HTMLElement} section  the worksheet's <section class="ws">
   * @param {{store: import("./progress.js").ProgressStore, t: Words, language: Language, languages: Language[]}} options
   */
  constructor(section, { store, t, language, languages }) {
    this.section = section
    this.store = store
    this.t = t
    this.language = language
    this.languages = languages
    const spec = JSON.parse(one(section, ".ws-spec").textContent)
    this.name = spec.name
    /** @type {FieldSpec[]} */
    this.fields = spec.fields
    this.statusLine = one(section, ".ws-status")
    this.timer = null
    /** @type {Map<string, Element>} a table's first row, copied for every row the group adds */
    this.rowTemplates = new Map()
    for (const field of this.fields)
      if (field.kind === "table") this.rowTemplates.set(field.id, one(this.element(field), "tbody tr").cloneNode(true))

    section.addEventListener("input", event => this.changed(/** @type {HTMLElement} */ (event.target)))
    section.addEventListener("change", event => this.changed(/** @type {HTMLElement} */ (event.target)))
    section.addEventListener("click", event => this.clicked(/** @type {HTMLElement} */ (event.target)))
    section.classList.add("ws-on")

    const saved = store.worksheet(this.name).values
    this.apply(saved)
    if (Object.values(saved).some(value => value && value.length)) this.status(t("restored"))
  }

  /**
   * @param {FieldSpec} field
   * @returns {any}
   */
  element(field) {
    return one(this.section, `.ws-fields > [data-field="${field.id}"]`)
  }

  status(text) {
    if (this.statusLine.textContent !== text) this.statusLine.textContent = text
  }

  // ---- Reading and showing values ---------------------------------------------------------------

  /** Every field's value as the page shows it now. */
  read() {
    const values = {}
    for (const field of this.fields) {
      const element = this.element(field)
      if (field.kind === "table") {
        values[field.id] = all(element, "tbody tr").map(row => {
          const cells = {}
          for (const control of all(row, ".ws-input")) cells[control.dataset.field] = control.value
          return cells
        })
      } else if (field.kind === "checklist") {
        values[field.id] = all(element, "input:checked").map(input => input.value)
      } else if (field.kind === "yesno" || field.kind === "choice") {
        values[field.id] = one(element, "input:checked")?.value ?? ""
      } else if (field.kind !== "simulation" && field.kind !== "calendar") {
        values[field.id] = one(element, ".ws-input").value
      }
    }
    return values
  }

  /** Show saved values (from storage, or a file just loaded). */
  apply(values) {
    for (const field of this.fields) {
      const element = this.element(field)
      const value = values[field.id]
      if (field.kind === "table") {
        const rows = Array.isArray(value) ? value.filter(row => typeof row === "object") : []
        this.renderRows(field, element, rows)
      } else if (field.kind === "checklist") {
        const ticked = Array.isArray(value) ? value : []
        for (const input of all(element, "input")) input.checked = ticked.includes(input.value)
      } else if (field.kind === "yesno" || field.kind === "choice") {
        for (const input of all(element, "input")) input.checked = input.value === value
      } else if (field.kind !== "simulation" && field.kind !== "calendar") {
        const control = one(element, ".ws-input")
        control.value = typeof value === "string" ? value : ""
      }
    }
    for (const control of all(this.section, ".ws-input")) this.check(control)
    this.showMarks()
    this.showCalendars()
    this.showSimulations()
  }

  /** Put `rows` in a table: at least the rows it starts with, each a copy of the first. */
  renderRows(field, element, rows) {
    const body = one(element, "tbody")
    const count = Math.max(rows.length, Number(element.dataset.rows))
    body.replaceChildren(...Array.from({ length: count }, (_, index) => this.newRow(field, index + 1, rows[index] || {})))
    one(element, ".ws-add").disabled = count >= Number(element.dataset.maxRows)
  }

  newRow(field, number, cells) {
    const row = /** @type {HTMLElement} */ (this.rowTemplates.get(field.id).cloneNode(true))
    const heads = all(this.element(field), "thead th[data-col]")
    const labels = Object.fromEntries([...heads].map(head => [head.dataset.col, head.dataset.label]))
    one(row, ".ws-row-number").textContent = String(number)
    for (const node of all(row, "[id], [aria-describedby]")) {
      for (const name of ["id", "aria-describedby"])
        if (node.hasAttribute(name)) node.setAttribute(name, node.getAttribute(name).replace(/-r\d+-/g, `-r${number}-`))
    }
    for (const control of all(row, ".ws-input")) {
      control.setAttribute("aria-label", `${labels[control.dataset.field]}, ${this.t("row", { n: String(number) })}`)
      control.value = typeof cells[control.dataset.field] === "string" ? cells[control.dataset.field] : ""
      control.removeAttribute("aria-invalid")
    }
    for (const error of all(row, ".ws-error")) error.textContent = ""
    one(row, ".ws-remove").setAttribute("aria-label", this.t("remove_row", { n: String(number) }))
    return row
  }

  // ---- Checking what is typed -------------------------------------------------------------------

  /** The spec of a control's field (a column's, in a table). */
  specOf(control) {
    const table = control.closest("[data-kind=table]")
    if (table) {
      const columns = this.fields.find(field => field.id === table.dataset.field).columns
      return columns.find(column => column.id === control.dataset.field)
    }
    return this.fields.find(field => field.id === control.dataset.field)
  }

  /** Check one control, say what is wrong next to it, and write its printed copy. */
  check(control) {
    const field = this.specOf(control)
    const value = control.value
    let problem = null
    let printed = value
    if (field.kind === "text" || field.kind === "longtext") {
      const length = [...value].length
      const max = field.max
      if (length > max) problem = { error: "too_long", values: { over: this.number(String(length - max)), max: this.number(String(max)) } }
      const count = one(this.section, `#${CSS.escape(control.id)}-count`)
      if (count) {
        count.textContent = `${this.number(String(length))} / ${this.number(String(max))}`
        count.classList.toggle("ws-over", length > max)
      }
    } else if (field.kind === "number" && value.trim()) {
      const reading = readNumber(value, this.languages)
      if ("error" in reading) problem = reading
      else {
        problem = checkNumber(reading.value, field, bound => this.number(bound))
        printed = this.number(reading.value)
      }
    } else if (field.kind === "month" && value.trim()) {
      const match = /^(\d{4})-(\d{2})$/.exec(value.trim())
      if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) problem = { error: "bad_month" }
      else printed = this.month(match[1], match[2])
    } else if (field.kind === "date" && value.trim()) {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim())
      if (!match || Number(match[2]) < 1 || Number(match[2]) > 12 || Number(match[3]) < 1 || Number(match[3]) > 31) problem = { error: "bad_date" }
      else printed = `${Number(match[3])} ${this.month(match[1], match[2])}`
    } else if (control.tagName === "SELECT") {
      printed = control.selectedIndex > 0 ? control.options[control.selectedIndex].text : ""
    }
    const error = one(this.section, `#${CSS.escape(control.id)}-err`)
    const message = problem ? this.t(problem.error, problem.values) : ""
    if (error && error.textContent !== message) error.textContent = message
    if (problem) control.setAttribute("aria-invalid", "true")
    else control.removeAttribute("aria-invalid")
    const copy = one(control.parentElement, ".ws-print")
    if (copy) copy.textContent = printed
    return !problem
  }

  number(value) {
    return writeNumber(value, this.language)
  }

  month(year, month) {
    return this.t(`month_${Number(month)}`, { year })
  }

  /** Radio buttons and check boxes: the printed copy shows a tick in the boxes that are ticked. */
  showMarks() {
    for (const option of all(this.section, ".ws-option"))
      option.classList.toggle("ws-ticked", one(option, "input").checked)
  }

  /** Each calendar: the rows of its table with a start or end month, marked month by month. */
  showCalendars() {
    for (const field of this.fields.filter(field => field.kind === "calendar")) {
      const element = /** @type {HTMLElement} */ (this.element(field))
      const { of, start, end } = element.dataset
      const months = element.dataset.months.split(",").map(Number)
      const harvest = all(element, "thead th.ws-harvest").map(head => Number(head.dataset.month))
      const name = this.fields.find(item => item.id === of).columns[0].id // the table's first column names the row
      const rows = (this.read()[of] || []).filter(row => /^\d{4}-\d{2}$/.test(row[start] || "") || /^\d{4}-\d{2}$/.test(row[end] || ""))
      const body = one(element, "tbody")
      body.replaceChildren(...rows.map(row => {
        const first = row[start] || row[end]
        const last = row[end] || row[start]
        const line = document.createElement("tr")
        const head = document.createElement("th")
        head.scope = "row"
        head.textContent = (row[name] || "").trim() || "…"
        line.append(head)
        // a month is in the action when it falls between its first and last month of the year shown
        const index = value => months.indexOf(Number(value.slice(5, 7)))
        const order = value => Number(value.slice(0, 4)) * 12 + Number(value.slice(5, 7))
        const span = order(last) - order(first)
        for (const month of months) {
          const cell = document.createElement("td")
          const step = (index(`0000-${String(month).padStart(2, "0")}`) - index(first) + 12) % 12
          const inside = span >= 0 && (span >= 11 || step <= span)
          if (harvest.includes(month)) cell.classList.add("ws-harvest")
          if (inside) {
            cell.classList.add("ws-busy")
            cell.textContent = step === span ? "●" : "—"
            cell.setAttribute("aria-label", this.t(`month_${month}`, { year: "" }).trim())
          }
          line.append(cell)
        }
        return line
      }))
      one(element, ".ws-calendar-empty").hidden = rows.length > 0
    }
  }

  /** Each number from a simulation: the group's own from its saved progress, or the simulation's first. */
  showSimulations() {
    for (const element of all(this.section, ".ws-fields > [data-kind=simulation]")) {
      const { key, page, param } = /** @type {HTMLElement} */ (element).dataset
      // The exercise's work on the page the worksheet links to first, then on any other page that
      // shows it (saved as "page#key", progress.js pageKey), or older work under its key; in each,
      // the numbers last typed (in whichever language: the simulation shows those too), then this
      // language's, then any.
      const linked = pageKey(page || "", key)
      const records = Object.entries(this.store.data.exercises)
        .filter(([name]) => name === key || name.endsWith(`#${key}`))
        .sort(([a], [b]) => Number(b === linked) - Number(a === linked))
        .map(([, record]) => record)
      const typed = records.flatMap(record => {
        const raw = record.raw || {}
        return [record.raw_lang ? raw[record.raw_lang] : undefined, raw[this.language.code], ...Object.values(raw)]
      }).map(values => values?.[param]).find(v => typeof v === "string")
      const reading = typed === undefined ? null : readNumber(typed, this.languages)
      const own = reading !== null && "value" in reading
      one(element, "output").textContent = own ? this.number(reading.value) : element.dataset.default
      one(element, ".ws-sim-note").textContent = this.t(own ? "sim_yours" : "sim_default")
      element.classList.toggle("ws-sim-own", own)
    }
  }

  // ---- Changes ----------------------------------------------------------------------------------

  changed(target) {
    if (target.classList.contains("ws-input")) this.check(target)
    this.showMarks()
    this.showCalendars()
    clearTimeout(this.timer)
    this.timer = setTimeout(() => this.save(), SAVE_AFTER)
  }

  clicked(target) {
    const button = target.closest("button")
    if (!button) return
    const table = button.closest("[data-kind=table]")
    if (!table) return
    const field = this.fields.find(item => item.id === table.dataset.field)
    const rows = this.read()[field.id]
    if (button.classList.contains("ws-add")) {
      if (rows.length >= Number(table.dataset.maxRows)) {
        this.status(this.t("rows_full", { max: table.dataset.maxRows }))
        return
      }
      this.renderRows(field, table, [...rows, {}])
      one(table, "tbody tr:last-child .ws-input").focus()
    } else if (button.classList.contains("ws-remove")) {
      const index = all(table, "tbody tr").indexOf(button.closest("tr"))
      rows.splice(index, 1)
      this.renderRows(field, table, rows)
      for (const control of all(table, ".ws-input")) this.check(control)
      one(table, ".ws-add").focus()
      this.status(this.t("row_removed", { n: String(index + 1) }))
    } else return
    this.changed(button)
  }

  /** Save now (also when the page is left before the pause after typing is over). */
  save() {
    clearTimeout(this.timer)
    this.timer = null
    this.saving = true
    this.store.saveWorksheet(this.name, this.read())
    this.saving = false
    this.status(this.store.available ? this.t("saved") : this.t("not_saved"))
  }

  flush() {
    if (this.timer !== null) this.save()
  }

  /** The saved record changed elsewhere (a file loaded, another tab, a simulation on the page). */
  refresh({ values = false } = {}) {
    if (this.saving) return
    if (values && this.timer === null) this.apply(this.store.worksheet(this.name).values)
    else this.showSimulations()
  }
}
