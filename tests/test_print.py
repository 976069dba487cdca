"""Print: A4 editions on screen and paper, and the PDFs (English and Lao, learner and trainer)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import wait_for

from coopsite.editions import EDITIONS, PARTS, pdf_name

SESSION = "management/m2-communication.html"  # has a facilitator box and a simulation with answer keys


def visible(page, selector: str) -> bool:
    return page.evaluate(f"""[...document.querySelectorAll({selector!r})].some(e => {{
        const s = getComputedStyle(e); const r = e.getBoundingClientRect();
        return s.display !== 'none' && s.visibility !== 'hidden' && r.width > 0 && r.height > 0; }})""")


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


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def first_page_ink(path: Path, tmp_path: Path) -> float:
    """Share of non-white pixels on page 1, rendered by pdftoppm."""
    stem = tmp_path / path.stem
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "30", "-gray", str(path), str(stem)], check=True)
    image = next(tmp_path.glob(f"{path.stem}*.pgm")).read_bytes()
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", image)
    pixels = image[header.end() :]
    return sum(1 for value in pixels if value < 200) / len(pixels)


@pytest.mark.parametrize("lang", ["en", "lo"])
@pytest.mark.parametrize("part", PARTS)
def test_pdfs(site_dir, tmp_path, lang, part):
    pages = {}
    for edition in EDITIONS:
        path = site_dir / "pdf" / pdf_name(lang, part, edition)
        assert path.exists(), f"missing {path.name}: run `make pdf`"
        pages[edition] = pdf_pages(path)
        text = pdf_text(path)
        if lang == "lo":
            assert len(re.findall(r"[\u0E80-\u0EFF]", text)) > 2000, f"{path.name}: too little Lao text"
        assert first_page_ink(path, tmp_path) > 0.002, f"{path.name}: the first page is blank"
        squeezed = re.sub(r"\s+", "", text)  # pdftotext puts spaces around Lao vowel and tone marks
        has_keys = "Answer(defaultnumbers)" in squeezed or "ຄຳຕອບ(ຕົວເລກຕັ້ງຕົ້ນ)" in squeezed
        has_notes = "Facilitatornotes" in squeezed or "ບັນທຶກສຳລັບຜູ້ອຳນວຍຄວາມສະດວກ" in squeezed
        if edition == "learner":
            assert not has_keys, f"{path.name}: answer keys in the learner edition"
        elif part in ("key-concepts", "management", "course"):  # parts with simulations
            assert has_keys and has_notes, f"{path.name}: the trainer edition lacks answers or notes"
    low, high = (40, 600) if part == "course" else (5, 200)
    assert low <= pages["learner"] <= pages["trainer"] <= high, pages


def test_the_course_pdf_has_every_part(site_dir):
    total = pdf_pages(site_dir / "pdf" / pdf_name("en", "course", "trainer"))
    parts = sum(pdf_pages(site_dir / "pdf" / pdf_name("en", p, "trainer")) for p in PARTS[:-1])
    assert abs(total - parts) <= 2 * len(PARTS) + 2  # each part PDF adds a title page and contents


def test_session_pages_link_their_pdfs(site_dir):
    html = (site_dir / "lo" / SESSION).read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+\.pdf)"', html)
    assert {Path(link).name for link in links} == {pdf_name("lo", "management", e) for e in EDITIONS}
    for link in links:
        assert (site_dir / "lo" / SESSION).parent.joinpath(link).resolve().exists(), link
