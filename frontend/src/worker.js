/*
 * The Python worker: starts Python, then answers calls from the page.
 *
 * One worker per page serves all its exercises. It starts Python one of two ways (the page chooses):
 *   - "snapshot": restores Python's memory as it was after start-up at build time, with the exercises
 *     already imported (./runtime/snapshot.js; about a second) — no standard library, no bundle;
 *   - "normal": Pyodide's own start-up, then the standard library and the exercise bundle are loaded
 *     and imported (several seconds). The page falls back to it when a snapshot is refused.
 * and gets its files one of two ways:
 *   - http(s): a module worker started from assets/coop/py-worker.js fetches them itself (streaming,
 *     compressed by the host, kept in the Cache Storage);
 *   - file:// (the USB copy): a module worker started from a data: URL (browsers refuse workers,
 *     fetch() and import() of file:// URLs); the page posts the bytes as Blobs and the worker makes
 *     its own blob: URLs (Pyodide then fetches its wasm and stdlib through the fetch stand-in
 *     below, which answers from those Blobs).
 *
 * Messages in:  {type: "init", ...} (see PythonRuntime.initMessage)   {type: "call", id, request}
 *               {type: "stdlib", blob} (file://: the standard library, for imports nobody foresaw)
 * Messages out: {type: "progress", loaded, total} (bytes)               {type: "ready", ms, path}
 *               {type: "kept", module, files} (for restarts: the compiled wasm; file://: the snapshot
 *               and the wasm unpacked, as Blobs)
 *               {type: "result", id, response}     {type: "fatal", id, message}
 *               {type: "failed", message, download} (download: the connection broke; try again)
 *               {type: "refused", message} (the snapshot cannot be used: start normally instead)
 * Their shapes, and those of the requests and responses: runtime/messages.js.
 */

import { BUNDLE_DIR, readSnapshot, withSnapshot } from "./runtime/snapshot.js"

const started = performance.now()
const EMPTY_ZIP = new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)])
let api = null
let init = null

/** Post a message to the page. */
const tell = message => self.postMessage(message)

/** The connection broke while a file was arriving (the page offers to try again). */
class DownloadError extends Error {}

/* ---- Progress: compressed bytes as they arrive ------------------------------------------------ */

/**
 * Every file counts from the start, so the bar moves while anything is arriving. A file's share is
 * its size on the wire (the manifest's gzip size until the response says otherwise); bytes are
 * counted as the body is read (after the browser undid the host's compression, so they are scaled).
 */
const downloads = new Map()
let lastReport = 0

function report(force = false) {
  const now = performance.now()
  if (!downloads.size || (!force && now - lastReport < 100)) return
  lastReport = now
  let loaded = 0
  let total = 0
  for (const file of downloads.values()) {
    total += file.wire
    loaded += file.wire * Math.min(1, file.got / file.size)
  }
  tell({ type: "progress", loaded: Math.round(loaded), total })
}

/** `response` with the Content-Type `type` (Pyodide compiles the wasm only as application/wasm). */
function typed(response, type) {
  if (!type || response.headers.get("Content-Type") === type) return response
  const headers = new Headers(response.headers)
  headers.set("Content-Type", type)
  return new Response(response.body, { status: 200, headers })
}

/**
 * A Response whose body counts its bytes as `name`, and reports a broken connection as such. A file
 * that is all here already (`arrived`: from the Cache Storage) or not counted (file://) is passed on
 * as it is: reading it through a counting stream would only slow down the start.
 */
function counted(response, name, contentType, arrived = false) {
  const file = downloads.get(name)
  if (!file || arrived) {
    if (file) { file.got = file.size; report(true) }
    return typed(response, contentType)
  }
  const length = Number(response.headers.get("Content-Length")) || 0
  if (response.headers.get("Content-Encoding") && length) file.wire = length
  else if (length) { file.wire = length; file.size = length } // sent as it is
  const reader = response.body.getReader()
  const body = new ReadableStream({
    async pull(controller) {
      let chunk
      try {
        chunk = await reader.read()
      } catch (error) {
        const broken = new DownloadError(`${name}: ${error.message || error}`)
        tell({ type: "failed", message: broken.message, download: true }) // Pyodide may hang on it
        controller.error(broken)
        return
      }
      if (chunk.done) { file.got = file.size; report(true); controller.close(); return }
      file.got += chunk.value.byteLength
      report()
      controller.enqueue(chunk.value)
    },
    cancel(reason) { reader.cancel(reason) }
  })
  return typed(new Response(body, { status: 200, headers: response.headers }), contentType)
}

/**
 * The Cache Storage that keeps Python's files between pages and visits (null if not allowed). Under a
 * service worker (init.controlled) that one keeps Python (frontend/src/sw.js): this cache is only read
 * when an earlier visit made it, never created, so the phone holds no second copy.
 */
async function openCache() {
  try {
    if (!self.caches || (init.controlled && !(await self.caches.has(init.cacheName)))) return null
    return await self.caches.open(init.cacheName)
  } catch { return null }
}

