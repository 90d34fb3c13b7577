"""Text normalisation, word counting and checksums.

Positions everywhere in workbench are half-open Unicode code-point offsets into
the document text normalised to LF line ends and NFC, as REFI-QDA counts them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from workbench.domain.language import N_

WORD_PATTERN = re.compile(r"\w+(?:['’]\w+)*")
"""A word: letters or digits, elided forms kept whole (``l’assistant`` is one word)."""

WORD_RULE = N_(
    "words are matches of \\w+(?:['’]\\w+)* in the speech of each turn (speaker labels excluded); "
    "elided forms such as l’assistant count as one word"
)


def normalise_text(text: str) -> str:
    """Return ``text`` with CRLF/CR turned into LF and composed to NFC."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def count_words(text: str) -> int:
    """Count words with :data:`WORD_PATTERN`."""
    return sum(1 for _ in WORD_PATTERN.finditer(text))


def shortened(text: str, limit: int | None) -> str:
    """``text`` cut to ``limit`` characters, the last one ``…`` (``None``: whole)."""
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"


def one_line(text: str) -> str:
    """``text`` with every run of spaces and line ends as one space."""
    return " ".join(text.split())


def checksum(text: str) -> str:
    """SHA-256 of the UTF-8 encoded text, as hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def natural_key(identifier: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key putting ``MG2`` before ``MG10``."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part)
        for part in re.split(r"(\d+)", identifier)
        if part
    )
