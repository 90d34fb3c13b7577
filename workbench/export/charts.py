"""The figures of a results chapter, as PNG: the data sufficiency curve, the code frequencies and a
diagram of the thematic tree (themes → categories), drawn with matplotlib's Agg renderer (no GUI).

The same input gives the same bytes: sizes and resolution are fixed (a figure's height follows its
number of rows), the fonts are matplotlib's own, and the PNG carries no software name or date.
Widths are those of a Word page's text, so that a figure placed at page width keeps its type size.
"""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import FancyBboxPatch
from matplotlib.ticker import MaxNLocator

from workbench.domain.language import _, language_code, use_language
from workbench.domain.saturation import SaturationReport
from workbench.domain.thematic_tree import ThematicTree, TreeNode
from workbench.domain.typography import french_spacing

DPI = 200
PAGE_WIDTH = 6.3
"""Inches: the text width of an A4 or Letter page with the usual margins."""
FONT = "DejaVu Sans"
FONT_SIZE = 8.5
STYLE = {"font.family": FONT, "font.size": FONT_SIZE, "axes.spines.top": False}
PNG_METADATA = {"Software": None}
BAR_COLOUR = "#4E79A7"
LINE_COLOUR = "#E15759"
MARK_COLOUR = "#333333"
INK = "#222222"
COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")

SATURATION_HEIGHT = 3.6
HEADROOM = 1.12
"""Both axes run to this much of their highest value: when the first interview brings every code,
the bar and the curve end level."""
PLOT_WIDTH = 5.0
"""Inches: about the width of the plot between its two axes' labels."""
LABEL_CHARACTER = 0.08
"""Inches a character of an interview's label takes, with its share of the room between labels:
the labels are slanted when they would not fit side by side."""

FREQUENCY_TOP = 15
FREQUENCY_ROW = 0.34
FREQUENCY_MARGINS = 0.9
FREQUENCY_LABEL_CHARACTERS = 48
FREQUENCY_LABEL_LINES = 2

TREE_THEME_X, TREE_THEME_WIDTH = 0.05, 2.15
TREE_CATEGORY_X, TREE_CATEGORY_WIDTH = 2.65, 3.6
TREE_LINE = 0.15
TREE_PADDING = 0.08
TREE_GAP, TREE_THEME_GAP = 0.07, 0.2
TREE_MARGIN = 0.1
TREE_LEGEND = 0.3
TREE_LIGHTEST, TREE_DARKEST = 0.12, 0.75
"""How much of its theme's colour a category box takes, for the fewest and the most participants."""

PARTICIPANTS = "n\u00a0=\u00a0{count}"
"""A category box's count of participants quoted, in every language."""


def short_language(language: str) -> str:
    """``fr`` for ``fr-FR``; a language without a catalogue gets English labels."""
    return language_code(language)


def wording(language: str) -> dict[str, str]:
    """The charts' labels in ``language``, from the catalogue."""
    with use_language(language):
        return {
            "interviews": _("Interviews"),
            "new": _("New codes"),
            "cumulative": _("Cumulative codes"),
            "last_new": _("Last new code: {document}"),
            "quotes": _("Number of quotes"),
            "nothing": _("No quote coded"),
            "participants": PARTICIPANTS,
            "legend": _("Shade of the categories: number of participants (n) quoted"),
        }


def colour_of(node: TreeNode) -> str:
    """The node's colour, or the default one where it has none that is ``#RRGGBB``."""
    return node.colour if COLOUR.fullmatch(node.colour or "") else BAR_COLOUR


def title(node: TreeNode, language: str) -> str:
    """The node's numbered title, with French spaces in French (no line break before a ``?``)."""
    return french_spacing(node.title) if language == "fr" else node.title


def png(figure: Figure) -> bytes:
    output = io.BytesIO()
    FigureCanvasAgg(figure)
    figure.savefig(output, format="png", dpi=DPI, metadata=PNG_METADATA)
    return output.getvalue()


