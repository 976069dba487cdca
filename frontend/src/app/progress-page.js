/*
 * The "My progress" page: marks each simulation of the session list (built by
 * coopsite/learning_path.py) with what the learner has done, from the progress saved in this
 * browser (runtime/progress.js), and wires the box to save and load progress as a file.
 * Works from file:// too (the USB copy keeps progress in the browser as well).
 */

import { pageStore } from "../runtime/progress.js"
import { wireProgressBox } from "../runtime/progress-box.js"

export function progressPage(list, { words }) {
  const t = (key, values = {}) => (words[key] || key).replace(/\{(\w+)\}/g, (_, name) => values[name] ?? "")
  const box = document.querySelector(".cx-progress-box")
  const boxStatus = box && box.querySelector(".cx-progress-status")
  const tell = key => { if (boxStatus) boxStatus.textContent = t(key) }
  // The page's one store (runtime/progress.js): each simulation's work is kept by page.
  const store = pageStore(tell, __LANGUAGES__.find(language => language.default).code)

  const show = () => {
    const sims = [...list.querySelectorAll(".coop-path-sim")]
    let finished = 0
    for (const item of sims) {
      const record = store.data.exercises[item.dataset.exercise]
      const questions = JSON.parse(item.dataset.questions)
      const right = questions.filter(id => record && record.answers[id] && record.answers[id].status === "correct").length
      const done = questions.length > 0 && right === questions.length
      const started = record && (right > 0 || Object.keys(record.answers).length > 0 || Object.keys(record.raw).length > 0)
      item.classList.toggle("coop-done", done)
      item.querySelector(".coop-path-state").textContent = done
        ? `— ${t("progress_done")} ✓`
        : started ? `— ${t("progress_questions", { done: right, total: questions.length })}` : `— ${t("progress_not_started")}`
      if (done) finished += 1
    }
    for (const session of list.querySelectorAll(".coop-path-session")) {
      const items = session.querySelectorAll(".coop-path-sim")
      session.classList.toggle("coop-done", items.length > 0 && [...items].every(item => item.classList.contains("coop-done")))
    }
    list.querySelector(".coop-path-summary").textContent = t("progress_summary", { done: finished, total: sims.length })
  }

  show()
  if (box) wireProgressBox(box, store, tell, show)
  // Another tab (a session page) saved progress: show it here too.
  window.addEventListener("storage", () => { store.load(); show() })
}
