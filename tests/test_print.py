"""Print: editions on screen and paper, and every PDF as a trainer gets it — every page looked at.

The PDFs are checked the way paper is: pages rendered by poppler (pdftoppm) at low resolution, text
read back from the files (pdftotext), nothing taken from the code that made them.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from functools import cache
from html import unescape
from pathlib import Path

import pytest
from conftest import ROOT, wait_for
from PIL import Image, ImageChops, ImageFilter

from coopsite import editions, handouts
from coopsite.editions import EDITIONS, PARTS, pdf_name

SESSION = "management/m2-communication.html"  # has a facilitator box and a simulation with answer keys
CHART_PAGE = "key-concepts/kc3-sell-alone-or-pool"  # pooled pricing: a table and a bar chart
LAO = re.compile(r"[\u0E80-\u0EFF]")
# Before a print, as a careful user waits for the page: every font face loaded (a face still loading
# would print in a fallback font).
ALL_FONTS = "Promise.all([...document.fonts].map(face => face.load().catch(() => null)))"
MM = 72 / 25.4  # points


def visible(page, selector: str) -> bool:
    return page.evaluate(f"""[...document.querySelectorAll({selector!r})].some(e => {{
        const s = getComputedStyle(e); const r = e.getBoundingClientRect();
        return s.display !== 'none' && s.visibility !== 'hidden' && r.width > 0 && r.height > 0; }})""")


# ---- Reading PDFs as paper -------------------------------------------------------------------------


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def page_sizes(path: Path) -> list[tuple[float, float]]:
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(path)], capture_output=True, text=True, check=True
    ).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info, re.M)]


def pdf_text(path: Path, first: int | None = None, last: int | None = None) -> str:
    pages = ["-f", str(first), "-l", str(last or first)] if first else []
    return subprocess.run(
        ["pdftotext", "-layout", *pages, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def squeeze(text: str) -> str:
    """Text without any white space: pdftotext puts spaces around Lao vowels and tone marks."""
    return re.sub(r"\s+", "", text)


def answer_label(lang: str) -> str:
    """The answer keys' label as a trainer edition prints it (squeezed), read from the exercises' catalog."""
    import gettext

    catalog = gettext.translation("exercises", ROOT / "exercises" / "locale", languages=[lang], fallback=True)
    return squeeze(catalog.gettext("Answer (default numbers):")).rstrip(":")


def words(path: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    """(xMin, yMin, xMax, yMax, word) of one page, from the top of the page, in points."""
    xml = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [
        (float(a), float(b), float(c), float(d), unescape(w))
        for a, b, c, d, w in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', xml
        )
    ]


def render(path: Path, tmp: Path, dpi: int, first: int | None = None, gray: bool = True) -> list[Image.Image]:
    """Every page (or one) as poppler draws it."""
    stem = tmp / re.sub(r"\W", "_", str(path.relative_to(path.parents[1])))
    pages = ["-f", str(first), "-l", str(first)] if first else []
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray" if gray else "-png", *pages, str(path), str(stem)], check=True)
    files = sorted(tmp.glob(stem.name + "-*"), key=lambda p: int(re.search(r"-(\d+)\.\w+$", p.name).group(1)))
    images = [Image.open(f).convert("L" if gray else "RGB") for f in files]
    for file in files:
        file.unlink()
    return images


def dark_block(image: Image.Image, dpi: int, size_mm: float = 12) -> bool:
    """Whether a square of ``size_mm`` is (nearly) solid black somewhere on the page."""
    side = max(3, round(size_mm / 25.4 * dpi)) | 1
    dark = image.point(lambda v: 255 if v < 50 else 0)
    return dark.filter(ImageFilter.MinFilter(side)).getbbox() is not None


def all_pdfs(site: Path) -> list[Path]:
    return sorted((site / "pdf").rglob("*.pdf"))


@cache
def manifest(site: Path) -> dict:
    return json.loads((site / "pdf" / "pdfs.json").read_text(encoding="utf-8"))["files"]


# ---- Editions on screen and in the browser's own print ---------------------------------------------


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "lo"])
def test_print_editions(browser_context, http_root, lang):
    context, watch = browser_context(http_root)
    page = context.new_page()
    page.goto(http_root + ("lo/" if lang == "lo" else "") + SESSION)
    wait_for(page, "document.querySelector('.coop-edition.coop-on')")
    # On screen: the switch is there and says which edition is on.
    assert visible(page, ".coop-edition [data-edition=learner][aria-pressed=true]")
    assert not visible(page, ".admonition.facilitator") and not visible(page, ".cx-answer-key")

    page.emulate_media(media="print")
    for chrome in [
        ".md-header",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-footer",
        ".md-search",
        ".coop-edition",
        ".coop-forms",
        ".cx-bar",
        ".cx-code",
        "button",
    ]:
        assert not visible(page, chrome), f"{chrome} shows in print"
    assert visible(page, ".cx-results table") and visible(page, ".cx-answer-box")
    assert not visible(page, ".admonition.facilitator"), "learner worksheet: no facilitator notes"
    assert not visible(page, ".cx-answer-key"), "learner worksheet: no answer keys"
    assert not visible(page, ".coop-timing")

    page.emulate_media(media="screen")
    page.click(".coop-edition [data-edition=trainer]")
    page.emulate_media(media="print")
    assert (
        visible(page, ".admonition.facilitator") and visible(page, ".cx-answer-key") and visible(page, ".coop-timing")
    )
    page.reload()  # the choice is remembered
    wait_for(page, "document.documentElement.classList.contains('coop-trainer')")
    assert watch.blocked == [] and watch.console_errors == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "lo"])
def test_print_typography(browser_context, http_root, lang):
    """Village handouts: Latin body >= 11 pt, Lao >= 12 pt with a line box >= 1.65; boxes to write in by
    hand; the step icons large and dark enough for a photocopy."""
    context, _ = browser_context(http_root)
    page = context.new_page()
    page.goto(http_root + ("lo/" if lang == "lo" else "") + SESSION)
    page.emulate_media(media="print")
    found = page.evaluate("""() => {
        const px = v => parseFloat(v), mm = v => v * 25.4 / 96;
        const text = [...document.querySelectorAll('.md-typeset > p, .md-typeset li, .md-typeset td')]
            .filter(e => e.offsetParent && e.textContent.trim());
        const sizes = text.map(e => getComputedStyle(e)), boxes = [...document.querySelectorAll('.cx-answer-box')];
        const icons = [...document.querySelectorAll('#steps ~ ol .twemoji svg')];
        return {
            body: Math.min(...sizes.filter((s, i) => text[i].matches('.md-typeset > p, .md-typeset > ul > li, .md-typeset > ol > li')).map(s => px(s.fontSize))),
            any: Math.min(...sizes.map(s => px(s.fontSize))),
            lineRatio: Math.min(...sizes.map(s => px(s.lineHeight) / px(s.fontSize))),
            boxes: boxes.map(b => [mm(b.getBoundingClientRect().width), mm(b.getBoundingClientRect().height)]),
            icons: icons.map(i => [mm(i.getBoundingClientRect().height), getComputedStyle(i).fill]),
        };
    }""")
    least = 12 if lang == "lo" else 11
    assert found["body"] >= least * 96 / 72 - 0.01, f"body text {found['body'] * 72 / 96:.1f} pt"
    assert found["any"] >= 10 * 96 / 72 - 0.01, f"smallest text {found['any'] * 72 / 96:.1f} pt"
    if lang == "lo":
        assert found["lineRatio"] >= 1.65, f"Lao line height {found['lineRatio']:.2f}"
    assert found["boxes"] and all(w >= 60 and h >= 10 for w, h in found["boxes"]), found["boxes"]
    assert found["icons"], "no step icons on the page"
    for height, fill in found["icons"]:
        red, green, blue = (int(v) for v in re.findall(r"\d+", fill)[:3])
        assert height >= 4 and 0.299 * red + 0.587 * green + 0.114 * blue < 80, (height, fill)


# ---- Every page of every PDF -----------------------------------------------------------------------


@pytest.mark.slow
def test_every_page_of_every_pdf(site_dir, tmp_path):
    """Every page of every PDF, rendered: A4; no large solid dark block (the charts once printed as black
    boxes); 4 mm of white at each edge, where printers cannot print (nothing is cut off)."""
    dpi, band = 25, round(4 / 25.4 * 25)
    dark, cut, pages = [], [], 0
    for path in all_pdfs(site_dir):
        for size in page_sizes(path):
            assert sorted(size) == pytest.approx([595.3, 841.9], abs=1.5), f"{path.name}: {size} is not A4"
        for number, image in enumerate(render(path, tmp_path, dpi), 1):
            pages += 1
            where = f"{path.relative_to(site_dir)} page {number}"
            if dark_block(image, dpi):
                dark.append(where)
            w, h = image.size
            if any(
                image.crop(box).getextrema()[0] < 200
                for box in [(0, 0, w, band), (0, h - band, w, h), (0, 0, band, h), (w - band, 0, w, h)]
            ):
                cut.append(where)
    assert pages > 1000
    assert dark == [], f"solid dark blocks: {dark[:20]}"
    assert cut == [], f"ink at the paper's edge: {cut[:20]}"


# Most pages one session may print to. Today the longest take 13 pages (learner) and 16 (trainer, in Lao):
# a session that grows past these has too much on it, or print typography has gone wrong.
SESSION_PAGES = {"learner": 16, "trainer": 20}
# What a book adds to its sessions: a title page and contents (up to 4 pages), and each part's overview page
# (up to 4; today 2 to 3). So a book's size follows from its sessions: a part that gains sessions may grow,
# a session printed twice, left out or grown too long may not.
FRONT_PAGES, OVERVIEW_PAGES = 4, 4


@pytest.mark.parametrize("lang", ["en", "lo"])
@pytest.mark.parametrize("part", PARTS)
def test_pdfs(site_dir, lang, part):
    pages = {}
    for edition in EDITIONS:
        path = site_dir / "pdf" / pdf_name(lang, part, edition)
        assert path.exists(), f"missing {path.name}: run `make pdf`"
        pages[edition] = pdf_pages(path)
        text = pdf_text(path)
        if lang == "lo":
            assert len(LAO.findall(text)) > 2000, f"{path.name}: too little Lao text"
        assert "@@" not in text
        squeezed = squeeze(text)  # pdftotext puts spaces around Lao vowel and tone marks
        has_keys = answer_label(lang) in squeezed
        has_notes = "Facilitatornotes" in squeezed or "ບັນທຶກສຳລັບຜູ້ອຳນວຍຄວາມສະດວກ" in squeezed
        if edition == "learner":
            assert not has_keys, f"{path.name}: answers in the learner edition"
        elif part in ("key-concepts", "management", "course"):  # parts with simulations
            assert has_keys and has_notes, f"{path.name}: the trainer edition lacks answers or notes"
    parts = PARTS[:-1] if part == "course" else [part]
    sessions = [page for p in parts for page in editions.sessions()[p]]
    for edition in EDITIONS:
        own = {page: pdf_pages(site_dir / "pdf" / editions.session_pdf(lang, page, edition)) for page in sessions}
        long = {page: n for page, n in own.items() if n > SESSION_PAGES[edition]}
        assert not long, f"{lang} {edition}: sessions longer than {SESSION_PAGES[edition]} pages: {long}"
        least = sum(own.values())
        most = least + FRONT_PAGES + OVERVIEW_PAGES * len(parts)
        assert least <= pages[edition] <= most, (
            f"{pdf_name(lang, part, edition)}: {pages[edition]} pages, its "
            f"{len(sessions)} sessions {least}: the book should have {least} to {most}"
        )
    assert pages["learner"] <= pages["trainer"], pages


@pytest.mark.parametrize("lang", ["en", "lo"])
def test_session_pdfs_answers_only_for_trainers(site_dir, lang):
    for pages in editions.sessions().values():
        for page in pages:
            learner = squeeze(pdf_text(site_dir / "pdf" / editions.session_pdf(lang, page, "learner")))
            trainer = squeeze(pdf_text(site_dir / "pdf" / editions.session_pdf(lang, page, "trainer")))
            notes = "Facilitatornotes" if lang == "en" else "ບັນທຶກສຳລັບຜູ້ອຳນວຍຄວາມສະດວກ"
            key = answer_label(lang)
            mark = squeeze(editions.words(lang)["trainer_mark"])
            assert key not in learner and mark not in learner, page
            assert notes in trainer and mark in trainer, page
            source = (ROOT / "docs" / f"{page}.en.md").read_text(encoding="utf-8")
            if "::: exercise" in source and key not in trainer:
                html = (site_dir / ("lo" if lang == "lo" else "") / f"{page}.html").read_text(encoding="utf-8")
                assert "cx-answer-key" not in html, f"{page}: the trainer edition lacks the answer keys"


def test_the_course_pdf_has_every_part(site_dir):
    total = pdf_pages(site_dir / "pdf" / pdf_name("en", "course", "trainer"))
    parts = sum(pdf_pages(site_dir / "pdf" / pdf_name("en", p, "trainer")) for p in PARTS[:-1])
    assert abs(total - parts) <= 2 * len(PARTS) + 2  # each part PDF adds a title page and contents


# ---- Contents and footer -----------------------------------------------------------------------------


def contents(path: Path, chapters: int) -> list[tuple[str, int]]:
    """(text, page number) of each entry of a book's contents, read from its contents pages."""
    entries, text, page = [], "", 2
    while len(entries) < chapters and page < 6:
        lines: list[tuple[float, list]] = []  # words on one line: their middles are close (Lao and digits differ)
        for x0, y0, x1, y1, word in sorted(words(path, page), key=lambda w: (w[1] + w[3]) / 2):
            middle = (y0 + y1) / 2
            if y0 > 800:  # the footer
                continue
            if lines and abs(lines[-1][0] - middle) < 6:
                lines[-1][1].append((x0, x1, word))
            else:
                lines.append((middle, [(x0, x1, word)]))
        for _, line in lines:
            line.sort()
            text += "".join(word for _, _, word in line)
            if line[-1][2].isdigit() and line[-1][1] > 500:  # a number at the right margin ends an entry
                entries.append((text[: -len(line[-1][2])], int(line[-1][2])))
                text = ""
        page += 1
    return entries


