"""MkDocs hook: "Start here" on the home page and the "My progress" page (coopsite/learning_path.py).

They list sessions from the navigation, so they are filled in when the page is put in its
template: by then every page of the language has its content (MkDocs renders all pages' Markdown
first), and the session titles and simulations are known.
"""

from __future__ import annotations

from coopsite import learning_path as path


def on_page_context(context, page, config, nav):
    content = page.content or ""
    if path.PAGES_MARK in content:  # a page with exercises, or the progress page
        content = content.replace(path.PAGES_MARK, path.saved_pages(page))
        page.content = content
    if path.START_MARK not in content and path.PROGRESS_MARK not in content:
        return context
    lang = config.theme["language"]
    course = path.parts(nav)
    if path.START_MARK in content:
        progress = next((p for p in nav.pages if path.uses(p, "progress")), None)
        block = path.start_here_html(course[0].sessions[0], progress, page.url, lang)
        content = content.replace(path.START_MARK, block)
    if path.PROGRESS_MARK in content:
        content = content.replace(
            path.PROGRESS_MARK, path.progress_html(course, page.url, lang) + path.saved_pages(page)
        )
    page.content = content
    return context
