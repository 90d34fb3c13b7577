"""What tests start from: sample inputs, and the projects built from them through workbench's own
services (so a built project holds what a user's would).

A builder takes the project's location, a SQLite file or a PostgreSQL URL alike, and a folder for
the input files it writes; ``Templates`` (the ``templates`` fixture) builds each project once per
test run and hands every test its own copy, on either backend.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import numpy as np
from sqlalchemy.engine import URL
from sqlmodel import select

from tests.helpers import read_tables, stored_text
from workbench.services.codebook.importing import import_codebook
from workbench.services.coding.codings import add_coding
from workbench.services.coding.units import list_units, segment
from workbench.services.exchange.importing import import_batch, read_files
from workbench.services.exchange.study import load_bundled_study
from workbench.storage.codebooks import load_codebooks
from workbench.storage.project import Project
from workbench.storage.records import CoderRecord, CodingRecord, DocumentRecord

# Built once, copied for each test.

Build = Callable[[str, Path], None]
"""Builds a project at a location (a SQLite file or a PostgreSQL URL), its input files in a folder."""


class PostgresServer:
    """The test server: databases created empty or as copies of a template, dropped after use.

    The server URL names a role allowed to create databases; each test gets its own database so
    that no test sees another's rows, whatever order they run in.
    """

    def __init__(self, url: URL) -> None:
        self.url = url
        self.libpq_url = url.set(drivername="postgresql").render_as_string(hide_password=False)

    def location(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def create(self, template: str | None = None) -> str:
        """A new database's name: empty, or a copy of ``template``.

        A copy waits out an autovacuum worker still connected to the template (PostgreSQL refuses
        to copy a database anyone is connected to).
        """
        import psycopg
        from psycopg import errors, sql

        name = f"workbench_test_{uuid.uuid4().hex[:16]}"
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        deadline = time.monotonic() + 10
        with psycopg.connect(self.libpq_url, autocommit=True) as administration:
            while True:
                try:
                    administration.execute(statement)
                    return name
                except errors.ObjectInUse:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.1)

    def drop(self, name: str) -> None:
        """Drop the database, ending the connections a failed test left open first (not ``WITH
        (FORCE)``: a role that is not a superuser may not end an autovacuum worker, which a plain
        drop waits out by itself)."""
        import psycopg
        from psycopg import sql

        with psycopg.connect(self.libpq_url, autocommit=True) as administration:
            administration.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND usename = current_user AND pid <> pg_backend_pid()",
                [name],
            )
            administration.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(name)))


class Templates:
    """Projects built once per test run, each test getting its own copy: a file copy on SQLite,
    ``CREATE DATABASE … TEMPLATE`` on PostgreSQL (a copy takes milliseconds, a build up to seconds)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files: dict[str, Path] = {}
        self.databases: dict[str, tuple[PostgresServer, str]] = {}

    def new_folder(self, name: str) -> Path:
        """A folder of its own for a build's input files (a failed build leaves its folder behind)."""
        return Path(tempfile.mkdtemp(prefix=f"{name}-", dir=self.folder))

    def sqlite_template(self, name: str, build: Build) -> Path:
        """The template's SQLite file, built at first use: read it, or copy it before changing it."""
        if name not in self.files:
            folder = self.new_folder(name)
            build(str(folder / "template.db"), folder)
            self.files[name] = folder / "template.db"
        return self.files[name]

    def sqlite_copy(self, name: str, build: Build, destination: Path) -> Path:
        shutil.copyfile(self.sqlite_template(name, build), destination)
        return destination

    def postgresql_copy(self, name: str, build: Build, server: PostgresServer) -> str:
        """A new database copied from the template: its name (``server.location`` gives its URL)."""
        if name not in self.databases:
            template = server.create()
            try:
                build(server.location(template), self.new_folder(name))
            except BaseException:
                server.drop(template)
                raise
            self.databases[name] = (server, template)
        return server.create(template=self.databases[name][1])

    def drop_databases(self) -> None:
        for server, template in self.databases.values():
            server.drop(template)


# The bundled study.

CODEBOOKS = Path(__file__).resolve().parents[1] / "codebooks"
CODEBOOK_000 = CODEBOOKS / "these-000-assistants-medicaux.yaml"
CODEBOOK_002 = CODEBOOKS / "these-002-experience-assistant.yaml"
BUNDLED_TRANSCRIPTS = [f"MG{number}" for number in range(1, 18)]
"""The bundled study's interviews (its other documents are excerpts and a survey)."""


