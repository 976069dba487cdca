"""Guards for the Lao style guide (CONTENT.md §8): each finding names file:line, the text and the form to use.

``tests/test_lao_style.py`` runs every rule over every Lao text a reader sees: the Lao pages
(``docs/**/*.lo.md``), the glossary (``lo``, ``def_lo``), the references (``short_lo``,
``supports_lo``), the interface strings (``overrides/partials/languages/lo.html``, the Lao block of
``mkdocs.yml``, Lao string literals in ``coopsite/`` and ``hooks/``) and the exercise catalog
(``exercises/locale/lo/LC_MESSAGES/*.po``, every ``msgstr``).

Lao is written without spaces between words, so rules that are about words (``ກໍ`` → ``ກໍ່``, the
question word ``ບໍ``, names that are also common words) look at ICU's word breaks
(ICU's dictionary, the course's own terms kept whole: :func:`_run_words`), never at bare substrings.

The rules (``RULES``), in the order of CONTENT.md §8:

* ``thai``      no Thai letters (U+0E00–0E7F look like Lao but are not); suggests the Lao letter.
* ``ligature``  ຫຼ ໜ ໝ, never ຫລ ຫນ ຫມ.
* ``spelling``  the spelling list (:data:`SPELLING`), "also/then" is ກໍ່ (a whole word, also in
                ກໍ່ຕາມ, ກໍ່ຄື …), and the question word: ``ບໍ່?`` at the end of a question is ``ບໍ?``
                (but "… ຫຼືບໍ່?", "or not?", is right), ``ບໍ`` followed by more words is "not", ``ບໍ່``.
* ``avoid``     state or political words for a co-op's own affairs (:data:`AVOID`) and every
                glossary entry's ``avoid_lo`` form; the longest match is reported, with the glossary
                ``lo`` to use. Exempt: the glossary page (``docs/glossary.lo.md``), and a glossary
                entry's own ``def_lo``, which may name its own ``avoid_lo`` forms.
* ``units``     no ``kg``, ``lb`` or ``US$`` in Lao sentences: ກິໂລ, ປອນ, ໂດລາ. Allowed in tables: a
                Markdown table row on a page; in the catalog, a *label* (see :func:`is_label`).
* ``acronym``   an acronym of the glossary (``abbr``) is spelled out at its first use on a page: the
                Lao long form (the entry's ``lo``) comes before it or right with it ("ລາວ (ABBR)").
                Reference labels (``[[KPL 2024]](…references.md#ref-…)``) are source names, not uses.
* ``name``      people of the story always with their title (ທ້າວ/ນາງ, :data:`PEOPLE`); names that
                are also common words (ນ້ອຍ "small", ວັນ "day", ສິດ "right", ເພັດ "diamond") only
                where the context says it is the person (:func:`name_findings`).
* ``term``      one Lao form per glossary term: a Lao page whose English page uses a glossary term
                (``en``/``also_en``) contains the term's ``lo`` (see :data:`TERM_EXEMPT`).
* ``button``    a button named in quotes is named exactly as its label: “ຄິດໄລ່”, “ກວດ” …
                (:func:`button_labels`: every ``<button>`` the site draws, in Lao).
* ``spacing``   a page whose words-per-space ratio or comma rate is far from the other pages
                (:func:`spacing_findings`, median ± k·MAD).
"""

from __future__ import annotations

import difflib
import re
import statistics
import tokenize
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import yaml

from exercises.core.languages import DEFAULT, LANGUAGES

from . import DOCS, ROOT
from .directives import fenced

__all__ = [
    "ROOT",
    "Finding",
    "Line",
    "Source",
    "RULES",
    "SPELLING",
    "AVOID",
    "PEOPLE",
    "page_sources",
    "glossary_sources",
    "reference_sources",
    "ui_sources",
    "catalog_sources",
    "check",
    "spacing_findings",
    "term_findings",
    "button_labels",
    "is_label",
    "words_of",
]

LAO = re.compile(r"[\u0E80-\u0EFF]")
#: The language this guide is for (the registry's language written in Lao script), and the default one
#: its pages are translated from: the glossary's and catalogs' keys are their codes.
LO = next(language.code for language in LANGUAGES if language.script == "Laoo")
EN = DEFAULT.code
THAI = re.compile(r"[\u0E00-\u0E7F]+")


# ---- What is checked ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One violation: where, what and the form to use."""

    rule: str
    path: str
    line: int
    text: str
    use: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: [{self.rule}] “{self.text}” → {self.use}"


@dataclass
class Line:
    number: int
    text: str  # what a reader sees (markup, link targets, code and URLs removed)
    prose: str = ""  # ``text`` without reference labels (for the acronym rule)
    table: bool = False  # a table row or a form/table label: short Latin units are allowed
    owner: str | None = None  # glossary entry whose own avoid_lo forms this text may name

    def __post_init__(self):
        if not self.prose:
            self.prose = self.text


@dataclass
class Source:
    """One unit a reader meets as a whole: a page, a glossary entry, a message."""

    path: str  # relative to the repository
    kind: str  # page | glossary | references | ui | catalog
    lines: list[Line] = field(default_factory=list)
    english: Path | None = None  # the English page of a Lao page
    msgid: str = ""  # catalog: the English message


# ---- Reading the sources --------------------------------------------------------------------------

