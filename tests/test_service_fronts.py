"""Services take a ``Project`` (or plain values), never a ``Session``: sessions stay private below them."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import workbench.services

SERVICES = Path(workbench.services.__file__).parent


def public_session_parameters(source: str, module: str) -> Iterator[str]:
    """``module.function`` (or ``module.Class.method``) for each public one with a parameter
    whose annotation mentions ``Session``."""

    def visit(node: ast.AST, prefix: str) -> Iterator[str]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef) and not child.name.startswith("_"):
                yield from visit(child, f"{prefix}{child.name}.")
            elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) and not child.name.startswith("_"):
                arguments = child.args
                every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs, arguments.vararg, arguments.kwarg]
                annotations = [argument.annotation for argument in every if argument and argument.annotation]
                if any("Session" in ast.unparse(annotation) for annotation in annotations):
                    yield f"{module}.{prefix}{child.name}"

    yield from visit(ast.parse(source), "")


def service_modules() -> Iterator[tuple[str, str]]:
    for path in sorted(SERVICES.rglob("*.py")):
        module = ".".join(path.relative_to(SERVICES.parent.parent).with_suffix("").parts)
        yield path.read_text(encoding="utf-8"), module


def test_no_public_service_function_takes_a_session() -> None:
    offenders = [name for source, module in service_modules() for name in public_session_parameters(source, module)]
    assert not offenders, "public service functions taking a Session (make them private or move them to storage/):\n" + "\n".join(offenders)


def test_the_check_finds_a_planted_session_parameter() -> None:
    source = '''
from sqlmodel import Session

def count(session: Session, name: str) -> int: ...
def _private(session: Session) -> None: ...
def keyword_only(project, *, session: "Session | None" = None) -> None: ...
def plain(project, name: str) -> None: ...

class Reader:
    def read(self, session: Session) -> None: ...
    def _read(self, session: Session) -> None: ...

class _Hidden:
    def read(self, session: Session) -> None: ...
'''
    assert list(public_session_parameters(source, "planted")) == [
        "planted.count",
        "planted.keyword_only",
        "planted.Reader.read",
    ]
