"""The suggestions in the coding screen's side panel: the top codes for the current unit, each with
the key that applies it and its reason, one line each, cut to the panel's width."""

from __future__ import annotations

from rich.text import Text

from workbench.domain.text import one_line, shortened
from workbench.services.coding.workspace import Workspace
from workbench.services.suggestions import reason_text
from workbench.suggestions.engine import Suggestion
from workbench.tui.language import text
from workbench.tui.shown import safe_text

SUGGESTION_KEYS = ("f2", "f3", "f4")
"""The keys that apply the first, second and third suggestion (no code shortcut or command uses them)."""
MARK = "■"


def suggestion_panel(workspace: Workspace, suggestions: list[Suggestion], width: int) -> Text:
    """The suggestions, or nothing when there is none (a unit without words, no codebook)."""
    if not suggestions:
        return Text()
    room = max(width - 5, 12)
    lines = Text(text("Suggested (F2 to F4)") + "\n", style="bold")
    for key, suggestion in zip(SUGGESTION_KEYS, suggestions, strict=False):
        code = workspace.code(suggestion.code)
        lines.append(f"{key.upper()} ", style="bold")
        lines.append(f"{MARK} ", style=code.colour if code else "white")
        lines.append(shortened(one_line(code.name if code else suggestion.path_text), room - 2) + "\n")
        lines.append("   " + shortened(one_line(reason_text(suggestion.reason)), room - 1) + "\n", style="dim")
    return safe_text(lines)