def new_figure(height: float) -> Figure:
    return Figure(figsize=(PAGE_WIDTH, height), dpi=DPI)


# The data sufficiency curve.


def saturation_chart(report: SaturationReport, language: str = "fr") -> bytes:
    """Bars of the new codes each interview brought, the cumulative count as a line (right axis),
    and the last interview that brought a new code marked (a dashed line after it, a ring on its
    point of the curve)."""
    words = wording(language)
    with rc_context(STYLE):
        figure = new_figure(SATURATION_HEIGHT)
        bars = figure.add_subplot()
        line = bars.twinx()
        positions = range(len(report.steps))
        bars.bar(positions, [len(step.new_codes) for step in report.steps], color=BAR_COLOUR, label=words["new"], zorder=2)
        line.plot(positions, [step.cumulative for step in report.steps], color=LINE_COLOUR, marker="o", markersize=3.5, label=words["cumulative"])
        mark_last_new(bars, line, report, words)
        label_saturation_axes(bars, line, report, words)
        figure.legend(loc="upper center", ncols=3, frameon=False, bbox_to_anchor=(0.5, 1.0))
        figure.tight_layout(rect=(0, 0, 1, 0.93))
        return png(figure)


def mark_last_new(bars, line, report: SaturationReport, words: dict[str, str]) -> None:  # noqa: ANN001 - matplotlib Axes
    if report.last_new is None:
        return
    where = [step.document for step in report.steps].index(report.last_new)
    bars.axvline(where + 0.5, color=MARK_COLOUR, linestyle="--", linewidth=1, label=words["last_new"].format(document=report.last_new))
    line.plot([where], [report.steps[where].cumulative], marker="o", markersize=9, fillstyle="none", color=MARK_COLOUR, markeredgewidth=1.2)


def label_saturation_axes(bars, line, report: SaturationReport, words: dict[str, str]) -> None:  # noqa: ANN001
    labels = [step.document for step in report.steps]
    slanted = max(map(len, labels), default=0) * LABEL_CHARACTER * len(labels) > PLOT_WIDTH
    bars.set_xticks(range(len(labels)), labels, rotation=45 if slanted else 0, ha="right" if slanted else "center", rotation_mode="anchor")
    bars.set_xlim(-0.6, len(labels) - 0.4)
    bars.set_xlabel(words["interviews"])
    bars.set_ylabel(words["new"], color=BAR_COLOUR)
    line.set_ylabel(words["cumulative"], color=LINE_COLOUR)
    highest_new = max((len(step.new_codes) for step in report.steps), default=0)
    bars.set_ylim(0, max(highest_new, 1) * HEADROOM)
    line.set_ylim(0, max(report.total_codes, 1) * HEADROOM)
    for axes in (bars, line):
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    bars.grid(axis="y", color="#DDDDDD", linewidth=0.6, zorder=0)


# The code frequencies.


def code_frequency_chart(tree: ThematicTree, *, depth: int = 2, top: int = FREQUENCY_TOP, language: str | None = None) -> bytes:
    """Horizontal bars of the quotes under each node at ``depth`` (its sub-nodes' included), most
    quoted first, at most ``top``; each bar in its theme's colour. A tree without nodes that deep
    shows its themes."""
    language = short_language(language or tree.language)
    words = wording(language)
    rows = [(label, node.quoted, colour) for label, node, colour in labelled_nodes(tree, depth, language) if node.quoted]
    rows = sorted(rows, key=lambda row: -row[1])[:top]
    with rc_context(STYLE):
        figure = new_figure(FREQUENCY_MARGINS + FREQUENCY_ROW * max(len(rows), 2))
        axes = figure.add_subplot()
        if not rows:
            axes.text(0.5, 0.5, words["nothing"], ha="center", va="center", transform=axes.transAxes)
        positions = range(len(rows))
        bars = axes.barh(positions, [count for _, count, _ in rows], color=[colour for *_, colour in rows])
        axes.bar_label(bars, padding=3, fontsize=FONT_SIZE - 1)
        axes.set_yticks(positions, [short_label(label) for label, *_ in rows])
        axes.invert_yaxis()
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_xlim(0, max((count for _, count, _ in rows), default=1) * HEADROOM)
        axes.set_xlabel(words["quotes"])
        axes.spines["right"].set_visible(False)
        figure.tight_layout()
        return png(figure)


