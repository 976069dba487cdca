"""Worksheets: the forms a group fills in during the course, which together make its co-op plan.

    docs/data/worksheets/<name>.yml     one worksheet: its title, its fields, a note for trainers
    ::: worksheet <name>                 puts it on a session page (coopsite/directives.py)
    ::: plan                             every worksheet, and every session's "what we decided" box,
                                         on the "Our co-op plan" page, to print on A4

The English words of a file (title, intro, guidance, labels, help, units, options) are the message ids of
the ``worksheets`` gettext domain: ``python scripts/catalogs.py update`` collects them into
coopsite/locale/<lang>/LC_MESSAGES/worksheets.po, and a test fails while one has no translation.

Field kinds (``kind:``), each with ``id`` and ``label`` (``help`` optional):

    text         a short text (``max`` characters, 120 unless said)
    longtext     a long text with a visible count (``max``, 1,000; ``lines`` printed when empty, 4)
    number       a number with ``unit``, ``min``, ``max``, ``decimals`` (0): Lao digits and 2,500 accepted
    month, date  a month (2027-03) or a day
    yesno        yes or no
    choice       one of ``options`` (each ``{id, label}``)
    checklist    some of ``items`` (each ``{id, label}``)
    table        ``columns`` (fields of the kinds above but table, checklist, calendar and simulation),
                 ``rows`` shown at first (3), up to ``max_rows`` (30) that the group adds
    simulation   a number the group entered in a simulation: ``exercise``, ``param`` (``preset``), ``unit``
    calendar     the rows of a table month by month: ``of`` (the table), ``start`` and ``end`` (its month
                 columns), ``first_month`` (1–12) and the ``harvest`` months shaded

The page script (frontend/src/worksheets.js) saves what is typed in the browser's saved progress
(frontend/src/runtime/progress.js) and fills the printed copy; without it, a worksheet prints blank lines.
A file with a mistake stops the build with the file, the line and what to write.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from markupsafe import Markup

from exercises.core.html import attrs, html, join, script_json
from exercises.core.i18n import Translator, translator
from exercises.core.languages import DEFAULT

from . import DOCS, ROOT
from .words import LOCALE_DIR, WORKSHEET, site

__all__ = [
    "DOMAIN",
    "FOLDER",
    "ROOT_MARK",
    "WorksheetError",
    "decided",
    "decided_html",
    "messages",
    "names",
    "plan_html",
    "ui_words",
    "worksheet_html",
    "worksheets",
]

FOLDER = DOCS / "data" / "worksheets"
DOMAIN = "worksheets"

SCALAR = ("text", "longtext", "number", "month", "date", "yesno", "choice")
KINDS = (*SCALAR, "checklist", "table", "simulation", "calendar")
_ID = re.compile(r"^[a-z][a-z0-9-]{0,39}$")
#: Where a link's way to the page language's root goes; hooks/directives.py puts in "../" or "" per page.
ROOT_MARK = "coop-ws-root:/"
_TEXTS = ("title", "intro", "guidance", "label", "help", "unit")  # the keys whose values are English text


class WorksheetError(Exception):
    """A worksheet file that cannot be used; the message names the file and the line."""


# ---- Reading the files: every mapping remembers its line, for the error messages ------------------


class _Map(dict):
    line = 0


class _Loader(yaml.SafeLoader):
    pass


def _mapping(loader: _Loader, node: yaml.MappingNode) -> _Map:
    found = _Map(loader.construct_mapping(node, deep=True))
    found.line = node.start_mark.line + 1
    return found


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


@dataclass(frozen=True)
class Option:
    id: str
    label: str


@dataclass(frozen=True)
class Field:
    id: str
    kind: str
    label: str
    help: str = ""
    unit: str = ""
    min: Decimal | None = None
    max: Decimal | None = None
    decimals: int = 0
    max_length: int = 0
    lines: int = 1
    options: tuple[Option, ...] = ()
    columns: tuple[Field, ...] = ()
    rows: int = 3
    max_rows: int = 30
    exercise: str = ""
    preset: str | None = None
    param: str = ""
    of: str = ""
    start: str = ""
    end: str = ""
    first_month: int = 1
    harvest: tuple[int, ...] = ()
    line: int = 0  # in its file, for messages


@dataclass(frozen=True)
class Worksheet:
    name: str  # its key in the saved progress
    title: str
    fields: tuple[Field, ...]
    number: int | None = None
    session: str = ""  # the page it belongs to, e.g. conception/c1-core-group
    intro: str = ""
    guidance: str = ""
    translate: bool = True  # its words are in the worksheets catalog; else site msgids, and a title as it is shown


class _File:
    """One worksheet file being read: turns a mapping's problems into errors with the file and line."""

    def __init__(self, path: Path):
        self.name = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)

    def error(self, where: Any, message: str) -> WorksheetError:
        line = where if isinstance(where, int) else getattr(where, "line", 0)
        return WorksheetError(f"{self.name}:{line}: {message}" if line else f"{self.name}: {message}")

    def keys(self, data: Any, allowed: set[str], what: str) -> _Map:
        if not isinstance(data, dict):
            raise self.error(data, f"{what}: expected 'key: value' lines (got {data!r})")
        unknown = sorted(set(data) - allowed)
        if unknown:
            raise self.error(data, f"{what}: unknown key {', '.join(unknown)!r} (known: {', '.join(sorted(allowed))})")
        return data  # type: ignore[return-value]

    def text(self, data: Any, key: str, what: str, required: bool = True) -> str:
        value = data.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            raise self.error(data, f"{what}: '{key}' must be a text in English (got {value!r})")
        return " ".join(value.split())

    def ident(self, data: Any, what: str) -> str:
        value = data.get("id")
        if not isinstance(value, str) or not _ID.match(value):
            raise self.error(data, f"{what}: 'id' must be lower-case letters, digits and '-' (got {value!r})")
        return value

    def number(self, data: Any, key: str, what: str) -> Decimal | None:
        if data.get(key) is None:
            return None
        try:
            return Decimal(str(data[key]))
        except InvalidOperation:
            raise self.error(data, f"{what}: '{key}' must be a number (got {data[key]!r})") from None

    def whole(self, data: Any, key: str, what: str, default: int, low: int, high: int) -> int:
        value = data.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise self.error(data, f"{what}: '{key}' must be a whole number from {low} to {high} (got {value!r})")
        return value


