"""Studies described by a ``study.toml`` manifest, and the bundled study."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import select

import workbench
from workbench.domain.documents import DocumentKind
from workbench.domain.errors import InputError, WorkbenchError
from workbench.importers import parse_participants_csv, read_document
from workbench.importers.thesis_results import read_results
from workbench.services.codebook_import import import_codebook, read_codebook
from workbench.services.importing import ImportBatch, ImportReport, import_batch
from workbench.services.reference import import_reference, reference_coder_name
from workbench.storage.project import Project
from workbench.storage.tables import CoderRecord, CodingRecord

BUNDLED_STUDY = "medical-assistants"


def bundled_study_manifest() -> Path:
    """The bundled study's manifest, in an installed wheel or in a source checkout (the wheel
    keeps the checkout's layout under ``workbench/bundled``: ``corpora/`` beside ``codebooks/``)."""
    package = Path(workbench.__file__).resolve().parent
    for folder in (package / "bundled" / "corpora" / BUNDLED_STUDY, package.parent / "corpora" / BUNDLED_STUDY):
        if (folder / "study.toml").is_file():
            return folder / "study.toml"
    raise WorkbenchError("the bundled study is missing from this installation", hint="reinstall workbench")


@dataclass
class Study:
    """A parsed study: its documents and participants, the codebooks with the documents each
    codes, and the theses whose quoted passages are reference codings."""

    batch: ImportBatch
    codebooks: list[tuple[Path, list[str]]] = field(default_factory=list)
    references: list[Path] = field(default_factory=list)


def read_study(manifest: Path) -> Study:
    """Parse a study manifest and every file it names (before anything is written)."""
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
    parsed = Study(batch)
    identifiers = {document.identifier for document in batch.documents}
    for number, entry in enumerate(description.get("codebooks", []), start=1):
        path = listed_file(folder, entry, f"{manifest}: codebooks[{number}]")
        read_codebook(path)
        coded = [str(identifier) for identifier in entry.get("documents", [])]
        unknown = sorted(set(coded) - identifiers)
        if unknown:
            raise InputError(f"documents {unknown} are not in the study", f"{manifest}: codebooks[{number}]", "list documents of the manifest")
        parsed.codebooks.append((path, coded))
    for number, entry in enumerate(description.get("references", []), start=1):
        path = listed_file(folder, entry, f"{manifest}: references[{number}]")
        read_results(path)
        parsed.references.append(path)
    return parsed


def listed_file(folder: Path, entry: dict, where: str) -> Path:
    if "file" not in entry:
        raise InputError("missing key 'file'", where, "give the file, relative to the manifest")
    path = (folder / entry["file"]).resolve()
    if not path.is_file():
        raise InputError("no such file", str(path), "fix the file entry of the manifest")
    return path


def load_study(project: Project, manifest: Path, *, actor: str) -> ImportReport:
    """Import the documents and participants (one transaction), then each codebook and each
    reference coding (one transaction each). Loading again completes an interrupted load and
    changes nothing otherwise: a reference coder that already has codings is left as it is."""
    study = read_study(manifest)
    report = import_batch(project, study.batch, actor=actor)
    for path, documents in study.codebooks:
        result = import_codebook(project, path, actor=actor, documents=documents)
        report.codebooks.append(f"{result.codebook}: {result.status}")
    for path in study.references:
        coder = reference_coder_name(path)
        if has_codings(project, coder):
            report.references.append(f"{coder}: unchanged")
            continue
        result = import_reference(project, path, actor=actor)
        report.notices.extend(result.notices)
        counts = ", ".join(f"{count} {status}" for status, count in result.counts.items())
        report.references.append(f"{coder}: {result.coded} codings ({counts})")
    return report


def has_codings(project: Project, coder: str) -> bool:
    with project.session() as session:
        query = select(CodingRecord.id).join(CoderRecord).where(CoderRecord.name == coder)
        return session.exec(query).first() is not None


def load_bundled_study(project: Project, *, actor: str) -> ImportReport:
    return load_study(project, bundled_study_manifest(), actor=actor)
