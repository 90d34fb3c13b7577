"""A code tree that opens and closes with the arrows, as a file tree does.

Textual's tree scrolls sideways on → and ←; here → opens a closed code (or, open, goes to its first
sub-code) and ← closes an open one (or, closed, goes to its parent). Space opens or closes too,
Enter picks the code. A code's sub-codes may join the tree only when it is first opened (the
codebook screen fills a large codebook so): a code that may open is one that allows it.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Tree


class CodeTree(Tree[int]):
    BINDINGS = [
        Binding("right", "open_node", "Open a code", show=False),
        Binding("left", "close_node", "Close a code", show=False),
    ]

    def action_open_node(self) -> None:
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        if not node.is_expanded:
            node.expand()
        elif node.children:
            self.move_cursor(node.children[0])

    def action_close_node(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded and node.children:
            node.collapse()
        elif node.parent is not None:
            self.move_cursor(node.parent)
