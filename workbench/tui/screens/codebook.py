"""The codebook screen: the code tree with each code's definition; add, rename, describe, move,
merge, split and delete codes (the codings follow, or are reassigned), with undo. A coder is
offered only what keeps the other coders' work (:mod:`workbench.services.codebook.ownership`).

Every change goes through :mod:`workbench.services.codebook.operations`, one transaction each, in the change
log; the tree is then read again and the highlight stays on the code being worked on. The counts of
codings are those the coder at the keyboard may see (:mod:`workbench.services.coding.visibility`).
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header, Static, Tree
from textual.widgets.tree import TreeNode

from workbench.domain.changes import ACTIONS, action_name
from workbench.domain.codebook import Code
from workbench.domain.codings import Coding
from workbench.domain.errors import WorkbenchError
from workbench.domain.language import N_, counted
from workbench.domain.terminal_text import visible
from workbench.services.codebook.merge import delete_code, merge_codes
from workbench.services.codebook.operations import (
    add_code,
    edit_code,
    move_code,
    redo_codebook_change,
    rename_code,
    split_code,
    undo_codebook_change,
)
from workbench.services.codebook.ownership import CoderWork, OthersWorkRefused, codings_to_split_off, work_held_by
from workbench.services.coding.memos import memos_about, write_memo
from workbench.services.coding.visibility import visible_codebooks
from workbench.services.projects import Project, StoredCodebook
from workbench.tui.language import Localised, text
from workbench.tui.screens.dialogs import Checklist, Choice, CodeFinder, KeyHelp, MemoEditor, Prompt, key_rows
from workbench.tui.shown import safe_text
from workbench.tui.widgets.code_tree import CodeTree
from workbench.tui.widgets.key_bar import KeyBar

MARK = "■"
TOP_LEVEL = 0
"""In a list of places, the top of the tree (no code has id 0)."""
OPENED_CODES = 500
"""The tree opens as many levels as hold this many codes together (at least the top level): a
codebook of a few hundred codes opens whole; in a larger one the codes of the deepest level shown
are closed, and the sub-codes of a code join the tree when it is first opened."""


class CodebookScreen(Localised, Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
        Binding("a", "add(False)", "Add sub-code", id="add-code"),
        Binding("A", "add(True)", "Add at top", id="add-top-code", show=False),
        Binding("r", "rename", "Rename", id="rename-code"),
        Binding("e", "describe", "Describe", id="describe-code"),
        Binding("k", "shortcut", "Key", id="code-shortcut"),
        Binding("n", "memo", "Memo", id="code-memo"),
        Binding("m", "move", "Move", id="move-code"),
        Binding("M", "merge", "Merge into", id="merge-code"),
        Binding("s", "split", "Split", id="split-code"),
        Binding("D,delete", "delete", "Delete", id="delete-code"),  # D first: the key bar shows the first key, and "del" would be English on a French screen
        Binding("u,ctrl+z", "undo", "Undo", id="undo"),
        Binding("U,ctrl+y", "redo", "Redo", id="redo"),
        Binding("question_mark,f1", "help", "Keys", id="help"),
    ]

    def __init__(self, project: Project, codebook: int, actor: str) -> None:
        super().__init__()
        self.project, self.codebook_id, self.actor = project, codebook, actor
        self.stored: StoredCodebook | None = None
        self.numbers: dict[int, str] = {}
        self.nodes: dict[int | None, TreeNode[int]] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="codebook-area"):
            yield CodeTree("Codebook", id="code-tree")
            yield Static(id="code-definition")
        yield KeyBar()

    def on_mount(self) -> None:
        self.reload()
        self.query_one(Tree).focus()

    def reload(self, keep: int | None = None) -> None:
        """Read the codebook again and redraw the tree, the highlight on ``keep`` (default: the current code)."""
        keep = keep if keep is not None else self.current_code
        (self.stored,) = visible_codebooks(self.project, self.app.coder, self.codebook_id)
        stored, tree = self.stored, self.query_one(Tree)
        self.title = stored.name
        tree.clear()
        codings = counted(sum(stored.codings.values()), "{count} coding", "{count} codings")
        tree.root.set_label(safe_text(f"{stored.name} — {codings}", one_line=True))
        self.numbers, self.nodes = stored.numbers(), {None: tree.root}
        self.add_children(None, opened_levels(stored))
        tree.root.expand()
        if keep in stored.tree.codes:
            for ancestor in stored.tree.ancestors(keep):
                self.add_children(ancestor.id)
                self.nodes[ancestor.id].expand()
            self.call_after_refresh(tree.move_cursor, self.nodes[keep])
        self.call_after_refresh(self.show_definition)

    def add_children(self, parent: int | None, levels: int = 1) -> None:
        """Put the sub-codes of ``parent`` in the tree (once), and theirs down to ``levels`` levels
        below it, opened; the codes of the last level stay closed until opened."""
        node, tree = self.nodes[parent], self.stored.tree
        if not node.children:
            for code in tree.children(parent):
                inside = bool(tree.children(code.id))
                self.nodes[code.id] = node.add(self.label(code), data=code.id, expand=inside and levels > 1, allow_expand=inside)
        if levels > 1:
            for code in tree.children(parent):
                self.add_children(code.id, levels - 1)

    def label(self, code: Code) -> Text:
        label = Text(f"{MARK} ", style=code.colour)
        label.append(f"[{code.shortcut}] " if code.shortcut else "", style="bold")
        label.append(visible(f"{self.numbers[code.id]} {code.name}".strip(), one_line=True))
        label.append(f"  {self.stored.codings.get(code.id, 0)}", style="dim")
        return safe_text(label)

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[int]) -> None:
        """A code opened for the first time: its sub-codes join the tree."""
        if event.node.data is not None and event.node.data in self.stored.tree.codes:
            self.add_children(event.node.data)

    @property
    def current_code(self) -> int | None:
        node = self.query_one(Tree).cursor_node
        return node.data if node is not None else None

    def show_definition(self) -> None:
        stored, code_id = self.stored, self.current_code
        panel = self.query_one("#code-definition", Static)
        if stored is None or code_id is None:
            panel.update(text("A codebook: a sub-code goes under the highlighted code (a), a code at the top with A."))
            return
        code = stored.tree.codes[code_id]
        shown = Text(visible(stored.tree.path_text(code_id)) + "\n", style="bold")
        shown.append(text("{codings} · colour {colour}", codings=counted(stored.codings.get(code_id, 0), "{count} coding", "{count} codings"), colour=code.colour))
        shown.append((text(" · key {key}", key=code.shortcut) if code.shortcut else "") + "\n\n")
        for title, value in ((N_("Description"), code.description), (N_("When to use"), code.when_to_use),
                             (N_("When not to use"), code.when_not_to_use), (N_("Example"), code.example)):  # fmt: skip
            if value:
                shown.append(f"{text(title)}\n", style="bold underline")
                shown.append(f"{visible(value)}\n\n")
        for memo in memos_about(self.project, "code", code_id):
            shown.append(f"{memo.written:%Y-%m-%d} · {memo.coder or '—'}\n", style="dim")
            shown.append(f"{visible(memo.text)}\n\n")
        panel.update(safe_text(shown))

    def on_tree_node_highlighted(self, _: Tree.NodeHighlighted) -> None:
        self.show_definition()

    def attempt(self, change: Callable[[], object], keep: int | None = None, refused: str = "") -> None:
        """Run one codebook change, then redraw and say what it did; a refusal is shown as an error.
        ``refused``: how this screen words a refusal over other coders' work (``{whose}``, ``{owners}``)."""
        try:
            result = change()
        except OthersWorkRefused as error:
            shown = text(refused, whose=whose_work(error.work, self.actor), owners=owners(error.work)) if refused else error.one_line()
            self.notify(shown, severity="error")
            return
        except WorkbenchError as error:
            self.notify(error.one_line(), severity="error")
            return
        self.reload(keep if keep is not None else getattr(result, "code", None))
        action = getattr(result, "action", "")
        self.notify(action_name(action) if action in ACTIONS else text(N_("saved")))

    def code_list(self, leaving_out: int | None = None) -> list[tuple[int, str]]:
        """Every code by its path, but ``leaving_out`` and what is inside it."""
        tree = self.stored.tree
        return [(code.id, tree.path_text(code.id)) for code in tree.walk() if leaving_out is None or not tree.is_within(code.id, leaving_out)]

    def action_add(self, at_top: bool) -> None:
        parent = None if at_top else self.current_code

        def add(name: str | None) -> None:
            if name:
                self.attempt(lambda: add_code(self.project, name, actor=self.actor, codebook=self.codebook_id, parent=parent, seen=self.stored.tree))

        where = text("at the top") if parent is None else text("under {name}", name=repr(self.stored.tree.codes[parent].name))
        self.app.push_screen(Prompt(text("New code {where}: its name", where=where)), add)

    def action_rename(self) -> None:
        code = self.current_code
        if code is None:
            return

        def rename(name: str | None) -> None:
            if name:
                self.attempt(lambda: rename_code(self.project, code, name, actor=self.actor, codebook=self.codebook_id, seen=self.stored.tree), code)

        self.app.push_screen(Prompt(text("New name"), self.stored.tree.codes[code].name), rename)

    def action_describe(self) -> None:
        code = self.current_code
        if code is None:
            return

        def save(description: str | None) -> None:
            if description is not None:
                self.attempt(lambda: edit_code(self.project, code, actor=self.actor, codebook=self.codebook_id, description=description.strip()), code)

        editor = MemoEditor(text("Description of {name}", name=repr(self.stored.tree.codes[code].name)), self.stored.tree.codes[code].description)
        self.app.push_screen(editor, save)

    def action_shortcut(self) -> None:
        code = self.current_code
        if code is None:
            return

        def save(key: str | None) -> None:
            self.attempt(lambda: edit_code(self.project, code, actor=self.actor, codebook=self.codebook_id, shortcut=key or ""), code)

        current = self.stored.tree.codes[code].shortcut or ""
        self.app.push_screen(Prompt(text("Shortcut key (one character; empty removes it)"), current), save)

    def action_memo(self) -> None:
        code = self.current_code
        if code is None:
            return

        def save(memo: str | None) -> None:
            if memo is not None:
                self.attempt(lambda: write_memo(self.project, memo, coder=self.actor, about="code", target=code), code)

        self.app.push_screen(MemoEditor(text("Memo on the code {name}", name=repr(self.stored.tree.codes[code].name))), save)

    def action_move(self) -> None:
        code = self.current_code
        if code is None:
            return
        places = [(TOP_LEVEL, text("(the top of the tree)")), *self.code_list(leaving_out=code)]

        def move(parent: int | None) -> None:
            if parent is not None:
                self.attempt(lambda: move_code(self.project, code, actor=self.actor, codebook=self.codebook_id, parent=parent or None, seen=self.stored.tree), code)

        self.app.push_screen(CodeFinder(places, text("Move {name} under", name=repr(self.stored.tree.codes[code].name))), move)

    def action_merge(self) -> None:
        code = self.current_code
        if code is None:
            return

        def merge(target: int | None) -> None:
            if target is not None:
                refused = N_("Not merged: other coders put both codes on the same spans, and one coding of each pair would be dropped ({whose}). "
                           "{owners}, or someone who codes nothing, may merge them.")  # fmt: skip
                self.attempt(
                    lambda: merge_codes(self.project, code, target, actor=self.actor, codebook=self.codebook_id, seen=self.stored.tree),
                    target, refused,
                )  # fmt: skip

        name = self.stored.tree.codes[code].name
        self.app.push_screen(CodeFinder(self.code_list(leaving_out=code), text("Merge {name} (its codings and sub-codes) into", name=repr(name))), merge)

    def action_split(self) -> None:
        """A new code right after this one takes the codings ticked: a coder's own, or anyone's for
        someone who has coded nothing."""
        code = self.current_code
        if code is None:
            return
        name = repr(self.stored.tree.codes[code].name)
        codings = codings_to_split_off(self.project, code, actor=self.actor, codebook=self.codebook_id)
        if not codings:
            self.notify(text("{name} holds no coding of yours to split off.", name=name), severity="warning")
            return
        lines = [(coding.id, coding_line(coding, self.actor)) for coding in codings]

        def split(new_name: str, chosen: list[int] | None) -> None:
            if chosen:
                refused = N_("Not split: other coders' codings would move ({whose}). {owners}, or someone who codes nothing, may split them off.")
                self.attempt(
                    lambda: split_code(self.project, code, new_name, chosen, actor=self.actor, codebook=self.codebook_id, seen=self.stored.tree),
                    refused=refused,
                )  # fmt: skip

        def pick(new_name: str | None) -> None:
            if new_name:
                heading = text("The codings of {name} that go to {new}", name=name, new=repr(new_name))
                self.app.push_screen(Checklist(heading, lines), lambda chosen: split(new_name, chosen))

        self.app.push_screen(Prompt(text("Split {name}: the new code's name", name=name)), pick)

    def action_delete(self) -> None:
        code = self.current_code
        if code is None:
            return
        name = repr(self.stored.tree.codes[code].name)
        refused = N_("Not deleted: other coders' work would be lost ({whose}). Give it to another code, or ask {owners} or someone who codes nothing.")
        delete = lambda **how: self.attempt(  # noqa: E731 - one call, several ways
            lambda: delete_code(self.project, code, actor=self.actor, codebook=self.codebook_id, recursive=True, seen=self.stored.tree, **how),
            self.stored.tree.codes[code].parent or None, refused,
        )  # fmt: skip
        held = work_held_by(self.project, code, actor=self.actor, codebook=self.codebook_id)
        if not held:
            self.app.push_screen(Choice(text("Delete {name} and its sub-codes?", name=name), [("yes", text("Delete")), ("no", text("Keep it"))]),
                                 lambda answer: delete() if answer == "yes" else None)  # fmt: skip
            return

        def reassign(target: int | None) -> None:
            if target is not None:
                delete(reassign_to=target)

        def decide(answer: str | None) -> None:
            if answer == "reassign":
                self.app.push_screen(CodeFinder(self.code_list(leaving_out=code), text("Give what {name} holds to", name=name)), reassign)
            elif answer == "drop":
                delete(drop_codings=True)

        holders = [entry for entry in [held.own, *held.others] if entry.codings != 0 or entry.memos]
        question = text("{name} and its sub-codes hold: {whose}", name=name, whose=whose_work(holders, self.actor))
        options = [("reassign", text("Give its codings and memos to another code (nothing is lost)"))]
        if held.may_drop:
            whose = text("your codings and memos") if holders == [held.own] else text("the codings and memos of {owners}", owners=owners(holders, self.actor))
            options.append(("drop", text("Delete it and drop {whose}", whose=whose)))
        else:
            question += "\n" + text("The work of {owners} is not yours: you may give it to another code, not drop it.", owners=owners(held.others))
        options.append(("keep", text("Keep it")))
        self.app.push_screen(Choice(question, options), decide)

    def action_undo(self) -> None:
        self.attempt(lambda: undo_codebook_change(self.project, actor=self.actor))

    def action_redo(self) -> None:
        refused = N_("Not redone: it would drop or split off other coders' work ({whose}). {owners}, or someone who codes nothing, may redo it.")
        self.attempt(lambda: redo_codebook_change(self.project, actor=self.actor), refused=refused)

    def action_help(self) -> None:
        self.app.push_screen(KeyHelp(key_rows(self.BINDINGS, ("up / down / left / right / space", N_("Move in the tree, fold, unfold")))))


