/*
 * Pyodide memory snapshots: the only module that uses Pyodide's underscore (experimental) API for
 * them — `_makeSnapshot`, `makeMemorySnapshot()` and `_loadSnapshot` of Pyodide 314.0.7 (the pin in
 * package.json; a snapshot only fits the exact Pyodide build that made it).
 *
 * A snapshot is Python's whole memory after start-up and after the exercises were imported, made once
 * at build time in Node (scripts/make-snapshot.mjs) and restored in the learner's worker in a fraction
 * of the time a normal start takes. Used by the worker (frontend/src/worker.js) and by the build.
 *
 * File format ("pysnapshot.bin"), little-endian:
 *   0   "COOPSNAP"                      magic, 8 bytes
 *   8   u32 header length H              a multiple of 16, so the payload stays 16-byte aligned
 *   12  u32 format version               FORMAT below
 *   16  header, JSON, padded with spaces {key, pyodide, payload, heap, xor: {end, check}}
 *   16+H  payload                        Pyodide's own snapshot (its header, then the wasm memory)
 *
 * `key` is the build's hash of everything the snapshot depends on (the exercise bundle, Pyodide's
 * files; scripts/stage_assets.py computes it and writes it to manifest.json): the worker only restores
 * a snapshot whose key is the one it expects, so a stale snapshot never serves old code.
 *
 * Smaller download: the first megabytes of the memory are the program's static data, most of it still
 * what the wasm file's data segments put there. The build XORs that region (`xor.end` bytes) with the
 * data segments, so it compresses to almost nothing (1.5 MB less gzip); the worker XORs it back with
 * the data segments of the wasm it has just compiled, after checking they hash to `xor.check`. (Not a
 * fresh module's memory: the start-up code writes a few bytes there that differ between browsers.)
 *
 * Pyodide issue 6254: 314.0.x restores into the default 30 MB memory without growing it, so a larger
 * snapshot throws "offset is out of bounds". `withSnapshot` grows the memory first.
 */

/** Where the exercise bundle is unpacked in Pyodide's file system (it holds coop_boot.py). */
export const BUNDLE_DIR = "/home/pyodide/coop"

const MAGIC = "COOPSNAP"
const FORMAT = 1

/** Why a snapshot cannot be used (the worker falls back to a normal start). */
export class SnapshotError extends Error {}

/** A fast 32-bit hash (FNV-1a over 32-bit words) of `bytes`. */
function hash32(bytes) {
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 2)
  let hash = 0x811c9dc5
  for (let i = 0; i < words.length; i++) hash = Math.imul(hash ^ words[i], 16777619)
  return hash >>> 0
}

/**
 * The memory a wasm module's active data segments describe, from its binary: the static data as it
 * is before any code runs. Returns the bytes from address 0 to the end of the last segment.
 */
export function dataSegments(wasm) {
  let at = 8 // magic and version
  const unsigned = () => {
    let value = 0
    for (let shift = 0; ; shift += 7) {
      const byte = wasm[at++]
      value += (byte & 0x7f) * 2 ** shift
      if (!(byte & 0x80)) return value
    }
  }
  const segments = []
  while (at < wasm.length) {
    const id = wasm[at++]
    const size = unsigned()
    const next = at + size
    if (id === 11) { // the data section
      for (let count = unsigned(); count > 0; count--) {
        const flags = unsigned()
        if (flags === 1) { at += unsigned(); continue } // passive: copied by code, not at start
        if (flags === 2) unsigned() // memory index
        if (wasm[at++] !== 0x41) throw new SnapshotError("data segment offset is not a constant")
        let offset = 0
        let shift = 0
        let byte
        do { byte = wasm[at++]; offset |= (byte & 0x7f) << shift; shift += 7 } while (byte & 0x80)
        at++ // end of the expression
        const length = unsigned()
        segments.push([offset >>> 0, wasm.subarray(at, at + length)])
        at += length
      }
    }
    at = next
  }
  const end = (segments.reduce((last, [offset, bytes]) => Math.max(last, offset + bytes.length), 0) + 3) & ~3
  const image = new Uint8Array(end)
  for (const [offset, bytes] of segments) image.set(bytes, offset)
  return image
}

/** Where Pyodide's snapshot `payload` (after its own header) holds the copy of the memory. */
function pyodideHeapOffset(payload) {
  return new Uint32Array(payload.buffer, payload.byteOffset, 4)[1]
}

/** XOR the memory copy inside Pyodide's snapshot `payload` with `image`, from address 0. */
function xorImage(payload, image) {
  const memory = new Uint32Array(payload.buffer, payload.byteOffset + pyodideHeapOffset(payload), image.length >>> 2)
  const words = new Uint32Array(image.buffer, image.byteOffset, image.length >>> 2)
  for (let i = 0; i < words.length; i++) memory[i] ^= words[i]
}

/* ---- Build time (Node) ------------------------------------------------------------------------- */

