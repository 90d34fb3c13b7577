"""Codes × a participant attribute: participants having each code per value, and their share,
checked against an independent pandas computation on the raw codings."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.helpers import assert_rejected, run_json
from workbench.services.reports.frames import code_attribute_matrix, codings_table
from workbench.storage.project import Project


def independent(database: Path, coder: str, attribute: str) -> dict[tuple[str, str], tuple[int, float]]:
    """(code path, value) → (participants with the code, their share), by explicit sets."""
    project = Project.open(database)
    table = codings_table(project, coders=[coder])
    project.close()
    people: dict[str, set[str]] = {}
    having: dict[tuple[str, str], set[str]] = {}
    for row in table.to_dict("records"):
        if row["participant"] is None:
            continue
        value = "—" if pd.isna(row[attribute]) else str(row[attribute])
        people.setdefault(value, set()).add(row["participant"])
        having.setdefault((str(row["code_path"]), value), set()).add(row["participant"])
    return {key: (len(members), round(len(members) / len(people[key[1]]), 3)) for key, members in having.items()}


@pytest.mark.parametrize("attribute", ["sex", "practice_type"])
def test_counts_and_shares_equal_an_independent_computation(bundled_copy: Path, attribute: str) -> None:
    project = Project.open(bundled_copy)
    table = codings_table(project, coders=["thesis-000"])
    project.close()
    matrix = code_attribute_matrix(table, attribute)
    expected = independent(bundled_copy, "thesis-000", attribute)
    found = {}
    for code, row in matrix.iterrows():
        for column, count in row.items():
            value, part = column.rsplit(" (", 1)
            if part.startswith("n,") and count:
                found[(code, value)] = (int(count), float(row[f"{value} (%, {part[3:]}"]))
    assert found == expected
    assert list(matrix.index) == list(table["code_path"].cat.categories)


def test_the_command_writes_the_matrix_and_refuses_an_unknown_attribute(bundled_copy: Path, tmp_path: Path) -> None:
    output = tmp_path / "sexe.xlsx"
    summary = run_json(bundled_copy, "export", "matrix", "--of", "attribute", "--attribute", "sex", "--coder", "thesis-000", "-o", str(output))
    assert summary["columns"] == 4 and output.stat().st_size > 0
    frame = pd.read_excel(output, index_col=0)
    assert list(frame.columns) == ["F (n, sur 5)", "F (%, sur 5)", "M (n, sur 11)", "M (%, sur 11)"]
    assert_rejected(bundled_copy, "export", "matrix", "--of", "attribute", "--attribute", "couleur", "-o", str(output), mentions="no participant attribute 'couleur'")
    assert_rejected(bundled_copy, "export", "matrix", "--of", "attribute", "-o", str(output), mentions="--attribute goes with --of attribute")