@pytest.mark.parametrize("lang", ["en", "lo"])
@pytest.mark.parametrize("part", PARTS)
def test_contents_numbers_are_right(site_dir, lang, part):
    """Every contents entry has a number, and the page of that number starts with that chapter."""
    pages = editions.part_pages()
    chapters = [p for area in PARTS[:-1] for p in pages[area]] if part == "course" else pages[part]
    path = site_dir / "pdf" / pdf_name(lang, part, "learner")
    found = contents(path, len(chapters))
    assert len(found) == len(chapters), f"{path.name}: {len(found)} numbered entries for {len(chapters)} chapters"
    total = pdf_pages(path)
    for chapter, (entry, number) in zip(chapters, found, strict=True):
        title = squeeze(editions.page_title(chapter, lang))
        assert title in squeeze(entry), (title, entry)
        assert 2 < number <= total
        top = squeeze(pdf_text(path, number))[: len(title) + 200]
        assert title in top, f"{path.name}: '{title}' is not at the top of page {number}"


@pytest.mark.parametrize("lang", ["en", "lo"])
def test_footer_names_course_session_and_page(site_dir, lang):
    path = site_dir / "pdf" / editions.session_pdf(lang, "management/m6-finance", "trainer")
    total = pdf_pages(path)
    for page in range(1, total + 1):
        foot = sorted((w for w in words(path, page) if w[1] > 790), key=lambda w: w[0])
        text = squeeze("".join(w[4] for w in foot))
        assert squeeze(editions.words(lang)["course"]) in text
        assert squeeze(editions.page_title("management/m6-finance", lang)) in text
        assert text.endswith(f"{page}/{total}"), text
        number, words_ = [w for w in foot if w[0] > 450], [w for w in foot if w[0] < 300]
        # same line: the number's baseline (Helvetica descends 0.21 em) on the words' (Noto Sans 0.29 em)
        if lang == "en":
            gap = (number[-1][3] - 0.207 * 9) - (words_[0][3] - 0.293 * 9)
            assert abs(gap) < 1.0, f"page {page}: number {gap:+.1f} pt off the footer's baseline"
        else:
            assert abs(number[-1][3] - words_[0][3]) < 4
        top = squeeze("".join(w[4] for w in words(path, page) if w[1] < 40))
        assert squeeze(editions.words(lang)["trainer_mark"]) in top


