"""The language registry (exercises/core/languages.py) is the one place that names the languages.

* mkdocs.yml, the only other place that must list them (for mkdocs-static-i18n), agrees with it;
* no code names a language by its code: a language code literal ("en", 'lo', :lang(lo), lang="lo")
  appears only in the registry and in mkdocs.yml. Not counted, on purpose: the tests here and in frontend/test (they check
  particular pages and words), data and content (docs/, its *.yml keys such as ``def_lo`` and the
  pages' ``x.lo.md`` names, the gettext catalogs), Material's one-template-per-language folder
  overrides/partials/languages/, and generated or vendored files (overrides/assets/coop, vendor,
  pyodide, fonts; node_modules; site; dist).
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import yaml

from exercises.core.languages import DEFAULT, LANGUAGES, codes, get, other_languages

ROOT = Path(__file__).resolve().parent.parent
CODES = codes()
EXEMPT = {"exercises/core/languages.py", "mkdocs.yml"}
EXEMPT_DIRS = (
    "tests/",
    "frontend/test/",
    "docs/",
    "overrides/partials/languages/",
    "overrides/assets/coop/",
    "overrides/assets/vendor/",
    "overrides/assets/pyodide/",
    "overrides/assets/fonts/",
    "node_modules/",
    "site/",
    "dist/",
    ".venv/",
)


def i18n_languages() -> list[dict]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    plugin = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    return plugin["languages"]


def test_mkdocs_lists_the_registrys_languages():
    listed = i18n_languages()
    assert [entry["locale"] for entry in listed] == list(CODES)
    for entry in listed:
        language = get(entry["locale"])
        assert entry["name"] == language.name
        assert (entry.get("default") == "true") == language.default
    assert DEFAULT.code == CODES[0] and len([lang for lang in LANGUAGES if lang.default]) == 1
    assert [lang.code for lang in other_languages(DEFAULT.code)] == list(CODES[1:])


def test_every_language_has_its_interface_words_and_catalogs():
    material = Path(__import__("material").__file__).parent / "templates" / "partials" / "languages"
    for language in LANGUAGES:
        ours = ROOT / "overrides" / "partials" / "languages" / f"{language.material}.html"
        assert ours.exists() or (material / f"{language.material}.html").exists(), language.code
        if not language.default:
            for po in ("exercises/locale/{}/LC_MESSAGES/exercises.po", "coopsite/locale/{}/LC_MESSAGES/site.po"):
                assert (ROOT / po.format(language.code)).exists(), po.format(language.code)


# ---- No language code literals outside the registry ---------------------------------------------

_ANY_CODE = "|".join(CODES)
_QUOTED = re.compile(r"""(["'`])(""" + _ANY_CODE + r""")\1""")
_CSS_LANG = re.compile(r""":lang\(\s*["']?(""" + _ANY_CODE + r""")["']?\s*\)""")
_HTML_LANG = re.compile(r"""\blang=["'](""" + _ANY_CODE + r""")["']""")
_JS_COMMENT = re.compile(r"/\*.*?\*/|(?<![:\\\"'])//[^\n]*", re.S)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def python_literals(source: str) -> list[int]:
    """Lines of string literals (not docstrings or comments) whose whole value is a language code."""
    lines = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.STRING and _QUOTED.fullmatch(token.string.lstrip("rbuRBU")):
            lines.append(token.start[0])
    return lines


def text_literals(text: str, suffix: str) -> list[int]:
    """Lines with a quoted language code, :lang(code) or lang="code" (comments left out)."""
    text = _CSS_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text) if suffix == ".css" else text
    if suffix in (".js", ".mjs"):
        text = _JS_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    found = set()
    for pattern in (_QUOTED, _CSS_LANG, _HTML_LANG):
        found.update(text.count("\n", 0, match.start()) + 1 for match in pattern.finditer(text))
    return sorted(found)


def literals(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if not path.is_file() or relative in EXEMPT or relative.startswith(EXEMPT_DIRS) or "/." in f"/{relative}":
            continue
        if path.suffix == ".py":
            lines = python_literals(path.read_text(encoding="utf-8"))
        elif path.suffix in (".js", ".mjs", ".css", ".html") or path.name == "Makefile":
            lines = text_literals(path.read_text(encoding="utf-8"), path.suffix)
        else:
            continue
        found += [f"{relative}:{line}" for line in lines]
    return found


def test_no_language_code_outside_the_registry():
    found = literals(ROOT)
    assert not found, "name languages through exercises/core/languages.py, not by their code:\n" + "\n".join(found)


def test_the_literal_check_finds_planted_codes(tmp_path):
    code, other = CODES[0], CODES[-1]
    (tmp_path / "a.py").write_text(f'"""Docstrings may say "{code}".""" \nx = "{code}"  # comment "{other}"\n')
    (tmp_path / "b.js").write_text(f'// "{code}"\nconst lang = document.documentElement.lang || "{other}"\n')
    (tmp_path / "c.css").write_text(f"/* :lang({code}) */\n:lang({other}) .x {{ color: red; }}\n")
    (tmp_path / "d.html").write_text(f'<p lang="{other}">…</p>\n')
    assert literals(tmp_path) == ["a.py:2", "b.js:2", "c.css:2", "d.html:1"]
