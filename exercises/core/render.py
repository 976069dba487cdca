"""HTML for an exercise: the form, the result tables, the charts (SVG, by pygal) and questions.

The same functions run at build time (CPython, for the page everyone sees first, in print and
without JavaScript) and in the browser's Python worker (Pyodide, after a change), so the page
always shows exactly what the model computed. Every piece of text that did not come from this
package's own templates is escaped: names typed by a learner, values returned by learner code.
"""

from __future__ import annotations

import re
from fractions import Fraction
from html import escape
from typing import Any, Mapping, Sequence

from .exercise import BarChart, ChoiceAnswer, Exercise, Msg, Notice, Outputs, Question, ResultTable
from .i18n import N_, Translator
from .money import round_kip
from .params import Choice, Param, Table

__all__ = ["results_html", "form_html", "questions_html", "cell_text", "chart_svg"]


def _attrs(**attrs: Any) -> str:
    parts = []
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        name = key.rstrip("_").replace("_", "-")
        parts.append(name if value is True else f'{name}="{escape(str(value))}"')
    return (" " + " ".join(parts)) if parts else ""


# ---- Results ------------------------------------------------------------------------------------


def cell_text(value: Any, kind: str, t: Translator, places: int = 2) -> str:
    """The text of one table cell (not escaped yet)."""
    if value is None:
        return ""
    if isinstance(value, Msg):
        return t(value.message, **{k: _value_text(v, t) for k, v in value.values.items()})
    if kind in ("int", "kip", "kg"):
        return t.int(round_kip(value))  # rounded half up, never cut: 7.69 → 8
    if kind == "pct":
        return t.pct(value, places)
    if kind == "usd":  # prices: always with their cents, 1.50
        return t.dec(value, places)
    if kind == "num":
        return t.num(value, places)
    return str(value)


def _value_text(value: Any, t: Translator) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return t.int(value)
    if isinstance(value, Fraction):
        return t.num(value, 2)
    if isinstance(value, Msg):
        return cell_text(value, "text", t)
    return str(value)


def _table_html(table: ResultTable, t: Translator, prefix: str) -> str:
    def row_html(row: Sequence[Any], cell_tag: str = "td") -> str:
        cells = []
        for index, (col, value) in enumerate(zip(table.columns, row)):
            numeric = col.kind != "text"
            tag = "th" if index == 0 and cell_tag == "td" else cell_tag
            scope = ' scope="row"' if tag == "th" and cell_tag == "td" else ""
            negative = isinstance(value, (int, Fraction)) and not isinstance(value, bool) and value < 0
            cls = " ".join(c for c in ("cx-num" if numeric else "", "cx-neg" if negative else "") if c)
            cells.append(f"<{tag}{scope}{_attrs(class_=cls or None)}>{escape(cell_text(value, col.kind, t, col.places))}</{tag}>")
        return "<tr>" + "".join(cells) + "</tr>"

    head = "".join(
        f'<th scope="col"{_attrs(class_="cx-num" if c.kind != "text" else None)}>{escape(t(c.label))}</th>'
        for c in table.columns
    )
    body = "".join(row_html(row) for row in table.rows)
    foot = f"<tfoot>{row_html(table.footer)}</tfoot>" if table.footer is not None else ""
    return (
        f'<div class="cx-table-wrap" tabindex="0" role="region" aria-labelledby="{prefix}-{table.id}-c">'
        f'<table class="cx-table" id="{prefix}-{table.id}">'
        f'<caption id="{prefix}-{table.id}-c">{escape(t(table.caption))}</caption><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody>{foot}</table></div>"
    )


def _notice_html(notice: Notice, t: Translator) -> str:
    text = t(notice.message, **{k: _value_text(v, t) for k, v in notice.values.items()})
    return f'<p class="cx-notice cx-notice-{notice.level}">{escape(text)}</p>'


_SVG_NOISE = re.compile(r"<!--.*?-->", re.S)