# ---- The chart, as the browser prints it -----------------------------------------------------------


def _chart_page(path: Path, title: str) -> int:
    for number in range(1, pdf_pages(path) + 1):
        if squeeze(title) in squeeze(pdf_text(path, number)):
            return number
    raise AssertionError(f"{path.name}: no page with the chart {title!r}")


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "lo"])
def test_chart_prints_as_in_the_browser(browser_context, http_root, site_dir, tmp_path, lang):
    """The session PDF's chart page is the browser's own print of the page, chart colours included."""
    context, watch = browser_context(http_root)
    page = context.new_page()
    page.goto(http_root + ("lo/" if lang == "lo" else "") + CHART_PAGE + ".html")
    wait_for(page, "document.querySelector('.coop-edition.coop-on')")
    page.emulate_media(media="print")
    page.evaluate(ALL_FONTS)
    title = page.evaluate("document.querySelector('.cx-chart .title').textContent")
    browser_print = tmp_path / "browser" / "print.pdf"
    browser_print.parent.mkdir()
    browser_print.write_bytes(page.pdf(prefer_css_page_size=True, print_background=True))
    ours = site_dir / "pdf" / editions.session_pdf(lang, CHART_PAGE, "learner")
    assert pdf_pages(ours) == pdf_pages(browser_print)
    one = render(browser_print, tmp_path, 40, _chart_page(browser_print, title), gray=False)[0]
    two = render(ours, tmp_path, 40, _chart_page(ours, title), gray=False)[0]
    band = round(20 / 25.4 * 40)  # the page number: Chromium's in one, pikepdf's in the other
    one, two = (image.crop((0, 0, image.width, image.height - band)) for image in (one, two))
    difference = ImageChops.difference(one, two).convert("L")
    changed = sum(difference.histogram()[48:]) / (difference.width * difference.height)
    assert changed < 0.002, f"{changed:.2%} of the chart page differs from the browser's print"
    colours = two.getcolors(maxcolors=1 << 20)
    bars = sum(n for n, (r, g, b) in colours if abs(r - 0x6D) + abs(g - 0x4C) + abs(b - 0x41) < 60 and r > g)
    greens = sum(n for n, (r, g, b) in colours if g > r + 40 and g > b + 40)
    assert bars > 200 and greens > 200, "the chart's bars are not in their colours"
    assert not dark_block(two.convert("L"), 40)
    assert watch.blocked == []


