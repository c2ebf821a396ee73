"""Languages: choosing one, switching at run time, babel formatting, and the German catalogue being complete."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from kommandesk.i18n import _, current_language, detect_system_language, normalise_language, set_language
from kommandesk.i18n import formatting as fmt

REPO = Path(__file__).resolve().parents[2]
DE_PO = REPO / "translations" / "de.po"
POT = REPO / "translations" / "kommandesk.pot"
PO_CHECK = Path(__file__).resolve().parents[3] / "shared" / "tools" / "po_check.py"  # <parent>/shared/tools
REQUIRED = "This field is required."  # a msgid the code uses (domain/validation.py)


def load_module(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        sys.modules.pop(name, None)
    return module


# --- choosing the language -------------------------------------------------------------------------------------

@pytest.mark.parametrize("code, expected", [
    ("de", "de"), ("DE", "de"), ("de_DE", "de"), ("de_DE.UTF-8", "de"), ("de-AT", "de"), ("de_CH@euro", "de"),
    ("en", "en"), ("en_GB.UTF-8", "en"), ("fr_FR", "en"), ("ar", "en"), ("tr_TR.UTF-8", "en"), ("", "en"),
    (None, "en"), ("C", "en"), ("POSIX", "en"),
])
def test_normalise_language(code, expected):
    assert normalise_language(code) == expected


@pytest.mark.parametrize("environ, expected", [
    ({"LANG": "de_DE.UTF-8"}, "de"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "fr_FR.UTF-8"}, "en"),
    ({"LC_MESSAGES": "de_AT.UTF-8", "LANG": "en_US.UTF-8"}, "de"),
    ({"LC_ALL": "de_DE.UTF-8", "LANG": "en_US.UTF-8"}, "de"),
    ({"LANGUAGE": "en_GB:de", "LANG": "de_DE.UTF-8"}, "en"),
    ({"LANGUAGE": "fr:de", "LANG": "fr_FR.UTF-8"}, "de"),  # a list: the first language we have wins
    ({"LANGUAGE": "de:en", "LANG": "en_US.UTF-8"}, "de"),
    ({"LANGUAGE": "", "LANG": "de_DE.UTF-8"}, "de"),
    ({}, "en"),
    ({"LANG": "C"}, "en"),
])
def test_detect_system_language_from_environment(environ, expected):
    assert detect_system_language(dict(environ)) == expected


def test_set_language_switches_messages_at_run_time():
    assert set_language("de") == "de" and current_language() == "de"
    german = _(REQUIRED)
    assert set_language("en") == "en" and current_language() == "en"
    assert _(REQUIRED) == REQUIRED
    assert german != REQUIRED
    set_language("de_DE.UTF-8")
    assert _(REQUIRED) == german  # normalised, and the cached catalogue gives the same text again


def test_unsupported_language_falls_back_to_english():
    assert set_language("fr") == "en"
    assert _(REQUIRED) == REQUIRED


def test_unknown_message_is_shown_in_english_not_lost(german):
    assert _("A sentence no catalogue knows.") == "A sentence no catalogue knows."


# --- babel formatting ------------------------------------------------------------------------------------------

DAY = dt.date(2026, 3, 5)


def test_format_date(german):
    assert fmt.format_date(DAY) == "05.03.2026"
    set_language("en")
    assert fmt.format_date(DAY) == "Mar 5, 2026"


def test_format_number_and_money():
    set_language("de")
    assert fmt.format_number(1234.5) == "1.234,5"
    assert fmt.format_cents(123456).replace("\xa0", " ") == "1.234,56 €"
    assert fmt.format_bytes(1536) == "1,5 KB"
    set_language("en")
    assert fmt.format_number(1234.5) == "1,234.5"
    assert fmt.format_cents(123456) == "€1,234.56"
    assert fmt.format_bytes(1536) == "1.5 KB"
    assert fmt.format_bytes(512) == "512 B"


def test_language_names_in_the_ui_language(german):
    assert fmt.language_name("ar") == "Arabisch"
    assert fmt.language_name("fa") == "Persisch"
    assert fmt.language_name("qqq") == "qqq"
    set_language("en")
    assert fmt.language_name("ar") == "Arabic"


def test_parse_date_reads_what_format_date_writes():
    for language in ("de", "en"):
        set_language(language)
        assert fmt.parse_date(fmt.format_date(DAY, "short")) == DAY
        assert fmt.parse_date(" 2026-03-05 ") == DAY
    set_language("de")
    with pytest.raises(ValueError):
        fmt.parse_date("kein Datum")


# --- the German catalogue --------------------------------------------------------------------------------------

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)?(?:[!:][^{}]*)?\}|%\(([A-Za-z_]+)\)[sdr]|%[sdr]")


def _placeholders(text: str) -> list[str]:
    return sorted(m.group(1) or m.group(2) or m.group(0) for m in PLACEHOLDER.finditer(text))


def babel_po_problems(path: Path) -> list[tuple[str, str]]:
    """The same checks as shared/tools/po_check.py, written with babel: untranslated, fuzzy, placeholders."""
    with path.open("rb") as fh:
        catalog = read_po(fh)
    problems = []
    for message in catalog:
        if not message.id:
            continue  # header
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        strings = list(message.string) if isinstance(message.string, (tuple, list)) else [message.string]
        if message.fuzzy:
            problems.append(("fuzzy", msgid))
        elif not strings or any(not s for s in strings):
            problems.append(("untranslated", msgid))
        elif isinstance(message.id, str) and _placeholders(msgid) != _placeholders(strings[0]):
            problems.append(("placeholders differ", msgid))
    return problems


def po_problems(path: Path) -> list[tuple[str, str]]:
    """Use the team's checker beside the repository (as CI lays it out); the babel version if it is missing."""
    if PO_CHECK.is_file():
        return load_module("kommandesk_po_check", PO_CHECK).check(path)
    return babel_po_problems(path)


