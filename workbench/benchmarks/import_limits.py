"""Memory and time of an import beside the file's size: files at the limits of
:mod:`workbench.importers.limits`, accepted, and the oversize files of the hostile-input report,
refused. Each file is read in a process of its own, whose peak resident memory is the figure
(``VmHWM``, which starts afresh with the process; ``ru_maxrss`` keeps the peak of the process that
started it, on Linux); the reference is that of a process that only loads the readers."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from workbench.benchmarks import Benchmark, Figures

COLOUR = '"#4E79A7"'
QDC_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
QDC_TAIL = "</Codes></CodeBook>"
TURN = "MG1 : Oui, l’assistante « fait » l’accueil, le planning et le tiers payant, ça me libère du temps."


def yaml_codebook(parents: int, children: int, name: str = "") -> bytes:
    """``parents`` top-level codes of ``children`` codes each (no children: siblings only)."""
    lines = ["name: Étude", "language: fr", "codes:"]
    for parent in range(parents):
        lines.append(f"  - {{name: {name or f'thème {parent}'}, colour: {COLOUR}}}" if not children else f"  - name: thème {parent}")
        if children:
            lines += [f"    colour: {COLOUR}", "    children:"]
            lines += [f"      - {{name: code {parent}.{child}, colour: {COLOUR}}}" for child in range(children)]
    return ("\n".join(lines) + "\n").encode()


def qdc_codebook(parents: int, children: int, name: str = "") -> bytes:
    def code(number: int, name: str, inner: str = "") -> str:
        return f'<Code guid="7A1B2C3D-0000-4000-8000-{number:012d}" name="{name}" isCodable="true">{inner}</Code>'

    codes = []
    for parent in range(parents):
        inner = "".join(code(parents + parent * children + child, f"code {parent}.{child}") for child in range(children))
        codes.append(code(parent, name or f"thème {parent}", inner))
    return (QDC_HEAD + "".join(codes) + QDC_TAIL).encode()


def participants_table(columns: int, rows: int) -> bytes:
    header = "participant," + ",".join(f"attribut {number}" for number in range(columns))
    body = (f"P{row}," + ",".join(str(row % 7) for _ in range(columns)) for row in range(rows))
    return ("\n".join([header, *body]) + "\n").encode()


def transcript(turns: int) -> bytes:
    return ("\n".join(f"M : Question {number} ?\n{TURN}" for number in range(turns)) + "\n").encode()


WORD_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
WORD_RELATIONS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    b"</Relationships>"
)


def word_transcript(turns: int) -> bytes:
    """A minimal ``.docx`` of ``transcript(turns)``, one paragraph a line: compressed, a few
    hundred kilobytes hold millions of characters."""
    paragraphs = "".join(f"<w:p><w:r><w:t>{escape(line)}</w:t></w:r></w:p>" for line in transcript(turns).decode().splitlines())
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{paragraphs}</w:body></w:document>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (("[Content_Types].xml", WORD_TYPES), ("_rels/.rels", WORD_RELATIONS), ("word/document.xml", document.encode())):
            archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


CASES: list[tuple[str, str, Callable[[], bytes]]] = [
    ("accepted: codebook of 10,000 codes", "codes.yaml", lambda: yaml_codebook(10, 999)),
    ("accepted: codebook of 10,000 codes", "codes.qdc", lambda: qdc_codebook(10, 999)),
    ("accepted: table of 10,000 rows × 50 columns", "participants.csv", lambda: participants_table(50, 10_000)),
    ("accepted: transcript of 4.6 million characters", "MG1.txt", lambda: transcript(38_000)),
    ("accepted: Word transcript of 4.6 million characters", "MG1.docx", lambda: word_transcript(38_000)),
    ("refused: 200,000 sibling codes", "siblings.yaml", lambda: yaml_codebook(200_000, 0)),
    ("refused: 200,000 sibling codes", "siblings.qdc", lambda: qdc_codebook(1, 200_000)),
    ("refused: table of 100,000 columns", "wide.csv", lambda: participants_table(100_000, 1)),
    ("refused: 40 MB transcript without a line end", "MG2.txt", lambda: b"MG2 : " + b"a" * 40_000_000),
    ("refused: Word transcript of 5.5 million characters", "MG3.docx", lambda: word_transcript(45_000)),
    ("refused: 40 MB code name", "name.yaml", lambda: yaml_codebook(1, 0, "x" * 40_000_000)),
    ("refused: 40 MB code name", "name.qdc", lambda: qdc_codebook(1, 0, "x" * 40_000_000)),
]

READ = """
import json, resource, sys, time
from pathlib import Path
from workbench.domain.errors import InputError
from workbench.importers import parse_participants_csv, read_document
from workbench.importers.codebook_yaml import read_codebook_yaml
from workbench.qdpx.codebook_reader import read_codebook_qdc
readers = {".yaml": read_codebook_yaml, ".qdc": read_codebook_qdc, ".csv": parse_participants_csv, ".txt": read_document, ".docx": read_document}
outcome, started = "loaded", time.perf_counter()
if len(sys.argv) > 1:
    path = Path(sys.argv[1])
    try:
        readers[path.suffix](path)
        outcome = "accepted"
    except InputError as error:
        outcome = error.one_line()
seconds = time.perf_counter() - started
try:
    peak_kb = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
except (OSError, StopIteration):
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"outcome": outcome, "seconds": seconds, "peak_kb": peak_kb}))
"""


def measured(path: Path | None = None) -> dict:
    """Outcome, seconds and peak memory of reading ``path`` in a fresh process (none: only loading)."""
    arguments = [sys.executable, "-c", READ] + ([str(path)] if path else [])
    result = subprocess.run(arguments, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def run() -> Figures:
    baseline = measured()
    figures: Figures = {}
    with tempfile.TemporaryDirectory() as folder:
        for label, name, build in CASES:
            path = Path(folder) / name
            path.write_bytes(build())
            size = path.stat().st_size
            found = measured(path)
            path.unlink()
            peak_mb = found["peak_kb"] / 1024
            figures[f"{label} ({name})"] = {
                "file_mb": round(size / 2**20, 1),
                "seconds": round(found["seconds"], 2),
                "peak_memory_mb": round(peak_mb, 1),
                "above_loading_mb": round(peak_mb - baseline["peak_kb"] / 1024, 1),
                "outcome": found["outcome"],
            }
    return {
        "figures": figures,
        "reference": {"name": "a process that only loads the readers", "peak_memory_mb": round(baseline["peak_kb"] / 1024, 1)},
    }


IMPORT_LIMITS_BENCHMARK = Benchmark(
    name="import-limits",
    description="Reading files at the import limits (accepted) and the oversize files of the hostile-input report (refused): seconds and peak memory beside the file's size, each in a process of its own.",
    run=run,
)
