"""Small modal dialogs: a one-line prompt, a choice, a confirmation, a checklist, a memo editor, the
code finder and the key help."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, SelectionList, TextArea
from textual.widgets.option_list import Option

from workbench.domain.codings import CODER_NAME_PATTERN
from workbench.domain.language import N_
from workbench.domain.quote_location import fold
from workbench.domain.terminal_text import visible
from workbench.tui.language import Localised, text
from workbench.tui.shown import safe_text


class Prompt(Localised, ModalScreen[str | None]):
    """Ask for one line of text; Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, value: str = "") -> None:
        super().__init__()
        self.question, self.value = question, value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(safe_text(self.question))
            yield Input(value=visible(self.value, one_line=True), id="answer")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class CoderPrompt(Prompt):
    """Ask who is coding; a name that cannot be one is explained under the field, in the interface
    language, and the prompt stays. Escape cancels."""

    leaving = N_("Escape cancels")
    """What the refusal says about leaving the prompt."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(safe_text(self.question))
            yield Input(value=visible(self.value, one_line=True), id="answer")
            yield Label(id="answer-refused", classes="refusal")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.prevent_default()  # the prompt's own handler would take any line
        name = event.value.strip()
        refusal = self.query_one("#answer-refused", Label)
        if not name:
            refusal.update(text("Type your name first ({leave}).", leave=text(self.leaving)))
        elif not CODER_NAME_PATTERN.fullmatch(name):
            refusal.update(safe_text(text("{name} cannot be a coder's name: use letters, digits, . _ - or @ (64 at most), e.g. alice", name=repr(name))))
        else:
            self.dismiss(name)


class FirstCoderPrompt(CoderPrompt):
    """The prompt at first start: without a name there is nothing to do, so Escape and Ctrl+C quit
    (Ctrl+Q quits everywhere)."""

    BINDINGS = [Binding("escape", "app.quit", "Quit"), Binding("ctrl+c", "app.quit", "Quit", priority=True, show=False)]
    leaving = N_("Escape quits")


class Choice(Localised, ModalScreen[str | None]):
    """Pick one of a few options with the arrows and Enter; Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, options: list[tuple[str, str]]) -> None:
        """``options``: each option's key (returned) and its label."""
        super().__init__()
        self.question, self.options = question, options

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(safe_text(self.question))
            yield OptionList(*(Option(safe_text(label), id=key) for key, label in self.options), id="choices")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class Confirm(Localised, ModalScreen[bool]):
    """Ask before something that cannot be taken back: ``yes`` or ``no`` with the arrows and Enter,
    ``no`` highlighted first; Escape answers ``no``."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, yes: str, no: str) -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(safe_text(self.question))
            yield OptionList(Option(safe_text(self.yes), id="yes"), Option(safe_text(self.no), id="no"), id="choices")

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 1

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id == "yes")

    def action_cancel(self) -> None:
        self.dismiss(False)


class Checklist(Localised, ModalScreen[list[int] | None]):
    """Tick some of a list (Space or Enter ticks the highlighted line); Ctrl+S takes the ticked
    ones, Escape cancels."""

    BINDINGS = [Binding("ctrl+s", "save", "Save", priority=True), Binding("escape", "cancel", "Cancel")]

    def __init__(self, heading: str, items: list[tuple[int, str]]) -> None:
        """``items``: each line's value (returned when ticked) and its label."""
        super().__init__()
        self.heading, self.items = heading, items

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(safe_text(f"{self.heading} " + text("— Space ticks, Ctrl+S to save, Escape to cancel")))
            yield SelectionList[int](*((safe_text(label), value) for value, label in self.items), id="checklist")

    def action_save(self) -> None:
        self.dismiss(list(self.query_one(SelectionList).selected))

    def action_cancel(self) -> None:
        self.dismiss(None)


class MemoEditor(Localised, ModalScreen[str | None]):
    """Write a memo; Ctrl+S saves, Escape cancels."""

    BINDINGS = [Binding("ctrl+s", "save", "Save", priority=True), Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, text: str = "") -> None:
        super().__init__()
        self.heading, self.text = title, text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(safe_text(f"{self.heading} " + text("— Ctrl+S to save, Escape to cancel")))
            yield TextArea(visible(self.text), id="memo-text")

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)


