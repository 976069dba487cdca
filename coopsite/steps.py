"""Icons on the steps of a session: a timer before every step's minutes.

Authors start each step with the icon of what the group does (``:coop-read:``, ``:coop-talk:``,
``:coop-decide:``, ``:coop-write:``, ``:coop-play:``, see CONTENT.md); the timer icon goes before the
minutes of every step title here, so no page has to repeat it and it never drifts from the minutes.
Members who read little can follow a step by its pictures.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

__all__ = ["mark_step_times", "ICONS"]

ICONS = Path(__file__).resolve().parent.parent / "overrides" / ".icons" / "coop"

# "(5 min)" in English, "(5 ນາທີ)" in Lao, inside a step's bold title.
_MINUTES = re.compile(r"(<strong>[^<]*?)\((\d+)\s*(min|ນາທີ)\)")
_STEPS = re.compile(r'(<h2 id="steps">.*?)(?=<h2 |\Z)', re.S)


@cache
def _icon(name: str) -> str:
    svg = (ICONS / f"{name}.svg").read_text(encoding="utf-8").strip()
    return f'<span class="twemoji coop-icon coop-icon-{name}" aria-hidden="true">{svg}</span>'


def mark_step_times(html: str) -> str:
    """Put the timer icon before the minutes of each step title, in the Steps section only."""

    def steps(section: re.Match[str]) -> str:
        return _MINUTES.sub(lambda m: f"{m.group(1)}{_icon('timer')}({m.group(2)} {m.group(3)})", section.group(1))

    return _STEPS.sub(steps, html, count=1)
