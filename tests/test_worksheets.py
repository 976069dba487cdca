"""Worksheets at build time: their files, their words in both languages, their place on the pages, and the
messages an author gets for a mistake (coopsite/worksheets.py, ::: worksheet and ::: plan)."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from coopsite import directives, worksheets
from coopsite.editions import sessions

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import catalogs  # noqa: E402

LAO = re.compile(r"[\u0E80-\u0EFF]")


def test_the_course_has_the_eight_worksheets_of_the_plan():
    sheets = worksheets.worksheets()
    assert [s.number for s in sheets.values()] == list(range(1, 9))
    assert sheets["bylaws"].session == "establishment/e3-structure-bylaws"
    kinds = {f.kind for s in sheets.values() for f in s.fields} | {
        c.kind for s in sheets.values() for f in s.fields for c in f.columns
    }
    assert kinds == set(worksheets.KINDS)  # every kind of field is used somewhere
    calendar = next(f for f in sheets["implementation-plan"].fields if f.kind == "calendar")
    actions = next(f for f in sheets["implementation-plan"].fields if f.id == "actions")
    assert [c.id for c in actions.columns] == ["action", "who", "start", "end", "needed", "done-when"]
    assert set(calendar.harvest) <= set(range(1, 13))


@pytest.mark.parametrize("lang", ["en", "lo"])
@pytest.mark.parametrize("name", worksheets.names())
def test_each_worksheet_is_on_its_session_page(name, lang):
    page = ROOT / "docs" / f"{worksheets.worksheets()[name].session}.{lang}.md"
    assert f"\n::: worksheet {name}\n" in page.read_text(encoding="utf-8"), page


@pytest.mark.parametrize("name", worksheets.names())
def test_the_lao_worksheet_has_no_english_words_left(name):
    """Every label, option, heading and note of the Lao worksheet is Lao (the catalog has them all)."""
    page = worksheets.worksheet_html(name, "lo")
    texts = re.findall(r"<(?:label|legend|th|p|h2|span|option)\b[^>]*>([^<]+)<", page)
    english = [t for t in texts if re.search(r"[A-Za-z]{3,}", t) and not LAO.search(t)]
    assert english == []


def test_the_plan_has_every_worksheet_and_every_session_box_with_unique_ids():
    page = worksheets.plan_html("lo")
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    for name in worksheets.names():
        assert f'data-ws="{name}"' in page
    slugs = [p.rsplit("/", 1)[-1] for pages in sessions().values() for p in pages]
    assert len(slugs) >= 20
    for slug in slugs:
        assert f'data-ws="decided-{slug}"' in page
    assert page.count('class="admonition facilitator ws-guidance"') == len(worksheets.names())


def test_text_is_escaped():
    page = worksheets.worksheet_html("core-group", "en")
    assert "<script" not in page.replace('<script type="application/json" class="ws-spec">', "")


def test_a_missing_lao_translation_fails_the_catalog_check(monkeypatch):
    extra = [*worksheets.messages(), ("A label nobody translated", "core-group.yml:3")]
    monkeypatch.setattr(worksheets, "messages", lambda: extra)
    found = [p for p in catalogs.problems() if "worksheets" in p]
    assert found == ["lo/worksheets: no translation for 'A label nobody translated' (worksheets/core-group.yml:3)"]


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A copy of the worksheet files to break, read instead of the real ones."""
    target = tmp_path / "worksheets"
    shutil.copytree(worksheets.FOLDER, target)
    monkeypatch.setattr(worksheets, "FOLDER", target)
    worksheets.worksheets.cache_clear()
    yield target
    worksheets.worksheets.cache_clear()


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            "    kind: longtext\n    label: The problems",
            "    kind: essay\n    label: The problems",
            r":\d+: .*kind 'essay': one of text",
        ),
        (
            "    param: cherry_kg",
            "    param: cherry_tonnes",
            r"feasibility.yml:\d+: .*weights-chain has no number 'cherry_tonnes'",
        ),
        ("    max: 80\n", "    max: lots\n", r"core-group.yml:\d+: .*'max' must be a whole number"),
        ("  - id: villages", "  - id: Villages!", r"core-group.yml:\d+: .*'id' must be lower-case"),
        (
            "    start: start\n",
            "    start: who\n",
            r"implementation-plan.yml:\d+: calendar calendar: 'start' names a month column",
        ),
        (
            "    label: Our villages\n",
            "    label: Our villages\n    colour: red\n",
            r"core-group.yml:\d+: .*unknown key 'colour'",
        ),
    ],
)
def test_a_mistake_in_a_worksheet_file_names_the_file_and_line(folder, old, new, message):
    name = next(p for p in folder.glob("*.yml") if old in p.read_text(encoding="utf-8"))
    text = name.read_text(encoding="utf-8")
    name.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(worksheets.WorksheetError, match=message) as error:
        worksheets.worksheets()
    line = int(re.search(r"\.yml:(\d+):", str(error.value)).group(1))
    changed = text.replace(old, new, 1).split("\n")
    assert abs(line - next(i for i, text in enumerate(changed, 1) if new.strip().split("\n")[0] in text)) <= 8


def test_a_broken_worksheet_file_stops_the_page_that_uses_it(folder):
    (folder / "core-group.yml").write_text("number: 1\ntitle: x\nsession: nowhere\nfields: []\n", encoding="utf-8")
    with pytest.raises(
        directives.DirectiveError, match=r"docs/x.en.md:3: '::: worksheet' cannot be built: .*core-group.yml:1: session"
    ):
        directives.expand("# T\n\n::: worksheet core-group\n", "docs/x.en.md", "en")


def test_an_unknown_worksheet_names_the_known_ones():
    with pytest.raises(
        directives.DirectiveError, match=r"x.en.md:2: unknown worksheet 'by-laws'; known: core-group, .*bylaws"
    ):
        directives.expand("\n::: worksheet by-laws\n", "x.en.md", "en")
    with pytest.raises(directives.DirectiveError, match="takes no argument"):
        directives.expand("::: plan everything\n", "x.en.md", "en")
