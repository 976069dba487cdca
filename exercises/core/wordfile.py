"""The words of an exercise definition, in a TOML file beside it (``wet_mill.py`` → ``wet_mill.toml``).

What a learner reads stays out of the Python: authors and translators edit it as text, and the
definition keeps the numbers and the logic. The file has:

* ``[exercise]`` — ``title``, ``summary`` and ``code_tip`` (the example change in the tip above the
  code editor, such as "let cherry over capacity wait for the next day");
* ``[params.<name>]`` — the words of a field of the form: ``label``, ``unit``, ``help`` and, for a
  table, ``key_message``; a table's columns are ``[params.<table>.columns.<name>]``. Shared
  parameters (exercises/shared.py) bring their own words, which these replace;
* ``[questions.<id>]`` — one table per question (see ``questions.questions_from``); a preset with
  its own questions has its own table, such as ``[simple_questions.<id>]``;
* ``[tables.<id>]`` and ``[charts.<id>]`` — the headings of what ``show`` returns (``with_headings``):
  a result table's ``caption`` and ``columns`` (each ``[heading, kind]``, or ``[heading, "num", places]``),
  a chart's ``title`` and ``y_title``. A preset with its own ``show`` has ``[simple_tables.<id>]`` …
  The words that stand beside a number — a row's label, a chart's series, a notice, a cell — stay in
  ``show``, with the number.

Every text is a message id of the ``exercises`` catalogs (``messages`` is how scripts/catalogs.py
finds them). A mistake is a ``WordFileError`` that names the file and line.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from .i18n import Translator
from .outputs import KINDS, BarChart, Column, Outputs, ResultTable
from .params import Param, Table

__all__ = [
    "PACKED_SUFFIX",
    "WordFile",
    "WordFileError",
    "exercise_words",
    "messages",
    "read",
    "with_headings",
    "with_words",
]

Show = Callable[[Any, Mapping[str, Any], Translator], Outputs]

#: A word file in the browser's bundle: ``wet_mill.toml`` packed as ``wet_mill.words.json`` (scripts/stage_assets.py).
PACKED_SUFFIX = ".words.json"

#: The parts of a word file. A preset's own questions, tables and charts have its name first
#: (``[simple_questions.<id>]``): those parts are known by how their names end.
PARTS = ("exercise", "params")
PRESET_PARTS = ("questions", "tables", "charts")
#: The texts of ``[exercise]``, all needed.
EXERCISE_KEYS = ("title", "summary", "code_tip")
#: The words of a parameter (``key_message`` only for a table).
PARAM_KEYS = ("label", "unit", "help", "key_message")
#: The texts of a question that a learner reads (``reference`` only where it is a name, not a number).
QUESTION_TEXTS = ("prompt", "hints", "explain", "reference")
#: The headings of a result table and of a chart.
TABLE_KEYS = ("caption", "columns")
CHART_KEYS = ("title", "y_title")


class WordFileError(ValueError):
    """A word file an author must fix; the message names the file and line."""


@dataclass(frozen=True)
class WordFile:
    """A definition's word file: its name for messages (``exercises/wet_mill.toml``), text and data."""

    name: str
    text: str
    data: dict[str, Any]

    def line(self, table: str, entry: str | None = None, key: str | None = None) -> int:
        """The line (from 1) of ``[table]`` or ``[table.entry]``, or of a ``key = …`` in it; 1 if not found."""
        header = f"[{table}.{entry}]" if entry else f"[{table}]"
        lines = self.text.splitlines()
        for number, line in enumerate(lines, 1):
            if line.strip() == header:
                for below, text in enumerate(lines[number:], number + 1):
                    if key is None or text.startswith("["):
                        break
                    if text.split("=", 1)[0].strip() == key:
                        return below
                return number
        return 1

    def error(self, problem: str, table: str, entry: str | None = None, key: str | None = None) -> WordFileError:
        return WordFileError(f"{self.name}:{self.line(table, entry, key)}: {problem}")


def _parse(name: str, text: str) -> WordFile:
    import tomllib  # here: the browser reads the words as JSON and never needs it

    try:
        words = WordFile(name, text, tomllib.loads(text))
    except tomllib.TOMLDecodeError as error:  # its message says the line and column
        raise WordFileError(f"{name}: {error}") from None
    for part in words.data:
        if part not in PARTS and not part.endswith(PRESET_PARTS):
            lines = enumerate(text.splitlines(), 1)
            number = next((n for n, line in lines if line.strip().startswith((f"[{part}]", f"[{part}."))), 1)
            raise WordFileError(
                f"{name}:{number}: [{part}] is not a part of a word file: {', '.join(PARTS + PRESET_PARTS)}, "
                "or a preset's own questions, tables or charts (simple_questions …)"
            )
    return words


