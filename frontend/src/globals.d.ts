// What the site's scripts put on `window` (for each other, for tests and for `make bench`).
interface Window {
  CoopEditor: { create(parent: HTMLElement, code: string, options: { label: string; onChange(code: string): void }): any }
  COOP_CALL_TIMEOUT?: number
  __coopWorkerSrc?: string // the Python worker's code on file:// (assets/coop/py-worker-src.<hash>.js)
  coopModels?: Record<string, string> // each model's code, from assets/coop/models/<model>.js
  __coopPython: import("./runtime/python.js").PythonRuntime
}
// Defined by scripts/build-frontend.mjs from the language registry (exercises/core/languages.py).
declare const __LANGUAGES__: Array<{ code: string; name: string; default: boolean; spaceless: string; syllable: string; segmenter: string; digits: string; group: string; decimal: string }>
// Defined by scripts/build-frontend.mjs: {plain name: served name (with a hash of the content)}, relative to assets/.
declare const __SERVED__: Record<string, string>
declare const __SEARCH_WORKER__: string