_REF_LINK = re.compile(r"\[\[?([^\[\]]*)\]?\]\([^)]*references\.md#ref-[^)]*\)")
_STRIP = [
    (re.compile(r"<!--.*?-->"), " "),
    (re.compile(r"`[^`]*`"), " "),
    (re.compile(r"\]\([^)]*\)"), "]"),  # link targets
    (re.compile(r"\{\s*[#.:][^}]*\}"), " "),  # attribute lists { #id }
    (re.compile(r"<[^>]*>"), " "),  # HTML tags
    (re.compile(r"https?://\S+|file://\S+"), " "),
    (re.compile(r":[a-z0-9]+(?:-[a-z0-9]+)+:"), " "),  # icons :coop-read:
    (re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s+[\w-]+(?:\s+[\w-]+)*\s*"), " "),  # admonition: keep the title
    (re.compile(r"[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}"), ""),  # emphasis marks
    (re.compile(r"[\[\]]"), ""),
]


def _visible(line: str) -> str:
    for pattern, replacement in _STRIP:
        line = pattern.sub(replacement, line)
    return line


def markdown_lines(text: str, lao_only: bool = True) -> Iterator[tuple[int, str, str, bool]]:
    """(line number, visible text, visible text without reference labels, is a table row) of Markdown.

    With ``lao_only`` only lines with Lao letters or a Latin unit are given (the Lao pages' lines)."""
    lines = text.splitlines()
    code = fenced(lines)
    options = False
    for number, raw in enumerate(lines, 1):
        if code[number - 1]:
            continue
        if raw.startswith(":::"):
            options = True
            continue
        if options and (raw.startswith("    ") or not raw.strip()):
            continue
        options = False
        if lao_only and not LAO.search(raw) and not re.search(r"\b(kg|lb|US\$)", raw):
            continue
        visible = _visible(raw)
        prose = _visible(_REF_LINK.sub(" ", raw))
        yield number, visible, prose, raw.lstrip().startswith("|")


def _rel(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def page_sources(docs: Path = DOCS) -> list[Source]:
    """Every Lao page, with its English page."""
    sources = []
    for path in sorted(docs.rglob(f"*.{LO}.md")):
        if "data" in path.relative_to(docs).parts:
            continue
        source = Source(_rel(path), "page", english=path.with_name(path.name.replace(f".{LO}.md", f".{EN}.md")))
        for number, visible, prose, table in markdown_lines(path.read_text(encoding="utf-8")):
            source.lines.append(Line(number, visible, prose, table))
        sources.append(source)
    return sources


def _yaml_entries(path: Path) -> list[tuple[dict, dict[str, int]]]:
    """The entries of a YAML list of mappings, each with the line of each of its keys' values."""
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text) or []
    node = yaml.compose(text)
    out = []
    for entry, item in zip(data, node.value if node is not None else [], strict=False):
        lines = {key.value: value.start_mark.line + 1 for key, value in item.value}
        out.append((entry, lines))
    return out


@cache
def glossary(path: Path = DOCS / "data" / "glossary.yml") -> tuple[dict, ...]:
    return tuple(entry for entry, _ in _yaml_entries(path))


def glossary_sources(path: Path = DOCS / "data" / "glossary.yml") -> list[Source]:
    """One source per glossary entry: its Lao term and its Lao definition."""
    sources = []
    for entry, lines in _yaml_entries(path):
        source = Source(_rel(path), "glossary")
        for key in (LO, f"def_{LO}"):
            if entry.get(key):
                owner = entry["id"] if key == f"def_{LO}" else None
                source.lines.append(Line(lines[key], str(entry[key]), owner=owner))
        sources.append(source)
    return sources


def reference_sources(path: Path = DOCS / "data" / "references.yml") -> list[Source]:
    """The references page: every short_lo and supports_lo, in the page's order."""
    source = Source(_rel(path), "references")
    for entry, lines in _yaml_entries(path):
        for key in ("short_lo", "supports_lo"):
            if entry.get(key):
                source.lines.append(Line(lines[key], str(entry[key])))
    return [source]


def handout_sources(docs: Path = DOCS) -> list[Source]:
    """The printed group kits and blank forms (docs/data/kits, docs/data/forms): every Lao text, each its own unit."""
    sources: list[Source] = []
    for folder in ("kits", "forms"):
        for path in sorted((docs / "data" / folder).glob("*.yml")):
            node = yaml.compose(path.read_text(encoding="utf-8"))
            sources.extend(Source(_rel(path), "ui", [Line(number, value)]) for number, value in _lao_scalars(node))
    return sources


_THEME_STRING = re.compile(r'"([\w.]+)"\s*:\s*"((?:[^"\\]|\\.)*)"')


def ui_sources(root: Path = ROOT) -> list[Source]:
    """Interface strings, each its own unit: the Lao theme, the Lao block of mkdocs.yml, Lao literals in Python."""
    sources = []
    theme = root / "overrides" / "partials" / "languages" / "lo.html"
    for number, raw in enumerate(theme.read_text(encoding="utf-8").splitlines(), 1):
        for match in _THEME_STRING.finditer(raw):
            if LAO.search(match.group(2)):
                sources.append(Source(_rel(theme), "ui", [Line(number, match.group(2))]))
    config = root / "mkdocs.yml"
    for number, value in _mkdocs_lao(config):
        sources.append(Source(_rel(config), "ui", [Line(number, value)]))
    for folder in ("coopsite", "hooks"):
        for path in sorted((root / folder).glob("*.py")):
            if path.name == "lao_style.py":  # word lists and the rules themselves
                continue
            with path.open(encoding="utf-8") as handle:
                for token in tokenize.generate_tokens(handle.readline):
                    if token.type == tokenize.STRING and LAO.search(token.string):
                        sources.append(Source(_rel(path), "ui", [Line(token.start[0], _visible(token.string))]))
    return sources


def _mkdocs_lao(path: Path) -> Iterator[tuple[int, str]]:
    """Lao values of mkdocs.yml (site name, description, copyright, menu) with their lines."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !ENV, !!python/name
    yield from _lao_scalars(yaml.compose(path.read_text(encoding="utf-8"), Loader=Loader))


def _lao_scalars(node) -> Iterator[tuple[int, str]]:
    """Every string with Lao letters in a composed YAML document, with its line."""
    if isinstance(node, yaml.ScalarNode):
        if isinstance(node.value, str) and LAO.search(node.value):
            yield node.start_mark.line + 1, node.value
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _lao_scalars(item)
    elif isinstance(node, yaml.MappingNode):
        for _key, value in node.value:
            yield from _lao_scalars(value)


_SENTENCE = re.compile(r"[.!?…]\s*$|[.!?]\s+\S")


def is_label(msgid: str) -> bool:
    """A message that is a label, not a sentence: a form field, a unit, a table or chart heading, an option.

    CONTENT.md §8.3 allows short Latin units (kg, lb, US$) "inside tables and form labels". In the
    catalog a message counts as such a label when its English text is one short phrase: at most
    12 words and no sentence in it (it does not end with . ! ? … and has no ". " inside). Every
    other message is a sentence a learner reads (help, feedback, questions, hints, answers).
    """
    text = re.sub(r"\{[^}]*\}", "x", msgid).strip()
    return not _SENTENCE.search(text) and len(text.split()) <= 12


#: The Lao catalogs: the exercises' words and the site's (coopsite/words.py).
CATALOGS = (ROOT / "exercises" / "locale" / LO / "LC_MESSAGES", ROOT / "coopsite" / "locale" / LO / "LC_MESSAGES")


def catalog_sources(locales: tuple[Path, ...] = CATALOGS) -> list[Source]:
    """One source per translated message of every Lao catalog."""
    from babel.messages.pofile import read_po

    sources = []
    for path in sorted(p for locale in locales for p in locale.glob("*.po")):
        with path.open("rb") as handle:
            catalog = read_po(handle)
        for message in catalog:
            if not message.id:
                continue
            ids = message.id if isinstance(message.id, (list, tuple)) else [message.id]
            strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
            for msgid, msgstr in zip(ids * len(strings), strings, strict=False):
                if msgstr:
                    label = is_label(msgid)
                    sources.append(
                        Source(_rel(path), "catalog", [Line(message.lineno or 0, msgstr, table=label)], msgid=msgid)
                    )
    return sources


# ---- Words --------------------------------------------------------------------------------------

LAO_RUN = re.compile(r"[\u0E80-\u0EFF]+")

#: Words to keep whole besides the glossary's: names and places of the case story, loanwords the
#: exercises use, and proper names ICU cuts in pieces (ຣວັນດາ → ຣ|ວັນ|ດາ) that must not look like a
#: name of the story.
EXTRA_WORDS = (
    "ບຸນມີ", "ນ້ອຍ", "ຄຳລາ", "ວັນ", "ແສງດາວ", "ເພັດ", "ທອງດີ", "ສິດ", "ມະນີວັນ",
    "ພູແກ້ວ", "ນ້ຳໃສ", "ໂຄກໄມ້", "ປາກເຊ", "ປາກຊ່ອງ", "ບໍລະເວນ", "ຈຳປາສັກ",
    "ໄພທອນ", "ໂປຣແກຣມ", "ກິໂລ", "ກິໂລກຣາມ", "ຄອນເທນເນີ", "ເປີເຊັນ", "ໂດລາ", "ຣວັນດາ",
)  # fmt: skip


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    """Every word to keep whole: each Lao part of a glossary term, and EXTRA_WORDS."""
    from .content import glossary

    found = set(EXTRA_WORDS)
    for entry in glossary():
        found.update(part for part in str(entry[LO]).split() if LAO_RUN.fullmatch(part))
    return frozenset(found)


def join_terms(pieces: list[str], known: frozenset[str]) -> list[str]:
    """Join consecutive pieces that spell a known word, longest match first, left to right."""
    longest = max((len(term) for term in known), default=1)
    out = []
    i = 0
    while i < len(pieces):
        taken, text, joined = 1, pieces[i], pieces[i]
        for j in range(i + 1, len(pieces)):
            joined += pieces[j]
            if len(joined) > longest:
                break
            if joined in known:
                taken, text = j - i + 1, joined
        out.append(text)
        i += taken
    return out


@lru_cache(maxsize=65536)
def _run_words(run: str) -> tuple[str, ...]:
    """The words of a run of Lao letters: ICU's dictionary breaks (icu4py, as in Chromium), then
    the course's own words joined back."""
    from icu4py.breakers import WordBreaker
    from icu4py.locale import Locale

    pieces = [piece for piece in WordBreaker(run, Locale(LO)) if piece]
    return tuple(join_terms(pieces, _known()))


@dataclass(frozen=True)
class Word:
    text: str
    start: int
    end: int
    attached: bool  # no space or punctuation between this word and the one before (markup ignored)


def words_of(text: str) -> list[Word]:
    """The Lao words of ``text`` with their places; ``attached`` tells whether a word follows the last directly."""
    out: list[Word] = []
    last_end = None
    for match in LAO_RUN.finditer(text):
        position = match.start()
        for index, piece in enumerate(_run_words(match.group(0))):
            attached = index > 0 or (last_end is not None and not text[last_end:position].strip("*_~"))
            out.append(Word(piece, position, position + len(piece), attached))
            position += len(piece)
        last_end = match.end()
    return out


# ---- Rules on single lines ------------------------------------------------------------------------

#: Wrong spelling → right spelling (CONTENT.md §8.2). Matched anywhere in Lao text.
SPELLING = {
    "ຍຸດຕິທຳ": "ຍຸຕິທຳ",
    "ປະຫຍັດ": "ປະຢັດ",
    "ຊຶ່ງ": "ເຊິ່ງ",
    "\u0ecd\u0eb2": "\u0eb3",  # ໍ + າ typed as two signs: the one sign ຳ (search finds only that)
}

LIGATURES = {"ຫລ": "ຫຼ", "ຫນ": "ໜ", "ຫມ": "ໝ"}

#: Words for the state or politics, not for a co-op's own affairs (CONTENT.md §8.1, §8.4), and other
#: fixed forms of §8.4 that are not glossary terms. The glossary's ``avoid_lo`` lists add to these.
AVOID = {
    "ເອກະລາດ": "ບໍ່ຂຶ້ນກັບໃຜ (principle 4: ການຄຸ້ມຄອງຕົນເອງ ແລະ ບໍ່ຂຶ້ນກັບໃຜ)",
    "ການປົກຄອງ": "ການບໍລິຫານ",
    "ການກໍ່ຕັ້ງແນວຄິດ": "ການລິເລີ່ມ",
}
#: "Right: …" as feedback is ຖືກແລ້ວ: (§8.4), where ຖືກຕ້ອງ: starts a text or a sentence.
_RIGHT = re.compile(r"(?:^|(?<=[\s>“(]))ຖືກຕ້ອງ\s*:")
_QUOTE_SPAN = re.compile(r"“[^”]*”")

#: "also/then" written without its tone mark, as ICU cuts it: the word ກໍ, or a compound with it.
_KO_COMPOUNDS = ("ກໍຕາມ", "ກໍຄື", "ກໍດີ", "ກໍໄດ້", "ກໍເລີຍ", "ກໍແມ່ນ", "ກໍຍັງ", "ກໍຈະ", "ກໍເປັນ")


def _lao_context(text: str, start: int, end: int, width: int = 12) -> str:
    return text[max(0, start - width) : end + width].strip()


def line_findings(source: Source, glossary_avoid: dict[str, tuple[str, str]]) -> Iterator[Finding]:
    """The rules that look at one line at a time: thai, ligature, spelling, avoid, units."""
    avoid = _avoid_pattern(tuple(sorted(glossary_avoid.items())))
    exempt_page = source.kind == "page" and source.path.replace("\\", "/").endswith(f"docs/glossary.{LO}.md")
    for line in source.lines:
        text = line.text
        where = (source.path, line.number)
        for match in THAI.finditer(text):
            yield Finding("thai", *where, match.group(0), _thai_to_lao(match.group(0)) + " (Lao letters, U+0E80–0EFF)")
        for bad, good in LIGATURES.items():
            for match in re.finditer(bad, text):
                word = _word_at(text, match.start())
                yield Finding("ligature", *where, word, word.replace(bad, good))
        for bad, good in SPELLING.items():
            for match in re.finditer(bad, text):
                word = _word_at(text, match.start())
                yield Finding("spelling", *where, word, word.replace(bad, good))
        yield from _ko_bo(text, where)
        if not exempt_page:
            for match in avoid.finditer(text):
                form = re.sub(r"\s+", " ", match.group(0))
                owner, use = glossary_avoid.get(form, (None, AVOID.get(form, "")))
                if owner is not None and owner == line.owner:
                    continue  # a glossary definition may name its own avoided forms
                if owner is None and form in AVOID and line.owner and _owner_avoids(line.owner, form):
                    continue
                yield Finding("avoid", *where, _lao_context(text, match.start(), match.end()), f"{use} (not {form})")
            for match in _RIGHT.finditer(text):
                yield Finding(
                    "avoid",
                    *where,
                    _lao_context(text, match.start(), match.end()),
                    "ຖືກແລ້ວ: (feedback for a right answer, not ຖືກຕ້ອງ:)",
                )
        if not line.table:
            quoted = [m.span() for m in _QUOTE_SPAN.finditer(text)]
            for match in re.finditer(r"(?<![A-Za-z])(kgs?|lbs?|Kg|KG|US\s?\$)(?![A-Za-z])", text):
                if any(a < match.start() < b for a, b in quoted):
                    continue  # the symbol named, not used: “kg”
                unit = match.group(1)
                use = "ກິໂລ" if unit.lower().startswith("kg") else "ປອນ" if unit.lower().startswith("lb") else "ໂດລາ"
                yield Finding(
                    "units",
                    *where,
                    _lao_context(text, match.start(), match.end()),
                    f"{use} in a sentence (short Latin units only in tables and form labels)",
                )


def _owner_avoids(owner: str, form: str) -> bool:
    return any(e["id"] == owner and form in (e.get("avoid_lo") or []) for e in glossary())


@lru_cache(maxsize=8)
def _avoid_pattern(glossary_avoid: tuple[tuple[str, tuple[str, str]], ...]) -> re.Pattern:
    forms = set(AVOID) | {form for form, _ in glossary_avoid}
    ordered = sorted(forms, key=len, reverse=True)  # the longest form wins where forms overlap
    return re.compile("|".join(r"\s+".join(map(re.escape, form.split())) for form in ordered))


def glossary_avoid_forms(entries: Iterable[dict]) -> dict[str, tuple[str, str]]:
    """Every avoid_lo form → (the entry's id, the form to use)."""
    forms = {}
    for entry in entries:
        for form in entry.get("avoid_lo") or []:
            forms[re.sub(r"\s+", " ", str(form).strip())] = (entry["id"], f"{entry['lo']} (glossary: {entry['id']})")
    return forms


def _word_at(text: str, index: int) -> str:
    for word in words_of(text):
        if word.start <= index < word.end:
            # a wrong spelling may straddle ICU's break: show the run around it
            run = LAO_RUN.search(text, max(0, word.start - 8))
            return (
                text[max(word.start - 4, 0) : word.end + 6].strip()
                if run is None
                else _clip(text, word.start, word.end)
            )
    return text[max(0, index - 6) : index + 10].strip()


def _clip(text: str, start: int, end: int) -> str:
    run = next(m for m in LAO_RUN.finditer(text) if m.start() <= start < m.end())
    return text[max(run.start(), start - 6) : min(run.end(), end + 6)]


def _thai_to_lao(text: str) -> str:
    out = []
    for char in text:
        lao = chr(ord(char) + 0x80)
        out.append(lao if unicodedata.name(lao, "").startswith("LAO") else "?")
    return "".join(out)


def _ko_bo(text: str, where: tuple[str, int]) -> Iterator[Finding]:
    found = words_of(text)
    for index, word in enumerate(found):
        nxt = found[index + 1] if index + 1 < len(found) else None
        if word.text == "ກໍ" or word.text in _KO_COMPOUNDS:
            yield Finding(
                "spelling",
                *where,
                _lao_context(text, word.start, word.end),
                word.text.replace("ກໍ", "ກໍ່", 1) + " (“also/then” is ກໍ່)",
            )
        elif word.text == "ບໍ" and nxt is not None and nxt.attached:
            yield Finding(
                "spelling",
                *where,
                _lao_context(text, word.start, nxt.end),
                "ບໍ່" + nxt.text + " (“not” is ບໍ່; the question word ບໍ ends the question)",
            )
        elif word.text.endswith("ບໍ່") and re.match(r"\s*[?？]", text[word.end :]):
            before = found[index - 1].text if index else ""
            if word.text in ("ຫຼືບໍ່",) or (word.text == "ບໍ່" and before == "ຫຼື"):
                continue  # "… or not?" is right
            stem = word.text[:-3] or before
            yield Finding(
                "spelling",
                *where,
                _lao_context(text, word.start, word.end + 1),
                stem + "ບໍ? (the question word is ບໍ; ບໍ່ is “not”)",
            )


# ---- Names of the story ---------------------------------------------------------------------------

#: The people of the story (CONTENT.md §4) → their title.
PEOPLE = {
    "ບຸນມີ": "ທ້າວ",
    "ນ້ອຍ": "ນາງ",
    "ຄຳລາ": "ທ້າວ",
    "ວັນ": "ນາງ",
    "ແສງດາວ": "ທ້າວ",
    "ເພັດ": "ນາງ",
    "ທອງດີ": "ທ້າວ",
    "ສິດ": "ທ້າວ",
    "ມະນີວັນ": "ນາງ",
}
TITLES = ("ທ້າວ", "ນາງ")

#: Names that are also everyday words, and the words before or after them that make them that word.
COMMON = {
    "ນ້ອຍ": {  # small
        "after": {"ກວ່າ", "ລົງ", "ໆ", "ທີ່ສຸດ", "ຫຼາຍ", "ເກີນໄປ", "ໄປ", "ໜ້ອຍ", "ນ້ອຍ"},
        "before_not_person": {"ແລະ", "ຫຼື", "ໃຫ້", "ຈາກ"},
    },
    "ວັນ": {  # day
        "after": {
            "ທີ",
            "ນີ້",
            "ນັ້ນ",
            "ໜຶ່ງ",
            "ລະ",
            "ເວລາ",
            "ພັກ",
            "ເກີດ",
            "ຈັນ",
            "ອັງຄານ",
            "ພຸດ",
            "ພະຫັດ",
            "ສຸກ",
            "ເສົາ",
            "ອາທິດ",
            "ສຸດທ້າຍ",
            "ທຳອິດ",
            "ຕໍ່ມາ",
            "ກ່ອນ",
            "ຫຼັງ",
            "ດຽວ",
        },
        "before_not_person": {"ທຸກ", "ບາງ", "ແຕ່ລະ", "ໃນ", "ຫຼາຍ", "ສອງ", "ສາມ", "ຈຳນວນ"},
    },
    "ສິດ": {  # right (to vote …)
        "after": {
            "ທິ",
            "ອອກສຽງ",
            "ເທົ່າທຽມ",
            "ເລືອກ",
            "ແລະ",
            "ຂອງ",
            "ໃນ",
            "ໄດ້",
            "ຮັບ",
            "ເປັນ",
            "ຕັດສິນ",
            "ໃຊ້",
            "ສະມັກ",
            "ເຂົ້າ",
            "ຖື",
            "ຂາຍ",
            "ຊື້",
            "ກວດ",
            "ຮູ້",
            "ຂໍ",
            "ພິເສດ",
            "ນຳໃຊ້",
        },
        "before_not_person": {
            "ມີ",
            "ໃຫ້",
            "ໃຊ້",
            "ເສຍ",
            "ບໍ່ມີ",
            "ຕາມ",
            "ແລະ",
            "ເຊິ່ງ",
            "ຫຼື",
            "ທີ່",
            "ການ",
            "ໄດ້",
            "ລູກ",
            "ຂໍ",
            "ຮັບ",
            "ເທົ່າ",
        },
    },
    "ເພັດ": {  # diamond
        "after": {"ພອຍ", "ນິນ"},
        "before_not_person": {"ແກ້ວ", "ຫີນ"},
    },
}

#: Words right before a bare name that make it a person: "ຂອງນ້ອຍ" (Mrs Noy's), "ກັບວັນ", "ພໍ່ຄ້າສິດ".
PERSON_BEFORE = {
    "ຂອງ",
    "ກັບ",
    "ຈາກ",
    "ໂດຍ",
    "ໃຫ້",
    "ແລະ",
    "ຫຼື",
    "ວ່າ",
    "ເຊັ່ນ",
    "ຄື",
    "ພໍ່ຄ້າ",
    "ແມ່ຄ້າ",
    "ຖາມ",
    "ບອກ",
    "ແມ່ນ",
    "ສ່ວນ",
    "ເອີ້ນ",
    "ຂອບໃຈ",
    "ຊ່ວຍ",
    "ເພື່ອນ",
}


def name_findings(source: Source) -> Iterator[Finding]:
    """People of the story without their title (or with the wrong one)."""
    for line in source.lines:
        found = words_of(line.text)
        for index, word in enumerate(found):
            title = PEOPLE.get(word.text)
            if title is None:
                continue
            before = found[index - 1] if index else None
            after = found[index + 1] if index + 1 < len(found) else None
            if before is not None and before.text in TITLES:
                if before.text != title:
                    yield Finding(
                        "name",
                        source.path,
                        line.number,
                        f"{before.text} {word.text}",
                        f"{title} {word.text} (CONTENT.md §4)",
                    )
                continue
            if word.text in COMMON and not _is_person(word, before, after, found, index, line.text):
                continue
            yield Finding(
                "name",
                source.path,
                line.number,
                _lao_context(line.text, word.start, word.end),
                f"{title} {word.text} (names always with ທ້າວ/ນາງ)",
            )


def _is_person(word: Word, before: Word | None, after: Word | None, found: list[Word], index: int, text: str) -> bool:
    """Whether a bare ນ້ອຍ, ວັນ, ສິດ or ເພັດ is the person, not the everyday word."""
    rules = COMMON[word.text]
    if after is not None and after.attached and after.text in rules["after"]:
        return False
    # next to another person of the story ("ນາງ ນ້ອຍ ແລະ ວັນ", "ບຸນມີ, ນ້ອຍ"): a list of people
    if _near_person(found, index, text):
        return True
    if before is not None and word.attached:
        if before.text in rules["before_not_person"]:
            return False
        return before.text in PERSON_BEFORE
    # "ໃຫຍ່ ແລະ ນ້ອຍ": a list of people was ruled out above; the first word of a clause: an adjective
    # never starts one (it follows its noun), a name does
    return before is None or before.text not in ("ແລະ", "ຫຼື")


def _near_person(found: list[Word], index: int, text: str) -> bool:
    """Another person of the story next to this word, joined only by spaces, commas, ແລະ, ຫຼື or ກັບ."""
    skip = {"ແລະ", "ຫຼື", "ກັບ"} | set(TITLES)
    for step in (-1, 1):
        last, j = found[index], index + step
        while 0 <= j < len(found):
            other = found[j]
            gap = text[last.end : other.start] if step > 0 else text[other.end : last.start]
            if not re.fullmatch(r"[\s,*_]*", gap):
                break
            if other.text in skip:
                last, j = other, j + step
                continue
            if other.text in PEOPLE:
                return other.text not in COMMON or (j > 0 and found[j - 1].text in TITLES)
            break
    return False


# ---- Acronyms -------------------------------------------------------------------------------------


def acronym_findings(source: Source, entries: Iterable[dict]) -> Iterator[Finding]:
    """Each glossary acronym is spelled out (the entry's ``lo``) before or right with its first use."""
    offsets, parts, total = [], [], 0
    for line in source.lines:
        offsets.append((total, line.number))
        parts.append(line.prose)
        total += len(line.prose) + 1
    text = "\n".join(parts)
    for entry in entries:
        abbr = entry.get("abbr")
        if not abbr:
            continue
        first = re.search(rf"(?<![\w.-]){re.escape(abbr)}(?![\w-])", text)
        if not first:
            continue
        long = re.compile(r"\s*".join(map(re.escape, str(entry[LO]).replace(" ", ""))))
        spelled = long.search(text)
        if spelled and spelled.start() <= first.end() + 3:
            continue
        number = max(n for offset, n in offsets if offset <= first.start())
        yield Finding(
            "acronym",
            source.path,
            number,
            _lao_context(text, first.start(), first.end(), 20),
            f"{entry['lo']} ({abbr}) at its first use on the page",
        )


# ---- One Lao form per glossary term ---------------------------------------------------------------

#: Glossary entries left out of the ``term`` rule: their English word has an everyday meaning the
#: English pages also use, so the Lao page rightly says something else there.
TERM_EXEMPT = {
    "minutes": "“90 minutes” (time), not the minutes of a meeting",
    "share": "“share” the verb (share ideas, share the work), not a co-op share",
    "run": "“run” a session or a business, not the Run button",
    "lot": "“a lot of”, not a lot of coffee",
    "interest": "“conflict of interest”, “interested”, not interest on a loan",
    "cost": "“it costs” the verb, said with the verb ເສຍ / ໃຊ້ເງິນ in Lao",
    "session": "“this session” is ບົດນີ້ in Lao, the short form of ບົດຮຽນນີ້",
    "pool": "“Sell alone or pool?” is the verb (pooling, ລວມກັນຂາຍ), not the pool of coffee itself",
    "sorting": "the sorting games (sorting cards), not sorting coffee",
    "bag": "“a box or a bag” for ballots, not the coffee sack",
    "case-study": "“in case”, “the case of”, not a case study",
}
#: English phrases that contain a glossary word but are another idea.
NOT_TERMS = ("conflict of interest",)
#: A Lao noun phrase may drop its head noun after a word that already says it: ໝາກກາເຟອາຣາບິກາ
#: (arabica cherry) has ອາຣາບິກາ, ການປະຊຸມ → ປະຊຸມ as a verb.
_HEADS = ("ການ", "ຄວາມ", "ກາເຟ")


def _lao_variants(lo: str) -> list[re.Pattern]:
    forms = {lo}
    for head in _HEADS:
        if lo.startswith(head) and len(lo) > len(head) + 2:
            forms.add(lo[len(head) :])
    return [re.compile(r"\s*".join(map(re.escape, form.replace(" ", "")))) for form in forms]


def _english_forms(entry: dict) -> list[str]:
    """``en`` and the ``also_en`` forms of more than one word (single synonyms such as “box” for a
    container or “fine” for a penalty are everyday English words far more often than the term)."""
    return [str(entry[EN])] + [str(f) for f in entry.get("also_en") or [] if " " in str(f).strip()]


@lru_cache(maxsize=4)
def _english_terms(entries: tuple[tuple[str, tuple[str, ...]], ...]) -> re.Pattern:
    """Every English form of every entry, the longest first, so "role play" is not "role"."""
    forms = sorted({f for _, fs in entries for f in fs}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])", re.I)


