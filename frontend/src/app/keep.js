/*
 * "Keep this course on this phone" (on the home page and the "My progress" page).
 *
 * After the first visit the service worker already keeps the pages and the search of the language
 * being read. This panel adds the simulations (Python, the same for every language) and the
 * printable PDFs of this language: it shows their size first, checks the phone has the space,
 * asks the browser to keep them (navigator.storage.persist), downloads them with a progress bar,
 * and says plainly what went wrong if the internet is cut or the phone is full. What is already
 * downloaded stays, so pressing the button again goes on where it stopped.
 */

import { fillGroup, missing } from "./keep-cache.js"

const MB = bytes => (bytes / 1e6).toFixed(1)
const sum = (entries, key) => entries.reduce((total, entry) => total + entry[key], 0)

export class KeepPanel {
  constructor(panel, { lang, words }) {
    this.panel = panel
    this.lang = lang
    this.words = words
    this.pages = panel.querySelector(".coop-keep-pages")
    this.status = panel.querySelector(".coop-keep-status")
    this.bar = panel.querySelector(".coop-keep-progress")
    this.button = panel.querySelector(".coop-keep-button")
    this.remove = panel.querySelector(".coop-keep-remove")
    this.boxes = { python: panel.querySelector('input[name="python"]'), pdf: panel.querySelector('input[name="pdf"]') }
    this.groups = null
    this.keepAll = false // every group kept: nothing left to download
    this.busy = false
    this.choices = panel.querySelector(".coop-keep-groups")
    panel.hidden = false
    this.show(false)
    this.pages.textContent = words.keep_pages_wait
    this.button.addEventListener("click", () => this.keep())
    this.remove.addEventListener("click", () => this.forget())
  }

  t(key, values = {}) {
    return this.words[key].replace(/\{(\w+)\}/g, (_, name) => values[name] ?? "")
  }

  /** Show or hide what to keep and the button (hidden until the service worker is ready). */
  show(on) {
    this.choices.hidden = !on
    this.button.hidden = !on
  }

  /** This browser has no service worker: say so, and offer nothing. */
  unsupported() {
    this.pages.textContent = this.words.keep_unsupported
    this.show(false)
  }

  /** The worker keeps this language's pages; `info.keep` lists the groups of this build. */
  async ready(info) {
    const find = id => info.keep.find(group => group.id === id)
    this.groups = { python: find("python"), pdf: find(`pdf-${this.lang}`) }
    this.pages.textContent = this.words.keep_pages_ready
    await this.refresh()
    this.show(true)
    this.button.hidden = this.keepAll
  }

  /**
   * Show each group's download size, or that it is kept (its box then ticked and fixed); offer
   * "Keep" while something is not kept, and "Remove" once something is. Returns the bytes kept.
   */
  async refresh() {
    let kept = 0
    let all = true
    for (const [id, group] of Object.entries(this.groups)) {
      const box = this.boxes[id]
      const done = Boolean(group) && (await missing(group)).length === 0
      box.closest("label").querySelector(".coop-keep-size").textContent = done
        ? this.t("keep_kept", { size: MB(sum(group.entries, "size")) })
        : this.t("keep_size", { size: MB(group ? sum(group.entries, "transfer") : 0) })
      box.closest("label").classList.toggle("coop-kept", done)
      box.disabled = done
      if (done) {
        box.checked = true
        kept += sum(group.entries, "size")
      } else {
        all = false
      }
    }
    this.keepAll = all
    this.remove.hidden = kept === 0
    return kept
  }

  async keep() {
    if (this.busy || !this.groups) return
    const chosen = Object.entries(this.groups).filter(([id, group]) => group && this.boxes[id].checked).map(([, group]) => group)
    if (!chosen.length) {
      this.say(this.words.keep_choose)
      return
    }
    this.busy = true // before the first wait: a second tap starts no second download
    this.button.disabled = true
    const todo = []
    for (const group of chosen) todo.push(...(await missing(group)))
    const need = sum(todo, "size")
    if (navigator.storage && navigator.storage.estimate) {
      const { quota = Infinity, usage = 0 } = await navigator.storage.estimate()
      if (quota - usage < need) {
        this.say(this.t("keep_no_space", { need: MB(need), free: MB(Math.max(0, quota - usage)) }))
        this.busy = false
        this.button.disabled = false
        return
      }
    }
    const persisted = navigator.storage && navigator.storage.persist ? await navigator.storage.persist().catch(() => false) : true
    this.bar.hidden = false
    let done = 0
    const onBytes = bytes => {
      done += bytes
      const percent = need ? Math.min(100, Math.floor((done / need) * 100)) : 100
      this.bar.value = percent
      this.say(this.t("keep_downloading", { percent }))
    }
    try {
      for (const group of chosen) await fillGroup(group, { onBytes })
      const kept = await this.refresh()
      this.say(this.t("keep_done", { size: MB(kept) }) + (persisted ? "" : ` ${this.words.keep_may_be_removed}`))
    } catch (error) {
      this.say(error.name === "QuotaExceededError" ? this.words.keep_full : this.words.keep_stopped)
      await this.refresh()
    } finally {
      this.busy = false
      this.button.disabled = false
      this.button.hidden = this.keepAll
      this.bar.hidden = true
    }
  }

  async forget() {
    if (this.busy) return
    for (const group of Object.values(this.groups)) if (group) await caches.delete(group.cache)
    await this.refresh()
    this.button.hidden = false
    this.say(this.words.keep_removed)
  }

  say(text) {
    this.status.textContent = text
  }
}
