"""Writing rows through RowChanges: the values before and after each row, and no stale ORM copy."""

from __future__ import annotations

from sqlmodel import select

from workbench.storage.project import Project
from workbench.storage.records import DocumentRecord, TurnRecord
from workbench.storage.row_changes import RowChanges


def add_document(recorder: RowChanges, identifier: str = "MG1") -> int:
    values = {"identifier": identifier, "kind": "transcript", "text": "M : Bonjour.", "checksum": "c1"}
    return recorder.insert("document", values)


def test_inserts_give_their_keys_and_record_the_rows_as_written(project: Project) -> None:
    with project.transaction() as session:
        recorder = RowChanges(session)
        document = add_document(recorder)
        turns = recorder.insert_many(
            "turn",
            [{"document_id": document, "position": position, "role": "interviewer", "start": 0, "end": 4} for position in range(3)],
        )
        assert turns == sorted(turns) and len(set(turns)) == 3
        inserted = recorder.changes[0]
        assert inserted["table"] == "document" and inserted["key"] == document and inserted["before"] is None
        assert inserted["after"] == recorder.row("document", document)
        assert isinstance(inserted["after"]["imported_at"], str)  # the column default, as JSON
        assert [change["key"] for change in recorder.changes[1:]] == turns


def test_an_update_or_delete_is_seen_by_the_session_objects_read_before_it(project: Project) -> None:
    with project.transaction() as session:
        recorder = RowChanges(session)
        document = add_document(recorder)
        turn = recorder.insert("turn", {"document_id": document, "position": 0, "role": "interviewer", "start": 0, "end": 4})
        record = session.exec(select(DocumentRecord).where(DocumentRecord.id == document)).one()
        assert record.title == ""
        recorder.update("document", document, {"title": "Entretien 1", "checksum": "c1"})
        assert record.title == "Entretien 1"
        assert recorder.changes[-1] == {"table": "document", "key": document, "before": {"title": ""}, "after": {"title": "Entretien 1"}}
        session.get(TurnRecord, turn)
        recorder.delete_many("turn", [turn, turn + 1000])
        assert session.get(TurnRecord, turn) is None
        assert recorder.changes[-1]["before"]["id"] == turn and recorder.changes[-1]["after"] is None


def test_writing_nothing_changes_nothing(project: Project) -> None:
    with project.transaction() as session:
        recorder = RowChanges(session)
        assert recorder.insert_many("turn", []) == []
        recorder.delete_many("turn", [])
        document = add_document(recorder)
        recorder.changes.clear()
        recorder.update("document", document, {"checksum": "c1"})
        assert recorder.changes == []
