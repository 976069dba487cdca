"""The built site as an installable web app, and the learning path — checked in the built files.

Behaviour in a browser (offline, "Keep this course", the update prompt, the progress page) is in
test_browser_offline.py and test_browser_site.py.
"""

from __future__ import annotations

import json
import re
import struct
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from coopsite import directives, editions, learning_path

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "assets" / "images"
LANG_ROOT = {"en": "", "lo": "lo/"}


def config() -> dict:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def i18n_languages() -> dict:
    plugin = next(p["i18n"] for p in config()["plugins"] if isinstance(p, dict) and "i18n" in p)
    return {lang["locale"]: lang for lang in plugin["languages"]}


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def worker_lists(site_dir: Path) -> str:
    return (site_dir / "sw.js").read_text(encoding="utf-8")


# ---- Manifests and icons ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "lo"])
def test_each_language_has_its_web_app_manifest(site_dir, lang):
    manifest = json.loads((site_dir / LANG_ROOT[lang] / "manifest.webmanifest").read_text(encoding="utf-8"))
    expected_name = i18n_languages()[lang].get("site_name") or config()["site_name"]
    assert manifest["name"] == expected_name and manifest["lang"] == lang
    assert manifest["short_name"] and len(manifest["short_name"]) <= 15
    assert manifest["start_url"] == "./index.html" and manifest["scope"] == "./" and manifest["display"] == "standalone"
    assert (site_dir / LANG_ROOT[lang] / manifest["start_url"]).resolve().is_file()
    purposes = set()
    for icon in manifest["icons"]:
        path = (site_dir / LANG_ROOT[lang] / icon["src"]).resolve()
        assert path.is_file(), icon["src"]
        if icon["type"] == "image/png":
            width, height = png_size(path)
            assert icon["sizes"] == f"{width}x{height}"
        purposes.add(icon["purpose"])
    assert {"any", "maskable"} <= purposes
    assert {icon["sizes"] for icon in manifest["icons"]} >= {"192x192", "512x512"}


def test_icons_are_drawn_at_their_sizes():
    for name, size in [
        ("icon-192.png", 192),
        ("icon-512.png", 512),
        ("icon-maskable-512.png", 512),
        ("icon-180.png", 180),
    ]:
        assert png_size(IMAGES / name) == (size, size), name


def test_pages_link_the_apple_icon_and_theme_colour_but_not_the_manifest(site_dir):
    """The manifest is linked by the page script over http(s) only: from file:// it would be an error."""
    for page in ["index.html", "lo/management/m6-finance.html"]:
        html = (site_dir / page).read_text(encoding="utf-8")
        assert 'rel="manifest"' not in html
        assert '<meta name="theme-color"' in html and 'rel="apple-touch-icon"' in html
        settings = json.loads(
            re.search(r'<script type="application/json" id="coop-app">(.*?)</script>', html, re.S).group(1)
        )
        manifest = (site_dir / page).parent / settings["manifest"]
        assert manifest.resolve().is_file()


# ---- The service worker's lists ----------------------------------------------------------------------


def test_the_worker_keeps_every_page_and_nothing_only_file_needs(site_dir):
    listed = set(re.findall(r'url:"([^"]+)"', worker_lists(site_dir)))
    pages = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")} - {
        "404.html",
        "lo/404.html",
        "offline.html",
    }
    assert pages - listed == set(), "pages the worker does not keep"
    assert not {u for u in listed if u.endswith(("search_index.js", ".map")) or "/packs/" in u}
    served = json.loads((site_dir / "assets" / "coop" / "fingerprints.json").read_text())
    scripts = {f"assets/{served[name]}" for name in ("coop/app.js", "coop/runtime.js")}  # by their hashed names
    assert {"search/search_index.json", "offline.html", *scripts} <= listed
    for url in listed:
        assert (site_dir / url).is_file(), url


def test_keep_lists_python_from_its_manifest_and_the_pdfs_per_language(site_dir):
    text = worker_lists(site_dir)
    manifest = json.loads((site_dir / "assets" / "coop" / "manifest.json").read_text())
    boot = manifest["boot"]["http"]
    listed = set(re.findall(r'url:"([^"]+)"', text))
    # both ways Python starts: from the snapshot, and the normal start a refused snapshot falls back to,
    # by the names the site serves them under (with their hashes)
    assert {f"assets/{manifest['files'][path]['url']}" for path in boot["snapshot"] + boot["normal"]} <= listed
    assert not [url for url in listed if url.endswith((".gz", ".br"))]  # the host sends those in place of the file
    for pdf in (site_dir / "pdf").rglob("*.pdf"):
        name = pdf.relative_to(site_dir / "pdf").as_posix()
        # every session, kit and form; the books of whole parts (the same pages again) stay online
        assert (f"pdf/{name}" in listed) != editions.is_book(name), name
    for group in ("python", "pdf-en", "pdf-lo"):
        assert re.search(rf'cache:"coop-keep-{group}-[0-9a-f]{{12}}"', text), group


def test_offline_page_speaks_both_languages(site_dir):
    html = (site_dir / "offline.html").read_text(encoding="utf-8")
    assert '<base href="./">' in html  # the worker points it at the site's root
    assert 'lang="en"' in html and 'lang="lo"' in html and "ບໍ່ມີອິນເຕີເນັດ" in html
    assert 'href="index.html"' in html and 'href="lo/index.html"' in html


