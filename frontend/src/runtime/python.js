/*
 * Python for the page: starts the worker when first needed, queues calls, stops runaway code.
 *
 * Nothing is downloaded until `ensure()` is called (the learner changed a number, pressed Run,
 * opened the code or checked an answer). Then:
 *   - http(s): a module worker fetches Pyodide's files itself (and keeps them in Cache Storage);
 *   - file://: the page loads the files as classic-script "packs", turns them into Blobs and posts
 *     them to a module worker made from a data: URL. The Blobs are kept, so a restart is quick.
 * A call that takes longer than its timeout, the Stop button, or a crash terminates the worker
 * and starts a new one; the page never freezes and the learner's inputs are never touched.
 */

import { loadScript } from "../load-script.js"

/* global __MANIFEST__, __WORKER_SRC__ */
const MANIFEST = __MANIFEST__
const WORKER_SRC = __WORKER_SRC__

/** How long a call may run before it is stopped (ms). A page (or a test) may set window.COOP_CALL_TIMEOUT. */
export const CALL_TIMEOUT = 5000
/** With no sign of progress for this long, loading has failed (Pyodide can hang silently). */
const LOAD_STALL_TIMEOUT = 45000

const PACKS = [
  ["pyodide/packs/wasm.gz.b64.js", "wasm.gz.b64.js"],
  ["pyodide/packs/stdlib.b64.js", "stdlib.b64.js"],
  ["pyodide/packs/lock.js", "lock.js"],
  ["pyodide/packs/pyodide.asm.mjs.src.js", "pyodide.asm.mjs.src.js"],
  ["pyodide/packs/pyodide.mjs.src.js", "pyodide.mjs.src.js"],
  ["coop/packs/pybundle.b64.js", "pybundle.b64.js"]
]

/** Take a pack's string out of the global (so the big string can be freed). */
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

export class PythonRuntime {
  /**
   * @param assets  absolute URL of the site's assets/ folder, ending in "/"
   * @param onState (event) => void; event.state is one of
   *                "loading" {loaded, total} | "starting" | "ready" {ms} | "failed" {reason} | "restarting"
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
    this.files = null
    this.ready = null
    this.timings = { requested: null, ready: null, restarts: [] }
    this.bare = false // `make bench` only: start Pyodide without the exercises
  }

  /** Start Python if it is not started yet; resolves when it is ready. */
  ensure() {
    if (!this.ready) {
      this.timings.requested = performance.now()
      this.ready = this.start().catch(error => {
        this.ready = null
        this.state = "failed"
        this.onState({ state: "failed", reason: error.message || String(error) })
        throw error
      })
    }
    return this.ready
  }

  async start() {
    this.state = "loading"
    const init = this.mode === "file" ? await this.filePacks() : this.httpInit()
    await this.spawn({ ...init, bare: this.bare })
    this.timings.ready = performance.now()
  }

  httpInit() {
    const p = MANIFEST.pyodide
    const total = p["pyodide.mjs"] + p["pyodide.asm.mjs"] + p["pyodide.asm.wasm"] + p["python_stdlib.zip"] +
      p["pyodide-lock.json"] + MANIFEST.bundle.size
    return {
      type: "init", mode: "http", totalBytes: total,
      indexURL: new URL("pyodide/", this.assets).href,
      bundleURL: new URL(`coop/pybundle.zip?v=${MANIFEST.bundle.hash}`, this.assets).href,
      cacheName: `ourcoffeecoop-pyodide-${MANIFEST.pyodideVersion}`,
      bundleCache: "ourcoffeecoop-bundle",
      controlled: Boolean(navigator.serviceWorker && navigator.serviceWorker.controller)
    }
  }

  async filePacks() {
    if (!this.files) {
      const total = PACKS.reduce((sum, [, name]) => sum + (MANIFEST.packs[name] || 0), 0)
      let loaded = 0
      this.onState({ state: "loading", loaded, total })
      await Promise.all(PACKS.map(async ([path, name]) => {
        await loadScript(new URL(path, this.assets).href)
        loaded += MANIFEST.packs[name] || 0
        this.onState({ state: "loading", loaded, total })
      }))
      this.files = {
        wasm: new Blob([base64Bytes(take("pyodide.asm.wasm.gz"))]),
        stdlib: new Blob([base64Bytes(take("python_stdlib.zip"))]),
        bundle: new Blob([base64Bytes(take("pybundle.zip"))]),
        lock: take("pyodide-lock.json"),
        asmMjs: take("pyodide.asm.mjs"),
        pyodideMjs: take("pyodide.mjs")
      }
    }
    return { type: "init", mode: "file", indexURL: new URL("pyodide/", this.assets).href, files: this.files }
  }

  /** Make a worker, send it `init`, resolve when it says "ready". */
  spawn(init) {
    return new Promise((resolve, reject) => {
      // The browser's own Worker: on file://, window.Worker is the search shim's iframe stand-in.
      const NativeWorker = self.__coopNativeWorker || self.Worker
      const worker = this.mode === "file"
        ? new NativeWorker(`data:text/javascript,${encodeURIComponent(WORKER_SRC)}`, { type: "module" })
        : new NativeWorker(new URL("coop/py-worker.js", this.assets), { type: "module" })
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
          this.onState({ state: "loading", loaded: m.loaded, total: m.total })
        } else if (m.type === "phase") {
          watch()
          this.onState({ state: "starting" })
        } else if (m.type === "ready") {
          clearTimeout(stall)
          worker.onmessage = event => this.receive(worker, event.data)
          worker.onerror = () => this.crashed(worker, "crashed")
          const restart = this.state === "restarting"
          this.state = "ready"
          this.onState({ state: "ready", ms: m.ms, restart })
          resolve()
          this.pump()
        } else if (m.type === "failed") {
          fail(new Error(m.message))
        }
      }
      watch()
      worker.postMessage(init)
    })
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
    item.timer = setTimeout(() => this.halt("timeout"), item.timeout)
    if (item.onSlow) item.slowTimer = setTimeout(item.onSlow, 300)
    this.current = item
    this.worker.postMessage({ type: "call", id: item.id, request: item.request })
  }

  receive(worker, m) {
    if (worker !== this.worker || !this.current || m.id !== this.current.id) return
    const item = this.current
    this.finish()
    if (m.type === "result") {
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
    if (item) item.reject(Object.assign(new Error(reason), { reason }))
    this.onState({ state: "restarting", reason })
    const began = performance.now()
    this.ready = (this.mode === "file" ? this.filePacks() : Promise.resolve(this.httpInit()))
      .then(init => this.spawn(init))
      .then(() => { this.timings.restarts.push(performance.now() - began) })
      .catch(error => {
        this.ready = null
        this.state = "failed"
        this.onState({ state: "failed", reason: error.message })
      })
  }

  get busy() {
    return this.current !== null
  }
}
