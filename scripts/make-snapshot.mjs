// Python's memory snapshot, made at build time (called by scripts/stage_assets.py).
//
//   node scripts/make-snapshot.mjs --assets overrides/assets --key <key> --lock '<json>'
//
// 1. Starts the staged Pyodide in Node, unpacks the exercise bundle, runs coop_boot.freeze() (imports
//    the engine, every exercise, pygal, and runs each exercise once) and takes the memory snapshot
//    (frontend/src/runtime/snapshot.js, the one module that uses Pyodide's snapshot API).
// 2. Proves it: restores it as the browser will (no standard library, no bundle on disk) and checks
//    that every exercise gives exactly the answers the Python that made it gives. A snapshot that
//    does not is never written: the build stops.
// 3. Writes coop/pysnapshot.bin (stage_assets.py then makes its compressed copies and its pack).
// Nothing is redone when the existing snapshot already has this key (same exercises, same Pyodide).
// Prints, as JSON on stdout, {"bytes": <size>}; progress goes to stderr.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { parseArgs } from "node:util"
import { BUNDLE_DIR, makeSnapshot, readSnapshot, withSnapshot } from "../frontend/src/runtime/snapshot.js"

const { values: args } = parseArgs({ options: { assets: { type: "string" }, key: { type: "string" }, lock: { type: "string" } } })
const assets = args.assets.replace(/\/?$/, "/")
const indexURL = `${assets}pyodide/`
const SNAPSHOT = `${assets}coop/pysnapshot.bin`
const log = text => process.stderr.write(`make-snapshot: ${text}\n`)

function headerKey(path) {
  try {
    return readSnapshot(new Uint8Array(readFileSync(path)), args.key).header.key
  } catch {
    return null
  }
}

const { loadPyodide } = await import(pathToFileURL(`${indexURL}pyodide.mjs`).href)
const createPyodideModule = (await import(pathToFileURL(`${indexURL}pyodide.asm.mjs`).href)).default
const quiet = { stdout: text => log(`python: ${text}`), stderr: text => log(`python: ${text}`) }
const options = { indexURL, lockFileContents: args.lock, ...quiet }

/** Each exercise's answers, in both languages, from a Python that has the exercises imported. */
function answers(pyodide) {
  return pyodide.runPython(`
import json
from exercises import EXERCISES, api
from exercises.core.languages import codes
json.dumps({"failures": [f for name in EXERCISES.names() for f in api.self_test(name)],
            "updates": {f"{name}/{lang}": api.update(name, lang, None) for name in EXERCISES.names() for lang in codes()}},
           sort_keys=True)`)
}

async function build() {
  const started = performance.now()
  const bundle = new Uint8Array(readFileSync(`${assets}coop/pybundle.zip`)) // Uint8Array: unpackArchive refuses a Buffer
  const wasm = new Uint8Array(readFileSync(`${indexURL}pyodide.asm.wasm`))
  let made = null
  const bytes = await makeSnapshot({
    loadPyodide, createPyodideModule, options, wasm, key: args.key, version: "314.0.7",
    prepare: pyodide => {
      made = pyodide
      pyodide.unpackArchive(bundle, "zip", { extractDir: BUNDLE_DIR })
      pyodide.runPython(`import sys; sys.path.insert(0, "${BUNDLE_DIR}"); import coop_boot; coop_boot.freeze()`)
    }
  })
  log(`made ${bytes.length} bytes in ${Math.round(performance.now() - started)} ms`)
  const expected = answers(made)

  // Restore it the way the worker does: no standard library (an empty zip), no bundle on disk.
  const empty = join(mkdtempSync(join(tmpdir(), "coop-snapshot-")), "empty.zip")
  writeFileSync(empty, Buffer.from("504b0506" + "00".repeat(18), "hex"))
  globalThis.coopStandardLibrary = () => new Uint8Array(readFileSync(`${indexURL}python_stdlib.zip`))
  const restored = await loadPyodide({
    ...options, stdLibURL: empty, ...withSnapshot(readSnapshot(bytes.slice(), args.key), createPyodideModule, () => wasm)
  })
  restored.runPython("import coop_boot; coop_boot.thaw()")
  const got = answers(restored)
  if (got !== expected) throw new Error("the restored snapshot does not answer like the Python that made it")
  if (JSON.parse(got).failures.length) throw new Error(`self-test failures: ${JSON.parse(got).failures.join("; ")}`)
  restored.runPython("import csv") // a module no exercise imports: the standard library comes on demand
  log(`checked: restored in Node, every exercise answers the same (${Math.round(performance.now() - started)} ms)`)

  writeFileSync(SNAPSHOT, bytes)
}

if (headerKey(SNAPSHOT) === args.key) log(`up to date (${args.key})`)
else await build()
process.stdout.write(JSON.stringify({ bytes: statSync(SNAPSHOT).size }) + "\n")