# ---- Theme parts ----------------------------------------------------------------------------------------


def test_footer_licence_is_in_the_page_language(site_dir):
    lao = (site_dir / "lo" / "index.html").read_text(encoding="utf-8")
    english = (site_dir / "index.html").read_text(encoding="utf-8")
    assert "ເນື້ອໃນຫຼັກສູດ CC BY-SA 4.0" in lao and "ບໍ່ແມ່ນເອກະສານຂອງ ILO" in lao and "Course text CC BY-SA" not in lao
    assert "Course text CC BY-SA 4.0" in english


@pytest.mark.parametrize("page, name", [("index.html", "Search"), ("lo/index.html", "ຊອກຫາ")])
def test_search_dialog_has_a_name(site_dir, page, name):
    html = (site_dir / page).read_text(encoding="utf-8")
    assert f'data-md-component="search" role="dialog" aria-label="{name}"' in html


@pytest.mark.parametrize(
    "page, words",
    [
        ("index.html", ["Switch to light colours", "Switch to dark colours", "Use the colours set on this device"]),
        ("lo/index.html", ["ປ່ຽນເປັນສີແຈ້ງ", "ປ່ຽນເປັນສີມືດ", "ໃຊ້ສີຕາມທີ່ຕັ້ງໄວ້ໃນເຄື່ອງນີ້"]),
    ],
)
def test_colour_switch_follows_the_device_and_speaks_the_language(site_dir, page, words):
    html = (site_dir / page).read_text(encoding="utf-8")
    assert 'data-md-color-media="(prefers-color-scheme)"' in html
    assert 'data-md-color-scheme="slate"' in html
    for word in words:
        assert f'aria-label="{word}"' in html


def test_no_emoji_in_the_stylesheets():
    """An emoji shows as an empty box on phones without an emoji font (the hint's light bulb did)."""
    for css in (ROOT / "overrides" / "assets" / "stylesheets").glob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert not [ch for ch in text if ord(ch) > 0xFFFF or (0x2600 <= ord(ch) <= 0x27BF and ch != "✓")], css.name


# ---- Learning path ------------------------------------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.items: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.items.append((tag, dict(attrs)))


def _sessions_in_nav() -> list[str]:
    pages = []

    def walk(items):
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                walk(value)
            else:
                pages.append(value)

    walk(config()["nav"])
    sessions = []
    for page in pages:
        html = ROOT / "site" / page.replace(".md", ".html")
        # a session is a page of one of the course's parts with facilitator notes (the plan page has notes too)
        in_part = page.split("/", 1)[0] in editions.PARTS
        if in_part and html.is_file() and editions.is_session(html.read_text(encoding="utf-8")):
            sessions.append(page.replace(".md", ".html"))
    return sessions


@pytest.mark.parametrize("lang", ["en", "lo"])
def test_home_page_starts_with_the_first_session(site_dir, lang):
    html = (site_dir / LANG_ROOT[lang] / "index.html").read_text(encoding="utf-8")
    block = html[html.index('class="coop-start"') :]
    parser = _Links()
    parser.feed(block[: block.index("</section>")])
    links = [attrs["href"] for tag, attrs in parser.items if tag == "a"]
    assert links[:2] == [_sessions_in_nav()[0], "progress.html"]
    assert 'class="coop-keep"' in block


@pytest.mark.parametrize("lang", ["en", "lo"])
def test_progress_page_lists_every_session_and_simulation(site_dir, lang):
    html = (site_dir / LANG_ROOT[lang] / "progress.html").read_text(encoding="utf-8")
    parser = _Links()
    parser.feed(html[html.index('class="coop-path"') :])
    sessions = [attrs["href"] for tag, attrs in parser.items if tag == "a" and attrs.get("href", "").endswith(".html")]
    assert sessions[: len(_sessions_in_nav())] == _sessions_in_nav()
    simulations = [
        (attrs["data-exercise"], json.loads(attrs["data-questions"]))
        for tag, attrs in parser.items
        if attrs.get("class") == "coop-path-sim"
    ]
    used = []
    for page in _sessions_in_nav():
        source = (ROOT / "docs" / page.replace(".html", f".{lang}.md")).read_text(encoding="utf-8")
        used += [(page[: -len(".html")], name) for name in re.findall(r"^::: exercise (\S+)", source, re.M)]
    # each simulation is listed under its page ("page#name" or "page#name:preset": work is kept per page)
    assert [(key.split("#")[0], key.split("#")[1].split(":")[0]) for key, _ in simulations] == used
    assert all(len(questions) > 0 for _, questions in simulations)
    assert 'class="cx-progress-box' in html and 'class="coop-keep"' in html


@pytest.mark.parametrize(
    "name, mark", [("start-here", learning_path.START_MARK), ("progress", learning_path.PROGRESS_MARK)]
)
def test_learning_path_directives_take_no_argument(name, mark):
    assert directives.expand(f"::: {name}", "x.md", "en").html == [mark]
    with pytest.raises(directives.DirectiveError, match="takes no argument"):
        directives.expand(f"::: {name} something", "x.md", "en")
