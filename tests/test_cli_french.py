"""The command line in the locale's language (issue #17): every ``--help``, Typer's own words and its
usage errors in French under ``fr_FR.UTF-8``, in English under ``C``, and the commands' output on the
bundled study in French.

English is found with the French catalogue: its *English-only words*, the words of its English texts
that none of its French texts uses, command-line syntax set aside (option names, metavars in
capitals, text between backticks, paths, placeholders) along with the program's own identifiers
(command names, choices, defaults, environment variables), which both languages write as they are.
"""

from __future__ import annotations

import gettext
import re
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
import typer.core
from babel.messages.pofile import read_po
from typer.main import get_command

from tests.helpers import ENGLISH_LOCALE, run_cli, snapshot_of
from workbench.cli import app, help_text
from workbench.domain.language import LOCALE_FOLDER, current_language

FRENCH = {"LANG": "fr_FR.UTF-8"}
ENGLISH = {"LANG": "C"}
NBSP = "\u00a0"
SYNTAX = re.compile(r"\{[^{}]*\}|`[^`]*`|--?[\w-]+|\S*/\S*|\b[A-Z][A-Z_]+\b|[\w-]+(?:[._][\w-]+)+|\[[^\]\s]*\|[^\]\s]*\]")
"""Command-line syntax and identifiers: placeholders, ```workbench units```, ``--level``, paths,
metavars (``FILES``), dotted and snake-case names (``code.renamed``, ``practice_type``, file names), choices."""
WORD = re.compile(r"[^\W\d_]{2,}")
ALSO_FRENCH = frozenset({"an", "as", "but", "change", "comment", "global", "min", "minimum", "occurrence", "pair", "parts", "pass", "points", "positive", "standard"})
"""English-only words of the catalogue that French writes too (``un an``, ``comment``, ``32 min``…),
in the bundled study's transcripts, codes and COREQ answers."""


def words(shown: str) -> set[str]:
    return {word.lower() for word in WORD.findall(SYNTAX.sub(" ", shown))}


def commands(command: typer.core.TyperGroup | typer.core.TyperCommand, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], object]]:
    yield path, command
    for name, subcommand in getattr(command, "commands", {}).items():
        yield from commands(subcommand, (*path, name))


PROGRAM = get_command(app)
COMMANDS = [path for path, _ in commands(PROGRAM)]


@cache
def identifiers() -> frozenset[str]:
    """The words of the program's own names: commands, choices, defaults, environment variables."""
    found: set[str] = set()
    for path, command in commands(PROGRAM):
        found |= {word for name in path for word in name.split("-")}
        for parameter in getattr(command, "params", []):
            descriptor = getattr(parameter, "type_descriptor", None)
            choices = descriptor.choices if descriptor is not None and descriptor.is_choice else ()
            for value in (*(getattr(choice, "value", choice) for choice in choices or ()), parameter.default, parameter.envvar):
                if isinstance(value, str):
                    found |= {word.lower() for word in WORD.findall(value)}
    return frozenset(found)


@cache
def english_only_words() -> frozenset[str]:
    english, french = set(), set()
    with (LOCALE_FOLDER / "fr" / "LC_MESSAGES" / "workbench.po").open("rb") as catalogue:
        for message in read_po(catalogue):
            if message.id and all(message.string if isinstance(message.string, tuple) else [message.string]):
                english.update(*map(words, [message.id] if isinstance(message.id, str) else message.id))
                french.update(*map(words, [message.string] if isinstance(message.string, str) else message.string))
    return frozenset(english - french - identifiers() - ALSO_FRENCH)


def english_in(shown: str) -> list[str]:
    return sorted(words(shown) & english_only_words())


def flat(shown: str) -> str:
    """``shown`` on one line: the help's wrapping undone, its no-break spaces kept."""
    return re.sub(r"[ \n]+", " ", shown)


def help_of(path: tuple[str, ...], locale: dict[str, str]) -> str:
    result = run_cli("unused.db", *path, "--help", locale=locale)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_list_of_english_words_holds_typer_s_words_and_the_help_texts() -> None:
    assert {"usage", "show", "message", "exit", "required", "default", "commands", "try", "error"} <= english_only_words()
    assert {"readable", "output", "coders", "interviews"} <= english_only_words()
    assert not {"options", "arguments", "code", "document", "agreement", "share", "overlap"} & english_only_words()
    assert len(COMMANDS) >= 45


