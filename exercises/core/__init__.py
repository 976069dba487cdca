"""The exercise engine: parameters, questions, rendering and the page/worker entry points."""

from .exercise import (
    BarChart,
    ChoiceAnswer,
    Column,
    Exercise,
    Msg,
    NoAnswer,
    Notice,
    NumberAnswer,
    Outputs,
    Question,
    ResultTable,
)
from .i18n import N_, Translator
from .money import LB_PER_KG, allocate, floor_kip, round_kip
from .params import Choice, Integer, Number, ParamError, Percent, Table, Text

__all__ = [
    "BarChart", "ChoiceAnswer", "Column", "Exercise", "Msg", "NoAnswer", "Notice", "NumberAnswer", "Outputs",
    "Question", "ResultTable", "N_", "Translator", "LB_PER_KG", "allocate", "floor_kip", "round_kip",
    "Choice", "Integer", "Number", "ParamError", "Percent", "Table", "Text",
]