def chart_svg(chart: BarChart, t: Translator, prefix: str) -> str:
    """The chart as an inline SVG (pygal, no JavaScript, no links to other sites)."""
    import pygal
    from pygal.style import Style

    style = Style(
        background="transparent",
        plot_background="transparent",
        foreground="#333",
        foreground_strong="#111",
        foreground_subtle="#767676",
        font_family='"Noto Sans", "Noto Sans Lao", sans-serif',
        label_font_size=13,
        major_label_font_size=13,
        value_font_size=12,
        legend_font_size=13,
        title_font_size=15,
        colors=("#6d4c41", "#2e7d32", "#f9a825", "#1565c0", "#ad1457"),
    )
    kind = pygal.HorizontalBar if chart.horizontal else pygal.Bar
    graph = kind(
        js=[],
        disable_xml_declaration=True,
        style=style,
        width=720,
        height=360,
        legend_at_bottom=True,
        legend_at_bottom_columns=len(chart.series),
        print_values=False,
        show_minor_x_labels=True,
        truncate_label=-1,
        truncate_legend=-1,
        x_label_rotation=0,
        y_title=t(chart.y_title) if chart.y_title else None,
        title=t(chart.title),
        value_formatter=lambda v: cell_text(v, chart.kind, t),
        margin_bottom=8,
    )
    graph.x_labels = [cell_text(label, "text", t) for label in chart.labels]
    for label, values in chart.series:  # series names are messages (or Msg); translate them
        graph.add(t(label) if isinstance(label, str) else cell_text(label, "text", t), [float(v) for v in values])
    svg = graph.render(is_unicode=True)
    svg = _SVG_NOISE.sub("", svg)
    svg = re.sub(r"<script\b.*?</script>", "", svg, flags=re.S)  # pygal's tooltip config: no scripts
    svg = re.sub(r"chart-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", f"{prefix}-{chart.id}", svg)
    svg = svg.replace("<svg ", f'<svg role="img" aria-labelledby="{prefix}-{chart.id}-t" ', 1)
    title = f'<title id="{prefix}-{chart.id}-t">{escape(t(chart.title))}</title>'
    return f'<figure class="cx-chart">{svg.replace(">", ">" + title, 1)}</figure>'


def results_html(outputs: Outputs, t: Translator, prefix: str) -> str:
    """Notices, tables and charts for one run of the model."""
    parts = [_notice_html(n, t) for n in outputs.notices]
    parts += [_table_html(table, t, prefix) for table in outputs.tables]
    parts += [chart_svg(chart, t, prefix) for chart in outputs.charts]
    return "".join(parts)


# ---- The form -----------------------------------------------------------------------------------


def _label(param: Param, t: Translator) -> str:
    unit = f' <span class="cx-unit">({escape(t(param.unit))})</span>' if param.unit else ""
    return f"{escape(t(param.label))}{unit}"


def _input(param: Param, path: str, raw: Any, t: Translator, prefix: str, label_id: str | None = None) -> str:
    field_id = f"{prefix}-f-{path.replace('.', '-')}"
    described = f"{field_id}-err"
    common = dict(id=field_id, name=path, aria_describedby=described)
    if label_id:
        common["aria_labelledby"] = label_id
    if isinstance(param, Choice):
        options = "".join(
            f'<option value="{escape(key)}"{" selected" if key == raw else ""}>{escape(t(label))}</option>'
            for key, label in param.options
        )
        return f"<select{_attrs(**common)}>{options}</select>"
    numeric = param.__class__.__name__ in ("Integer", "Number", "Percent")
    return f"<input{_attrs(type='text', inputmode='decimal' if numeric else None, value=raw, autocomplete='off', spellcheck='false' if numeric else None, **common)}>"


def _field(param: Param, raw: Any, t: Translator, prefix: str) -> str:
    field_id = f"{prefix}-f-{param.name}"
    help_html = f'<span class="cx-help">{escape(t(param.help))}</span>' if param.help else ""
    return (
        f'<div class="cx-field" data-path="{escape(param.name)}">'
        f'<label for="{field_id}">{_label(param, t)}</label>{help_html}'
        f"{_input(param, param.name, raw, t, prefix)}"
        f'<span class="cx-error" id="{field_id}-err" aria-live="polite"></span></div>'
    )


