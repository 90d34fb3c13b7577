"""Write the exchange files of ``tests/interop/files`` that are built here, the way other programs
write them (see ``README.md`` beside this script for what each one shows and where that is known
from). The real files (ATLAS.ti, MAXQDA) and Taguette's ``.qdc`` (written by Taguette itself) are
kept as they came and are not written by this script.

Usage: ``python tests/interop/make_files.py [FOLDER]`` (default: ``tests/interop/files``).
Every entry has a fixed time, so the files are the same bytes each time.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

ENTRY_TIME = (2024, 5, 6, 10, 0, 0)
XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'

INTERVIEW = (
    "Enquêteur : Comment est organisé l’accueil au cabinet ?\n"
    "MG3 : « Le secrétariat gère le téléphone et l’agenda… » Sans lui, on ne s’en sort pas.\n"
    "Enquêteur : Et l’assistant médical ?\n"
    "MG3 : Depuis 2021, il prend les constantes ; ça libère du temps médical.\n"
)


def span(text: str, quote: str) -> tuple[int, int]:
    """The code-point span of ``quote`` in ``text``."""
    start = text.index(quote)
    return start, start + len(quote)


def crlf_span(text: str, quote: str) -> tuple[int, int]:
    """The span of ``quote`` counted in the text with CRLF line ends (a line end is two characters)."""
    start, end = span(text, quote)
    return start + text[:start].count("\n"), end + text[:end].count("\n")


def archive(entries: dict[str, bytes]) -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as output:
        for name, data in entries.items():
            entry = zipfile.ZipInfo(name, date_time=ENTRY_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            output.writestr(entry, data)
    return buffer.getvalue()


def blank_docx() -> bytes:
    """A Word file with one empty paragraph, as a blank document is saved."""
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    return archive({
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{main}"/></Types>'
        ).encode(),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>'
        ).encode(),
        "word/document.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p/></w:body></w:document>'
        ).encode(),
    })  # fmt: skip


def nvivo_windows_empty_sources() -> bytes:
    """NVivo for Windows: ``Sources/`` with a capital, each text source as a Word file and its plain
    text; here both texts are empty (a one-byte ``.txt`` and a blank ``.docx`` whose ``.txt`` is empty)."""
    qde = f"""<?xml version="1.0" encoding="utf-8"?>
<Project {XSI} name="Assistants médicaux" origin="NVivo 15 (Windows)" creatingUserGUID="6a1f7a36-0a3b-4c1e-9a55-1c2f3e4d5a01" xmlns="urn:QDA-XML:project:1.0">
  <Users>
    <User guid="6a1f7a36-0a3b-4c1e-9a55-1c2f3e4d5a01" name="Camille Martin" />
    <User guid="6a1f7a36-0a3b-4c1e-9a55-1c2f3e4d5a02" name="Léa Dupont" />
  </Users>
  <CodeBook>
    <Codes>
      <Code guid="0b1c2d3e-0000-4000-8000-000000000001" name="Organisation du cabinet" isCodable="true" color="#4472C4">
        <Description>Tout ce qui touche au fonctionnement quotidien.</Description>
        <Code guid="0b1c2d3e-0000-4000-8000-000000000002" name="Téléphone / agenda" isCodable="true" color="#4472C4" />
        <Code guid="0b1c2d3e-0000-4000-8000-000000000003" name="Secrétariat" isCodable="true" />
      </Code>
      <Code guid="0b1c2d3e-0000-4000-8000-000000000004" name="Assistant médical" isCodable="true" color="#ED7D31">
        <Code guid="0b1c2d3e-0000-4000-8000-000000000005" name="Temps médical libéré" isCodable="true" />
        <Code guid="0b1c2d3e-0000-4000-8000-000000000006" name="Freins / craintes" isCodable="true">
          <Description>Coût, locaux, « perte de lien » avec le patient.</Description>
        </Code>
      </Code>
      <Code guid="0b1c2d3e-0000-4000-8000-000000000007" name="Accès aux soins" isCodable="true" />
    </Codes>
  </CodeBook>
  <Variables>
    <Variable guid="7c000000-0000-4000-8000-000000000001" name="Âge" typeOfVariable="Integer" />
  </Variables>
  <Cases>
    <Case guid="8d000000-0000-4000-8000-000000000001" name="MG3">
      <VariableValue><VariableRef targetGUID="7c000000-0000-4000-8000-000000000001" /><IntegerValue>47</IntegerValue></VariableValue>
      <SourceRef targetGUID="9e000000-0000-4000-8000-000000000002" />
    </Case>
  </Cases>
  <Sources>
    <TextSource guid="9e000000-0000-4000-8000-000000000001" name="Entretien MG3" richTextPath="internal://9e000000-0000-4000-8000-000000000001.docx" plainTextPath="internal://9e000000-0000-4000-8000-000000000001.txt" creatingUser="6a1f7a36-0a3b-4c1e-9a55-1c2f3e4d5a01" />
    <TextSource guid="9e000000-0000-4000-8000-000000000002" name="Notes de terrain" plainTextPath="internal://9e000000-0000-4000-8000-000000000002.txt" creatingUser="6a1f7a36-0a3b-4c1e-9a55-1c2f3e4d5a02" />
  </Sources>
