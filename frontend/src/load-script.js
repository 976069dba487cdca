/*
 * Load a classic script by URL — the one way to load code that also works from file://.
 * Resolves when it has run; the element is removed afterwards (what it defined stays).
 */
export function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script")
    script.src = src
    script.onload = () => { script.remove(); resolve() }
    script.onerror = () => { script.remove(); reject(new Error(`could not load ${src}`)) }
    document.head.appendChild(script)
  })
}
