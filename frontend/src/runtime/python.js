/*
 * Python for the page: starts the worker when first needed, queues calls, stops runaway code.
 *
 * Nothing is downloaded until `ensure()` is called (the learner changed a number, pressed Run,
 * opened the code or checked an answer) — and, where a download is dear (a phone, Data Saver, a slow
 * connection), not before the learner agreed to its size (`askFirst`, `consent()`). Then:
 *   - http(s): a module worker fetches Python's files itself (and keeps them in Cache Storage, unless
 *     the service worker controls the page: then it keeps them, frontend/src/sw.js);
 *   - file://: the page loads the files as classic-script "packs", turns them into Blobs and posts
 *     them to a module worker made from a data: URL, its code loaded as a classic script too
 *     (assets/coop/py-worker-src.<hash>.js, when Python first starts). The Blobs are kept, so a
 *     restart is quick.
 * The first worker's compiled wasm module is kept too: a restart (Stop, a timeout, a crash) compiles nothing.
 * Python starts from the build's memory snapshot; if the worker refuses it (missing, truncated, made
 * for another build, or its restore threw), the page says so in one console line and starts Python
 * the normal way — the learner sees no difference but the time. File names and sizes all come from
 * the manifest (scripts/stage_assets.py), built into this script.
 *
 * A call that takes longer than its timeout, the Stop button, or a crash terminates the worker
 * and starts a new one; the page never freezes and the learner's inputs are never touched.
 */

import { loadScript } from "../load-script.js"

/* global __MANIFEST__, __SERVED__ */
const MANIFEST = __MANIFEST__

/** How long a call may run before it is stopped (ms). A page (or a test) may set window.COOP_CALL_TIMEOUT. */
export const CALL_TIMEOUT = 5000
/** With no sign of progress for this long, loading has failed (Pyodide can hang silently). */
const LOAD_STALL_TIMEOUT = 45000
/** What the worker calls each file (by its name on http; a pack's key is that name, maybe + ".gz"). */
const NAMES = {
  "pyodide.mjs": "pyodideMjs", "pyodide.asm.mjs": "asmMjs", "pyodide.asm.wasm": "wasm",
  "python_stdlib.zip": "stdlib", "pybundle.zip": "bundle", "pysnapshot.bin": "snapshot"
}
const fileName = path => NAMES[path.split("/").pop()]
const packName = pack => NAMES[MANIFEST.packs[pack].key.replace(/\.gz$/, "")]
/** Bytes a file costs on the wire: its gzip copy when the site has one (zips are sent as they are). */
const wireBytes = path => MANIFEST.files[path].gzip || MANIFEST.files[path].bytes

/** Take a pack's value out of the global (so the big string can be freed). */
function take(key) {
  const packs = self.PYPACK || {}
  const value = packs[key]
  delete packs[key]
  if (value === undefined) throw new Error(`pack ${key} is missing`)
  return value
}

