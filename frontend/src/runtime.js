// @ts-check
/*
 * The exercises' page runtime (a classic script, so it also runs from file://).
 *
 * Finds every exercise on the page, restores the learner's saved work, and starts Python only
 * when the learner first needs it — with a progress bar counting every byte, since it is several
 * megabytes; on a phone or a dear connection, only after the learner saw the size and pressed a button.
 */

import { loadScript } from "./load-script.js"
import { Exercise } from "./runtime/exercise.js"
import { pageStore } from "./runtime/progress.js"
import { wireProgressBox } from "./runtime/progress-box.js"
import { askFirst, PythonRuntime } from "./runtime/python.js"
import { markScrolling } from "./runtime/scroll-boxes.js"

/** The default language of the registry (exercises/core/languages.py): early saved progress was made on its pages. */
const DEFAULT_LANGUAGE = __LANGUAGES__.find(language => language.default).code

const script = /** @type {HTMLScriptElement} */ (document.currentScript)
const assets = new URL("../", script.src).href // this file is assets/coop/runtime.<hash>.js

let editorPromise = null
/** The code editor (CodeMirror) is a separate file, loaded the first time someone opens code. */
function loadEditor() {
  if (!editorPromise) editorPromise = loadScript(new URL(__SERVED__["coop/editor.js"], assets).href).then(() => window.CoopEditor)
  return editorPromise
}

/**
 * A model's code, for the editor: one file per model (scripts/build-frontend.mjs), loaded the first time
 * someone opens the code of an exercise that uses it.
 * @param {string} model the module's name in exercises/models/ (the exercise's `cx-data`)
 * @returns {Promise<string>}
 */
async function loadModel(model) {
  const code = () => /** @type {Record<string, string>} */ (window.coopModels || {})[model]
  const path = __SERVED__[`coop/models/${model}.js`]
  if (code() === undefined && path) await loadScript(new URL(path, assets).href)
  if (code() === undefined) throw new Error(`no code for the model ${model}`)
  return code()
}

function main() {
  const roots = [...document.querySelectorAll(".cx[data-cx]")].map(e => /** @type {HTMLElement} */ (e))
  if (!roots.length) return
  const ui = JSON.parse(document.getElementById("cx-ui").textContent)
  const t = (key, values = {}) => (ui[key] || key).replace(/\{(\w+)\}/g, (_, name) => values[name] ?? "")
  const lang = document.documentElement.lang
  const box = document.querySelector(".cx-progress-box")
  const boxStatus = box?.querySelector(".cx-progress-status")
  const tell = key => { if (boxStatus) boxStatus.textContent = t(key) }
  // How long learner code may run (ms); 5 s unless the page (or a test) sets window.COOP_CALL_TIMEOUT.
  const timeout = Number(window.COOP_CALL_TIMEOUT) || undefined

  const exercises = []
  /** Every exercise says `message`; `progress`: a number (0–100), "busy" (no number), null (hidden). */
  const everyStatus = (message, progress, action = null) => {
    for (const exercise of exercises) {
      exercise.status(message, action)
      if (progress === undefined) continue
      exercise.progress.hidden = progress === null
      if (progress === "busy") exercise.progress.removeAttribute("value")
      else if (progress !== null) exercise.progress.value = progress
    }
  }
  const start = { label: t("python_start"), run: () => { python.consent?.(); python.ensure().catch(() => {}) } }
  const retry = { label: t("retry"), run: () => python.ensure().then(() => exercises.forEach(e => e.resume()), () => {}) }
  const megabytes = bytes => (bytes / 1e6).toFixed(1)

  const python = new PythonRuntime(assets, /** @param {import("./runtime/messages.js").PythonEvent} event */ event => {
    // While Python restarts after a stop, every exercise keeps saying why it stopped.
    if (python.state === "restarting" && event.state === "loading") return
    if (event.state === "ask") {
      everyStatus(t("python_size", { size: megabytes(event.bytes) }), null, start)
    } else if (event.state === "loading") {
      const share = (100 * event.loaded) / event.total
      if (!(event.loaded < event.total)) everyStatus(t("starting"), "busy") // every byte is here: Python itself starts
      else if (python.mode === "file") everyStatus(t("loading"), share) // read from the USB copy, not downloaded
      else everyStatus(t("loading_bytes", { done: megabytes(event.loaded), total: megabytes(event.total) }), share)
    } else if (event.state === "ready") {
      if (!event.restart) everyStatus(t("ready"), null) // after a restart, keep saying why it stopped
      document.documentElement.dataset.cxPython = "ready"
      document.documentElement.dataset.cxPythonPath = event.path
    } else if (event.state === "failed") {
      const reason = event.download ? t("download_failed")
        : event.reason === "load_timeout" ? t("load_timeout") : t("load_failed", { reason: event.reason })
      everyStatus(reason, null, retry)
      document.documentElement.dataset.cxPython = "failed"
    } else if (event.state === "restarting") {
      document.documentElement.dataset.cxPython = "restarting"
    }
  })
  window.__coopPython = python // for tests and `make bench`

  // This page's id (the same #cx-pages block gives older saved progress its page: progress.js pageStore).
  const pages = JSON.parse(document.getElementById("cx-pages")?.textContent || "{}")
  const store = pageStore(tell, DEFAULT_LANGUAGE)
  for (const root of roots)
    exercises.push(new Exercise(root, { python, store, ui, lang, page: pages.page, loadEditor, loadModel, timeout }))
  addEventListener("resize", () => roots.forEach(markScrolling)) // a phone turned: which tables scroll
  // A phone, Data Saver or a slow connection: first the size and a button (the results stay as built).
  if (askFirst()) python.ask()

  if (box) wireProgressBox(box, store, tell, () => { for (const exercise of exercises) exercise.restore() })
  document.documentElement.dataset.cxRuntime = "ready"
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", main)
else main()
