/*
 * Search on the page: nothing is loaded until a reader opens search, then only the reader's
 * language; and typing, pasting or an input method all start a search.
 *
 * Material's page script starts its search worker, and sends it the whole index, as soon as a page
 * loads. Here `new Worker(<Material's search worker>)` gets a stand-in instead: it keeps the
 * messages until the reader opens search (focuses the search field, or a `?q=` link opens it), then
 * starts our worker (search-worker.js, next to this file's bundle) with the URLs of Material's worker
 * and of the language's documents (search/index.<code>.<hash>.js, named in the settings). Until then
 * the page has read only search_index.json, a few hundred bytes of settings (coopsite/search.py).
 *
 * Material searches on `keyup`; pasting, an input method's last step and a phone keyboard's
 * suggestions change the field without one, so `input` and `compositionend` act as one here.
 *
 * This runs in <head> after the iframe-worker shim (on file:// `Worker` is the shim's stand-in,
 * which runs the worker in an iframe) and before Material's bundle.
 */

/* global __LANGUAGES__, __SEARCH_WORKER__ */
const SETUP = 0 // Material's SearchMessageType
const DOCUMENTS = "coop_documents" // the settings' {language: file of its documents} (coopsite/search.py FILES_KEY)
const MATERIAL_WORKER = /javascripts\/workers\/search\.[^/?#]*\.js$/
/**
 * Our worker's URL from Material's, as written in the page: coopsite/csp.py derives it the same way
 * (on file:// the shim writes it into an inline script whose hash the page's policy must allow).
 */
const ourWorker = url => url.replace(MATERIAL_WORKER, __SEARCH_WORKER__) // coop/search-worker.<hash>.js
const SITE = new URL("../../", document.currentScript ? document.currentScript.src : location.href)

/** The language of this page: its folder for every language but the default (as coopsite/search.py splits). */
function pageLanguage() {
  const first = location.href.startsWith(SITE.href) ? location.href.slice(SITE.href.length).split("/")[0] : ""
  const language = __LANGUAGES__.find(l => !l.default && l.code === first) || __LANGUAGES__.find(l => l.default)
  return language.code
}

/** Material's search worker until search is opened, then ours. */
class SearchWorker extends EventTarget {
  constructor(Base, url) {
    super()
    this.Base = Base
    this.url = url
    this.worker = null
    this.queue = []
    window.__coopSearchWorker = this // tests reach the index through it
    whenOpened(() => this.start())
  }

  start() {
    if (this.worker) return
    this.worker = new this.Base(ourWorker(this.url))
    this.worker.addEventListener("message", event => this.dispatchEvent(new MessageEvent("message", { data: event.data })))
    this.worker.addEventListener("error", event => this.dispatchEvent(new ErrorEvent("error", event)))
    for (const message of this.queue.splice(0)) this.worker.postMessage(message)
  }

  postMessage(message) {
    if (message && message.type === SETUP) {
      const index = new URL(message.data.config[DOCUMENTS][pageLanguage()], SITE).href
      message = { ...message, data: { ...message.data, coop: { worker: new URL(this.url, location.href).href, index } } }
    }
    if (this.worker) this.worker.postMessage(message)
    else this.queue.push(message)
  }

  terminate() {
    if (this.worker) this.worker.terminate()
  }
}

/** Call `start` once, when the reader opens search. */
function whenOpened(start) {
  let done = false
  const open = () => {
    if (!done) start()
    done = true
  }
  const isQuery = target => target instanceof HTMLInputElement && target.matches("[data-md-component=search-query]")
  document.addEventListener("focusin", event => { if (isQuery(event.target)) open() })
  document.addEventListener("change", event => { if (event.target.id === "__search" && event.target.checked) open() })
  // a `?q=` link: Material opens search right after it made this worker
  setTimeout(() => { if (document.getElementById("__search")?.checked) open() })
}

function install() {
  const Base = window.Worker
  if (!Base) return
  window.Worker = function Worker(url, options) {
    return MATERIAL_WORKER.test(String(url)) ? new SearchWorker(Base, String(url)) : new Base(url, options)
  }
  // Text that arrives without a key: pasted, from an input method, a suggestion picked on a phone.
  const keyup = event => {
    const field = event.target
    if (field instanceof HTMLInputElement && field.matches("[data-md-component=search-query]") && !event.isComposing)
      field.dispatchEvent(new KeyboardEvent("keyup"))
  }
  document.addEventListener("input", keyup, true)
  document.addEventListener("compositionend", keyup, true)
}

install()
