"""Reading files: encodings, Word documents, participant tables, and dispatch by suffix."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document as WordDocument

from workbench.domain.documents import DocumentKind, SpeakerRole
from workbench.domain.errors import InputError
from workbench.domain.participants import AttributeType
from workbench.importers import parse_participants_csv, read_document, read_text
from workbench.importers.docx_reader import read_docx


def write(tmp_path: Path, name: str, content: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


def error_of(call, *arguments, **keywords) -> str:
    """The one-line message of the InputError that ``call`` raises."""
    with pytest.raises(InputError) as caught:
        call(*arguments, **keywords)
    message = str(caught.value)
    assert "\n" not in message
    return message


# --- encodings ---------------------------------------------------------------------------


def test_utf8_with_bom_crlf_and_decomposed_accents_is_normalised(tmp_path: Path) -> None:
    content = "\ufeffM : Ça va ?\r\nMG1 : Tre\u0300s bien, « l’e\u0301quipe\u00a0» est là…\r\n"
    text, notices = read_text(write(tmp_path, "MG1.txt", content))
    assert text == "M : Ça va ?\nMG1 : Très bien, « l’équipe\u00a0» est là…\n"
    assert notices == []


def test_cp1252_file_is_converted_with_a_notice(tmp_path: Path) -> None:
    path = write(tmp_path, "notes.txt", "MG2 : Très bien, l’équipe « œuvre »…\n".encode("cp1252"))
    text, notices = read_text(path)
    assert text == "MG2 : Très bien, l’équipe « œuvre »…\n"
    assert notices == ["notes.txt: not UTF-8; read as Windows-1252 (cp1252) and converted"]


def test_utf16_with_bom_is_converted_with_a_notice(tmp_path: Path) -> None:
    text, notices = read_text(write(tmp_path, "MG3.txt", "MG3 : Déjà là.\r\n".encode("utf-16")))
    assert text == "MG3 : Déjà là.\n"
    assert "UTF-16" in notices[0]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b" \r\n\t\n", "the file is empty"),
        ("\ufeff\n".encode(), "the file is empty"),
        (b"MG1 : caf\xe9 \x81\x8d fin", "not UTF-8 (bad byte at offset 9) nor Windows-1252"),
        ("MG1 : café, très ".encode() + b"\xe9t\xe9", "UTF-8 text with invalid bytes (first at offset 19)"),
        (b"MG1 : oui\x00\x00 non", "NUL bytes"),
        (b"MG1 : oui\x01\xe9 non", "nor Windows-1252"),
        (b"PK\x03\x04\x14\x00\x06\x00", "may be a .docx renamed"),
        (b"%PDF-1.7\n%\xe2\xe3", "a PDF file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "a PNG image"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "old Word .doc"),
    ],
)
def test_unreadable_text_files_are_rejected_in_one_line(tmp_path: Path, content: bytes, message: str) -> None:
    text = error_of(read_text, write(tmp_path, "MG9.txt", content))
    assert text.startswith("MG9.txt: ")
    assert message in text


def test_file_over_the_size_limit_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "MG1.txt", "M : Bonjour.\n" * 10)
    assert "more than the 100 bytes allowed" in error_of(read_text, path, max_bytes=100)
    assert read_text(path, max_bytes=130)[0].startswith("M : Bonjour.")


def test_missing_file_is_rejected(tmp_path: Path) -> None:
    assert "no such file" in error_of(read_text, tmp_path / "absent.txt")


# --- Word documents ----------------------------------------------------------------------


def make_docx(path: Path, paragraphs: list[str]) -> Path:
    word = WordDocument()
    for paragraph in paragraphs:
        word.add_paragraph(paragraph)
    word.save(str(path))
    return path


def test_docx_paragraphs_become_lines(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "MG5.docx",
        ["M : Pouvez-vous vous présenter ?", "", "MG5 : Je suis me\u0301decin, «\u202foui\u202f»…"],
    )
    assert read_docx(path) == "M : Pouvez-vous vous présenter ?\n\nMG5 : Je suis médecin, «\u202foui\u202f»…"


def test_docx_that_is_not_a_zip_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "MG6.docx", "MG6 : ce n’est pas un document Word")
    message = error_of(read_docx, path)
    assert message.startswith("MG6.docx: is not a Word .docx file (not a zip archive)")


def test_zip_without_document_part_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "MG6.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    assert "no word/document.xml part" in error_of(read_docx, path)


def test_docx_that_python_docx_cannot_read_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "MG6.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<pas du xml")
    assert "cannot be read as a Word document" in error_of(read_docx, path)


# --- read_document -------------------------------------------------------------------------


def test_text_file_is_read_parsed_and_named_after_its_stem(tmp_path: Path) -> None:
    content = "M : Ça va ?\r\n\r\nMG7 : Très bien, l’équipe est là.\r\n".encode("cp1252")
    document = read_document(write(tmp_path, "MG7.txt", content))
    assert document.identifier == "MG7"
    assert document.source == "MG7.txt"
    assert document.kind is DocumentKind.TRANSCRIPT
    assert document.participant == "MG7"
    assert document.text == "M : Ça va ?\n\nMG7 : Très bien, l’équipe est là."
    assert "cp1252" in document.notices[0]


def test_docx_is_read_with_a_given_identifier_and_kind(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "Entretien 8.docx", ["M : Bonjour.", "MG8 : Bonjour, docteur."])
    document = read_document(path, identifier="MG8", kind=DocumentKind.EXCERPTS)
    assert (document.identifier, document.kind, document.source) == ("MG8", DocumentKind.EXCERPTS, "Entretien 8.docx")
    assert [turn.role for turn in document.turns] == [SpeakerRole.INTERVIEWER, SpeakerRole.PARTICIPANT]


def test_markdown_survey_is_read(tmp_path: Path) -> None:
    document = read_document(write(tmp_path, "q23.md", "Le temps.\n\nLa paperasse.\n"), kind=DocumentKind.SURVEY)
    assert [turn.speaker for turn in document.turns] == ["R1", "R2"]


def test_a_file_name_that_is_not_an_id_gives_one_with_a_notice(tmp_path: Path) -> None:
    path = write(tmp_path, "Entretien n°1 (Dr Lefèvre).txt", "M : Bonjour.\nMG1 : Bonjour, « ça va »… merci.\n")
    document = read_document(path)
    assert document.identifier == "Entretien_n_1_Dr_Lefèvre"
    assert document.notices[0].startswith("the file name 'Entretien n°1 (Dr Lefèvre)' gives the id 'Entretien_n_1_Dr_Lefèvre'")


def test_a_file_name_without_a_letter_or_digit_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "+++.txt", "M : Bonjour.\n")
    assert error_of(read_document, path).startswith("+++.txt: the file name '+++' holds no letter or digit to make an id — give one with --id")


def test_an_id_given_with_id_is_never_changed(tmp_path: Path) -> None:
    path = write(tmp_path, "MG1.txt", "M : Bonjour.\nMG1 : Bonjour.\n")
    assert error_of(read_document, path, identifier="MG 1").startswith("MG1.txt: 'MG 1' is not a usable identifier")


def test_unsupported_suffix_names_the_supported_ones(tmp_path: Path) -> None:
    message = error_of(read_document, write(tmp_path, "MG1.pdf", b"%PDF-1.7"))
    assert message.startswith("MG1.pdf: unsupported file type '.pdf'")
    assert ".txt, .text, .md, .docx, .odt, .vtt or .srt" in message


# --- participant tables ------------------------------------------------------------------


def test_participant_table_with_forced_and_inferred_types(tmp_path: Path) -> None:
    content = (
        "participant,age:integer,sexe,durée,durée_brute,assistant_present:boolean,temps avec AS,poids,code:text\n"
        "MG1,62,M,24:27,24min27,oui,1/2,70.5,007\n"
        "MG2,,F,0:19:00,36 min,Non,1/3,,12\n"
        "\n"
        'MG3,45,F,5:05,1h05min,,"plein temps, puis 1/2",81,\n'
    )
    table = parse_participants_csv(write(tmp_path, "participants.csv", content))
    assert table.attributes == {
        "age": AttributeType.INTEGER,
        "sexe": AttributeType.TEXT,
        "durée": AttributeType.DURATION,
        "durée_brute": AttributeType.DURATION,
        "assistant_present": AttributeType.BOOLEAN,
        "temps avec AS": AttributeType.TEXT,
        "poids": AttributeType.NUMBER,
        "code": AttributeType.TEXT,
    }
    assert [participant.identifier for participant in table.participants] == ["MG1", "MG2", "MG3"]
    assert table.participants[0].attributes == {
        "age": 62,
        "sexe": "M",
        "durée": 24.45,
        "durée_brute": 24.45,
        "assistant_present": True,
        "temps avec AS": "1/2",
        "poids": 70.5,
        "code": "007",
    }
    assert table.participants[1].attributes["age"] is None
    assert table.participants[1].attributes["durée"] == 19.0
    assert table.participants[2].attributes["durée_brute"] == 65.0
    assert table.participants[2].attributes["temps avec AS"] == "plein temps, puis 1/2"
    assert table.notices == []


def test_semicolon_cp1252_table_with_id_header(tmp_path: Path) -> None:
    content = "ID;Sexe;Mode d’exercice;Durée d’entretien\r\nM1;Femme;Maison de santé;24min27\r\nM2;Homme;Cabinet seul;35 min\r\n"
    table = parse_participants_csv(write(tmp_path, "tableau.csv", content.encode("cp1252")))
    assert list(table.attributes) == ["Sexe", "Mode d’exercice", "Durée d’entretien"]
    assert table.attributes["Durée d’entretien"] is AttributeType.DURATION
    assert table.participants[1].attributes == {"Sexe": "Homme", "Mode d’exercice": "Cabinet seul", "Durée d’entretien": 35.0}
    assert "cp1252" in table.notices[0]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("participant,age,sexe\nMG1,62,M\nMG2,45\n", "participants.csv: line 3 has 2 cells, the header has 3"),
        ("participant,age\nMG1,62\n\n\nMG2,45,F\n", "participants.csv: line 5 has 3 cells, the header has 2"),
        ('participant,note\nMG1,"sur\ndeux lignes"\nMG1,bis\n', "line 4: participant 'MG1' already on line 2"),
        ("participant,age\n,62\n", "line 2: empty participant id"),
        ("participant,age\nMG 1,62\n", "participants.csv, line 2: 'MG 1' is not a usable identifier"),
        ("participant,age:integer\nMG1,62 ans\n", "line 2, column 'age': '62 ans' does not read as integer"),
        ("participant,durée:duration\nMG1,longue\n", "column 'durée': 'longue' does not read as duration"),
        ("participant,présent:boolean\nMG1,peut-être\n", "'peut-être' does not read as boolean"),
        ("participant,age:entier\nMG1,62\n", "unknown type 'entier'"),
        ("participant,age,Age\nMG1,62,63\n", "column 'Age' appears twice"),
        ("participant,age,,sexe\nMG1,62,,F\n", "line 1, column 3: empty column name"),
        ("nom,age\nMG1,62\n", "the first column must be 'participant' or 'id', not 'nom'"),
    ],
)
def test_bad_participant_tables_are_rejected_with_line_and_column(
    tmp_path: Path, content: str, message: str
) -> None:
    assert message in error_of(parse_participants_csv, write(tmp_path, "participants.csv", content))
