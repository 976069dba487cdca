// Pyodide issue 6254 with the pinned Pyodide: a snapshot larger than the 30 MB default memory.
//
//   node tests/node/snapshot-heap.mjs <assets dir>
//
// Makes a snapshot after Python allocated 40 MB (so the memory grew to about 72 MB), then restores
// it twice: through Pyodide's plain `_loadSnapshot` (expected to throw "offset is out of bounds"
// while the bug is there) and through frontend/src/runtime/snapshot.js (expected to work).
// Prints JSON: {heap, plain: "ok" | error message, ours: "ok" | error message}.
import { readFileSync } from "node:fs"
import { pathToFileURL } from "node:url"
import { dataSegments, makeSnapshot, readSnapshot, withSnapshot } from "../../frontend/src/runtime/snapshot.js"

const indexURL = `${process.argv[2].replace(/\/?$/, "/")}pyodide/`
const { loadPyodide } = await import(pathToFileURL(`${indexURL}pyodide.mjs`).href)
const createPyodideModule = (await import(pathToFileURL(`${indexURL}pyodide.asm.mjs`).href)).default
const wasm = new Uint8Array(readFileSync(`${indexURL}pyodide.asm.wasm`))
const { lock } = JSON.parse(readFileSync(`${indexURL}../coop/manifest.json`, "utf8"))
const options = { indexURL, lockFileContents: JSON.stringify(lock), stdout: () => {}, stderr: () => {} }
const check = "import hashlib; hashlib.sha256(big).hexdigest()"

let expected
const file = await makeSnapshot({
  loadPyodide, createPyodideModule, options, wasm, key: "test", version: "314.0.7",
  prepare: pyodide => { expected = pyodide.runPython(`big = bytes(range(256)) * 160_000\n${check}`) }
})
const { header, payload } = readSnapshot(file, "test")
const result = { heap: header.heap }

async function attempt(load) {
  try {
    const pyodide = await load()
    return pyodide.runPython(check) === expected ? "ok" : "wrong contents"
  } catch (error) {
    return String(error.message || error)
  }
}

// Plain Pyodide (the XORed static data undone by hand, as the worker would).
const plainPayload = payload.slice()
const image = dataSegments(wasm)
const memory = new Uint32Array(plainPayload.buffer, new Uint32Array(plainPayload.buffer, 0, 4)[1], image.length >>> 2)
const words = new Uint32Array(image.buffer, 0, image.length >>> 2)
for (let i = 0; i < words.length; i++) memory[i] ^= words[i]
result.plain = await attempt(() => loadPyodide({ ...options, createPyodideModule, _loadSnapshot: plainPayload }))
result.ours = await attempt(() => loadPyodide({ ...options, ...withSnapshot(readSnapshot(file.slice(), "test"), createPyodideModule, () => wasm) }))
process.stdout.write(JSON.stringify(result) + "\n")
