"""Writing a thematic tree as the results chapter of a thesis, in Word.

The title block (title, who coded, how much) is followed by a table of contents (a Word field that
Word fills on opening), the table of the participants quoted with their attributes, and, when a
second coder is named, the two coders' agreement by theme; on request, the figures follow: the
diagram of the tree, the quotes per category and the data sufficiency curve (see
:mod:`workbench.export.charts`), each at page width with its caption under it. Then each node is a
heading at its depth in the codebook (Heading 1 for a theme, 2 for a category…), numbered as the
codebook is (I., A., 1. by default) with a bullet for unnumbered nodes; under it a line counting
the participants and quotes (its sub-nodes' included), the node's description as prose, then the
passages coded to it as ``MG2 : « … »``, in the order and number asked for. A passage that spans
several speaker turns shows its pieces joined by ``[…]``. French documents get French typography
(non-breaking spaces before the colon and inside the guillemets of the quotes; see
:mod:`workbench.domain.typography` for the prose).
"""

from __future__ import annotations

import io
import struct
from collections.abc import Mapping
from itertools import count

from docx import Document
from docx.document import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Pt
from docx.text.paragraph import Paragraph

from workbench.domain.language import _, counted, use_language
from workbench.domain.participants import AttributeType, AttributeValue, attribute_label
from workbench.domain.saturation import SaturationReport
from workbench.domain.thematic_tree import QuoteChoice, ThematicTree, ThemeAgreement, TreeAgreement, TreeNode, TreeQuote
from workbench.domain.typography import decimal_comma, french_spacing, percent_text
from workbench.export.word import HEADING_LEVELS, WORD_LANGUAGES, add_node_title, set_language, source_label
from workbench.export.word_tables import add_table

BULLET = "•"
MISSING = "—"
CAPTION_ROOM = Pt(60)
"""The height a figure leaves on its page for its caption (and the spacing around)."""
TABLE_OF_CONTENTS = f'TOC \\o "1-{HEADING_LEVELS}" \\h \\z \\u'
"""The levels the tree writes as headings, as links, without page numbers on the web layout,
keeping the outline levels."""
SETTINGS_AFTER_UPDATE_FIELDS = (
    "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr",
    "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown", "w:smartTagType",
    "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
)  # fmt: skip
"""The settings that follow ``w:updateFields`` in the schema's order, which Word enforces."""


def quote_text(quote: TreeQuote) -> tuple[str, str]:
    """The participant's label and the quoted words, as the thesis prints them in the current language."""
    words = _(" […] ").join(quote.parts)
    return _("{participant}: ").format(participant=quote.participant), _("“{words}”").format(words=words)


def thematic_tree_docx(
    tree: ThematicTree,
    source: str = "",
    *,
    quotes: QuoteChoice | None = None,
    participants_table: bool = True,
    charts: bool = False,
    saturation: SaturationReport | None = None,
    attribute_labels: Mapping[str, str] | None = None,
) -> bytes:
    """The results chapter in the codebook's language; ``quotes`` chooses each node's quotes
    (default: all, in interview order). With ``charts``, a section of figures: the tree's diagram,
    its quotes per category, and the data sufficiency curve of ``saturation`` when given. The
    participants table heads each attribute with its label in ``attribute_labels`` (by name), else
    as :func:`workbench.domain.participants.attribute_label` names it."""
    document = Document()
    with use_language(tree.language) as language:
        set_language(document, WORD_LANGUAGES.get(language, tree.language))
        document.core_properties.title = tree.codebook
        document.add_heading(tree.codebook, level=0)
        quoted = counted(tree.quotes, "{count} quote", "{count} quotes")
        summary = _("Coding by {coder} — {quotes}, {participants}").format(
            coder=tree.coder, quotes=quoted, participants=counted(len(tree.participants), "{count} participant", "{count} participants")
        )
        document.add_paragraph().add_run(summary).italic = True
        if source:
            document.add_paragraph().add_run(source_label() + source).italic = True
        add_table_of_contents(document, _("Right-click › Update field to show the table of contents."))
        table_numbers = count(1)
        if participants_table and tree.participant_rows:
            add_participants_table(document, tree, language, attribute_labels or {}, next(table_numbers))
        if tree.agreement:
            add_agreement_table(document, tree.agreement, language, next(table_numbers))
        if charts:
            add_figures(document, tree, saturation, language)
        for node in tree.nodes:
            add_node(document, node, language, quotes or QuoteChoice())
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def add_node(document: WordDocument, node: TreeNode, language: str, quotes: QuoteChoice) -> None:
    add_node_title(document, node.depth, node.number or BULLET, node.name, None)
    if node.participants:
        people = counted(len(node.participants), "{count} participant", "{count} participants")
        counts = f"{people}, {counted(node.quoted, '{count} quote', '{count} quotes')}"
        run = document.add_paragraph().add_run(counts)
        run.italic, run.font.size = True, Pt(9)
    for paragraph in filter(None, prose(node.description, language).split("\n\n")):
        document.add_paragraph(paragraph)
    shown = quotes.shown(node.quotes)
    quote_style = document.styles["Quote"].style_id
    for quote in shown:
        label, words = quote_text(quote)
        paragraph = last_paragraph(document, quote_style)
        paragraph.add_run(label).bold = True
        paragraph.add_run(words).italic = True
    if left_out := len(node.quotes) - len(shown):
        more = counted(left_out, "… and {count} more quote", "… and {count} more quotes")
        document.add_paragraph().add_run(more).italic = True


