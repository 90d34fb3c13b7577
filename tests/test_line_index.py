"""Offsets ↔ (line, column), checked against a plain scan of French text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.domain.line_index import LineIndex

TEXT = "M : Vous déléguez ?\n\nMG1 : Oui… l’AM « fait » l’accueil.\nFin"


def scanned_location(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n"), offset - (before.rfind("\n") + 1)


def test_every_offset_goes_to_its_location_and_back() -> None:
    index = LineIndex(TEXT)
    for offset in range(len(TEXT) + 1):
        location = index.location(offset)
        assert location == scanned_location(TEXT, offset)
        assert index.offset(*location) == offset


def test_columns_past_a_line_end_stop_at_it_and_offsets_outside_are_refused() -> None:
    index = LineIndex(TEXT)
    assert index.offset(0, 999) == TEXT.index("\n")
    assert index.offset(99, 0) == TEXT.rindex("\n") + 1
    with pytest.raises(ValueError, match="outside the text"):
        index.location(len(TEXT) + 1)


@given(st.text(alphabet="ab\né«… ", max_size=60), st.data())
def test_random_texts(text: str, data: st.DataObject) -> None:
    offset = data.draw(st.integers(0, len(text)))
    index = LineIndex(text)
    assert index.location(offset) == scanned_location(text, offset)
    assert index.offset(*index.location(offset)) == offset
