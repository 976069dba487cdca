"""Block directives in the course's Markdown: one line that a build step replaces with HTML.

    ::: exercise pooled-pricing          a simulation (see exercises/)
    ::: glossary                         the glossary table, from docs/data/glossary.yml
    ::: references                       the reference list, from docs/data/references.yml
    ::: downloads                        the tables of printable PDFs (see coopsite/editions.py)
    ::: kits                             the table of group kits (docs/data/kits/)
    ::: forms delivery-slip cash-book    links to blank record forms (docs/data/forms/; "all": a table)
    ::: start-here                       "Start here", "My progress", "Keep this course on this phone"
    ::: progress                         the sessions and what the learner has done (coopsite/learning_path.py)
    ::: worksheet core-group             a worksheet the group fills in (docs/data/worksheets/, coopsite/worksheets.py)
    ::: plan                             every worksheet and "what we decided" box: the group's co-op plan

A directive may take options, one ``key: value`` a line, indented four spaces under it:

    ::: exercise pooled-pricing
        preset: simple                   the exercise's "simple" preset (exercises/AUTHORING.md)

Like Material's own shortcodes hook: one dispatcher, one small renderer per directive, and an
unknown name, a missing or extra argument, or an option the directive does not know (or a value it
does not accept) stop the build with the file and line, so a typo never reaches a reader.

Expansion is in two steps because Markdown must not touch the generated HTML: ``expand`` swaps
each directive for a placeholder ``<div>`` and remembers its HTML; ``substitute`` puts the HTML
in after Markdown has run.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

__all__ = [
    "DirectiveError",
    "Expansion",
    "Found",
    "expand",
    "exercise_keys",
    "fenced",
    "scan",
    "substitute",
    "anchor_ids",
    "DIRECTIVES",
]

_LINE = re.compile(r"^:::[ \t]+(?P<name>[A-Za-z][\w-]*)(?:[ \t]+(?P<arg>\S.*?))?[ \t]*$")
_OPTION = re.compile(r"^ {4}(?P<key>[A-Za-z][\w-]*):[ \t]*(?P<value>\S.*?)[ \t]*$")
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
    exercises: list[str] = field(default_factory=list)  # each exercise's key, with its preset: "pooled-pricing:simple"


@dataclass(frozen=True)
class Directive:
    """A directive's renderer (argument, page language, options → HTML) and whether it takes an argument.

    ``options(argument)`` gives the options the directive accepts with that argument, each with its
    valid values; the renderer gets them as keyword arguments.
    """

    render: Callable[..., str]
    argument: bool
    choices: Callable[[], list[str]] | None = None  # valid arguments, for error messages
    options: Callable[[str | None], Mapping[str, list[str]]] = lambda arg: {}


def _render_exercise(arg: str | None, lang: str, preset: str | None = None) -> str:
    from exercises.api import widget

    return widget(arg or "", lang, preset)


def _exercise_key(arg: str | None, preset: str | None) -> str:
    from exercises.api import find

    return find(arg or "", preset).key


def _exercise_options(arg: str | None) -> dict[str, list[str]]:
    from exercises import EXERCISES

    presets = list(EXERCISES[arg or ""].presets)
    return {"preset": presets} if presets else {}


def _render_glossary(arg: str | None, lang: str) -> str:
    from .content import glossary_html

    return glossary_html(lang)


def _render_references(arg: str | None, lang: str) -> str:
    from .content import references_html

    return references_html(lang)


def _exercise_names() -> list[str]:
    from exercises import EXERCISES

    return EXERCISES.names()


def _render_downloads(arg: str | None, lang: str) -> str:
    return "<!--coop-downloads-->"  # filled in by hooks/editions.py, which knows the page's place


def _render_kits(arg: str | None, lang: str) -> str:
    return "<!--coop-kits-->"  # filled in by hooks/editions.py


def _render_forms(arg: str | None, lang: str) -> str:
    from .handouts import form_names

    names = (arg or "").split()
    unknown = [name for name in names if name not in form_names() and name != "all"]
    if unknown:
        raise ValueError(f"unknown form {', '.join(unknown)!r}; known: {', '.join(form_names())}, or all")
    return f"<!--coop-forms:{' '.join(names)}-->"  # filled in by hooks/editions.py


def _render_start_here(arg: str | None, lang: str) -> str:
    from .learning_path import START_MARK

    return START_MARK  # filled in by hooks/learning_path.py, which knows the navigation


def _render_progress(arg: str | None, lang: str) -> str:
    from .learning_path import PROGRESS_MARK

    return PROGRESS_MARK  # filled in by hooks/learning_path.py


def _render_worksheet(arg: str | None, lang: str) -> str:
    from .worksheets import worksheet_html

    return worksheet_html(arg or "", lang)


def _worksheet_names() -> list[str]:
    from .worksheets import names

    return names()


def _render_plan(arg: str | None, lang: str) -> str:
    from .worksheets import plan_html

    return plan_html(lang)


DIRECTIVES: dict[str, Directive] = {
    "exercise": Directive(_render_exercise, argument=True, choices=_exercise_names, options=_exercise_options),
    "downloads": Directive(_render_downloads, argument=False),
    "kits": Directive(_render_kits, argument=False),
    "forms": Directive(_render_forms, argument=True),
    "glossary": Directive(_render_glossary, argument=False),
    "references": Directive(_render_references, argument=False),
    "start-here": Directive(_render_start_here, argument=False),
    "progress": Directive(_render_progress, argument=False),
    "worksheet": Directive(_render_worksheet, argument=True, choices=_worksheet_names),
    "plan": Directive(_render_plan, argument=False),
}


def fenced(lines: Sequence[str]) -> list[bool]:
    """For each line of Markdown: is it in a fenced code block (its fences too)? A fence opens with 3 or
    more backticks or tildes indented at most 3 spaces and closes with a line of only as many or more."""
    inside = []
    fence: str | None = None
    for line in lines:
        if fence is None:
            opening = _FENCE.match(line)
            fence = opening.group("fence") if opening else None
            inside.append(fence is not None)
            continue
        inside.append(True)
        if line.strip().startswith(fence[0] * len(fence)) and not line.strip().strip(fence[0]):
            fence = None
    return inside


@dataclass(frozen=True)
class Found:
    """A directive as written on a page: its name, argument, options and line in the file."""

    name: str
    arg: str | None
    options: Mapping[str, str]
    line: int


def scan(markdown: str, path: str, line_offset: int = 0) -> list[str | Found]:
    """The lines of ``markdown`` (from file ``path``), each directive with its options as one ``Found``.

    ``line_offset`` is the number of lines before ``markdown`` in the file (front matter), so
    errors name the line an author sees in an editor.
    """
    lines = markdown.split("\n")
    code = fenced(lines)
    found: list[str | Found] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        number = index + 1 + line_offset
        index += 1
        if code[index - 1]:
            found.append(line)
            continue
        match = _LINE.match(line)
        if not match:
            if line.lstrip().startswith(":::") and line.startswith(":::"):
                raise DirectiveError(
                    f"{path}:{number}: cannot read this directive: {line.strip()!r} (expected '::: <name> [argument]')"
                )
            found.append(line)
            continue
        options: dict[str, str] = {}
        while index < len(lines) and lines[index].startswith("    ") and lines[index].strip():
            option = _OPTION.match(lines[index])
            if not option:
                raise DirectiveError(
                    f"{path}:{index + 1 + line_offset}: cannot read this option of '::: {match.group('name')}': "
                    f"{lines[index].strip()!r} (expected 'key: value'; leave a blank line before indented text)"
                )
            options[option.group("key")] = option.group("value")
            index += 1
        found.append(Found(match.group("name"), match.group("arg"), options, number))
    return found


def exercise_keys(markdown: str, path: str) -> list[str]:
    """The keys of the exercises a page shows, in order ("pooled-pricing:simple"), read without building
    anything: what ``expand`` records in ``Expansion.exercises``."""
    return [
        _exercise_key(item.arg, item.options.get("preset"))
        for item in scan(markdown, path)
        if isinstance(item, Found) and item.name == "exercise"
    ]


def expand(markdown: str, path: str, lang: str, line_offset: int = 0) -> Expansion:
    """Replace every directive in ``markdown`` (from file ``path``) with a placeholder (see ``scan``)."""
    out: list[str] = []
    result = Expansion("")
    for item in scan(markdown, path, line_offset):
        if isinstance(item, str):
            out.append(item)
            continue
        html = _build(item.name, item.arg, item.options, path, item.line, lang)
        result.used.append(item.name + (f":{item.arg}" if item.arg else ""))
        if item.name == "exercise":
            result.exercises.append(_exercise_key(item.arg, item.options.get("preset")))
        out.extend(["", _PLACEHOLDER.format(index=len(result.html)), ""])
        result.html.append(html)
    result.markdown = "\n".join(out)
    return result


def _build(name: str, arg: str | None, options: Mapping[str, str], path: str, line: int, lang: str) -> str:
    where = f"{path}:{line}"
    directive = DIRECTIVES.get(name)
    if directive is None:
        raise DirectiveError(f"{where}: unknown directive '::: {name}'; known: {', '.join(sorted(DIRECTIVES))}")
    if directive.argument and not arg:
        raise DirectiveError(f"{where}: '::: {name}' needs an argument" + _choices(directive))
    if not directive.argument and arg:
        raise DirectiveError(f"{where}: '::: {name}' takes no argument (got {arg!r})")
    try:
        known = directive.choices() if directive.choices else None
    except Exception as error:  # the data files behind the directive cannot be read (their name and line)
        raise DirectiveError(f"{where}: '::: {name}' cannot be built: {error}") from error
    if known is not None and arg not in known:
        raise DirectiveError(f"{where}: unknown {name} {arg!r}" + _choices(directive))
    accepted = directive.options(arg)
    written = f"'::: {name}{' ' + arg if arg else ''}'"
    for key, value in options.items():
        if key not in accepted:
            raise DirectiveError(
                f"{where}: {written} has no option {key!r} (accepted: {', '.join(accepted) or 'none'})"
            )
        if value not in accepted[key]:
            raise DirectiveError(f"{where}: unknown {key} {value!r} for {written}; known: {', '.join(accepted[key])}")
    try:
        return directive.render(arg, lang, **options)
    except DirectiveError:
        raise
    except Exception as error:  # an exercise or data file that cannot be rendered
        raise DirectiveError(f"{where}: {written} failed: {type(error).__name__}: {error}") from error


def _choices(directive: Directive) -> str:
    return f"; known: {', '.join(directive.choices())}" if directive.choices else ""


def substitute(html: str, expansion_html: list[str]) -> str:
    """Put each directive's HTML where its placeholder ended up (Markdown may wrap it in <p>)."""

    def replace(match: re.Match[str]) -> str:
        return expansion_html[int(match.group(1))]

    wrapped = re.compile(r"<p>\s*" + _PLACEHOLDER_RE.pattern + r"\s*</p>")
    return _PLACEHOLDER_RE.sub(replace, wrapped.sub(replace, html))


def anchor_ids(html_parts: list[str]) -> set[str]:
    """The ``id`` attributes in generated HTML (so links to them can be checked)."""
    return {match.group(1) for part in html_parts for match in re.finditer(r'\bid="([^"]+)"', part)}
