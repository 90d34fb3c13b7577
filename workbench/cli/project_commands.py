"""Commands on the project itself: init, import (transcripts, participant tables, a study, a codebook or a
REFI-QDA project), documents (participants: :mod:`workbench.cli.participant_commands`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from workbench.cli.application import app, reports_errors
from workbench.cli.codebook_commands import import_codebook_file
from workbench.cli.context import CommandContext
from workbench.cli.output import echo, print_json, print_notice, print_table
from workbench.domain.codebook import is_codebook_file
from workbench.domain.documents import DocumentKind, kind_label
from workbench.domain.language import N_, _, counted, current_language, format_number, ngettext
from workbench.domain.text import WORD_RULE

JsonOption = Annotated[bool, typer.Option("--json", help=N_("Machine-readable output on stdout."))]


@app.command(help=N_("Create a project (empty, or loaded with the bundled study)."))
@reports_errors
def init(
    context: typer.Context,
    bundled: Annotated[bool, typer.Option("--bundled", help=N_("Load the bundled study (MG1–MG17, M1–M11, survey)."))] = False,
    language: Annotated[
        str | None,
        typer.Option(
            "--language", metavar="LANGUAGE", help=N_("The language of its terminal UI and files: fr or en (default: the locale's; the bundled study's is fr).")
        ),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    from workbench.services.exchange.importing import ImportReport
    from workbench.services.exchange.study import load_bundled_study
    from workbench.services.projects import checked_language, create_project, set_project_language

    state: CommandContext = context.obj
    chosen = checked_language(language) if language is not None else None
    project = create_project(state.database)
    report = load_bundled_study(project, actor=state.actor) if bundled else ImportReport()
    if chosen is not None or project.setting("language") is None:
        set_project_language(project, chosen or current_language())
    if json_output:
        print_json({"database": project.url, **report.as_dict()})
    else:
        echo(_('Project ready: {url}').format(url=project.url))
        if bundled:
            echo(
                _("Bundled study: {added}, {unchanged}, {participants}.").format(
                    added=counted(len(report.added), "{count} document added", "{count} documents added"),
                    unchanged=counted(len(report.unchanged), "{count} unchanged", "{count} unchanged"),
                    participants=counted(len(report.participants_added), "{count} participant", "{count} participants"),
                )
            )
            for line in report.codebooks + report.references:
                echo(f"  {line}")


@app.command(name="import", help=N_("Import transcripts and participant attributes; all files or none."))
@reports_errors
def import_files(
    context: typer.Context,
    files: Annotated[list[Path], typer.Argument(help=N_("Transcripts (.txt, .docx, .odt, .vtt, .srt), participant tables (.csv), a study.toml, a codebook (.yaml, .qdc) or a REFI-QDA project (.qdpx, or its project.qde alone)."))],
    kind: Annotated[
        DocumentKind | None, typer.Option("--kind", help=N_("Kind of the documents (default: transcript)."))
    ] = None,
    identifier: Annotated[str | None, typer.Option("--id", help=N_("Document id (one file only; default: the file name)."))] = None,
    add_participants: Annotated[
        bool, typer.Option("--add-participants", help=N_("Create participants named in a CSV that the project lacks."))
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help=N_("A .qdpx, .qde or .qdc: refuse the whole file rather than leave out what cannot be imported."))
    ] = False,
    participant_labels: Annotated[
        list[str] | None,
        typer.Option("--participant-label", metavar="LABEL", help=N_("A participant label as written (P1000, 'Dr Martin'); repeatable.")),
    ] = None,
    interviewer_labels: Annotated[
        list[str] | None,
        typer.Option(
            "--interviewer-label", "--interviewer", metavar="LABEL", help=N_("The interviewer's label or, in .vtt/.srt, name as written; repeatable.")
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help=N_("Import transcripts whose speakers were not all read, as read (noted in the change log)."))
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help=N_("Show the speakers, turns and words each file would give, and what would be refused; change nothing."))
    ] = False,
    json_output: JsonOption = False,
) -> None:
    from workbench.cli.import_preview import check_previewable, print_import_preview
    from workbench.importers.labels import patterns_with_labels
    from workbench.services.exchange.importing import import_batch, read_files
    from workbench.services.exchange.study import load_study

    state: CommandContext = context.obj
    if dry_run:
        check_previewable(files)
    if any(map(is_codebook_file, files)):
        import_codebook_file(state, files, json_output, strict)
        return
    if any(path.suffix.lower() in (".qdpx", ".qde") for path in files):
        import_project_file(state, files, json_output, strict)
        return
    manifests = [path for path in files if path.suffix.lower() == ".toml"]
    if manifests and len(files) > 1:
        from workbench.domain.errors import InputError

        raise InputError(_('a study.toml is imported on its own'), str(manifests[0]), _('import the other files separately'))
    if manifests:
        report = load_study(state.open_project(), manifests[0], actor=state.actor)
    else:
        patterns = patterns_with_labels(interviewer=interviewer_labels or [], participant=participant_labels or [])
        if dry_run:
            print_import_preview(files, kind=kind, identifier=identifier, patterns=patterns, force=force, json_output=json_output)
            return
        batch = read_files(files, kind=kind, identifier=identifier, patterns=patterns, force=force)
        report = import_batch(state.open_project(), batch, actor=state.actor, create_participants=add_participants)
    if json_output:
        print_json(report.as_dict())
        return
    for notice in report.notices:
        print_notice(notice)
    for label, names in (
        (N_("added"), report.added),
        (N_("replaced"), report.replaced),
        (N_("unchanged"), report.unchanged),
        (N_("participants added"), report.participants_added),
        (N_("participants updated"), report.participants_updated),
        (N_("codebooks"), report.codebooks),
        (N_("reference codings"), report.references),
    ):
        if names:
            echo(_("{label}: {names}").format(label=_(label), names=", ".join(names)))


def import_project_file(state: CommandContext, files: list[Path], json_output: bool, strict: bool) -> None:
    """``workbench import FILE.qdpx`` (or a ``project.qde`` alone): a project exchange file is imported on its own."""
    from workbench.domain.errors import InputError
    from workbench.services.exchange.qdpx_project import import_qdpx

    if len(files) > 1:
        raise InputError(_('a .qdpx project is imported on its own'), ", ".join(map(str, files)), _('import the other files separately'))
    report = import_qdpx(state.open_project(), files[0], actor=state.actor, strict=strict)
    if json_output:
        print_json(report.as_dict())
        return
    for notice in report.notices:
        print_notice(notice)
    echo(
        _('Documents: {added}, {replaced}, {unchanged}; participants: {participants_added}, {participants_updated}.').format(
            added=counted(len(report.added), "{count} added", "{count} added"),
            replaced=counted(len(report.replaced), "{count} replaced", "{count} replaced"),
            unchanged=counted(len(report.unchanged), "{count} unchanged", "{count} unchanged"),
            participants_added=counted(len(report.participants_added), "{count} added", "{count} added"),
            participants_updated=counted(len(report.participants_updated), "{count} updated", "{count} updated"),
        )
    )
    for line in report.codebooks:
        echo(_('Codebook {line}').format(line=line))
    added = ", ".join(f"{coder} {count}" for coder, count in report.codings.items()) or _("none")
    echo(_('Coders added: {value}; codings added: {added}; memos added: {memos}.').format(value=', '.join(report.coders) or _('none'), added=added, memos=report.memos))
    if report.left_out:
        echo(_('Left out (--strict refuses the file instead):'))
        for line in report.left_out:
            echo(f"  {line}")


@app.command(help=N_("List the documents with their participant, kind, turns and words."))
@reports_errors
def documents(context: typer.Context, json_output: JsonOption = False) -> None:
    from workbench.services.projects import document_summaries

    state: CommandContext = context.obj
    summaries = document_summaries(state.open_project())
    if json_output:
        print_json(
            {
                "word_rule": WORD_RULE,
                "documents": [
                    {
                        "id": summary.identifier,
                        "title": summary.title,
                        "kind": summary.kind.value,
                        "participant": summary.participant,
                        "turns": summary.turns,
                        "turns_by_role": summary.turns_by_role,
                        "words": summary.words,
                        "words_by_role": summary.words_by_role,
                        "characters": summary.characters,
                        "language": summary.language,
                        "source": summary.source,
                        "checksum": summary.checksum,
                    }
                    for summary in summaries
                ],
            }
        )
        return
    rows = [
        [
            summary.identifier,
            summary.participant or "",
            kind_label(summary.kind.value),
            str(summary.turns),
            str(summary.words),
            str(summary.words_by_role["participant"]),
            summary.title,
        ]
        for summary in summaries
    ]
    print_table(
        ngettext('{count} document', '{count} documents', len(summaries)).format(count=format_number(len(summaries))), [_('id'), _('participant'), _('kind'), _('turns'), _('words'), _('participant words'), _('title')], rows
    )
    echo(_('Words: {word_rule}').format(word_rule=_(WORD_RULE)))

