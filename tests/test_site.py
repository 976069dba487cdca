"""Checks on the built site (site/): offline by construction, Lao done right, search index copies equal."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
MATERIAL_LANGUAGES = Path(__import__("material").__file__).parent / "templates" / "partials" / "languages"

# Attributes whose URL a browser fetches by itself (not links a reader may follow).
_FETCHED = {
    "script": ["src"],
    "img": ["src", "srcset"],
    "source": ["src", "srcset"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "iframe": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "track": ["src"],
    "input": ["src"],
    "link": ["href"],
    "image": ["href", "xlink:href"],
    "use": ["href", "xlink:href"],
}
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)""")
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?['"]?([^'")\s;]+)""")
# In JavaScript: URLs handed to something that fetches or runs them.
_JS_FETCH = re.compile(
    r"""(?:fetch|importScripts|import|Worker|SharedWorker|EventSource|WebSocket|sendBeacon)\s*\(\s*["'`](https?:)?//"""
)
_CDN_HOSTS = re.compile(
    r"https?://[\w.-]*(unpkg\.com|jsdelivr\.net|cdnjs\.[\w.]+|googleapis\.com|gstatic\.com|pyodide\.org)[^\"'`\s]*"
)
# Fallbacks inside third-party code that our pages never reach; the browser tests prove it by
# aborting and counting every off-origin request on every page they open.
DORMANT = {
    # Material loads these only if the browser lacks ResizeObserver (all supported ones have it),
    # or if a page has a Mermaid diagram (none does; test_no_mermaid_diagrams).
    "https://unpkg.com/resize-observer-polyfill",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js",
    # Pyodide's default for packages outside its core files; the worker passes packageBaseUrl and
    # loads no packages.
    "https://cdn.jsdelivr.net/pyodide/v${U}/full/",
}


def off_origin(url: str) -> bool:
    url = url.strip()
    return bool(urlparse(url).netloc) or url.startswith("//")