# ---- Links on the pages ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "lo"])
def test_session_pages_link_their_pdfs(site_dir, lang):
    """Each session page links this session, its part and the whole course, per edition, each with its
    pages and size; and its group kit when there is one. Every link leads to its file."""
    files, kits = manifest(site_dir), handouts.kit_pages()
    words_ = editions.words(lang)
    for part, pages in editions.sessions().items():
        for page in pages:
            path = site_dir / ("lo" if lang == "lo" else "") / f"{page}.html"
            html = path.read_text(encoding="utf-8")
            links = re.findall(
                r'<a(?: class="coop-book")? href="([^"]+\.pdf)" download data-pdf="([^"]+)"[^>]*>([^<]*)<span class="coop-pdf-info">([^<]*)</span>',
                html,
            )
            expected = (
                {editions.session_pdf(lang, page, e) for e in EDITIONS}
                | {pdf_name(lang, part, e) for e in EDITIONS}
                | {pdf_name(lang, "course", e) for e in EDITIONS}
            )
            if page.rsplit("/", 1)[-1] in kits:
                expected.add(editions.kit_pdf(lang, page.rsplit("/", 1)[-1]))
            linked = {name for _, name, _, _ in links if not name.startswith("forms/")}
            assert linked == expected, page
            for href, name, _label, info in links:
                target = path.parent.joinpath(href).resolve()
                assert target == (site_dir / "pdf" / name).resolve() and target.exists(), href
                pages_ = pdf_pages(target)
                shown = words_["one_page"] if pages_ == 1 else words_["pages"].format(n=pages_)
                assert info == f" ({shown}, {editions.size_text(target.stat().st_size, lang)})", (name, info)
                assert files[name]["bytes"] == target.stat().st_size
            this = words_["this_session"]
            assert any(label == this for _, name, label, _ in links if name.startswith("sessions/"))


