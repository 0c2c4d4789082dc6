"""Every text in the code and templates has an English translation, templates/_macros included."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "vertelpunt" / "translations" / "en" / "LC_MESSAGES" / "messages.po"
METHODS = [("**.py", "python"), ("templates/**.html", "jinja2")]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}
SKIPPED = (".venv", "build", "dist", "instance", "tests", "bench", ".git")


def _extracted() -> dict[str, set[str]]:
    """msgid -> files it appears in, extracted as `make messages` does (no directory left out for its name)."""
    found: dict[str, set[str]] = {}

    def wanted(path: str) -> bool:
        return not any(part in SKIPPED for part in Path(path).parts)

    for filename, _lineno, message, _comments, _context in extract_from_dir(
        str(ROOT),
        method_map=METHODS,
        keywords=KEYWORDS,
        directory_filter=lambda path: wanted(Path(path).relative_to(ROOT).as_posix()),
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        if msgid:
            found.setdefault(msgid, set()).add(filename)
    return found


def test_every_text_has_an_english_translation() -> None:
    with CATALOG.open("rb") as f:
        catalog = read_po(f)
    extracted = _extracted()
    assert any("_macros" in name for names in extracted.values() for name in names)
    missing = []
    for msgid, files in sorted(extracted.items()):
        message = catalog.get(msgid)
        strings = (
            ()
            if message is None
            else (message.string if isinstance(message.string, tuple) else (message.string,))
        )
        if message is None or "fuzzy" in message.flags or not all(strings):
            missing.append(f"{msgid!r} ({', '.join(sorted(files))})")
    assert missing == [], "run `make messages` and translate:\n" + "\n".join(missing)
