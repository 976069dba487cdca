// Bundle the site's JavaScript with esbuild (see frontend/src/).
//
//   node scripts/build-frontend.mjs
//
// Outputs, in overrides/assets/coop/ (served as assets/coop/):
//   py-worker.js   the Python worker as a module file (http); also embedded in runtime.js as text
//                  for file://, where a worker can only start from a data: URL
//   runtime.js     the exercises' page runtime (classic script; works on file://), with
//                  manifest.json (scripts/stage_assets.py) built in — after checking that the
//                  snapshot on disk is the one the manifest describes
//   editor.js      CodeMirror 6 with Python, loaded only when a learner opens the code
//   app.js         every page's script: service worker, "Keep this course", "My progress" (classic)
//   worksheets.js  the worksheets and "Our co-op plan": typing, saving, printing (classic; works on file://)
//   search-worker.js  the search worker (Material's, with our cutting), started when search opens
//   page-head.iframe-worker.js  the page's polyfills (see below)
import { build } from "esbuild"
import { readFileSync, writeFileSync, mkdirSync } from "node:fs"
import { readSnapshot } from "../frontend/src/runtime/snapshot.js"

const out = "overrides/assets/coop"
mkdirSync(out, { recursive: true })
const common = { bundle: true, minify: true, target: ["chrome110", "firefox115", "safari16"], legalComments: "none", logLevel: "warning" }

const worker = await build({ ...common, entryPoints: ["frontend/src/worker.js"], format: "esm", write: false })
const workerSrc = worker.outputFiles[0].text
writeFileSync(`${out}/py-worker.js`, workerSrc)

const manifest = JSON.parse(readFileSync(`${out}/manifest.json`, "utf8"))
// The language registry (exercises/core/languages.py, written by scripts/stage_assets.py).
const languages = JSON.parse(readFileSync(`${out}/languages.json`, "utf8"))
try { // never build a page runtime that would meet a snapshot of other exercises (it would refuse it)
  readSnapshot(new Uint8Array(readFileSync(`${out}/pysnapshot.bin`)), manifest.key)
} catch (error) {
  console.error(`build-frontend: ${out}/pysnapshot.bin does not fit manifest.json: ${error.message}. Run \`make assets\`.`)
  process.exit(1)
}
await build({
  ...common, entryPoints: ["frontend/src/runtime.js"], format: "iife", outfile: `${out}/runtime.js`,
  define: { __MANIFEST__: JSON.stringify(manifest), __WORKER_SRC__: JSON.stringify(workerSrc),
            __LANGUAGES__: JSON.stringify(languages) }
})
await build({ ...common, entryPoints: ["frontend/src/editor.js"], format: "iife", outfile: `${out}/editor.js` })
await build({
  ...common, entryPoints: ["frontend/src/app.js"], format: "iife", outfile: `${out}/app.js`,
  define: { "process.env.NODE_ENV": '"production"', // Workbox's development logging out
            __LANGUAGES__: JSON.stringify(languages) }  // the progress page reads older saved progress
})
await build({
  ...common, entryPoints: ["frontend/src/worksheets.js"], format: "iife", outfile: `${out}/worksheets.js`,
  define: { __LANGUAGES__: JSON.stringify(languages) }
})
await build({
  ...common, entryPoints: ["frontend/src/search-worker.js"], format: "iife", outfile: `${out}/search-worker.js`,
  define: { __LANGUAGES__: JSON.stringify(languages) }
})

// The script every page loads in <head>, in order: mark <html> with "coop-js" (CSS keeps room
// for the buttons scripts bring, so nothing moves when they arrive), keep the native Worker (the
// shim replaces it on file://, but Python needs a real one), the iframe-worker shim byte for byte
// (coopsite/csp.py hashes the script it writes into its iframe), search's worker on demand, the
// edition switch.
const search = await build({
  ...common, entryPoints: ["frontend/src/search-page.js"], format: "iife", write: false,
  define: { __LANGUAGES__: JSON.stringify(languages) }
})
const edition = await build({ ...common, entryPoints: ["frontend/src/edition.js"], format: "iife", write: false })
const shim = readFileSync("overrides/assets/vendor/iframe-worker-shim.js", "utf8")
writeFileSync(`${out}/page-head.iframe-worker.js`,
  `document.documentElement.classList.add("coop-js");self.__coopNativeWorker=self.Worker;\n${shim.trim()}\n${search.outputFiles[0].text}${edition.outputFiles[0].text}`)
console.log("built: py-worker.js, runtime.js, editor.js, app.js, worksheets.js, search-worker.js, page-head.iframe-worker.js")