def labelled_nodes(tree: ThematicTree, depth: int, language: str) -> Iterator[tuple[str, TreeNode, str]]:
    """The nodes at ``depth`` (the themes if there are none), each with a label that names its
    theme's number too, and its theme's colour."""
    depth = depth if any(node.depth == depth for node in tree.nodes) else 1
    theme: TreeNode | None = None
    for node in tree.nodes:
        theme = node if node.depth == 1 else theme
        if node.depth == depth and theme is not None:
            prefix = "" if node is theme or node.number.startswith(theme.number) else f"{theme.number}\u00a0"
            yield prefix + title(node, language), node, colour_of(theme)


def short_label(label: str) -> str:
    lines = textwrap.wrap(label, FREQUENCY_LABEL_CHARACTERS, max_lines=FREQUENCY_LABEL_LINES, placeholder=" …")
    return "\n".join(lines)


# The diagram of the tree.


@dataclass(frozen=True)
class Box:
    node: TreeNode
    lines: list[str]
    """Its title wrapped to the box's width."""

    @property
    def height(self) -> float:
        return (len(self.lines) + 1) * TREE_LINE + 2 * TREE_PADDING


def tree_diagram(tree: ThematicTree, language: str | None = None) -> bytes:
    """Themes (left) linked to their categories (right) as boxes, as the results schema of a thesis
    draws them; each box says how many participants it quotes, and a category's shade of its
    theme's colour grows with that number."""
    language = short_language(language or tree.language)
    words = wording(language)
    groups = boxed_groups(theme_groups(tree), language)
    most = max((len(box.node.participants) for _, boxes in groups for box in boxes), default=0)
    blocks = [block_height(theme, categories) for theme, categories in groups]
    height = TREE_MARGIN * 2 + TREE_LEGEND + sum(blocks) + TREE_THEME_GAP * max(len(blocks) - 1, 0)
    with rc_context(STYLE):
        figure = new_figure(height)
        axes = figure.add_axes((0, 0, 1, 1))
        axes.set_xlim(0, PAGE_WIDTH)
        axes.set_ylim(height, 0)
        axes.axis("off")
        top = TREE_MARGIN
        for (theme, categories), block in zip(groups, blocks, strict=True):
            draw_group(axes, theme, categories, top, block, most, words)
            top += block + TREE_THEME_GAP
        axes.text(PAGE_WIDTH - TREE_MARGIN, height - TREE_MARGIN, words["legend"], ha="right", va="bottom",
                  fontsize=FONT_SIZE - 1.5, color="#555555", style="italic")  # fmt: skip
        return png(figure)


def theme_groups(tree: ThematicTree) -> list[tuple[TreeNode, list[TreeNode]]]:
    groups: list[tuple[TreeNode, list[TreeNode]]] = []
    for node in tree.nodes:
        if node.depth == 1:
            groups.append((node, []))
        elif node.depth == 2 and groups:
            groups[-1][1].append(node)
    return groups


def boxed_groups(groups: list[tuple[TreeNode, list[TreeNode]]], language: str) -> list[tuple[Box, list[Box]]]:
    """The boxes of the themes and categories, titles wrapped by their measured width."""
    renderer = FigureCanvasAgg(Figure(dpi=DPI)).get_renderer()
    bold, regular = (FontProperties(family=FONT, size=FONT_SIZE, weight=weight) for weight in ("bold", "normal"))

    def fitted(node: TreeNode, width: float, font: FontProperties) -> Box:
        def fits(text: str) -> bool:
            return renderer.get_text_width_height_descent(text, font, ismath=False)[0] / DPI <= width - 2 * TREE_PADDING

        return Box(node, wrapped(title(node, language), fits))

    return [
        (fitted(theme, TREE_THEME_WIDTH, bold), [fitted(category, TREE_CATEGORY_WIDTH, regular) for category in categories])
        for theme, categories in groups
    ]


