// @ts-check
/*
 * The messages between the page, the Python worker and the exercise engine — documented once, here.
 *
 * Page → worker (postMessage):  WorkerInit, then WorkerCall for each request.
 * Page → worker, file:// only:  WorkerStandardLibrary (after a start from the snapshot).
 * Worker → page (postMessage):  WorkerProgress | WorkerReady | WorkerKept | WorkerResult | WorkerFailed |
 *                               WorkerRefused | WorkerFatal.
 * PythonRuntime → page runtime (its `onState` callback): PythonEvent.
 * Inside a WorkerCall, the request goes as JSON to Python's `exercises.api.call()`
 * (exercises/core/rpc.py: a table of handlers named by `fn`) and its answer comes back as the response.
 *
 * Only types live here (this file exports nothing at run time); the other files refer to them with
 * `import("./messages.js").Name` in JSDoc, and `make test-fast` type-checks them (tsc, checkJs).
 */

/* ---- Requests to the exercise engine and its responses (exercises/core/engine.py) ----------------- */

/**
 * What a learner typed, field by field, as text: `{advance: "2,500", deliveries: [{member: "Noy", kg: "600"}]}`.
 * @typedef {Record<string, string | Array<Record<string, string>>>} RawInputs
 */

/**
 * New results for the learner's numbers, and the learner's edited model code (null: the original).
 * @typedef {object} UpdateRequest
 * @property {"update"} fn
 * @property {string} name      exercise name, as in `::: exercise <name>`
 * @property {string | null} [preset]  the page's preset (`preset: simple` under the directive); null: the first
 * @property {string} lang      language code of the page
 * @property {RawInputs} raw
 * @property {string | null} source
 */

/**
 * Learner code that could not run, in a few readable lines.
 * @typedef {object} CodeProblem
 * @property {"syntax" | "error" | "exit" | "result"} kind  exit: the code called sys.exit() or exit()
 * @property {string} heading   translated: "Your code stopped with an error"
 * @property {string} where     translated: "Line 12", or ""
 * @property {string} message   "ZeroDivisionError: division by zero" (kind exit: translated, what to do instead)
 * @property {string} details   the learner's own frames only
 */

/**
 * @typedef {object} UpdateResponse
 * @property {boolean} ok                     false: field errors or a code problem; results are not shown
 * @property {Record<string, string>} errors  field path ("advance", "deliveries.2.kg") → translated message
 * @property {string} html                    the results (notices, tables, charts), escaped by Python
 * @property {string} key                     the key result in one line ("Noy's final payment: 1,625,009 kip"), or ""
 * @property {Record<string, unknown>} numbers key numbers of the results (tests compare them with CPython)
 * @property {string} output                  what the learner's code printed (shown as text, never HTML)
 * @property {string | false | 0} truncated    translated note that output was cut, or a falsy value
 * @property {CodeProblem | null} problem
 */

/**
 * Is this answer right, for the learner's numbers and code?
 * @typedef {object} CheckRequest
 * @property {"check"} fn
 * @property {string} name
 * @property {string | null} [preset]
 * @property {string} lang
 * @property {string} question  question id
 * @property {string} answer    what the group typed or chose
 * @property {RawInputs} raw
 * @property {string | null} source
 * @property {number} attempt   1 for the first try; the hints come one by one
 */

/**
 * @typedef {object} CheckResponse
 * @property {"correct" | "wrong" | "invalid"} status  invalid: the answer could not be checked (not counted)
 * @property {string} feedback   translated
 * @property {string | null} hint translated
 */

/**
 * Every question's reference answer through its own check, in every language (tests and `make bench`).
 * @typedef {object} SelfTestRequest
 * @property {"self_test"} fn
 * @property {string[]} names
 */

/** @typedef {{failures: string[]}} SelfTestResponse */

/** @typedef {UpdateRequest | CheckRequest | SelfTestRequest} EngineRequest */
/** A queued update replaced by a newer one resolves to this instead of a response. @typedef {{superseded: true}} Superseded */

/**
 * What the page's script reads from an exercise's `<script class="cx-data">` (exercises/core/render.py).
 * @typedef {object} ExerciseData
 * @property {string} name          the exercise, for the worker
 * @property {string | null} preset the page's preset, for the worker (null: the exercise's first, or none)
 * @property {string} key           the exercise's key: the name, or "name:preset" for another preset (with the
 *                                  page's id, what saved progress is kept under: progress.js pageKey)
 * @property {RawInputs} raw        the default text of every field the form shows
 * @property {Record<string, RawInputs>} defaults  the same in the other languages (runtime/carry.js)
 * @property {string} model         the model's module in exercises/models/: its code is loaded for the editor
 */

