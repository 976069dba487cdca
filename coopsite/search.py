"""One search index per language, loaded only when a reader opens search.

mkdocs-static-i18n merges every language's pages into one ``search/search_index.json``, and
Material's page script fetches that file (on file://, the offline plugin's copy
``search_index.js``) on every page, before anyone searches. After both plugins have written it,
this splits it by language:

* ``search/index.<code>.<hash>.js`` — the documents of one language, as a classic script
  (``var __coopSearchDocs = [...]``) that the search worker loads with ``importScripts`` when a
  reader of that language first opens search: the same file serves http and file://. Its name holds
  a hash of its content, so hosts may keep it for a year (coopsite/publish.py);
* ``search_index.json`` and ``search_index.js`` keep only the configuration (a few hundred bytes):
  what Material still reads on every page, to set up the worker and to highlight ``?h=`` words.
  The configuration names each language's documents (``config.coop_documents``: Material passes
  ``config`` on to the worker as it is; frontend/src/search-page.js reads it there).

The text stays as the pages have it: the worker cuts Lao (any script written without spaces) into
syllables itself, the same way it cuts the reader's query (frontend/src/search/).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from exercises.core.languages import DEFAULT, LANGUAGES

__all__ = ["DOCS_VARIABLE", "FILES_KEY", "index_path", "language_of", "rewrite", "separate_cells", "split"]

#: The global that ``search/index.<code>.<hash>.js`` sets (frontend/src/search-worker.js reads it).
DOCS_VARIABLE = "__coopSearchDocs"
#: The key of the search configuration that names each language's documents file.
FILES_KEY = "coop_documents"
#: Invisible characters some writers type inside words; the reader's query never has them.
_INVISIBLE = re.compile("[\u200b\u00ad\u2060\ufeff]")
_CELL_END = re.compile(r"(</t[dh]>|</tr>)(?=<t[dhr][\s>])")


def separate_cells(html: str) -> str:
    """A space between table cells written back to back: the index reads a table as plain text, and
    ``<td>ລວມ</td><td>pool</td>`` would otherwise be one word there (``ລວມpool``)."""
    return _CELL_END.sub(r"\1 ", html)


def index_path(site_dir: Path, code: str) -> str:
    """Where one language's documents are in a built site, relative to it (the configuration says)."""
    settings = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    return settings["config"][FILES_KEY][code]


def language_of(location: str) -> str:
    """The language of a page: its folder for every language but the default, which is at the root."""
    first = location.split("/", 1)[0]
    return next((lang.code for lang in LANGUAGES if not lang.default and first == lang.code), DEFAULT.code)


def split(index: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Each language's documents, in the index's order (an article before its sections)."""
    docs: dict[str, list[dict[str, Any]]] = {lang.code: [] for lang in LANGUAGES}
    for doc in index.get("docs", []):
        clean = {key: _INVISIBLE.sub("", value) if isinstance(value, str) else value for key, value in doc.items()}
        docs[language_of(doc["location"])].append(clean)
    return docs


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def rewrite(site_dir: Path) -> dict[str, int] | None:
    """Write the per-language indexes and the stubs; return each file's size (None: no search index)."""
    json_path = site_dir / "search" / "search_index.json"
    if not json_path.exists():
        return None
    index = json.loads(json_path.read_text(encoding="utf-8"))
    config = index.get("config", {})
    if not index.get("docs") and FILES_KEY in config:
        return None  # already split (a second pass)
    for earlier in (site_dir / "search").glob("index.*.js"):  # an earlier pass's (one language's build)
        earlier.unlink()
    sizes, files = {}, {}
    for code, docs in split(index).items():
        data = f"var {DOCS_VARIABLE} = {_json(docs)};\n".encode()
        files[code] = f"search/index.{code}.{hashlib.sha256(data).hexdigest()[:16]}.js"
        (site_dir / files[code]).write_bytes(data)
        sizes[files[code]] = len(data)
    stub = _json({"config": {**config, FILES_KEY: files}, "docs": []})
    json_path.write_text(stub, encoding="utf-8")
    js_path = json_path.with_suffix(".js")
    if js_path.exists():  # the offline plugin's copy for file://: `var __index = {...}`
        js_path.write_text(f"var __index = {stub}", encoding="utf-8")
    return sizes
