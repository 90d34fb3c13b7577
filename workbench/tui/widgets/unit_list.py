"""The list of a document's units: an :class:`~textual.widgets.OptionList` that redraws one unit
without measuring every other one again.

Textual's ``replace_option_prompt_at_index`` forgets the height of every option, so the next paint
measures (wraps) all of them: tens of milliseconds on a 100,000-word transcript, for one code mark
added to one unit. Here the replaced option is measured alone; only when its height changed (its
marks now wrap onto another line) is the whole table of line heights rebuilt.

This reaches into ``OptionList``'s line cache (``_line_cache``, ``_option_render_cache``), which
Textual does not document: ``tests/test_tui_unit_list.py`` checks the result against a plain
``OptionList`` so that a Textual upgrade that changes them is caught.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList


class UnitList(OptionList):
    def replace_prompt(self, index: int, prompt: Text) -> None:
        """Give the option at ``index`` a new prompt, measuring only that option again."""
        option = self.get_option_at_index(index)
        heights = self._line_cache.heights
        before = heights.get(index)
        option._set_prompt(prompt)
        self._option_render_cache.clear()
        if before is None or self.height_of(index) != before:
            self._clear_caches()
            return
        self.refresh()

    def height_of(self, index: int) -> int:
        """How many lines the option at ``index`` takes at the list's current width."""
        option = self.get_option_at_index(index)
        padding = self.get_component_styles("option-list--option").padding
        width = self.scrollable_content_region.width - self._get_left_gutter_width() - padding.width
        return self._get_visual(option).get_height(self.styles, width) + option._divider
