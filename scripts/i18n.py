"""Maintain the German catalogue: `python scripts/i18n.py update` collects every message id
marked with _() or N_(), and both forms of each n_(singular, plural, n), in src/ into
locale/de/LC_MESSAGES/erreichbar.po (keeping existing translations, listing new ones with an
empty msgstr), `python scripts/i18n.py compile` writes the .mo the tool reads. Needs Babel (in
the test extra)."""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "erreichbar"
PO = PACKAGE / "locale" / "de" / "LC_MESSAGES" / "erreichbar.po"
MO = PO.with_suffix(".mo")
# n_(singular, plural, n): its first two arguments are the forms of a plural message
KEYWORDS = {"_": None, "N_": None, "n_": (1, 2)}


def extract() -> Catalog:
    """Every message id in the package, with where it is used."""
    template = Catalog(domain="erreichbar")
    for filename, lineno, message, comments, context in extract_from_dir(
            str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS,
            comment_tags=("TRANSLATORS:",)):
        template.add(message, None, [(f"src/erreichbar/{filename}", lineno)],
                     auto_comments=comments, context=context)
    return template


def load() -> Catalog:
    with PO.open("rb") as fh:
        return read_po(fh, locale="de", domain="erreichbar")


def update() -> None:
    catalogue = load() if PO.exists() else Catalog(locale="de", domain="erreichbar")
    catalogue.update(extract(), no_fuzzy_matching=True)
    catalogue.obsolete.clear()
    with PO.open("wb") as fh:
        write_po(fh, catalogue, width=100, sort_output=True, omit_header=False,
                 include_previous=False)
    missing = [m.id for m in catalogue if m.id and not translated(m)]
    for msgid in missing:
        print(f"untranslated: {msgid!r}")


def translated(message: Message) -> bool:
    """Whether the message has its translation: every form of a plural one."""
    forms = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(forms)


def compile_mo() -> bytes:
    from io import BytesIO

    out = BytesIO()
    write_mo(out, load(), use_fuzzy=False)
    return out.getvalue()


def main() -> None:
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "update":
        update()
    elif command == "compile":
        MO.write_bytes(compile_mo())
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
