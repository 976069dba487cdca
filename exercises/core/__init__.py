"""The exercise engine: what an exercise definition is made of, and what runs it.

What a definition is made of (this package re-exports them): ``params`` (what a learner can change),
``outputs`` (what an exercise shows), ``questions`` (predict, then check), ``exercise`` (the whole,
and ``fill``), ``money`` (whole kip), ``i18n`` (messages and numbers) and ``languages`` (the registry
of the course's languages). What runs it, one concern per module: ``registry`` (finding exercises by
name), ``evaluate`` (parse inputs, run the model), ``sandbox`` (learner code), ``checking`` (answers),
``text`` and ``render`` (words and HTML, escaped by ``html``), ``engine`` (widget, update, check,
self-test) and ``rpc`` (the worker's JSON protocol).
"""

from .exercise import Exercise, Preset, fill
from .i18n import N_, Translator
from .money import LB_PER_KG, allocate, floor_kip, per_kg, round_kip
from .outputs import BarChart, Column, Msg, Notice, Outputs, ResultTable
from .params import Choice, Integer, Number, ParamError, Percent, Table, Text
from .questions import Case, ChoiceAnswer, NoAnswer, NumberAnswer, Question

__all__ = [
    "BarChart",
    "Case",
    "ChoiceAnswer",
    "Column",
    "Exercise",
    "Msg",
    "NoAnswer",
    "Notice",
    "NumberAnswer",
    "Outputs",
    "Preset",
    "Question",
    "ResultTable",
    "fill",
    "N_",
    "Translator",
    "LB_PER_KG",
    "allocate",
    "floor_kip",
    "per_kg",
    "round_kip",
    "Choice",
    "Integer",
    "Number",
    "ParamError",
    "Percent",
    "Table",
    "Text",
]
