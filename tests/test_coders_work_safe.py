"""Each coder's work stays theirs: as bob, a second coder of the bundled study, deleting, merging,
splitting a code or redoing a change never removes or picks apart one of thesis-000's codings or
memos, below every interface (the services), on the command line and in the terminal UI, on
SQLite and PostgreSQL. A refusal is one line naming whose work is in the way and leaves the
database exactly as it was; restructuring that keeps every coding stays open to everyone; someone
who has coded nothing (a supervisor) may do everything.

On the bundled study thesis-000 holds one coding of « Manque de médecins », on MG1.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import replace

import pytest
from sqlmodel import select
from textual.widgets import Tree

from tests.helpers import assert_rejected, database_snapshot, run_cli
from workbench.services.codebook.merge import delete_code, merge_codes
from workbench.services.codebook.operations import redo_codebook_change, split_code, undo_codebook_change
from workbench.services.codebook.ownership import OthersWorkRefused, work_held_by
from workbench.services.coding.codings import add_coding, list_codings, reveal
from workbench.services.coding.memos import write_memo
from workbench.storage.codebooks import load_codebooks
from workbench.storage.project import Project
from workbench.storage.records import CoderRecord, MemoRecord
from workbench.tui.app import create_app
from workbench.tui.screens.codebook import CodebookScreen
from workbench.tui.screens.dialogs import Checklist, Choice, CodeFinder

SHORTAGE = "Manque de médecins"
AGEING = "Une population vieillissante et demandeuse"
NO_TIME = "Manque de temps des médecins"
LONG_TERM = "Avoir plus de médecins, une solution à long terme"
"""A code nobody has coded on the bundled study."""
SIZE = (120, 40)


@pytest.fixture
def project(bundled_location: str) -> Iterator[Project]:
    """The bundled study, on each backend, where bob has coded a sentence of MG14 with « Manque de
    temps des médecins » (so he codes: he is no supervisor)."""
    opened = Project.open(bundled_location)
    add_coding(opened, "MG14", NO_TIME, 0, 40, coder="bob")
    yield opened
    opened.close()


def theirs(project: Project, code: str = SHORTAGE):  # noqa: ANN201 - a Coding
    (coding,) = [coding for coding in list_codings(project, coders=["thesis-000"]) if coding.code == code_id(project, code)]
    return coding


def code_id(project: Project, name: str) -> int:
    (stored,) = [stored for stored in load_codebooks(project, every=True) if stored.name.startswith("Thèse 000")]
    return stored.tree.find(name).id


def work(project: Project) -> tuple[Counter, Counter]:
    """Every coding (coder, document, span, text) and every memo (writer, target kind, text), counted."""
    codings = Counter((coding.coder, coding.document, coding.start, coding.end, coding.text) for coding in list_codings(project))
    with project.session() as session:
        query = select(CoderRecord.name, MemoRecord.target_kind, MemoRecord.text).join(CoderRecord, CoderRecord.id == MemoRecord.coder_id)
        memos = Counter(session.exec(query).all())
    return codings, memos


def duplicate_on_ageing(project: Project) -> None:
    """thesis-000 also codes the span of their « Manque de médecins » coding with « Une population
    vieillissante… »: merging the two codes would drop one of the pair."""
    coding = theirs(project)
    add_coding(project, coding.document, AGEING, coding.start, coding.end, coder="thesis-000")


def refused(project: Project, change, *mentions: str) -> str:  # noqa: ANN001 - a call
    """``change`` is refused with one line naming ``mentions``, and no row changes."""
    before = database_snapshot(project)
    with pytest.raises(OthersWorkRefused) as raised:
        change()
    line = raised.value.one_line()
    assert "\n" not in line and all(mention in line for mention in mentions), line
    assert database_snapshot(project) == before
    return line


# Below every interface.


def test_deleting_a_code_with_another_coder_s_codings_is_refused(project: Project) -> None:
    line = refused(project, lambda: delete_code(project, SHORTAGE, actor="bob", drop_codings=True), "thesis-000", "--reassign-to CODE")
    assert line == (
        f"bob may not drop other coders' work held by {SHORTAGE!r}: thesis-000 (codings on documents not revealed to bob)"
        " — reassign them with --reassign-to CODE, or let someone who codes nothing, or thesis-000 themselves, do it"
    )
    reveal(project, "MG1", coder="bob")
    assert "thesis-000 (1 coding)" in refused(project, lambda: delete_code(project, SHORTAGE, actor="bob", drop_codings=True))


def test_deleting_a_code_with_its_codings_reassigned_keeps_every_coding(project: Project) -> None:
    before, other = work(project), theirs(project)
    delete_code(project, SHORTAGE, actor="bob", reassign_to=AGEING)
    assert work(project) == before
    assert replace(other, code=code_id(project, AGEING)) in list_codings(project, coders=["thesis-000"])


def test_merging_keeps_every_coding_but_never_drops_another_coder_s_duplicate(project: Project) -> None:
    before = work(project)
    merge_codes(project, SHORTAGE, AGEING, actor="bob")
    assert work(project) == before
    undo_codebook_change(project, actor="bob")
    duplicate_on_ageing(project)
    refused(project, lambda: merge_codes(project, SHORTAGE, AGEING, actor="bob"), "thesis-000", "on both")
    refused(project, lambda: delete_code(project, SHORTAGE, actor="bob", reassign_to=AGEING), "thesis-000", "another code")
    merge_codes(project, SHORTAGE, AGEING, actor="thesis-000")  # their own duplicate: dropped as before
    assert sum(work(project)[0].values()) == sum(before[0].values())


def test_bob_is_told_only_how_many_of_the_codings_moved_he_may_read(project: Project) -> None:
    assert merge_codes(project, SHORTAGE, AGEING, actor="bob").summary["codings_moved"] == 0  # thesis-000's, on MG1
    undo_codebook_change(project, actor="bob")
    assert delete_code(project, SHORTAGE, actor="bob", reassign_to=AGEING).summary["codings_reassigned"] == 0
    undo_codebook_change(project, actor="bob")
    reveal(project, "MG1", coder="bob")
    assert merge_codes(project, SHORTAGE, AGEING, actor="bob").summary["codings_moved"] == 1


def test_a_supervisor_may_drop_anyone_s_duplicates_and_codings(project: Project) -> None:
    duplicate_on_ageing(project)
    before = sum(work(project)[0].values())
    change = merge_codes(project, SHORTAGE, AGEING, actor="supervisor")
    assert change.summary["duplicates_dropped"] == 1 and sum(work(project)[0].values()) == before - 1
    ageing = code_id(project, AGEING)
    delete_code(project, AGEING, actor="supervisor", drop_codings=True)
    assert not [coding for coding in list_codings(project) if coding.code == ageing]


def test_splitting_off_another_coder_s_codings_is_refused(project: Project) -> None:
    other = theirs(project)
    refused(project, lambda: split_code(project, SHORTAGE, "Pénurie", [other.id], actor="bob"), "thesis-000", "leave them out")
    (own,) = list_codings(project, coders=["bob"])
    before = work(project)
    split_code(project, NO_TIME, "Pas le temps", [own.id], actor="bob")
    assert work(project) == before
    split_code(project, SHORTAGE, "Pénurie", [other.id], actor="supervisor")
    assert theirs(project, "Pénurie").id == other.id


def test_another_coder_s_memo_is_never_dropped(project: Project) -> None:
    add_coding(project, "MG14", LONG_TERM, 50, 90, coder="bob")
    write_memo(project, "Pourquoi ce code ?", coder="thesis-000", about="code", target=code_id(project, LONG_TERM))
    held = work_held_by(project, LONG_TERM, actor="bob")
    assert (held.own.codings, held.may_drop, [(entry.coder, entry.codings, entry.memos) for entry in held.others]) == (1, False, [("thesis-000", 0, 1)])
    line = refused(project, lambda: delete_code(project, LONG_TERM, actor="bob", drop_codings=True), "thesis-000 (1 memo)")
    assert "codings on documents" not in line
    delete_code(project, LONG_TERM, actor="thesis-000", reassign_to=AGEING)
    assert ("thesis-000", "code", "Pourquoi ce code ?") in work(project)[1]


def test_a_coder_drops_their_own_codings_and_memos(project: Project) -> None:
    add_coding(project, "MG14", LONG_TERM, 50, 90, coder="bob")
    write_memo(project, "Mon code", coder="bob", about="code", target=code_id(project, LONG_TERM))
    assert work_held_by(project, LONG_TERM, actor="bob").may_drop
    delete_code(project, LONG_TERM, actor="bob", drop_codings=True)
    codings, memos = work(project)
    assert ("bob", "MG14", 50, 90) not in {key[:4] for key in codings} and not [memo for memo in memos if memo[0] == "bob"]


def test_redoing_a_change_that_drops_another_coder_s_work_is_refused(project: Project) -> None:
    other = theirs(project)
    delete_code(project, SHORTAGE, actor="supervisor", drop_codings=True)
    undo_codebook_change(project, actor="supervisor")
    refused(project, lambda: redo_codebook_change(project, actor="bob"), "redo code.deleted", "thesis-000")
    redo_codebook_change(project, actor="supervisor")
    assert other.id not in {coding.id for coding in list_codings(project)}


# On the command line.


def test_the_command_line_refuses_in_one_line_and_keeps_the_database(project: Project, bundled_location: str) -> None:
    bob = ("--coder", "bob")
    assert_rejected(bundled_location, *bob, "code", "delete", SHORTAGE, "--drop-codings", mentions="thesis-000")
    other = theirs(project)
    assert_rejected(bundled_location, *bob, "code", "split", SHORTAGE, "Pénurie", "--coding", str(other.id), mentions="thesis-000")
    duplicate_on_ageing(project)
    assert_rejected(bundled_location, *bob, "code", "merge", SHORTAGE, "--into", AGEING, mentions="thesis-000")
    assert_rejected(bundled_location, *bob, "code", "delete", SHORTAGE, "--reassign-to", AGEING, mentions="thesis-000")


def test_the_command_line_restructures_keeping_every_coding(project: Project, bundled_location: str) -> None:
    before = work(project)
    for arguments in (("code", "merge", SHORTAGE, "--into", AGEING), ("code", "undo"),
                      ("code", "delete", SHORTAGE, "--reassign-to", NO_TIME), ("code", "undo")):  # fmt: skip
        result = run_cli(bundled_location, "--coder", "bob", *arguments)
        assert result.exit_code == 0, result.output
        assert work(project) == before
    result = run_cli(bundled_location, "--coder", "supervisor", "code", "delete", SHORTAGE, "--drop-codings")
    assert result.exit_code == 0, result.output
    result = run_cli(bundled_location, "--coder", "supervisor", "code", "undo")
    assert result.exit_code == 0 and work(project) == before


# In the terminal UI.


async def open_codebook(pilot, app, code: int) -> CodebookScreen:  # noqa: ANN001 - Pilot, app
    """From the home screen, open thesis 000's codebook with ``code`` highlighted."""
    await pilot.pause()
    await pilot.press("b")
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, CodebookScreen) and screen.stored.name.startswith("Thèse 000")
    tree = screen.query_one(Tree)
    (node,) = [node for node in tree._tree_nodes.values() if node.data == code]
    tree.move_cursor(node)
    await pilot.pause()
    return screen