/* ---- Page ↔ worker (frontend/src/runtime/python.js ↔ frontend/src/worker.js) ---------------------- */

/**
 * Start Python: from the build's memory snapshot (`path` "snapshot": the exercises already imported,
 * frontend/src/runtime/snapshot.js) or the normal way (`path` "normal": Pyodide's own start-up, then
 * the standard library and the exercise bundle). Over http(s) the worker fetches the files itself
 * (`urls`); from file:// the page posts them (`files`: browsers refuse fetch() of file:// URLs). File
 * names and sizes come from assets/coop/manifest.json (scripts/stage_assets.py), built into runtime.js.
 * @typedef {object} WorkerInit
 * @property {"init"} type
 * @property {"http" | "file"} mode
 * @property {"snapshot" | "normal"} path
 * @property {boolean} bare               `make bench` only: Pyodide without the exercises (a normal start)
 * @property {string} key                the snapshot key this build expects (a snapshot with another is refused)
 * @property {string} lock               Pyodide's lock file, as JSON text (no packages: the site loads none)
 * @property {string} indexURL           Pyodide's folder, ending in "/"
 * @property {string} cacheName          http: the Cache Storage that keeps Python's files between visits
 * @property {Record<string, {size: number, wire: number}>} downloads  http: bytes of each file to fetch,
 *           as stored and on the wire (its gzip copy), for the progress bar; {} on file://
 * @property {Record<string, string>} [urls]  http: each file's versioned URL (a name with its hash, manifest `url`) by its
 *           name (pyodideMjs, asmMjs, wasm, snapshot, snapshotGzip, stdlib, bundle)
 * @property {string[]} [current]        http: every URL of this build (kept files of others are dropped)
 * @property {boolean} controlled         http: the page has a service worker (frontend/src/sw.js), which
 *                                       serves and keeps Python; the worker then keeps no copy of its own
 * @property {Record<string, Blob | string>} [files]  file://: the same files by name, Blobs (code: text)
 * @property {WebAssembly.Module | null} module  a restart: the wasm module an earlier worker compiled
 */

/** @typedef {{type: "call", id: number, request: EngineRequest}} WorkerCall */
/** file://: the standard library, for a learner's import the snapshot does not hold. @typedef {{type: "stdlib", blob: Blob}} WorkerStandardLibrary */

/** Bytes on the wire, every file counted from the start. @typedef {{type: "progress", loaded: number, total: number}} WorkerProgress */
/** @typedef {{type: "ready", ms: number, path: "snapshot" | "normal"}} WorkerReady */
/** For restarts: the compiled wasm module; file://: also the snapshot and the wasm unpacked (no gunzip again). @typedef {{type: "kept", module: WebAssembly.Module, files: Record<string, Blob>}} WorkerKept */
/** @typedef {{type: "result", id: number, response: UpdateResponse | CheckResponse | SelfTestResponse}} WorkerResult */
/** Python could not start; `download`: the connection broke (the page offers "Try again"). @typedef {{type: "failed", message: string, download?: boolean}} WorkerFailed */
/** The snapshot cannot be used (missing, truncated, stale, another Pyodide, its restore threw): the page starts a worker the normal way. @typedef {{type: "refused", message: string}} WorkerRefused */
/** The engine raised (a bug) or Pyodide broke: the page restarts the worker. @typedef {{type: "fatal", id: number, message: string}} WorkerFatal */
/** @typedef {WorkerProgress | WorkerReady | WorkerKept | WorkerResult | WorkerFailed | WorkerRefused | WorkerFatal} WorkerMessage */

/* ---- Python's state, for the page (frontend/src/runtime/python.js → frontend/src/runtime.js) ----- */

/**
 * ask: a dear connection or a phone — show the size (bytes still to download) and a button first;
 * loading: bytes so far (`loaded` = `total`: all there, Python itself starts); ready: `path` it started
 * by, `restart` after Stop/timeout/crash; failed: `download` when the connection broke; restarting: why.
 * @typedef {{state: "ask", bytes: number}
 *   | {state: "loading", loaded: number, total: number}
 *   | {state: "ready", ms: number, path: "snapshot" | "normal", restart: boolean}
 *   | {state: "failed", reason: string, download: boolean}
 *   | {state: "restarting", reason: string}} PythonEvent
 */

export {}
