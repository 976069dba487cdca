"""Authors' mistakes stop the build with the file and line; the USB copy is complete."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile

import pytest
from conftest import ROOT, wait_for

from coopsite import assets
from coopsite.directives import DirectiveError, expand, substitute
from coopsite.search import index_path

# ---- Directives ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "markdown, message",
    [
        ("# T\n\n::: exercise poled-pricing\n", "page.en.md:3: unknown exercise 'poled-pricing'"),
        ("# T\n\n::: exercise\n", "page.en.md:3: '::: exercise' needs an argument"),
        ("::: glosary\n", "page.en.md:1: unknown directive '::: glosary'"),
        ("::: glossary terms\n", "page.en.md:1: '::: glossary' takes no argument"),
        (
            "x\n\n::: exercise pooled-pricing\n    colour: red\n",
            "page.en.md:3: '::: exercise pooled-pricing' has no option 'colour' (accepted: preset)",
        ),
        (
            "x\n\n::: exercise pooled-pricing\n    preset: simpel\n",
            "page.en.md:3: unknown preset 'simpel' for '::: exercise pooled-pricing'; known: full, simple",
        ),
        (
            "x\n\n::: exercise wet-mill\n    preset: simple\n",
            "page.en.md:3: '::: exercise wet-mill' has no option 'preset' (accepted: none)",
        ),
        (
            "x\n\n::: exercise pooled-pricing\n    preset simple\n",
            "page.en.md:4: cannot read this option of '::: exercise': 'preset simple' (expected 'key: value'",
        ),
        ("::: glossary\n    preset: simple\n", "page.en.md:1: '::: glossary' has no option 'preset' (accepted: none)"),
    ],
)
def test_directive_mistakes_name_file_and_line(markdown, message):
    with pytest.raises(DirectiveError) as error:
        expand(markdown, "docs/page.en.md", "en")
    assert message in str(error.value)


def test_a_preset_is_chosen_by_an_option():
    expansion = expand("x\n\n::: exercise pooled-pricing\n    preset: simple\n\nText\n", "docs/p.en.md", "en")
    assert 'id="cx-pooled-pricing-simple"' in expansion.html[0] and "preset: simple" not in expansion.markdown
    assert expansion.markdown.endswith("\n\nText\n")
    full = expand("::: exercise pooled-pricing\n    preset: full\n", "docs/p.en.md", "en").html[0]
    assert full == expand("::: exercise pooled-pricing\n", "docs/p.en.md", "en").html[0]


def test_line_numbers_count_front_matter():
    with pytest.raises(DirectiveError, match=r"page\.en\.md:7:"):
        expand("# T\n\n::: nope\n", "docs/page.en.md", "en", line_offset=4)


def test_directives_inside_code_blocks_are_left_alone():
    text = "```\n::: exercise nope\n```\n\n~~~md\n::: glossary\n~~~\n"
    assert expand(text, "p.md", "en").markdown == text


def test_placeholders_survive_markdown():
    expansion = expand("Intro\n\n::: glossary\n\nOutro\n", "docs/glossary.en.md", "en")
    html = "<p>Intro</p>\n" + expansion.markdown.split("\n")[3] + "\n<p>Outro</p>"
    out = substitute(html, expansion.html)
    assert 'class="coop-glossary"' in out and "coop-directive" not in out


@pytest.mark.slow
def test_a_typo_in_a_page_stops_the_build_with_file_and_line(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    page = docs / "management" / "m2-communication.lo.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if line.startswith("::: exercise"))
    lines[number - 1] = "::: exercise pooled-prizing"
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = ROOT / f"mkdocs-test-{tmp_path.name}.yml"
    config.write_text(f"INHERIT: mkdocs.yml\ndocs_dir: {docs}\nsite_dir: {tmp_path / 'site'}\n", encoding="utf-8")
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
        )
    finally:
        config.unlink()
    assert result.returncode != 0
    assert f"m2-communication.lo.md:{number}: unknown exercise 'pooled-prizing'" in result.stderr + result.stdout


# ---- The USB copy -------------------------------------------------------------------------------


def test_usb_zip_is_named_with_version_and_date(usb_zip, site_dir):
    assert re.fullmatch(r"our-coffee-coop-\d+\.\d+\.\d+-\d{4}-\d{2}-\d{2}\.zip", usb_zip.name)
    with zipfile.ZipFile(usb_zip) as archive:
        names = set(archive.namelist())
    assert {
        "START-HERE.html",
        "HOW-TO-OPEN.txt",
        "course/index.html",
        "course/lo/index.html",
        "course/search/search_index.js",
        "course/" + index_path(site_dir, "lo"),  # the Lao search documents (a hashed name)
    } <= names
    served = assets.fingerprints()  # the site's own scripts and packs, by their hashed names
    assert {
        f"course/assets/{served[name]}" for name in ("coop/search-worker.js", "pyodide/packs/wasm.gz.b64.js")
    } <= names
    with zipfile.ZipFile(usb_zip) as archive:
        how = archive.read("HOW-TO-OPEN.txt").decode("utf-8")
    assert "START-HERE.html" in how and re.search(r"[\u0E80-\u0EFF]", how)


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("choice, lang", [("course/index.html", "en"), ("course/lo/index.html", "lo")])
def test_start_here_opens_the_course(browser_context, usb_dir, choice, lang):
    root = usb_dir.as_uri() + "/"
    context, watch = browser_context(root)
    page = context.new_page()
    page.goto(root + "START-HERE.html")
    page.click(f'a[href="{choice}"]')
    page.wait_for_url(root + choice)
    assert page.evaluate("document.documentElement.lang") == lang
    wait_for(page, "document.readyState === 'complete'")
    assert watch.blocked == [] and watch.console_errors == []
