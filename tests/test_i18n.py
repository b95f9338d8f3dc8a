"""Both languages complete: the catalogue matches the code, and no word of the other
language's interface shows up in a rendered command (text from the data excepted)."""

from __future__ import annotations

import re
import sys

import pytest
from typer.testing import CliRunner

from erreichbar.cli import app
from helpers import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import i18n as catalogue_tool

WHEN = ["--at", "2024-03-28T10:50"]  # a Thursday before Karfreitag; a window closes soon
COMMANDS = [
    ["now", *WHEN], ["now", "--all", *WHEN], ["next", "mainarbeit", *WHEN],
    ["next", "sozialamt", "--at", "2024-03-29T10:00"], ["office", "mainarbeit", *WHEN],
    ["office", "auslaenderamt", "--at", "2024-03-29T10:00"], ["check", "sozialamt", *WHEN],
    ["check", "mainarbeit/telefonzentrale", "--at", "2024-03-29T10:00"], ["list"],
    ["week", *WHEN], ["holidays", "--year", "2024"], ["office", "sozialamt", "--at",
                                                     "2026-11-22T10:00"],
]
GERMAN_UI = ["Telefon", "Vorsprache", "geschlossen", "offen", "unbekannt", "bis", "Stand",
             "Angaben", "Termin", "Woche", "jetzt", "öffnet", "Feiertage", "Hinweise",
             "Quelle", "Zeiten", "Leistungen", "Geplant", "Erreichbar", "morgen", "schließt",
             "Kanäle", "Stelle", "immer", "Achtung", "Di", "Mi", "Do", "So", "Karfreitag"]
ENGLISH_UI = ["Phone", "Visit", "closed", "open", "unknown", "until", "Data as of", "Week",
              "now", "opens", "Notes", "Source", "Hours", "Services", "Planned", "Reachable",
              "tomorrow", "closes", "Channels", "always", "Warning", "Tue", "Wed", "Thu",
              "Good Friday", "appointment"]


def data_texts() -> list[str]:
    """Every piece of text the data file contributes (it is German whatever the language)."""
    import yaml

    doc = yaml.safe_load((ROOT / "data" / "offices.yaml").read_text("utf-8"))
    out: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str):
            out.append(node)
            out.extend(re.findall(r'"([^"]*)"', node))  # comments inside hours

    walk(doc)
    return sorted(set(out), key=len, reverse=True)


def render(args: list[str], lang: str) -> str:
    result = CliRunner().invoke(app, [*args, "--lang", lang],
                                env={"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "200"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    text = result.stdout + result.stderr
    text = re.sub(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\", "", text)
    for piece in data_texts():
        text = text.replace(piece, " ")
    return text


def leaked(text: str, words: list[str]) -> list[str]:
    return [w for w in words if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_english_output_has_no_german_ui_words(args):
    assert leaked(render(args, "en"), GERMAN_UI) == []


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_german_output_has_no_english_ui_words(args):
    assert leaked(render(args, "de"), ENGLISH_UI) == []


def test_each_language_uses_its_own_words():
    assert leaked(render(["now", *WHEN], "de"), ["Telefon", "bis", "Stand"]) == [
        "Telefon", "bis", "Stand"]
    assert leaked(render(["now", *WHEN], "en"), ["Phone", "until", "Data as of"]) == [
        "Phone", "until", "Data as of"]


def test_every_message_in_the_code_has_a_german_translation():
    catalogue = catalogue_tool.load()
    translated = {m.id: m.string for m in catalogue if m.id}
    in_code = {m.id for m in catalogue_tool.extract() if m.id}
    missing = sorted(in_code - {k for k, v in translated.items() if v})
    assert missing == [], "run: python scripts/i18n.py update, then translate"
    assert sorted(set(translated) - in_code) == [], "unused messages in the catalogue"


def test_compiled_catalogue_is_up_to_date():
    assert catalogue_tool.MO.read_bytes() == catalogue_tool.compile_mo(), (
        "run: python scripts/i18n.py compile")


def test_placeholders_survive_translation():
    catalogue = catalogue_tool.load()
    for message in catalogue:
        if message.id and message.string:
            assert set(re.findall(r"{\w+}", message.id)) == set(
                re.findall(r"{\w+}", message.string)), message.id