def last_paragraph(document: WordDocument, style_id: str) -> Paragraph:
    """A new paragraph of the style ``style_id`` at the end of the body, as ``add_paragraph`` writes it.

    ``add_paragraph(style=name)`` looks the style up by name among all the styles, and the body's
    end from its first paragraph, for each paragraph: thousands of quotes took minutes.
    """
    body = document.element.body
    paragraph = OxmlElement("w:p")
    if len(body) and body[-1].tag == qn("w:sectPr"):
        body[-1].addprevious(paragraph)
    else:
        body.append(paragraph)
    paragraph.style = style_id
    return Paragraph(paragraph, document._body)


def prose(text: str, language: str) -> str:
    return french_spacing(text) if language == "fr" else text


# The table of contents.


def add_table_of_contents(document: WordDocument, placeholder: str) -> None:
    """A TOC field showing ``placeholder`` until updated, and the setting that has Word update it
    when the document opens (python-docx cannot lay out pages to fill it)."""
    paragraph = document.add_paragraph()
    paragraph.add_run().element.append(field_character("begin"))
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" {TABLE_OF_CONTENTS} "
    paragraph.add_run().element.append(instruction)
    paragraph.add_run().element.append(field_character("separate"))
    paragraph.add_run(placeholder).italic = True
    paragraph.add_run().element.append(field_character("end"))
    update_fields = OxmlElement("w:updateFields")
    update_fields.set(qn("w:val"), "true")
    document.settings.element.insert_element_before(update_fields, *SETTINGS_AFTER_UPDATE_FIELDS)


def field_character(kind: str) -> OxmlElement:
    character = OxmlElement("w:fldChar")
    character.set(qn("w:fldCharType"), kind)
    return character


# The figures.


def add_figures(document: WordDocument, tree: ThematicTree, saturation: SaturationReport | None, language: str) -> None:
    from workbench.export.charts import code_frequency_chart, saturation_chart, tree_diagram

    document.add_heading(_("Figures"), level=1)
    figures = [
        (tree_diagram(tree, language), _("The thematic tree (themes and categories, n: participants quoted)")),
        (code_frequency_chart(tree, language=language), _("Quotes per category")),
    ]
    if saturation is not None:
        figures.append((saturation_chart(saturation, language), _("Data sufficiency: new codes brought by each interview, and the cumulative count")))
    for number, (picture, title) in enumerate(figures, start=1):
        add_figure(document, picture, _("Figure {number} – {title}").format(number=number, title=title))


