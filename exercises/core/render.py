"""HTML for an exercise: the whole widget, the form, the results (tables, SVG charts by pygal), questions.

The same functions run at build time (CPython, for the page everyone sees first, in print and
without JavaScript) and in the browser's Python worker (Pyodide, after a change), so the page
always shows exactly what the model computed. Every piece of HTML is written with ``html.html``,
which escapes every value it fills in: names typed by a learner, values returned by learner code.

Ids: everything inside an exercise starts with its prefix ``cx-<name>``; a form field is
``<prefix>-f-<path with dashes>`` and its message ``<field id>-err``. The page's JavaScript never
rebuilds these: it reads them from the HTML (``aria-describedby``, ``data-id-prefix``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from .exercise import Exercise
from .html import Markup, attrs, html, join, script_json
from .i18n import N_, Translator
from .outputs import BarChart, Notice, Outputs, ResultTable
from .params import Choice, Integer, Number, Param, Percent, Table
from .questions import Case, ChoiceAnswer, Question
from .text import cell_text, msg_text, text_of

__all__ = ["chart_svg", "form_html", "outputs_html", "progress_box", "questions_html", "widget_html"]


def prefix_of(exercise: Exercise) -> str:
    """The id prefix of everything inside the exercise's widget (its storage key, made an id)."""
    return f"cx-{exercise.key.replace(':', '-')}"


# ---- Results ------------------------------------------------------------------------------------


def _table_html(table: ResultTable, t: Translator, prefix: str) -> Markup:
    def row_html(row: Sequence[Any], in_body: bool) -> Markup:
        cells = []
        for index, (col, value) in enumerate(zip(table.columns, row, strict=False)):
            tag = "th" if index == 0 and in_body else "td" if in_body else "th"
            negative = isinstance(value, (int, Fraction)) and not isinstance(value, bool) and value < 0
            classes = " ".join(c for c in ("cx-num" if col.kind != "text" else "", "cx-neg" if negative else "") if c)
            cells.append(
                html(
                    "<{tag}{attrs}>{text}</{tag}>",
                    tag=Markup(tag),
                    text=cell_text(value, col.kind, t, col.places),
                    attrs=attrs(scope="row" if tag == "th" and in_body else None, class_=classes or None),
                )
            )
        return html("<tr>{cells}</tr>", cells=join(cells))

    head = join(
        html(
            '<th scope="col"{attrs}>{label}</th>',
            label=t(c.label),
            attrs=attrs(class_="cx-num" if c.kind != "text" else None),
        )
        for c in table.columns
    )
    foot = html("<tfoot>{row}</tfoot>", row=row_html(table.footer, True)) if table.footer is not None else ""
    table_id = f"{prefix}-{table.id}"
    inner = html(
        '<table class="cx-table" id="{id}"><caption id="{id}-c">{caption}</caption><thead><tr>{head}</tr></thead>'
        "<tbody>{body}</tbody>{foot}</table>",
        id=table_id,
        caption=t(table.caption),
        head=head,
        body=join(row_html(row, True) for row in table.rows),
        foot=foot,
    )
    return scroll_box(inner, table_id, f"{table_id}-c", t(N_("Slide the table sideways to see every column.")))


def scroll_box(content: Markup, box_id: str, label_id: str, hint: str) -> Markup:
    """A table (or a wide chart) in a box of its own width that scrolls sideways when it is wider (phones).

    The box is a region named by the table's caption or the chart's title (``label_id``) that a keyboard
    can reach and scroll; a table's first column stays in place, a shadow at the edge shows there is
    more (coop.css). The page script marks a box whose content is wider than it (``cx-scrolls``: the
    hint above it shows, and is the region's description; frontend/src/runtime/scroll-boxes.js)."""
    return html(
        '<div class="cx-scroll-box"><p class="cx-scroll-hint" id="{id}-s">{hint}</p>'
        '<div class="cx-scroll-wrap" tabindex="0" role="region" aria-labelledby="{label}">{content}</div></div>',
        id=box_id,
        label=label_id,
        hint=hint,
        content=content,
    )


def _notice_html(notice: Notice, t: Translator) -> Markup:
    return html('<p class="cx-notice cx-notice-{level}">{text}</p>', level=notice.level, text=msg_text(notice, t))