/**
 * Fetch a file of the site, from the Cache Storage when it is there. A fresh response is kept
 * there if `keep(response)` says so (in the background: the count follows the network).
 */
async function fetchKept(url, name, contentType, keep = () => true) {
  const cache = await openCache()
  const kept = cache ? await cache.match(url) : undefined
  if (kept) return counted(kept, name, contentType, true)
  let response
  try {
    response = await fetch(url)
  } catch (error) {
    throw new DownloadError(`${name}: ${error.message || error}`)
  }
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`)
  if (cache && !init.controlled && keep(response)) cache.put(url, response.clone()).catch(() => { /* full or not allowed: fine */ })
  return counted(response, name, contentType)
}

/** Forget kept files of earlier versions of the site (their names carry another hash). */
async function forgetOldFiles() {
  const cache = await openCache()
  if (!cache) return
  const current = new Set(init.current)
  for (const request of await cache.keys()) if (!current.has(request.url)) await cache.delete(request)
}

/* ---- Files: from the network (http) or from the page's Blobs (file://) ------------------------- */

const isGzip = async blob => {
  const start = new Uint8Array(await blob.slice(0, 2).arrayBuffer())
  return start[0] === 0x1f && start[1] === 0x8b
}

/** Bytes of a gzip stream, or the bytes as they are when they are not gzip (a host undid it). */
async function gunzipped(response) {
  const bytes = new Uint8Array(await response.arrayBuffer())
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))
  return new Uint8Array(await new Response(stream).arrayBuffer())
}

/**
 * A response the host compressed (or small enough to be the .gz copy itself). One without a length
 * comes from a cache the page filled ("Keep this course", frontend/src/app/keep-cache.js) and is read
 * as it is: offline there is no .gz copy to fetch instead.
 */
const compressed = response => {
  const length = response.headers.get("Content-Length")
  return Boolean(response.headers.get("Content-Encoding")) || length === null ||
    Number(length) <= init.downloads.snapshot.wire * 1.5
}

const files = {
  http: {
    response: (name, type) => fetchKept(init.urls[name], name, type),
    text: async name => (await files.http.response(name)).text(),
    async snapshot() {
      // Hosts send pysnapshot.bin compressed (its .br/.gz copies, or on the fly). One that sends it
      // as it is (31 MB) is cut short: the .gz copy is fetched instead and unpacked here.
      const response = await fetchKept(init.urls.snapshot, "snapshot", null, compressed)
      if (compressed(response)) return gunzipped(response) // (a host may send the .gz copy as it is)
      response.body.cancel()
      const wire = init.downloads.snapshot.wire // the .gz copy's size
      downloads.set("snapshot", { wire, size: wire, got: 0 })
      return gunzipped(await fetchKept(init.urls.snapshotGzip, "snapshot"))
    }
  },
  file: {
    response: async (name, type) => counted(new Response(init.files[name]), name, type),
    text: async name => init.files[name],
    snapshot: async () => gunzipped(await files.file.response("snapshot"))
  }
}

/**
 * The standard library, synchronously, for the first import of a module the snapshot does not have
 * (called from Python: coop_boot._StdlibOnDemand). http: a synchronous request (allowed in workers);
 * file://: the Blob the page sent. Null when it cannot be had.
 */
self.coopStandardLibrary = () => {
  try {
    if (init.mode === "file")
      return init.files.stdlib ? new Uint8Array(new FileReaderSync().readAsArrayBuffer(init.files.stdlib)) : null
    const request = new XMLHttpRequest()
    request.open("GET", init.urls.stdlib, false)
    request.responseType = "arraybuffer"
    request.send()
    return request.status === 200 ? new Uint8Array(request.response) : null
  } catch {
    return null
  }
}

/* ---- Start-up ---------------------------------------------------------------------------------- */

/**
 * Pyodide compiles its wasm only once it has the snapshot (loadPyodide awaits `_loadSnapshot` before
 * it creates the module), so the two would happen one after the other. Compiling as the wasm arrives
 * (in parallel with the snapshot) saves about a quarter of a second: Pyodide gets a stand-in Response,
 * and its `WebAssembly.instantiateStreaming` call is answered with the module already compiled. No
 * option of loadPyodide accepts a compiled module, hence this small patch of the worker's own global.
 */
const compiledFor = new WeakMap()
/** The wasm module this worker compiled (the page keeps it for restarts), or null. */
let compiledModule = null
function precompiled(compiling) {
  compiling.catch(() => {}) // an error surfaces where Pyodide instantiates
  compiledModule = compiling.catch(() => null)
  const standIn = new Response(null, { headers: { "Content-Type": "application/wasm" } })
  compiledFor.set(standIn, compiling)
  return standIn
}
const instantiateStreaming = WebAssembly.instantiateStreaming
WebAssembly.instantiateStreaming = async (source, imports) => {
  const compiling = compiledFor.get(await source)
  if (!compiling) {
    const result = await instantiateStreaming(source, imports)
    compiledModule = Promise.resolve(result.module)
    return result
  }
  const module = await compiling
  return { module, instance: await WebAssembly.instantiate(module, imports) }
}

async function start() {
  const source = files[init.mode]
  for (const [name, sizes] of Object.entries(init.downloads)) downloads.set(name, { ...sizes, got: 0 })
  report(true)
  const snapshot = init.path === "snapshot"
  const realFetch = self.fetch.bind(self)
  // Pyodide fetches the wasm and the standard library by URL: answer from our files. Must be in place
  // before loadPyodide(), which starts the wasm fetch synchronously.
  let wasm = null // its bytes, for the snapshot (its data segments)
  self.fetch = async (input, options) => {
    const url = String(input instanceof Request ? input.url : input)
    if (url.endsWith("/pyodide.asm.wasm")) {
      const response = await source.response("wasm", "application/wasm")
      // file://: the pack holds it gzip-compressed (until the page keeps what we unpacked, below)
      const gzipped = init.mode === "file" && await isGzip(init.files.wasm)
      const body = gzipped ? response.body.pipeThrough(new DecompressionStream("gzip")) : response.body
      const wasmResponse = stream => new Response(stream, { headers: { "Content-Type": "application/wasm" } })
      if (init.module) { // a restart: the page kept the module an earlier worker compiled
        if (snapshot) wasm = new Response(body).arrayBuffer().then(bytes => new Uint8Array(bytes))
        else body.cancel()
        return precompiled(Promise.resolve(init.module))
      }
      if (!snapshot) return wasmResponse(body)
      const [forCompile, forBytes] = body.tee()
      wasm = new Response(forBytes).arrayBuffer().then(bytes => new Uint8Array(bytes))
      return precompiled(WebAssembly.compileStreaming(wasmResponse(forCompile)))
    }
    if (url.endsWith("/python_stdlib.zip"))
      return snapshot ? new Response(EMPTY_ZIP) : source.response("stdlib")
    return realFetch(input, options)
  }
  const blobUrl = text => URL.createObjectURL(new Blob([text], { type: "text/javascript" }))
  const [pyodideMjs, asmMjs] = await Promise.all([source.text("pyodideMjs"), source.text("asmMjs")])
  const { loadPyodide } = await import(blobUrl(pyodideMjs))
  const createPyodideModule = (await import(blobUrl(asmMjs))).default
  const options = {
    indexURL: init.indexURL, packageBaseUrl: init.indexURL, lockFileContents: init.lock, createPyodideModule,
    stdout: () => {}, stderr: () => {}
  }

  const kept = {} // file://: the files unpacked, for the page to keep (a restart then skips gunzip)
  if (snapshot) {
    const read = source.snapshot().then(bytes => {
      if (init.mode === "file") kept.snapshot = new Blob([bytes]) // before restoring changes them
      return readSnapshot(bytes, init.key)
    })
    try {
      const pyodide = await loadPyodide({ ...options, ...withSnapshot(read, createPyodideModule, () => wasm) })
      api = pyodide.runPython("import coop_boot; coop_boot.thaw()")
    } catch (error) {
      // A broken download is tried again; anything else wrong with the snapshot (missing, truncated,
      // stale, from another Pyodide, its restore threw): the page starts Python the normal way.
      if (error instanceof DownloadError) throw error
      throw Object.assign(error, { refused: true })
    }
  } else {
    const bundle = init.bare ? null : source.response("bundle").then(response => response.arrayBuffer())
    bundle?.catch(() => {}) // awaited below
    const pyodide = await loadPyodide(options)
    if (!init.bare) {
      pyodide.unpackArchive(new Uint8Array(await bundle), "zip", { extractDir: BUNDLE_DIR })
      api = pyodide.runPython(`import sys; sys.path.insert(0, "${BUNDLE_DIR}"); import coop_boot; coop_boot.prepare()`)
    }
  }
  tell({ type: "ready", ms: Math.round(performance.now() - started), path: init.path })
  if (init.mode === "http") forgetOldFiles().catch(() => {})
  else if (snapshot && !init.module) Object.assign(kept, { wasm: new Blob([await wasm]) })
  // For the next start on this page (after Stop, a timeout or a crash): no compiling again.
  const module = init.module || await compiledModule
  if (module) tell({ type: "kept", module, files: kept })
}

/* ---- Calls ------------------------------------------------------------------------------------- */

function call(id, request) {
  let response
  try {
    response = api.call(JSON.stringify(request))
  } catch (error) {
    // A Python error here is a bug in the exercise engine, or Pyodide itself broke (out of
    // memory, stack overflow): the page restarts the worker either way.
    tell({ type: "fatal", id, message: String(error && error.message || error).slice(-2000) })
    return
  }
  tell({ type: "result", id, response: JSON.parse(response) })
}

self.onmessage = async ({ data: m }) => {
  if (m.type === "init") {
    init = m
    try {
      await start()
    } catch (error) {
      const message = String(error && error.message || error)
      if (error.refused) tell({ type: "refused", message })
      else tell({ type: "failed", message, download: error instanceof DownloadError })
    }
  } else if (m.type === "call") {
    call(m.id, m.request)
  } else if (m.type === "stdlib") {
    init.files.stdlib = m.blob
  }
}