def last_error(app) -> str:  # noqa: ANN001 - the app
    (shown,) = [notification.message for notification in app._notifications if notification.severity == "error"][-1:]
    return shown


@pytest.mark.slow
async def test_the_codebook_screen_offers_bob_only_to_give_thesis_000_s_codings_away(project: Project) -> None:
    before, snapshot = work(project), database_snapshot(project)
    app = create_app(project, coder="bob")
    async with app.run_test(size=SIZE) as pilot:
        await open_codebook(pilot, app, code_id(project, SHORTAGE))
        await pilot.press("D")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, Choice) and [key for key, _ in dialog.options] == ["reassign", "keep"]
        assert dialog.question == (
            f"{SHORTAGE!r} et ses sous-codes portent : thesis-000 (des codages sur des documents que vous codez en aveugle)\n"
            "Le travail de thesis-000 n’est pas le vôtre : vous pouvez le donner à un autre code, pas le supprimer."
        )
        await pilot.press("escape")
        await pilot.pause()
        assert database_snapshot(project) == snapshot
        await pilot.press("D")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CodeFinder)
        await pilot.press(*"population vieillissante", "enter")
        await pilot.pause()
        assert list(app._notifications)[-1].message == "code supprimé"
    assert work(project) == before
    assert SHORTAGE not in {code.name for code in load_codebooks(project, every=True)[0].tree.codes.values()}


