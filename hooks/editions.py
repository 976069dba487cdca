"""MkDocs hook: the edition switch and PDF links on session pages; ``::: downloads`` lists every PDF."""

from __future__ import annotations

from mkdocs.utils import get_relative_url

from coopsite import editions


def on_page_content(html, page, config, files):
    from coopsite.words import ui_strings

    lang = config.theme["language"]
    root = get_relative_url("index.html", page.url)[: -len("index.html")]  # "", "../", "../../"
    ui = ui_strings(lang)
    if "<!--coop-downloads-->" in html:
        html = html.replace("<!--coop-downloads-->", editions.downloads_html(lang, root, ui))
    if not editions.is_session(html):
        return html
    area = page.file.src_uri.split("/")[0]
    return editions.decorate(html, lang, area if area in editions.PARTS else None, root, ui)
