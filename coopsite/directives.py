"""Block directives in the course's Markdown: one line that a build step replaces with HTML.

    ::: exercise pooled-pricing          a simulation (see exercises/)
    ::: glossary                         the glossary table, from docs/data/glossary.yml
    ::: references                       the reference list, from docs/data/references.yml
    ::: downloads                        the table of printable PDFs (see coopsite/editions.py)
    ::: start-here                       "Start here", "My progress", "Keep this course on this phone"
    ::: progress                         the sessions and what the learner has done (coopsite/learning_path.py)

A directive may be followed by options, indented four spaces, as YAML (``questions: false``).
Like Material's own shortcodes hook: one dispatcher, one small renderer per directive, and an
unknown name or option stops the build with the file and line, so a typo never reaches a reader.

Expansion is in two steps because Markdown must not touch the generated HTML: ``expand`` swaps
each directive for a placeholder ``<div>`` and remembers its HTML; ``substitute`` puts the HTML
in after Markdown has run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

import yaml

__all__ = ["DirectiveError", "Expansion", "expand", "substitute", "anchor_ids", "DIRECTIVES"]

_LINE = re.compile(r"^:::[ \t]+(?P<name>[A-Za-z][\w-]*)(?:[ \t]+(?P<arg>\S.*?))?[ \t]*$")
_FENCE = re.compile(r"^[ \t]{0,3}(?P<fence>`{3,}|~{3,})")
_PLACEHOLDER = '<div class="coop-directive" data-directive="{index}"></div>'
_PLACEHOLDER_RE = re.compile(r'<div class="coop-directive" data-directive="(\d+)"></div>')


class DirectiveError(Exception):
    """A directive that cannot be built; the message names the file and line."""


@dataclass
class Expansion:
    """The Markdown with placeholders, and the HTML each placeholder stands for."""

    markdown: str
    html: list[str] = field(default_factory=list)
    used: list[str] = field(default_factory=list)  # e.g. ["exercise:pooled-pricing", "glossary"]


@dataclass(frozen=True)
class Directive:
    """A directive's name, whether it takes an argument, the options it accepts, its renderer."""

    render: Callable[[str | None, dict[str, Any], str], str]
    argument: bool
    options: dict[str, type] = field(default_factory=dict)
    choices: Callable[[], list[str]] | None = None  # valid arguments, for error messages


def _render_exercise(arg: str | None, options: dict[str, Any], lang: str) -> str:
    from exercises.core.api import widget

    return widget(arg or "", lang)


def _render_glossary(arg: str | None, options: dict[str, Any], lang: str) -> str:
    from .content import glossary_html

    return glossary_html(lang)


def _render_references(arg: str | None, options: dict[str, Any], lang: str) -> str:
    from .content import references_html

    return references_html(lang)


def _exercise_names() -> list[str]:
    from exercises import EXERCISES

    return EXERCISES.names()


def _render_downloads(arg: str | None, options: dict[str, Any], lang: str) -> str:
    return "<!--coop-downloads-->"  # filled in by hooks/editions.py, which knows the page's place


def _render_start_here(arg: str | None, options: dict[str, Any], lang: str) -> str:
    from .learning_path import START_MARK

    return START_MARK  # filled in by hooks/learning_path.py, which knows the navigation


def _render_progress(arg: str | None, options: dict[str, Any], lang: str) -> str:
    from .learning_path import PROGRESS_MARK

    return PROGRESS_MARK  # filled in by hooks/learning_path.py


DIRECTIVES: dict[str, Directive] = {
    "exercise": Directive(_render_exercise, argument=True, choices=_exercise_names),
    "downloads": Directive(_render_downloads, argument=False),
    "glossary": Directive(_render_glossary, argument=False),
    "references": Directive(_render_references, argument=False),
    "start-here": Directive(_render_start_here, argument=False),
    "progress": Directive(_render_progress, argument=False),
}


