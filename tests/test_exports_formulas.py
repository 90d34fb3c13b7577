"""Spreadsheet exports never hand a spreadsheet a formula: text starting with = + - @ is written
with a leading apostrophe, in CSV and in XLSX (where openpyxl would otherwise store a formula)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.helpers import run_json
from workbench.services.codebook.operations import add_code
from workbench.services.coding.codings import add_coding
from workbench.services.reports.exports import neutralised, safe_cell
from workbench.storage.project import Project

HOSTILE = '=HYPERLINK("http://evil.example","clic")'


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+1", "'=1+1"), ("+33 6", "'+33 6"), ("-x", "'-x"), ("@SUM(A1)", "'@SUM(A1)"), ("\tcmd", "'\tcmd"),
     ("« Bonjour » –", "« Bonjour » –"), (-3, -3), (None, None)],
)  # fmt: skip
def test_cells_that_would_run_are_neutralised(value: object, expected: object) -> None:
    assert safe_cell(value) == expected


@pytest.fixture
def hostile_project(bundled_copy: Path) -> Path:
    project = Project.open(bundled_copy)
    code = add_code(project, HOSTILE, actor="test", codebook="Thèse 000").code
    add_coding(project, "MG14", code, 0, 20, coder="mallory")
    project.close()
    return bundled_copy


def test_csv_and_xlsx_codings_hold_the_code_as_text(hostile_project: Path, tmp_path: Path) -> None:
    run_json(hostile_project, "export", "codings", "--coder", "mallory", "-o", str(tmp_path / "c.csv"))
    with (tmp_path / "c.csv").open(encoding="utf-8-sig", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row["chemin du code"] == "'" + HOSTILE
    run_json(hostile_project, "export", "codings", "--coder", "mallory", "-o", str(tmp_path / "c.xlsx"))
    sheet = load_workbook(tmp_path / "c.xlsx").active
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("chemin du code") + 1)
    assert cell.data_type == "s" and cell.value == "'" + HOSTILE


def test_matrix_row_labels_are_neutralised(hostile_project: Path, tmp_path: Path) -> None:
    run_json(hostile_project, "export", "matrix", "--coder", "mallory", "-o", str(tmp_path / "m.xlsx"))
    sheet = load_workbook(tmp_path / "m.xlsx").active
    labels = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert "'" + HOSTILE in labels
    assert all(not str(label).startswith("=") for label in labels if label)


def test_numbers_stay_numbers() -> None:
    import pandas as pd

    frame = neutralised(pd.DataFrame({"n": [-1, 2], "text": ["=A1", "ok"]}))
    assert frame["n"].tolist() == [-1, 2] and frame["text"].tolist() == ["'=A1", "ok"]