def add_figure(document: WordDocument, picture: bytes, caption: str) -> None:
    """A picture at the width of the page's text (narrower if it would run taller than the page,
    its caption included), the caption under it on the same page."""
    section = document.sections[-1]
    width = section.page_width - section.left_margin - section.right_margin
    height = section.page_height - section.top_margin - section.bottom_margin - CAPTION_ROOM
    pixels_wide, pixels_high = struct.unpack(">II", picture[16:24])
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.keep_with_next = True
    paragraph.add_run().add_picture(io.BytesIO(picture), width=Emu(min(width, height * pixels_wide // pixels_high)))
    document.add_paragraph(caption, style="Caption").paragraph_format.space_after = Pt(12)


# The tables.


def add_participants_table(document: WordDocument, tree: ThematicTree, language: str, labels: Mapping[str, str], number: int) -> None:
    add_caption(document, number, _("Participants"))
    kinds = tree.attribute_types
    header = [_("Participant"), *(labels.get(name) or attribute_label(name) for name in kinds)]
    rows = [
        [participant.identifier, *(attribute_text(participant.attributes.get(name), kind, language) for name, kind in kinds.items())]
        for participant in tree.participant_rows
    ]
    add_table(document, header, rows)


def attribute_text(value: AttributeValue, kind: AttributeType, language: str) -> str:
    """A participant's attribute as a reader expects it: oui/non, "45 min", a decimal comma in French."""
    if value is None:
        return MISSING
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if kind is AttributeType.DURATION:
        return f"{round(value)}\u00a0min"
    if isinstance(value, float):
        return decimal_comma(f"{value:g}", language)
    return str(value)


def add_agreement_table(document: WordDocument, agreement: TreeAgreement, language: str, number: int) -> None:
    first, second = agreement.coders
    add_caption(document, number, _("Agreement between coders by theme"))
    sentence = _(
        "Agreement between {first} and {second} at the level of units of meaning ({units} in {documents}): "
        "each code counts as its theme (level 1), applied to a unit when its codings cover at least {cover} of it "
        "(a coding shorter than that on every unit it touches counts on the one it covers most)."
    ).format(
        first=first, second=second, units=counted(agreement.units, "{count} unit", "{count} units"),
        documents=counted(agreement.documents, "{count} document", "{count} documents"),
        cover=percent_text(agreement.min_cover, language, digits=0),
    )  # fmt: skip
    document.add_paragraph(sentence).paragraph_format.keep_with_next = True
    header = [_("Theme"), _("Units coded ({first} / {second})").format(first=first, second=second), _("Agreement"), _("Cohen’s κ")]
    rows = [agreement_row(theme.theme, theme, language) for theme in agreement.themes]
    add_table(document, header, [*rows, agreement_row(_("All themes"), agreement.pooled, language)])
    for paragraph in agreement_notes(agreement, language):
        document.add_paragraph(paragraph)


def agreement_notes(agreement: TreeAgreement, language: str) -> list[str]:
    """What the pooled figures count, whether joint absences dominate them, and the codings the
    unit rule leaves out or moves."""
    pooled = agreement.pooled
    share = MISSING if not pooled.decisions else percent_text(pooled.joint_absences / pooled.decisions, language)
    without = MISSING if pooled.agreement_without_joint_absences is None else percent_text(pooled.agreement_without_joint_absences, language)
    bp = MISSING if agreement.brennan_prediger_themes is None else decimal_comma(f"{agreement.brennan_prediger_themes:.2f}", language)
    notes = [
        _(
            "All themes: {decisions} (unit × theme pairs), {absences} ({share}). "
            "Agreement without joint absences (MAXQDA): {without}; Brennan–Prediger with chance 1/{count} ({themes}): {bp}."
        ).format(
            decisions=counted(pooled.decisions, "{count} decision", "{count} decisions"),
            absences=counted(pooled.joint_absences, "{count} of them a joint absence", "{count} of them joint absences"),
            share=share, without=without, count=len(agreement.themes),
            themes=counted(len(agreement.themes), "{count} theme", "{count} themes"), bp=bp,
        )
    ]  # fmt: skip
    if agreement.dominated:
        dominated = _(
            "As joint absences make up {share} of the decisions, the agreement and κ over all themes mostly count "
            "units no coder applied a theme to: the agreement without joint absences completes them."
        )
        notes.append(dominated.format(share=share))
    if any(agreement.reaching_no_unit) or any(agreement.below_share):
        first, second = agreement.coders
        notes.append(
            _(
                "Codings reaching no unit: {outside_first} ({first}), {outside_second} ({second}); codings covering less than {cover} "
                "of every unit, counted on the one they cover most: {below_first} ({first}), {below_second} ({second})."
            ).format(
                first=first, second=second, outside_first=agreement.reaching_no_unit[0], outside_second=agreement.reaching_no_unit[1],
                below_first=agreement.below_share[0], below_second=agreement.below_share[1],
                cover=percent_text(agreement.min_cover, language, digits=0),
            )
        )  # fmt: skip
    return notes


def agreement_row(name: str, theme: ThemeAgreement, language: str) -> list[str]:
    kappa = MISSING if theme.cohen_kappa is None else decimal_comma(f"{theme.cohen_kappa:.2f}", language)
    agreement = MISSING if theme.percent_agreement is None else percent_text(theme.percent_agreement, language)
    return [name, f"{theme.coded[0]} / {theme.coded[1]}", agreement, kappa]


def add_caption(document: WordDocument, number: int, title: str) -> None:
    """A table's caption, above it and on the same page."""
    caption = document.add_paragraph(_("Table {number} – {title}").format(number=number, title=title), style="Caption")
    caption.paragraph_format.space_before = Pt(12)
    caption.paragraph_format.keep_with_next = True