</Project>
"""
    return archive({
        "project.qde": qde.encode("utf-8"),
        "Sources/9e000000-0000-4000-8000-000000000001.docx": blank_docx(),
        "Sources/9e000000-0000-4000-8000-000000000001.txt": b"",
        "Sources/9e000000-0000-4000-8000-000000000002.txt": b"\n",
    })  # fmt: skip


def nvivo_windows_crlf() -> bytes:
    """NVivo for Windows: the plain text with CRLF line ends, positions counting each as two
    characters (QualCoder's importer allows for it); an annotation as a ``Note`` whose text is a
    ``.txt`` of ``Sources/``, tied to its selection by a ``Link``."""
    first, second = (
        crlf_span(INTERVIEW, "« Le secrétariat gère le téléphone et l’agenda… »"),
        crlf_span(INTERVIEW, "il prend les constantes"),
    )
    qde = f"""<?xml version="1.0" encoding="utf-8"?>
<Project {XSI} name="Entretiens MG" origin="NVivo 15 (Windows)" xmlns="urn:QDA-XML:project:1.0">
  <Users>
    <User guid="6a1f7a36-0a3b-4c1e-9a55-1c2f3e4d5a01" name="Camille Martin" />
  </Users>
  <CodeBook>
    <Codes>
      <Code guid="0b1c2d3e-0000-4000-8000-000000000011" name="Accueil" isCodable="true">
        <Code guid="0b1c2d3e-0000-4000-8000-000000000012" name="Téléphone / agenda" isCodable="true" />
      </Code>
      <Code guid="0b1c2d3e-0000-4000-8000-000000000013" name="Délégation de tâches" isCodable="true" />
    </Codes>
  </CodeBook>
  <Sources>
    <TextSource guid="9e000000-0000-4000-8000-000000000011" name="Entretien MG3" plainTextPath="internal://9e000000-0000-4000-8000-000000000011.txt" creatingUser="6a1f7a36-0a3b-4c1e-9a55-1c2f3e4d5a01">
      <PlainTextSelection guid="a1000000-0000-4000-8000-000000000001" startPosition="{first[0]}" endPosition="{first[1]}" creatingUser="6a1f7a36-0a3b-4c1e-9a55-1c2f3e4d5a01" creationDateTime="2024-05-02T09:30:00Z">
        <Coding guid="a2000000-0000-4000-8000-000000000001" creatingUser="6a1f7a36-0a3b-4c1e-9a55-1c2f3e4d5a01"><CodeRef targetGUID="0b1c2d3e-0000-4000-8000-000000000012" /></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="a1000000-0000-4000-8000-000000000002" startPosition="{second[0]}" endPosition="{second[1]}" creatingUser="6a1f7a36-0a3b-4c1e-9a55-1c2f3e4d5a01">
        <Coding guid="a2000000-0000-4000-8000-000000000002" creatingUser="6a1f7a36-0a3b-4c1e-9a55-1c2f3e4d5a01"><CodeRef targetGUID="0b1c2d3e-0000-4000-8000-000000000013" /></Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
  <Notes>
    <Note guid="b1000000-0000-4000-8000-000000000001" name="Annotation" plainTextPath="internal://b1000000-0000-4000-8000-000000000001.txt" creatingUser="6a1f7a36-0a3b-4c1e-9a55-1c2f3e4d5a01" />
  </Notes>
  <Links>
    <Link guid="c1000000-0000-4000-8000-000000000001" originGUID="b1000000-0000-4000-8000-000000000001" targetGUID="a1000000-0000-4000-8000-000000000001" />
  </Links>
</Project>
"""
    return archive({
        "project.qde": qde.encode("utf-8"),
        "Sources/9e000000-0000-4000-8000-000000000011.txt": INTERVIEW.replace("\n", "\r\n").encode("utf-8"),
        "Sources/b1000000-0000-4000-8000-000000000001.txt": "Le secrétariat est partagé avec le kiné.".encode("utf-8"),
    })  # fmt: skip


def nvivo_mac() -> bytes:
    """NVivo for Mac: a PDF and a picture beside the text (left out: not text), a set, and a
    coding by a user the file does not list."""
    start, end = span(INTERVIEW, "ça libère du temps médical")
    qde = f"""<?xml version="1.0" encoding="utf-8"?>
<Project {XSI} name="Étude AM" origin="NVivo 14 (Mac)" xmlns="urn:QDA-XML:project:1.0">
  <Users>
    <User guid="6a1f7a36-0a3b-4c1e-9a55-1c2f3e4d5a21" name="lea.dupont" />
  </Users>
  <CodeBook>
    <Codes>
      <Code guid="0b1c2d3e-0000-4000-8000-000000000021" name="Temps médical" isCodable="true" color="#70AD47" />
      <Code guid="0b1c2d3e-0000-4000-8000-000000000022" name="Coûts" isCodable="true" />
    </Codes>
  </CodeBook>
  <Sources>
    <TextSource guid="9e000000-0000-4000-8000-000000000021" name="MG3" plainTextPath="internal://9e000000-0000-4000-8000-000000000021.txt">
      <PlainTextSelection guid="a1000000-0000-4000-8000-000000000021" startPosition="{start}" endPosition="{end}" creatingUser="6a1f7a36-0a3b-4c1e-9a55-1c2f3e4d5a21">
        <Coding guid="a2000000-0000-4000-8000-000000000021" creatingUser="6a1f7a36-0a3b-4c1e-9a55-1c2f3e4d5a21"><CodeRef targetGUID="0b1c2d3e-0000-4000-8000-000000000021" /></Coding>
        <Coding guid="a2000000-0000-4000-8000-000000000022" creatingUser="6a1f7a36-0a3b-4c1e-9a55-1c2f3e4d5a99"><CodeRef targetGUID="0b1c2d3e-0000-4000-8000-000000000022" /></Coding>
      </PlainTextSelection>
    </TextSource>
    <PDFSource guid="9e000000-0000-4000-8000-000000000022" name="Fiche de poste" path="internal://9e000000-0000-4000-8000-000000000022.pdf" />
    <PictureSource guid="9e000000-0000-4000-8000-000000000023" name="Plan du cabinet" path="internal://9e000000-0000-4000-8000-000000000023.png" />
  </Sources>
  <Sets>
    <Set guid="d1000000-0000-4000-8000-000000000021" name="Entretiens 2024"><MemberSource targetGUID="9e000000-0000-4000-8000-000000000021" /></Set>
  </Sets>
</Project>
"""
    return archive({
        "project.qde": qde.encode("utf-8"),
        "Sources/9e000000-0000-4000-8000-000000000021.txt": INTERVIEW.encode("utf-8"),
        "Sources/9e000000-0000-4000-8000-000000000022.pdf": b"%PDF-1.4\n%%EOF\n",
        "Sources/9e000000-0000-4000-8000-000000000023.png": b"\x89PNG\r\n\x1a\n",
    })  # fmt: skip


def maxqda_with_sources() -> bytes:
    """MAXQDA 24 with its sources: ``sources/`` in lower case, GUIDs in upper case, only
    ``plainTextPath``, two text sources of the same name, a selection holding a comment
    (``Description``) and no coding, and ``Sets``."""
    start, end = span(INTERVIEW, "Le secrétariat gère le téléphone et l’agenda")
    comment_start, comment_end = span(INTERVIEW, "Et l’assistant médical ?")
    qde = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xsi:schemaLocation="urn:QDA-XML:project:1.0 http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd" {XSI} xmlns="urn:QDA-XML:project:1.0" origin="MAXQDA 24 (Release 24.7.0)" name="Thèse MG">
 <Users>
  <User guid="F3EA8DA1-BB99-411F-8ED4-011170237B01" name="camille"/>
 </Users>
 <CodeBook>
  <Codes>
   <Code color="#ef8256" guid="C9E3D7E0-4DBF-46E2-96EF-14574ECD3B01" name="Organisation" isCodable="true">
    <Description>Le fonctionnement du cabinet.</Description>
    <Code color="#ef8256" guid="C9E3D7E0-4DBF-46E2-96EF-14574ECD3B02" name="Secrétariat" isCodable="true"/>
   </Code>
   <Code color="#5b9bd5" guid="C9E3D7E0-4DBF-46E2-96EF-14574ECD3B03" name="Assistant médical" isCodable="true"/>
  </Codes>
 </CodeBook>
 <Sources>
  <TextSource guid="C5E4C960-5296-4FDE-8C63-DEABA4E17F01" creatingUser="F3EA8DA1-BB99-411F-8ED4-011170237B01" name="MG3" plainTextPath="internal://C5E4C960-5296-4FDE-8C63-DEABA4E17F01.txt">
   <PlainTextSelection guid="E1000000-0000-4000-8000-000000000001" startPosition="{start}" endPosition="{end}" creatingUser="F3EA8DA1-BB99-411F-8ED4-011170237B01">
    <Coding guid="E2000000-0000-4000-8000-000000000001" creatingUser="F3EA8DA1-BB99-411F-8ED4-011170237B01"><CodeRef targetGUID="C9E3D7E0-4DBF-46E2-96EF-14574ECD3B02"/></Coding>
   </PlainTextSelection>
   <PlainTextSelection guid="E1000000-0000-4000-8000-000000000002" startPosition="{comment_start}" endPosition="{comment_end}" creatingUser="F3EA8DA1-BB99-411F-8ED4-011170237B01">
    <Description>Relance à reformuler.</Description>
   </PlainTextSelection>
  </TextSource>
  <TextSource guid="C5E4C960-5296-4FDE-8C63-DEABA4E17F02" creatingUser="F3EA8DA1-BB99-411F-8ED4-011170237B01" name="MG3" plainTextPath="internal://C5E4C960-5296-4FDE-8C63-DEABA4E17F02.txt"/>
 </Sources>
 <Sets>
  <Set guid="D1000000-0000-4000-8000-000000000001" name="Vague 1"><MemberSource targetGUID="C5E4C960-5296-4FDE-8C63-DEABA4E17F01"/></Set>
 </Sets>
</Project>
"""
    return archive({
        "project.qde": qde.encode("utf-8"),
        "sources/C5E4C960-5296-4FDE-8C63-DEABA4E17F01.txt": INTERVIEW.encode("utf-8"),
        "sources/C5E4C960-5296-4FDE-8C63-DEABA4E17F02.txt": "MG3, second entretien : « on a recruté ».\n".encode("utf-8"),
    })  # fmt: skip


def atlas_crlf() -> bytes:
    """ATLAS.ti 23: the text file has CRLF line ends but positions count each as one character
    (as QualCoder's importer notes); a code group (a non-codable code) holding codes."""
    start, end = span(INTERVIEW, "il prend les constantes")
    qde = f"""<?xml version="1.0" encoding="utf-8"?>
<Project {XSI} origin="ATLAS.ti for Windows 23.2.3.27778" name="MG3 ATLAS" xmlns="urn:QDA-XML:project:1.0">
  <Users>
    <User guid="088B08AC-D5CD-4ADB-8B71-B4F3459C1701" name="Camille Martin" />
  </Users>
  <CodeBook>
    <Codes>
      <Code guid="A182CD3A-D83C-4D8C-BC80-26D9103EC601" name="Délégation" isCodable="false">
        <Code guid="A182CD3A-D83C-4D8C-BC80-26D9103EC602" name="Constantes" isCodable="true" color="#0099FF" />
      </Code>
    </Codes>
  </CodeBook>
  <Sources>
    <TextSource guid="C1000000-0000-4000-8000-000000000001" name="MG3.txt" plainTextPath="internal://C1000000-0000-4000-8000-000000000001.txt">
      <PlainTextSelection guid="C2000000-0000-4000-8000-000000000001" startPosition="{start}" endPosition="{end}" creatingUser="088B08AC-D5CD-4ADB-8B71-B4F3459C1701">
        <Coding guid="C3000000-0000-4000-8000-000000000001" creatingUser="088B08AC-D5CD-4ADB-8B71-B4F3459C1701"><CodeRef targetGUID="A182CD3A-D83C-4D8C-BC80-26D9103EC602" /></Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>
"""
    return archive({
        "project.qde": qde.encode("utf-8"),
        "sources/C1000000-0000-4000-8000-000000000001.txt": INTERVIEW.replace("\n", "\r\n").encode("utf-8"),
    })  # fmt: skip


def qualcoder() -> bytes:
    """QualCoder 3.6 (its ``refi.py``): categories are non-codable codes, codes may hold sub-codes,
    text files are written with a byte-order mark, selections carry a ``name`` (the coded text)
    and a memo as ``Description``; cases link variables and sources; the journal is a ``Note`` whose
    text is a file of ``sources/``; a PDF's text as a ``Representation`` (left out: PDF)."""
    start, end = span(INTERVIEW, "Sans lui, on ne s’en sort pas.")
    qde = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns:xsd="http://www.w3.org/2001/XMLSchema" {XSI} name="thèse-mg.qda" origin="QualCoder 3.6" creatingUserGUID="5c94bc9e-db8c-4f1d-9cd6-e900c7440801" creationDateTime="2024-04-30T08:00:00Z" xmlns="urn:QDA-XML:project:1.0">
<Users>
<User guid="5c94bc9e-db8c-4f1d-9cd6-e900c7440802" name="default" />
</Users>
<CodeBook>
<Codes>
<Code guid="4f3e2d1c-0000-4000-8000-000000000001" name="Ressenti" isCodable="false">
<Description>Catégorie : ce que vit le médecin.</Description>
<Code guid="4f3e2d1c-0000-4000-8000-000000000002" name="Dépendance au secrétariat" isCodable="true" color="#F5A9A9">
<Description>« On ne s’en sort pas » et ses variantes.</Description>
<Code guid="4f3e2d1c-0000-4000-8000-000000000003" name="Surcharge" isCodable="true" color="#F5A9A9">
</Code>
</Code>
</Code>
</Codes>
</CodeBook>
<Variables>
<Variable guid="6b000000-0000-4000-8000-000000000001" name="Sexe" typeOfVariable="Text">
</Variable>
</Variables>
<Cases>
<Case guid="7b000000-0000-4000-8000-000000000001" name="MG3">
<VariableValue>
<VariableRef targetGUID="6b000000-0000-4000-8000-000000000001" />
<TextValue>F</TextValue>
</VariableValue>
<SourceRef targetGUID="8b000000-0000-4000-8000-000000000001" />
</Case>
</Cases>
<Sources>
<TextSource plainTextPath="internal://8b000000-0000-4000-8000-000000000001.txt" creatingUser="5c94bc9e-db8c-4f1d-9cd6-e900c7440802" creationDateTime="2024-04-30T08:10:00Z" guid="8b000000-0000-4000-8000-000000000001" name="MG3.txt">
<Description>Entretien du 12 mars.</Description>
<PlainTextSelection guid="9b000000-0000-4000-8000-000000000001" startPosition="{start}" endPosition="{end}" name="Sans lui, on ne s’en sort pas." creatingUser="5c94bc9e-db8c-4f1d-9cd6-e900c7440802" creationDateTime="2024-04-30T08:20:00Z">
<Description>Très net.</Description>
<Coding guid="9c000000-0000-4000-8000-000000000001" creatingUser="5c94bc9e-db8c-4f1d-9cd6-e900c7440802" >
<CodeRef targetGUID="4f3e2d1c-0000-4000-8000-000000000003" />
</Coding>
</PlainTextSelection>
</TextSource>
<PDFSource path="internal://8b000000-0000-4000-8000-000000000002.pdf" creatingUser="5c94bc9e-db8c-4f1d-9cd6-e900c7440802" guid="8b000000-0000-4000-8000-000000000002" name="charte.pdf">
<Representation guid="8b000000-0000-4000-8000-000000000003" plainTextPath="internal://8b000000-0000-4000-8000-000000000003.txt" creatingUser="5c94bc9e-db8c-4f1d-9cd6-e900c7440802" name="charte.pdf">
</Representation></PDFSource>
</Sources>
<Notes>
<Note guid="ab000000-0000-4000-8000-000000000001" creatingUser="5c94bc9e-db8c-4f1d-9cd6-e900c7440802" name="Journal de terrain" plainTextPath="internal://ab000000-0000-4000-8000-000000000001.txt" >
</Note>
</Notes>
<Description>Thèse de médecine générale.</Description>
</Project>"""
    return archive({
        "project.qde": qde.encode("utf-8"),
        "sources/8b000000-0000-4000-8000-000000000001.txt": INTERVIEW.encode("utf-8-sig"),
        "sources/8b000000-0000-4000-8000-000000000002.pdf": b"%PDF-1.4\n%%EOF\n",
        "sources/8b000000-0000-4000-8000-000000000003.txt": "Charte de l’assistant médical.".encode("utf-8-sig"),
        "sources/ab000000-0000-4000-8000-000000000001.txt": "12 mars : entretien au cabinet, 40 min.".encode("utf-8-sig"),
    })  # fmt: skip


def bare_plain_text_path() -> bytes:
    """A project whose source names its text by a bare file name (``board_2017.txt``, no
    ``internal://``) while the file is in ``sources/``, as some open-source tools write it."""
    start, end = span(INTERVIEW, "l’assistant médical")
    qde = f"""<?xml version="1.0" encoding="utf-8"?>
<Project name="board" origin="open-source exporter" xmlns="urn:QDA-XML:project:1.0">
  <Users><User guid="11111111-2222-4333-8444-555555555501" name="analyst" /></Users>
  <CodeBook><Codes><Code guid="11111111-2222-4333-8444-555555555511" name="Rôles" isCodable="true" /></Codes></CodeBook>
  <Sources>
    <TextSource guid="11111111-2222-4333-8444-555555555521" name="board_2017" plainTextPath="board_2017.txt">
      <PlainTextSelection guid="11111111-2222-4333-8444-555555555531" startPosition="{start}" endPosition="{end}">
        <Coding guid="11111111-2222-4333-8444-555555555541" creatingUser="11111111-2222-4333-8444-555555555501"><CodeRef targetGUID="11111111-2222-4333-8444-555555555511" /></Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>
"""
    return archive({"project.qde": qde.encode("utf-8"), "sources/board_2017.txt": INTERVIEW.encode("utf-8")})


FILES = {
    "nvivo-15-windows-empty-sources.qdpx": nvivo_windows_empty_sources,
    "nvivo-15-windows-crlf-annotation.qdpx": nvivo_windows_crlf,
    "nvivo-14-mac-pdf-picture.qdpx": nvivo_mac,
    "maxqda-24-with-sources.qdpx": maxqda_with_sources,
    "atlas-23-crlf-source.qdpx": atlas_crlf,
    "qualcoder-3.6.qdpx": qualcoder,
    "bare-plaintextpath.qdpx": bare_plain_text_path,
}


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, build in FILES.items():
        (folder / name).write_bytes(build())


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "files")