@cache
def read(definition: str) -> WordFile:
    """The word file of a definition module (its ``__file__``).

    In the browser's bundle the word files are JSON (``<name>.words.json``, made by scripts/stage_assets.py
    from the TOML the build has checked): Python starts without tomllib and its parsing (about 40 kB
    less in the memory snapshot a phone downloads)."""
    path = Path(definition).with_suffix(".toml")
    name = f"{path.parent.name}/{path.name}"
    packed = path.with_suffix(PACKED_SUFFIX)
    if not path.exists() and packed.exists():
        return WordFile(name, "", json.loads(packed.read_text(encoding="utf-8")))
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise WordFileError(f"{name}: missing (the words of {Path(definition).name})") from None
    return _parse(name, text)


def exercise_words(definition: str) -> dict[str, str]:
    """``title``, ``summary`` and ``code_tip`` from the ``[exercise]`` table."""
    words = read(definition)
    table = words.data.get("exercise", {})
    for key in EXERCISE_KEYS:
        if not isinstance(table.get(key), str):
            raise words.error(f"[exercise] needs a {key} (a text)", "exercise")
    _known_keys(words, "exercise", None, table, EXERCISE_KEYS)
    return {key: table[key] for key in EXERCISE_KEYS}


def with_words(definition: str, params: Sequence[Param]) -> list[Param]:
    """``params`` with their words from ``[params.<name>]`` (and a table's ``[params.<table>.columns.<name>]``)."""
    words = read(definition)
    entries = words.data.get("params", {})
    for name in entries:
        if name not in {param.name for param in params}:
            raise words.error(f"{Path(definition).name} has no parameter {name!r}", "params", name)
    return [_worded(words, param, entries.get(param.name, {}), "params") for param in params]


def _worded(words: WordFile, param: Param, entry: dict[str, Any], table: str) -> Param:
    changes: dict[str, Any] = {}
    for key, value in entry.items():
        if key == "columns" and isinstance(param, Table):
            continue
        if key not in PARAM_KEYS or (key == "key_message" and not isinstance(param, Table)):
            allowed = ", ".join(PARAM_KEYS if isinstance(param, Table) else PARAM_KEYS[:3])
            raise words.error(f"{param.name!r} has {key!r}, which is not one of {allowed}", table, param.name, key)
        if not isinstance(value, str):
            raise words.error(f"the {key} of {param.name!r} must be a text", table, param.name, key)
        changes[key] = value
    if isinstance(param, Table):
        columns = entry.get("columns", {})
        inner = f"{table}.{param.name}.columns"
        for name in columns:
            if name not in {column.name for column in param.columns}:
                raise words.error(f"the table {param.name!r} has no column {name!r}", inner, name)
        changes["columns"] = [_worded(words, c, columns.get(c.name, {}), inner) for c in param.columns]
    worded = replace(param, **changes)
    if not worded.label:
        raise words.error(
            f'{param.name!r} has no label: add label = "…" under [{table}.{param.name}]', table, param.name
        )
    return worded


def with_headings(definition: str, show: Show, prefix: str = "") -> Show:
    """``show`` whose tables and charts get their headings from ``[<prefix>tables.<id>]`` and
    ``[<prefix>charts.<id>]`` (``prefix`` is a preset's, such as ``"simple_"``, for its own ``show``).

    The headings are read and checked now, when the exercise is made: a wrong key or kind stops the
    build with the file and line. A table or chart without its heading is an error when ``show``
    returns it (the engine tests run every exercise). ``show`` keeps the headings it needs, not the
    word file: in the browser the files are gone after a restore of the memory snapshot."""
    words = read(definition)
    tables, charts = _headings(words, prefix)
    words = replace(words, data={})  # for its name and lines in an error

    def headed(result: Any, values: Mapping[str, Any], t: Translator) -> Outputs:
        outputs = show(result, values, t)
        return replace(
            outputs,
            tables=[_headed_table(words, f"{prefix}tables", tables, table) for table in outputs.tables],
            charts=[_headed_chart(words, f"{prefix}charts", charts, chart) for chart in outputs.charts],
        )

    return headed


def _headings(words: WordFile, prefix: str) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, str]]]:
    """The checked headings of the tables and of the charts, by id."""
    tables = {
        tid: _table_heading(words, f"{prefix}tables", tid, entry)
        for tid, entry in words.data.get(f"{prefix}tables", {}).items()
    }
    charts = {
        cid: _chart_heading(words, f"{prefix}charts", cid, entry)
        for cid, entry in words.data.get(f"{prefix}charts", {}).items()
    }
    return tables, charts