def term_findings(source: Source, entries: Iterable[dict]) -> Iterator[Finding]:
    """A Lao page misses the glossary ``lo`` of a term its English page uses (in its visible text)."""
    if source.english is None or not source.english.exists():
        return
    entries = list(entries)
    owners: dict[str, dict] = {}
    for entry in entries:
        for form in _english_forms(entry):
            owners.setdefault(form.casefold(), entry)
    pattern = _english_terms((*tuple((e["id"], tuple(_english_forms(e))) for e in entries), ("", NOT_TERMS)))
    first: dict[str, tuple[int, str]] = {}
    for number, _, prose, _ in markdown_lines(source.english.read_text(encoding="utf-8"), lao_only=False):
        for match in pattern.finditer(prose):
            owner = owners.get(match.group(0).casefold())
            if owner is not None:
                first.setdefault(owner["id"], (number, match.group(0)))
    lao = "\n".join(line.text for line in source.lines)
    for entry in entries:
        if entry["id"] not in first or entry["id"] in TERM_EXEMPT:
            continue
        if any(variant.search(lao) for variant in _lao_variants(str(entry[LO]))):
            continue
        number, said = first[entry["id"]]
        yield Finding(
            "term",
            source.path,
            1,
            f"{_rel(source.english)}:{number} says “{said}”",
            f"{entry['lo']} (glossary: {entry['id']})",
        )


