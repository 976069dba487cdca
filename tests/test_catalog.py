"""Every message a learner can see exists in English and Lao (gettext catalog, checked here)."""

from __future__ import annotations

import io
import re
import sys
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import catalogs  # noqa: E402

from exercises.ui import SITE, UI  # noqa: E402


def test_every_message_has_a_lao_translation_with_the_same_placeholders():
    problems = catalogs.problems()
    assert not problems, f"{len(problems)} catalog problems (run `python scripts/catalogs.py update`, then translate):\n" + \
        "\n".join(problems[:30])


def test_lao_translations_are_in_lao():
    catalog = catalogs.load("lo")
    units = {"kg", "lb", "%", "km", "US$", "t"}
    not_lao = [m.id for m in catalog if m.id and m.string and not re.search(r"[\u0E80-\u0EFF]", m.string)
               and m.string.strip() not in units]
    assert not not_lao, not_lao[:20]


def test_no_message_is_hidden_inside_an_f_string():
    """Babel cannot see N_("…") inside an f-string (before Python 3.12), so such text would stay English."""
    hidden = []
    for path in (ROOT / "exercises").rglob("*.py"):
        tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
        for token in tokens:
            if token.type == tokenize.STRING and re.match(r"(?i)[rb]*f", token.string) and "N_(" in token.string:
                hidden.append(f"{path.relative_to(ROOT)}:{token.start[0]}")
    assert not hidden, hidden


def test_the_page_runtime_only_asks_for_words_that_exist():
    used = set()
    for path in (ROOT / "frontend" / "src").rglob("*.js"):
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"\b(?:t|tell|notify)\(\s*\"(\w+)\"", text))
    missing = sorted(used - set(UI) - set(SITE))
    assert not missing, f"frontend asks for words that exercises/ui.py (UI, SITE) does not define: {missing}"


def test_the_check_sees_a_missing_translation(tmp_path, monkeypatch):
    monkeypatch.setattr(catalogs, "LANGS", ("lo",))
    catalog = catalogs.load("lo")
    first = next(m for m in catalog if m.id)
    first.string = ""
    monkeypatch.setattr(catalogs, "load", lambda lang: catalog)
    assert any(repr(first.id) in p for p in catalogs.problems())
