"""``workbench import --dry-run``: what importing the files would do, printed; nothing written."""

from __future__ import annotations

from pathlib import Path

from workbench.cli.output import echo, print_json
from workbench.domain.codebook import is_codebook_file
from workbench.domain.documents import DocumentKind
from workbench.domain.errors import InputError
from workbench.domain.language import _, format_number, ngettext
from workbench.importers import LabelPatterns
from workbench.services.exchange.preview import preview_files, preview_lines

NOT_PREVIEWED = (".qdpx", ".qde", ".toml")


def check_previewable(files: list[Path]) -> None:
    """Refuse, before anything is read, the files ``--dry-run`` does not preview."""
    for path in files:
        if is_codebook_file(path) or path.suffix.lower() in NOT_PREVIEWED:
            raise InputError(
                _('--dry-run previews transcripts and participant tables only'),
                str(path),
                _('import this file without --dry-run'),
            )


def print_import_preview(
    files: list[Path],
    *,
    kind: DocumentKind | None,
    identifier: str | None,
    patterns: LabelPatterns,
    force: bool,
    json_output: bool,
) -> None:
    previews = preview_files(files, kind=kind, identifier=identifier, patterns=patterns, force=force)
    if json_output:
        print_json({"dry_run": True, "files": [preview.as_dict() for preview in previews]})
        return
    for preview in previews:
        for line in preview_lines(preview):
            echo(line)
    refused = sum(1 for preview in previews if preview.refused is not None)
    refusal = ngettext(
        "Dry run: nothing was imported; {refused} of {count} file would be refused.",
        "Dry run: nothing was imported; {refused} of {count} files would be refused.",
        len(previews),
    )
    echo(refusal.format(refused=format_number(refused), count=format_number(len(previews))))
