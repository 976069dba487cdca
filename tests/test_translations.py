"""Every page exists in English and Lao, with the same structure: headings, links, anchors, directives.

A missing or drifted translation fails here, naming the file. (FastAPI's docs check translations
the same way: the structure must match; only the words differ.)
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from coopsite.directives import fenced

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LANGS = ("en", "lo")

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
_HEADING_ID = re.compile(r"\{\s*#([A-Za-z][\w-]*)[^}]*\}\s*$")
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HTML_HREF = re.compile(r"""\bhref=["']([^"']+)["']""")
_ANCHOR = re.compile(r"""\{\s*[^}]*#([A-Za-z][\w-]*)[^}]*\}|\bid=["']([^"']+)["']""")
_DIRECTIVE = re.compile(r"^:::\s+(.*?)\s*$")


def pages() -> list[str]:
    """Every page, as its path without the language suffix ("management/m6-finance")."""
    names = set()
    for path in DOCS.rglob("*.md"):
        if "data" in path.relative_to(DOCS).parts:
            continue
        names.add(str(path.relative_to(DOCS)).rsplit(".", 2)[0])
    return sorted(names)


def structure(path: Path) -> dict[str, object]:
    headings, links, anchors, directives = [], Counter(), Counter(), []
    lines = path.read_text(encoding="utf-8").splitlines()
    code = fenced(lines)
    for number, line in enumerate(lines, 1):
        if code[number - 1]:
            continue
        heading = _HEADING.match(line)
        if heading:
            found = _HEADING_ID.search(heading.group(2))
            headings.append((len(heading.group(1)), found.group(1) if found else f"<no id, line {number}>"))
        for target in _LINK.findall(line) + _HTML_HREF.findall(line):
            links[target] += 1
        for groups in _ANCHOR.findall(line if not heading else ""):
            anchors[groups[0] or groups[1]] += 1
        directive = _DIRECTIVE.match(line)
        if directive:
            directives.append(directive.group(1))
        elif directives and re.match(r"^ {4}\w[\w-]*:", line) and lines[number - 2].startswith((":::", "    ")):
            directives[-1] += f" [{line.strip()}]"  # a directive's option (preset: simple) is structure too
    return {"headings": headings, "links": links, "anchors": anchors, "directives": directives}


def test_every_file_is_suffixed():
    unsuffixed = [
        str(p.relative_to(ROOT))
        for p in DOCS.rglob("*.md")
        if "data" not in p.relative_to(DOCS).parts and not re.search(r"\.(en|lo)\.md$", p.name)
    ]
    assert not unsuffixed, f"every page needs a language suffix (.en.md / .lo.md): {unsuffixed}"


@pytest.mark.parametrize("page", pages())
def test_page_exists_in_both_languages(page):
    missing = [f"docs/{page}.{lang}.md" for lang in LANGS if not (DOCS / f"{page}.{lang}.md").exists()]
    assert not missing, f"missing translation: {', '.join(missing)}"


@pytest.mark.parametrize("page", pages())
def test_translation_has_the_same_structure(page):
    english, lao = (DOCS / f"{page}.en.md"), (DOCS / f"{page}.lo.md")
    if not (english.exists() and lao.exists()):
        pytest.skip("missing file: reported by test_page_exists_in_both_languages")
    en, lo = structure(english), structure(lao)
    without_ids = [h for h in en["headings"] + lo["headings"] if str(h[1]).startswith("<no id")]
    assert not without_ids, f"docs/{page}.*.md: every heading needs an explicit {{ #id }}: {without_ids}"
    assert en["headings"] == lo["headings"], (
        f"docs/{page}.lo.md: headings (level, id) differ from docs/{page}.en.md\n"
        f"  en: {en['headings']}\n  lo: {lo['headings']}"
    )
    assert en["links"] == lo["links"], (
        f"docs/{page}.lo.md: links differ from docs/{page}.en.md: "
        f"only in en {sorted((en['links'] - lo['links']).elements())}, only in lo {sorted((lo['links'] - en['links']).elements())}"
    )
    assert en["anchors"] == lo["anchors"], f"docs/{page}.lo.md: anchors differ from the English page"
    assert en["directives"] == lo["directives"], (
        f"docs/{page}.lo.md: directives differ: {en['directives']} vs {lo['directives']}"
    )


def test_links_use_unsuffixed_page_names():
    bad = []
    for path in DOCS.rglob("*.md"):
        for target in _LINK.findall(path.read_text(encoding="utf-8")):
            if re.search(r"\.(en|lo)\.md\b", target):
                bad.append(f"{path.relative_to(ROOT)}: {target}")
    assert not bad, "link to the unsuffixed page name (x.md), i18n picks the language:\n" + "\n".join(bad)


def test_structure_check_catches_drift(tmp_path):
    """The check itself: a renamed heading id and a dropped link are both noticed."""
    english = tmp_path / "x.en.md"
    lao = tmp_path / "x.lo.md"
    english.write_text("# Title { #t }\n\n## Steps { #steps }\n\nSee [the glossary](glossary.md).\n", encoding="utf-8")
    lao.write_text("# ຫົວຂໍ້ { #t }\n\n## ຂັ້ນຕອນ { #step }\n\nເບິ່ງ ຄຳສັບ.\n", encoding="utf-8")
    en, lo = structure(english), structure(lao)
    assert en["headings"] != lo["headings"]
    assert en["links"] != lo["links"]
