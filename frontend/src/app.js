/*
 * The page script of every page (deferred): the course as a web app, and the learning path.
 *
 *   - over http(s): the service worker (app/offline.js) — kept pages, "A new version is ready";
 *     never from file:// (the USB copy works as it is, without one);
 *   - "Keep this course on this phone" (app/keep.js), where the page has the panel;
 *   - the "My progress" page (app/progress-page.js), also from file://.
 *
 * Its settings and words come from the page (overrides/main.html, hooks/webapp.py).
 */

import { KeepPanel } from "./app/keep.js"
import { showUpdate, startWorker } from "./app/offline.js"
import { progressPage } from "./app/progress-page.js"

const settings = JSON.parse(document.getElementById("coop-app")?.textContent || "null")

// Paper is white: print in the light colours whatever the screen shows (Material's dark "slate").
let scheme = null
addEventListener("beforeprint", () => {
  scheme = document.body.getAttribute("data-md-color-scheme")
  document.body.setAttribute("data-md-color-scheme", "default")
})
addEventListener("afterprint", () => { if (scheme) document.body.setAttribute("data-md-color-scheme", scheme) })

if (settings) {
  const { lang, root, words } = settings
  const list = document.querySelector(".coop-path")
  if (list) progressPage(list, { words })

  const web = location.protocol === "http:" || location.protocol === "https:"
  if (web) { // the web app's manifest (from file:// the browser would refuse it with an error)
    const link = Object.assign(document.createElement("link"), { rel: "manifest", href: settings.manifest })
    document.head.append(link)
  }
  const panels = web ? [...document.querySelectorAll(".coop-keep")].map(panel => new KeepPanel(panel, { lang, words })) : []
  if (web && "serviceWorker" in navigator && window.isSecureContext) {
    startWorker({
      root, lang,
      onReady: info => panels.forEach(panel => panel.ready(info)),
      onUpdate: reload => showUpdate(words, reload)
    }).catch(error => {
      console.warn("service worker:", error) // the panel says the course cannot be kept here
      panels.forEach(panel => panel.unsupported())
    })
  } else {
    panels.forEach(panel => panel.unsupported())
  }
}
