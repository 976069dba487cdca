"""MkDocs hook: the print side of every page (coopsite/editions.py).

* every page: the words of its paper footer (course · page title) and of the trainer mark;
* session pages: the edition switch and the links to their PDFs (the session, its part, the whole
  course, its group kit);
* ``::: downloads``, ``::: kits`` and ``::: forms`` lines: tables and links of the printable files.
"""

from __future__ import annotations

from mkdocs.utils import get_relative_url

from coopsite import editions, handouts


def on_page_content(html, page, config, files):
    from exercises.core.api import ui_strings

    lang = config.theme["language"]
    root = get_relative_url("index.html", page.url)[: -len("index.html")]  # "", "../", "../../"
    ui = ui_strings(lang)
    html = html.replace("<!--coop-downloads-->", editions.downloads_html(lang, root, ui))
    html = html.replace("<!--coop-kits-->", editions.kits_html(lang, root, handouts.kit_pages()))
    html = handouts.substitute_forms(html, lang, root)
    page_id = editions.page_id(page.file.src_uri)
    html = editions.page_style(lang, page.title or "") + html
    if not editions.is_session(html):
        return html
    session = page_id.rsplit("/", 1)[-1]
    return editions.decorate(html, lang, page_id, root, ui, kit=session in handouts.kit_pages())
