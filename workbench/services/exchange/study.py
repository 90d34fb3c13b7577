"""Studies described by a ``study.toml`` manifest, and the bundled study."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import select

import workbench
from workbench.domain.documents import DocumentKind
from workbench.domain.errors import InputError, WorkbenchError
from workbench.domain.language import _, counted
from workbench.importers import LabelPatterns, parse_participants_csv, read_document
from workbench.importers.encoding import checked_size
from workbench.importers.labels import patterns_with_labels
from workbench.importers.thesis_results import read_results
from workbench.services.codebook.importing import import_codebook, read_codebook, status_line
from workbench.services.exchange.importing import ImportBatch, ImportReport, check_speakers, import_batch
from workbench.services.exchange.reference import import_reference, reference_coder_name
from workbench.storage.project import Project
from workbench.storage.records import CoderRecord, CodingRecord

BUNDLED_STUDY = "medical-assistants"
SHARED_CODEBOOKS = "codebooks"
"""Codebooks may also be shared between studies: ``../../codebooks/`` from a study's manifest
(``corpora/<study>/study.toml`` beside the repository's ``codebooks/``)."""


def bundled_study_manifest() -> Path:
    """The bundled study's manifest, in an installed wheel or in a source checkout (the wheel
    keeps the checkout's layout under ``workbench/bundled``: ``corpora/`` beside ``codebooks/``)."""
    package = Path(workbench.__file__).resolve().parent
    for folder in (package / "bundled" / "corpora" / BUNDLED_STUDY, package.parent / "corpora" / BUNDLED_STUDY):
        if (folder / "study.toml").is_file():
            return folder / "study.toml"
    raise WorkbenchError(_('the bundled study is missing from this installation'), hint=_('reinstall workbench'))


@dataclass
class Study:
    """A parsed study: its documents and participants, the codebooks with the documents each
    codes, and the theses whose quoted passages are reference codings."""

    batch: ImportBatch
    codebooks: list[tuple[Path, list[str]]] = field(default_factory=list)
    references: list[Path] = field(default_factory=list)


def read_study(manifest: Path) -> Study:
    """Parse a study manifest and every file it names (before anything is written)."""
    checked_size(manifest)  # a link refused, as every file an import reads
    try:
        description = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InputError(_('not a valid study manifest ({error})').format(error=error), str(manifest), _('fix the TOML syntax')) from None
    study = table(description.get("study", {}), f"{manifest}: [study]")
    folder = manifest.parent.resolve()
    batch = ImportBatch(settings={"name": str(study.get("name", folder.name)), "language": str(study.get("language", "fr"))})
    patterns = study_labels(description.get("labels", {}), f"{manifest}: [labels]")
    for number, entry in enumerate(entries(description, "documents", manifest), start=1):
        where = f"{manifest}: documents[{number}]"
        path = listed_file([folder], entry, where)
        try:
            kind = DocumentKind(entry.get("kind", "transcript"))
        except ValueError:
            raise InputError(_('unknown kind {get!r}').format(get=entry.get('kind')), where, _('use transcript, excerpts or survey')) from None
        document = read_document(path, kind=kind, identifier=entry.get("id"), patterns=patterns)
        check_speakers(document, force=entry.get("force") is True)
        document.title = entry.get("title", document.title)
        document.source = entry.get("source", document.source)
        document.language = entry.get("language", batch.settings["language"])
        if "participant" in entry:
            document.participant = entry["participant"]
        elif kind is DocumentKind.SURVEY:
            document.participant = None
        batch.documents.append(document)
    if "participants" in study:
        table_path = listed_file([folder], {"file": study["participants"]}, f"{manifest}: [study] participants")
        batch.tables.append((table_path, parse_participants_csv(table_path)))
    parsed = Study(batch)
    identifiers = {document.identifier for document in batch.documents}
    for number, entry in enumerate(entries(description, "codebooks", manifest), start=1):
        path = listed_file([folder, folder.parent.parent / SHARED_CODEBOOKS], entry, f"{manifest}: codebooks[{number}]")
        read_codebook(path)
        coded = [str(identifier) for identifier in entry.get("documents", [])]
        unknown = sorted(set(coded) - identifiers)
        if unknown:
            raise InputError(_('documents {unknown} are not in the study').format(unknown=unknown), f"{manifest}: codebooks[{number}]", _('list documents of the manifest'))
        parsed.codebooks.append((path, coded))
    for number, entry in enumerate(entries(description, "references", manifest), start=1):
        path = listed_file([folder], entry, f"{manifest}: references[{number}]")
        read_results(path)
        parsed.references.append(path)
    return parsed


def study_labels(value: object, where: str) -> LabelPatterns:
    """The ``[labels]`` table: speaker labels as written, per role, read besides the usual ones
    (``participant = ["P1000", "Dr Martin"]``, ``interviewer = ["Enquêtrice"]``)."""
    labels = table(value, where)
    unknown = sorted(set(labels) - {"interviewer", "participant", "other"})
    if unknown:
        raise InputError(_('unknown role {unknown!r}').format(unknown=unknown[0]), where, _('use interviewer, participant or other'))
    for role, listed in labels.items():
        if not isinstance(listed, list) or not all(isinstance(label, str) for label in listed):
            raise InputError(_('{role} must be a list of labels, not {listed!r}').format(role=role, listed=listed), where, _('write {role} = ["P1000"]').format(role=role))
    return patterns_with_labels(
        interviewer=labels.get("interviewer", []), participant=labels.get("participant", []), other=labels.get("other", [])
    )


def table(value: object, where: str) -> dict:
    if not isinstance(value, dict):
        raise InputError(_('expected a table, found {name} {value!r}').format(name=type(value).__name__, value=value), where, _("see corpora/README.md for the manifest's layout"))
    return value


def entries(description: dict, key: str, manifest: Path) -> list[dict]:
    """The ``[[key]]`` tables of the manifest, each checked to be a table."""
    listed = description.get(key, [])
    if not isinstance(listed, list):
        raise InputError(_('{key} must be a list of [[{key}]] tables').format(key=key), str(manifest), _('see corpora/README.md'))
    return [table(entry, f"{manifest}: {key}[{number}]") for number, entry in enumerate(listed, start=1)]


def listed_file(roots: list[Path], entry: dict, where: str) -> Path:
    """The file an entry names, relative to the manifest, which must lie inside one of ``roots``
    (the manifest's folder; for codebooks also the shared ``codebooks/`` folder): a manifest from
    elsewhere cannot make workbench read any file on the machine."""
    if "file" not in entry:
        raise InputError(_("missing key 'file'"), where, _('give the file, relative to the manifest'))
    if not isinstance(entry["file"], str) or not entry["file"].strip():
        raise InputError(_('file must be a path, not {entry!r}').format(entry=entry['file']), where, _('give the file, relative to the manifest'))
    if Path(entry["file"]).is_absolute():
        raise InputError(_('absolute path {entry!r}').format(entry=entry['file']), where, _('give the file relative to the manifest, inside its folder'))
    path = (roots[0] / entry["file"]).resolve()
    if not any(path.is_relative_to(root.resolve()) for root in roots):
        raise InputError(_("{entry!r} lies outside the study's folder").format(entry=entry['file']), where, _("keep the study's files inside the manifest's folder"))
    if not path.is_file():
        raise InputError(_('no such file'), str(path), _('fix the file entry of the manifest'))
    return path


def load_study(project: Project, manifest: Path, *, actor: str) -> ImportReport:
    """Import the documents and participants (one transaction), then each codebook and each
    reference coding (one transaction each). Loading again completes an interrupted load and
    changes nothing otherwise: a reference coder that already has codings is left as it is."""
    study = read_study(manifest)
    report = import_batch(project, study.batch, actor=actor)
    for path, documents in study.codebooks:
        result = import_codebook(project, path, actor=actor, documents=documents)
        report.codebooks.append(status_line(result.codebook, result.status))
    for path in study.references:
        coder = reference_coder_name(path)
        if has_codings(project, coder):
            report.references.append(_('{coder}: unchanged').format(coder=coder))
            continue
        result = import_reference(project, path, actor=actor)
        report.notices.extend(result.notices)
        counts = ", ".join(f"{count} {status}" for status, count in result.counts.items())
        codings = counted(result.coded, '{count} coding', '{count} codings')
        report.references.append(_('{coder}: {codings} ({counts})').format(coder=coder, codings=codings, counts=counts))
    return report


def has_codings(project: Project, coder: str) -> bool:
    with project.session() as session:
        query = select(CodingRecord.id).join(CoderRecord).where(CoderRecord.name == coder)
        return session.exec(query).first() is not None


def load_bundled_study(project: Project, *, actor: str) -> ImportReport:
    return load_study(project, bundled_study_manifest(), actor=actor)
