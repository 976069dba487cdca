// What the site's scripts put on `window` (for each other, for tests and for `make bench`).
interface Window {
  CoopEditor: { create(parent: HTMLElement, code: string, options: { label: string; onChange(code: string): void }): any }
  COOP_CALL_TIMEOUT?: number
  __coopPython: import("./runtime/python.js").PythonRuntime
}
