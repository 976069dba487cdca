// @ts-check
/*
 * The "Your progress" box: save the learner's progress to a file, load it from a file.
 * Under a page's simulations (runtime.js) and on the "My progress" page (app/progress-page.js).
 */

/**
 * @param {Element} box  the box (exercises/core/render.py progress_box)
 * @param {import("./progress.js").ProgressStore} store
 * @param {(key: string) => void} tell  says what happened in the box
 * @param {() => void} onImported  after a file was loaded into the store
 */
export function wireProgressBox(box, store, tell, onImported) {
  box.classList.add("cx-on")
  box.querySelector(".cx-export").addEventListener("click", () => {
    const blob = new Blob([store.exportText()], { type: "application/json" })
    const link = document.createElement("a")
    link.href = URL.createObjectURL(blob)
    link.download = `our-coffee-coop-progress-${new Date().toISOString().slice(0, 10)}.json`
    document.body.appendChild(link)
    link.click()
    link.remove()
    setTimeout(() => URL.revokeObjectURL(link.href), 10000)
    tell("progress_exported")
  })
  box.querySelector(".cx-import-file").addEventListener("change", async event => {
    const input = /** @type {HTMLInputElement} */ (event.target)
    const file = input.files[0]
    input.value = ""
    if (!file) return
    try {
      store.importText(await file.text())
    } catch {
      tell("progress_bad_file")
      return
    }
    onImported()
    tell("progress_imported")
  })
}