# ---- Buttons --------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def button_labels() -> dict[str, tuple[str, str]]:
    """Every button the site draws: English label → (Lao label, Lao label in the catalog today).

    Read from the HTML the build writes (every exercise, the progress box, the edition bar) and the
    words the page script puts on buttons it makes (``retry``), and the edition bar's PDF links
    (``download_pdf``, links that look like buttons). The Lao label is the glossary's
    ``lo`` where the glossary has the button's word (Run → ຄິດໄລ່), else the catalog's translation.
    """
    from exercises import EXERCISES
    from exercises.api import widget
    from exercises.core.i18n import translator
    from exercises.core.render import progress_box

    from .editions import decorate
    from .words import UI, site, ui_strings

    html = "".join(widget(name, EN) for name in EXERCISES.names())
    html += str(progress_box(ui_strings(EN))) + decorate("", EN, "key-concepts/index", "", ui_strings(EN), False)
    english = {m.group(1).strip() for m in re.finditer(r"<button[^>]*>([^<]+)</button>", html)}
    english |= {m.group(1).strip() for m in re.finditer(r'class="cx-import"><span>([^<]+)</span>', html)}
    english |= {UI["retry"], UI["download_pdf"]}  # drawn by the page script; the PDF links of the edition bar
    exercise_words, site_words = translator(LO), site(LO)
    by_word = {}
    for entry in glossary():
        for form in [entry[EN], *list(entry.get("also_en") or [])]:
            by_word[str(form).casefold()] = entry[LO]
    labels = {}
    for label in sorted(english):
        current = site_words(label) if site_words(label) != label else exercise_words(label)
        labels[label] = (by_word.get(label.casefold(), current), current)
    return labels