def build_bundled_study(location: str, folder: Path) -> None:
    """The bundled study: 29 documents, the two theses' codebooks and their reference codings."""
    project = Project.open(location)
    try:
        load_bundled_study(project, actor="test")
    finally:
        project.close()


# The sample codebook, and a project holding it with one short document.

NBSP = "\u00a0"
SAMPLE_NAME = "Codebook d’essai — « assistants »"
SAMPLE_YAML = f"""\
name: "{SAMPLE_NAME}"
language: fr
source: "Entretiens MG1–MG3"
codes:
- name: "Organisation du cabinet"
  number: "I."
  colour: "#4E79A7"
  shortcut: "o"
  description: |-
    Tout ce qui touche à l’organisation{NBSP}: accueil, planning…

    Second paragraphe «{NBSP}entre guillemets{NBSP}».
  when_to_use: "Le médecin décrit le fonctionnement quotidien du cabinet."
  when_not_to_use: "La relation avec un patient précis."
  example: "«{NBSP}On a réorganisé l’accueil{NBSP}»"
  children:
  - name: "Accueil des patients"
    number: "A."
    colour: "#6E91B7"
    children:
    - name: "Téléphone"
      number: "1."
      colour: "#8EA9C7"
      children:
      - name: "Appels manqués"
        colour: "#AEC1D7"
        children:
        - name: "Rappels l’après-midi"
          colour: "#CEDAE7"
    - name: "Secrétariat"
      number: "2."
      colour: "#8EA9C7"
  - name: "Délégation de tâches"
    number: "B."
    colour: "#6E91B7"
    children:
    - name: "Prise des constantes"
      colour: "#8EA9C7"
    - name: "Tâches administratives"
      colour: "#8EA9C7"
- name: "Relation médecin–patient"
  number: "II."
  colour: "#F28E2B"
  children:
  - name: "Confiance"
    number: "A."
    colour: "#F4A251"
"""
SAMPLE_CODES = 11
SAMPLE_TEXT = "MG1 : L’assistante gère le téléphone et prend les constantes ; j’ai confiance en elle."
"""The text of the sample project's only document, MG1."""