class _Fetched(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and (attrs.get("rel") or "") in ("alternate", "canonical", "license"):
            return  # not fetched by the browser
        for name in _FETCHED.get(tag, []):
            value = attrs.get(name)
            if value:
                for part in value.split(","):
                    self.urls.append((f"<{tag} {name}>", part.strip().split(" ")[0]))
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            self.urls.append(("<meta refresh>", (attrs.get("content") or "").split("url=")[-1]))
        style = attrs.get("style") or ""
        self.urls += [("style", u) for u in _CSS_URL.findall(style)]


def test_no_file_of_the_site_fetches_from_another_origin(site_dir):
    problems = []
    for path in site_dir.rglob("*"):
        if not path.is_file():
            continue
        relative = path.relative_to(site_dir)
        if path.suffix == ".html":
            parser = _Fetched()
            text = path.read_text(encoding="utf-8")
            parser.feed(text)
            problems += [f"{relative}: {where} {url}" for where, url in parser.urls if off_origin(url)]
            for style in re.findall(r"<style[^>]*>(.*?)</style>", text, re.S):
                problems += [
                    f"{relative}: <style> {u}"
                    for u in _CSS_URL.findall(style) + _CSS_IMPORT.findall(style)
                    if off_origin(u)
                ]
        elif path.suffix == ".css":
            text = path.read_text(encoding="utf-8", errors="replace")
            problems += [
                f"{relative}: {u}" for u in _CSS_URL.findall(text) + _CSS_IMPORT.findall(text) if off_origin(u)
            ]
        elif path.suffix in (".js", ".mjs"):
            text = path.read_text(encoding="utf-8", errors="replace")
            problems += [f"{relative}: {m.group(0)}" for m in _JS_FETCH.finditer(text)]
            if relative.parts[:2] != ("search",):  # the search index holds reference URLs as text
                problems += [
                    f"{relative}: CDN {m.group(0)}" for m in _CDN_HOSTS.finditer(text) if m.group(0) not in DORMANT
                ]
    assert not problems, "files of the site refer to other origins:\n" + "\n".join(sorted(set(problems))[:40])


def test_no_mermaid_diagrams(site_dir):
    assert not [p for p in site_dir.rglob("*.html") if 'class="mermaid"' in p.read_text(encoding="utf-8")]


def test_the_checker_sees_off_origin_files():
    parser = _Fetched()
    parser.feed(
        '<script src="https://unpkg.com/x"></script><a href="https://ilo.org">ok</a><link rel="stylesheet" href="//fonts.x/y.css">'
    )
    assert [u for _, u in parser.urls if off_origin(u)] == ["https://unpkg.com/x", "//fonts.x/y.css"]
    assert _JS_FETCH.search('importScripts("https://cdn.example/x.js")')


def test_offline_search_index_matches_json(site_dir):
    """file:// reads search_index.js; it must hold exactly what the .json holds (the search settings;
    each language's documents are in search/index.<code>.<hash>.js, see tests/test_search_lao.py)."""
    data = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    script = (site_dir / "search" / "search_index.js").read_text(encoding="utf-8")
    assert script.startswith("var __index = ")
    assert json.loads(script[len("var __index = ") :]) == data
    assert data["config"]["separator"] and data["docs"] == []


def test_html_lang_and_heading_ids(site_dir):
    problems = []
    for path in site_dir.rglob("*.html"):
        relative = path.relative_to(site_dir)
        if relative.name == "404.html":
            continue
        text = path.read_text(encoding="utf-8")
        expected = "lo" if relative.parts[0] == "lo" else "en"
        lang = re.search(r"<html[^>]*\blang=\"([^\"]+)\"", text)
        if not lang or lang.group(1) != expected:
            problems.append(f"{relative}: <html lang> is {lang and lang.group(1)!r}, expected {expected!r}")
        for heading_id in re.findall(r"<h[1-6][^>]*\bid=\"([^\"]*)\"", text):
            if re.fullmatch(r"_\d*|", heading_id):
                problems.append(f"{relative}: heading id {heading_id!r} (give the heading an explicit {{ #id }})")
    assert not problems, "\n".join(problems)


def test_lao_interface_strings_are_complete():
    """overrides/partials/languages/lo.html translates every key of Material's English file."""
    key = re.compile(r'^\s*"([\w.]+)":', re.M)
    english = set(key.findall((MATERIAL_LANGUAGES / "en.html").read_text(encoding="utf-8")))
    lao_text = (ROOT / "overrides" / "partials" / "languages" / "lo.html").read_text(encoding="utf-8")
    lao = set(key.findall(lao_text))
    missing = sorted(english - lao - {"search.config.lang", "search.config.pipeline", "search.config.separator"})
    assert not missing, f"lo.html lacks Lao for: {missing}"
    values = re.findall(r'^\s*"(?!language|direction)[\w.]+": "([^"]*)"', lao_text, re.M)
    untranslated = [v for v in values if not re.search(r"[\u0E80-\u0EFF]", v) and v not in ("RSS",)]
    assert not untranslated or all("RSS" in v for v in untranslated)


def test_language_switcher_links_each_page_to_its_translation(site_dir):
    page = (site_dir / "management" / "m6-finance.html").read_text(encoding="utf-8")
    lao = (site_dir / "lo" / "management" / "m6-finance.html").read_text(encoding="utf-8")
    assert 'href="../lo/management/m6-finance.html" hreflang="lo"' in page
    assert 'href="../../management/m6-finance.html" hreflang="en"' in lao


def test_every_page_has_a_content_security_policy(site_dir):
    for path in site_dir.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', text)
        assert policy, f"{path.relative_to(site_dir)} has no CSP"
        assert "'unsafe-inline'" not in policy.group(1).split("style-src")[0], "scripts must not be unsafe-inline"
        assert "<script" not in text or text.index("Content-Security-Policy") < text.index("<script")


@pytest.mark.parametrize("name", ["noto-sans-lao-lao-400-normal.woff2", "noto-sans-latin-400-normal.woff2"])
def test_fonts_are_self_hosted(site_dir, name):
    assert (site_dir / "assets" / "fonts" / name).stat().st_size > 5_000
    css = (site_dir / "assets" / "stylesheets" / "fonts.css").read_text(encoding="utf-8")
    assert f"../fonts/{name}" in css
