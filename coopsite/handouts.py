"""Handouts for paper, from one YAML file each: blank record forms and group kits (cards to cut out).

    docs/data/forms/<form>.yml     a blank form a co-op fills in every week (delivery slip, cash book …)
    docs/data/kits/<session>.yml   the cards, boards and tokens of a session's game, role play or vote

Every language is in the one file: every piece of text is ``{en: …, lo: …}``, a key for each language
of the registry. A kit can also take its cards from its session page: ``from: <heading id>`` makes a
card of each item of the first list or table under that heading, in each language, so the cards say
what the page says.
scripts/make_pdf.py prints each to A4 (templates in coopsite/templates/, styles in handouts.css).
The formats are described in CONTENT.md ("Kits and forms"). A file that cannot be read stops the
build with its name and the place of the problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import material
import yaml
from markupsafe import Markup

from exercises.core.html import html, join
from exercises.core.languages import DEFAULT, codes, get

from . import DOCS, ROOT, editions
from .words import KIT_STEPS, site

__all__ = [
    "HandoutError",
    "forms",
    "form_names",
    "form",
    "kits",
    "kit_pages",
    "sheets",
    "substitute_forms",
    "render",
    "documents",
]

FORMS = DOCS / "data" / "forms"
KITS = DOCS / "data" / "kits"
LANGS = codes()  # every piece of text is in each of them


class HandoutError(Exception):
    """A kit or form file that cannot be used; the message names the file and the place."""


# ---- Reading the files ----------------------------------------------------------------------------


def _words(value: Any, where: str) -> dict[str, str]:
    """A piece of text in every language: ``{en: …, lo: …}``."""
    if not isinstance(value, dict) or any(
        not isinstance(value.get(lang), (str, int, float)) or not str(value.get(lang)).strip() for lang in LANGS
    ):
        shape = ", ".join(f"{lang}: …" for lang in LANGS)
        raise HandoutError(f"{where}: needs the text in every language, as {{{shape}}} (got {value!r})")
    return {lang: str(value[lang]).strip() for lang in LANGS}


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _load(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise HandoutError(f"{_name(path)}: not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise HandoutError(f"{_name(path)}: expected 'key: value' lines")
    return data


def _check_keys(data: dict, allowed: set[str], where: str) -> None:
    unknown = set(data) - allowed
    if unknown:
        raise HandoutError(f"{where}: unknown key {', '.join(sorted(unknown))!r} (known: {', '.join(sorted(allowed))})")


def _files(folder: Path, keys: set[str]):
    """(name, where, data) of each YAML file of a folder, its keys checked."""
    for path in sorted(folder.glob("*.yml")):
        data = _load(path)
        _check_keys(data, keys, _name(path))
        yield path.stem, _name(path), data


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
        return {
            "kind": kind,
            "rows": [
                {
                    "label": _words(choice.get("label"), f"{where}[{i}].label"),
                    "options": [
                        _words(o, f"{where}[{i}].options[{j}]") for j, o in enumerate(choice.get("options", []))
                    ],
                }
                for i, choice in enumerate(value)
            ],
        }
    if kind == "table":
        _check_keys(value, {"columns", "rows", "total", "numbered"}, where)
        columns = [
            {**_words(c, f"{where}.columns[{i}]"), "width": float(c.get("width", 10))}
            for i, c in enumerate(value.get("columns", []))
        ]
        rows = value.get("rows", 10)
        labels = [_words(r, f"{where}.rows[{i}]") for i, r in enumerate(rows)] if isinstance(rows, list) else None
        return {
            "kind": kind,
            "columns": columns,
            "labels": labels,
            "count": len(labels) if labels else int(rows),
            "total": _words(value["total"], f"{where}.total") if "total" in value else None,
            "numbered": bool(value.get("numbered")),
        }
    if kind == "signatures":
        return {
            "kind": kind,
            "people": [{**_words(s, f"{where}[{i}]"), "thumb": bool(s.get("thumb"))} for i, s in enumerate(value)],
        }
    if kind == "lines":
        return {
            "kind": kind,
            "label": _words(value.get("label"), f"{where}.label"),
            "count": int(value.get("count", 1)),
        }
    if kind in ("heading", "note"):
        return {"kind": kind, "text": _words(value, where)}
    _check_keys(value, {"count", "label", "blocks"}, where)
    return {
        "kind": kind,
        "count": int(value.get("count", 1)),
        "label": _words(value.get("label"), f"{where}.label"),
        "blocks": [_block(b, f"{where}.blocks[{i}]") for i, b in enumerate(value.get("blocks", []))],
    }


@dataclass
class Form:
    id: str
    title: dict[str, str]
    landscape: bool
    copies: list[dict[str, str]]
    blocks: list[dict]


@cache
def forms() -> dict[str, Form]:
    return {
        name: Form(
            name,
            _words(data.get("title"), f"{where}: title"),
            bool(data.get("landscape")),
            [_words(c, f"{where}: copies[{i}]") for i, c in enumerate(data.get("copies", []))],
            [_block(b, f"{where}: blocks[{i}]") for i, b in enumerate(data.get("blocks", []))],
        )
        for name, where, data in _files(FORMS, {"title", "landscape", "copies", "blocks"})
    }


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


# ---- Kits ----------------------------------------------------------------------------------------

PICTURES = DOCS / "assets" / "images" / "pictures"  # drawn for this course (CC BY-SA, like the text)
MDI = Path(material.__file__).parent / "templates" / ".icons" / "material"  # Apache-2.0, bundled with Material
COOP_ICONS = ROOT / "overrides" / ".icons" / "coop"  # the step icons (Material Design Icons)

#: Card sizes: (columns, rows) of cards on a sheet, in a grid of GRID_W x GRID_H mm.
SIZES = {
    "large": (2, 2),
    "half": (1, 2),
    "medium": (2, 4),
    "wide": (1, 4),
    "small": (3, 5),
    "tiny": (5, 8),
    "board": (1, 1),
}
GRID_W, GRID_H = 180.0, 250.0
INTRO_H = 42.0  # the kit's title and how-to lines, on its first sheet


def _first_steps() -> list[dict[str, str]]:
    """What every kit says first, with the step icons, in every language (a kit may add its own steps)."""
    return [{"icon": icon, **{lang: site(lang)(message) for lang in LANGS}} for icon, message in KIT_STEPS.items()]


@cache
def picture(name: str) -> str:
    """The SVG of a picture: own drawing (``cherry``), Material Design Icon (``mdi:truck``), step icon (``coop:read``)."""
    kind, _, ident = name.rpartition(":")
    folder = {"": PICTURES, "mdi": MDI, "coop": COOP_ICONS}.get(kind)
    path = folder / f"{ident}.svg" if folder else None
    if path is None or not path.is_file():
        raise HandoutError(
            f"no picture {name!r}: a file of docs/assets/images/pictures/, mdi:<Material Design Icon> "
            f"or coop:<step icon>"
        )
    svg = path.read_text(encoding="utf-8").strip()
    svg = re.sub(r"<title>.*?</title>", "", svg)
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


_INLINE_LINK = re.compile(r"\s*\[\[[^\]]*\]\]\([^)]*\)|\[([^\]]*)\]\([^)]*\)")


def _inline(text: str) -> Markup:
    """Markdown of one card (bold, italics) as HTML; citations and links become plain text."""
    import markdown

    text = _INLINE_LINK.sub(lambda m: m.group(1) or "", text)
    text = re.sub(r":coop-[a-z]+:\s*", "", text)
    return Markup(re.sub(r"^<p>|</p>$", "", markdown.markdown(text.strip())))  # Markdown escapes the text


def _section(page: str, lang: str, ident: str, where: str) -> list[str]:
    """The lines of a page's Markdown under the heading ``{ #ident }`` (to the next heading as high)."""
    path = DOCS / f"{page}.{lang}.md"
    if not path.exists():
        raise HandoutError(f"{where}: the page {path.relative_to(ROOT)} does not exist")
    lines = path.read_text(encoding="utf-8").split("\n")
    for index, line in enumerate(lines):
        heading = re.match(r"^(#+)\s.*\{\s*#" + re.escape(ident) + r"\s*\}\s*$", line)
        if heading:
            level = len(heading.group(1))
            end = next(
                (i for i in range(index + 1, len(lines)) if re.match(rf"^#{{1,{level}}}\s", lines[i])), len(lines)
            )
            return lines[index + 1 : end]
    raise HandoutError(f"{where}: {path.relative_to(ROOT)} has no heading {{ #{ident} }}")


