"""Message catalogs (gettext, via Babel): the exercises' messages and the site's words.

    python scripts/catalogs.py update    # extract N_("…") messages, merge them into every language's .po
    python scripts/catalogs.py compile   # .po → .mo (the build and the tests need the .mo)
    python scripts/catalogs.py check     # fail if a message has no translation in some language

Three domains (see exercises/core/i18n.py): ``exercises`` (from exercises/: the Python and the
word files ``exercises/<name>.toml``, catalogs in
exercises/locale/<lang>/LC_MESSAGES/exercises.po, shipped to the browser), ``site`` (from coopsite/,
catalogs in coopsite/locale/<lang>/LC_MESSAGES/site.po, build time only) and ``worksheets`` (the English
words of docs/data/worksheets/*.yml, read by coopsite/worksheets.py; catalogs next to site.po). Every language of the
registry (exercises/core/languages.py) but the default one, whose messages are the English msgids,
has one catalog per domain. ``make catalogs`` compiles; translators edit the .po files (Poedit, Weblate
or a text editor).
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coopsite.assets import compile_catalogs  # noqa: E402
from exercises.core.languages import LANGUAGES  # noqa: E402
from exercises.core.wordfile import messages as word_file_messages  # noqa: E402

PLACEHOLDER = re.compile(r"\{(\w*)\}")


@dataclass(frozen=True)
class Domain:
    name: str
    source: Path  # where the N_("…") messages are
    locale: Path  # <locale>/<lang>/LC_MESSAGES/<name>.po
    messages: Callable[[], list[tuple[str, str]]] | None = None  # (message, "file:line") when not N_("…") in Python


def _worksheet_messages() -> list[tuple[str, str]]:
    from coopsite.worksheets import messages

    return messages()


DOMAINS = (
    Domain("exercises", ROOT / "exercises", ROOT / "exercises" / "locale"),
    Domain("site", ROOT / "coopsite", ROOT / "coopsite" / "locale"),
    Domain("worksheets", ROOT / "docs" / "data" / "worksheets", ROOT / "coopsite" / "locale", _worksheet_messages),
)
#: The languages with catalogs: all but the default (source) language.
LANGS = tuple(language.code for language in LANGUAGES if not language.default)


def po_path(lang: str, domain: Domain = DOMAINS[0]) -> Path:
    return domain.locale / lang / "LC_MESSAGES" / f"{domain.name}.po"


def extract(domain: Domain = DOMAINS[0]) -> Catalog:
    """Every message id marked with N_ in the domain's source folder."""
    template = Catalog(project="Our Coffee Co-op", domain=domain.name)
    if domain.messages:
        for message, where in domain.messages():
            file, line = where.rsplit(":", 1)
            template.add(message, None, [(f"{domain.source.name}/{file}", int(line))])
        return template
    for filename, lineno, message, comments, context in extract_from_dir(
        str(domain.source),
        method_map=[("**.py", "python"), ("*.toml", _toml_messages)],
        keywords={"N_": None},
        comment_tags=("TRANSLATORS:",),
    ):
        where = f"{domain.source.name}/{filename}"
        template.add(message, None, [(where, lineno)], auto_comments=comments, context=context)
    return template


def _toml_messages(fileobj, keywords, comment_tags, options):  # Babel's extractor signature
    """Babel extractor for a word file: (line, funcname, message, comments) for each text a learner reads."""
    for line, message in word_file_messages(fileobj.name, fileobj.read().decode("utf-8")):
        yield line, None, message, []


def load(lang: str, domain: Domain = DOMAINS[0]) -> Catalog:
    path = po_path(lang, domain)
    if not path.exists():
        return Catalog(locale=lang, domain=domain.name)
    with path.open("rb") as handle:
        return read_po(handle, locale=lang, domain=domain.name)


def save(catalog: Catalog, path: Path) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_output=False, omit_header=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def update() -> None:
    for domain in DOMAINS:
        template = extract(domain)
        for lang in LANGS:
            catalog = load(lang, domain)
            catalog.update(template, no_fuzzy_matching=True)
            catalog.obsolete.clear()
            save(catalog, po_path(lang, domain))
            print(f"{po_path(lang, domain).relative_to(ROOT)}: {len(catalog)} messages")


def problems() -> list[str]:
    """Messages without a usable translation (missing, fuzzy, or with other placeholders), in every domain."""
    found = []
    for domain in DOMAINS:
        template = extract(domain)
        for lang in LANGS:
            catalog = load(lang, domain)
            for message in template:
                if not message.id:
                    continue
                where = ", ".join(f"{f}:{n}" for f, n in message.locations)
                entry = catalog.get(message.id)
                if entry is None or not entry.string:
                    found.append(f"{lang}/{domain.name}: no translation for {message.id!r} ({where})")
                elif entry.fuzzy:
                    found.append(f"{lang}/{domain.name}: fuzzy translation for {message.id!r} ({where})")
                elif sorted(PLACEHOLDER.findall(entry.string)) != sorted(PLACEHOLDER.findall(message.id)):
                    found.append(f"{lang}/{domain.name}: placeholders differ in {message.id!r}: {entry.string!r}")
            for message in catalog:
                if message.id and message.id not in template:
                    found.append(f"{lang}/{domain.name}: {message.id!r} is in the catalog but no longer used")
    return found


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "update":
        update()
    elif command == "compile":
        compile_catalogs(force=True)
    elif command == "check":
        issues = problems()
        print("\n".join(issues) or "catalogs complete")
        sys.exit(1 if issues else 0)
    else:
        sys.exit(__doc__)