class CodeFinder(Localised, ModalScreen[int | None]):
    """Type part of a code's path (accents and case aside); Enter picks the highlighted code, or
    says that none matches. Each code is one line: a path too long for it loses its middle, never
    the end of the code's name."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("down", "move(1)", show=False), Binding("up", "move(-1)", show=False)]

    def __init__(self, codes: list[tuple[int, str]], heading: str = "") -> None:
        super().__init__()
        self.codes, self.heading = codes, heading or text("Find a code")
        self.folded = [fold(path) for _, path in codes]
        """Each code's path folded once, as the finder opens: a key typed only looks words up."""
        self.matches: list[tuple[int, str]] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog finder"):
            yield Label(safe_text(f"{self.heading} " + text("(type part of its name or path)")))
            yield Input(id="finder-query")
            yield Label(id="finder-none")
            yield OptionList(id="finder-results")

    def on_mount(self) -> None:
        self.show("")

    def show(self, query: str) -> None:
        words = fold(query).split()
        self.matches = [entry for entry, folded in zip(self.codes, self.folded, strict=True) if all(word in folded for word in words)]
        self.query_one("#finder-none", Label).display = False
        self.list_matches(keep=False)

    def list_matches(self, keep: bool = True) -> None:
        """The matching codes, each on one line of the list's width; the highlight on the first
        (or, with ``keep``, where it was)."""
        results = self.query_one(OptionList)
        width = results.scrollable_content_region.width - 1
        highlighted = results.highlighted if keep else 0
        results.clear_options()
        results.add_options(Option(safe_text(fitted(path, width)), id=str(code)) for code, path in self.matches[:200])
        if self.matches:
            results.highlighted = min(highlighted or 0, len(self.matches[:200]) - 1)

    def on_resize(self) -> None:
        self.call_after_refresh(self.list_matches)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.show(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        results = self.query_one(OptionList)
        if results.highlighted is None:
            none = self.query_one("#finder-none", Label)
            none.update(safe_text(text("No code matches {query}: remove some letters, or Escape to go back", query=f"« {event.value.strip()} »")))
            none.display = True
            return
        self.dismiss(int(results.get_option_at_index(results.highlighted).id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id))

    def action_move(self, step: int) -> None:
        results = self.query_one(OptionList)
        if results.option_count:
            results.highlighted = ((results.highlighted or 0) + step) % results.option_count

    def action_cancel(self) -> None:
        self.dismiss(None)


def fitted(path: str, width: int) -> str:
    """``path`` (names joined by ``/``) in ``width`` characters: whole if it fits, else its start
    and its last name with ``…`` between them; a last name too long itself keeps its start and end."""
    if width <= 0 or len(path) <= width:
        return path
    start, _, name = path.rpartition("/")
    if start and len(name) + 2 < width:
        return f"{start[: width - len(name) - 2]}…/{name}"
    half = (width - 1) // 2
    return f"{path[:half]}…{path[len(path) - (width - 1 - half) :]}"


def key_rows(bindings: list[Binding], *more: tuple[str, str]) -> list[tuple[str, str]]:
    """Each binding's keys as the help shows them, with what they do, then ``more`` keys the
    screen's widgets handle, all in the interface language. ``more`` gives each row's keys as the
    bindings name them (several joined by `` / ``: ``up / down``) or as a phrase (``Enter on a
    code``), and its description, in English. Bindings without a description are covered by
    another's, such as the number keys."""
    rows = [(keys_shown(binding.key.split(",")), binding.description) for binding in bindings if binding.description]
    rows += [(text(keys) if " " in keys.replace(" / ", "") else keys_shown(keys.split(" / "), " / "), description) for keys, description in more]
    return [(keys, text(description)) for keys, description in rows]


def keys_shown(keys: list[str], separator: str = ", ") -> str:
    """Keys as the help shows them, each named in the interface language (``Entrée``, ``Espace``)."""
    return separator.join(text(key_text(key)) for key in keys)


KEY_TEXTS = {
    "escape": "Esc", "enter": N_("Enter"), "tab": "Tab", "space": N_("Space"), "delete": N_("Del"), "slash": "/", "question_mark": "?",
    "plus": "+", "equals_sign": "=", "minus": "−", "up": "↑", "down": "↓", "left": "←", "right": "→",
    "left_square_bracket": "[", "right_square_bracket": "]",
}  # fmt: skip
"""Keys as people write them; those that are words are named in the interface language where shown
(``Del`` as keyboards and the footer write it: ``Delete`` is the action's name)."""


def key_text(key: str) -> str:
    """A key as people write it (the guide's tables too): ``Esc``, ``/``, ``]``, ``Ctrl+Z``, ``F1``."""
    key = key.strip()
    if key.startswith("ctrl+"):
        return "Ctrl+" + key_text(key.removeprefix("ctrl+")).upper()
    return KEY_TEXTS.get(key, key.upper() if len(key) > 1 and key[0] == "f" and key[1:].isdigit() else key)


class KeyHelp(Localised, ModalScreen[None]):
    """Every key of the screen it was opened from."""

    BINDINGS = [Binding("escape,q,f1,question_mark", "dismiss", "Close")]

    def __init__(self, rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        width = max(len(key) for key, _ in self.rows) + 2
        with VerticalScroll(classes="dialog"):
            yield Label(text("Keys — Escape to close"))
            yield Label("\n".join(f"{key.ljust(width)}{description}" for key, description in self.rows))
