"""The figures as PNG (the data sufficiency curve, the code frequencies, the tree's diagram) and the
Word tree's section of figures."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import pytest
from docx import Document as WordDocument
from docx.oxml.ns import qn

from tests.helpers import run_json
from workbench.domain.saturation import SaturationReport, saturation_steps
from workbench.domain.thematic_tree import ThematicTree, TreeNode, TreeQuote
from workbench.export import charts
from workbench.export.charts import code_frequency_chart, saturation_chart, tree_diagram, wrapped
from workbench.export.tree_docx import thematic_tree_docx
from workbench.services.analysis.saturation import saturation
from workbench.services.reports.thematic_tree import build_thematic_tree
from workbench.storage.project import Project

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
REFERENCE = "thesis-000"
CAPTIONS_FR = ("Figure 1 – Schéma de l’arbre thématique", "Figure 2 – Nombre d’extraits", "Figure 3 – Suffisance des données")


def size(picture: bytes) -> tuple[int, int]:
    """The width and height in pixels, from the PNG's header."""
    assert picture.startswith(PNG_SIGNATURE)
    return struct.unpack(">II", picture[16:24])


def chunks(picture: bytes) -> list[bytes]:
    """The PNG's chunk types, in order."""
    types, offset = [], len(PNG_SIGNATURE)
    while offset < len(picture):
        (length,) = struct.unpack(">I", picture[offset : offset + 4])
        types.append(picture[offset + 4 : offset + 8])
        offset += length + 12
    return types


def quote(participant: str) -> TreeQuote:
    return TreeQuote(participant, participant, 0, 0, 5, ["words"])


def node(code: int, depth: int, number: str, name: str, participants: list[str], colour: str = "#E15759") -> TreeNode:
    return TreeNode(code, depth, number, name, colour, "", [quote(p) for p in participants], set(participants), len(participants))


def small_tree(language: str = "en-GB", categories: int = 2) -> ThematicTree:
    nodes = [node(1, 1, "I.", "A theme whose title runs long enough to be wrapped on several lines", ["P1", "P2", "P3"])]
    nodes += [node(2 + index, 2, f"{chr(65 + index)}.", f"Category {index} and what it holds", [f"P{index + 1}"]) for index in range(categories)]
    nodes += [node(20, 1, "II.", "A theme without categories", [], colour="")]
    return ThematicTree("Codebook", "alice", language, nodes)


def small_report() -> SaturationReport:
    return saturation_steps([("MG1", "MG1"), ("MG2", "MG2"), ("MG3", None)], {"MG1": ["a", "b"], "MG2": ["b", "c"]}, "alice")


@pytest.fixture(scope="module")
def reference(bundled_template: Path) -> tuple[ThematicTree, SaturationReport]:
    project = Project.open(bundled_template)
    try:
        return build_thematic_tree(project, coder=REFERENCE), saturation(project, coder=REFERENCE)
    finally:
        project.close()


# The PNG files.


def test_the_charts_are_png_of_page_width_without_dates(reference: tuple[ThematicTree, SaturationReport]) -> None:
    tree, report = reference
    pictures = [saturation_chart(report), code_frequency_chart(tree), tree_diagram(tree)]
    width = round(charts.PAGE_WIDTH * charts.DPI)
    assert [size(picture)[0] for picture in pictures] == [width] * 3
    assert size(pictures[0])[1] == round(charts.SATURATION_HEIGHT * charts.DPI)
    for picture in pictures:
        assert b"tIME" not in chunks(picture) and b"Software" not in picture and b"Matplotlib" not in picture


@pytest.mark.slow
def test_the_same_input_gives_the_same_bytes(reference: tuple[ThematicTree, SaturationReport]) -> None:
    tree, report = reference
    assert saturation_chart(report) == saturation_chart(report)
    assert code_frequency_chart(tree) == code_frequency_chart(tree)
    assert tree_diagram(tree) == tree_diagram(tree)
    assert saturation_chart(report, "en") != saturation_chart(report, "fr")


def test_the_diagram_grows_with_the_categories() -> None:
    shorter, taller = tree_diagram(small_tree(categories=2)), tree_diagram(small_tree(categories=6))
    assert size(shorter)[0] == size(taller)[0] and size(shorter)[1] < size(taller)[1]
    assert size(code_frequency_chart(small_tree(categories=2)))[1] < size(code_frequency_chart(small_tree(categories=6)))[1]


