"""Handouts for paper, from one YAML file each: blank record forms and group kits (cards to cut out).

    docs/data/forms/<form>.yml     a blank form a co-op fills in every week (delivery slip, cash book …)
    docs/data/kits/<session>.yml   the cards, boards and tokens of a session's game, role play or vote

Both languages are in the one file: every piece of text is ``{en: …, lo: …}``. A kit can also take
its cards from its session page: ``from: <heading id>`` makes a card of each item of the first list
or table under that heading, in each language, so the cards say what the page says.
scripts/make_pdf.py prints each to A4 (templates in coopsite/templates/, styles in handouts.css).
The formats are described in CONTENT.md ("Kits and forms"). A file that cannot be read stops the
build with its name and the place of the problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from . import editions

__all__ = ["HandoutError", "forms", "form_names", "form", "kits", "kit_pages", "substitute_forms", "render",
           "documents", "title_of"]

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
FORMS = DOCS / "data" / "forms"
KITS = DOCS / "data" / "kits"
LANGS = editions.LANGS


class HandoutError(Exception):
    """A kit or form file that cannot be used; the message names the file and the place."""


# ---- Reading the files ----------------------------------------------------------------------------


def _words(value: Any, where: str) -> dict[str, str]:
    """A piece of text in both languages: ``{en: …, lo: …}``."""
    if not isinstance(value, dict) or any(not isinstance(value.get(lang), (str, int, float)) or
                                          not str(value.get(lang)).strip() for lang in LANGS):
        raise HandoutError(f"{where}: needs the text in both languages, as {{en: …, lo: …}} (got {value!r})")
    return {lang: str(value[lang]).strip() for lang in LANGS}


def _load(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise HandoutError(f"{path.relative_to(ROOT)}: not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise HandoutError(f"{path.relative_to(ROOT)}: expected 'key: value' lines")
    return data


def _check_keys(data: dict, allowed: set[str], where: str) -> None:
    unknown = set(data) - allowed
    if unknown:
        raise HandoutError(f"{where}: unknown key {', '.join(sorted(unknown))!r} (known: {', '.join(sorted(allowed))})")


# ---- Forms ----------------------------------------------------------------------------------------

_BLOCKS = {"fields", "choices", "table", "signatures", "lines", "heading", "note", "repeat"}


def _block(block: Any, where: str) -> dict:
    if not isinstance(block, dict) or len(block) != 1 or next(iter(block)) not in _BLOCKS:
        raise HandoutError(f"{where}: a block is one of {', '.join(sorted(_BLOCKS))} (got {block!r})")
    kind, value = next(iter(block.items()))
    where = f"{where}.{kind}"
    if kind == "fields":
        rows = [[_words(field, f"{where}[{r}][{c}]") for c, field in enumerate(row)] for r, row in enumerate(value)]
        return {"kind": kind, "rows": rows}
    if kind == "choices":
        return {"kind": kind, "rows": [{"label": _words(choice.get("label"), f"{where}[{i}].label"),
                                        "options": [_words(o, f"{where}[{i}].options[{j}]") for j, o in enumerate(choice.get("options", []))]}
                                       for i, choice in enumerate(value)]}
    if kind == "table":
        _check_keys(value, {"columns", "rows", "total", "numbered"}, where)
        columns = [{**_words(c, f"{where}.columns[{i}]"), "width": float(c.get("width", 10))}
                   for i, c in enumerate(value.get("columns", []))]
        rows = value.get("rows", 10)
        labels = [_words(r, f"{where}.rows[{i}]") for i, r in enumerate(rows)] if isinstance(rows, list) else None
        return {"kind": kind, "columns": columns, "labels": labels, "count": len(labels) if labels else int(rows),
                "total": _words(value["total"], f"{where}.total") if "total" in value else None,
                "numbered": bool(value.get("numbered"))}
    if kind == "signatures":
        return {"kind": kind, "people": [{**_words(s, f"{where}[{i}]"), "thumb": bool(s.get("thumb"))}
                                        for i, s in enumerate(value)]}
    if kind == "lines":
        return {"kind": kind, "label": _words(value.get("label"), f"{where}.label"), "count": int(value.get("count", 1))}
    if kind in ("heading", "note"):
        return {"kind": kind, "text": _words(value, where)}
    _check_keys(value, {"count", "label", "blocks"}, where)
    return {"kind": kind, "count": int(value.get("count", 1)), "label": _words(value.get("label"), f"{where}.label"),
            "blocks": [_block(b, f"{where}.blocks[{i}]") for i, b in enumerate(value.get("blocks", []))]}


@dataclass
class Form:
    id: str
    title: dict[str, str]
    landscape: bool
    copies: list[dict[str, str]]
    blocks: list[dict]


@lru_cache(maxsize=None)
def forms() -> dict[str, Form]:
    found = {}
    for path in sorted(FORMS.glob("*.yml")):
        where = str(path.relative_to(ROOT))
        data = _load(path)
        _check_keys(data, {"title", "landscape", "copies", "blocks"}, where)
        found[path.stem] = Form(path.stem, _words(data.get("title"), f"{where}: title"), bool(data.get("landscape")),
                                [_words(c, f"{where}: copies[{i}]") for i, c in enumerate(data.get("copies", []))],
                                [_block(b, f"{where}: blocks[{i}]") for i, b in enumerate(data.get("blocks", []))])
    return found


def form_names() -> list[str]:
    return list(forms())


def form(name: str) -> Form:
    return forms()[name]


def substitute_forms(html: str, lang: str, site_root: str) -> str:
    """``<!--coop-forms:a b-->`` (from ``::: forms a b``) → links to those forms; ``all`` → a table of all."""

    def links(match: re.Match[str]) -> str:
        names = match.group(1).split()
        table = names == ["all"]
        chosen = form_names() if table else names
        return editions.forms_html(lang, site_root, [(name, form(name).title[lang]) for name in chosen], table)

    return re.sub(r"<!--coop-forms:([^>]*)-->", links, html)


# ---- Kits -----------------------------------------------------------------------------------------


def kits() -> dict:
    return {}


def kit_pages() -> dict[str, str]:
    """Session slug → its page, for every kit."""
    return {slug: kit["session"] for slug, kit in kits().items()}


# ---- HTML ----------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    return Environment(loader=FileSystemLoader(ROOT / "coopsite" / "templates"), autoescape=select_autoescape(["html"]),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render(template: str, **context) -> str:
    return _environment().get_template(template).render(**context)


# Run in the page before it is printed: every sheet's content fits in its sheet.
FITS = """() => [...document.querySelectorAll('.coop-sheet')].filter(s => s.scrollHeight > s.clientHeight + 2)
    .map(s => `${s.dataset.name}: ${Math.round((s.scrollHeight - s.clientHeight) * 25.4 / 96)} mm too long for A4`)"""


def documents(site: Path, langs: list[str]) -> list[tuple[str, str, str]]:
    """(file name under pdf/, HTML, a check to run before printing) for every form and kit."""
    docs = []
    for lang in langs:
        for name, item in forms().items():
            style = editions.page_style(lang, item.title[lang])
            html = render("form.html", lang=lang, form=item, words=editions.WORDS[lang], style=style, root="../")
            docs.append((editions.form_pdf(lang, name), html, FITS))
    return docs


def title_of(name: str) -> str:
    """The outline title of a handout's PDF, from its file name."""
    lang, kind, ident = re.match(r".*?our-coffee-coop-(\w+)-(form|kit)-(.+)\.pdf$", name).groups()
    if kind == "form":
        return form(ident).title[lang]
    return editions.page_title(kit_pages()[ident], lang)
