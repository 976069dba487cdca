"""MkDocs hook: "Suggest a better wording" at the end of every translated (Lao) page (coopsite/lao_feedback.py).

Where suggestions go is ``extra.lao_feedback_url`` in mkdocs.yml; links written ``lao-feedback:``
(the About page) point there too.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from coopsite import lao_feedback


def on_config(config):
    try:
        lao_feedback.feedback_url(config)
    except ValueError as error:
        raise PluginError(str(error)) from None
    return config


def on_page_content(html, page, config, files):
    url = lao_feedback.feedback_url(config)
    html = lao_feedback.resolve_links(html, url)
    if not lao_feedback.is_translated(page.file.src_uri):
        return html
    if page.present_anchor_ids is not None:  # pages may link to their own note (#lao-feedback)
        page.present_anchor_ids.add(lao_feedback.ANCHOR)
    return html + lao_feedback.note_html(url, page.file.src_uri, page.title or "")
