"""Learner code: run an edited copy of a model file, and say in a few lines what went wrong.

What the learner's code prints is kept (up to ``OUTPUT_LIMIT`` characters) and shown as text. An
error comes back as a ``CodeProblem``: the frames of the learner's own file only, the way a teacher
would point at them, never the engine's. This is not a security boundary — the code runs in the
learner's own browser, on the learner's own data — only a way to keep mistakes readable.
"""

from __future__ import annotations

import contextlib
import io
import linecache
import traceback
import types
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .i18n import N_, Translator

__all__ = ["MODEL_FILENAME", "OUTPUT_LIMIT", "CodeProblem", "CappedOutput", "captured", "load_model", "problem_of"]

#: The file name learner code runs under; tracebacks keep only frames from it.
MODEL_FILENAME = "model.py"
#: At most this many characters of printed output are kept (a print loop cannot flood the page).
OUTPUT_LIMIT = 20_000

_HEADINGS = {
    "syntax": N_("Python could not read your code"),
    "error": N_("Your code stopped with an error"),
    "result": N_("Your code returned something the exercise cannot use"),
    "exit": N_("Your code asked Python to stop"),
}
#: Problems whose Python message would not help a learner: what to say instead.
_EXPLAINED = {
    "exit": N_(
        "sys.exit() or exit() ends the program before the exercise gets its results. Take it out and run the code again."
    ),
}


class CappedOutput(io.StringIO):
    """Collects printed text up to ``OUTPUT_LIMIT`` characters and quietly drops the rest."""

    def __init__(self) -> None:
        super().__init__()
        self.dropped = 0

    def write(self, text: str) -> int:
        room = OUTPUT_LIMIT - self.tell()
        if room > 0:
            super().write(text[:room])
        self.dropped += max(0, len(text) - max(room, 0))
        return len(text)


@contextlib.contextmanager
def captured() -> Iterator[CappedOutput]:
    """Everything printed inside the block goes to the returned buffer, not to the console."""
    output = CappedOutput()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        yield output


@dataclass
class CodeProblem:
    """Learner code that could not run: a short, readable account of what went wrong."""

    kind: str  # "syntax", "error", "exit" (the code called sys.exit()) or "result"
    message: str
    line: int | None = None
    details: str = ""

    def as_dict(self, t: Translator) -> dict[str, Any]:
        where = t(N_("Line {line}"), line=self.line) if self.line else ""
        return {
            "kind": self.kind,
            "heading": t(_HEADINGS[self.kind]),
            "where": where,
            "message": t(_EXPLAINED[self.kind]) if self.kind in _EXPLAINED else self.message,
            "details": self.details,
        }


def load_model(name: str, source: str) -> types.ModuleType:
    """Run the learner's version of the model file ``name`` as a fresh module."""
    module = types.ModuleType(name)
    module.__file__ = MODEL_FILENAME
    # so tracebacks can quote the learner's lines
    linecache.cache[MODEL_FILENAME] = (len(source), None, source.splitlines(True), MODEL_FILENAME)
    exec(compile(source, MODEL_FILENAME, "exec"), module.__dict__)
    return module


def problem_of(error: BaseException) -> CodeProblem:
    """Keep only the frames of the learner's own file."""
    if isinstance(error, SyntaxError) and error.filename == MODEL_FILENAME:
        pointer = ""
        if error.text:
            line_text = error.text.rstrip("\n")
            column = max((error.offset or 1) - 1, 0)
            pointer = f"{line_text}\n{' ' * column}^"
        return CodeProblem("syntax", f"{type(error).__name__}: {error.msg}", error.lineno, pointer)
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == MODEL_FILENAME]
    if isinstance(error, RecursionError) and len(frames) > 6:
        frames = frames[:3] + frames[-3:]
    lines = [f"  line {f.lineno}, in {f.name}\n    {(f.line or '').strip()}" for f in frames]
    line = frames[-1].lineno if frames else None
    kind = "exit" if isinstance(error, SystemExit) else "error"
    return CodeProblem(kind, f"{type(error).__name__}: {error}", line, "\n".join(lines))