#: The chart's own width: a phone shows it about 320 px wide, so its 15-unit text is drawn at 12 CSS px or more
#: (coop.css caps a chart's width on wider screens, where the text grows).
CHART_WIDTH = 400
WIDE_CHART_WIDTH = 720  # shown at least 540 px wide (coop.css): 11 px text
#: What pygal writes for its JavaScript tooltips and its own stylesheet, which the site never uses:
#: comments, the tooltip config and group, each value's <desc> data, each axis label's <title> again,
#: the empty overlays (no value printed on a bar), the text sizes (coop.css "Charts" has them). Over
#: half of a chart's bytes. The chart's title is written once, as its accessible name (below).
_SVG_NOISE = re.compile(
    r'<!--.*?-->|<script\b.*?</script>|<desc class="[^"]*">[^<]*</desc>|<title>[^<]*</title>'
    r'|<g transform="[^"]*" class="plot tooltip-overlay">.*?</g></g>'
    r'|<g transform="[^"]*" class="plot (?:text-)?overlay">(?:<g [^>]*/>)*</g>'
    r"|<style[^>]*>[^<]*</style>"
    r'| rx="0" ry="0"| tooltip-trigger',
    re.S,
)
_LONG_DECIMAL = re.compile(r"(\d)\.(\d)\d+")  # 248.45538461538465 units: a tenth is well below a pixel


def _rotation(labels: Sequence[str]) -> int:
    """How far to turn the names under the bars: not at all when they fit side by side in a chart a
    phone shows (about 300 of its 400 units for the bars, 8 units a letter), upright when they are short,
    else aslant (long names stand less tall)."""
    longest = max((len(label) for label in labels), default=0)
    if len(labels) * longest * 8 <= 300:
        return 0
    return 90 if longest <= 12 else 35


def _tenths(number: re.Match[str]) -> str:
    """A coordinate cut to tenths (not rounded: the shapes keep touching where pygal drew them touching)."""
    return f"{number.group(1)}.{number.group(2)}"