def test_printing_page_lists_every_file(site_dir):
    for lang in ("en", "lo"):
        html = (site_dir / ("lo" if lang == "lo" else "") / "trainers" / "printing.html").read_text(encoding="utf-8")
        linked = set(re.findall(r'data-pdf="([^"]+)"', html))
        assert linked == set(manifest(site_dir)), set(manifest(site_dir)) ^ linked


# ---- Kits and forms ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "lo"])
def test_kits_and_forms_in_both_languages(site_dir, lang):
    """Every kit and form file has its PDF in each language, Lao text in the Lao ones, on A4 sheets, with
    exactly the sheets it was laid out on (nothing spilt onto an extra page)."""
    assert len(handouts.kits()) >= 15 and len(handouts.forms()) == 7
    for slug, kit in handouts.kits().items():
        path = site_dir / "pdf" / editions.kit_pdf(lang, slug)
        text = pdf_text(path)
        assert pdf_pages(path) == len(handouts.sheets(kit, lang)), path.name
        lao = len(LAO.findall(text))
        assert (lao > 150) if lang == "lo" else (lao == 0), f"{path.name}: {lao} Lao letters"
    for name, form in handouts.forms().items():
        path = site_dir / "pdf" / editions.form_pdf(lang, name)
        assert pdf_pages(path) == 1, f"{path.name} does not fit on one A4 sheet"
        lao = len(LAO.findall(pdf_text(path)))
        assert (lao > 60) if lang == "lo" else (lao == 0), f"{path.name}: {lao} Lao letters"
        width, height = page_sizes(path)[0]
        assert (width > height) == form.landscape


