"""The project's language: one setting for its terminal UI and the files it writes, shown and set
with ``workbench language``."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import assert_rejected, run_cli
from workbench.services.projects import project_language
from workbench.storage.project import Project
from workbench.tui.app import create_app

FRENCH = {"LANG": "fr_FR.UTF-8"}


def test_language_shows_and_sets_the_project_s_language(bundled_copy: Path) -> None:
    shown = run_cli(bundled_copy, "language")
    assert shown.exit_code == 0 and shown.stdout.strip() == "The project speaks French (fr)."
    changed = run_cli(bundled_copy, "language", "en_GB", locale=FRENCH)
    assert changed.exit_code == 0
    assert changed.stdout.strip() == "Le projet parle désormais anglais (en)\u00a0: son interface en terminal et les fichiers qu’il écrit."
    assert json.loads(run_cli(bundled_copy, "language", "--json").stdout) == {"language": "en"}
    project = Project.open(bundled_copy)
    try:
        assert project_language(project) == "en" and create_app(project).interface_language == "en"
    finally:
        project.close()


def test_a_language_without_a_catalogue_is_refused_and_nothing_changes(bundled_copy: Path) -> None:
    line = assert_rejected(bundled_copy, "language", "de", mentions="'de'")
    assert line == "workbench: LANGUAGE: the language 'de' is not one the workbench speaks — give one of: en, fr"


def test_the_screens_and_the_files_agree_on_a_project_without_the_setting(tmp_path: Path) -> None:
    project = Project.open(tmp_path / "project.db")
    try:
        assert project.setting("language") is None
        assert create_app(project).interface_language == project_language(project) == "fr"
    finally:
        project.close()


def test_init_gives_a_new_project_the_locale_s_language_or_the_one_asked(tmp_path: Path) -> None:
    english, french, asked = tmp_path / "english.db", tmp_path / "french.db", tmp_path / "asked.db"
    assert run_cli(english, "init").exit_code == 0
    assert run_cli(french, "init", locale=FRENCH).exit_code == 0
    assert run_cli(asked, "init", "--language", "fr").exit_code == 0
    shown = {path.name: json.loads(run_cli(path, "language", "--json").stdout)["language"] for path in (english, french, asked)}
    assert shown == {"english.db": "en", "french.db": "fr", "asked.db": "fr"}


def test_init_with_a_language_it_does_not_speak_creates_nothing(tmp_path: Path) -> None:
    database = tmp_path / "project.db"
    refused = run_cli(database, "init", "--language", "de")
    assert refused.exit_code == 1 and "the language 'de' is not one the workbench speaks" in refused.stderr
    assert not database.exists()
