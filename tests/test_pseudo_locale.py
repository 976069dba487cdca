"""Proof that a language is added through the registry and the catalogs alone: a pseudo-locale, "xx".

In a temporary copy of the repository the test adds what a translator would add for a new language,
and nothing else: an entry in exercises/core/languages.py, its block in mkdocs.yml (names, copyright,
nav titles), catalogs for both domains, Material's interface words (overrides/partials/languages/),
and a copy of every page and of the glossary, reference, kit and form texts. Every text is "pseudo-translated":
English with accents on every letter and about 30 % longer, so untranslated English stands out.
Then it builds the site, the PDFs and the USB copy there, and checks that every page, every PDF
(parts, sessions, group kits, blank forms: names and text), the START-HERE page and every exercise
message is in the pseudo-locale, with no English left. The kits' and forms' files get their text in
the pseudo-locale as a translator adds it (docs/data/kits, docs/data/forms).
Not shipped: nothing of this stays in the repository.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from coopsite import editions, handouts
from coopsite.directives import fenced

ROOT = Path(__file__).resolve().parent.parent
CODE = "xx"  # not "qps": mkdocs-static-i18n takes two-letter codes (or ll-RR) only; xx is in no standard
pytestmark = pytest.mark.slow

_ACCENTED = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "áƀçđéƒĝĥíĵķļɱñöþǫŕšţûṽŵẋýžÁƁÇĐÉƑĜĤÍĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
        strict=True,
    )
)
_WORD = re.compile(r"[A-Za-z]+")


def pseudo(text: str) -> str:
    """Every letter accented, every word about 30 % longer ("Noy" → "Ñöýː"); {placeholders} kept."""

    def word(match: re.Match[str]) -> str:
        letters = match.group(0)
        return "".join(_ACCENTED[c] for c in letters) + "ː" * max(1, round(len(letters) * 0.3))

    parts = re.split(r"(\{\w*\})", text)
    return "".join(part if re.fullmatch(r"\{\w*\}", part) else _WORD.sub(word, part) for part in parts)


#: What Markdown must keep as written: code, directives, attribute lists, link targets, HTML tags,
#: footnote and emoji names, URLs, admonition types.
_KEEP = re.compile(
    r"`[^`]*`|\{[^}]*\}|\]\([^)]*\)|\]\[[^\]]*\]|<[^>]+>|\[\^[^\]]+\]|:[a-z][a-z-]*:|https?://\S+|"
    r"^(?:!!!|\?\?\?\+?|===)\s+\S+|^\s*[-*+]\s|^\s*\d+\.\s|^#+\s",
    re.M,
)


def pseudo_markdown(text: str) -> str:
    out, options = [], False
    lines = text.split("\n")
    for line, code in zip(lines, fenced(lines), strict=True):
        # a directive and its options ("    preset: simple") stay as they are
        options = (options and line.startswith("    ") and line.strip() != "") or line.startswith(":::")
        if options or code or line.lstrip().startswith(("|--", "| --", "|:-")):
            out.append(line)
            continue
        pieces, last = [], 0
        for match in _KEEP.finditer(line):
            pieces += [pseudo(line[last : match.start()]), match.group(0)]
            last = match.end()
        out.append("".join(pieces) + pseudo(line[last:]))
    return "\n".join(out)


def copy_repository(target: Path) -> Path:
    files = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    for name in files:
        if (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    for staged in ("vendor", "fonts", "coop", "pyodide"):  # `make assets` output, not in git
        shutil.copytree(
            ROOT / "overrides" / "assets" / staged, target / "overrides" / "assets" / staged, dirs_exist_ok=True
        )
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target


def titles(nav: object) -> set[str]:
    """Every title in mkdocs.yml's nav."""
    if isinstance(nav, list):
        return set().union(*(titles(item) for item in nav))
    if isinstance(nav, dict):
        return set(nav) | set().union(*(titles(value) for value in nav.values()))
    return set()


