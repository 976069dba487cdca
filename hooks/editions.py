"""MkDocs hook: the print side of every page (coopsite/editions.py).

* every page: the words of its paper footer (course · page title) and of the trainer mark;
* session pages: the edition switch and the links to their PDFs (the session, its part, the whole
  course, its group kit);
* ``::: downloads``, ``::: kits`` and ``::: forms`` lines: tables and links of the printable files.

A kit or form file with a mistake stops the build with its name and the place (coopsite/handouts.py).
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from coopsite import editions, handouts


def on_page_content(html, page, config, files):
    from coopsite.words import ui_strings

    lang = config.theme["language"]
    root = get_relative_url("index.html", page.url)[: -len("index.html")]  # "", "../", "../../"
    ui = ui_strings(lang)
    page_id = editions.page_id(page.file.src_uri)
    try:
        kits = handouts.kit_pages()
        if "<!--coop-downloads-->" in html:
            html = html.replace("<!--coop-downloads-->", editions.downloads_html(lang, root, ui))
        if "<!--coop-kits-->" in html:
            html = html.replace("<!--coop-kits-->", editions.kits_html(lang, root, kits))
        html = handouts.substitute_forms(html, lang, root)
    except handouts.HandoutError as error:
        raise PluginError(str(error)) from None
    html = editions.page_style(lang, page.title or "") + html
    if not editions.is_session(html):
        return html
    return editions.decorate(html, lang, page_id, root, ui, kit=page_id.rsplit("/", 1)[-1] in kits)
