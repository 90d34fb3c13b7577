"""Text as the suggestions compare it: case, accents and apostrophes aside, in any language."""

from __future__ import annotations

import re
import unicodedata

APOSTROPHES = re.compile(r"[’'`ʼ]")
WORD = re.compile(r"\w+")


def folded(text: str) -> str:
    """``text`` in lower case without accents, apostrophes as spaces (``l’AM`` and ``l'am`` alike)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return APOSTROPHES.sub(" ", "".join(character for character in decomposed if not unicodedata.combining(character)))


def words(text: str) -> list[str]:
    """The words of ``text`` as written (letters and digits in any script)."""
    return WORD.findall(text)
