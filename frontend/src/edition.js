/*
 * The edition switch on session pages: "Learner worksheet" or "Trainer edition".
 *
 * The trainer edition shows the facilitator notes, the answer keys and the timing table; the
 * learner worksheet hides them. Printing follows what is on screen. The choice is remembered.
 * Without JavaScript a page is the learner worksheet.
 *
 * Also marks the page coop-online or coop-offline (file://, the USB copy).
 */

const KEY = "ourcoffeecoop/edition"
const root = document.documentElement

// Online or the USB copy: texts that only make sense in one of them (the "Suggest a better Lao
// wording" note, coopsite/lao_feedback.py) are shown by coop.css from this class, before the page is drawn.
root.classList.add(location.protocol === "file:" ? "coop-offline" : "coop-online")

function read() {
  try { return localStorage.getItem(KEY) === "trainer" ? "trainer" : "learner" } catch { return "learner" }
}

function apply(edition) {
  root.classList.toggle("coop-trainer", edition === "trainer")
  for (const button of document.querySelectorAll(".coop-edition [data-edition]"))
    button.setAttribute("aria-pressed", String(button.dataset.edition === edition))
}

apply(read())
document.addEventListener("DOMContentLoaded", () => {
  apply(read())
  for (const button of document.querySelectorAll(".coop-edition [data-edition]"))
    button.addEventListener("click", () => {
      try { localStorage.setItem(KEY, button.dataset.edition) } catch { /* private mode: this page only */ }
      apply(button.dataset.edition)
    })
  for (const button of document.querySelectorAll(".coop-edition .coop-print"))
    button.addEventListener("click", () => window.print())
  for (const bar of document.querySelectorAll(".coop-edition")) bar.classList.add("coop-on")
})
