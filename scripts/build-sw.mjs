// The service worker of a built site (see frontend/src/sw.js): lists the site's files, then
// bundles the worker with Workbox (esbuild) into <site>/sw.js. Run after the site and its PDFs:
//
//   node scripts/build-sw.mjs [site]
//
// Each file lands in one list:
//   core          every page needs it: CSS, JS, fonts (the Latin Extended subsets in the regular
//                 face only; the others are cached on first use), images, the search files, the
//                 offline page
//   pages[lang]   HTML pages, the web app manifest and the search documents (search/index.<lang>.<hash>.js)
//                 of one language (lo/… for Lao; the rest is English, the default language at the
//                 site root)
//   keep          "Keep this course on this phone": Python — the files both ways of starting it
//                 load (assets/coop/manifest.json, boot.http: snapshot and normal), the code editor and the
//                 models' code it shows (assets/coop/models/) — and
//                 each language's PDFs of every session, group kit and form
//                 (pdf/{sessions,kits,forms}/our-coffee-coop-<lang>-….pdf). Not the books of whole
//                 parts and of the whole course (pdf/our-coffee-coop-<lang>-<part>-….pdf): they are
//                 the same pages again (Lao: 6.8 MB more on top of 4.9 MB), as in the USB copy; they
//                 stay online only
//   (none)        what http never needs: the file:// copies (search_index.js, packs, py-worker-src.js), source maps,
//                 lunr's other languages, sitemaps, licences, the 404 page, the app's PNG icons,
//                 the precompressed .gz/.br copies
// Revisions are content hashes: a file that did not change is not downloaded again.
//
// Workbox's own manifest tool (workbox-build) would add ~320 npm packages (Babel, Rollup) to list
// and hash files; esbuild already bundles, so the listing is done here.
import { build } from "esbuild"
import { createHash } from "node:crypto"
import { readFileSync, readdirSync, statSync } from "node:fs"
import { join, relative, sep } from "node:path"
import { gzipSync } from "node:zlib"

const site = process.argv[2] || "site"
const SKIP = [
  /(^|\/)search_index\.js$/, /^assets\/(pyodide|coop)\/packs\//, /\.map$/, /^assets\/javascripts\/lunr\//,
  /^sitemap\.xml/, /\.txt$/, /(^|\/)LICENSE$/, /(^|\/)404\.html$/, /^sw\.js$/, /^pdf\/pdfs\.json$/,
  /^assets\/coop\/(manifest|languages|fingerprints)\.json$/, /^assets\/coop\/py-worker-src\./, /^_(headers|errors)/, /^assets\/images\/favicon\.png$/,
  /^assets\/images\/icon-.*\.png$/, // the browser keeps an installed app's icons itself
  /\.(gz|br)$/ // precompressed copies: the host sends them in place of the file
]
// Latin Extended (a few letters on the references page) in bold, italic or code: cached when used
const LATER_FONTS = /-ext-(?!400-normal).*\.woff2$|mono-latin-ext-/
const COMPRESSED = /\.(html|css|js|mjs|json|wasm|svg|xml|txt)$/ // as scripts/serve.py sends them

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const path = join(dir, entry.name)
    return entry.isDirectory() ? walk(path) : [relative(site, path).split(sep).join("/")]
  })
}

const bytes = path => readFileSync(join(site, path))
const revision = path => createHash("sha256").update(bytes(path)).digest("hex").slice(0, 16)
// A name that already holds a hash of its content (Material's bundle.a5f9d56c.min.js, our
// runtime.<16 hex>.js, scripts/build-frontend.mjs) needs no revision: Workbox then lets the
// browser's cache answer, so the first visit does not fetch it twice.
const HASHED_NAME = /\.[0-9a-f]{8}\.min\.(js|css)$|\.[0-9a-f]{16}\.[a-z]+$/
const entry = path => ({ url: path, revision: HASHED_NAME.test(path) ? null : revision(path) })
// Python's files have precompressed copies whose sizes the manifest holds (the .gz one: what every
// host can send); other files are measured as gzip -6, as scripts/serve.py sends them.
const manifest = JSON.parse(bytes("assets/coop/manifest.json"))
const served = JSON.parse(bytes("assets/coop/fingerprints.json")) // {plain: served name}, under assets/
const stagedByUrl = Object.fromEntries(Object.values(manifest.files).map(file => [`assets/${file.url}`, file]))
const sized = path => {
  const data = bytes(path)
  const staged = stagedByUrl[path]
  const transfer = staged?.gzip ?? (COMPRESSED.test(path) ? gzipSync(data, { level: 6 }).length : data.length)
  return { url: path, revision: revision(path), size: data.length, transfer }
}
const htmlLang = path => /<html lang="([a-z]{2,3})"/.exec(bytes(path).toString("utf8", 0, 300))?.[1]

