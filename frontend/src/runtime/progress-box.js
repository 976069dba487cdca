/*
 * The "Your progress" box: save the learner's progress to a file, load it from a file.
 * Under a page's simulations (runtime.js) and on the "My progress" page (app/progress-page.js).
 */

/**
 * @param box        the box (exercises/core/api.py progress_box)
 * @param store      the ProgressStore
 * @param tell       (messageKey) => void, says what happened in the box
 * @param onImported () => void, after a file was loaded into the store
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
    const file = event.target.files[0]
    event.target.value = ""
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