@pytest.mark.parametrize("path", COMMANDS, ids=lambda path: " ".join(path) or "workbench")
def test_every_help_is_french_under_a_french_locale_and_english_under_c(path: tuple[str, ...]) -> None:
    french, english = help_of(path, FRENCH), help_of(path, ENGLISH)
    assert french.startswith(f"Utilisation{NBSP}: workbench") and f"Options{NBSP}:" in french
    assert "Afficher cette aide et quitter." in french
    assert english_in(french) == []
    assert english.startswith("Usage: workbench") and "\nOptions:\n" in english and "Show this message and exit." in english
    assert english_in(english), "the English help holds English words"


def test_help_names_the_required_the_defaults_and_the_environment_in_french() -> None:
    french = flat(help_of(("agreement",), FRENCH))
    assert "Les deux codeurs à comparer. [obligatoire]" in french
    assert f"Comparer les unités de sens, les caractères ou les documents. [par défaut{NBSP}: unit]" in french
    program = flat(help_of((), FRENCH))
    assert f"[variable d’environnement{NBSP}: WORKBENCH_DB]" in program and f"Commandes{NBSP}:" in program
    assert "agreement Accord de deux codeurs par code et global" in program
    english = flat(help_of(("agreement",), ENGLISH))
    assert "The two coders to compare. [required]" in english and "[default: unit]" in english