_COMMON = {"id", "kind", "label", "help"}
_KEYS = {
    "text": {"max"},
    "longtext": {"max", "lines"},
    "number": {"unit", "min", "max", "decimals"},
    "month": set(),
    "date": set(),
    "yesno": set(),
    "choice": {"options"},
    "checklist": {"items"},
    "table": {"columns", "rows", "max_rows"},
    "simulation": {"exercise", "preset", "param", "unit"},
    "calendar": {"of", "start", "end", "first_month", "harvest"},
}


def _options(file: _File, data: Any, key: str, what: str) -> tuple[Option, ...]:
    items = data.get(key)
    if not isinstance(items, list) or len(items) < 2:
        raise file.error(data, f"{what}: '{key}' needs a list of at least two {{id, label}}")
    found = []
    for index, item in enumerate(items):
        place = f"{what}.{key}[{index}]"
        item = file.keys(item, {"id", "label"}, place)
        found.append(Option(file.ident(item, place), file.text(item, "label", place)))
    if len({o.id for o in found}) != len(found):
        raise file.error(data, f"{what}: two {key} have the same id")
    return tuple(found)


def _field(file: _File, data: Any, what: str, kinds: tuple[str, ...] = KINDS) -> Field:
    if not isinstance(data, dict):
        raise file.error(data, f"{what}: a field is 'id:', 'kind:' and 'label:' (got {data!r})")
    kind = data.get("kind")
    if kind not in kinds:
        raise file.error(data, f"{what}: kind {kind!r}: one of {', '.join(kinds)}")
    file.keys(data, _COMMON | _KEYS[kind], f"{what} ({kind})")
    ident = file.ident(data, what)
    what = f"{what} ({ident})"
    common: dict[str, Any] = {
        "id": ident,
        "kind": kind,
        "label": file.text(data, "label", what),
        "help": file.text(data, "help", what, required=False),
        "line": getattr(data, "line", 0),
    }
    if kind in ("text", "longtext"):
        default = 120 if kind == "text" else 1000
        common["max_length"] = file.whole(data, "max", what, default, 10, 5000)
        common["lines"] = file.whole(data, "lines", what, 4, 1, 30) if kind == "longtext" else 1
    elif kind == "number":
        common.update(
            unit=file.text(data, "unit", what, required=False),
            min=file.number(data, "min", what),
            max=file.number(data, "max", what),
            decimals=file.whole(data, "decimals", what, 0, 0, 4),
        )
        if common["min"] is not None and common["max"] is not None and common["min"] > common["max"]:
            raise file.error(data, f"{what}: 'min' is more than 'max'")
    elif kind == "choice":
        common["options"] = _options(file, data, "options", what)
    elif kind == "checklist":
        common["options"] = _options(file, data, "items", what)
    elif kind == "table":
        columns = data.get("columns")
        if not isinstance(columns, list) or not columns:
            raise file.error(data, f"{what}: 'columns' needs a list of fields")
        common["columns"] = tuple(
            _field(file, column, f"{what}.columns[{index}]", SCALAR) for index, column in enumerate(columns)
        )
        if len({c.id for c in common["columns"]}) != len(common["columns"]):
            raise file.error(data, f"{what}: two columns have the same id")
        common["rows"] = file.whole(data, "rows", what, 3, 1, 30)
        common["max_rows"] = file.whole(data, "max_rows", what, 30, common["rows"], 100)
    elif kind == "simulation":
        common.update(_simulation(file, data, what))
    elif kind == "calendar":
        harvest = data.get("harvest", [])
        if not isinstance(harvest, list) or not all(isinstance(m, int) and 1 <= m <= 12 for m in harvest):
            raise file.error(data, f"{what}: 'harvest' is a list of months, 1 to 12")
        common.update(
            of=file.text(data, "of", what),
            start=file.text(data, "start", what),
            end=file.text(data, "end", what),
            first_month=file.whole(data, "first_month", what, 1, 1, 12),
            harvest=tuple(harvest),
        )
    return Field(**common)


