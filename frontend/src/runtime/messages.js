// @ts-check
/*
 * The messages between the page, the Python worker and the exercise engine — documented once, here.
 *
 * Page → worker (postMessage):  WorkerInit, then WorkerCall for each request.
 * Worker → page (postMessage):  WorkerProgress | WorkerPhase | WorkerReady | WorkerResult | WorkerFailed | WorkerFatal.
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
 * @property {"syntax" | "error" | "result"} kind
 * @property {string} heading   translated: "Your code stopped with an error"
 * @property {string} where     translated: "Line 12", or ""
 * @property {string} message   "ZeroDivisionError: division by zero"
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
 * @property {string} key           what saved progress is kept under: the name, or "name:preset" for another preset
 * @property {RawInputs} raw        the default text of every field the form shows
 * @property {string} source        the model's code
 */

/* ---- Page ↔ worker (frontend/src/runtime/python.js ↔ frontend/src/worker.js) ---------------------- */

/**
 * Start Pyodide and load the exercises. Over http(s) the worker fetches the files itself; from
 * file:// the page posts them as Blobs (browsers refuse fetch() of file:// URLs).
 * @typedef {object} WorkerInit
 * @property {"init"} type
 * @property {"http" | "file"} mode
 * @property {string} indexURL           Pyodide's folder, ending in "/"
 * @property {boolean} [bare]            `make bench` only: Pyodide without the exercises
 * @property {number} [totalBytes]       http: bytes to download, for the progress bar
 * @property {string} [bundleURL]        http: the exercises' pybundle.zip
 * @property {string} [cacheName]        http: Cache Storage for Pyodide's files
 * @property {string} [bundleCache]      http: Cache Storage for the bundle
 * @property {{wasm: Blob, stdlib: Blob, bundle: Blob, lock: string, asmMjs: string, pyodideMjs: string}} [files] file://
 */

/** @typedef {{type: "call", id: number, request: EngineRequest}} WorkerCall */

/** @typedef {{type: "progress", loaded: number, total: number}} WorkerProgress */
/** @typedef {{type: "phase", phase: "starting"}} WorkerPhase */
/** @typedef {{type: "ready", ms: number}} WorkerReady */
/** @typedef {{type: "result", id: number, response: UpdateResponse | CheckResponse | SelfTestResponse}} WorkerResult */
/** Python could not start. @typedef {{type: "failed", message: string}} WorkerFailed */
/** The engine raised (a bug) or Pyodide broke: the page restarts the worker. @typedef {{type: "fatal", id: number, message: string}} WorkerFatal */
/** @typedef {WorkerProgress | WorkerPhase | WorkerReady | WorkerResult | WorkerFailed | WorkerFatal} WorkerMessage */

export {}