def _table_heading(words: WordFile, table: str, tid: str, entry: dict[str, Any]) -> dict[str, Any]:
    _known_keys(words, table, tid, entry, TABLE_KEYS)
    if not isinstance(entry.get("caption"), str):
        raise words.error(f'[{table}.{tid}] needs a caption = "…"', table, tid)
    heading: dict[str, Any] = {"caption": entry["caption"]}
    if "columns" in entry:
        columns = entry["columns"]
        if not isinstance(columns, list) or not all(_is_column(c) for c in columns):
            raise words.error(
                f'the columns of [{table}.{tid}] are [heading] or [heading, kind] or [heading, "num", places]; '
                f"a kind is one of {', '.join(KINDS)}",
                table,
                tid,
                "columns",
            )
        heading["columns"] = [Column(*column) for column in columns]
    return heading


def _is_column(column: Any) -> bool:
    if not isinstance(column, list) or not 1 <= len(column) <= 3 or not isinstance(column[0], str):
        return False
    return (len(column) < 2 or column[1] in KINDS) and (len(column) < 3 or isinstance(column[2], int))


def _chart_heading(words: WordFile, table: str, cid: str, entry: dict[str, Any]) -> dict[str, str]:
    _known_keys(words, table, cid, entry, CHART_KEYS)
    for key, value in entry.items():
        if not isinstance(value, str):
            raise words.error(f"the {key} of [{table}.{cid}] must be a text", table, cid, key)
    if "title" not in entry:
        raise words.error(f'[{table}.{cid}] needs a title = "…"', table, cid)
    return dict(entry)


def _known_keys(words: WordFile, table: str, entry_id: str | None, entry: dict[str, Any], keys: Sequence[str]) -> None:
    """Every key of ``[table]`` or ``[table.entry_id]`` is one of ``keys``."""
    name = f"{table}.{entry_id}" if entry_id else table
    for key in entry:
        if key not in keys:
            raise words.error(f"[{name}] has {key!r}, which is not one of {', '.join(keys)}", table, entry_id, key)


def _headed_table(words: WordFile, table: str, headings: dict[str, Any], result: ResultTable) -> ResultTable:
    if result.id not in headings:
        raise words.error(f"show() has a table {result.id!r}: add [{table}.{result.id}] with its caption", table)
    heading = headings[result.id]
    if result.columns and "columns" in heading:
        raise words.error(f"the code gives the columns of {result.id!r}: take them out of the word file", table)
    if not result.columns and "columns" not in heading:
        raise words.error(f"[{table}.{result.id}] needs its columns", table, result.id)
    return replace(result, **heading)


def _headed_chart(words: WordFile, table: str, headings: dict[str, Any], chart: BarChart) -> BarChart:
    if chart.id not in headings:
        raise words.error(f"show() has a chart {chart.id!r}: add [{table}.{chart.id}] with its title", table)
    return replace(chart, **headings[chart.id])


def messages(name: str, text: str) -> list[tuple[int, str]]:
    """(line, message id) for every text of a word file a learner reads, for the catalogs: the
    exercise's words, each question's prompt, hints and explanation, the references of choice
    questions (names, projects; numbers are not translated), and the headings of tables and charts."""
    words = _parse(name, text)
    found = [
        (words.line("exercise", key=key), words.data.get("exercise", {})[key])
        for key in EXERCISE_KEYS
        if key in words.data.get("exercise", {})
    ]
    found += _param_messages(words, words.data.get("params", {}), "params")
    for table, entries in words.data.items():
        if table.endswith("tables"):
            for tid, entry in entries.items():
                found += _texts(words, table, tid, entry, ["caption"])
                columns = entry.get("columns", [])
                found += [(words.line(table, tid, "columns"), column[0]) for column in columns]
        elif table.endswith("charts"):
            found += [m for cid, entry in entries.items() for m in _texts(words, table, cid, entry, CHART_KEYS)]
        elif table.endswith("questions"):
            for qid, entry in entries.items():
                if isinstance(entry.get("reference"), str) and not any(c.isalpha() for c in entry["reference"]):
                    entry = {k: v for k, v in entry.items() if k != "reference"}
                found += _texts(words, table, qid, entry, QUESTION_TEXTS)
    return found


def _texts(
    words: WordFile, table: str, entry_id: str, entry: dict[str, Any], keys: Sequence[str]
) -> list[tuple[int, str]]:
    """(line, text) of each of ``keys`` in an entry: a text, or a list of texts."""
    found = []
    for key in keys:
        value = entry.get(key)
        texts = value if isinstance(value, list) else [value] if isinstance(value, str) else []
        found += [(words.line(table, entry_id, key), text) for text in texts]
    return found


def _param_messages(words: WordFile, entries: dict[str, Any], table: str) -> list[tuple[int, str]]:
    found = []
    for name, entry in entries.items():
        found += [(words.line(table, name, key), entry[key]) for key in PARAM_KEYS if isinstance(entry.get(key), str)]
        found += _param_messages(words, entry.get("columns", {}), f"{table}.{name}.columns")
    return found