def _simulation(file: _File, data: Any, what: str) -> dict[str, Any]:
    from exercises import EXERCISES
    from exercises.core.params import Table

    name, param = data.get("exercise"), data.get("param")
    if name not in EXERCISES.names():
        raise file.error(data, f"{what}: unknown exercise {name!r}; known: {', '.join(EXERCISES.names())}")
    exercise = EXERCISES[name]
    preset = data.get("preset")
    if preset is not None and preset not in exercise.presets:
        raise file.error(data, f"{what}: {name} has no preset {preset!r}; known: {', '.join(exercise.presets)}")
    params = {p.name for p in exercise.with_preset(preset).shown_params if not isinstance(p, Table)}
    if param not in params:
        raise file.error(data, f"{what}: {name} has no number {param!r}; known: {', '.join(sorted(params))}")
    return {"exercise": name, "preset": preset, "param": param, "unit": file.text(data, "unit", what, False)}


def _check_calendar(file: _File, fields: tuple[Field, ...]) -> None:
    tables = {f.id: f for f in fields if f.kind == "table"}
    for item in fields:
        if item.kind != "calendar":
            continue
        table = tables.get(item.of)
        if table is None:
            raise file.error(
                item.line, f"calendar {item.id}: 'of' names a table of this worksheet ({', '.join(tables)})"
            )
        months = {c.id for c in table.columns if c.kind == "month"}
        for key in ("start", "end"):
            if getattr(item, key) not in months:
                raise file.error(
                    item.line, f"calendar {item.id}: '{key}' names a month column of {item.of} ({', '.join(months)})"
                )


