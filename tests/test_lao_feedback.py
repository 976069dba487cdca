""" "Suggest a better Lao wording" at the end of every Lao page (issue 18 item 4, coopsite/lao_feedback.py).

Fast tests of the note itself; then, on the built site, that every Lao page (and no English page)
ends with it and the About page links to the same place; then in Chromium that a reader sees the
link online and, on the USB copy (file://), the text that says where to send the suggestion instead;
and that it is not printed.
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from coopsite import lao_feedback as lf
from coopsite import lao_style as ls
from coopsite.search import index_path

ROOT = Path(__file__).resolve().parent.parent


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !ENV, !!python/name


def configured_url() -> str:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    return lf.feedback_url(config)


# ---- The note -------------------------------------------------------------------------------------


def test_the_url_comes_from_mkdocs_yml():
    assert lf.feedback_url({"extra": {"lao_feedback_url": "https://x.org/new"}}) == "https://x.org/new"
    assert lf.feedback_url({"extra": {}, "repo_url": "https://github.com/a/b/"}) == "https://github.com/a/b/issues/new"
    with pytest.raises(ValueError, match="lao_feedback_url"):
        lf.feedback_url({"extra": {}})
    assert configured_url().startswith("https://")


def test_a_github_issue_is_prefilled_with_the_page():
    url = lf.issue_url("https://github.com/org/our-coffee-coop/issues/new", "management/m6-finance.lo.md")
    query = parse_qs(urlsplit(url).query)
    assert query["title"] == ["Lao wording: docs/management/m6-finance.lo.md"]
    assert "management/m6-finance.lo.md" in query["body"][0] and "ປະໂຫຍກ" in query["body"][0]
    assert lf.issue_url("https://tracker.example.org/lao", "x.lo.md") == "https://tracker.example.org/lao"


def test_the_note_has_a_link_and_the_text_for_the_usb_copy():
    html = lf.note_html("https://github.com/org/our-coffee-coop/issues/new", "index.lo.md", "ໜ້າຫຼັກ")
    online = re.search(r'<p class="coop-online-only"><a href="([^"]+)">ສະເໜີຄຳພາສາລາວທີ່ດີກວ່າ</a>', html)
    assert online and unescape(online.group(1)).startswith("https://github.com/org/our-coffee-coop/issues/new?")
    offline = re.search(r'<p class="coop-offline-only">(.*?)</p>', html).group(1)
    assert "href" not in offline, "the USB copy gets no dead link"
    assert "github.com/org/our-coffee-coop/issues" in offline and "ໜ້າຫຼັກ" in offline
    assert "ຜູ້ອຳນວຍຄວາມສະດວກ" in offline  # the glossary's facilitator
    assert 'id="lao-feedback"' in html and "data-search-exclude" in html and 'lang="lo"' in html


def test_the_notes_lao_follows_the_style_guide():
    text = " ".join(lf.words("lo").values())
    source = ls.Source("coopsite/lao_feedback.py", "ui", [ls.Line(1, text)])
    assert not ls.check([source], rules=[r for r in ls.RULES if r not in ("term", "spacing")])


def test_links_to_the_same_place():
    html = '<p><a href="lao-feedback:">write to us</a> <a href="other.html">x</a></p>'
    assert (
        lf.resolve_links(html, "https://t.org/new")
        == '<p><a href="https://t.org/new">write to us</a> <a href="other.html">x</a></p>'
    )


def test_the_about_page_links_to_the_same_place_in_both_languages():
    for lang in ("en", "lo"):
        text = (ROOT / "docs" / "about" / f"index.{lang}.md").read_text(encoding="utf-8")
        section = text.split("{ #lao-language }", 1)[1].split("\n## ", 1)[0]
        assert f"]({lf.PLACEHOLDER})" in section, f"about/index.{lang}.md: the Lao language section links lao-feedback:"


# ---- The built site --------------------------------------------------------------------------------


def _html_pages(site_dir: Path, lang: str) -> list[Path]:
    pages = [
        p for p in site_dir.rglob("*.html") if "assets" not in p.parts and "pdf" not in p.parts and p.name != "404.html"
    ]
    lao = [p for p in pages if p.relative_to(site_dir).parts[0] == "lo"]
    return lao if lang == "lo" else [p for p in pages if p not in lao]


@pytest.mark.slow
def test_every_lao_page_ends_with_the_note_and_no_english_page_has_it(site_dir):
    url = configured_url()
    lao, english = _html_pages(site_dir, "lo"), _html_pages(site_dir, "en")
    assert len(lao) >= 30 and len(english) >= 30
    for path in lao:
        html = path.read_text(encoding="utf-8")
        assert html.count('class="coop-lao-feedback"') == 1, path
        article = html.split('class="md-content__inner', 1)[1].split("</article>", 1)[0]
        assert article.rstrip().endswith("</aside>") or "coop-lao-feedback" in article[-3000:], path
        link = re.search(r'<p class="coop-online-only"><a href="([^"]+)"', html).group(1)
        assert unescape(link).startswith(url), path
    for path in english:
        assert "coop-lao-feedback" not in path.read_text(encoding="utf-8"), path


@pytest.mark.slow
def test_the_about_pages_link_to_the_configured_place_and_the_note_is_not_searched(site_dir):
    url = configured_url()
    for path in ("about/index.html", "lo/about/index.html"):
        html = (site_dir / path).read_text(encoding="utf-8")
        assert f'href="{url}"' in html and "lao-feedback:" not in html, path
    documents = (site_dir / index_path(site_dir, "lo")).read_text(encoding="utf-8")  # the Lao pages' search documents
    docs = json.loads(documents[documents.index("[") : documents.rindex("]") + 1])
    assert len(docs) >= 30
    texts = " ".join(doc.get("text", "") for doc in docs).replace("\u200b", "")
    assert texts.count("ສະເໜີຄຳພາສາລາວທີ່ດີກວ່າ") <= 1  # the About page's own sentence, not 30 notes
    assert lf.words("lo")["online"] not in texts


# ---- What a reader sees ----------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.slow
def test_online_a_link_and_on_the_usb_copy_where_to_send_it(browser_context, origin):
    scheme, root = origin
    context, watch = browser_context(root)
    page = context.new_page()
    page.goto(root + "lo/key-concepts/kc3-sell-alone-or-pool.html")
    page.wait_for_load_state("load")
    link = page.locator(".coop-lao-feedback .coop-online-only a")
    text = page.locator(".coop-lao-feedback .coop-offline-only")
    if scheme == "http":
        assert link.is_visible() and not text.is_visible()
        assert link.get_attribute("href").startswith(configured_url())
    else:
        assert text.is_visible() and not link.is_visible()
        assert "ຜູ້ອຳນວຍຄວາມສະດວກ" in text.inner_text()
    page.emulate_media(media="print")
    assert not page.locator(".coop-lao-feedback").is_visible()  # no paper spent on it
    assert watch.blocked == [] and watch.console_errors == []