_ITEM = re.compile(r"^(\s*)([-*+]|\d+\.)\s+(.*)$")


def _blocks(lines: list[str]) -> list[dict]:
    """The lists and tables in Markdown lines, in reading order (a list inside a list or a box too).

    A list is ``{"kind": "list", "ordered": bool, "items": [text]}``; a table is
    ``{"kind": "table", "head": [cells], "rows": [[cells]]}``.
    """
    blocks: list[dict] = []
    open_lists: dict[int, dict] = {}  # indentation → the list being read there
    index = 0
    while index < len(lines):
        line = lines[index]
        item = _ITEM.match(line)
        if line.strip().startswith("|"):
            rows = []
            while index < len(lines) and lines[index].strip().startswith("|"):
                cells = [c.strip() for c in lines[index].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                    rows.append(cells)
                index += 1
            blocks.append({"kind": "table", "head": rows[0], "rows": rows[1:]})
            open_lists = {}
            continue
        if item:
            indent = len(item.group(1))
            for deeper in [i for i in open_lists if i > indent]:
                del open_lists[deeper]
            current = open_lists.get(indent)
            ordered = item.group(2)[0].isdigit()
            if current is None or current["ordered"] != ordered:
                current = {"kind": "list", "ordered": ordered, "items": []}
                open_lists[indent] = current
                blocks.append(current)
            current["items"].append(item.group(3))
            index += 1
            while index < len(lines):  # the item's own further lines (not a nested list or table)
                following = lines[index]
                deeper = len(following) - len(following.lstrip()) > indent
                if not following.strip() or _ITEM.match(following) or following.strip().startswith(("|", "!!!")):
                    break
                if not deeper and following.startswith(("#", ":::")):
                    break
                current["items"][-1] += " " + following.strip()
                index += 1
            continue
        if line.strip() and not line.startswith(" "):
            open_lists = {}
        index += 1
    return blocks


@dataclass
class Card:
    title: Markup | None = None
    body: Markup | None = None
    number: str | None = None
    picture: str | None = None


def _cards_from_item(text: str, number: int | None) -> Card:
    bold = re.match(r"^\*\*(.+?)\*\*\s*[:.]?\s*(.*)$", text)
    if bold:
        title = bold.group(1).strip().rstrip(":.")
        return Card(_inline(title), _inline(bold.group(2)) or None, str(number) if number else None)
    return Card(None, _inline(text), str(number) if number else None)


def _cards_from_page(spec: dict, page: str, lang: str, where: str) -> list[Card]:
    blocks = _blocks(_section(page, lang, spec["from"], where))
    nth = int(spec.get("nth", 1))
    if len(blocks) < nth:
        raise HandoutError(
            f"{where}: the section {{ #{spec['from']} }} of {page}.{lang}.md has {len(blocks)} "
            f"lists or tables, not {nth}"
        )
    block = blocks[nth - 1]
    if spec.get("whole"):
        if block["kind"] == "table":
            head = join(html("<th>{cell}</th>", cell=_inline(c)) for c in block["head"])
            rows = join(
                html("<tr>{cells}</tr>", cells=join(html("<td>{cell}</td>", cell=_inline(c)) for c in row))
                for row in block["rows"]
            )
            return [
                Card(
                    body=html(
                        "<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>", head=head, rows=rows
                    )
                )
            ]
        items = join(html("<li>{item}</li>", item=_inline(i)) for i in block["items"])
        return [Card(body=html("<ol>{items}</ol>" if block["ordered"] else "<ul>{items}</ul>", items=items))]
    if block["kind"] == "table":
        cards = []
        for row in block["rows"]:
            lines = [
                html("<b>{head}:</b> {cell}", head=_inline(head), cell=_inline(cell))
                for head, cell in zip(block["head"][1:], row[1:], strict=False)
                if cell.strip() and cell.strip() not in ("—", "-")
            ]
            cards.append(Card(_inline(row[0].strip("* ")), Markup("<br>").join(lines) or None))
        return cards
    return [_cards_from_item(text, i + 1 if block["ordered"] else None) for i, text in enumerate(block["items"])]


@dataclass
class CardSet:
    title: dict[str, str]
    size: str
    cards: dict[str, list[Card]]  # per language
    columns: int
    rows: int
    labelled: bool = True

    @property
    def name(self) -> str:
        """The set's title in the default language, for build messages."""
        return self.title[DEFAULT.code]


def _card_set(spec: Any, page: str, where: str) -> CardSet:
    if not isinstance(spec, dict):
        raise HandoutError(f"{where}: a set is 'title:', 'size:' and 'from:' or 'cards:'")
    _check_keys(
        spec,
        {"title", "size", "from", "nth", "whole", "cards", "picture", "pictures", "copies", "columns", "show"},
        where,
    )
    size = spec.get("size", "medium")
    if size not in SIZES:
        raise HandoutError(f"{where}: size {size!r}: one of {', '.join(SIZES)}")
    if ("from" in spec) == ("cards" in spec):
        raise HandoutError(f"{where}: a set takes its cards either 'from:' a heading of the page or from 'cards:'")
    cards: dict[str, list[Card]] = {}
    for lang in LANGS:
        if "from" in spec:
            cards[lang] = _cards_from_page(spec, page, lang, where)
        else:
            cards[lang] = []
            for i, card in enumerate(spec["cards"]):
                if isinstance(card, dict) and "title" in card:
                    title = _words(card["title"], f"{where}.cards[{i}].title")[lang]
                    body = _words(card["text"], f"{where}.cards[{i}].text")[lang] if "text" in card else None
                else:
                    title, body = _words(card, f"{where}.cards[{i}]")[lang], None
                cards[lang].append(
                    Card(
                        _inline(title),
                        _inline(body) if body else None,
                        picture=card.get("picture") if isinstance(card, dict) else None,
                    )
                )
    counts = {lang: len(found) for lang, found in cards.items()}
    if len(set(counts.values())) > 1:
        raise HandoutError(
            f"{where}: not as many cards in every language: "
            + ", ".join(f"{count} in {lang}" for lang, count in counts.items())
            + " (the pages must have the same lists)"
        )
    count = counts[DEFAULT.code]
    pictures = spec.get("pictures") or ([spec["picture"]] * count if "picture" in spec else None)
    if pictures is not None and len(pictures) != count:
        raise HandoutError(f"{where}: {len(pictures)} pictures for {count} cards")
    for lang in LANGS:
        for index, card in enumerate(cards[lang]):
            name = card.picture or (pictures[index] if pictures else None)
            card.picture = picture(name) if name else None
            if spec.get("show") == "title":  # a plain item (no bold title) is its own title
                card.title, card.body = card.title or card.body, None
        cards[lang] = cards[lang] * int(spec.get("copies", 1))
    columns, rows = SIZES[size]
    if size == "board":
        columns = int(spec.get("columns", 2))
        rows = -(-count // columns)
    return CardSet(
        _words(spec.get("title"), f"{where}.title"), size, cards, columns, rows, size not in ("tiny", "board")
    )


@dataclass
class Kit:
    slug: str
    session: str
    steps: list[dict]
    sets: list[CardSet]


@cache
def kits() -> dict[str, Kit]:
    found = {}
    for name, where, data in _files(KITS, {"session", "steps", "sets"}):
        session = data.get("session")
        if not isinstance(session, str) or not (DOCS / f"{session}{DEFAULT.page_suffix}").exists():
            raise HandoutError(f"{where}: session: the page of the session, e.g. key-concepts/kc3-sell-alone-or-pool")
        if name != session.rsplit("/", 1)[-1]:
            raise HandoutError(f"{where}: the file is named after its session: {session.rsplit('/', 1)[-1]}.yml")
        steps = _first_steps() + [
            {"icon": s.get("icon", "coop:play"), **_words(s, f"{where}: steps[{i}]")}
            for i, s in enumerate(data.get("steps", []))
        ]
        for step in steps:
            step["svg"] = picture(step["icon"])
        found[name] = Kit(
            name,
            session,
            steps,
            [_card_set(spec, session, f"{where}: sets[{i}]") for i, spec in enumerate(data.get("sets", []))],
        )
    return found


def kit_pages() -> dict[str, str]:
    """Session slug → its page, for every kit."""
    return {slug: kit.session for slug, kit in kits().items()}


@dataclass
class Band:
    """The rows of one set on one sheet: its cards and the lines to cut along."""

    set: CardSet
    cards: list[tuple[Card, float, float, float, float]]  # card, x, y, width, height (mm)
    lines_x: list[float]
    lines_y: list[float]


@dataclass
class Sheet:
    intro: bool
    bands: list[Band]


def sheets(kit: Kit, lang: str) -> list[Sheet]:
    """The kit laid out on A4 sheets: the kit's title and steps first, then each set from a new row.

    Sets follow each other on a sheet while their rows fit; a board takes a sheet of its own.
    """
    out = [Sheet(True, [])]
    top = INTRO_H
    for card_set in kit.sets:
        cards = card_set.cards[lang]
        width = GRID_W / card_set.columns
        if card_set.size == "board":
            if out[-1].bands or out[-1].intro:
                out.append(Sheet(False, []))
            height = GRID_H / card_set.rows
            placed = [
                (card, (n % card_set.columns) * width, (n // card_set.columns) * height, width, height)
                for n, card in enumerate(cards)
            ]
            out[-1].bands.append(Band(card_set, placed, [], []))
            out.append(Sheet(False, []))
            top = 0.0
            continue
        height = GRID_H / card_set.rows
        index = 0
        while index < len(cards):
            rows = int((GRID_H - top + 0.01) // height)
            if rows < 1:
                out.append(Sheet(False, []))
                top = 0.0
                continue
            chunk = cards[index : index + rows * card_set.columns]
            placed = [
                (card, (n % card_set.columns) * width, top + (n // card_set.columns) * height, width, height)
                for n, card in enumerate(chunk)
            ]
            used = -(-len(chunk) // card_set.columns)
            out[-1].bands.append(
                Band(
                    card_set,
                    placed,
                    [c * width for c in range(card_set.columns + 1)],
                    [top + r * height for r in range(used + 1)],
                )
            )
            index += len(chunk)
            top += used * height + 6.0  # room for the crop marks between two sets
    return [sheet for sheet in out if sheet.bands or sheet.intro]


# ---- HTML ----------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    return Environment(
        loader=FileSystemLoader(ROOT / "coopsite" / "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(template: str, **context) -> str:
    return _environment().get_template(template).render(**context)


# Run in the page before it is printed: every sheet's content fits in its sheet.
FITS = """() => [...document.querySelectorAll('.coop-sheet')].filter(s => s.scrollHeight > s.clientHeight + 2)
    .map(s => `${s.dataset.name}: ${Math.round((s.scrollHeight - s.clientHeight) * 25.4 / 96)} mm too long for A4`)"""


# Run in a kit before it is printed: text that is too long for its card is made smaller, down to
# 9 pt (10 pt in a tall script: Lao); a card that still does not fit is a problem to fix in the kit's file.
FIT_CARDS = """() => {
  const least = LEAST, tight = {};
  for (const card of document.querySelectorAll('.k-card')) {
    const inner = card.querySelector('.k-inner');
    let size = parseFloat(getComputedStyle(inner).fontSize);
    while (inner.scrollHeight > inner.clientHeight + 1 && size > least) {
      size -= 0.5;
      inner.style.fontSize = size + 'px';
    }
    if (inner.scrollHeight > inner.clientHeight + 1) tight[card.dataset.set] = (tight[card.dataset.set] || 0) + 1;
  }
  return Object.entries(tight).map(([set, n]) => `${set}: the text of ${n} card(s) does not fit (choose a bigger size)`);
}"""


def _fit_cards(lang: str) -> str:
    least = 10 if get(lang).tall else 9  # pt
    return FIT_CARDS.replace("LEAST", f"{least * 96 / 72:.1f}")


def documents(langs: list[str]) -> list[tuple[str, str, str, str]]:
    """(file name under pdf/, title, HTML, a check to run before printing) for every kit and form."""
    docs = []
    for lang in langs:
        said = editions.words(lang)
        for slug, kit in kits().items():
            title = editions.page_title(kit.session, lang)
            heading = f"{said['kit_title']}: {title}"
            page = render(
                "kit.html",
                lang=lang,
                kit=kit,
                title=title,
                sheets=sheets(kit, lang),
                words=said,
                style=editions.page_style(lang, heading),
                root="../",
            )
            check = "() => [...(" + _fit_cards(lang) + ")(), ...(" + FITS + ")()]"
            docs.append((editions.kit_pdf(lang, slug), heading, page, check))
        for name, item in forms().items():
            title = item.title[lang]
            page = render(
                "form.html", lang=lang, form=item, words=said, style=editions.page_style(lang, title), root="../"
            )
            docs.append((editions.form_pdf(lang, name), title, page, FITS))
    return docs