def add_language(repo: Path) -> None:
    """Everything a translator adds for a new language, pseudo-translated."""
    registry = repo / "exercises" / "core" / "languages.py"
    text = registry.read_text(encoding="utf-8")
    entry = (
        f'    Language(code="{CODE}", name="{pseudo("Pseudo")}", english_name="Pseudo", material="{CODE}",'
        ' font_files={"@fontsource/noto-sans": ("latin", "latin-ext")}),\n)\n\nDEFAULT'
    )
    registry.write_text(text.replace("\n)\n\nDEFAULT", "\n" + entry, 1), encoding="utf-8")

    config_path = repo / "mkdocs.yml"
    config = config_path.read_text(encoding="utf-8")
    nav_titles = sorted(titles(yaml.load(config, Loader=yaml.BaseLoader)["nav"]))
    block = [
        f"        - locale: {CODE}",
        f"          name: {json.dumps(pseudo('Pseudo'))}",
        "          build: true",
        f"          site_name: {json.dumps(pseudo('Our Coffee Co-op'))}",
        f"          copyright: {json.dumps(pseudo('Course text CC BY-SA 4.0, code MIT.'))}",
        "          nav_translations:",
    ]
    block += [f"            {json.dumps(title)}: {json.dumps(pseudo(title))}" for title in nav_titles]
    config = config.replace("  # Must come after i18n", "\n".join(block) + "\n  # Must come after i18n", 1)
    config_path.write_text(config, encoding="utf-8")

    # The copy's scripts/catalogs.py, loaded under its own name: the tests' own `catalogs` (the
    # repository's) must not write the new catalogs into the repository.
    spec = importlib.util.spec_from_file_location("pseudo_catalogs", repo / "scripts" / "catalogs.py")
    assert spec and spec.loader
    catalogs = importlib.util.module_from_spec(spec)
    path = list(sys.path)
    sys.modules[spec.name] = catalogs  # its dataclass looks itself up there
    try:
        spec.loader.exec_module(catalogs)
    finally:
        sys.path[:] = path  # it puts the copy first on sys.path
        del sys.modules[spec.name]
    assert all(repo in domain.locale.parents for domain in catalogs.DOMAINS)
    for domain in catalogs.DOMAINS:
        template = catalogs.extract(domain)
        for message in template:
            if message.id:
                message.string = pseudo(message.id)
        template.locale = CODE
        catalogs.save(template, catalogs.po_path(CODE, domain))

    material = Path(__import__("material").__file__).parent / "templates" / "partials" / "languages" / "en.html"
    words = material.read_text(encoding="utf-8").replace('"language": "en"', f'"language": "{CODE}"')
    words = re.sub(
        r'^(\s*"(?!language|direction|search\.config)[\w.]+": ")([^"]*)(")',
        lambda m: m.group(1) + pseudo(m.group(2)) + m.group(3),
        words,
        flags=re.M,
    )
    (repo / "overrides" / "partials" / "languages" / f"{CODE}.html").write_text(words, encoding="utf-8")

    for page in (repo / "docs").rglob("*.en.md"):
        page.with_name(page.name[: -len(".en.md")] + f".{CODE}.md").write_text(
            pseudo_markdown(page.read_text(encoding="utf-8")), encoding="utf-8"
        )
    for data, fields in (("glossary", ("", "def_")), ("references", ("supports_",))):
        path = repo / "docs" / "data" / f"{data}.yml"
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
        for entry in entries:
            for field in fields:
                entry[f"{field}{CODE}"] = pseudo(entry[f"{field}en"])
        path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for path in [*(repo / "docs" / "data" / "kits").glob("*.yml"), *(repo / "docs" / "data" / "forms").glob("*.yml")]:
        data = with_pseudo_text(yaml.safe_load(path.read_text(encoding="utf-8")))
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def with_pseudo_text(value: object) -> object:
    """A kit or form (docs/data/kits, forms), every text of it (``{en: …, lo: …}``) also in the pseudo-locale."""
    if isinstance(value, list):
        return [with_pseudo_text(item) for item in value]
    if not isinstance(value, dict):
        return value
    found = {key: with_pseudo_text(item) for key, item in value.items()}
    if "en" in value and "lo" in value:
        found[CODE] = pseudo(str(value["en"]))
    return found


