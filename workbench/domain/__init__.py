"""The pure domain core: plain data and rules, no UI, database or NLP import.

Everything else (storage, importers, segmentation, agreement, export, CLI, TUI)
depends on this package; it depends on nothing but the standard library.
"""

from workbench.domain.documents import DocumentKind, ParsedDocument, SpeakerRole, Turn
from workbench.domain.errors import InputError, WorkbenchError
from workbench.domain.participants import AttributeType, Participant
from workbench.domain.text import checksum, count_words, normalise_text

__all__ = [
    "AttributeType",
    "DocumentKind",
    "InputError",
    "ParsedDocument",
    "Participant",
    "SpeakerRole",
    "Turn",
    "WorkbenchError",
    "checksum",
    "count_words",
    "normalise_text",
]
