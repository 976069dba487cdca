// @ts-check
/*
 * The exercises' page runtime (a classic script, so it also runs from file://).
 *
 * Finds every exercise on the page, restores the learner's saved work, and starts Python only
 * when the learner first needs it — with a progress bar, since it is several megabytes.
 */

import { loadScript } from "./load-script.js"
import { Exercise } from "./runtime/exercise.js"
import { ProgressStore } from "./runtime/progress.js"
import { wireProgressBox } from "./runtime/progress-box.js"
import { PythonRuntime } from "./runtime/python.js"

/** The default language of the registry (exercises/core/languages.py): early saved progress was made on its pages. */
const DEFAULT_LANGUAGE = __LANGUAGES__.find(language => language.default).code

const script = /** @type {HTMLScriptElement} */ (document.currentScript)
const assets = new URL("../", script.src).href // this file is assets/coop/runtime.js

let editorPromise = null
/** The code editor (CodeMirror) is a separate file, loaded the first time someone opens code. */
function loadEditor() {
  if (!editorPromise) editorPromise = loadScript(new URL("coop/editor.js", assets).href).then(() => window.CoopEditor)
  return editorPromise
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
  const everyStatus = (message, progress) => {
    for (const exercise of exercises) {
      exercise.status(message)
      if (progress === undefined) continue
      exercise.progress.hidden = progress === null
      if (progress !== null) exercise.progress.value = progress
    }
  }

  let starting = false
  const python = new PythonRuntime(assets, event => {
    // While Python restarts after a stop, every exercise keeps saying why it stopped.
    if (python.state === "restarting" && (event.state === "loading" || event.state === "starting")) return
    if (event.state === "loading" && !starting) {
      const share = event.total ? Math.min(90, Math.round((event.loaded / event.total) * 90)) : 0
      everyStatus(t("loading_bytes", { done: (event.loaded / 1e6).toFixed(1), total: (event.total / 1e6).toFixed(1) }), share)
    } else if (event.state === "starting") {
      starting = true // the last bytes may still arrive: the text keeps saying Python is starting
      everyStatus(t("starting"), 92)
    } else if (event.state === "ready") {
      if (!event.restart) everyStatus(t("ready"), null) // after a restart, keep saying why it stopped
      document.documentElement.dataset.cxPython = "ready"
    } else if (event.state === "failed") {
      const reason = event.reason === "load_timeout" ? t("load_timeout") : t("load_failed", { reason: event.reason })
      everyStatus(reason, null)
      document.documentElement.dataset.cxPython = "failed"
    } else if (event.state === "restarting") {
      document.documentElement.dataset.cxPython = "restarting"
    }
  })
  window.__coopPython = python // for tests and `make bench`

  const store = new ProgressStore(tell, DEFAULT_LANGUAGE)
  for (const root of roots)
    exercises.push(new Exercise(root, { python, store, ui, lang, loadEditor, timeout }))

  if (box) wireProgressBox(box, store, tell, () => { for (const exercise of exercises) exercise.restore() })
  document.documentElement.dataset.cxRuntime = "ready"
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", main)
else main()
