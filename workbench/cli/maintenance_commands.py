"""Commands that look after the project: backup, check and the change log."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from workbench.cli.application import app, reports_errors
from workbench.cli.context import CommandContext
from workbench.cli.output import echo, print_json, print_table
from workbench.domain.language import N_, _, counted, format_number, ngettext
from workbench.domain.text import shortened

if TYPE_CHECKING:
    from workbench.services.maintenance.backup import LoggedChange

DETAILS_WIDTH = 60
LOG_COLUMNS = [N_("id"), N_("time (UTC)"), N_("actor"), N_("action"), N_("target kind"), N_("target"), N_("details")]
TABLES = {
    "document": N_("document"), "turn": N_("turn"), "unit": N_("unit"), "participant": N_("participant"),
    "codebook": N_("codebook"), "code": N_("code"), "coder": N_("coder"), "coding": N_("coding"), "memo": N_("memo"),
    "change_log": N_("change_log"),
}
"""The tables a backup counts, by name."""
CHECKED: dict[str, Callable[[int], str]] = {
    "document": lambda count: counted(count, "{count} document", "{count} documents"),
    "turn": lambda count: counted(count, "{count} turn", "{count} turns"),
    "unit": lambda count: counted(count, "{count} unit", "{count} units"),
    "code": lambda count: counted(count, "{count} code", "{count} codes"),
    "coding": lambda count: counted(count, "{count} coding", "{count} codings"),
    "memo": lambda count: counted(count, "{count} memo", "{count} memos"),
}
"""The rows an integrity check counts, by table."""
HIDDEN = N_("(hidden: codings you may not see yet, blind coding)")
JsonOption = Annotated[bool, typer.Option("--json", help=N_("Machine-readable output on stdout."))]


@app.command(help=N_("Copy the project while it is in use: a SQLite file, or a pg_dump archive for PostgreSQL."))
@reports_errors
def backup(
    context: typer.Context,
    output: Annotated[Path, typer.Option("-o", "--output", metavar="FILE", help=N_("The backup file to write."))],
    force: Annotated[bool, typer.Option("--force", help=N_("Replace FILE if it exists."))] = False,
    json_output: JsonOption = False,
) -> None:
    from workbench.services.maintenance.backup import backup_project

    state: CommandContext = context.obj
    report = backup_project(state.open_project(), output, force=force)
    if json_output:
        print_json(report.as_dict())
        return
    echo(_("Backed up to {path} ({size}).").format(path=report.path, size=counted(report.bytes, "{count} byte", "{count} bytes")))
    if report.rows:
        rows = ", ".join(f"{_(TABLES[table]) if table in TABLES else table} {count}" for table, count in report.rows.items())
        echo(_("Rows: {rows}").format(rows=rows))


@app.command(
    help=N_(
        "Check the project's integrity: offsets, quoted text, code tree, orphans, checksums, search index "
        "(exit 1 on a problem)."
    )
)
@reports_errors
def check(
    context: typer.Context,
    repair: Annotated[bool, typer.Option("--repair", help=N_("First rebuild the search index if it is out of step."))] = False,
    json_output: JsonOption = False,
) -> None:
    from workbench.services.maintenance.integrity import check_readable_project, repair_search_index
    from workbench.services.projects import shown_location

    state: CommandContext = context.obj
    project = state.open_project()
    if repair and (rebuilt := repair_search_index(project)) is not None:
        echo(_('Search index rebuilt: {documents}.').format(documents=counted(rebuilt, '{count} document', '{count} documents')), err=json_output)
    report = check_readable_project(project, shown_as=shown_location(state.database))
    if json_output:
        print_json(report.as_dict())
    elif report.ok:
        checked = ", ".join(CHECKED[table](count) if table in CHECKED else f"{count} {table}s" for table, count in report.checked.items())
        echo(_('ok: {checked} checked, no problem found.').format(checked=checked))
    else:
        for problem in report.problems:
            echo(problem.one_line(), err=True)
    if not report.ok:
        raise typer.Exit(1)


@app.command(
    help=N_(
        "The change log, newest first: who changed what, and when (of a change to codings you may not see "
        "yet, only who and when: blind coding)."
    )
)
@reports_errors
def log(
    context: typer.Context,
    limit: Annotated[int, typer.Option("--limit", min=0, metavar="N", help=N_("Show at most N entries (0: all)."))] = 50,
    actor: Annotated[str | None, typer.Option("--actor", metavar="NAME", help=N_("Only this person's changes."))] = None,
    action: Annotated[
        str | None, typer.Option("--action", metavar="PREFIX", help=N_("Only actions starting so, e.g. code. or units."))
    ] = None,
    json_output: JsonOption = False,
) -> None:
    from workbench.services.maintenance.backup import read_change_log

    state: CommandContext = context.obj
    entries = read_change_log(state.open_project(), limit=limit or None, actor=actor, action=action, viewer=state.coder)
    if json_output:
        print_json({"limit": limit or None, "entries": [entry_json(entry) for entry in entries]})
        return
    rows = [
        [str(entry.id), f"{entry.at:%Y-%m-%d %H:%M:%S}", entry.actor, entry.action, entry.target_kind, entry.target,
         _(HIDDEN) if entry.hidden else compact(entry.details)]
        for entry in entries
    ]  # fmt: skip
    title = ngettext("{count} change, newest first", "{count} changes, newest first", len(entries)).format(count=format_number(len(entries)))
    print_table(title, [_(column) for column in LOG_COLUMNS], rows)


def entry_json(entry: LoggedChange) -> dict[str, object]:
    return {
        "id": entry.id, "at": entry.at.isoformat(), "actor": entry.actor, "action": entry.action,
        "target_kind": entry.target_kind, "target": entry.target, "details": entry.details, "hidden": entry.hidden,
    }  # fmt: skip


def compact(details: dict[str, object], limit: int = DETAILS_WIDTH) -> str:
    """The details as one short line: some entries carry whole rows (``--json`` gives them all)."""
    text = json.dumps(details, ensure_ascii=False, separators=(", ", ": ")) if details else ""
    return shortened(text, limit)
