"""MkDocs hook: a timer icon before the minutes of every step (coopsite/steps.py)."""

from __future__ import annotations

from coopsite.steps import mark_step_times


def on_page_content(html, page, config, files):
    return mark_step_times(html)