@pytest.mark.slow
async def test_the_codebook_screen_shows_a_refused_merge_as_an_error(project: Project) -> None:
    duplicate_on_ageing(project)
    snapshot = database_snapshot(project)
    app = create_app(project, coder="bob")
    async with app.run_test(size=SIZE) as pilot:
        await open_codebook(pilot, app, code_id(project, SHORTAGE))
        await pilot.press("M")
        await pilot.pause()
        await pilot.press(*"population vieillissante", "enter")
        await pilot.pause()
        assert last_error(app).startswith("Fusion refusée : d’autres codeurs ont mis les deux codes sur les mêmes passages")
        assert "(thesis-000 (des codages sur des documents que vous codez en aveugle))" in last_error(app)
        assert database_snapshot(project) == snapshot
        await pilot.press("D")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"population vieillissante", "enter")
        await pilot.pause()
        assert last_error(app).startswith("Suppression refusée : le travail d’autres codeurs serait perdu")
    assert database_snapshot(project) == snapshot


@pytest.mark.slow
async def test_the_codebook_screen_merges_keeping_every_coding_and_refuses_a_redo_for_bob(project: Project) -> None:
    before = work(project)
    app = create_app(project, coder="bob")
    async with app.run_test(size=SIZE) as pilot:
        await open_codebook(pilot, app, code_id(project, SHORTAGE))
        await pilot.press("M")
        await pilot.pause()
        await pilot.press(*"population vieillissante", "enter")
        await pilot.pause()
        assert list(app._notifications)[-1].message == "codes fusionnés"
        assert work(project) == before
        await pilot.press("u")
        await pilot.pause()
        delete_code(project, SHORTAGE, actor="supervisor", drop_codings=True)
        undo_codebook_change(project, actor="supervisor")
        snapshot = database_snapshot(project)
        await pilot.press("U")
        await pilot.pause()
        assert last_error(app).startswith("Non rétabli : cela supprimerait ou déplacerait le travail d’autres codeurs")
        assert database_snapshot(project) == snapshot
    assert work(project) == before


