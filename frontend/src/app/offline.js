/*
 * The service worker, seen from the page (http(s) only: app.js never calls this from file://).
 *
 * Registers sw.js with the languages whose pages it should keep: the ones the learner has read
 * so far plus this page's (sw.js?lang=en,lo). A new language is a new script URL, so the worker
 * installs again; since it is the same build, it takes over quietly. A new build (another version)
 * waits, and the page offers "A new version of the course is ready — Reload".
 */

import { Workbox, messageSW } from "workbox-window"

/** The languages a worker keeps pages of, from its script URL. */
function langsOf(worker) {
  return worker ? (new URL(worker.scriptURL).searchParams.get("lang") || "").split(",").filter(Boolean) : []
}

/**
 * @param root     URL of the site's root (the worker's scope)
 * @param lang     this page's language
 * @param onReady  (info) => void, once the active worker keeps this language's pages; info is its
 *                 answer to INFO: {version, langs, keep}
 * @param onUpdate (reload) => void, when a new version waits; call reload() to switch to it
 */
export async function startWorker({ root, lang, onReady, onUpdate }) {
  const scope = new URL(root || "./", location.href).href // root is "" on the home page
  // Every language any worker of this site keeps (early in a page's life the registration may not
  // list its workers yet, but the controller is there).
  const existing = await navigator.serviceWorker.getRegistration(scope)
  const workers = [navigator.serviceWorker.controller, ...(existing ? [existing.installing, existing.waiting, existing.active] : [])]
  const langs = [...new Set([lang, ...workers.flatMap(langsOf)])].sort()
  const wb = new Workbox(new URL(`sw.js?lang=${langs.join(",")}`, scope).href, { scope })

  let ready = false
  const checkReady = async () => {
    const active = (await navigator.serviceWorker.ready).active
    const info = active && (await messageSW(active, { type: "INFO" }))
    if (!ready && info && info.langs.includes(lang)) {
      ready = true
      document.documentElement.dataset.coopOffline = "ready" // for tests
      onReady(info)
    }
  }

  // A worker waits: a new build (ask the learner) or the same build with one language more (take
  // over quietly). Workbox tells of the workers it sees installing; one that was already
  // installing when this page came (another page started it) is watched here.
  let reloading = false
  const seen = new WeakSet()
  const considerWaiting = async () => {
    const registration = await navigator.serviceWorker.getRegistration(scope)
    const waiting = registration && registration.waiting
    const controller = navigator.serviceWorker.controller
    if (!waiting || seen.has(waiting)) return
    seen.add(waiting)
    const [next, current] = await Promise.all([
      messageSW(waiting, { type: "INFO" }),
      controller ? messageSW(controller, { type: "INFO" }) : null
    ])
    if (current && next.version === current.version) {
      messageSW(waiting, { type: "SKIP_WAITING" })
      return
    }
    onUpdate(() => {
      reloading = true
      messageSW(waiting, { type: "SKIP_WAITING" })
    })
  }
  const watch = worker => worker && worker.addEventListener("statechange", () => {
    if (worker.state === "installed") considerWaiting()
  })
  wb.addEventListener("waiting", considerWaiting)
  wb.addEventListener("controlling", () => {
    if (reloading) location.reload()
    else checkReady()
  })
  wb.addEventListener("activated", checkReady)
  const registration = await wb.register()
  watch(registration.installing)
  await considerWaiting()
  await checkReady()
}

/** Show "A new version of the course is ready. [Reload]" at the bottom of the page. */
export function showUpdate(words, reload) {
  if (document.querySelector(".coop-update")) return
  const bar = document.createElement("div")
  bar.className = "coop-update"
  bar.setAttribute("role", "status")
  const text = document.createElement("span")
  text.textContent = words.update_ready
  const button = document.createElement("button")
  button.type = "button"
  button.className = "md-button md-button--primary"
  button.textContent = words.update_reload
  button.addEventListener("click", () => {
    button.disabled = true
    reload()
  })
  bar.append(text, " ", button)
  document.body.append(bar)
}