def run(repo: Path, *command: str) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(repo), "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run([sys.executable, *command], cwd=repo, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"


#: Plain-ASCII words that may stay on a pseudo page: names of other languages, the course's acronyms
#: and product names, units of tables, and what the theme prints as is.
ALLOWED = {
    "English",
    "PDF",
    "ILO",
    "COOP",
    "ICA",
    "CPC",
    "JCFC",
    "FAO",
    "USDA",
    "CC",
    "BY",
    "SA",
    "MIT",
    "US",
    "MB",
    "KB",
    "lb",
    "kg",
    "km",
    "ha",
    "Python",
    "Pyodide",
    "MkDocs",
    "Material",
    "Noto",
    "Sans",
    "Lao",
    "OT",
    "Phetsarath",
    "Saysettha",
}


def english_words(html: str) -> list[str]:
    """Plain-ASCII words a reader sees on a built page (scripts, styles, code and attribute values left out)."""
    body = re.sub(r"<(script|style|code|pre)\b.*?</\1>", " ", html, flags=re.S | re.I)
    # Words of another language, marked as such (the glossary's other columns, the language switcher),
    # and source titles in references, which stay in the language they were published in.
    body = re.sub(rf'<(\w+)[^>]*\blang="(?!{CODE}")[^"]*"[^>]*>.*?</\1>', " ", body, flags=re.S)
    body = re.sub(r'<span class="coop-cite">.*?</span>', " ", body, flags=re.S)
    body = re.sub(r"<[^>]+>", " ", body)
    # web addresses, with or without their scheme (the wording note writes the tracker's out), and file names
    body = re.sub(
        r"https?://\S+|\S+@\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|la)(?:/\S*)?|\S+\.(?:html|pdf|md|py|zip|txt)\b",
        " ",
        body,
    )
    body = re.sub(r"&\w+;|&#\w+;", " ", body)
    return [w for w in re.findall(r"(?<![\w.-])[A-Za-z]{2,}(?![\w-])", body) if w not in ALLOWED]


