// Make a built site's stylesheets smaller, in place — every page reads them, and from a USB stick
// every byte is read again on every page:
//
//   node scripts/slim-css.mjs [site]
//
// * Material's (main.<hash>.min.css, palette.<hash>.min.css): the rules for what no page of this site
//   uses (content tabs, annotations, code blocks, other colours …) go — PurgeCSS keeps every rule
//   whose class and attribute names occur in the built pages or in the scripts that make elements
//   (Material's bundle, ours). About 55 kB of 150 kB. The result gets a name with its own hash (a
//   host may keep an immutable copy of the old name for a year) and every page is pointed at it.
// * Ours (coop.css, print.css, fonts.css, handouts.css, coop/languages.css): minified (esbuild,
//   already used for the bundles) — about 16 kB. Their sources in overrides/assets/ stay as written;
//   `make live` serves those.
// Run right after `mkdocs build`, before the PDFs, the service worker's list and the precompressed
// copies are made from the site.
import { transform } from "esbuild"
import { PurgeCSS } from "purgecss"
import { createHash } from "node:crypto"
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"

const site = process.argv[2] || "site"
const STYLES = join(site, "assets/stylesheets")
const MATERIAL = /^(main|palette)\.[0-9a-f]{8}\.min\.css$/
const minify = async (css, path) => (await transform(css, {
  loader: "css", minify: true, target: ["chrome110", "firefox115", "safari16"], logLevel: "warning", sourcefile: path
})).code
const kB = n => (n / 1e3).toFixed(1)

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const path = join(dir, entry.name)
    return entry.isDirectory() ? walk(path) : [path]
  })
}
const pages = walk(site).filter(path => path.endsWith(".html"))
// the scripts that write elements: Material's bundle, and ours (not Python's packs, not the search documents)
const scripts = [
  ...readdirSync(join(site, "assets/javascripts")).filter(name => /^bundle\..*\.js$/.test(name)).map(name => join(site, "assets/javascripts", name)),
  ...readdirSync(join(site, "assets/coop")).filter(name => name.endsWith(".js")).map(name => join(site, "assets/coop", name))
]

let before = 0, after = 0
const renamed = {}
for (const name of readdirSync(STYLES).filter(name => MATERIAL.test(name))) {
  const path = join(STYLES, name)
  const css = readFileSync(path, "utf8")
  const [result] = await new PurgeCSS().purge({
    content: [...pages, ...scripts], css: [{ raw: css, name }],
    // @keyframes, @font-face and custom properties stay whole (PurgeCSS's defaults)
  })
  const code = await minify(result.css.replace(/\/\*# sourceMappingURL=[^*]*\*\//, ""), path)
  const hash = createHash("sha256").update(code).digest("hex").slice(0, 8)
  const slim = name.replace(/\.[0-9a-f]{8}\.min\.css$/, `.${hash}.min.css`)
  rmSync(path)
  rmSync(`${path}.map`, { force: true }) // it maps the full file
  writeFileSync(join(STYLES, slim), code)
  renamed[name] = slim
  before += Buffer.byteLength(css)
  after += Buffer.byteLength(code)
}
for (const page of pages) {
  const html = readFileSync(page, "utf8")
  const pointed = Object.entries(renamed).reduce((text, [old, slim]) => text.replaceAll(old, slim), html)
  if (pointed !== html) writeFileSync(page, pointed)
}
for (const dir of [STYLES, join(site, "assets/coop")]) {
  for (const name of readdirSync(dir).filter(name => name.endsWith(".css") && !MATERIAL.test(name))) { // ours (Material's slimmed names match MATERIAL too)
    const path = join(dir, name)
    const css = readFileSync(path, "utf8")
    const code = await minify(css, path)
    writeFileSync(path, code)
    before += Buffer.byteLength(css)
    after += Buffer.byteLength(code)
  }
}
console.log(`slim-css: ${kB(before)} kB → ${kB(after)} kB (${Object.entries(renamed).map(([a, b]) => `${a} → ${b}`).join(", ")})`)