_QUOTED = re.compile(r"“([^”\n]{1,60})”")
_PRESS = ("ກົດ", "ປຸ່ມ")


def button_findings(source: Source, labels: dict[str, tuple[str, str]]) -> Iterator[Finding]:
    """A quoted name that is a button (after ກົດ/ປຸ່ມ, an old label, or close to a label) is its label."""
    expected = {lao for lao, _ in labels.values()}
    outdated = {current: lao for lao, current in labels.values() if current != lao}
    for line in source.lines:
        for match in _QUOTED.finditer(line.text):
            name = match.group(1).strip()
            if name in expected or not LAO.search(name):
                continue
            before = [w.text for w in words_of(line.text[: match.start()])][-2:]
            closest = difflib.get_close_matches(name, sorted(expected), n=1, cutoff=0.0)
            if name in outdated:
                use = outdated[name]
            elif any(w.endswith(_PRESS) or w in _PRESS for w in before):
                use = closest[0] if closest else "the button's label"
            else:
                near = difflib.get_close_matches(name, sorted(expected), n=1, cutoff=0.75)
                if not near:
                    continue  # a quotation, not a button
                use = near[0]
            yield Finding("button", source.path, line.number, f"“{name}”", f"“{use}” (the button's label)")
    if source.kind == "catalog":
        for english, (lao, _) in labels.items():
            if f"“{english}”" in source.msgid and f"“{lao}”" not in source.lines[0].text:
                yield Finding(
                    "button",
                    source.path,
                    source.lines[0].number,
                    source.lines[0].text[:60],
                    f"“{lao}” (the message quotes the button “{english}”)",
                )