def test_a_pseudo_language_is_added_through_the_registry_and_catalogs_alone(tmp_path):
    repo = copy_repository(tmp_path / "repo")
    add_language(repo)
    run(repo, "scripts/catalogs.py", "check")
    run(repo, "scripts/catalogs.py", "compile")
    staged = "stage_assets.stage_fonts(); stage_assets.stage_languages()"  # what the registry's languages make
    run(repo, "-c", f"import sys; sys.path.insert(0, 'scripts'); import stage_assets; {staged}")
    run(repo, "-m", "mkdocs", "build", "--strict")
    run(repo, "scripts/make_pdf.py", "--only", CODE)
    run(repo, "scripts/make_usb.py", "--version", "0.0.0", "--date", "2000-01-01")
    site = repo / "site"

    # Every page of the nav, in the pseudo-locale, with no English left.
    english_pages = sorted(
        p.relative_to(site)
        for p in site.rglob("*.html")
        if p.parts[len(site.parts)]
        not in ("lo", CODE, "pdf", "pdf-src", "search", "assets", "404.html", "offline.html")
    )
    leaks = {}
    for page in english_pages:
        built = site / CODE / page
        assert built.exists(), f"no {CODE} page for {page}"
        html = built.read_text(encoding="utf-8")
        assert f'<html lang="{CODE}"' in html, page
        words = english_words(html)
        if words:
            leaks[str(page)] = words[:12]
    assert not leaks, f"English on {len(leaks)} {CODE} pages: {json.dumps(leaks, ensure_ascii=False)[:3000]}"

    # The web app: the language's manifest, and its part of the page shown offline (every language's).
    manifest = json.loads((site / CODE / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["lang"] == CODE and manifest["short_name"] == pseudo("Coffee Co-op")
    offline = (site / "offline.html").read_text(encoding="utf-8")
    assert f'<section lang="{CODE}">' in offline and pseudo("Go to the home page") in offline

    # Exercises: the widget and its messages in the pseudo-locale (the page check covers the static HTML).
    m2 = (site / CODE / "management" / "m2-communication.html").read_text(encoding="utf-8")  # the full preset
    assert pseudo("Simulation: pooled pricing, advance and final payment") in m2
    assert pseudo("Noy's final payment: {amount}").replace("{amount}", "") in m2.replace("&#39;", "'")
    script = (
        "import exercises.api as a; "
        "print(a.update('wet-mill', LANG, {'fee': 'oops'})['errors']['fee']); "
        "print(a.check('wet-mill', LANG, 'break-even-kg', '1', {'fee': '100'})['feedback'])"
    ).replace("LANG", repr(CODE))
    env = {**os.environ, "PYTHONPATH": str(repo), "PYTHONIOENCODING": "utf-8"}
    said = subprocess.run([sys.executable, "-c", script], cwd=repo, capture_output=True, text=True, env=env, check=True)
    assert said.stdout.count("\n") == 2 and not english_words(said.stdout), said.stdout

    # PDFs: every part and the whole course, every session (both editions), every group kit and form,
    # named with the code, listed on the printing page and linked with their sizes, with no English inside.
    expected = {editions.pdf_name(CODE, part, edition) for part in editions.PARTS for edition in editions.EDITIONS}
    expected |= {
        editions.session_pdf(CODE, page, edition)
        for pages in editions.sessions().values()
        for page in pages
        for edition in editions.EDITIONS
    }
    expected |= {editions.kit_pdf(CODE, kit) for kit in handouts.kit_pages()}
    expected |= {editions.form_pdf(CODE, form) for form in handouts.form_names()}
    made = json.loads((site / "pdf" / "pdfs.json").read_text(encoding="utf-8"))["files"]
    assert set(made) == expected, set(made) ^ expected
    printing = (site / CODE / "trainers" / "printing.html").read_text(encoding="utf-8")
    leaks = {}
    for name in sorted(expected):
        assert (site / "pdf" / name).stat().st_size > 5_000, name
        assert f'data-pdf="{name}"' in printing, name
        text = subprocess.run(
            ["pdftotext", str(site / "pdf" / name), "-"], capture_output=True, text=True, check=True
        ).stdout
        if english_words(text):
            leaks[name] = english_words(text)[:12]
    assert not leaks, f"English in {len(leaks)} {CODE} PDFs: {json.dumps(leaks, ensure_ascii=False)[:3000]}"
    session = (site / CODE / "management" / "m2-communication.html").read_text(encoding="utf-8")
    label = re.escape(pseudo("This session")) + r'<span class="coop-pdf-info"> \(\d+ \S+, [\d.]+ [KM]B\)</span>'
    assert re.search(label, session), "the session's PDF link has no size"

    # The USB copy: START-HERE has the pseudo-locale's entry in its own words; HOW-TO-OPEN too.
    usb = next((repo / "dist").glob("our-coffee-coop-*.zip"))
    with zipfile.ZipFile(usb) as archive:
        start = archive.read("START-HERE.html").decode()
        how_to = archive.read("HOW-TO-OPEN.txt").decode()
        assert f"course/{CODE}/index.html" in archive.namelist()
        in_copy = {name[len("course/pdf/") :] for name in archive.namelist() if name.startswith("course/pdf/")}
    assert {name for name in expected if not editions.is_book(name)} <= in_copy  # the books stay online
    assert not {name for name in expected if editions.is_book(name)} & in_copy
    assert f'href="course/{CODE}/index.html" lang="{CODE}">{pseudo("Pseudo")}' in start
    assert pseudo("Open the course in this language") in start
    assert pseudo("Double-click START-HERE.html.").split(" ")[0] in how_to
