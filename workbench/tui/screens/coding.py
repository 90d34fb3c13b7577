"""The coding screen: a document unit by unit, its codebook beside it (drawn by
:mod:`workbench.tui.screens.coding_view`).

The units are an :class:`~textual.widgets.OptionList`, which renders only the lines in view, so
long transcripts stay fluid. Each unit shows its speaker's label where a turn starts, and its
codes as coloured marks; the side panel shows the codebook tree (with shortcut keys) and the codes
of the current unit. Every change goes through the services, so it is committed at once.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import DescendantFocus, Key
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static, Tree
from textual.widgets.option_list import Option

from workbench.domain.codings import Coding
from workbench.domain.documents import Turn
from workbench.domain.errors import WorkbenchError
from workbench.domain.language import N_
from workbench.domain.units import Unit
from workbench.services.coding.codings import mark_done, redo_coding, revealed_since, undo_coding
from workbench.services.coding.workspace import (
    RECENT_CODES,
    Outcome,
    Workspace,
    open_workspace,
    recent_codes,
    toggle_code,
)
from workbench.services.projects import Project
from workbench.services.suggestions import open_engine
from workbench.suggestions.engine import Passage, Suggestion, SuggestionEngine
from workbench.tui.language import Localised, text
from workbench.tui.memory import settle_memory
from workbench.tui.screens.coding_dialogs import CodingDialogs
from workbench.tui.screens.coding_view import (
    change_values,
    code_label,
    code_panel,
    context_prompt,
    progress_text,
    reading_mode,
    unit_panel,
    unit_prompt,
)
from workbench.tui.screens.dialogs import KeyHelp, key_rows
from workbench.tui.screens.suggestion_view import SUGGESTION_KEYS, suggestion_panel
from workbench.tui.shown import safe_text
from workbench.tui.widgets.code_tree import CodeTree
from workbench.tui.widgets.key_bar import KeyBar
from workbench.tui.widgets.unit_list import UnitList


def position_key(document: str, coder: str) -> str:
    """The setting that remembers where ``coder`` left ``document`` (the start of that unit)."""
    return f"document.{document}.position.{coder}"


class CodingScreen(CodingDialogs, Localised, Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
        Binding("j", "move(1)", "Next unit", id="next-unit", show=False),
        Binding("k", "move(-1)", "Previous unit", id="previous-unit", show=False),
        Binding("c,slash", "find_code", "Code…", id="find-code"),
        Binding("i", "in_vivo", "In vivo", id="in-vivo"),
        Binding("v", "select_span", "Select", id="select-span"),
        Binding("x", "remove_last", "Uncode", id="remove-coding"),
        Binding("1", "apply_recent(1)", "Recent codes: 1 (the latest) to 9", id="recent-codes", show=False),
        *(Binding(str(number), f"apply_recent({number})", "", show=False) for number in range(2, RECENT_CODES + 1)),
        Binding(SUGGESTION_KEYS[0], "apply_suggestion(1)", "Apply a suggestion: F2 (the first) to F4", id="apply-suggestion", show=False),
        *(Binding(key, f"apply_suggestion({number})", "", show=False) for number, key in enumerate(SUGGESTION_KEYS[1:], start=2)),
        Binding("u,ctrl+z", "undo", "Undo", id="undo"),
        Binding("U,ctrl+y", "redo", "Redo", id="redo"),
        Binding("m", "memo", "Memo", id="memo"),
        Binding("M", "memo_on_coding", "Memo on my coding", id="memo-on-coding", show=False),
        Binding("d", "toggle_done", "Done", id="done"),
        Binding("r", "reveal", "Reveal", id="reveal"),
        Binding("s", "segment", "Segment", id="segment"),
        Binding("question_mark,f1", "help", "Keys", id="help"),
    ]

    def __init__(self, project: Project, identifier: str, coder: str) -> None:
        super().__init__()
        self.project = project
        self.identifier = identifier
        self.coder = coder
        self.workspace: Workspace = open_workspace(project, identifier, coder=coder)
        self.revealed_since = revealed_since(project, identifier, viewer=coder)
        """When the others' codings of the document were revealed to the coder (``None``: blind)."""
        self.recent = recent_codes(project, self.workspace)
        """The codes the number keys apply, most recent first."""
        self.lines_indexed: list[Unit | Turn] | None = None
        self.left_at: int | None = None
        """The start of the unit the coder is on, remembered when they leave (:func:`position_key`)."""
        self.option_of_unit: list[int] = []
        self.suggester: SuggestionEngine | None = None
        """Learnt from the coder's own codings (any document), loaded by a worker; follows each coding made here."""
        self.suggester_changes: list[tuple[bool, Passage]] = []
        """The passages learnt (``True``) or forgotten while the suggester loads."""
        self.suggested: list[Suggestion] = []
        """The suggestions shown for the current unit: what F2 to F4 apply."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="document-title")
        with Horizontal(id="coding-area"):
            yield UnitList(id="units")
            with Vertical(id="side-panel"):
                yield CodeTree("Codebook", id="codebook")
                yield Static(id="unit-codes")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = self.identifier
        self.fill_codebook()
        self.refresh_units()
        self.go_to_offset(self.project.setting(position_key(self.identifier, self.coder)))
        self.query_one("#units", OptionList).focus()
        self.call_after_refresh(settle_memory)
        self.load_suggester()

    @work(thread=True, exclusive=True, group="suggestions")
    def load_suggester(self) -> None:
        """Read the coder's codings and fit the suggestions off the keys' path (scikit-learn's first
        import takes a second); they appear in the side panel once ready."""
        codebook = self.workspace.codebook
        if codebook is not None:
            suggester = open_engine(self.project, self.coder, codebook)
            suggester.prepare()
            self.app.call_from_thread(self.use_suggester, suggester)

    def use_suggester(self, suggester: SuggestionEngine) -> None:
        for learnt, passage in self.suggester_changes:
            (suggester.learn if learnt else suggester.forget)(passage)
        self.suggester_changes.clear()
        self.suggester = suggester
        self.show_unit_codes()

    @property
    def current_unit(self) -> Unit | None:
        """The highlighted unit (``None`` on a context line or an empty document)."""
        highlighted = self.query_one("#units", OptionList).highlighted
        if highlighted is None or highlighted >= len(self.workspace.lines):
            return None
        line = self.workspace.lines[highlighted]
        return line if isinstance(line, Unit) else None

    def fill_codebook(self) -> None:
        tree = self.query_one("#codebook", Tree)
        tree.clear()
        stored = self.workspace.codebook
        if stored is None:
            tree.root.set_label(text("No codebook yet: workbench import FILE.yaml"))
            return
        tree.root.set_label(safe_text(stored.name, one_line=True))
        numbers = stored.numbers()
        nodes = {None: tree.root}
        for code in stored.tree.walk():
            label, parent = code_label(code, numbers[code.id]), nodes[code.parent]
            if stored.tree.children(code.id):
                nodes[code.id] = parent.add(label, data=code.id, expand=stored.tree.depth(code.id) < 2)
            else:
                nodes[code.id] = parent.add_leaf(label, data=code.id)
        tree.root.expand()

    def refresh_units(self) -> None:
        """List every line again, the highlight kept on the same unit (or the first unit)."""
        units = self.query_one("#units", OptionList)
        current = self.current_unit
        units.clear_options()
        workspace = self.workspace
        by_unit = iter(workspace.codings_by_unit())
        units.add_options(
            Option(unit_prompt(workspace, line, next(by_unit))) if isinstance(line, Unit) else Option(context_prompt(workspace, line), disabled=True)
            for line in workspace.lines
        )
        if workspace.units:
            index = min(current.position, len(workspace.units)) - 1 if current else 0
            units.highlighted = self.unit_options[index]
        self.refresh_status()

    def go_to_offset(self, offset: str | None) -> None:
        """Highlight the unit holding ``offset`` (where the coder left the document), if any."""
        units = self.workspace.units
        if not units or offset is None or not offset.isdigit():
            return
        index = max(0, bisect_right([unit.start for unit in units], int(offset)) - 1)
        self.query_one("#units", OptionList).highlighted = self.unit_options[index]
        self.call_after_refresh(self.query_one("#units", OptionList).scroll_to_highlight, top=True)

    def on_unmount(self) -> None:
        """Remember where the coder leaves the document (the start of the unit they were on)."""
        key = position_key(self.identifier, self.coder)
        if self.left_at is not None and self.project.setting(key) != str(self.left_at):
            self.project.set_setting(key, str(self.left_at))

    @property
    def unit_options(self) -> list[int]:
        """Each unit's index among the listed lines."""
        if self.lines_indexed is not self.workspace.lines:
            self.lines_indexed = self.workspace.lines
            self.option_of_unit = [index for index, line in enumerate(self.workspace.lines) if isinstance(line, Unit)]
        return self.option_of_unit

    def refresh_status(self) -> None:
        workspace = self.workspace
        self.query_one("#document-title", Static).update(
            safe_text(text(
                "{identifier} · {title} · coder {coder} · {mode}{done} · {progress}",
                identifier=workspace.document.identifier, title=workspace.document.title, coder=self.coder,
                mode=reading_mode(workspace, self.revealed_since), done=text(" · done") if workspace.done else "",
                progress=progress_text(workspace),
            ))  # fmt: skip
        )
        self.show_unit_codes()

    def show_unit_codes(self) -> None:
        unit = self.current_unit
        panel = self.query_one("#unit-codes", Static)
        self.suggested = self.suggester.suggest(unit.text, len(SUGGESTION_KEYS)) if unit and self.suggester else []
        if unit is None:
            panel.update("")
            return
        width = panel.size.width
        panel.update(unit_panel(self.workspace, unit, self.recent, width, suggestion_panel(self.workspace, self.suggested, width)))

    def on_option_list_option_highlighted(self, _: OptionList.OptionHighlighted) -> None:
        unit = self.current_unit
        self.left_at = unit.start if unit else self.left_at
        self.show_unit_codes()

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        """In the codebook tree, the panel below shows the highlighted code's whole path and definition."""
        tree = self.query_one("#codebook", Tree)
        if tree.has_focus and event.node.data is not None and self.workspace.codebook is not None:
            self.query_one("#unit-codes", Static).update(code_panel(self.workspace.codebook, event.node.data))

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        if event.widget.id == "units":
            self.show_unit_codes()
        elif event.widget.id == "codebook" and (node := self.query_one("#codebook", Tree).cursor_node) is not None:
            self.on_tree_node_highlighted(Tree.NodeHighlighted(node))

    def reload(self, message: str | None = None) -> None:
        """Read the document again (after a segmentation or a codebook change)."""
        self.workspace = open_workspace(self.project, self.identifier, coder=self.coder)
        self.revealed_since = revealed_since(self.project, self.identifier, viewer=self.coder)
        self.recent = recent_codes(self.project, self.workspace)
        self.suggester = None
        self.load_suggester()
        self.refresh_units()
        if message:
            self.notify(message)

    def reload_codings(self, message: str | None = None) -> None:
        """Read the codings again and redraw only the units whose codes changed."""
        units = self.query_one("#units", UnitList)
        before = set(self.workspace.codings)
        for index in sorted(self.workspace.reload_codings(self.project)):
            unit = self.workspace.units[index]
            units.replace_prompt(self.unit_options[index], unit_prompt(self.workspace, unit, self.workspace.codings_on(unit)))
        added = [coding.code for coding in self.workspace.codings if coding.coder == self.coder and coding not in before]
        self.learn(before, set(self.workspace.codings))
        self.recent = list(dict.fromkeys([*added, *self.recent]))[:RECENT_CODES]
        self.refresh_status()
        if message:
            self.notify(message)

    def learn(self, before: set[Coding], after: set[Coding]) -> None:
        """Teach the suggestions the coder's codings made here (and forget those undone), at once."""
        changes = [(True, coding) for coding in after - before] + [(False, coding) for coding in before - after]
        for learnt, coding in sorted(changes, key=lambda change: change[1].id):
            if coding.coder != self.coder:
                continue
            passage = Passage(coding.code, coding.text)
            if self.suggester is None:
                self.suggester_changes.append((learnt, passage))
            else:
                (self.suggester.learn if learnt else self.suggester.forget)(passage)

    def action_apply_suggestion(self, number: int) -> None:
        """Apply (or take off) the ``number``-th suggestion for the current unit."""
        if number > len(self.suggested):
            self.notify(text("No suggestion {number} for this unit", number=number))
            return
        self.apply(self.suggested[number - 1].code)

    def attempt(self, change, *arguments, whole: bool = False) -> None:  # noqa: ANN001 - a service function
        """Run a service call, then redraw (the whole document with ``whole``, else the codings) and
        show what it returned (an ``Outcome`` to translate, or text already translated); a refusal is
        shown in a notification."""
        try:
            outcome = change(*arguments)
        except WorkbenchError as error:
            self.notify(error.one_line(), severity="error")
            return
        if isinstance(outcome, Outcome):
            outcome = text(outcome.template, **outcome.values)
        message = outcome if isinstance(outcome, str) else None
        (self.reload if whole else self.reload_codings)(message)

    def apply(self, code: int, span: tuple[int, int] | None = None) -> None:
        """Apply ``code`` to ``span`` (default: the current unit), or take it off."""
        unit = self.current_unit
        if span is None and unit is not None:
            span = (unit.start, unit.end)
        if span is not None:
            self.attempt(toggle_code, self.project, self.workspace, span, code)

    def action_apply_recent(self, number: int) -> None:
        """Apply (or take off) the ``number``-th most recent code."""
        if number > len(self.recent):
            self.notify(text("No recent code {number} yet: codes applied are listed under the unit", number=number))
            return
        self.apply(self.recent[number - 1])

    def on_key(self, event: Key) -> None:
        """A code's shortcut key applies it (keys bound to commands keep their command; a shortcut
        that is a digit wins over the recent code of that number)."""
        stored = self.workspace.codebook
        if stored is None or event.character is None or not self.query_one("#units").has_focus:
            return
        code = next((code for code in stored.tree.codes.values() if code.shortcut == event.character), None)
        if code is not None:
            event.stop()
            self.apply(code.id)

    def on_tree_node_selected(self, event: Tree.NodeSelected) -> None:
        if event.node.data is not None:
            self.apply(event.node.data)
            self.query_one("#units").focus()

    def action_move(self, step: int) -> None:
        """To the next (or previous) unit, over the context lines."""
        units = self.query_one("#units", OptionList)
        if not self.workspace.units:
            return
        options, here = self.unit_options, units.highlighted or 0
        index = bisect_right(options, here) if step > 0 else bisect_left(options, here) - 1
        units.highlighted = options[max(0, min(index, len(options) - 1))]

    def last_own_coding(self) -> Coding | None:
        """Your latest coding on the current unit; ``None`` (and a warning) when there is none."""
        unit = self.current_unit
        own = self.workspace.own_codings_on(unit) if unit else []
        if not own:
            self.notify(text("None of your codes on this unit."), severity="warning")
            return None
        return own[-1]

    def action_remove_last(self) -> None:
        coding = self.last_own_coding()
        if coding is not None:
            self.apply(coding.code)

    def action_undo(self) -> None:
        self.attempt(lambda: Outcome(N_("undone: {operation} ({target})"), change_values(undo_coding(self.project, actor=self.coder).summary)))

    def action_redo(self) -> None:
        self.attempt(lambda: Outcome(N_("redone: {operation} ({target})"), change_values(redo_coding(self.project, actor=self.coder).summary)))

    def action_toggle_done(self) -> None:
        done = not self.workspace.done
        self.attempt(lambda: mark_done(self.project, self.identifier, coder=self.coder, done=done) or text(N_("marked done") if done else N_("reopened")), whole=True)

    def action_segment(self) -> None:
        self.notify(text("Cutting into units of meaning…"))
        self.segment_in_background()

    @work(thread=True, exclusive=True, group="segment")
    def segment_in_background(self) -> None:
        from workbench.services.coding.units import segment

        try:
            segment(self.project, [self.identifier], actor=self.coder)
        except WorkbenchError as error:
            self.app.call_from_thread(self.notify, error.one_line(), severity="error")
            return
        self.app.call_from_thread(lambda: self.reload(text("units of meaning ready")))

    def action_help(self) -> None:
        more = [
            ("up / down", N_("Previous / next unit")), (N_("Enter on a code"), N_("Apply it to the unit")), (N_("a code's key"), N_("Apply that code")),
            ("Tab", N_("To the codebook tree and back")), ("right / left / space", N_("In the tree: open or close a code")),
        ]  # fmt: skip
        self.app.push_screen(KeyHelp(key_rows(self.BINDINGS, *more)))