# ---- Spacing and commas ---------------------------------------------------------------------------

#: Pages with fewer Lao words than this are too short for their ratios to mean anything.
SPACING_MIN_WORDS = 250
#: How far from the median, in scaled MADs (1.4826 × the median absolute deviation, about one
#: standard deviation for normal data), a page may be before it is flagged ...
SPACING_K = 4.0
#: ... but words per phrase never closer to the median than this share of it: the pages are written
#: alike, so their MAD is small, and a page of short list items reads fine with shorter phrases.
SPACING_FLOOR = 0.35
#: ... and commas never closer to the median than this many per 1,000 words: most pages have no
#: comma at all (median and MAD 0), and a long list may keep its commas ("A, B ແລະ C", §8.2).
COMMA_FLOOR = 25.0
#: Chunks that are not counted as phrases: §8.2 sets ແລະ and ຫຼື between spaces ("A ແລະ B").
CONJUNCTIONS = ("ແລະ", "ຫຼື")


@dataclass(frozen=True)
class PageStats:
    path: str
    words: int  # ICU words in the phrases
    phrases: int  # runs of Lao text between spaces, digits or punctuation (not ແລະ / ຫຼື)
    commas: int  # commas next to Lao text (not the ones in 2,500)

    @property
    def words_per_space(self) -> float:
        return self.words / max(self.phrases, 1)

    @property
    def commas_per_1000(self) -> float:
        return 1000 * self.commas / max(self.words, 1)