@pytest.mark.slow
async def test_a_supervisor_is_told_whose_codings_a_deletion_drops(project: Project) -> None:
    other = theirs(project)
    app = create_app(project, coder="claire")
    async with app.run_test(size=SIZE) as pilot:
        await open_codebook(pilot, app, code_id(project, SHORTAGE))
        await pilot.press("D")
        await pilot.pause()
        dialog = app.screen
        assert dialog.question == f"{SHORTAGE!r} et ses sous-codes portent : thesis-000 (1 codage)"
        assert dialog.options[1] == ("drop", "Le supprimer avec les codages et mémos de thesis-000")
        await pilot.press("down", "enter")
        await pilot.pause()
    assert other.id not in {coding.id for coding in list_codings(project)}
    assert SHORTAGE not in {code.name for code in load_codebooks(project, every=True)[0].tree.codes.values()}


@pytest.mark.slow
async def test_the_codebook_screen_splits_off_only_bob_s_own_codings(project: Project) -> None:
    before, snapshot = work(project), database_snapshot(project)
    (own,) = list_codings(project, coders=["bob"])
    app = create_app(project, coder="bob")
    async with app.run_test(size=SIZE) as pilot:
        await open_codebook(pilot, app, code_id(project, SHORTAGE))
        await pilot.press("s")
        await pilot.pause()
        assert list(app._notifications)[-1].message == f"{SHORTAGE!r} ne porte aucun de vos codages à scinder."
        assert database_snapshot(project) == snapshot
        screen = app.screen
        tree = screen.query_one(Tree)
        (node,) = [node for node in tree._tree_nodes.values() if node.data == code_id(project, NO_TIME)]
        tree.move_cursor(node)
        await pilot.press("s")
        await pilot.pause()
        await pilot.press(*"Pas le temps", "enter")
        await pilot.pause()
        checklist = app.screen
        assert isinstance(checklist, Checklist) and [value for value, _ in checklist.items] == [own.id]
        await pilot.press("space", "ctrl+s")
        await pilot.pause()
        assert list(app._notifications)[-1].message == "code scindé"
    assert work(project) == before
    assert [coding.id for coding in list_codings(project) if coding.code == code_id(project, "Pas le temps")] == [own.id]
    assert {coding.coder for coding in list_codings(project) if coding.code == code_id(project, NO_TIME)} == {"thesis-000"}


@pytest.mark.slow
async def test_a_supervisor_may_split_off_anyone_s_codings(project: Project) -> None:
    other = theirs(project)
    app = create_app(project, coder="claire")
    async with app.run_test(size=SIZE) as pilot:
        await open_codebook(pilot, app, code_id(project, SHORTAGE))
        await pilot.press("s")
        await pilot.pause()
        await pilot.press(*"Penurie", "enter")
        await pilot.pause()
        ((value, label),) = app.screen.items
        assert value == other.id and label.startswith(f"thesis-000 · MG1 {other.start}–{other.end} « ")
        await pilot.press("enter", "ctrl+s")
        await pilot.pause()
    assert theirs(project, "Penurie").id == other.id