def read(path: Path) -> Worksheet:
    """One worksheet file, checked: a mistake raises WorksheetError with the file and line."""
    file = _File(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.YAMLError as error:
        raise WorksheetError(f"{file.name}: not valid YAML: {error}") from None
    data = file.keys(data, {"number", "title", "session", "intro", "guidance", "fields"}, "the worksheet")
    session = data.get("session")
    if not isinstance(session, str) or not (DOCS / f"{session}{DEFAULT.page_suffix}").exists():
        raise file.error(data, f"session: the page it is filled in on, e.g. conception/c1-core-group (got {session!r})")
    raw_fields = data.get("fields")
    if not isinstance(raw_fields, list) or not raw_fields:
        raise file.error(data, "fields: a list of fields")
    fields = tuple(_field(file, item, f"fields[{index}]") for index, item in enumerate(raw_fields))
    if len({f.id for f in fields}) != len(fields):
        raise file.error(data, "two fields have the same id")
    _check_calendar(file, fields)
    return Worksheet(
        name=path.stem,
        title=file.text(data, "title", "the worksheet"),
        fields=fields,
        number=file.whole(data, "number", "the worksheet", 1, 1, 99),
        session=session,
        intro=file.text(data, "intro", "the worksheet", required=False),
        guidance=file.text(data, "guidance", "the worksheet", required=False),
    )


@cache
def worksheets() -> dict[str, Worksheet]:
    """Every worksheet, by name, in the order of their numbers."""
    found = [read(path) for path in sorted(FOLDER.glob("*.yml"))]
    numbers = [w.number for w in found]
    if len(set(numbers)) != len(numbers):
        raise WorksheetError(f"{FOLDER.relative_to(ROOT)}: two worksheets have the same number: {numbers}")
    return {w.name: w for w in sorted(found, key=lambda w: w.number or 0)}


def names() -> list[str]:
    return list(worksheets())


def messages() -> list[tuple[str, str]]:
    """(English text, where) of every file: the message ids of the worksheets catalog."""
    found: list[tuple[str, str]] = []

    def walk(value: Any, where: str) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key in _TEXTS and isinstance(item, str):
                    found.append((" ".join(item.split()), f"{where}:{getattr(value, 'line', 0)}"))
                else:
                    walk(item, where)
        elif isinstance(value, list):
            for item in value:
                walk(item, where)

    for path in sorted(FOLDER.glob("*.yml")):
        walk(yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader), path.name)
    return found


# ---- "What we decided": a small worksheet at the end of every session -----------------------------


def decided(session: str, title: str) -> Worksheet:
    """The "what we decided" box of a session page (``session`` e.g. conception/c1-core-group)."""
    slug = session.rsplit("/", 1)[-1]
    return Worksheet(
        name=f"decided-{slug}",
        title=title,
        session=session,
        translate=False,
        fields=(
            Field("decided", "longtext", WORKSHEET["decided_what"], max_length=800, lines=3),
            Field("next", "longtext", WORKSHEET["decided_next"], max_length=400, lines=2),
        ),
    )


# ---- HTML -----------------------------------------------------------------------------------------


def ui_words(lang: str) -> dict[str, str]:
    """The words the page script shows (frontend/src/worksheets.js), translated."""
    t = site(lang)
    return {key: t(message) for key, message in WORKSHEET.items()}


@cache
def _words(lang: str) -> Translator:
    return translator(lang, DOMAIN, LOCALE_DIR)


