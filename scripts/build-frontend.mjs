// Bundle the site's JavaScript with esbuild (see frontend/src/).
//
//   node scripts/build-frontend.mjs
//
// Outputs, in overrides/assets/coop/ (served as assets/coop/):
//   py-worker.js   the Python worker as a module file (http)
//   py-worker-src.js  the same code as text in a classic script, for file://, where a worker can only
//                  start from a data: URL (runtime.js loads it when Python first starts)
//   runtime.js     the exercises' page runtime (classic script; works on file://), with
//                  manifest.json (scripts/stage_assets.py) built in — after checking that the
//                  snapshot on disk is the one the manifest describes
//   editor.js      CodeMirror 6 with Python, loaded only when a learner opens the code
//   models/<model>.js  a model's code for the editor (exercises/models/<model>.py), loaded with it
//   app.js         every page's script: service worker, "Keep this course", "My progress" (classic)
//   worksheets.js  the worksheets and "Our co-op plan": typing, saving, printing (classic; works on file://)
//   search-worker.js  the search worker (Material's, with our cutting), started when search opens
//   page-head.iframe-worker.js  the page's polyfills (see below)
//   fingerprints.json  {plain name: served name} of these bundles and of Python's files (manifest
//                  urls), paths relative to assets/: the site serves each under a name with a hash
//                  of its content (runtime.<hash>.js), so hosts may cache it for a year. Files are
//                  written here under their plain names; the site build renames them (hooks/site_assets.py).
//                  A bundle that loads another gets that one's served name built in.
import { build } from "esbuild"
import { createHash } from "node:crypto"
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from "node:fs"
import { readSnapshot } from "../frontend/src/runtime/snapshot.js"

const out = "overrides/assets/coop"
mkdirSync(out, { recursive: true })
const common = { bundle: true, minify: true, target: ["chrome110", "firefox115", "safari16"], legalComments: "none", logLevel: "warning" }

const fingerprints = {}
/** Write a bundle under its plain name; remember the name with its content's hash. */
function emit(name, text) {
  writeFileSync(`${out}/${name}`, text)
  const hash = createHash("sha256").update(text).digest("hex").slice(0, 16)
  fingerprints[`coop/${name}`] = `coop/${name.replace(/\.js$/, `.${hash}.js`)}`
}
const bundle = async options => (await build({ ...common, ...options, write: false })).outputFiles[0].text

const workerSrc = await bundle({ entryPoints: ["frontend/src/worker.js"], format: "esm" })
emit("py-worker.js", workerSrc)
emit("py-worker-src.js", `self.__coopWorkerSrc=${JSON.stringify(workerSrc)};\n`)
emit("editor.js", await bundle({ entryPoints: ["frontend/src/editor.js"], format: "iife" }))
// Each model's code (exercises/models/<model>.py), for the editor: loaded with it, when a learner first
// opens code mode (frontend/src/runtime.js loadModel), not written into every page that has the exercise.
mkdirSync(`${out}/models`, { recursive: true })
for (const file of readdirSync("exercises/models").filter(name => /^[a-z]\w*\.py$/.test(name) && name !== "__init__.py").sort()) {
  const model = file.replace(/\.py$/, "")
  const code = readFileSync(`exercises/models/${file}`, "utf8")
  emit(`models/${model}.js`, `(self.coopModels=self.coopModels||{})[${JSON.stringify(model)}]=${JSON.stringify(code)};\n`)
}

const manifest = JSON.parse(readFileSync(`${out}/manifest.json`, "utf8"))
// The language registry (exercises/core/languages.py, written by scripts/stage_assets.py).
const languages = JSON.parse(readFileSync(`${out}/languages.json`, "utf8"))
try { // never build a page runtime that would meet a snapshot of other exercises (it would refuse it)
  readSnapshot(new Uint8Array(readFileSync(`${out}/pysnapshot.bin`)), manifest.key)
} catch (error) {
  console.error(`build-frontend: ${out}/pysnapshot.bin does not fit manifest.json: ${error.message}. Run \`make assets\`.`)
  process.exit(1)
}
emit("search-worker.js", await bundle({
  entryPoints: ["frontend/src/search-worker.js"], format: "iife", define: { __LANGUAGES__: JSON.stringify(languages) }
}))
emit("runtime.js", await bundle({
  entryPoints: ["frontend/src/runtime.js"], format: "iife",
  define: { __MANIFEST__: JSON.stringify(manifest),
            __LANGUAGES__: JSON.stringify(languages), __SERVED__: JSON.stringify(fingerprints) }
}))
emit("app.js", await bundle({
  entryPoints: ["frontend/src/app.js"], format: "iife",
  define: { "process.env.NODE_ENV": '"production"', // Workbox's development logging out
            __LANGUAGES__: JSON.stringify(languages) }  // the progress page reads older saved progress
}))
emit("worksheets.js", await bundle({
  entryPoints: ["frontend/src/worksheets.js"], format: "iife", define: { __LANGUAGES__: JSON.stringify(languages) }
}))

// The script every page loads in <head>, in order: mark <html> with "coop-js" (CSS keeps room
// for the buttons scripts bring, so nothing moves when they arrive), keep the native Worker (the
// shim replaces it on file://, but Python needs a real one), the iframe-worker shim byte for byte
// (coopsite/csp.py hashes the script it writes into its iframe), search's worker on demand, the
// edition switch.
const search = await bundle({
  entryPoints: ["frontend/src/search-page.js"], format: "iife",
  define: { __LANGUAGES__: JSON.stringify(languages), __SEARCH_WORKER__: JSON.stringify(fingerprints["coop/search-worker.js"]) }
})
const edition = await bundle({ entryPoints: ["frontend/src/edition.js"], format: "iife" })
const shim = readFileSync("overrides/assets/vendor/iframe-worker-shim.js", "utf8")
emit("page-head.iframe-worker.js",
  `document.documentElement.classList.add("coop-js");self.__coopNativeWorker=self.Worker;\n${shim.trim()}\n${search}${edition}`)
for (const [path, file] of Object.entries({ ...manifest.files, ...manifest.packs })) fingerprints[path] = file.url
writeFileSync(`${out}/fingerprints.json`, JSON.stringify(fingerprints, null, 1) + "\n")
console.log(`built: ${Object.keys(fingerprints).filter(name => !(name in manifest.files || name in manifest.packs)).join(", ")}, fingerprints.json`)