def test_session_pages_link_their_forms(site_dir):
    for page, forms in {
        "management/m2-communication": ["delivery-slip", "payment-list"],
        "management/m6-finance": ["cash-book", "member-ledger", "payment-list"],
        "establishment/e2-capital": ["share-register", "member-ledger"],
        "establishment/e3-structure-bylaws": ["meeting-attendance", "meeting-minutes"],
        "management/m1-governance": ["meeting-minutes", "meeting-attendance"],
    }.items():
        for lang in ("en", "lo"):
            html = (site_dir / ("lo" if lang == "lo" else "") / f"{page}.html").read_text(encoding="utf-8")
            linked = re.findall(r'data-pdf="forms/our-coffee-coop-(\w+)-form-([\w-]+)\.pdf"', html)
            assert sorted(linked) == sorted((lang, form) for form in forms), page


def test_kit_cards_come_from_their_pages():
    """A card made from a page says what the page says, in each language."""
    kit = handouts.kits()["kc5-cooperative-identity"]
    principles = next(s for s in kit.sets if s.title["en"] == "Principle cards")
    for lang in ("en", "lo"):
        source = "\n".join(handouts._section("key-concepts/kc5-cooperative-identity", lang, "principles", "test"))
        titles = re.findall(r"^\d\. \*\*(.+?)\.?\*\*", source, re.M)
        assert [c.title for c in principles.cards[lang]] == [t.rstrip(".") for t in titles]
        assert all(c.picture and c.number for c in principles.cards[lang])
    # A plain item (no bold title) of a "show: title" set is its own title: the step cards of Disputes.
    steps = next(s for s in handouts.kits()["m11-disputes"].sets if s.title["en"] == "Step cards")
    for lang in ("en", "lo"):
        source = "\n".join(handouts._section("management/m11-disputes", lang, "step-cards", "test"))
        assert [c.title for c in steps.cards[lang]] == re.findall(r"^- (.+)$", source, re.M)
        assert all(c.body is None for c in steps.cards[lang])


