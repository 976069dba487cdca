"""Message catalogs of the exercises (gettext, via Babel).

    python scripts/catalogs.py update    # extract N_("…") messages, merge them into lo.po
    python scripts/catalogs.py compile   # .po → .mo (the build and the tests need the .mo)
    python scripts/catalogs.py check     # fail if a message has no Lao translation

``make catalogs`` runs update-free ``compile``; translators edit
``exercises/locale/lo/LC_MESSAGES/exercises.po`` (Poedit, Weblate or a text editor).
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coopsite.assets import compile_catalogs  # noqa: E402

PACKAGE = ROOT / "exercises"
LOCALE = PACKAGE / "locale"
DOMAIN = "exercises"
LANGS = ("lo",)
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract() -> Catalog:
    """Every message id marked with N_ in the package."""
    template = Catalog(project="Our Coffee Co-op exercises", domain=DOMAIN)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(PACKAGE),
        method_map=[("**.py", "python")],
        keywords={"N_": None},
        comment_tags=("TRANSLATORS:",),
    ):
        template.add(message, None, [(f"exercises/{filename}", lineno)], auto_comments=comments, context=context)
    return template


def load(lang: str) -> Catalog:
    path = po_path(lang)
    if not path.exists():
        return Catalog(locale=lang, domain=DOMAIN)
    with path.open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


def save(catalog: Catalog, path: Path) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_output=False, omit_header=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def update() -> None:
    template = extract()
    for lang in LANGS:
        catalog = load(lang)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        save(catalog, po_path(lang))
        print(f"{po_path(lang).relative_to(ROOT)}: {len(catalog)} messages")


def problems() -> list[str]:
    """Messages without a usable Lao translation (missing, fuzzy, or with other placeholders)."""
    template = extract()
    found = []
    for lang in LANGS:
        catalog = load(lang)
        for message in template:
            if not message.id:
                continue
            where = ", ".join(f"{f}:{n}" for f, n in message.locations)
            entry = catalog.get(message.id)
            if entry is None or not entry.string:
                found.append(f"{lang}: no translation for {message.id!r} ({where})")
            elif entry.fuzzy:
                found.append(f"{lang}: fuzzy translation for {message.id!r} ({where})")
            elif sorted(PLACEHOLDER.findall(entry.string)) != sorted(PLACEHOLDER.findall(message.id)):
                found.append(f"{lang}: placeholders differ in {message.id!r}: {entry.string!r}")
        for message in catalog:
            if message.id and message.id not in template:
                found.append(f"{lang}: {message.id!r} is in the catalog but no longer used")
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