def _table_field(param: Table, rows: Sequence[Mapping[str, Any]], t: Translator, prefix: str) -> str:
    head_ids = {col.name: f"{prefix}-h-{param.name}-{col.name}" for col in param.columns}
    head = "".join(
        f'<th scope="col" id="{head_ids[col.name]}">{_label(col, t)}</th>' for col in param.columns
    )
    remove = escape(t(N_("Remove")))
    body = []
    for index, row in enumerate(rows):
        cells = "".join(
            f"<td>{_input(col, f'{param.name}.{index}.{col.name}', row.get(col.name, ''), t, prefix, head_ids[col.name])}"
            f'<span class="cx-error" id="{prefix}-f-{param.name}-{index}-{col.name}-err" aria-live="polite"></span></td>'
            for col in param.columns
        )
        body.append(
            f'<tr data-row="{index}">{cells}<td class="cx-js-only"><button type="button" class="cx-remove-row" '
            f'aria-label="{remove} {index + 1}">{remove}</button></td></tr>'
        )
    help_html = f'<p class="cx-help">{escape(t(param.help))}</p>' if param.help else ""
    add = escape(t(N_("Add a row")))
    return (
        f'<div class="cx-field cx-field-table" data-path="{escape(param.name)}" data-min-rows="{param.min_rows}" '
        f'data-max-rows="{param.max_rows}">{help_html}<div class="cx-table-wrap"><table class="cx-table cx-input-table">'
        f"<caption>{_label(param, t)}</caption><thead><tr>{head}"
        f'<th class="cx-js-only"><span class="cx-sr">{remove}</span></th></tr></thead><tbody>{"".join(body)}</tbody></table></div>'
        f'<button type="button" class="cx-add-row cx-js-only">{add}</button>'
        f'<span class="cx-error" id="{prefix}-f-{param.name}-err" aria-live="polite"></span></div>'
    )


def form_html(exercise: Exercise, raw: Mapping[str, Any], t: Translator, prefix: str) -> str:
    """The parameter form, filled with ``raw`` (the text of each field)."""
    scalars = [p for p in exercise.params if not isinstance(p, Table)]
    tables = [p for p in exercise.params if isinstance(p, Table)]
    parts = [_field(p, raw[p.name], t, prefix) for p in scalars]
    parts += [_table_field(p, raw[p.name], t, prefix) for p in tables]
    legend = escape(t(N_("Your numbers")))
    return (
        f'<form class="cx-form" novalidate autocomplete="off"><fieldset><legend>{legend}</legend>'
        f'<div class="cx-fields">{"".join(parts[: len(scalars)])}</div>{"".join(parts[len(scalars):])}'
        f"</fieldset></form>"
    )


# ---- Questions ----------------------------------------------------------------------------------


def _question_html(question: Question, values: Mapping[str, Any], result: Any, t: Translator, prefix: str, answer: str | None) -> str:
    qid = f"{prefix}-q-{question.id}"
    prompt = escape(t(question.prompt))
    check = escape(t(N_("Check")))
    if isinstance(question.kind, ChoiceAnswer):
        options = "".join(
            f'<option value="{escape(str(key))}">{escape(cell_text(label, "text", t))}</option>'
            for key, label in question.kind.options(values, result)
        )
        placeholder = escape(t(N_("Choose…")))
        control = f'<select id="{qid}-a" name="{question.id}"><option value="">{placeholder}</option>{options}</select>'
    else:
        unit = f'<span class="cx-unit">{escape(t(question.kind.unit))}</span>' if question.kind.unit else ""
        control = (
            f'<input type="text" inputmode="decimal" id="{qid}-a" name="{question.id}" autocomplete="off" '
            f'class="cx-answer-box">{unit}'
        )
    key = ""
    if answer is not None:
        label = escape(t(N_("Answer (default numbers):")))
        key = f'<p class="cx-answer-key"><strong>{label}</strong> {escape(answer)}</p>'
    return (
        f'<li class="cx-question" id="{qid}" data-question="{escape(question.id)}">'
        f'<label for="{qid}-a" class="cx-prompt">{prompt}</label>'
        f'<div class="cx-answer-row">{control}<button type="button" class="cx-check cx-js-only">{check}</button></div>'
        f'<p class="cx-feedback" role="status" aria-live="polite"></p><p class="cx-hint" aria-live="polite"></p>{key}</li>'
    )


def questions_html(exercise: Exercise, values: Mapping[str, Any], result: Any, answers: Mapping[str, str], t: Translator, prefix: str) -> str:
    """The predict-then-check questions; ``answers`` holds the answer key shown to trainers."""
    if not exercise.questions:
        return ""
    heading = escape(t(N_("Predict, then check")))
    items = "".join(
        _question_html(q, values, result, t, prefix, answers.get(q.id)) for q in exercise.questions
    )
    intro = escape(t(N_("Discuss in your group and agree on an answer before you check it.")))
    return f'<div class="cx-quiz"><p class="cx-quiz-title">{heading}</p><p class="cx-quiz-intro">{intro}</p><ol>{items}</ol></div>'
