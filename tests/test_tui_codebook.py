"""The codebook screen driven by keys: add, rename, describe, merge, delete with reassignment and
undo, each checked in the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select
from textual.widgets import Input, Tree
from textual.widgets.tree import TreeNode

from workbench.services.coding.visibility import visible_codebooks
from workbench.storage.project import Project
from workbench.storage.records import CodeRecord, CodingRecord
from workbench.tui.app import create_app
from workbench.tui.screens import codebook
from workbench.tui.screens.codebook import CodebookScreen
from workbench.tui.screens.dialogs import Choice, CodeFinder, MemoEditor, Prompt

SIZE = (120, 40)


@pytest.fixture
def project(bundled_copy: Path):
    opened = Project.open(bundled_copy)
    yield opened
    opened.close()


def code_named(project: Project, name: str) -> CodeRecord | None:
    with project.session() as session:
        return session.exec(select(CodeRecord).where(CodeRecord.name == name)).first()


def codings_of(project: Project, code: int) -> int:
    with project.session() as session:
        return len(session.exec(select(CodingRecord.id).where(CodingRecord.code_id == code)).all())


def highlight(screen: CodebookScreen, code: int) -> None:
    tree = screen.query_one(Tree)
    (node,) = [node for node in tree._tree_nodes.values() if node.data == code]
    tree.move_cursor(node)


@pytest.mark.slow
async def test_edit_the_codebook_from_its_screen(project: Project) -> None:
    shortage = code_named(project, "Manque de médecins")
    held = codings_of(project, shortage.id)
    assert held > 0
    app = create_app(project, coder="alice")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CodebookScreen) and screen.stored.name.startswith("Thèse 000")
        highlight(screen, shortage.id)
        await pilot.pause()

        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, Prompt)
        await pilot.press(*"Pénurie ressentie", "enter")
        await pilot.pause()
        added = code_named(project, "Pénurie ressentie")
        assert added.parent_id == shortage.id and screen.current_code == added.id

        await pilot.press("r")
        await pilot.pause()
        app.screen.query_one(Input).value = "Pénurie « ressentie »"  # Pilot types ASCII keys only
        await pilot.press("enter")
        await pilot.pause()
        assert code_named(project, "Pénurie « ressentie »").id == added.id

        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, MemoEditor)
        app.screen.query_one("#memo-text").insert("Le médecin dit qu’il manque de confrères…")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert code_named(project, "Pénurie « ressentie »").description == "Le médecin dit qu’il manque de confrères…"

        await pilot.press("M")
        await pilot.pause()
        assert isinstance(app.screen, CodeFinder)
        await pilot.press(*"manque de medecins", "enter")
        await pilot.pause()
        assert code_named(project, "Pénurie « ressentie »") is None

        highlight(screen, shortage.id)
        await pilot.pause()
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CodeFinder)
        await pilot.press(*"population vieillissante", "enter")
        await pilot.pause()
        heir = code_named(project, "Une population vieillissante et demandeuse")
        assert code_named(project, "Manque de médecins") is None
        assert codings_of(project, heir.id) >= held

        await pilot.press("u")
        await pilot.pause()
        restored = code_named(project, "Manque de médecins")
        assert restored is not None and codings_of(project, restored.id) == held


async def test_a_large_codebook_opens_on_its_first_levels_and_fills_a_code_as_it_opens(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(codebook, "OPENED_CODES", 20)  # the bundled codebook: 4 themes, 12 categories, 54 codes below
    (stored,) = visible_codebooks(project, "alice", "Thèse 000")
    codes = stored.tree
    themes = codes.children(None)
    deepest = next(code for code in codes.walk() if codes.depth(code.id) == 4)
    app = create_app(project, coder="alice")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(CodebookScreen(project, stored.id, "alice"))
        await pilot.pause()
        screen = app.screen
        tree = screen.query_one(Tree)
        assert [node.data for node in tree.root.children] == [theme.id for theme in themes]
        assert all(node.is_expanded for node in tree.root.children)
        category = tree.root.children[0].children[0]
        inside = codes.children(category.data)
        assert len(tree_nodes(tree.root)) == 1 + 4 + 12 and inside
        assert category.allow_expand and not category.is_expanded and not category.children

        tree.move_cursor(category)
        await pilot.press("right")
        await pilot.pause()
        assert category.is_expanded and [node.data for node in category.children] == [code.id for code in inside]
        assert [str(node.label).rsplit(maxsplit=1)[-1] for node in category.children] == [str(stored.codings[code.id]) for code in inside]
        await pilot.press("right")
        await pilot.pause()
        assert screen.current_code == inside[0].id

        screen.reload(keep=deepest.id)
        await pilot.pause()
        assert screen.current_code == deepest.id
        assert all(screen.nodes[ancestor.id].is_expanded for ancestor in codes.ancestors(deepest.id))


def tree_nodes(node: TreeNode[int]) -> list[TreeNode[int]]:
    return [node, *(inner for child in node.children for inner in tree_nodes(child))]
