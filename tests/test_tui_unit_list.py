"""The unit list redraws a replaced unit exactly as a plain OptionList would, whether or not the
new prompt wraps onto another line, after the list is resized or its wrapping style changes; and
only the replaced unit is measured again."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from workbench.tui.widgets.unit_list import UnitList

PROMPTS = [Text(f"MG14 : unité {number} — « c’est long… » " * (1 + number % 3)) for number in range(60)]


class Both(App[None]):
    CSS = "OptionList.clipped { text-wrap: nowrap; text-overflow: ellipsis; }"

    def compose(self) -> ComposeResult:
        yield UnitList(*PROMPTS[:30], id="ours")
        yield OptionList(*PROMPTS[:30], id="plain")

    def on_mount(self) -> None:
        for widget in self.query(OptionList):
            widget.add_options([*PROMPTS[30:40], Option(PROMPTS[40], disabled=True), None, *PROMPTS[41:]])


def shown(widget: OptionList) -> list[str]:
    return ["".join(segment.text for segment in widget.render_line(y)) for y in range(widget.size.height)]


async def replace_in_both(app: Both, pilot, index: int, prompt: Text) -> None:  # noqa: ANN001 - a Pilot
    ours, plain = app.query_one("#ours", UnitList), app.query_one("#plain", OptionList)
    ours.replace_prompt(index, prompt)
    plain.replace_option_prompt_at_index(index, prompt)
    await pilot.pause()
    assert ours._lines == plain._lines
    assert shown(ours) == shown(plain)
    assert ours.virtual_size == plain.virtual_size


async def test_replacing_prompts_matches_a_plain_option_list() -> None:
    app = Both()
    async with app.run_test(size=(70, 40)) as pilot:
        await pilot.pause()
        for index, prompt in [(2, PROMPTS[2] + Text(" ■")), (3, Text("court")), (5, PROMPTS[5] + Text(" ■" * 40))]:
            await replace_in_both(app, pilot, index, prompt)
        ours = app.query_one("#ours", UnitList)
        assert [str(option.prompt) for option in ours.options] == [
            str(prompt) for prompt in [*PROMPTS[:2], PROMPTS[2] + Text(" ■"), Text("court"), PROMPTS[4], PROMPTS[5] + Text(" ■" * 40), *PROMPTS[6:]]
        ]  # fmt: skip
        assert ours.get_option_at_index(40).disabled


@pytest.mark.parametrize("change", ["resize", "wrapping style"])
async def test_heights_follow_the_width_and_the_wrapping_style(change: str) -> None:
    app = Both()
    async with app.run_test(size=(70, 40)) as pilot:
        await pilot.pause()
        await replace_in_both(app, pilot, 1, PROMPTS[1] + Text(" ■"))
        if change == "resize":
            await pilot.resize_terminal(40, 40)
        else:
            app.query(OptionList).add_class("clipped")
        await pilot.pause()
        await replace_in_both(app, pilot, 2, PROMPTS[2] + Text(" ■"))


async def test_a_replaced_prompt_is_the_only_one_measured_again(monkeypatch: pytest.MonkeyPatch) -> None:
    app = Both()
    async with app.run_test(size=(70, 40)) as pilot:
        await pilot.pause()
        measured: list[str] = []
        content_height = Content.get_height

        def counted(content: Content, rules, width: int) -> int:  # noqa: ANN001 - a Textual RulesMap
            measured.append(content.plain)
            return content_height(content, rules, width)

        monkeypatch.setattr(Content, "get_height", counted)
        app.query_one("#ours", UnitList).replace_prompt(4, Text("court"))
        await pilot.pause()
        assert measured and set(measured) == {"court"}