SAMPLE_PO = '''\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\\n"
"Language: de\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "Saved."
msgstr "Gespeichert."

msgid "Not yet translated."
msgstr ""

#, fuzzy
msgid "Guessed by a machine."
msgstr "Von einer Maschine geraten."

#, python-brace-format
msgid "Data folder: {path}"
msgstr "Datenordner: {pfad}"

#, python-format
msgid "unrecognized arguments: %s"
msgstr "unbekannte Argumente"

msgid "{count} volunteer"
msgid_plural "{count} volunteers"
msgstr[0] "{count} Ehrenamtliche"
msgstr[1] ""
'''

SAMPLE_PROBLEMS = sorted([
    ("untranslated", "Not yet translated."),
    ("fuzzy", "Guessed by a machine."),
    ("placeholders differ", "Data folder: {path}"),
    ("placeholders differ", "unrecognized arguments: %s"),
    ("untranslated", "{count} volunteer"),
])


@pytest.mark.parametrize("checker", [po_problems, babel_po_problems], ids=["checker-in-use", "babel-fallback"])
def test_catalogue_checker_finds_each_kind_of_problem(tmp_path, checker):
    sample = tmp_path / "sample.po"
    sample.write_text(SAMPLE_PO, encoding="utf-8")
    assert sorted(checker(sample)) == SAMPLE_PROBLEMS


def test_german_catalogue_is_complete():
    problems = po_problems(DE_PO)
    listing = "\n".join(f"  {kind}: {msgid!r}" for kind, msgid in problems)
    assert not problems, f"{DE_PO} has {len(problems)} problem(s):\n{listing}"


# --- the catalogues are in step with the code ------------------------------------------------------------------

def _keys(catalog) -> set[tuple[str | None, str]]:
    return {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalog if m.id}


