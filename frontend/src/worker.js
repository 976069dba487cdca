/*
 * The Python worker: loads Pyodide and the exercises, then answers calls from the page.
 *
 * One worker per page serves all its exercises. The same code runs in two ways:
 *   - http(s): a module worker started from assets/coop/py-worker.js; it fetches Pyodide's normal
 *     files (streaming wasm compile, compressed transfer, kept in the Cache Storage — but not when
 *     the page has a service worker: that one serves and keeps them, frontend/src/sw.js);
 *   - file:// (the USB copy): a module worker started from a data: URL (browsers refuse workers,
 *     fetch() and import() of file:// URLs); the page posts the bytes to it as Blobs and the
 *     worker makes its own blob: URLs (Pyodide then fetches its wasm and stdlib through the fetch
 *     stand-in below, which answers from those Blobs).
 *
 * Messages in:  {type: "init", ...}   {type: "call", id, request}
 * Messages out: {type: "progress", loaded, total}  {type: "phase", phase}  {type: "ready", ms}
 *               {type: "result", id, response}     {type: "failed", message}  {type: "fatal", message}
 * Their shapes, and those of the requests and responses: runtime/messages.js.
 */

const started = performance.now()
let api = null
let pyodide = null

/** Post a message to the page. */
const tell = message => self.postMessage(message)

/* ---- Bytes with progress (http) ---------------------------------------------------------------- */

let loadedBytes = 0
let totalBytes = 0
let lastReport = 0

function report(force = false) {
  const now = performance.now()
  if (force || now - lastReport > 100) {
    lastReport = now
    tell({ type: "progress", loaded: loadedBytes, total: totalBytes })
  }
}

/** A Response whose body counts the bytes as they stream past. */
function counted(response, contentType) {
  const reader = response.body.getReader()
  const stream = new ReadableStream({
    async pull(controller) {
      const { done, value } = await reader.read()
      if (done) { report(true); controller.close(); return }
      loadedBytes += value.byteLength
      report()
      controller.enqueue(value)
    },
    cancel(reason) { reader.cancel(reason) }
  })
  const headers = new Headers(response.headers)
  if (contentType) headers.set("Content-Type", contentType)
  return new Response(stream, { status: 200, headers })
}

/** Whether fetched files are copied into this worker's caches (not under a service worker). */
let keepCopies = true

/** Fetch a file of the site, from the Cache Storage when it is there (kept between visits). */
async function fetchKept(realFetch, url, cacheName, contentType) {
  let cache = null
  try {
    // under a service worker, only copies made before it came are read (open() would make a cache)
    if (self.caches && (keepCopies || (await self.caches.has(cacheName)))) cache = await self.caches.open(cacheName)
  } catch { cache = null }
  let response = cache ? await cache.match(url) : undefined
  if (!response) {
    response = await realFetch(url)
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`)
    if (cache && keepCopies) {
      try { await cache.put(url, response.clone()) } catch { /* full or not allowed: fine */ }
    }
  }
  return counted(response, contentType)
}

/* ---- Start-up ---------------------------------------------------------------------------------- */

async function init(m) {
  totalBytes = m.totalBytes || 0
  keepCopies = !m.controlled
  const realFetch = self.fetch.bind(self)
  const blobUrl = text => URL.createObjectURL(new Blob([text], { type: "text/javascript" }))
  let bundle

  if (m.mode === "file") {
    // Pyodide fetches the wasm and the stdlib by URL: answer from the Blobs the page posted.
    // Must be in place before loadPyodide(), which starts the wasm fetch synchronously.
    self.fetch = (input, options) => {
      const url = String(input instanceof Request ? input.url : input)
      if (url.endsWith("/pyodide.asm.wasm")) {
        const body = m.files.wasm.stream().pipeThrough(new DecompressionStream("gzip"))
        return Promise.resolve(new Response(body, { headers: { "Content-Type": "application/wasm" } }))
      }
      if (url.endsWith("/python_stdlib.zip"))
        return Promise.resolve(new Response(m.files.stdlib))
      return realFetch(input, options)
    }
    tell({ type: "phase", phase: "starting" })
    const { loadPyodide } = await import(blobUrl(m.files.pyodideMjs))
    const createPyodideModule = (await import(blobUrl(m.files.asmMjs))).default
    pyodide = await loadPyodide({
      indexURL: m.indexURL, packageBaseUrl: m.indexURL, lockFileContents: m.files.lock, createPyodideModule,
      stdout: () => {}, stderr: () => {}
    })
    bundle = new Uint8Array(await m.files.bundle.arrayBuffer())
  } else {
    const tracked = {
      "pyodide.asm.wasm": "application/wasm",
      "python_stdlib.zip": "application/zip",
      "pyodide-lock.json": "application/json"
    }
    self.fetch = (input, options) => {
      const url = String(input instanceof Request ? input.url : input)
      const name = url.slice(url.lastIndexOf("/") + 1)
      if (url.startsWith(m.indexURL) && name in tracked)
        return fetchKept(realFetch, url, m.cacheName, tracked[name])
      return realFetch(input, options)
    }
    const text = async url => (await fetchKept(realFetch, url, m.cacheName)).text()
    const [pyodideMjs, asmMjs] = await Promise.all([
      text(m.indexURL + "pyodide.mjs"), text(m.indexURL + "pyodide.asm.mjs")
    ])
    const bundlePromise = m.bare
      ? Promise.resolve(new ArrayBuffer(0))
      : fetchKept(realFetch, m.bundleURL, m.bundleCache).then(r => r.arrayBuffer())
    const { loadPyodide } = await import(blobUrl(pyodideMjs))
    const createPyodideModule = (await import(blobUrl(asmMjs))).default
    const loading = loadPyodide({
      indexURL: m.indexURL, packageBaseUrl: m.indexURL, createPyodideModule, stdout: () => {}, stderr: () => {}
    })
    bundle = new Uint8Array(await bundlePromise)
    tell({ type: "phase", phase: "starting" })
    pyodide = await loading
  }

  if (m.bare) { // `make bench`: Pyodide alone, to compare with what the exercises add
    tell({ type: "ready", ms: Math.round(performance.now() - started) })
    return
  }
  pyodide.unpackArchive(bundle, "zip", { extractDir: "/home/pyodide/coop" })
  pyodide.runPython([
    "import sys",
    "sys.path.insert(0, '/home/pyodide/coop')",
    "import exercises.api as coop_api",
    "import pygal"
  ].join("\n"))
  api = pyodide.globals.get("coop_api")
  tell({ type: "ready", ms: Math.round(performance.now() - started) })
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
    try {
      await init(m)
    } catch (error) {
      tell({ type: "failed", message: String(error && error.message || error) })
    }
  } else if (m.type === "call") {
    call(m.id, m.request)
  }
}
