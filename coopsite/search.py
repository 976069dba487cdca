"""Make the search index find Lao words (see coopsite/segment.py for how Lao text is split).

Material's search splits text on its ``separator``, which includes U+200B (mkdocs.yml). This puts
U+200B between the Lao words of every title and text in ``search/search_index.json`` and writes
the same entries to ``search/search_index.js``, the copy the offline plugin makes for file://, and
the index's Lao words to ``search/lao_words.js`` (queries are split into these in the browser).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .segment import RUN, segment, terms

__all__ = ["segment_index", "rewrite", "MARK"]

#: Set in the index's config once its Lao text is split, so a second pass changes nothing.
MARK = "coop_lao_words"


def segment_index(index: dict[str, Any]) -> dict[str, Any]:
    """The index with U+200B between Lao words in every document's title and text."""
    if index.get("config", {}).get(MARK):
        return index
    for doc in index.get("docs", []):
        for field in ("title", "text"):
            if isinstance(doc.get(field), str):
                doc[field] = segment(doc[field])
    index.setdefault("config", {})[MARK] = True
    return index


def rewrite(site_dir: Path) -> dict[str, Any] | None:
    """Rewrite the JSON index and its file:// copy; return the index (or None if there is none)."""
    json_path = site_dir / "search" / "search_index.json"
    if not json_path.exists():
        return None
    index = segment_index(json.loads(json_path.read_text(encoding="utf-8")))
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    json_path.write_text(text, encoding="utf-8")
    js_path = json_path.with_suffix(".js")
    if js_path.exists():  # the offline plugin's copy: `var __index = {...}`
        js_path.write_text(f"var __index = {text}", encoding="utf-8")
    words = " ".join(lao_vocabulary(index))
    (json_path.parent / "lao_words.js").write_text(
        f"var __coopLaoWords = {json.dumps(words, ensure_ascii=False)};\n", encoding="utf-8"
    )
    return index


def lao_vocabulary(index: dict[str, Any]) -> list[str]:
    """Every Lao word of the index, and the project terms: search-lao.js splits queries into these."""
    found: set[str] = set(terms())
    for doc in index.get("docs", []):
        for field in ("title", "text"):
            found.update(RUN.findall(doc.get(field) or ""))  # a run stops at U+200B: one word
    return sorted(found)
