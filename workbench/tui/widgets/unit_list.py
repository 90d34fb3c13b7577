"""The list of a document's units: an :class:`~textual.widgets.OptionList` whose units are redrawn
one at a time, when a code mark is added to or removed from one of them.

Textual's ``replace_option_prompt_at_index`` forgets the height of every option, so the next paint
measures (wraps) all of them again: about 10 ms for the 6,000 units of a 100,000-word transcript
cut into sentences, a few for an interview.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList


class UnitList(OptionList):
    def replace_prompt(self, index: int, prompt: Text) -> None:
        """Give the option at ``index`` a new prompt."""
        self.replace_option_prompt_at_index(index, prompt)