def test_charts_of_empty_inputs_are_still_drawn() -> None:
    empty = ThematicTree("Codebook", "alice", "fr", [node(1, 1, "I.", "Theme", [])])
    nobody = saturation_steps([("MG1", None)], {}, "alice")
    for picture in (code_frequency_chart(empty), tree_diagram(empty), saturation_chart(nobody), saturation_chart(saturation_steps([], {}, "alice"))):
        assert picture.startswith(PNG_SIGNATURE)


def test_titles_are_wrapped_between_words_to_fit() -> None:
    fits = lambda text: len(text) <= 12  # noqa: E731
    assert wrapped("a theme whose title runs long", fits) == ["a theme", "whose title", "runs long"]
    assert wrapped("unbreakablewordhere ok", fits) == ["unbreakablewordhere", "ok"]
    assert wrapped("I.\u00a0Why\u202f?", lambda text: len(text) <= 3) == ["I.\u00a0Why\u202f?"]
    assert wrapped("", fits) == [""]


# The Word tree's figures.


def figure_captions(word) -> list[str]:  # noqa: ANN001
    return [paragraph.text for paragraph in word.paragraphs if paragraph.text.startswith("Figure ")]


@pytest.mark.slow
def test_the_tree_with_charts_holds_three_pictures_and_their_captions(bundled_copy: Path, tmp_path: Path) -> None:
    output = tmp_path / "arbre.docx"
    summary = run_json(bundled_copy, "export", "tree", "--coder", REFERENCE, "--charts", "-o", str(output))
    word = WordDocument(str(output))
    drawings = word.element.body.findall(f".//{qn('w:drawing')}")
    assert summary["figures"] == 3 and len(word.inline_shapes) == 3 and len(drawings) == 3
    captions = figure_captions(word)
    assert len(captions) == 3 and all(caption.startswith(start) for caption, start in zip(captions, CAPTIONS_FR, strict=True))
    assert all(paragraph.style.name == "Caption" for paragraph in word.paragraphs if paragraph.text in captions)
    section = word.sections[-1]
    text_width = section.page_width - section.left_margin - section.right_margin
    assert [shape.width for shape in word.inline_shapes] == [text_width] * 3
    texts = [paragraph.text for paragraph in word.paragraphs]
    assert texts.index("Figures") < texts.index(captions[0])
    assert texts.index(captions[-1]) < next(index for index, text in enumerate(texts) if text.startswith("I.\u00a0"))


def test_the_tree_without_charts_has_no_picture(bundled_copy: Path, tmp_path: Path) -> None:
    output = tmp_path / "arbre.docx"
    summary = run_json(bundled_copy, "export", "tree", "--coder", REFERENCE, "-o", str(output))
    word = WordDocument(str(output))
    assert summary["figures"] == 0 and len(word.inline_shapes) == 0 and figure_captions(word) == []


def test_a_coder_without_transcripts_gets_no_sufficiency_figure(bundled_copy: Path, tmp_path: Path) -> None:
    output = tmp_path / "arbre.docx"
    summary = run_json(bundled_copy, "export", "tree", "--coder", "thesis-002", "--charts", "-o", str(output))
    word = WordDocument(str(output))
    assert summary["figures"] == 2 and len(word.inline_shapes) == 2 and len(figure_captions(word)) == 2


def test_captions_follow_the_document_language() -> None:
    word = WordDocument(io.BytesIO(thematic_tree_docx(small_tree("en-GB"), charts=True, saturation=small_report())))
    assert [caption.split(" – ")[0] for caption in figure_captions(word)] == ["Figure 1", "Figure 2", "Figure 3"]
    assert figure_captions(word)[0].startswith("Figure 1 – The thematic tree")
    assert figure_captions(word)[2].startswith("Figure 3 – Data sufficiency")
    assert len(word.inline_shapes) == 3


def test_a_tall_diagram_is_narrowed_to_fit_the_page() -> None:
    tall = small_tree("fr", categories=40)
    word = WordDocument(io.BytesIO(thematic_tree_docx(tall, charts=True)))
    section = word.sections[-1]
    diagram = word.inline_shapes[0]
    assert diagram.height < section.page_height - section.top_margin - section.bottom_margin
    assert diagram.width < section.page_width - section.left_margin - section.right_margin
    assert len(word.inline_shapes) == 2
