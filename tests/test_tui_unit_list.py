"""The unit list redraws a replaced unit exactly as a plain OptionList would, whether or not the
new prompt wraps onto another line."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import OptionList

from workbench.tui.widgets.unit_list import UnitList

PROMPTS = [Text(f"MG14 : unité {number} — « c’est long… » " * (1 + number % 3)) for number in range(60)]


class Both(App[None]):
    def compose(self) -> ComposeResult:
        yield UnitList(*PROMPTS, id="ours")
        yield OptionList(*PROMPTS, id="plain")


def shown(widget: OptionList) -> list[str]:
    return ["".join(segment.text for segment in widget.render_line(y)) for y in range(widget.size.height)]


async def test_replacing_prompts_matches_a_plain_option_list() -> None:
    app = Both()
    async with app.run_test(size=(70, 40)) as pilot:
        ours, plain = app.query_one("#ours", UnitList), app.query_one("#plain", OptionList)
        await pilot.pause()
        for index, prompt in [(2, PROMPTS[2] + Text(" ■")), (3, Text("court")), (5, PROMPTS[5] + Text(" ■" * 40))]:
            ours.replace_prompt(index, prompt)
            plain.replace_option_prompt_at_index(index, prompt)
            await pilot.pause()
            assert ours._lines == plain._lines
            assert shown(ours) == shown(plain)
            assert ours.virtual_size == plain.virtual_size