/** Fill the allocator's free memory with zeros (it compresses to nothing), without growing the heap. */
function zeroFreeMemory(module) {
  const blocks = []
  module._malloc_set_footprint_limit(module._malloc_footprint()) // malloc fails instead of growing
  for (let size = 1 << 24; size >= 16; size >>= 1) {
    for (let pointer = module._malloc(size); pointer; pointer = module._malloc(size)) blocks.push([pointer, size])
  }
  for (const [pointer, size] of blocks) module.HEAPU8.fill(0, pointer, pointer + size)
  for (const [pointer] of blocks) module._free(pointer)
  module._malloc_set_footprint_limit(-1)
  module.HEAPU8.fill(0, module._sbrk(0)) // above the break: never handed out
}

/**
 * Make a snapshot (build time, Node): start Pyodide, run `prepare(pyodide)` (imports and warm-up),
 * then take Python's memory. Returns the file's bytes.
 * @param {object} o
 * @param {Function} o.loadPyodide            from pyodide.mjs
 * @param {Function} o.createPyodideModule    the default export of pyodide.asm.mjs
 * @param {object}   o.options                more loadPyodide options (indexURL, stdout, …)
 * @param {(pyodide: object) => Promise<void>} o.prepare
 * @param {Uint8Array} o.wasm                pyodide.asm.wasm (its data segments)
 * @param {string}   o.key                    the build's hash of what the snapshot contains
 * @param {string}   o.version                Pyodide's version
 */
export async function makeSnapshot({ loadPyodide, createPyodideModule, options = {}, prepare, wasm, key, version }) {
  const pyodide = await loadPyodide({ ...options, createPyodideModule, _makeSnapshot: true })
  await prepare(pyodide)
  const module = pyodide._module
  zeroFreeMemory(module)
  const payload = pyodide.makeMemorySnapshot()
  const heapLength = module.HEAPU8.length
  const image = dataSegments(wasm)
  xorImage(payload, image)
  const xor = { end: image.length, check: hash32(image) }

  const header = { key, pyodide: version, payload: payload.length, heap: heapLength, xor }
  let json = JSON.stringify(header)
  json += " ".repeat((16 - (json.length % 16)) % 16)
  const bytes = new Uint8Array(16 + json.length + payload.length)
  bytes.set(new TextEncoder().encode(MAGIC), 0)
  const words = new Uint32Array(bytes.buffer, 0, 4)
  words[2] = json.length
  words[3] = FORMAT
  bytes.set(new TextEncoder().encode(json), 16)
  bytes.set(payload, 16 + json.length)
  return bytes
}

/* ---- Load time (the worker) -------------------------------------------------------------------- */

/**
 * Check a snapshot file: ours, complete, and made for this build (`key`). Returns its parts.
 * @param {Uint8Array} bytes   the whole file, decompressed
 * @param {string} key         the key this build expects (manifest.json)
 * @returns {{header: object, payload: Uint8Array}}
 */
export function readSnapshot(bytes, key) {
  if (bytes.length < 16 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC)
    throw new SnapshotError("not a snapshot file")
  const view = new DataView(bytes.buffer, bytes.byteOffset, 16)
  const length = view.getUint32(8, true)
  if (view.getUint32(12, true) !== FORMAT) throw new SnapshotError("snapshot format changed")
  let header
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + length)))
  } catch {
    throw new SnapshotError("snapshot header unreadable")
  }
  if (header.key !== key) throw new SnapshotError(`snapshot made for another build (${header.key}, expected ${key})`)
  const payload = bytes.subarray(16 + length)
  if (payload.length !== header.payload) throw new SnapshotError(`snapshot truncated (${payload.length} of ${header.payload} bytes)`)
  if (payload.byteOffset % 4) throw new SnapshotError("snapshot misaligned")
  return { header, payload }
}

/**
 * The loadPyodide options that restore a snapshot. Pyodide starts fetching its wasm at once and
 * waits for the snapshot only when it needs it, so the two downloads overlap.
 * @param {Promise<{header: object, payload: Uint8Array}>} snapshot  from readSnapshot; if it
 *        rejects, so does loadPyodide
 * @param {Function} createPyodideModule  the default export of pyodide.asm.mjs
 * @param {() => Promise<Uint8Array>|Uint8Array} wasm  the bytes of pyodide.asm.wasm (asked for
 *        after Pyodide compiled it, so they are there by then)
 */
export function withSnapshot(snapshot, createPyodideModule, wasm) {
  let header, payload
  return {
    _loadSnapshot: Promise.resolve(snapshot).then(read => ({ header, payload } = read).payload),
    createPyodideModule: async settings => {
      const module = await createPyodideModule(settings)
      const image = dataSegments(await wasm())
      if (image.length !== header.xor.end || hash32(image) !== header.xor.check)
        throw new SnapshotError("the wasm is not the one the snapshot was made with")
      xorImage(payload, image)
      // Pyodide issue 6254: restore copies into the current memory without growing it.
      if (module.HEAPU8.length < header.heap && !module._emscripten_resize_heap(header.heap))
        throw new SnapshotError(`could not grow memory to ${header.heap} bytes`)
      return module
    }
  }
}
