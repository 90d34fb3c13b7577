"""What the coding screen draws: a unit or a context line of the document, a code in the tree, and
the side panel of the current unit (its codes, then the recent codes the number keys apply).

The document's text and the names are made :func:`~workbench.domain.terminal_text.visible` before
they become rich text (which would drop BEL, CR… unseen); no position is read back from a prompt.

Plain functions from the workspace to rich text, so the screen itself keeps to keys and changes.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text

from workbench.domain.changes import action_name
from workbench.domain.codebook import Code
from workbench.domain.codings import Coding
from workbench.domain.documents import SpeakerRole, Turn
from workbench.domain.language import N_, format_number, month_abbreviation, ngettext
from workbench.domain.terminal_text import visible
from workbench.domain.units import Unit
from workbench.services.coding.workspace import Workspace
from workbench.services.projects import StoredCodebook
from workbench.tui.language import text
from workbench.tui.shown import safe_text

ROLE_STYLES = {SpeakerRole.INTERVIEWER: "italic dim", SpeakerRole.PARTICIPANT: "", SpeakerRole.OTHER: "italic"}
MARK = "■"


def change_values(summary: dict[str, str]) -> dict[str, str]:
    """An undone or redone coding change as the coder reads it: ``code applied``, ``MG14, 1532–1881``."""
    operation = summary["operation"]
    return {"operation": action_name(operation), "target": ", ".join(summary["target"].rsplit(" ", 1))}


def code_label(code: Code, number: str) -> Text:
    """A code in the tree: its colour, its shortcut key if any, its number and name."""
    label = Text(f"{MARK} ", style=code.colour)
    label.append(f"[{code.shortcut}] " if code.shortcut else "", style="bold")
    label.append(visible(f"{number} {code.name}".strip(), one_line=True))
    return safe_text(label)


def reading_mode(workspace: Workspace, revealed_since: datetime | None) -> str:
    """Whether the coder codes the document blind, or since when the others' codings are shown to them."""
    if not workspace.revealed:
        return text("blind")
    return text("revealed on {moment}", moment=moment_text(revealed_since)) if revealed_since else text("revealed")


def moment_text(moment: datetime) -> str:
    """A moment in local time, in the interface language: ``3 Dec 2026 at 10:12``."""
    local = moment.astimezone()
    return text("{day} {month} {year} at {time}", day=local.day, month=month_abbreviation(local.month), year=local.year, time=f"{local:%H:%M}")


def unit_prompt(workspace: Workspace, unit: Unit, codings: list[Coding]) -> Text:
    """A unit: its speaker's label where a turn starts, its text, a mark per coding (others' dim)."""
    turn = workspace.document.turns[unit.turn - 1] if unit.turn else None
    prompt = Text()
    if turn and (unit.position == 1 or workspace.units[unit.position - 2].turn != unit.turn):
        prompt.append(visible(f"{turn.label} "), style="bold")
    prompt.append(visible(unit.text), style=ROLE_STYLES[turn.role] if turn else "")
    for coding in codings:
        code = workspace.code(coding.code)
        colour = code.colour if code else "white"
        prompt.append(f" {MARK}", style=colour if coding.coder == workspace.coder else f"{colour} dim")
    return safe_text(prompt)


def context_prompt(workspace: Workspace, turn: Turn) -> Text:
    """A speaker turn that holds no unit, shown for context (it cannot be coded here)."""
    prompt = Text(visible(f"{turn.label} "), style="bold")
    prompt.append(visible(workspace.document.text[turn.start : turn.end]), style=ROLE_STYLES[turn.role])
    return safe_text(prompt)


def unit_panel(workspace: Workspace, unit: Unit, recent: list[int], width: int, suggestions: Text | None = None) -> Text:
    """The current unit's codes with their paths (another coder's named), then the ``suggestions``
    when given, then the recent codes, one line each, cut to ``width`` (the middle of a long path
    elided, so that the suggestions stay in sight)."""
    values = {"position": unit.position, "start": unit.start, "end": unit.end}
    heading = text("Speaker turn {position} ({start}–{end})", **values) if workspace.units_are_turns else text("Unit {position} ({start}–{end})", **values)
    lines = Text(heading + "\n", style="bold")
    for coding in workspace.codings_on(unit):
        code = workspace.code(coding.code)
        whose = f"  ({coding.coder})" if coding.coder != workspace.coder else ""
        path = workspace.codebook.tree.path_text(coding.code) if code else str(coding.code)
        lines.append(f"{MARK} ", style=code.colour if code else "white")
        lines.append(elided(path, max(width - 3 - len(whose), 12)))
        lines.append(f"{whose}\n", style="dim")
    if suggestions:
        lines.append_text(suggestions)
    if recent:
        lines.append("\n" + text("Recent codes") + "\n", style="bold")
        room = max(width - 5, 12)  # one line each: number, mark, name cut to fit
        for number, code_id in enumerate(recent, start=1):
            code = workspace.code(code_id)
            name = code.name if code else str(code_id)
            lines.append(f"{number} ", style="bold")
            lines.append(f"{MARK} ", style=code.colour if code else "white")
            lines.append(f"{elided(name, room)}\n")
    return safe_text(lines)


def elided(name: str, width: int) -> str:
    """``name`` in ``width`` characters: whole, or its first third and its end with ``…`` between
    them, since codes often differ by their last words (« Les AM pourraient recueillir… »)."""
    if len(name) <= width:
        return name
    start = (width - 1) // 3
    return f"{name[:start]}…{name[len(name) - (width - 1 - start) :]}"


def progress_text(workspace: Workspace) -> str:
    """How much of the document the coder has coded: speaker turns until it is cut into units."""
    total = len(workspace.units)
    numbers = {"coded": format_number(workspace.coded_units), "total": format_number(total)}
    if workspace.units_are_turns:
        return ngettext(
            "{coded}/{total} speaker turn coded (s cuts it into units of meaning)",
            "{coded}/{total} speaker turns coded (s cuts them into units of meaning)",
            total,
        ).format(**numbers)
    return ngettext("{coded}/{total} unit coded", "{coded}/{total} units coded", total).format(**numbers)


def code_panel(codebook: StoredCodebook, code_id: int) -> Text:
    """A code of the tree in full: its path, then its definition (as the codebook gives it)."""
    code = codebook.tree.codes[code_id]
    lines = Text(visible(codebook.tree.path_text(code_id)) + "\n", style="bold")
    for title, value in ((N_("Description"), code.description), (N_("When to use"), code.when_to_use), (N_("Example"), code.example)):
        if value:
            lines.append(f"\n{text(title)}\n", style="italic")
            lines.append(visible(value) + "\n")
    return safe_text(lines)