def wrapped(text: str, fits: Callable[[str], bool]) -> list[str]:
    """``text`` in lines that each ``fits``, broken between words (a word too long for a line
    stands alone on its line)."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and fits(f"{lines[-1]} {word}"):
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def stacked_height(boxes: list[Box]) -> float:
    return sum(box.height for box in boxes) + TREE_GAP * max(len(boxes) - 1, 0)


def block_height(theme: Box, categories: list[Box]) -> float:
    """The taller of the theme's box and its categories' boxes stacked."""
    return max(stacked_height(categories), theme.height)


def draw_group(axes, theme: Box, categories: list[Box], top: float, block: float, most: int, words: dict[str, str]) -> None:  # noqa: ANN001, PLR0913
    theme_top, colour = top + (block - theme.height) / 2, colour_of(theme.node)
    draw_box(axes, TREE_THEME_X, theme_top, TREE_THEME_WIDTH, theme, colour, words, bold=True)
    y = top + (block - stacked_height(categories)) / 2
    for category in categories:
        link(axes, theme_top + theme.height / 2, y + category.height / 2, colour)
        fill = tint(colour, share(len(category.node.participants), most))
        draw_box(axes, TREE_CATEGORY_X, y, TREE_CATEGORY_WIDTH, category, fill, words)
        y += category.height + TREE_GAP


def draw_box(axes, x: float, y: float, width: float, box: Box, fill: str, words: dict[str, str], *, bold: bool = False) -> None:  # noqa: ANN001, PLR0913
    axes.add_patch(FancyBboxPatch((x, y), width, box.height, boxstyle="round,pad=0,rounding_size=0.06",
                                  facecolor=fill, edgecolor=INK, linewidth=0.6))  # fmt: skip
    colour = "white" if is_dark(fill) else INK
    weight = "bold" if bold else "normal"
    axes.text(x + TREE_PADDING, y + TREE_PADDING, "\n".join(box.lines), va="top", ha="left", color=colour, weight=weight, linespacing=1.25)
    count = words["participants"].format(count=len(box.node.participants))
    axes.text(x + width - TREE_PADDING, y + box.height - TREE_PADDING, count, va="bottom", ha="right", color=colour,
              fontsize=FONT_SIZE - 1, style="italic")  # fmt: skip


def link(axes, start: float, end: float, colour: str) -> None:  # noqa: ANN001
    """An elbow from the theme's box to a category's."""
    left, right = TREE_THEME_X + TREE_THEME_WIDTH, TREE_CATEGORY_X
    middle = (left + right) / 2
    axes.plot([left, middle, middle, right], [start, start, end, end], color=colour, linewidth=1, solid_capstyle="butt")


def share(participants: int, most: int) -> float:
    """How much of its theme's colour a category with ``participants`` takes."""
    return TREE_LIGHTEST + (TREE_DARKEST - TREE_LIGHTEST) * (participants / most if most else 0)


def tint(colour: str, amount: float) -> str:
    """``colour`` mixed with white, ``amount`` of it (0: white, 1: the colour)."""
    red, green, blue = (int(colour[index : index + 2], 16) for index in (1, 3, 5))
    mixed = (round(255 - (255 - value) * amount) for value in (red, green, blue))
    return "#" + "".join(f"{value:02X}" for value in mixed)


def is_dark(colour: str) -> bool:
    red, green, blue = (int(colour[index : index + 2], 16) for index in (1, 3, 5))
    return 0.299 * red + 0.587 * green + 0.114 * blue < 150
