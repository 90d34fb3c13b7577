"""The list of a document's units: an :class:`~textual.widgets.OptionList` whose prompts remember
their heights and their last drawing, so that redrawing one unit wraps only that unit.

Adding or removing a code mark replaces one unit's prompt through Textual's public
``replace_option_prompt_at_index``, which forgets the list's table of lines and every drawn option:
the next paint asks every option for its height at the list's width and draws the options in view
again. A rich ``Text`` prompt would become a ``Content``, which keeps its last height but reads the
list's ``text-wrap``, ``text-overflow`` and ``line-pad`` at every question (about 4.5 ms for the
2,700 options of a 100,000-word transcript cut into sentences) and wraps its text at every drawing.
Here each ``Text`` prompt becomes a :class:`MeasuredPrompt`, a ``Visual`` around that ``Content``
that keeps its height for each width and its last drawing: the table is rebuilt with a dictionary
look-up per unchanged unit (what remains, about 2 ms there, is OptionList's own loop over its
options), and only the new prompt is wrapped. Both are forgotten when the list's CSS changes
(``notify_style_update``); inline styles do not notify, so the list's wrapping is set in CSS.

Only Textual's public API is used, not OptionList's line cache, which any Textual release may change.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Self

from rich.text import Text
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual, VisualType
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class MeasuredPrompt(Visual):
    """A prompt's ``Content``, drawn as it is, its height kept for each width it was asked at."""

    def __init__(self, text: Text) -> None:
        self.content = Content.from_rich_text(text)
        self.heights: dict[int, int] = {}
        self.drawn: tuple[tuple[int, int | None, Style], list[Strip]] | None = None

    def __str__(self) -> str:
        return str(self.content)

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        if options.selection is not None or options.post_style is not None:
            return self.content.render_strips(width, height, style, options)
        key = (width, height, style)
        if self.drawn is None or self.drawn[0] != key:
            self.drawn = (key, self.content.render_strips(width, height, style, options))
        return self.drawn[1]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.content.get_optimal_width(rules, container_width)

    def get_minimal_width(self, rules: RulesMap) -> int:
        return self.content.get_minimal_width(rules)

    def forget(self) -> None:
        """Drop the heights and the last drawing (the list's styles changed)."""
        self.heights.clear()
        self.drawn = None

    def get_height(self, rules: RulesMap, width: int) -> int:
        height = self.heights.get(width)
        if height is None:
            height = self.heights[width] = self.content.get_height(rules, width)
        return height


def measured(content: Option | VisualType | None) -> Option | VisualType | None:
    """An option (or prompt) with its ``Text`` prompt made a :class:`MeasuredPrompt`."""
    if isinstance(content, Text):
        return MeasuredPrompt(content)
    if isinstance(content, Option) and isinstance(content.prompt, Text):
        return Option(MeasuredPrompt(content.prompt), id=content.id, disabled=content.disabled)
    return content


class UnitList(OptionList):
    """An ``OptionList`` whose ``Text`` prompts become :class:`MeasuredPrompt` objects."""

    def add_options(self, new_options: Iterable[Option | VisualType | None]) -> Self:
        return super().add_options(map(measured, new_options))

    def replace_prompt(self, index: int, prompt: Text) -> None:
        """Give the option at ``index`` a new prompt."""
        self.replace_option_prompt_at_index(index, MeasuredPrompt(prompt))

    def notify_style_update(self) -> None:
        for option in self.options:
            if isinstance(option.prompt, MeasuredPrompt):
                option.prompt.forget()
        super().notify_style_update()