class _Render:
    """HTML of worksheets in one language (every value escaped: exercises/core/html.py)."""

    def __init__(self, lang: str):
        self.lang = lang
        self.ui = ui_words(lang)
        self.site_t = site(lang)
        self.number_t = translator(lang)  # numbers as the simulations write them

    def t(self, sheet: Worksheet, text: str) -> str:
        if not text:
            return ""
        return _words(self.lang)(text) if sheet.translate else self.site_t(text)

    def label(self, sheet: Worksheet, item: Field) -> Markup:
        # the unit is written next to the field; a screen reader hears it with the label
        unit = html(' <span class="ws-sr">({unit})</span>', unit=self.t(sheet, item.unit)) if item.unit else ""
        return html("{label}{unit}", label=self.t(sheet, item.label), unit=unit)

    def help(self, sheet: Worksheet, item: Field, ident: str) -> Markup:
        if not item.help:
            return Markup("")
        return html('<span class="ws-help" id="{id}-help">{text}</span>', id=ident, text=self.t(sheet, item.help))

    def described(self, item: Field, ident: str) -> str:
        return " ".join([f"{ident}-help"] * bool(item.help) + [f"{ident}-err"])

    def control(self, sheet: Worksheet, item: Field, ident: str, label: str | None = None) -> Markup:
        """The input of a text, number, month or date field, with its printed copy (blank lines)."""
        common = {
            "id": ident,
            "class_": "ws-input",
            "data_field": item.id,
            "aria_describedby": self.described(item, ident),
            "aria_label": label,
        }
        lines = item.lines if item.kind == "longtext" else 1
        printed = html('<span class="ws-print ws-lines-{n}" aria-hidden="true"></span>', n=str(lines))
        if item.kind == "longtext":
            textarea = html(
                "<textarea{attrs} rows={rows}></textarea>",
                attrs=attrs(**common, data_max=item.max_length),
                rows=str(min(item.lines + 1, 6)),
            )
            count = html(
                '<span class="ws-count" id="{id}-count" aria-hidden="true">0 / {max}</span>',
                id=ident,
                max=self.number_t.int(item.max_length),
            )
            return textarea + printed + count
        extra: dict[str, Any] = {"type": {"month": "month", "date": "date"}.get(item.kind, "text")}
        if item.kind == "text":
            extra["data_max"] = item.max_length
        if item.kind == "number":
            extra.update(
                inputmode="numeric" if item.decimals == 0 and (item.min or 0) >= 0 else "decimal", autocomplete="off"
            )
        if item.kind == "month":
            extra["placeholder"] = "2027-03"
        control = html("<input{attrs}>", attrs=attrs(**common, **extra))
        if item.kind == "number" and item.unit:  # the unit after the field, also on paper
            return html(
                '<span class="ws-with-unit">{control}{printed} <span class="ws-unit" aria-hidden="true">{unit}</span>'
                "</span>",
                control=control,
                printed=printed,
                unit=self.t(sheet, item.unit),
            )
        return control + printed

    def error(self, ident: str) -> Markup:
        return html('<span class="ws-error" id="{id}-err" aria-live="polite"></span>', id=ident)

    def options(self, item: Field, ident: str, kind: str, options: list[tuple[str, str]]) -> Markup:
        """Radio buttons or check boxes, each with a mark the printed copy shows; ``options``: (id, words)."""
        return join(
            html(
                '<label class="ws-option"><input type="{kind}" name="{name}" value="{value}" data-field="{field}">'
                '<span class="ws-mark" aria-hidden="true"></span> {text}</label>',
                kind=kind,
                name=ident,
                value=value,
                field=item.id,
                text=text,
            )
            for value, text in options
        )

    def choices(self, sheet: Worksheet, item: Field) -> list[tuple[str, str]]:
        if item.kind == "yesno":
            return [("yes", self.ui["yes"]), ("no", self.ui["no"])]
        return [(o.id, self.t(sheet, o.label)) for o in item.options]

    def field(self, sheet: Worksheet, item: Field, prefix: str) -> Markup:
        ident = f"{prefix}-{item.id}"
        if item.kind in ("yesno", "choice", "checklist"):
            return html(
                '<fieldset class="ws-field ws-{kind}" data-field="{field}" data-kind="{kind}"{described}>'
                '<legend id="{id}-label">{label}</legend>{help}<span class="ws-options">{options}</span>{error}'
                "</fieldset>",
                kind=item.kind,
                field=item.id,
                described=attrs(aria_describedby=self.described(item, ident)),
                id=ident,
                label=self.label(sheet, item),
                help=self.help(sheet, item, ident),
                options=self.options(
                    item, ident, "checkbox" if item.kind == "checklist" else "radio", self.choices(sheet, item)
                ),
                error=self.error(ident),
            )
        if item.kind == "table":
            return self.table(sheet, item, ident)
        if item.kind == "simulation":
            return self.simulation(sheet, item, ident)
        if item.kind == "calendar":
            return self.calendar(sheet, item, ident)
        return html(
            '<div class="ws-field ws-{kind}" data-field="{field}" data-kind="{kind}">'
            '<label for="{id}" id="{id}-label">{label}</label>{help}{control}{error}</div>',
            kind=item.kind,
            field=item.id,
            id=ident,
            label=self.label(sheet, item),
            help=self.help(sheet, item, ident),
            control=self.control(sheet, item, ident),
            error=self.error(ident),
        )

    def cell(self, sheet: Worksheet, column: Field, ident: str, row: int) -> Markup:
        label = f"{self.t(sheet, column.label)}, {self.ui['row'].format(n=row)}"
        if column.kind in ("yesno", "choice"):
            choices = join(html('<option value="{v}">{t}</option>', v=v, t=t) for v, t in self.choices(sheet, column))
            control = html(
                '<select id="{id}" class="ws-input" data-field="{field}" aria-label="{label}"'
                ' aria-describedby="{id}-err"><option value=""></option>{choices}</select>'
                '<span class="ws-print" aria-hidden="true"></span>',
                id=ident,
                field=column.id,
                label=label,
                choices=choices,
            )
        else:
            control = self.control(sheet, column, ident, label)
        return html(
            '<td data-col="{col}" data-kind="{kind}" data-label="{label}">{control}{error}</td>',
            col=column.id,
            label=self.t(sheet, column.label),
            kind=column.kind,
            control=control,
            error=self.error(ident),
        )

    def row(self, sheet: Worksheet, item: Field, ident: str, number: int) -> Markup:
        cells = join(self.cell(sheet, c, f"{ident}-r{number}-{c.id}", number) for c in item.columns)
        return html(
            '<tr><th scope="row" class="ws-row-number">{n}</th>{cells}<td class="ws-row-tools">'
            '<button type="button" class="ws-remove ws-js" aria-label="{remove}">×</button></td></tr>',
            n=str(number),
            cells=cells,
            remove=self.ui["remove_row"].format(n=number),
        )

    def table(self, sheet: Worksheet, item: Field, ident: str) -> Markup:
        head = join(
            html(
                '<th scope="col" data-col="{col}" data-label="{plain}">{label}</th>',
                col=c.id,
                plain=self.t(sheet, c.label),
                label=self.label(sheet, c),
            )
            for c in item.columns
        )
        rows = join(self.row(sheet, item, ident, n) for n in range(1, item.rows + 1))
        return html(
            '<div class="ws-field ws-table-field" data-field="{field}" data-kind="table" data-rows="{rows}"'
            ' data-max-rows="{max_rows}" role="group" aria-labelledby="{id}-label">'
            '<p class="ws-label" id="{id}-label">{label}</p>{help}'
            '<div class="ws-scroll"><table class="ws-table" id="{id}"><thead><tr><th scope="col">'
            '<span class="ws-sr">{number}</span></th>{head}<th scope="col"><span class="ws-sr">{tools}</span></th>'
            "</tr></thead><tbody>{body}</tbody></table></div>"
            '<button type="button" class="ws-add ws-js" aria-describedby="{id}-label">{add}</button>{error}</div>',
            field=item.id,
            rows=str(item.rows),
            max_rows=str(item.max_rows),
            id=ident,
            label=self.t(sheet, item.label),
            help=self.help(sheet, item, ident),
            number=self.ui["row_number"],
            tools=self.ui["remove"],
            head=head,
            body=rows,
            add=self.ui["add_row"],
            error=self.error(ident),
        )

    def simulation(self, sheet: Worksheet, item: Field, ident: str) -> Markup:
        from exercises.api import find
        from exercises.core.params import raw_defaults

        from .learning_path import first_pages

        exercise = find(item.exercise, item.preset)
        default = raw_defaults(exercise.shown_params, self.number_t)[item.param]
        page = first_pages().get(exercise.key, "")
        link = html(' <a href="{href}">{page}</a>', href=f"{ROOT_MARK}{page}.html", page=_page_title(page, self.lang))
        return html(
            '<div class="ws-field ws-simulation" data-field="{field}" data-kind="simulation" data-key="{key}"'
            ' data-page="{page}" data-param="{param}" data-default="{default}">'
            '<span class="ws-label" id="{id}-label">{label}</span>'
            '<span><output class="ws-sim-value" id="{id}" aria-labelledby="{id}-label" aria-describedby="{id}-note">'
            '{default}</output> <span class="ws-unit">{unit}</span></span>'
            '<span class="ws-from" id="{id}-note"><span class="ws-sim-note">{note}</span>{link}</span></div>',
            field=item.id,
            key=exercise.key,
            page=page,
            param=item.param,
            default=default,
            id=ident,
            label=self.t(sheet, item.label),
            unit=self.t(sheet, item.unit),
            link=link,
            note=self.ui["sim_default"],
        )

    def calendar(self, sheet: Worksheet, item: Field, ident: str) -> Markup:
        months = [(item.first_month - 1 + i) % 12 + 1 for i in range(12)]
        head = join(
            html(
                '<th scope="col"{cls} data-month="{m}"><abbr title="{name}">{short}</abbr></th>',
                cls=attrs(class_="ws-harvest" if m in item.harvest else None),
                m=str(m),
                name=self.ui[f"month_{m}"].format(year="").strip(),
                short=self.ui[f"month_short_{m}"],
            )
            for m in months
        )
        harvest = (
            html('<p class="ws-calendar-key"><span class="ws-harvest-key"></span> {text}</p>', text=self.ui["harvest"])
            if item.harvest
            else ""
        )
        return html(
            '<div class="ws-field ws-calendar" data-field="{field}" data-kind="calendar" data-of="{of}"'
            ' data-start="{start}" data-end="{end}" data-months="{months}">'
            '<p class="ws-label" id="{id}-label">{label}</p>{help}{harvest}'
            '<div class="ws-scroll" tabindex="0" role="region" aria-labelledby="{id}-label">'
            '<table class="ws-calendar-table" aria-labelledby="{id}-label"><thead><tr><th scope="col">{action}</th>'
            "{head}</tr></thead><tbody></tbody></table></div>"
            '<p class="ws-calendar-empty">{empty}</p></div>',
            field=item.id,
            of=item.of,
            start=item.start,
            end=item.end,
            months=",".join(map(str, months)),
            id=ident,
            label=self.t(sheet, item.label),
            help=self.help(sheet, item, ident),
            harvest=harvest,
            action=self.ui["calendar_row"],
            head=head,
            empty=self.ui["calendar_empty"],
        )

    def spec(self, sheet: Worksheet) -> Markup:
        """What the page script needs that the HTML does not say: the name and kind of each field."""

        def one(item: Field) -> dict[str, Any]:
            out: dict[str, Any] = {"id": item.id, "kind": item.kind}
            if item.kind == "table":
                out["columns"] = [one(c) for c in item.columns]
            if item.kind in ("choice", "checklist"):
                out["options"] = {o.id: self.t(sheet, o.label) for o in item.options}
            if item.kind == "number":
                out.update(
                    min=None if item.min is None else str(item.min),
                    max=None if item.max is None else str(item.max),
                    decimals=item.decimals,
                )
            if item.kind in ("text", "longtext"):
                out["max"] = item.max_length
            return out

        data = {"name": sheet.name, "fields": [one(f) for f in sheet.fields]}
        return script_json(data)

    def guidance(self, sheet: Worksheet) -> Markup:
        if not sheet.guidance:
            return Markup("")
        return html(
            '<div class="admonition facilitator ws-guidance"><p class="admonition-title">{title}</p>'
            "<p>{text}</p></div>",
            title=self.ui["guidance"],
            text=self.t(sheet, sheet.guidance),
        )

    def worksheet(self, sheet: Worksheet, heading: str = "h2", where: str = "") -> Markup:
        prefix = f"ws-{sheet.name}"
        title = self.t(sheet, sheet.title) if sheet.translate else sheet.title
        if sheet.number:
            title = self.ui["numbered"].format(n=sheet.number, title=title)
        return html(
            '<section class="ws{cls}" id="{prefix}" data-ws="{name}" aria-labelledby="{prefix}-title"'
            " data-search-exclude>"
            '<{h} class="ws-title" id="{prefix}-title">{title}</{h}>{where}{intro}{guidance}'
            '<div class="ws-fields">{fields}</div>'
            '<p class="ws-status ws-js" role="status" aria-live="polite"></p>'
            '<p class="ws-needs-js">{needs_js}</p>'
            '<script type="application/json" class="ws-spec">{spec}</script></section>',
            cls=" ws-decided" if not sheet.number else "",
            prefix=prefix,
            name=sheet.name,
            h=Markup(heading),
            title=title,
            where=where,
            intro=html('<p class="ws-intro">{text}</p>', text=self.t(sheet, sheet.intro)) if sheet.intro else "",
            guidance=self.guidance(sheet),
            fields=join(self.field(sheet, item, prefix) for item in sheet.fields),
            needs_js=self.ui["needs_js"],
            spec=self.spec(sheet),
        )