def test_the_help_is_english_when_it_is_not_translated(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the other tests check would fail if the help were not translated when it is written."""
    monkeypatch.setattr(help_text, "_", lambda message: message)
    monkeypatch.setattr(typer.core, "_", lambda message: message)
    found = english_in(help_of(("agreement",), FRENCH))
    assert {"coders", "required", "default", "show", "message", "exit"} <= set(found)


USAGE_ERRORS = [
    (
        ("import", "--nope"),
        f"Utilisation{NBSP}: workbench import [OPTIONS] FILES...\nPour l’aide{NBSP}: «\u202fworkbench import --help\u202f».\n\n"
        f"Erreur{NBSP}: Option inconnue{NBSP}: --nope (options possibles{NBSP}: --force)\n",
        "Usage: workbench import [OPTIONS] FILES...\nTry 'workbench import --help' for help.\n\n"
        "Error: No such option: --nope (Possible options: --force)\n",
    ),
    (("units",), f"Erreur{NBSP}: Option '--document' manquante.\n", "Error: Missing option '--document'.\n"),
    (("search",), f"Erreur{NBSP}: Argument 'QUERY' manquant.\n", "Error: Missing argument 'QUERY'.\n"),
    (
        ("agreement", "--coders", "a", "b", "--level", "bogus"),
        f"Erreur{NBSP}: Valeur non valable pour '--level'{NBSP}: 'bogus' ne fait pas partie de 'unit', 'character', 'document'.\n",
        "Error: Invalid value for '--level': Value error, 'bogus' is not one of 'unit', 'character', 'document'.\n",
    ),
    (
        ("agreement", "--coders", "a", "b", "--depth", "deux"),
        f"Erreur{NBSP}: Valeur non valable pour '--depth'{NBSP}: il faut un nombre entier\n",
        "Error: Invalid value for '--depth': Input should be a valid integer, unable to parse string as an integer\n",
    ),
    (
        ("agreement", "--coders", "a", "b", "--depth", "0"),
        f"Erreur{NBSP}: Valeur non valable pour '--depth'{NBSP}: il faut un nombre supérieur ou égal à 1\n",
        "Error: Invalid value for '--depth': Input should be greater than or equal to 1\n",
    ),
    (
        ("agreement", "--coders", "a", "b", "--min-cover", "moitié"),
        f"Erreur{NBSP}: Valeur non valable pour '--min-cover'{NBSP}: il faut un nombre\n",
        "Error: Invalid value for '--min-cover': Input should be a valid number, unable to parse string as a number\n",
    ),
    (("agreement", "--coders", "a"), f"Erreur{NBSP}: L’option '--coders' attend 2 valeurs.\n", "Error: Option '--coders' requires 2 arguments.\n"),
    (
        ("agreemnt",),
        f"Erreur{NBSP}: Commande inconnue{NBSP}: 'agreemnt'. Vouliez-vous dire 'agreement', 'disagreements'\u202f?\n",
        "Error: No such command 'agreemnt'. Did you mean 'agreement', 'disagreements'?\n",
    ),
    (("code", "rangé"), f"Erreur{NBSP}: Commande inconnue{NBSP}: 'rangé'.\n", "Error: No such command 'rangé'.\n"),
    (("documents", "en-trop"), f"Erreur{NBSP}: Argument(s) en trop{NBSP}: (en-trop)\n", "Error: Got unexpected extra argument(s) (en-trop)\n"),
]


@pytest.mark.parametrize(("arguments", "french", "english"), [pytest.param(*case, id=" ".join(case[0])) for case in USAGE_ERRORS])
def test_a_usage_error_is_said_in_the_locale_s_language(bundled_copy: Path, arguments: tuple[str, ...], french: str, english: str) -> None:
    before = snapshot_of(bundled_copy)
    in_french = run_cli(bundled_copy, *arguments, locale=FRENCH)
    in_english = run_cli(bundled_copy, *arguments, locale=ENGLISH)
    assert in_french.exit_code == in_english.exit_code == 2
    assert in_french.stderr.endswith(french) and in_english.stderr.endswith(english)
    if in_english.stderr.startswith("Usage:"):  # the parser's own errors come without the usage line
        command = "workbench" if arguments[0] not in PROGRAM.commands else f"workbench {arguments[0]}"
        assert f"Pour l’aide{NBSP}: «\u202f{command} --help\u202f»." in in_french.stderr
        assert f"Try '{command} --help' for help." in in_english.stderr
    assert english_in(in_french.stderr) == [] and english_in(in_english.stderr)
    assert snapshot_of(bundled_copy) == before


def test_the_locale_s_language_stays_in_the_command_line() -> None:
    """A French run leaves the process in English: Typer's texts follow the run, not gettext's domain."""
    assert run_cli("unused.db", "--help", locale=FRENCH).stdout.startswith("Utilisation")
    assert current_language() == "en" and typer.core._("Options") == "Options" and typer.core._("Commands") == "Commands"
    assert gettext.textdomain() == "messages"
    assert run_cli("unused.db", "--help", locale={**ENGLISH_LOCALE, "LANGUAGE": "fr"}).stdout.startswith("Usage:")


OUTPUTS = [
    ("codes",),
    ("check",),
    ("documents",),
    ("participants",),
    ("log", "--limit", "5"),
    ("saturation", "--coder", "thesis-000"),
    ("search", "douleur"),
    ("search", "déléguer", "--lemmas", "--limit", "3"),
    ("units", "--document", "MG1"),
    ("coreq",),
    ("suggest", "--coder", "thesis-000", "--document", "MG14", "--unit", "3"),
    ("suggest", "--coder", "thesis-000", "--document", "MG14", "--unit", "3", "--top", "10"),
    ("suggest", "--coder", "thesis-002", "--text", "Elle prépare les dossiers, ça me fait gagner du temps…"),
    ("suggest", "evaluate", "--coder", "thesis-002"),
]


@pytest.mark.parametrize("arguments", OUTPUTS, ids=" ".join)
def test_the_commands_print_french_on_the_bundled_study(bundled_copy: Path, arguments: tuple[str, ...]) -> None:
    result = run_cli(bundled_copy, *arguments, locale={**FRENCH, "COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert english_in(result.output) == []


def test_backup_and_codebook_edits_report_in_french(bundled_copy: Path, tmp_path: Path) -> None:
    backup = run_cli(bundled_copy, "backup", "-o", str(tmp_path / "copie.db"), locale=FRENCH)
    assert backup.exit_code == 0 and f"Lignes{NBSP}: document 29, tour 411," in backup.stdout
    renamed = run_cli(bundled_copy, "code", "rename", "Manque de médecins", "Pénurie de médecins", "--codebook", "Thèse 000", locale=FRENCH)
    undone = run_cli(bundled_copy, "code", "undo", locale=FRENCH)
    redone = run_cli(bundled_copy, "code", "redo", locale=ENGLISH)
    assert renamed.stdout == "'Manque de médecins' renommé en 'Pénurie de médecins'.\n"
    assert undone.stdout.startswith(f"Annulé{NBSP}: code.renamed de 'Etat des lieux")
    assert redone.stdout.startswith("Redone: code.renamed of 'Etat des lieux")
    assert not english_in(backup.stdout + renamed.stdout + undone.stdout)


def bench_help(locale: dict[str, str]) -> str:
    """``workbench bench --help``: ``bench`` is added by the program (``workbench.main``), not by the
    command line's modules."""
    command = [sys.executable, "-m", "workbench", "bench", "--help"]
    return subprocess.run(command, capture_output=True, text=True, check=True, env={"PATH": "/usr/bin:/bin", **locale}).stdout


def test_workbench_bench_speaks_the_locale_s_language() -> None:
    french, english = bench_help(FRENCH), bench_help(ENGLISH)
    assert "Lancer les mesures de performance et afficher les chiffres" in flat(french) and english_in(french) == []
    assert "Run the benchmarks and print each one's figures" in flat(english)