_PHRASE = re.compile(r"[\u0E80-\u0EFF]+(?:[*_~]+[\u0E80-\u0EFF]+)*")
_LAO_COMMA = re.compile(r"(?<=[\u0E80-\u0EFF)*_]),|(?<=[\u0E80-\u0EFF)*_])\s,|,(?=\s*[\u0E80-\u0EFF*_])")


def page_stats(source: Source) -> PageStats:
    """Words per phrase and commas of a page's running text (table rows left out)."""
    text = " ".join(line.text for line in source.lines if not line.table)
    phrases = [re.sub(r"[*_~]", "", m.group(0)) for m in _PHRASE.finditer(text)]
    phrases = [p for p in phrases if p not in CONJUNCTIONS]
    words = sum(len(_run_words(p)) for p in phrases)
    commas = len([m for m in _LAO_COMMA.finditer(text) if not re.match(r"\d", text[m.end() : m.end() + 1])])
    return PageStats(source.path, words, len(phrases), commas)


def _band(values: list[float], k: float, floor: float) -> tuple[float, float, float]:
    """(median, low, high): median ± max(k × scaled MAD, floor)."""
    median = statistics.median(values)
    mad = 1.4826 * statistics.median(abs(v - median) for v in values)
    reach = max(k * mad, floor)
    return median, median - reach, median + reach