def _page_title(page: str, lang: str) -> str:
    from .editions import page_title

    return page_title(page, lang)


@cache
def worksheet_html(name: str, lang: str) -> str:
    """``::: worksheet <name>``: the worksheet on its session page."""
    return str(_Render(lang).worksheet(worksheets()[name]))


def decided_html(session: str, lang: str) -> str:
    """The "what we decided" box the build puts at the end of a session page."""
    render = _Render(lang)
    return str(render.worksheet(decided(session, render.ui["decided_title"])))


def plan_html(lang: str) -> str:
    """``::: plan``: every worksheet in order, then every session's "what we decided" box."""
    from .editions import page_title, sessions

    render = _Render(lang)
    parts = []
    for sheet in worksheets().values():
        where = html(
            '<p class="ws-where">{text} <a href="{href}">{page}</a></p>',
            text=render.ui["filled_in"],
            href=f"{ROOT_MARK}{sheet.session}.html",
            page=page_title(sheet.session, lang),
        )
        parts.append(render.worksheet(sheet, where=where))
    boxes = join(
        render.worksheet(decided(page, page_title(page, lang)), heading="h3")
        for pages in sessions().values()
        for page in pages
    )
    decisions = html(
        '<section class="ws-decisions"><h2 id="ws-decisions">{title}</h2>{boxes}</section>',
        title=render.ui["decisions_title"],
        boxes=boxes,
    )
    return str(html('<div class="ws-plan">{parts}{decisions}</div>', parts=join(parts), decisions=decisions))
