// Minify the site's own stylesheets in a built site, in place (esbuild, already used for the bundles):
//
//   node scripts/minify-css.mjs [site]
//
// Every page reads them (coop.css, print.css, fonts.css, languages.css; handouts.css on the printed
// kits): from a USB stick every byte is read again on every page, so their comments and spaces go —
// about 14 kB a page. The sources in overrides/assets/ stay as written; `make live` serves those.
// Material's own stylesheets (*.min.css) are minified already. Run right after `mkdocs build`, before
// the PDFs, the service worker's list and the precompressed copies are made from the site.
import { transform } from "esbuild"
import { readFileSync, readdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"

const site = process.argv[2] || "site"
let before = 0, after = 0
for (const dir of ["assets/stylesheets", "assets/coop"]) {
  for (const name of readdirSync(join(site, dir)).filter(name => name.endsWith(".css") && !name.endsWith(".min.css"))) {
    const path = join(site, dir, name)
    const css = readFileSync(path, "utf8")
    const { code } = await transform(css, {
      loader: "css", minify: true, target: ["chrome110", "firefox115", "safari16"], logLevel: "warning", sourcefile: path
    })
    writeFileSync(path, code)
    before += Buffer.byteLength(css)
    after += Buffer.byteLength(code)
  }
}
console.log(`minify-css: ${(before / 1e3).toFixed(1)} kB → ${(after / 1e3).toFixed(1)} kB`)