def spacing_findings(sources: list[Source]) -> tuple[list[Finding], dict[str, tuple[float, float, float]]]:
    """Pages whose words per phrase are far from the others' (either way) or whose commas are far above."""
    stats = [page_stats(s) for s in sources if s.kind == "page"]
    stats = [s for s in stats if s.words >= SPACING_MIN_WORDS]
    if len(stats) < 5:
        return [], {}
    ratios = [s.words_per_space for s in stats]
    ratio = _band(ratios, SPACING_K, SPACING_FLOOR * statistics.median(ratios))
    commas = _band([s.commas_per_1000 for s in stats], SPACING_K, COMMA_FLOOR)
    findings = []
    for s in stats:
        if not ratio[1] <= s.words_per_space <= ratio[2]:
            way = "a space after almost every word" if s.words_per_space < ratio[1] else "long runs without a space"
            findings.append(
                Finding(
                    "spacing",
                    s.path,
                    1,
                    f"{s.words_per_space:.2f} words per phrase ({way})",
                    f"{ratio[1]:.2f}–{ratio[2]:.2f} like the other pages (median {ratio[0]:.2f}): "
                    "spaces between clauses, never between words",
                )
            )
        if s.commas_per_1000 > commas[2]:
            findings.append(
                Finding(
                    "spacing",
                    s.path,
                    1,
                    f"{s.commas} commas, {s.commas_per_1000:.0f} per 1,000 words",
                    f"at most {commas[2]:.0f} per 1,000 words like the other pages "
                    f"(median {commas[0]:.0f}): a space does the work of a comma",
                )
            )
    return findings, {"words_per_space": ratio, "commas_per_1000": commas}


# ---- Everything -----------------------------------------------------------------------------------

RULES = ("thai", "ligature", "spelling", "avoid", "units", "acronym", "name", "term", "button", "spacing")


def check(
    sources: Iterable[Source],
    rules: Iterable[str] = RULES,
    entries: Iterable[dict] | None = None,
    labels: dict[str, tuple[str, str]] | None = None,
) -> list[Finding]:
    """Every finding of ``rules`` in ``sources`` (the spacing rule compares the pages among themselves)."""
    rules = set(rules)
    entries = tuple(glossary() if entries is None else entries)
    sources = list(sources)
    avoid = glossary_avoid_forms(entries)
    findings: list[Finding] = []
    if "button" in rules and labels is None:
        labels = button_labels()
    for source in sources:
        for finding in line_findings(source, avoid):
            if finding.rule in rules:
                findings.append(finding)
        if "acronym" in rules and source.kind != "catalog":
            findings.extend(acronym_findings(source, entries))
        if "name" in rules:
            findings.extend(name_findings(source))
        if "term" in rules and source.kind == "page":
            findings.extend(term_findings(source, entries))
        if "button" in rules and labels is not None:
            findings.extend(button_findings(source, labels))
    if "spacing" in rules:
        findings.extend(spacing_findings(sources)[0])
    return findings