def coding_line(coding: Coding, viewer: str) -> str:
    """A coding in a checklist: its document and span, the start of its text (and its coder when not ``viewer``)."""
    words = " ".join(coding.text.split())
    quoted = f"« {words[:70]}{'…' if len(words) > 70 else ''} »"
    coder = "" if coding.coder == viewer else f"{coding.coder} · "
    return f"{coder}{coding.document} {coding.start}–{coding.end} {quoted}"


def whose_work(work: list[CoderWork], viewer: str) -> str:
    """Each coder's codings and memos, e.g. ``you (2 codings) · thesis-000 (1 coding, 1 memo)``."""
    described = []
    for entry in work:
        held = [text("codings on documents you code blind")] if entry.codings is None else []
        held += [amount(entry.codings, "coding")] if entry.codings else []
        held += [amount(entry.memos, "memo")] if entry.memos else []
        coder = text("you") if entry.coder == viewer else entry.coder
        described.append(f"{coder} ({', '.join(held)})")
    return " · ".join(described)


def owners(work: list[CoderWork], viewer: str = "") -> str:
    """The coders whose work it is, e.g. ``thesis-000 and alice`` (``you`` for ``viewer``)."""
    names = [text("you") if entry.coder == viewer else entry.coder for entry in work]
    return names[0] if len(names) == 1 else text("{first} and {last}", first=", ".join(names[:-1]), last=names[-1])


def amount(count: int, noun: str) -> str:
    """``1 coding``, ``2 codings``, ``1 memo``… in the interface language."""
    if noun == "memo":
        return counted(count, "{count} memo", "{count} memos")
    return counted(count, "{count} coding", "{count} codings")


def opened_levels(stored: StoredCodebook) -> int:
    """How many levels of the codebook the screen shows when it opens: as many as hold
    :data:`OPENED_CODES` codes together, at least one."""
    tree = stored.tree
    levels, shown, level = 0, 0, tree.children(None)
    while level and shown + len(level) <= OPENED_CODES:
        levels, shown = levels + 1, shown + len(level)
        level = [child for code in level for child in tree.children(code.id)]
    return max(1, levels)