def write_sample_codebook(folder: Path, text: str = SAMPLE_YAML, name: str = "essai.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def sample_project(folder: Path, location: str | Path | None = None) -> Project:
    """A project at ``location`` (by default ``folder/codebook.db``) holding the sample codebook,
    the document MG1 and the coder alice."""
    project = Project.open(location or folder / "codebook.db")
    import_codebook(project, write_sample_codebook(folder), actor="test")
    with project.transaction() as session:
        session.add(DocumentRecord(identifier="MG1", kind="transcript", text=SAMPLE_TEXT, checksum="x"))
        session.add(CoderRecord(name="alice"))
    return project


def code_id(project: Project, path: str) -> int:
    (stored,) = load_codebooks(project)
    return stored.tree.find(path).id


def code_fragment(project: Project, code: str, fragment: str) -> int:
    """alice codes the first occurrence of ``fragment`` in MG1 with ``code`` (a path); the coding's id."""
    identifier = code_id(project, code)
    with project.transaction() as session:
        coder = session.exec(select(CoderRecord).where(CoderRecord.name == "alice")).one()
        document = session.exec(select(DocumentRecord).where(DocumentRecord.identifier == "MG1")).one()
        start = SAMPLE_TEXT.index(fragment)
        coding = CodingRecord(
            coder_id=coder.id, code_id=identifier, document_id=document.id, start=start, end=start + len(fragment), text=fragment
        )
        session.add(coding)
        session.flush()
        return coding.id


# One interview, as a file to import.

MG31_TRANSCRIPT = (
    "M : L’entretien sera anonyme. Puis-je enregistrer cet entretien ?\n\n"
    "MG31 : Oui, bien sûr… « C’est l’assistante\u00a0» qui gère l’accueil, peut-\n"
    "être aussi les constantes.\n\n"
    "M. : Que pensez-vous de la mise en place des AM ?\n\n"
    "MG31. Ça libère du temps médical, voilà.\n"
)


# Two coders, alice and bob, on four interviews cut into sentences: the agreement project.

AGREEMENT_TRANSCRIPTS = {
    "MG61": (
        "M : Pouvez-vous décrire l’organisation de votre cabinet ?\n\n"
        "MG61 : L’assistante gère le téléphone et l’agenda du cabinet. Elle prend les constantes avant "
        "chaque consultation. Les patients disent « c’est plus rapide » et ça me plaît beaucoup. "
        "J’ai confiance en elle depuis le début.\n\n"
        "M : Et les tâches administratives ?\n\n"
        "MG61 : Elle s’occupe des courriers et des dossiers de la CPAM. Je n’ai plus à remplir les "
        "formulaires moi-même. Honnêtement, ça a changé ma façon de travailler.\n"
    ),
    "MG62": (
        "M : Comment travaillez-vous avec votre assistante ?\n\n"
        "MG62 : Elle répond au téléphone quand je suis en visite. Elle prépare les dossiers des nouveaux "
        "patients. Les patients l’appellent « la secrétaire » mais c’est plus que ça. Je lui fais "
        "entièrement confiance.\n\n"
        "M : Qu’est-ce qui a changé ?\n\n"
        "MG62 : On a gagné un temps fou sur la prise des constantes. Les rappels l’après-midi sont plus "
        "simples aussi.\n"
    ),
    "MG63": "M : Depuis quand ?\n\nMG63 : Depuis deux ans, grâce à l’aide de l’ARS. Elle gère l’accueil.\n",
    "MG64": "M : Et vous ?\n\nMG64 : Je n’ai pas d’assistante, c’est trop cher pour moi.\n",
}
SEGMENTED = ("MG61", "MG62", "MG63")
UNIT_COUNTS = {"MG61": 7, "MG62": 6}
PLANS = {
    "alice": {
        "MG61": {1: ["Téléphone"], 2: ["Prise des constantes"], 3: ["Confiance"], 4: ["Confiance"],
                 5: ["Tâches administratives"], 6: ["Tâches administratives"]},
        "MG62": {1: ["Téléphone"], 2: ["Tâches administratives"], 3: ["Secrétariat"], 4: ["Confiance"],
                 5: ["Prise des constantes"], 6: ["Rappels l’après-midi"]},
        "MG63": {1: ["Téléphone"]},
    },
    "bob": {
        "MG61": {1: ["Téléphone", "Secrétariat"], 2: ["Prise des constantes"], 4: ["Confiance"],
                 5: ["Tâches administratives", "Secrétariat"], 7: ["Confiance"]},
        "MG62": {1: ["Téléphone"], 2: ["Secrétariat"], 3: ["Secrétariat"], 4: ["Confiance"],
                 5: ["Prise des constantes"], 6: ["Téléphone"]},
    },
}
"""Which codes each coder puts on whole units: document → unit number → code names."""
QUESTION = "Pouvez-vous décrire l’organisation de votre cabinet ?"
"""Interviewer speech, in no unit: alice codes it "Appels manqués" (no unit shows that code)."""
CODE_ORDER = [
    "Téléphone", "Appels manqués", "Rappels l’après-midi", "Secrétariat",
    "Prise des constantes", "Tâches administratives", "Confiance",
]
THEMES = {
    "Téléphone": "Organisation du cabinet", "Appels manqués": "Organisation du cabinet",
    "Rappels l’après-midi": "Organisation du cabinet", "Secrétariat": "Organisation du cabinet",
    "Prise des constantes": "Organisation du cabinet", "Tâches administratives": "Organisation du cabinet",
    "Confiance": "Relation médecin–patient",
}
CATEGORIES = {
    "Téléphone": "Accueil des patients", "Appels manqués": "Accueil des patients",
    "Rappels l’après-midi": "Accueil des patients", "Secrétariat": "Accueil des patients",
    "Prise des constantes": "Délégation de tâches", "Tâches administratives": "Délégation de tâches",
    "Confiance": "Confiance",
}
SENTENCE = re.compile(r"[^.?!…]+(?:[.?!…]+|$)")


def split_plain_sentences(texts: list[str]) -> list[list[tuple[int, int]]]:
    """A plain sentence splitter standing in for spaCy: up to and including . ? ! or …"""
    return [
        [(match.end() - len(match.group().lstrip()), match.end()) for match in SENTENCE.finditer(text) if match.group().strip()]
        for text in texts
    ]


def build_agreement_project(location: str, folder: Path) -> None:
    """The sample codebook, MG61–MG64 (MG64 not segmented), and alice's and bob's codings as planned."""
    project = Project.open(location)
    try:
        import_codebook(project, write_sample_codebook(folder), actor="test")
        for identifier, text in AGREEMENT_TRANSCRIPTS.items():
            (folder / f"{identifier}.txt").write_text(text, encoding="utf-8")
        files = read_files([folder / f"{identifier}.txt" for identifier in AGREEMENT_TRANSCRIPTS])
        import_batch(project, files, actor="test")
        segment(project, list(SEGMENTED), actor="test", split_sentences=split_plain_sentences)
        for coder, plan in PLANS.items():
            for document, by_unit in plan.items():
                units = list_units(project, document)
                for position, codes in by_unit.items():
                    for code in codes:
                        unit = units[position - 1]
                        add_coding(project, document, code, unit.start, unit.end, coder=coder)
        start = stored_text(project, "MG61").index(QUESTION)
        add_coding(project, "MG61", "Appels manqués", start, start + len(QUESTION), coder="alice")
    finally:
        project.close()


def expected_presence(names: dict[str, str] | None = None) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per reported code name, alice's and bob's presence over the units of MG61 then MG62, from the plans."""
    names = names or {name: name for name in CODE_ORDER}
    reported = list(dict.fromkeys(names[name] for name in CODE_ORDER))
    presence = {name: ([], []) for name in reported}
    for document, count in UNIT_COUNTS.items():
        for position in range(1, count + 1):
            for side, coder in enumerate(("alice", "bob")):
                applied = {names[code] for code in PLANS[coder][document].get(position, [])}
                for name in reported:
                    presence[name][side].append(name in applied)
    return {name: (np.array(first), np.array(second)) for name, (first, second) in presence.items()}


# A second coder on the bundled study.

REFERENCE, SECOND = "thesis-000", "alice"
UNCODED_BY_REFERENCE = "MG13"
"""The only transcript without a thesis-000 coding: alice codes it once, so it is left out."""


def derive_second_coder(database: Path) -> dict[str, int]:
    """Segment MG1–MG17 of the bundled study at ``database`` (a SQLite file) and code them as
    ``alice``; returns how many codings each rule made.

    Going through thesis-000's codings in id order, the i-th one is, by ``i % 10``:
    9 dropped; 4 moved to the next sibling code (10 %); 2 kept with its end trimmed by a quarter;
    any other kept as it is. Then every 12th unit thesis-000 left uncoded gets the code of the
    closest earlier thesis-000 coding of its document, MG13's first unit gets a code (MG13 is
    coded by alice only), and one span of interviewer speech in MG2 (in no unit) is coded.
    """
    project = Project.open(database)
    try:
        segment(project, BUNDLED_TRANSCRIPTS, actor="test", split_sentences=split_plain_sentences)
        (codebook,) = [stored for stored in load_codebooks(project, every=True) if stored.name.startswith("Thèse 000")]
        tree = codebook.tree
        reference = read_tables(database).codings[REFERENCE]
        planned: dict[tuple[str, int, int, int], str] = {}

        def plan(document: str, code: int, start: int, end: int, rule: str) -> None:
            planned.setdefault((document, code, start, end), rule)

        for index, (document, code, start, end) in enumerate(reference):
            rule = index % 10
            if rule == 9:
                continue
            if rule == 4:
                siblings = tree.children(tree.codes[code].parent)
                sibling = siblings[(siblings.index(tree.codes[code]) + 1) % len(siblings)]
                plan(document, sibling.id, start, end, "moved")
            elif rule == 2:
                plan(document, code, start, end - (end - start) // 4, "trimmed")
            else:
                plan(document, code, start, end, "kept")
        uncoded = 0
        for document in BUNDLED_TRANSCRIPTS:
            earlier = [(start, code) for name, code, start, _ in reference if name == document]
            for unit in list_units(project, document):
                if any(name == document and start < unit.end and end > unit.start for name, _, start, end in reference):
                    continue
                uncoded += 1
                before = [code for start, code in sorted(earlier) if start < unit.start]
                if uncoded % 12 == 0 and before:
                    plan(document, before[-1], unit.start, unit.end, "added")
        first = list_units(project, UNCODED_BY_REFERENCE)[0]
        plan(UNCODED_BY_REFERENCE, reference[0][1], first.start, first.end, "added")
        one, two = list_units(project, "MG2")[:2]
        plan("MG2", reference[0][1], one.end + 1, two.start - 1, "outside units")
        for document, code, start, end in planned:
            add_coding(project, document, code, start, end, coder=SECOND)
    finally:
        project.close()
    rules: dict[str, int] = {}
    for rule in planned.values():
        rules[rule] = rules.get(rule, 0) + 1
    return rules