function base64Bytes(text) {
  if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(text)
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/**
 * Should the learner see the download's size and press a button before Python is fetched? Yes on a
 * phone (touch screen, small screen), with Data Saver on, or on a 2g/3g connection (http only).
 */
export function askFirst() {
  if (location.protocol === "file:") return false
  const connection = navigator.connection
  if (connection && (connection.saveData || ["slow-2g", "2g", "3g"].includes(connection.effectiveType))) return true
  return matchMedia("(pointer: coarse)").matches && Math.min(screen.width, screen.height) < 600
}

export class PythonRuntime {
  /**
   * @param assets  absolute URL of the site's assets/ folder, ending in "/"
   * @param onState (event) => void; events are PythonEvent (./messages.js):
   *                "ask" {bytes} | "loading" {loaded, total} | "ready" {ms, path, restart} |
   *                "failed" {reason, download} | "restarting" {reason}
   */
  constructor(assets, onState) {
    this.assets = assets
    this.onState = onState
    this.mode = location.protocol === "file:" ? "file" : "http"
    this.state = "idle"
    this.worker = null
    this.queue = []
    this.current = null
    this.nextId = 1
    this.blobs = {} // file:// — the packs' bytes, kept for restarts
    this.module = null // the wasm module the first worker compiled, kept for restarts
    this.ready = null
    this.agreed = null // resolves when the learner agreed to the download (see ask())
    this.warm = false // has this worker answered a call yet?
    /** "snapshot" (fast) or "normal"; tests and `make bench` may set window.COOP_PYTHON_START. */
    this.path = self.COOP_PYTHON_START === "normal" ? "normal" : "snapshot"
    this.bare = false // `make bench` only: start Pyodide without the exercises
  }

  /** Start Python if it is not started yet; resolves when it is ready. */
  ensure() {
    if (!this.ready) {
      this.ready = (this.agreed || Promise.resolve()).then(() => this.start()).catch(error => {
        this.ready = null
        this.state = "failed"
        this.onState({ state: "failed", reason: error.message || String(error), download: Boolean(error.download) })
        throw error
      })
    }
    return this.ready
  }

  /**
   * Hold the download until `consent()` (from now: a change made meanwhile waits too); tell the page
   * how many bytes it would be — what is not kept from an earlier visit. Resolves to that number;
   * with nothing to download, there is nothing to ask.
   */
  async ask() {
    let agree
    this.agreed = new Promise(resolve => { agree = resolve })
    this.consent = () => { this.consent = null; agree() }
    const bytes = await this.bytesToDownload()
    if (bytes > 0) {
      this.state = "asking"
      this.onState({ state: "ask", bytes })
    } else {
      this.consent()
    }
    return bytes
  }

  /** Compressed bytes Python still needs over http (files already in a cache of this site excepted). */
  async bytesToDownload() {
    let bytes = 0
    for (const path of MANIFEST.boot.http[this.path]) {
      let kept = false
      try {
        const url = this.url(path)
        // kept by the worker's own cache or by the service worker's keep group (sw.js, "Keep this
        // course"): both under this URL, whose name holds the file's hash, so never another build's copy
        kept = Boolean(await self.caches?.match(url) || await self.caches?.match(`${url}.gz`))
      } catch { kept = false }
      if (!kept) bytes += wireBytes(path)
    }
    return bytes
  }

  /** The URL of a Python file of the site: its name holds its hash, so a kept copy never outlives its build. */
  url(path) {
    return new URL(MANIFEST.files[path].url, this.assets).href
  }

  async start() {
    this.state = "loading"
    await this.spawn(await this.initMessage())
  }

  /** The snapshot cannot be used: say so in one console line, start the normal way from now on. */
  refuse(why) {
    console.warn(`Python: the build's memory snapshot was not used (${why}); starting Python the normal way.`)
    this.path = "normal"
    return this.initMessage()
  }

  /** What the worker needs to start Python the current way (`this.path`). */
  async initMessage() {
    const path = this.bare ? "normal" : this.path
    const message = {
      type: "init", mode: this.mode, path, bare: this.bare, key: MANIFEST.key, lock: JSON.stringify(MANIFEST.lock),
      indexURL: new URL("pyodide/", this.assets).href, cacheName: "ourcoffeecoop-python", downloads: {},
      module: this.module, controlled: Boolean(navigator.serviceWorker && navigator.serviceWorker.controller)
    }
    if (this.mode === "file") { // read from the disk: no download to count
      try {
        message.files = await this.loadPacks(MANIFEST.boot.file[path].filter(pack => !(this.bare && packName(pack) === "bundle")))
      } catch (error) {
        if (path !== "snapshot") throw error
        return this.refuse(error.message) // its pack is missing or broken
      }
      return message
    }
    message.urls = { stdlib: this.url("pyodide/python_stdlib.zip") }
    message.current = Object.keys(MANIFEST.files).flatMap(file => [this.url(file), `${this.url(file)}.gz`])
    for (const file of MANIFEST.boot.http[path]) {
      if (this.bare && fileName(file) === "bundle") continue
      message.urls[fileName(file)] = this.url(file)
      message.downloads[fileName(file)] = { size: MANIFEST.files[file].bytes, wire: wireBytes(file) }
    }
    if (message.urls.snapshot) message.urls.snapshotGzip = `${message.urls.snapshot}.gz`
    return message
  }

  /** file://: load the packs (classic scripts) once, keep their bytes as Blobs (strings for code). */
  async loadPacks(packs, quiet = false) {
    const missing = packs.filter(pack => !(packName(pack) in this.blobs))
    const total = missing.reduce((sum, pack) => sum + MANIFEST.packs[pack].bytes, 0)
    let loaded = 0
    const tell = () => { if (total && !quiet) this.onState({ state: "loading", loaded, total }) }
    tell()
    await Promise.all(missing.map(async pack => {
      await loadScript(new URL(MANIFEST.packs[pack].url, this.assets).href)
      const value = take(MANIFEST.packs[pack].key)
      this.blobs[packName(pack)] = pack.endsWith(".src.js") ? value : new Blob([base64Bytes(value)])
      loaded += MANIFEST.packs[pack].bytes
      tell()
    }))
    return { ...this.blobs }
  }

  /** file://: the worker's code, as text for a data: URL (a classic script sets it; loaded once). */
  async workerSource() {
    if (self.__coopWorkerSrc === undefined) await loadScript(new URL(__SERVED__["coop/py-worker-src.js"], this.assets).href)
    return /** @type {string} */ (self.__coopWorkerSrc)
  }

  /** Make a worker, send it `init`, resolve when it says "ready" (or start normally if it refuses the snapshot). */
  async spawn(init) {
    const source = this.mode === "file" ? await this.workerSource() : ""
    return new Promise((resolve, reject) => {
      // The browser's own Worker: on file://, window.Worker is the search shim's iframe stand-in.
      const NativeWorker = self.__coopNativeWorker || self.Worker
      const worker = this.mode === "file"
        ? new NativeWorker(`data:text/javascript,${encodeURIComponent(source)}`, { type: "module" })
        : new NativeWorker(new URL(__SERVED__["coop/py-worker.js"], this.assets), { type: "module" })
      this.worker = worker
      let stall = null
      const watch = () => {
        clearTimeout(stall)
        stall = setTimeout(() => fail(new Error("load_timeout")), LOAD_STALL_TIMEOUT)
      }
      const fail = error => {
        clearTimeout(stall)
        worker.terminate()
        if (this.worker === worker) this.worker = null
        reject(error)
      }
      worker.onerror = event => fail(new Error(event.message || "the Python worker could not start"))
      worker.onmessage = ({ data: m }) => {
        if (m.type === "progress") {
          watch()
          if (this.state !== "restarting") this.onState({ state: "loading", loaded: m.loaded, total: m.total })
        } else if (m.type === "ready") {
          clearTimeout(stall)
          worker.onmessage = event => this.receive(worker, event.data)
          worker.onerror = () => this.crashed(worker, "crashed")
          const restart = this.state === "restarting"
          this.state = "ready"
          this.warm = false
          this.onState({ state: "ready", ms: m.ms, path: m.path, restart })
          resolve()
          this.pump()
          if (this.mode === "file" && m.path === "snapshot") this.sendStandardLibrary(worker)
        } else if (m.type === "refused") {
          clearTimeout(stall)
          worker.terminate()
          this.refuse(m.message).then(next => this.spawn(next)).then(resolve, reject)
        } else if (m.type === "failed") {
          fail(Object.assign(new Error(m.message), { download: m.download }))
        }
      }
      watch()
      worker.postMessage(init)
    })
  }

  /**
   * file://, after a start from the snapshot: the standard library in the background, for a learner's
   * import that nothing foresaw (coop_boot._StdlibOnDemand). Not needed to start, so not waited for.
   */
  async sendStandardLibrary(worker) {
    try {
      const { stdlib } = await this.loadPacks(Object.keys(MANIFEST.packs).filter(pack => packName(pack) === "stdlib"), true)
      if (this.worker === worker) worker.postMessage({ type: "stdlib", blob: stdlib })
    } catch { /* an import of an unforeseen module will say it is missing */ }
  }

  /**
   * Ask Python something. `key` coalesces calls: a queued call with the same key is replaced by
   * the newer one (its promise resolves to {superseded: true}).
   * @param {import("./messages.js").EngineRequest} request
   * @returns {Promise<any>} the engine's response (see ./messages.js), or {superseded: true}
   */
  call(request, { key = null, timeout = CALL_TIMEOUT, onSlow = null } = {}) {
    return new Promise((resolve, reject) => {
      if (key !== null) {
        const index = this.queue.findIndex(item => item.key === key)
        if (index >= 0) {
          this.queue[index].resolve({ superseded: true })
          this.queue.splice(index, 1)
        }
      }
      this.queue.push({ request, key, timeout, onSlow, resolve, reject })
      this.ensure().then(() => this.pump(), () => {
        const failed = this.queue.splice(0)
        failed.forEach(item => item.reject(new Error("not_loaded")))
      })
    })
  }

  pump() {
    if (this.state !== "ready" || this.current || !this.queue.length) return
    const item = this.queue.shift()
    item.id = this.nextId++
    item.started = performance.now()
    // The first call after Python started runs code the browser has not optimised yet (a restored
    // snapshot has run none of it): it gets twice the time before it counts as stuck.
    item.limit = this.warm ? item.timeout : 2 * item.timeout
    item.timer = setTimeout(() => this.halt("timeout"), item.limit)
    if (item.onSlow) item.slowTimer = setTimeout(item.onSlow, 300)
    this.current = item
    this.worker.postMessage({ type: "call", id: item.id, request: item.request })
  }

  receive(worker, m) {
    if (m.type === "kept") { // a restart then compiles nothing (and, on file://, unpacks nothing)
      this.module = m.module
      Object.assign(this.blobs, m.files)
      return
    }
    if (worker !== this.worker || !this.current || m.id !== this.current.id) return
    const item = this.current
    this.finish()
    if (m.type === "result") {
      this.warm = true
      item.resolve(m.response)
      this.pump() // the next call in line
    } else {
      this.crashed(worker, "crashed", item)
    }
  }

  finish() {
    const item = this.current
    if (item) { clearTimeout(item.timer); clearTimeout(item.slowTimer) }
    this.current = null
    return item
  }

  /** The Stop button, or a call that ran too long: throw the worker away and start again. */
  halt(reason = "stopped") {
    if (!this.worker) return
    this.crashed(this.worker, reason, this.finish())
  }

  crashed(worker, reason, item = this.finish()) {
    if (worker !== this.worker) return
    worker.terminate()
    this.worker = null
    this.state = "restarting"
    if (item) item.reject(Object.assign(new Error(reason), { reason, seconds: Math.round(item.limit / 1000) }))
    this.onState({ state: "restarting", reason })
    this.ready = this.initMessage()
      .then(init => this.spawn(init))
      .catch(error => {
        this.ready = null
        this.state = "failed"
        this.onState({ state: "failed", reason: error.message, download: Boolean(error.download) })
      })
  }

  get busy() {
    return this.current !== null
  }
}