def test_a_kit_file_with_a_mistake_names_it(tmp_path, monkeypatch):
    (tmp_path / "kc3-sell-alone-or-pool.yml").write_text(
        "session: key-concepts/kc3-sell-alone-or-pool\nsets:\n  - title: {en: Cards, lo: ບັດ}\n    from: no-such-heading\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(handouts, "KITS", tmp_path)
    handouts.kits.cache_clear()
    try:
        with pytest.raises(
            handouts.HandoutError, match=r"kc3-sell-alone-or-pool\.yml: sets\[0\].*no heading \{ #no-such-heading \}"
        ):
            handouts.kits()
    finally:
        handouts.kits.cache_clear()


# ---- Sizes, fonts, cache -------------------------------------------------------------------------------


def test_books_share_one_copy_of_each_font(site_dir):
    import pikepdf

    with pikepdf.open(site_dir / "pdf" / pdf_name("lo", "course", "trainer")) as pdf:
        programs = {obj.objgen for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and "/Length1" in obj}
    assert len(programs) <= 10, f"{len(programs)} embedded font programs in the Lao course book"


def test_a_book_prints_every_word_as_wide_as_its_print(site_dir, tmp_path):
    """Putting prints together gives each font one copy (coopsite/pdffonts.py): every word must
    still stand where Chromium put it. Each print brings its own default width and lists glyphs it
    does not draw (some as 0 wide); once, merged as they came, books printed "membr" for "member"."""
    import pikepdf

    from coopsite import pdffonts

    prints = sorted((ROOT / ".cache" / "pdf" / "prints").glob("*.pdf"))[:16]  # both languages, mixed
    assert len(prints) == 16, "the site build keeps its prints in .cache/pdf/prints"
    book = tmp_path / "book.pdf"
    sources = [pikepdf.open(path) for path in prints]
    with pikepdf.new() as out:
        for source in sources:
            out.add_pages_from(source, outlines="ignore")
        pdffonts.share(out)
        out.save(book)
    page = 0
    for path, source in zip(prints, sources, strict=True):
        for number in range(1, len(source.pages) + 1):
            page += 1
            alone = [(round(x1 - x0, 1), word) for x0, _, x1, _, word in words(path, number)]
            together = [(round(x1 - x0, 1), word) for x0, _, x1, _, word in words(book, page)]
            assert together == alone, f"{path.name} page {number}"


def test_usb_copy_is_small_and_has_the_handouts(usb_zip, usb_dir):
    """The offline copy stays under 30 MB with every session, kit and form; every PDF link on its pages
    leads to a file of the copy (the books of whole parts are on the website only)."""
    assert usb_zip.stat().st_size <= 30_000_000, f"USB zip is {usb_zip.stat().st_size / 1e6:.1f} MB"
    course = usb_dir / "course"
    for lang in ("en", "lo"):
        for slug in handouts.kits():
            assert (course / "pdf" / editions.kit_pdf(lang, slug)).exists()
        for form in handouts.forms():
            assert (course / "pdf" / editions.form_pdf(lang, form)).exists()
        for pages in editions.sessions().values():
            for page in pages:
                for edition in EDITIONS:
                    assert (course / "pdf" / editions.session_pdf(lang, page, edition)).exists()
    broken = []
    for path in course.rglob("*.html"):
        for href in re.findall(r'href="([^"]+\.pdf)"', path.read_text(encoding="utf-8")):
            if not path.parent.joinpath(href).exists():
                broken.append(f"{path.relative_to(course)}: {href}")
    assert broken == [], broken[:10]
    html = (course / "lo" / SESSION).read_text(encoding="utf-8")
    assert editions.words("lo")["this_session"] in html and "coop-book" not in html


@pytest.mark.browser
def test_a_page_printed_again_is_the_same_file(site_dir, tmp_path):
    """Reproducible PDFs: a session printed again, into an empty cache, at another time, makes the very
    same bytes as the site's file (no creation date, no random id, no font time stamp), so a learner
    who kept it never downloads it again."""
    import asyncio
    import concurrent.futures

    from coopsite import pdfbook

    if str(ROOT / "scripts") not in sys.path:  # importable by name: its worker processes import it too
        sys.path.insert(0, str(ROOT / "scripts"))
    import make_pdf

    page, lang, edition = "management/m2-communication", "lo", "learner"
    builder = make_pdf.Builder(site_dir, make_pdf.Cache(tmp_path / "cache"), jobs=1)
    chapter = builder.chapter(lang, edition, page)

    name = editions.session_pdf(lang, page, edition)

    async def print_again() -> dict:
        try:
            await builder.run_prints([chapter.print])
            entry = pdfbook.Entry(builder.cache.print_path(chapter.print.key), chapter.title, chapter.headings)
            return builder.assemble([make_pdf.Output(name, "again", [entry])])
        finally:
            await builder.close()

    # in a thread of its own: Playwright's sync API (the other tests) may hold this thread's event loop
    with concurrent.futures.ThreadPoolExecutor(1) as thread:
        made = thread.submit(asyncio.run, print_again()).result()
    assert builder.printed == 1
    assert made[name].read_bytes() == (site_dir / "pdf" / name).read_bytes()
    info = subprocess.run(["pdfinfo", str(made[name])], capture_output=True, text=True, check=True).stdout
    assert "CreationDate" not in info and "ModDate" not in info, info


@pytest.mark.slow
def test_nothing_changed_prints_nothing(site_dir):
    """A second build with the same pages prints nothing and takes well under a minute."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_pdf.py"), "--site", str(site_dir)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    stats = json.loads((site_dir / "pdf" / "pdfs.json").read_text(encoding="utf-8"))["build"]
    manifest.cache_clear()
    assert stats["printed"] == 0 and stats["assembled"] == 0, stats
    assert stats["seconds"] < 60, stats


@pytest.mark.browser
def test_text_runs_draw_the_same_page(browser_context, http_root, tmp_path):
    """coopsite/pdftext.py makes Chromium's text shorter without moving a glyph."""
    import pikepdf

    from coopsite import pdftext

    context, _ = browser_context(http_root)
    page = context.new_page()
    page.goto(http_root + "lo/management/m6-finance.html")
    page.emulate_media(media="print")
    page.evaluate(ALL_FONTS)
    raw = tmp_path / "raw" / "page.pdf"
    raw.parent.mkdir()
    raw.write_bytes(page.pdf(prefer_css_page_size=True, print_background=True))
    tidy = tmp_path / "raw" / "tidy.pdf"
    with pikepdf.open(raw) as pdf:
        pdftext.tidy(pdf)
        pdf.save(tidy)
    assert squeeze(pdf_text(tidy)) == squeeze(pdf_text(raw))
    for before, after in zip(render(raw, tmp_path, 72), render(tidy, tmp_path, 72), strict=True):
        moved = sum(ImageChops.difference(before, after).histogram()[96:])
        assert moved < 0.001 * before.width * before.height, f"{moved} pixels moved"
