"""The course content: every session has its parts, in both languages; Lao pages are Lao; sources are cited."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from coopsite.directives import fenced

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
DATA = DOCS / "data"
AREAS = ("key-concepts", "conception", "establishment", "management")
SESSIONS = sorted(
    str(p.relative_to(DOCS)).rsplit(".", 2)[0]
    for area in AREAS
    for p in (DOCS / area).glob("*.en.md")
    if p.name != "index.en.md"
)
REQUIRED = [
    "objectives",
    "time",
    "materials",
    "roles",
    "steps",
    "activity",
    "key-messages",
    "discussion",
    "facilitator",
    "sources",
]
LAO = re.compile(r"[\u0E80-\u0EFF]")
GLOSSARY = yaml.safe_load((DATA / "glossary.yml").read_text(encoding="utf-8"))
REFERENCES = {ref["id"] for ref in yaml.safe_load((DATA / "references.yml").read_text(encoding="utf-8"))}


def read(page: str, lang: str) -> str:
    return (DOCS / f"{page}.{lang}.md").read_text(encoding="utf-8")


def h2_ids(text: str) -> list[str]:
    return re.findall(r"^## .*?\{\s*#([\w-]+)\s*\}\s*$", text, re.M)


def section(text: str, heading_id: str) -> str:
    match = re.search(rf"^## .*\{{\s*#{heading_id}\s*\}}\s*$(.*?)(?=^## |\Z)", text, re.M | re.S)
    return match.group(1) if match else ""


def test_there_are_at_least_twenty_sessions():
    assert len(SESSIONS) >= 20, SESSIONS


@pytest.mark.parametrize("lang", ["en", "lo"])
@pytest.mark.parametrize("page", SESSIONS)
def test_session_has_every_part(page, lang):
    text = read(page, lang)
    where = f"docs/{page}.{lang}.md"
    ids = h2_ids(text)
    order = [i for i in ids if i in REQUIRED or i.startswith("activity")]
    normalised = ["activity" if i.startswith("activity") else i for i in order]
    assert [i for i in REQUIRED if i in normalised] == REQUIRED, (
        f"{where}: missing parts {set(REQUIRED) - set(normalised)}"
    )
    assert sorted(normalised, key=REQUIRED.index) == normalised, f"{where}: parts out of order: {normalised}"
    assert re.search(r"^!!! facilitator ", section(text, "facilitator"), re.M), f"{where}: no facilitator box"
    # Time: 60–90 minutes, a table of steps whose minutes add up to the total.
    time = section(text, "time")
    rows = []
    for row in time.splitlines():
        cells = [c.strip(" *") for c in row.strip().strip("|").split("|")] if row.startswith("|") else []
        if len(cells) >= 2 and cells[-1].isdigit():
            rows.append((cells[0], int(cells[-1])))
    is_total = lambda label: re.fullmatch(r"(?i)total|ລວມ(ທັງໝົດ)?", label.strip())  # noqa: E731
    total_rows = [m for label, m in rows if is_total(label)]
    step_minutes = [m for label, m in rows if not is_total(label)]
    total = total_rows[0] if total_rows else sum(step_minutes)
    assert 60 <= total <= 90, f"{where}: {total} minutes"
    assert sum(step_minutes) == total, f"{where}: steps add up to {sum(step_minutes)}, not {total}"
    # Steps: numbered, read aloud, each with its minutes.
    items = re.findall(r"^\d+\.\s+((?::coop-[a-z]+:\s+)*)\*\*(.+?)\*\*", section(text, "steps").split("\n###")[0], re.M)
    steps = [title for _, title in items]
    assert len(steps) >= 4, f"{where}: {len(steps)} numbered steps"
    # Each step starts with the icon(s) of what the group does (CONTENT.md §3), for members who read little.
    bare = [title for icons, title in items if not icons]
    assert not bare, f"{where}: steps without an icon (:coop-read: :coop-talk: …): {bare}"
    assert all(re.search(r"\(\d+\s*(min|ນາທີ)\)", s) for s in steps), f"{where}: every step says its minutes"
    assert re.search(r"\d+\.\s", section(text, "discussion")), f"{where}: discussion questions"
    assert len(section(text, next(i for i in ids if i.startswith("activity")))) > 300, f"{where}: activity too thin"


@pytest.mark.parametrize("page", SESSIONS)
def test_step_times_match_between_languages(page):
    minutes = lambda text: re.findall(r"\((\d+)\s*(?:min|ນາທີ)\)", section(text, "steps").split("\n###")[0])  # noqa: E731
    assert minutes(read(page, "en")) == minutes(read(page, "lo"))


# ---- Lao pages are in Lao -------------------------------------------------------------------------

_ALLOWED_LATIN = re.compile(
    r"\{[^}]*\}|`[^`]*`|\]\([^)]*\)|https?://\S+|\b(?:kg|lb|km|ha|US\$|ICA|ILO|CPC|JCFC|LCA|FOB|ICE|PM|GA|OK|A|B|C|D)\b"
)


def english_paragraphs(text: str) -> list[str]:
    """Paragraphs (and table rows) that read as English: 4+ Latin words and few Lao letters.

    A paragraph needs three Lao letters per Latin one. A table row is judged alone and needs as many
    Lao letters as Latin ones: rows name things that keep their Latin names (fonts, licences, programs).
    """
    found = []
    every_line = text.splitlines()
    blocks: list[list[str]] = [[]]  # the lines of each paragraph, without code, directives and admonition titles
    for line, code in zip(every_line, fenced(every_line), strict=True):
        if not line.strip():
            blocks.append([])
        elif not (code or line.startswith(":::") or re.match(r"\s*!!! \w+", line)):
            blocks[-1].append(line)
    for lines in blocks:
        rows = [line for line in lines if line.lstrip().startswith("|")]
        units = [(" ".join(line for line in lines if line not in rows), 3), *((row, 1) for row in rows)]
        for body, lao_per_latin in units:
            body = re.sub(r"\[([^\]]*)\]\((?:\.\./)?(?:about/)?references\.md#[^)]*\)", " ", body)
            body = _ALLOWED_LATIN.sub(" ", body)
            latin_words = re.findall(r"[A-Za-z][A-Za-z'’-]{2,}", body)
            lao_chars = len(LAO.findall(body))
            if len(latin_words) >= 4 and lao_chars < lao_per_latin * len("".join(latin_words)):
                found.append(body.strip()[:120])
    return found


@pytest.mark.parametrize("page", sorted(str(p.relative_to(DOCS))[: -len(".lo.md")] for p in DOCS.rglob("*.lo.md")))
def test_lao_page_has_no_english_paragraphs(page):
    leftovers = english_paragraphs(read(page, "lo"))
    assert not leftovers, f"docs/{page}.lo.md has English text:\n" + "\n".join(leftovers[:5])


def test_the_english_detector_works():
    assert english_paragraphs("This paragraph was never translated into Lao at all.\n")
    assert not english_paragraphs("ສະຫະກອນ ຈ່າຍ 2,500 ກີບ/kg ໃຫ້ ນ້ອຍ (Noy).\n")
    assert english_paragraphs("| ຫຍັງ | ໃບອະນຸຍາດ |\n|---|---|\n| Course text, pictures and data | CC BY-SA 4.0 |\n")
    assert not english_paragraphs("| ຕົວອັກສອນ Noto Sans ແລະ Noto Sans Lao | ໃບອະນຸຍາດຕົວອັກສອນແບບເປີດ ຂອງອົງການ SIL |\n")


# ---- Glossary -------------------------------------------------------------------------------------


def test_glossary_has_at_least_80_terms_in_both_languages():
    assert len(GLOSSARY) >= 80
    ids = [e["id"] for e in GLOSSARY]
    assert len(ids) == len(set(ids))
    for entry in GLOSSARY:
        for key in ("en", "lo", "def_en", "def_lo"):
            assert str(entry.get(key) or "").strip(), f"glossary {entry['id']}: no {key}"
        assert LAO.search(entry["lo"]) and LAO.search(entry["def_lo"]), f"glossary {entry['id']}: Lao fields not in Lao"
        assert not LAO.search(entry["en"] + entry["def_en"]), f"glossary {entry['id']}: Lao in English fields"
        for related in entry.get("related", []):
            assert related in ids, f"glossary {entry['id']}: related {related!r} does not exist"
    lao_forms = [e["lo"] for e in GLOSSARY]
    assert len(lao_forms) == len(set(lao_forms)), "two concepts share a Lao term"


# Terms whose English form is specific enough that a Lao page covering the same text must use the
# glossary's Lao form (words with other everyday meanings — "share", "minutes", "run" — are left out).
CONSISTENT = [
    "general-assembly",
    "supervisory-committee",
    "quorum",
    "by-laws",
    "advance-payment",
    "final-payment",
    "side-selling",
    "fairtrade-premium",
    "exchange-rate",
    "wet-mill",
    "parchment",
    "green-coffee",
    "cooperative",
    "member",
    "trader",
    "reserve",
    "surplus",
    "harvest-loan",
    "pooling",
]


@pytest.mark.parametrize("page", sorted(str(p.relative_to(DOCS))[: -len(".en.md")] for p in DOCS.rglob("*.en.md")))
def test_lao_pages_use_the_glossary_terms(page):
    by_id = {e["id"]: e for e in GLOSSARY}
    english, lao = read(page, "en").lower(), read(page, "lo")
    missing = []
    for term_id in CONSISTENT:
        entry = by_id.get(term_id)
        if not entry:
            continue
        forms = [entry["en"].lower()] + [f.lower() for f in entry.get("also_en", [])]
        if any(re.search(rf"\b{re.escape(form)}\b", english) for form in forms) and entry["lo"] not in lao:
            missing.append(f"{entry['en']} → {entry['lo']}")
    assert not missing, f"docs/{page}.lo.md does not use the glossary's Lao for: {missing}"


# ---- References -----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "lo"])
@pytest.mark.parametrize("page", SESSIONS + [f"{a}/index" for a in AREAS])
def test_page_links_the_references_it_uses(page, lang):
    text = read(page, lang)
    cited = set(re.findall(r"references\.md#ref-([\w-]+)", text))
    unknown = cited - REFERENCES
    assert not unknown, f"docs/{page}.{lang}.md cites unknown references: {unknown}"
    if page.endswith("/index"):
        return
    listed = set(re.findall(r"references\.md#ref-([\w-]+)", section(text, "sources")))
    assert listed, f"docs/{page}.{lang}.md: the Sources section lists no reference"
    assert cited <= listed, f"docs/{page}.{lang}.md: cited but not under Sources: {cited - listed}"