@pytest.fixture(scope="module")
def code_messages(tmp_path_factory) -> set[tuple[str | None, str]]:
    """Every marked string in the code, extracted with scripts/translations.py into a scratch file."""
    script = load_module("kommandesk_translations_script", REPO / "scripts" / "translations.py")
    target = tmp_path_factory.mktemp("pot") / "kommandesk.pot"
    pot_before = POT.read_bytes()
    script.extract(target)
    assert POT.read_bytes() == pot_before  # the real template is left alone
    with target.open("rb") as fh:
        keys = _keys(read_po(fh))
    assert (None, REQUIRED) in keys  # the extraction really looked at the code
    return keys


def _catalogue_keys(path: Path) -> set[tuple[str | None, str]]:
    with path.open("rb") as fh:
        return _keys(read_po(fh))


def test_template_is_up_to_date_with_the_code(code_messages):
    in_template = _catalogue_keys(POT)
    missing, stale = code_messages - in_template, in_template - code_messages
    assert not missing and not stale, (
        f"run `python scripts/translations.py extract` (missing: {sorted(missing, key=str)}, "
        f"stale: {sorted(stale, key=str)})")


def test_german_catalogue_has_every_message_of_the_code(code_messages):
    missing = code_messages - _catalogue_keys(DE_PO)
    assert not missing, f"run `python scripts/translations.py extract update` and translate: {sorted(missing, key=str)}"


def _group_titles(parser) -> set[str]:
    """Titles the CLI gives its own groups (translated by our _ already; argparse passes them through _ again)."""
    import argparse

    titles = {group.title for group in parser._action_groups if group.title}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                titles |= _group_titles(sub)
    return titles


@pytest.mark.parametrize("argv", [
    ["--help"], ["info", "--help"], ["organisation", "set", "--help"], ["nonsense"], [], ["--lang"],
    ["--lang", "fr", "info"], ["info", "--unknown"], ["demo", "--seed", "abc"], ["organisation"], ["--data", "x"],
])
def test_argparse_asks_only_for_messages_we_translate(monkeypatch, capsys, argv):
    """The CLI's help and errors are German only if our msgids are argparse's own, character for character
    (argparse's wording changes between Python versions)."""
    import argparse

    from kommandesk.cli import build_parser
    from kommandesk.i18n.argparse_messages import MESSAGES, PLURALS

    asked: set = set()

    def recording(message):
        asked.add(message)
        return message

    def recording_plural(singular, plural, n):
        asked.add((singular, plural))
        return singular if n == 1 else plural

    monkeypatch.setattr(argparse, "_", recording)
    monkeypatch.setattr(argparse, "ngettext", recording_plural)
    parser = build_parser()
    with pytest.raises(SystemExit):
        parser.parse_args(argv)
    capsys.readouterr()
    assert asked, "argparse no longer asks gettext for its messages"
    unknown = asked - set(MESSAGES) - set(PLURALS) - _group_titles(parser) - {None}
    assert not unknown


def _strings(message) -> tuple[str, ...]:
    return (message.string,) if isinstance(message.string, str) else tuple(message.string)


def _text(context: str | bytes | None) -> str | None:
    """babel's read_mo gives a message context as bytes, read_po as text."""
    return context.decode("utf-8") if isinstance(context, bytes) else context


def test_compiled_german_catalogue_is_not_stale():
    """i18n prefers a compiled .mo over de.po: an outdated build would show outdated German (and fool these tests)."""
    from babel.messages.mofile import read_mo

    compiled = REPO / "kommandesk" / "locale" / "de" / "LC_MESSAGES" / "kommandesk.mo"
    if not compiled.is_file():
        return  # a source checkout without a build: de.po is read directly
    with compiled.open("rb") as fh:
        built = {(_text(m.context), m.id if isinstance(m.id, str) else m.id[0]): _strings(m)
                 for m in read_mo(fh) if m.id}
    with DE_PO.open("rb") as fh:
        source = {(m.context, m.id if isinstance(m.id, str) else m.id[0]): _strings(m)
                  for m in read_po(fh) if m.id and m.string and not m.fuzzy and all(_strings(m))}
    assert built == source, "run `python scripts/translations.py compile` (or ./dev.sh setup)"
