// @ts-check
/*
 * The worksheets' page script (a classic script, so it also runs from file://): on a session page
 * its worksheet and its "what we decided" box, on "Our co-op plan" every worksheet.
 *
 * What is typed goes into the same saved progress as the simulations (runtime/progress.js, one store
 * for the page), so "Save progress to a file" carries the plan too. A number a worksheet takes from a
 * simulation follows it: on the same page as the simulation saves, from another tab through the
 * browser's storage event.
 */

import { KEY, pageStore } from "./runtime/progress.js"
import { wireProgressBox } from "./runtime/progress-box.js"
import { Worksheet } from "./runtime/worksheet.js"

/** @type {import("./runtime/numbers.js").Language[]} the language registry (exercises/core/languages.py) */
const LANGUAGES = __LANGUAGES__
const DEFAULT_LANGUAGE = LANGUAGES.find(language => language.default).code

function main() {
  const sections = [...document.querySelectorAll("section.ws[data-ws]")].map(e => /** @type {HTMLElement} */ (e))
  const words = document.getElementById("ws-ui")
  if (!sections.length || !words) return
  const ui = JSON.parse(words.textContent)
  /** @type {import("./runtime/worksheet.js").Words} */
  const t = (key, values = {}) => (ui[key] || key).replace(/\{(\w+)\}/g, (_, name) => values[name] ?? "")
  const lang = document.documentElement.lang
  const language = LANGUAGES.find(item => item.code === lang) || LANGUAGES.find(item => item.default)

  const sheets = []
  // What happened to the saved record (a corrupt copy put aside, an older one updated): said in every
  // worksheet; what the store says as it opens, before the worksheets exist, when they do.
  const early = []
  const tell = key => {
    if (!sheets.length) early.push(key)
    else if (ui[key]) for (const sheet of sheets) sheet.status(t(key))
  }
  const store = pageStore(tell, DEFAULT_LANGUAGE)
  for (const section of sections) sheets.push(new Worksheet(section, { store, t, language, languages: LANGUAGES }))
  early.forEach(tell)

  const reload = () => { for (const sheet of sheets) sheet.refresh({ values: true }) }
  store.listeners.push(what => { for (const sheet of sheets) sheet.refresh({ values: what === "import" }) })
  // The box to save and load progress as a file: the simulations' script wires it on a page that has them.
  const box = document.querySelector(".cx-progress-box")
  if (box && !document.querySelector(".cx[data-cx]")) {
    const status = box.querySelector(".cx-progress-status")
    wireProgressBox(box, store, key => { status.textContent = t(key) }, () => {})
  }
  // Another tab saved: read the record again (a worksheet still waiting to save keeps what is typed in it,
  // and saves it into the fresh record).
  addEventListener("storage", event => {
    if (event.key !== KEY) return
    store.load()
    reload()
  })
  // Leaving the page (reload, another page, the phone locks the screen): save what was just typed.
  const flush = () => { for (const sheet of sheets) sheet.flush() }
  addEventListener("pagehide", flush)
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") flush() })
  document.documentElement.dataset.wsReady = "true"
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", main)
else main()
