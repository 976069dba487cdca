"""The Lao style guide's checkable rules (CONTENT.md §8, the ✔ rules), as fast tests without a browser.

Every Lao text a reader meets is checked: the Lao pages (``docs/**/*.lo.md``), the glossary (``lo``,
``def_lo``), the references (``short_lo``, ``supports_lo``), the interface strings (the Lao theme
``overrides/partials/languages/lo.html``, the Lao block of ``mkdocs.yml``, Lao string literals in
``coopsite/`` and ``hooks/``), the printed group kits and blank forms (``docs/data/kits``,
``docs/data/forms``) and both Lao catalogs, the exercises' and the site's (every ``msgstr``). A
failure names ``file:line``, the offending text and the form to use. The rules live in
``coopsite/lao_style.py``; its docstring says what each rule checks and what it leaves alone.

Each guard is proved able to fail: the ``*_detector`` tests at the end plant bad examples (and good
ones that must pass) for every rule.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from coopsite import lao_style as ls
from coopsite.lao_style import Line, Source

#: What the catalog is checked for: every rule except the ones about whole pages.
CATALOG_RULES = ("thai", "ligature", "spelling", "avoid", "units", "name", "button")


def _report(findings: list[ls.Finding], limit: int = 60) -> str:
    lines = [str(f) for f in findings[:limit]]
    if len(findings) > limit:
        lines.append(f"… and {len(findings) - limit} more")
    return f"{len(findings)} finding(s):\n" + "\n".join(lines)


@pytest.fixture(scope="module")
def site_findings() -> list[ls.Finding]:
    sources = (
        ls.page_sources() + ls.glossary_sources() + ls.reference_sources() + ls.ui_sources() + ls.handout_sources()
    )
    return ls.check(sources)


# ---- The rules over the course --------------------------------------------------------------------


@pytest.mark.parametrize("rule", ls.RULES)
def test_lao_texts_follow_the_style_guide(rule, site_findings):
    found = [f for f in site_findings if f.rule == rule]
    assert not found, f"CONTENT.md §8, rule {rule!r}: " + _report(found)


def test_every_lao_page_is_checked():
    pages = {s.path for s in ls.page_sources()}
    on_disk = {str(p.relative_to(ls.ROOT)) for p in (ls.ROOT / "docs").rglob("*.lo.md")}
    assert pages == on_disk
    assert len(pages) >= 30
    assert sum(len(s.lines) for s in ls.glossary_sources()) >= 2 * 100  # lo + def_lo of 100+ terms
    assert any(s.path.endswith("lo.html") for s in ls.ui_sources())
    assert any(s.path == "mkdocs.yml" for s in ls.ui_sources())


@pytest.mark.parametrize("rule", CATALOG_RULES)
def test_catalog_follows_the_style_guide(rule):
    found = ls.check(ls.catalog_sources(), rules=[rule])
    assert not found, f"CONTENT.md §8, rule {rule!r} in the Lao catalogs: " + _report(found)


def test_the_checks_read_every_catalog_and_handout():
    sources = ls.catalog_sources()
    assert len(sources) > 500
    assert {s.path.rsplit("/", 1)[-1] for s in sources} == {"exercises.po", "site.po", "worksheets.po"}
    assert any(s.lines[0].table for s in sources) and any(not s.lines[0].table for s in sources)
    handouts = {s.path.split("/")[2] for s in ls.handout_sources()}
    assert handouts == {"kits", "forms"}


def test_the_buttons_are_read_from_what_the_site_draws():
    labels = ls.button_labels()
    for english in ("Run", "Check", "Reset numbers", "Reset code", "Form", "Code", "Save progress to a file"):
        assert english in labels, f"no button {english!r} in the drawn HTML"
    assert labels["Run"][0] == "ຄິດໄລ່"  # the glossary's term (run) is the label to quote


# ---- Each guard can fail: planted examples --------------------------------------------------------


def page(*texts: str, path: str = "docs/x/planted.lo.md", table: bool = False) -> Source:
    return Source(path, "page", [Line(n, t, table=table or t.lstrip().startswith("|")) for n, t in enumerate(texts, 1)])


def rules_of(sources, rules, **options) -> Counter:
    sources = [sources] if isinstance(sources, Source) else sources
    return Counter(f.rule for f in ls.check(sources, rules=rules, **options))


def texts_of(source, rules, **options) -> list[str]:
    return [f"{f.text} → {f.use}" for f in ls.check([source], rules=rules, **options)]


def test_thai_detector():
    bad = page("ສະຫະກອນ" + "\u0e2a" + "ະມາຊິກ")  # a Thai ส inside a Lao word
    found = ls.check([bad], rules=["thai"])
    assert len(found) == 1 and "ສ" in found[0].use and found[0].line == 1
    assert not ls.check([page("ສະຫະກອນສະມາຊິກ")], rules=["thai"])


def test_ligature_detector():
    found = texts_of(page("ສະມາຊິກຫລາຍຄົນ ມີຫນີ້ ແລະ ຫມາກກາເຟ"), ["ligature"])
    assert len(found) == 3 and any("ຫຼາຍ" in f for f in found) and any("ໜີ້" in f for f in found)
    assert not ls.check([page("ສະມາຊິກຫຼາຍຄົນ ມີໜີ້ ແລະ ໝາກກາເຟ")], rules=["ligature"])


@pytest.mark.parametrize(
    "bad, use",
    [
        ("ລາຄາຍຸດຕິທຳ", "ຍຸຕິທຳ"),
        ("ເພື່ອປະຫຍັດເງິນ", "ປະຢັດ"),
        ("ສະຫະກອນ ຊຶ່ງມີສະມາຊິກ", "ເຊິ່ງ"),
        ("ເຮົາກໍໄດ້ເງິນ", "ກໍ່"),
        ("ແນວໃດກໍຕາມ", "ກໍ່ຕາມ"),
        ("ທ່ານເຫັນດີແມ່ນບໍ່?", "ແມ່ນບໍ?"),
        ("ປີນີ້ບໍມີເງິນ", "ບໍ່ມີ"),
        ("ກໍາລັງຊື້", "ຳ"),  # ໍ + າ typed as two signs
    ],
)
def test_spelling_detector(bad, use):
    found = texts_of(page(bad), ["spelling"])
    assert len(found) == 1 and use in found[0], found


def test_spelling_detector_leaves_right_forms_alone():
    good = page("ກໍລະນີສຶກສາ ເຮົາກໍ່ໄດ້ເງິນ ແນວໃດກໍ່ຕາມ ລາຄາຍຸຕິທຳ ເພື່ອປະຢັດ ເຊິ່ງ", "ທ່ານຈະມາບໍ? ຂາຍໄດ້ຫຼືບໍ່? ປີນີ້ບໍ່ມີເງິນ ການບໍລິຫານ ກຳລັງ")
    assert not ls.check([good], rules=["spelling"])


def test_avoid_detector():
    entries = [
        {
            "id": "by-laws",
            "en": "by-laws",
            "lo": "ກົດລະບຽບສະຫະກອນ",
            "def_lo": "ບາງຄົນເອີ້ນວ່າ ລະບຽບການ",
            "avoid_lo": ["ລະບຽບການ"],
        },
        {
            "id": "autonomy",
            "en": "autonomy",
            "lo": "ການຄຸ້ມຄອງຕົນເອງ",
            "def_lo": "ບໍ່ແມ່ນ ການປົກຄອງຕົນເອງ",
            "avoid_lo": ["ການປົກຄອງຕົນເອງ"],
        },
    ]
    bad = page("ການປົກຄອງສະຫະກອນ", "ກຸ່ມເປັນເອກະລາດ", "ແກ້ລະບຽບການ", "ການປົກຄອງຕົນເອງ", "ຖືກຕ້ອງ: 5,000 ກີບ", "ການກໍ່ຕັ້ງແນວຄິດ")
    found = ls.check([bad], rules=["avoid"], entries=entries)
    assert [f.line for f in found] == [1, 2, 3, 4, 5, 6]
    assert "ການບໍລິຫານ" in found[0].use and "ກົດລະບຽບສະຫະກອນ" in found[2].use
    assert "ການຄຸ້ມຄອງຕົນເອງ" in found[3].use  # the longest form wins where forms overlap
    assert "ຖືກແລ້ວ:" in found[4].use and "ການລິເລີ່ມ" in found[5].use
    good = page("ການບໍລິຫານສະຫະກອນ ກົດລະບຽບສະຫະກອນ ຖືກແລ້ວ: 5,000 ກີບ ຈັດການຢ່າງຖືກຕ້ອງ: ສອງຄົນນັບເງິນ")
    assert not ls.check([good], rules=["avoid"], entries=entries)
    # the glossary page itself, and a term's own definition, may name the forms to avoid
    assert not ls.check([page("ບໍ່ໃຊ້ ລະບຽບການ", path="docs/glossary.lo.md")], rules=["avoid"], entries=entries)
    own = Source("docs/data/glossary.yml", "glossary", [Line(7, "ບາງຄົນເອີ້ນວ່າ ລະບຽບການ", owner="by-laws")])
    other = Source("docs/data/glossary.yml", "glossary", [Line(9, "ບາງຄົນເອີ້ນວ່າ ລະບຽບການ", owner="autonomy")])
    assert not ls.check([own], rules=["avoid"], entries=entries)
    assert len(ls.check([other], rules=["avoid"], entries=entries)) == 1


def test_units_detector():
    bad = page("ສະມາຊິກສົ່ງໝາກກາເຟ 50 kg", "ລາຄາ 1.80 US$ ຕໍ່ lb")
    found = texts_of(bad, ["units"])
    assert len(found) == 3 and "ກິໂລ" in found[0] and any("ປອນ" in f for f in found) and any("ໂດລາ" in f for f in found)
    assert not ls.check([page("| ທ້າວ ບຸນມີ | 50 kg |", "ໃນຕາຕະລາງ ຂຽນວ່າ “kg”")], rules=["units"])
    # in the catalog a label may keep the symbol, a sentence may not
    label = Source("x.po", "catalog", [Line(3, "ໝາກກາເຟ (kg)", table=ls.is_label("Cherry (kg)"))], msgid="Cherry (kg)")
    sentence_id = "About 6 kg of cherry make 1 kg of green coffee."
    sentence = Source(
        "x.po", "catalog", [Line(5, "ໝາກກາເຟ 6 kg ໄດ້ກາເຟສານ 1 kg", table=ls.is_label(sentence_id))], msgid=sentence_id
    )
    assert not ls.check([label], rules=["units"]) and len(ls.check([sentence], rules=["units"])) == 2


def test_label_classification():
    assert ls.is_label("Cherry (kg)") and ls.is_label("kip per kg of cherry") and ls.is_label("Run")
    assert ls.is_label("Premium: {lb} lb × US${usd} × {rate} kip")
    assert not ls.is_label("About 6 kg (between 5 and 7).")
    assert not ls.is_label("How much is Noy's final payment?")
    assert not ls.is_label("Divide it. Then add the rest")


def test_acronym_detector():
    entries = [
        {
            "id": "cpc",
            "en": "Bolaven Plateau Coffee Producers' Cooperative",
            "abbr": "CPC",
            "lo": "ສະຫະກອນຜູ້ຜະລິດກາເຟພູພຽງບໍລະເວນ",
            "def_lo": "x",
        }
    ]
    bad = page("ກາເຟຂອງ CPC ໄປຍີ່ປຸ່ນ", "ສະຫະກອນຜູ້ຜະລິດກາເຟພູພຽງບໍລະເວນ (CPC) ມີ 42 ສູນ")
    found = ls.check([bad], rules=["acronym"], entries=entries)
    assert len(found) == 1 and found[0].line == 1 and "ສະຫະກອນຜູ້ຜະລິດກາເຟພູພຽງບໍລະເວນ (CPC)" in found[0].use
    for good in (
        page("ສະຫະກອນຜູ້ຜະລິດກາເຟພູພຽງບໍລະເວນ (CPC) ມີ 42 ສູນ", "CPC ຈ່າຍເງິນລ່ວງໜ້າ"),
        page("CPC (ສະຫະກອນຜູ້ຜະລິດກາເຟພູພຽງບໍລະເວນ) ມີ 42 ສູນ"),
    ):
        assert not ls.check([good], rules=["acronym"], entries=entries)
    # a reference label names a source: it is not a use of the acronym
    source = Source("docs/x.lo.md", "page")
    text = "ຂໍ້ມູນ [[CPC work]](../about/references.md#ref-cpc-our-work)\nສະຫະກອນຜູ້ຜະລິດກາເຟພູພຽງບໍລະເວນ (CPC)\n"
    for number, visible, prose, table in ls.markdown_lines(text):
        source.lines.append(Line(number, visible, prose, table))
    assert not ls.check([source], rules=["acronym"], entries=entries)


@pytest.mark.parametrize(
    "bad",
    [
        "ເງິນງວດສຸດທ້າຍຂອງນ້ອຍ ແມ່ນເທົ່າໃດ",  # "the small one's final payment"
        "ສະຫະກອນຈ່າຍໃຫ້ວັນ 80,000 ກີບ",  # "pays the day"
        "ນ້ອຍສົ່ງໝາກກາເຟ 2,000 ກິໂລ",  # a name starts the clause
        "ທ້າວ ບຸນມີ ແລະ ນ້ອຍ ໄປປາກເຊ",  # in a list of people
        "ກູ້ເງິນຈາກພໍ່ຄ້າສິດ",  # the trader
        "ບຸນມີ ເປັນປະທານ",  # a name that is no common word
        "ທ້າວ ຄຳລາ ຕິດໜີ້ ແລະ ແສງດາວ ມີໂທລະສັບ",
        "ນາງ ບຸນມີ ເປັນປະທານ",  # the wrong title
        "| ນ້ອຍ | 4 | A | 1,500 |",  # a table cell
    ],
)
def test_name_detector_finds_names_without_title(bad):
    assert len(ls.check([page(bad)], rules=["name"])) == 1, bad


@pytest.mark.parametrize(
    "good",
    [
        "ນາງ ນ້ອຍ ສົ່ງໝາກກາເຟ ແລະ ນາງ ວັນ ໄດ້ເງິນ",
        "ນາງນ້ອຍ ເປັນເຫຼັນຍິກ",
        "**ທ້າວ ສິດ** ໃຫ້ກູ້",
        "ກຸ່ມນ້ອຍຮຽນນຳກັນ",
        "ເຄື່ອງປອກເປືອກຂະໜາດນ້ອຍ",
        "ສ່ວນແບ່ງນ້ອຍກວ່າ 10%",
        "ເຈ້ຍນ້ອຍ ແລະ ກ່ອງ",
        "ກອງນ້ອຍໄດ້ເພີ່ມ",
        "ທຸກວັນ",
        "ວັນທີ 5 ເດືອນມັງກອນ",
        "ຈ່າຍໃນວັນສຸດທ້າຍ",
        "ສະມາຊິກມີສິດອອກສຽງ",
        "ສິດເທົ່າທຽມກັນ",
        "ໃຫ້ສິດແກ່ສະມາຊິກ",
        "ນາງ ມະນີວັນ ຈາກຫ້ອງການເມືອງ",
        "ສະຫະກອນໃນປະເທດຣວັນດາ",
        "ໃຫຍ່ ແລະ ນ້ອຍ",
    ],
)
def test_name_detector_leaves_common_words_alone(good):
    assert not ls.check([page(good)], rules=["name"]), good


def test_term_detector(tmp_path):
    entries = [
        {"id": "quorum", "en": "quorum", "lo": "ອົງປະຊຸມ", "def_lo": "x"},
        {"id": "minutes", "en": "minutes", "lo": "ບົດບັນທຶກກອງປະຊຸມ", "def_lo": "x"},
        {"id": "role", "en": "role", "lo": "ໜ້າທີ່", "def_lo": "x"},
        {"id": "role-play", "en": "role play", "lo": "ການສະແດງບົດບາດ", "def_lo": "x"},
        {"id": "pulping", "en": "pulping", "lo": "ການປອກເປືອກໝາກກາເຟ", "def_lo": "x"},
    ]
    (tmp_path / "p.en.md").write_text(
        "# Title\n\nThe quorum is half, for 90 minutes.\n\nA role play. Fast pulping. See [the link](../quorum.md).\n",
        encoding="utf-8",
    )
    lao = tmp_path / "p.lo.md"

    def run(text):
        lao.write_text(text, encoding="utf-8")
        return [f for s in ls.page_sources(tmp_path) for f in ls.term_findings(s, entries)]

    found = run("# ຫົວຂໍ້\n\nເຄິ່ງໜຶ່ງ 90 ນາທີ ການສະແດງ ປອກເປືອກໃຫ້ໄວ\n")
    assert [f.use.split()[0] for f in found] == ["ອົງປະຊຸມ", "ການສະແດງບົດບາດ", "ການປອກເປືອກໝາກກາເຟ"]
    assert "p.en.md:3" in found[0].text  # where the English page uses the term
    # "90 minutes" is time, and the "role" of "role play" is not the term role; ການ may be dropped
    assert not run("# ຫົວຂໍ້\n\nອົງປະຊຸມ ເຄິ່ງໜຶ່ງ ການສະແດງບົດບາດ ປອກເປືອກໝາກກາເຟໃຫ້ໄວ\n")


def test_button_detector():
    labels = {"Run": ("ຄິດໄລ່", "ແລ່ນ"), "Reset numbers": ("ຕັ້ງຕົວເລກຄືນໃໝ່", "ຕັ້ງຕົວເລກຄືນໃໝ່"), "Check": ("ກວດ", "ກວດ")}
    for bad, use in [
        ("ແກ້ໂຄດ ແລ້ວກົດ “ແລ່ນ”", "ຄິດໄລ່"),  # the old label
        ("ພິມຄຳຕອບ ແລ້ວກົດ “ກວດເບິ່ງຄຳຕອບ”", "ກວດ"),  # pressed, but no such button
        ("ໃຊ້ “ຕັ້ງຕົວເລກຄືນ” ເພື່ອເລີ່ມໃໝ່", "ຕັ້ງຕົວເລກຄືນໃໝ່"),
    ]:  # close to a label
        found = ls.check([page(bad)], rules=["button"], labels=labels)
        assert len(found) == 1 and use in found[0].use, (bad, found)
    good = page("ແກ້ໂຄດ ແລ້ວກົດ “ຄິດໄລ່”", "“ຕັ້ງຕົວເລກຄືນໃໝ່” ເອົາຕົວເລກຄືນມາ", "ຕອບວ່າ “ເໝາະ” ຫຼື “ບໍ່ເໝາະ”")
    assert not ls.check([good], rules=["button"], labels=labels)
    # a message that quotes a button in English quotes the Lao label
    msgid = "Press “Reset numbers” and try again."
    bad = Source("x.po", "catalog", [Line(9, "ກົດປຸ່ມຕັ້ງຄ່າ ແລ້ວລອງໃໝ່")], msgid=msgid)
    good = Source("x.po", "catalog", [Line(9, "ກົດ “ຕັ້ງຕົວເລກຄືນໃໝ່” ແລ້ວລອງໃໝ່")], msgid=msgid)
    assert len(ls.check([bad], rules=["button"], labels=labels)) == 1
    assert not ls.check([good], rules=["button"], labels=labels)


def _respaced(source: Source, how: str) -> Source:
    """A copy of a page with a space after every word, no space at all, or a comma at every space."""
    lines = []
    for line in source.lines:
        text = line.text
        if how == "every word":
            text = ls.LAO_RUN.sub(lambda m: " ".join(ls._run_words(m.group(0))), text)
        elif how == "no space":
            text = text.replace(" ", "")
        elif how == "commas":
            text = ls.re.sub(r"(?<=[\u0E80-\u0EFF]) (?=[\u0E80-\u0EFF])", ", ", text)
        lines.append(Line(line.number, text, table=line.table))
    return Source(source.path.replace(".lo.md", f".{how.replace(' ', '-')}.lo.md"), "page", lines)


@pytest.mark.parametrize(
    "how, said",
    [
        ("every word", "a space after almost every word"),
        ("no space", "long runs without a space"),
        ("commas", "commas"),
    ],
)
def test_spacing_detector(how, said):
    pages = ls.page_sources()
    planted = _respaced(next(s for s in pages if s.path.endswith("kc3-sell-alone-or-pool.lo.md")), how)
    found, _bands = ls.spacing_findings([*pages, planted])
    assert [f.path for f in found] == [planted.path], _report(found)
    assert said in found[0].text or said in found[0].use


def test_spacing_thresholds_are_documented_in_the_findings():
    _found, bands = ls.spacing_findings(ls.page_sources())
    low, high = bands["words_per_space"][1:]
    assert 1.5 < low < high < 6, bands  # today's pages: 2.6–4.1 words per phrase; m5–m8 before the pass: 1.8


def test_findings_name_file_line_text_and_form():
    finding = ls.check([page("ສະມາຊິກຫລາຍຄົນ", path="docs/a/b.lo.md")], rules=["ligature"])[0]
    assert str(finding).startswith("docs/a/b.lo.md:1: [ligature] ") and "→ " in str(finding)


def test_sources_keep_line_numbers_and_drop_markup(tmp_path):
    (tmp_path / "p.en.md").write_text("x\n", encoding="utf-8")
    (tmp_path / "p.lo.md").write_text(
        "# ຫົວຂໍ້ { #title }\n\n```python\nຫລາຍ = 1\n```\n\n::: exercise pooled-pricing\n\n"
        "ເບິ່ງ [ໜ້ານີ້](https://example.org/ຫລາຍ) ແລະ `kg` :coop-read:\n| ກິໂລ | 5 kg |\n",
        encoding="utf-8",
    )
    (source,) = ls.page_sources(tmp_path)
    assert [line.number for line in source.lines] == [1, 9, 10]
    assert "ຫລາຍ" not in " ".join(line.text for line in source.lines)  # code and URLs are not prose
    assert source.lines[2].table and not source.lines[1].table
    assert Path(source.english).name == "p.en.md"
