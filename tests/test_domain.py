"""The pure domain core: text rules, attribute types, turn layout, error messages."""

from __future__ import annotations

import pytest

from workbench.domain.documents import SpeakerRole, layout_turns
from workbench.domain.errors import InputError
from workbench.domain.language import use_language
from workbench.domain.participants import AttributeType, format_value, infer_type, parse_duration, parse_value
from workbench.domain.text import checksum, count_words, natural_key, normalise_text


def test_normalise_text_gives_lf_and_nfc() -> None:
    decomposed = "me\u0301decin\r\nde\u0301le\u0301gation\rfin"
    assert normalise_text(decomposed) == "médecin\ndélégation\nfin"
    assert checksum(normalise_text(decomposed)) == checksum("médecin\ndélégation\nfin")


def test_words_keep_elisions_whole() -> None:
    assert count_words("L’assistante m'aide, peut-être… « aujourd’hui »\u00a0!") == 5


@pytest.mark.parametrize(
    ("written", "minutes"),
    [("24min27", 24 + 27 / 60), ("36 min", 36), ("35min 40", 35 + 40 / 60), ("8:30", 8.5), ("0:24:27", 24 + 27 / 60), ("1h05min", 65)],
)
def test_durations(written: str, minutes: float) -> None:
    assert parse_duration(written) == pytest.approx(minutes, abs=1e-3)


def test_attribute_types_are_inferred() -> None:
    assert infer_type(["62", "", "29"]) is AttributeType.INTEGER
    assert infer_type(["1,5", "2"]) is AttributeType.NUMBER
    assert infer_type(["oui", "Non"]) is AttributeType.BOOLEAN
    assert infer_type(["5:00", "24min27"]) is AttributeType.DURATION
    assert infer_type(["Cabinet de groupe", "MSP"]) is AttributeType.TEXT
    assert infer_type(["000", "002"]) is AttributeType.TEXT  # study codes keep their zeros
    assert parse_value("oui", AttributeType.BOOLEAN) is True


def test_values_read_as_people_write_them() -> None:
    assert format_value(8.5, AttributeType.DURATION) == "8:30"
    assert format_value(True) == "yes" and format_value(62.0) == "62"
    with use_language("fr"):
        assert format_value(True) == "oui" and format_value(False) == "non"
    assert format_value(None) == ""


def test_layout_turns_puts_one_turn_per_line_and_offsets_on_the_speech() -> None:
    text, turns = layout_turns(
        [
            (SpeakerRole.INTERVIEWER, "M :", "M", "Ça va ?", False),
            (SpeakerRole.PARTICIPANT, "MG1.", "MG1", "Très bien… « oui »", False),
        ]
    )
    assert text == "M : Ça va ?\n\nMG1. Très bien… « oui »"
    assert [turn.speech(text) for turn in turns] == ["Ça va ?", "Très bien… « oui »"]


def test_identifiers_sort_naturally() -> None:
    assert sorted(["MG10", "M2", "MG2", "MG1"], key=natural_key) == ["M2", "MG1", "MG2", "MG10"]


def test_errors_are_one_line() -> None:
    error = InputError("not UTF-8\nat byte 3", "MG1.txt", "save it as UTF-8")
    assert error.one_line() == "MG1.txt: not UTF-8 at byte 3 — save it as UTF-8"