def expand(markdown: str, path: str, lang: str, line_offset: int = 0) -> Expansion:
    """Replace every directive in ``markdown`` (from file ``path``) with a placeholder.

    ``line_offset`` is the number of lines before ``markdown`` in the file (front matter), so
    errors name the line an author sees in an editor.
    """
    lines = markdown.split("\n")
    out: list[str] = []
    result = Expansion("")
    fence: str | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        number = index + 1 + line_offset
        index += 1
        opening = _FENCE.match(line)
        if fence is None and opening:
            fence = opening.group("fence")
            out.append(line)
            continue
        if fence is not None:
            if line.strip().startswith(fence[0] * len(fence)) and not line.strip().strip(fence[0]):
                fence = None
            out.append(line)
            continue
        match = _LINE.match(line)
        if not match:
            if line.lstrip().startswith(":::") and line.startswith(":::"):
                raise DirectiveError(f"{path}:{number}: cannot read this directive: {line.strip()!r} "
                                     f"(expected '::: <name> [argument]')")
            out.append(line)
            continue
        option_lines = []
        while index < len(lines) and (lines[index].startswith("    ") or (not lines[index].strip() and _more_options(lines, index))):
            option_lines.append(lines[index][4:])
            index += 1
        html = _build(match.group("name"), match.group("arg"), option_lines, path, number, lang)
        result.used.append(match.group("name") + (f":{match.group('arg')}" if match.group("arg") else ""))
        out.extend(["", _PLACEHOLDER.format(index=len(result.html)), ""])
        result.html.append(html)
    result.markdown = "\n".join(out)
    return result


def _more_options(lines: list[str], index: int) -> bool:
    """A blank line inside an option block, followed by more indented option lines."""
    following = next((line for line in lines[index:] if line.strip()), "")
    return following.startswith("    ") and ":" in following


def _build(name: str, arg: str | None, option_lines: list[str], path: str, line: int, lang: str) -> str:
    where = f"{path}:{line}"
    directive = DIRECTIVES.get(name)
    if directive is None:
        raise DirectiveError(f"{where}: unknown directive '::: {name}'; known: {', '.join(sorted(DIRECTIVES))}")
    if directive.argument and not arg:
        raise DirectiveError(f"{where}: '::: {name}' needs an argument" + _choices(directive))
    if not directive.argument and arg:
        raise DirectiveError(f"{where}: '::: {name}' takes no argument (got {arg!r})")
    if directive.choices and arg not in directive.choices():
        raise DirectiveError(f"{where}: unknown {name} {arg!r}" + _choices(directive))
    try:
        options = yaml.safe_load("\n".join(option_lines)) if option_lines else {}
    except yaml.YAMLError as error:
        raise DirectiveError(f"{where}: the options of '::: {name}' are not valid YAML: {error}") from None
    if not isinstance(options, dict):
        raise DirectiveError(f"{where}: the options of '::: {name}' must be 'key: value' lines")
    for key, value in options.items():
        if key not in directive.options:
            accepted = ", ".join(directive.options) or "none"
            raise DirectiveError(f"{where}: '::: {name}' has no option {key!r} (accepted: {accepted})")
        if not isinstance(value, directive.options[key]):
            raise DirectiveError(f"{where}: option {key!r} of '::: {name}' must be a {directive.options[key].__name__}")
    try:
        return directive.render(arg, options, lang)
    except DirectiveError:
        raise
    except Exception as error:  # an exercise or data file that cannot be rendered
        raise DirectiveError(f"{where}: '::: {name}{' ' + arg if arg else ''}' failed: {type(error).__name__}: {error}") from error


def _choices(directive: Directive) -> str:
    return f"; known: {', '.join(directive.choices())}" if directive.choices else ""


def substitute(html: str, expansion_html: list[str]) -> str:
    """Put each directive's HTML where its placeholder ended up (Markdown may wrap it in <p>)."""

    def replace(match: re.Match[str]) -> str:
        return expansion_html[int(match.group(1))]

    html = re.sub(r"<p>\s*(" + _PLACEHOLDER_RE.pattern + r")\s*</p>", lambda m: replace(_PLACEHOLDER_RE.match(m.group(1))), html)
    return _PLACEHOLDER_RE.sub(replace, html)


def anchor_ids(html_parts: list[str]) -> set[str]:
    """The ``id`` attributes in generated HTML (so links to them can be checked)."""
    return {match.group(1) for part in html_parts for match in re.finditer(r'\bid="([^"]+)"', part)}