const files = walk(site).filter(path => !SKIP.some(pattern => pattern.test(path)))
const defaultLang = htmlLang("index.html")
const otherLangs = readdirSync(site).filter(name => {
  try { return statSync(join(site, name, "index.html")).isFile() && htmlLang(`${name}/index.html`) === name } catch { return false }
})
// a language's search documents (search/index.<code>.<hash>.js, coopsite/search.py) go with its pages
const langOf = path => /^search\/index\.([a-z]{2,3})\.[0-9a-f]{16}\.js$/.exec(path)?.[1] ||
  otherLangs.find(lang => path.startsWith(`${lang}/`)) ||
  (/^(assets|search|pdf)\//.test(path) || path === "offline.html" ? null : defaultLang)

// both ways of starting Python (the snapshot, and the normal start a refused snapshot falls back to)
// and the worker that runs Python and the editor: no Python byte comes before it is asked for
const models = Object.keys(served).filter(path => path.startsWith("coop/models/")) // the code the editor shows
const python = [...new Set([...manifest.boot.http.snapshot, ...manifest.boot.http.normal, "coop/py-worker.js", "coop/editor.js", ...models])]
  .map(path => `assets/${served[path]}`)
const langs = [defaultLang, ...otherLangs]
const pdfsOf = lang => files.filter(path => new RegExp(`^pdf/[a-z]+/our-coffee-coop-${lang}-.*\\.pdf$`).test(path))

const keepGroup = (id, lang, paths) => {
  const entries = paths.map(sized)
  const hash = createHash("sha256").update(JSON.stringify(entries)).digest("hex").slice(0, 12)
  return { id, lang, cache: `coop-keep-${id}-${hash}`, entries }
}
const keep = [keepGroup("python", null, python), ...langs.map(lang => keepGroup(`pdf-${lang}`, lang, pdfsOf(lang)))]
const kept = new Set(keep.flatMap(group => group.entries.map(e => e.url)))
const rest = files.filter(path => !kept.has(path) && !path.startsWith("pdf/") && !LATER_FONTS.test(path))
const core = rest.filter(path => langOf(path) === null).map(entry)
const pages = Object.fromEntries(langs.map(lang => [lang, rest.filter(path => langOf(path) === lang).map(entry)]))

const lists = { core, pages, keep }
const version = createHash("sha256").update(JSON.stringify(lists)).digest("hex").slice(0, 12)
await build({
  entryPoints: ["frontend/src/sw.js"], bundle: true, minify: true, format: "iife", target: ["chrome110", "firefox115", "safari16"],
  legalComments: "none", logLevel: "warning", outfile: join(site, "sw.js"),
  define: { __BUILD__: JSON.stringify({ version, ...lists }), "process.env.NODE_ENV": '"production"' }
})

const mb = n => (n / 1e6).toFixed(1)
const total = (list, key) => list.reduce((sum, e) => sum + (e[key] ?? statSync(join(site, e.url)).size), 0)
console.log(`sw.js ${version}: core ${core.length} files (${mb(total(core))} MB); ` +
  langs.map(lang => `${lang} ${pages[lang].length} (${mb(total(pages[lang]))} MB)`).join(", ") + "; keep " +
  keep.map(g => `${g.id} ${g.entries.length} (${mb(total(g.entries, "transfer"))} MB to download)`).join(", "))
