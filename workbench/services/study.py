"""Studies described by a ``study.toml`` manifest, and the bundled study."""

from __future__ import annotations

import tomllib
from pathlib import Path

import workbench
from workbench.domain.documents import DocumentKind
from workbench.domain.errors import InputError, WorkbenchError
from workbench.importers import parse_participants_csv, read_document
from workbench.services.importing import ImportBatch, ImportReport, import_batch
from workbench.storage.project import Project

BUNDLED_STUDY = "medical-assistants"


def bundled_study_manifest() -> Path:
    """The bundled study's manifest, in an installed wheel or in a source checkout."""
    package = Path(workbench.__file__).resolve().parent
    for folder in (package / "bundled" / BUNDLED_STUDY, package.parent / "corpora" / BUNDLED_STUDY):
        if (folder / "study.toml").is_file():
            return folder / "study.toml"
    raise WorkbenchError("the bundled study is missing from this installation", hint="reinstall workbench")


def read_study(manifest: Path) -> ImportBatch:
    """Parse a study manifest and every file it names."""
    try:
        description = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InputError(f"not a valid study manifest ({error})", str(manifest), "fix the TOML syntax") from None
    study = description.get("study", {})
    folder = manifest.parent
    batch = ImportBatch(settings={"name": str(study.get("name", folder.name)), "language": str(study.get("language", "fr"))})
    for number, entry in enumerate(description.get("documents", []), start=1):
        where = f"{manifest}: documents[{number}]"
        try:
            path = folder / entry["file"]
            kind = DocumentKind(entry.get("kind", "transcript"))
        except KeyError as error:
            raise InputError(f"missing key {error}", where, "give at least file") from None
        except ValueError:
            raise InputError(f"unknown kind {entry.get('kind')!r}", where, "use transcript, excerpts or survey") from None
        if not path.is_file():
            raise InputError("no such file", str(path), "fix the file entry of the manifest")
        document = read_document(path, kind=kind, identifier=entry.get("id"))
        document.title = entry.get("title", document.title)
        document.source = entry.get("source", document.source)
        document.language = entry.get("language", batch.settings["language"])
        if "participant" in entry:
            document.participant = entry["participant"]
        elif kind is DocumentKind.SURVEY:
            document.participant = None
        batch.documents.append(document)
    if "participants" in study:
        table_path = folder / study["participants"]
        batch.tables.append((table_path, parse_participants_csv(table_path)))
    return batch


def load_study(project: Project, manifest: Path, *, actor: str) -> ImportReport:
    return import_batch(project, read_study(manifest), actor=actor)


def load_bundled_study(project: Project, *, actor: str) -> ImportReport:
    return load_study(project, bundled_study_manifest(), actor=actor)