def chart_svg(chart: BarChart, t: Translator, prefix: str) -> Markup:
    """The chart as an inline SVG (pygal, no JavaScript, no links to other sites)."""
    import pygal
    from pygal.style import Style

    # Colours, lines, text sizes and alignment are coop.css's ("Charts"), the same for every chart:
    # pygal's own stylesheets would be written into every chart again, about 6 kB each. The sizes here
    # are the same as there: pygal reckons with them where it places the names and values.
    style = Style(
        label_font_size=15,
        major_label_font_size=15,
        value_font_size=14,
        legend_font_size=15,
        title_font_size=16,
    )
    kind = pygal.HorizontalBar if chart.horizontal else pygal.Bar
    count = len(chart.labels)
    graph_labels = [cell_text(label, "text", t) for label in chart.labels]
    # Long names beside the bars of a horizontal chart leave no room for the bars in 400 units: such a
    # chart is drawn wider and scrolls sideways on a phone, its text still 11 px or more (coop.css).
    wide = chart.horizontal and max((len(label) for label in graph_labels), default=0) > 16
    names = [text_of(label, t) for label, _ in chart.series]
    graph = kind(
        js=[],
        css=[],
        disable_xml_declaration=True,
        style=style,
        width=WIDE_CHART_WIDTH if wide else CHART_WIDTH,
        height=330,
        show_legend=False,  # an HTML legend below: long names (Lao) wrap there instead of leaving the picture
        # Fewer value labels, turned when they are names or values side by side: on a phone they would
        # overlap. (In a horizontal chart pygal's x axis holds the values, the labels are its y axis.)
        **({"show_minor_x_labels": False} if chart.horizontal else {"show_minor_y_labels": False}),
        y_labels_major_count=3 if chart.horizontal else 5,
        print_values=False,
        truncate_label=-1,
        x_label_rotation=35 if chart.horizontal else _rotation(graph_labels),
        **(
            {}
            if chart.horizontal or count <= 12
            else {"x_labels_major_every": -(-count // 12), "show_minor_x_labels": False}
        ),
        y_title=t(chart.y_title) if chart.y_title else None,
        title=t(chart.title),
        value_formatter=lambda v: cell_text(v, chart.kind, t),
        margin_bottom=8,
    )
    graph.x_labels = graph_labels
    for name, (_, values) in zip(names, chart.series, strict=True):
        graph.add(name, [float(v) for v in values])
    # pygal escapes the text it writes into its SVG: the SVG is HTML made here.
    svg = _SVG_NOISE.sub("", graph.render(is_unicode=True)).replace("<defs></defs>", "")
    svg = re.sub(r"<[^>]+>", lambda tag: _LONG_DECIMAL.sub(_tenths, tag.group()), svg)
    chart_id = f"{prefix}-{chart.id}"
    svg = re.sub(r"chart-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", chart_id, svg)
    svg = svg.replace("<svg ", f'<svg role="img" aria-labelledby="{chart_id}-t" ', 1)
    title = html('<title id="{id}-t">{title}</title>', id=chart_id, title=t(chart.title))
    legend = join(
        html('<li><span class="cx-swatch cx-swatch-{index}"></span>{name}</li>', index=index, name=name)
        for index, name in enumerate(names)
    )
    picture = Markup(svg.replace(">", ">" + str(title), 1))
    if wide:
        hint = t(N_("Slide the chart sideways to see all of it."))
        picture = scroll_box(
            html('<div class="cx-chart-wide">{svg}</div>', svg=picture), chart_id, f"{chart_id}-t", hint
        )
    return html(
        '<figure class="cx-chart">{svg}<ul class="cx-legend">{legend}</ul></figure>', svg=picture, legend=legend
    )


def outputs_html(outputs: Outputs, t: Translator, prefix: str) -> Markup:
    """Notices, tables and charts for one run of the model."""
    return join(
        [
            *(_notice_html(n, t) for n in outputs.notices),
            *(_table_html(table, t, prefix) for table in outputs.tables),
            *(chart_svg(chart, t, prefix) for chart in outputs.charts),
        ]
    )


# ---- The form -----------------------------------------------------------------------------------


def field_id(prefix: str, path: str) -> str:
    return f"{prefix}-f-{path.replace('.', '-')}"


def _label(param: Param, t: Translator) -> Markup:
    unit = html(' <span class="cx-unit">({unit})</span>', unit=t(param.unit)) if param.unit else ""
    return html("{label}{unit}", label=t(param.label), unit=unit)


def _input(param: Param, path: str, raw: Any, t: Translator, prefix: str, **extra: Any) -> Markup:
    fid = field_id(prefix, path)
    common = attrs(id=fid, name=path, aria_describedby=f"{fid}-err", **extra)
    if isinstance(param, Choice):
        options = join(
            html(
                '<option value="{key}"{selected}>{label}</option>',
                key=key,
                label=t(label),
                selected=attrs(selected=key == raw),
            )
            for key, label in param.options
        )
        return html("<select{common}>{options}</select>", common=common, options=options)
    numeric = isinstance(param, (Integer, Number, Percent))
    return html(
        "<input{attrs}{common}>",
        common=common,
        attrs=attrs(
            type="text",
            inputmode="decimal" if numeric else None,
            value=raw,
            autocomplete="off",
            spellcheck="false" if numeric else None,
        ),
    )


def _error(prefix: str, path: str) -> Markup:
    return html('<span class="cx-error" id="{id}-err" aria-live="polite"></span>', id=field_id(prefix, path))


def _field(param: Param, raw: Any, t: Translator, prefix: str) -> Markup:
    help_html = html('<span class="cx-help">{help}</span>', help=t(param.help)) if param.help else ""
    return html(
        '<div class="cx-field" data-path="{path}"><label for="{id}">{label}</label>{help}{input}{error}</div>',
        path=param.name,
        id=field_id(prefix, param.name),
        label=_label(param, t),
        help=help_html,
        input=_input(param, param.name, raw, t, prefix),
        error=_error(prefix, param.name),
    )


def _table_field(param: Table, rows: Sequence[Mapping[str, Any]], t: Translator, prefix: str) -> Markup:
    head_ids = {col.name: f"{prefix}-h-{param.name}-{col.name}" for col in param.columns}
    head = join(
        html('<th scope="col" id="{id}">{label}</th>', id=head_ids[col.name], label=_label(col, t))
        for col in param.columns
    )
    remove = t(N_("Remove"))
    resizable = param.min_rows != param.max_rows  # a table of a fixed size has no add and remove buttons
    body = []
    for index, row in enumerate(rows):
        cells = join(
            html(
                "<td>{input}{error}</td>",
                error=_error(prefix, f"{param.name}.{index}.{col.name}"),
                input=_input(
                    col,
                    f"{param.name}.{index}.{col.name}",
                    row.get(col.name, ""),
                    t,
                    prefix,
                    aria_labelledby=head_ids[col.name],
                    data_column=col.name,
                ),
            )
            for col in param.columns
        )
        remove_cell = html(
            '<td class="cx-js-only"><button type="button" class="cx-remove-row" aria-label="{remove} {number}">'
            "{remove}</button></td>",
            number=index + 1,
            remove=remove,
        )
        body.append(
            html(
                '<tr data-row="{index}">{cells}{remove_cell}</tr>',
                index=index,
                cells=cells,
                remove_cell=remove_cell if resizable else "",
            )
        )
    help_html = html('<p class="cx-help">{help}</p>', help=t(param.help)) if param.help else ""
    remove_head = html('<th class="cx-js-only"><span class="cx-sr">{remove}</span></th>', remove=remove)
    add = html('<button type="button" class="cx-add-row cx-js-only">{add}</button>', add=t(N_("Add a row")))
    return html(
        '<div class="cx-field cx-field-table" data-path="{path}" data-id-prefix="{id}" data-max-rows="{max}">'
        "{help}{table}{add}{error}</div>",
        path=param.name,
        id=field_id(prefix, param.name),
        max=param.max_rows,
        help=help_html,
        table=scroll_box(
            html(
                '<table class="cx-table cx-input-table"><caption id="{id}-c">{label}</caption>'
                "<thead><tr>{head}{remove_head}</tr></thead><tbody>{body}</tbody></table>",
                id=field_id(prefix, param.name),
                label=_label(param, t),
                head=head,
                remove_head=remove_head if resizable else "",
                body=join(body),
            ),
            field_id(prefix, param.name),
            f"{field_id(prefix, param.name)}-c",
            t(N_("Slide the table sideways to see every column.")),
        ),
        add=add if resizable else "",
        error=_error(prefix, param.name),
    )


def form_html(exercise: Exercise, raw: Mapping[str, Any], t: Translator, prefix: str) -> Markup:
    """The parameter form, filled with ``raw`` (the text of each field); a preset's hidden fields are left out."""
    shown = exercise.shown_params
    scalars = join(_field(p, raw[p.name], t, prefix) for p in shown if not isinstance(p, Table))
    tables = join(_table_field(p, raw[p.name], t, prefix) for p in shown if isinstance(p, Table))
    return html(
        '<form class="cx-form" novalidate autocomplete="off"><fieldset><legend>{legend}</legend>'
        '<div class="cx-fields">{scalars}</div>{tables}</fieldset></form>',
        legend=t(N_("Your numbers")),
        scalars=scalars,
        tables=tables,
    )


# ---- Questions ----------------------------------------------------------------------------------


def _question_html(question: Question, case: Case, prefix: str, answer: str | None) -> Markup:
    qid = f"{prefix}-q-{question.id}"
    t = case.t
    if isinstance(question.kind, ChoiceAnswer):
        options = join(
            html('<option value="{key}">{label}</option>', key=key, label=cell_text(label, "text", t))
            for key, label in question.kind.options(case)
        )
        control = html(
            '<select id="{qid}-a" name="{name}"><option value="">{choose}</option>{options}</select>',
            qid=qid,
            name=question.id,
            choose=t(N_("Choose…")),
            options=options,
        )
    else:
        unit = html('<span class="cx-unit">{unit}</span>', unit=t(question.kind.unit)) if question.kind.unit else ""
        control = html(
            '<input type="text" inputmode="decimal" id="{qid}-a" name="{name}" autocomplete="off" '
            'class="cx-answer-box">{unit}',
            qid=qid,
            name=question.id,
            unit=unit,
        )
    key = ""
    if answer is not None:
        key = html(
            '<p class="cx-answer-key"><strong>{label}</strong> {answer}</p>',
            label=t(N_("Answer (default numbers):")),
            answer=answer,
        )
    return html(
        '<li class="cx-question" id="{qid}" data-question="{id}"><label for="{qid}-a" class="cx-prompt">{prompt}</label>'
        '<div class="cx-answer-row">{control}<button type="button" class="cx-check cx-js-only">{check}</button></div>'
        '<p class="cx-feedback" role="status" aria-live="polite"></p><p class="cx-hint" aria-live="polite"></p>{key}</li>',
        qid=qid,
        id=question.id,
        prompt=t(question.prompt),
        control=control,
        check=t(N_("Check")),
        key=key,
    )


def questions_html(exercise: Exercise, case: Case, answers: Mapping[str, str], prefix: str) -> Markup:
    """The predict-then-check questions; ``answers`` holds the answer key shown to trainers."""
    if not exercise.questions:
        return Markup("")
    t = case.t
    items = join(_question_html(q, case, prefix, answers.get(q.id)) for q in exercise.questions)
    return html(
        '<div class="cx-quiz"><p class="cx-quiz-title">{heading}</p><p class="cx-quiz-intro">{intro}</p>'
        "<ol>{items}</ol></div>",
        heading=t(N_("Predict, then check")),
        items=items,
        intro=t(N_("Discuss in your group and agree on an answer before you check it.")),
    )


# ---- The whole widget ---------------------------------------------------------------------------

# Words around every exercise.
_WORDS = {
    "controls": N_("Simulation controls"),
    "form": N_("Form"),
    "code": N_("Code"),
    "reset_numbers": N_("Reset numbers"),
    "stop": N_("Stop"),
    "code_label": N_("Python code of the model"),
    "run": N_("Run"),
    "reset_code": N_("Reset code"),
    "printed": N_("What your code printed"),
    "see_all": N_("See all results"),
}


def widget_html(
    exercise: Exercise,
    t: Translator,
    raw: Mapping[str, Any],
    key: str,
    results: Markup,
    quiz: Markup,
    others: Mapping[str, Mapping[str, Any]] | None = None,
) -> Markup:
    """The exercise as static HTML: title, controls, status, key result, form, code panel, results, questions.

    Its data for the page's script: the name and preset the worker is asked about, the ``key`` the
    learner's saved work is kept under (the name, and the preset unless it is the first), the default
    text of every field (``raw``; ``defaults``: in the ``others`` languages) and the model's module, whose code
    the editor loads when code mode first opens (assets/coop/models/<model>.js, scripts/build-frontend.mjs)."""
    prefix = prefix_of(exercise)
    words = {key: t(message) for key, message in _WORDS.items()}
    data = {
        "name": exercise.name,
        "preset": exercise.preset or None,
        "key": exercise.key,
        "raw": raw,
        "defaults": others or {},
        "model": exercise.model.__name__.rpartition(".")[2],
    }
    return html(
        '<section class="cx" id="{prefix}" data-cx="{name}"{preset} aria-labelledby="{prefix}-title">'
        '<p class="cx-title" id="{prefix}-title">{title}</p><p class="cx-summary">{summary}</p>'
        '<div class="cx-bar cx-js-only" role="toolbar" aria-label="{w[controls]}">'
        '<button type="button" class="cx-mode" data-mode="form" aria-pressed="true">{w[form]}</button>'
        '<button type="button" class="cx-mode" data-mode="code" aria-pressed="false">{w[code]}</button>'
        '<button type="button" class="cx-reset-form">{w[reset_numbers]}</button>'
        '<button type="button" class="cx-stop" hidden>{w[stop]}</button></div>'
        '<div class="cx-status cx-js-only" role="status" aria-live="polite"><span class="cx-status-text"></span>'
        '<progress class="cx-progress" max="100" value="0" hidden></progress></div>'
        "{form}"
        '<div class="cx-near"><p class="cx-key" aria-live="polite" aria-atomic="true"{hidden}>{key}</p>'
        '<a class="cx-see-all" href="#{prefix}-results">{w[see_all]}</a></div>'
        '<div class="cx-code" hidden><p class="cx-code-tip">{tip}</p>'
        '<div class="cx-editor" aria-label="{w[code_label]}"></div>'
        '<div class="cx-code-bar"><button type="button" class="cx-run">{w[run]}</button>'
        '<button type="button" class="cx-reset-code">{w[reset_code]}</button></div>'
        '<div class="cx-problem" role="alert" hidden></div>'
        '<p class="cx-output-title" hidden>{w[printed]}</p>'
        '<pre class="cx-output" tabindex="0" hidden></pre></div>'
        '<div class="cx-results" id="{prefix}-results" tabindex="-1">{results}</div>'
        "{quiz}"
        '<script type="application/json" class="cx-data">{data}</script>'
        "</section>",
        prefix=prefix,
        name=exercise.name,
        preset=attrs(data_preset=exercise.preset or None),
        title=t(exercise.title),
        summary=t(exercise.summary),
        w=words,
        key=key,
        hidden=attrs(hidden=not key),
        form=form_html(exercise, raw, t, prefix),
        tip=text_of(exercise.code_tip, t),
        results=results,
        quiz=quiz,
        data=script_json(data),
    )


def progress_box(words: Mapping[str, str]) -> Markup:
    """The "your progress" box under a page's exercises: save to a file, load from a file."""
    return html(
        '<aside class="cx-progress-box cx-js-only" aria-labelledby="cx-progress-title">'
        '<p class="cx-progress-title" id="cx-progress-title">{w[progress_title]}</p>'
        '<button type="button" class="cx-export">{w[progress_export]}</button>'
        '<label class="cx-import"><span>{w[progress_import]}</span>'
        '<input type="file" accept=".json,application/json" class="cx-import-file"></label>'
        '<p class="cx-progress-status" role="status" aria-live="polite"></p></aside>',
        w=words,
    )
