"""Which English of the catalogue a text holds: for the tests that check that a French project (its
screens, toasts, files) and the command line under a French locale show no English.

Two checks, both against the French catalogue (``workbench/locale/fr/LC_MESSAGES/workbench.po``):

- **English-only words** (:func:`english_words`): the words of the English texts (msgids) that no
  French text (msgstr) uses, less :data:`ALSO_FRENCH`. A single word is enough (``Save``, ``vs``,
  ``Unit``). Words both languages write (``code``, ``document``, ``coder`` the French verb) cannot
  be told apart this way: the fragments catch them in their English phrases.
- **English fragments** (:func:`english_fragments`): each run of three words or more of an English
  text, between its placeholders, that its French text does not hold.

Command-line syntax is set aside on both sides (option names with their value, ``--level unit``,
text between backticks, paths), and so are words cut to fit (``une so…``). Names of people,
documents and codes are data: a data word that is also an English-only word would need to be added
to :data:`ALSO_FRENCH` (none in the bundled study but those listed).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from babel.messages.pofile import read_po

from workbench.domain.language import LOCALE_FOLDER

CATALOGUE = LOCALE_FOLDER / "fr" / "LC_MESSAGES" / "workbench.po"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
SYNTAX = re.compile(r"`[^`]*`|--[\w-]+(?:[ =](?!--)\S+)?|\S*/\S*|[^\W\d_]*…[^\W\d_]*")
"""What is no word of a sentence: command-line syntax (```workbench import FILE```, ``--level
unit``, ``--db=PATH``), paths (``/tmp/pytest-of-root/…``), a word cut to fit (``une so…``)."""
BORROWED = re.compile(r"\bin\W+vivo\b", re.IGNORECASE)
"""Latin both languages write: ``in`` of ``in vivo`` is no French word (« 86 unités in 1 document »
is English)."""
WORD = re.compile(r"[^\W\d_]{2,}")
"""A word: two letters or more (a single letter is a key, ``A``/``B`` a side, ``n`` a count)."""
ALSO_FRENCH = frozenset({
    "an", "as", "but", "chance", "change", "comment", "contents", "global", "min", "minimum", "occurrence", "pair", "parts", "pass",
    "points", "positive", "second", "standard", "top",
    "fr", "guids", "ids", "nnn", "qde", "sqlalchemy", "stdout", "taguette", "ui",
})  # fmt: skip
"""English-only words of the catalogue that a French text may hold: French words too (``un an``,
``comment``, ``but``, ``contents``, ``second``, ``c’est top``, all in the bundled study's transcripts), and names
read the same in both languages (``ids``, ``stdout``, ``Taguette``)."""


def messages() -> Iterator[tuple[list[str], list[str]]]:
    """Each translated entry of the French catalogue: its English texts (singular, plural) and its
    French ones (an entry still without French is ``tests/test_catalogue.py``'s to report)."""
    with CATALOGUE.open("rb") as catalogue:
        for message in read_po(catalogue):
            if message.id:
                english = [message.id] if isinstance(message.id, str) else list(message.id)
                french = [message.string] if isinstance(message.string, str) else list(message.string)
                if all(french):
                    yield english, french


def words(shown: str, acronyms: bool = True) -> set[str]:
    """The words of ``shown`` (lower case), its placeholders, command-line syntax and Latin left
    out, and without ``acronyms`` its words in capitals (``l’HAD``, hospitalisation à domicile)."""
    prose = BORROWED.sub(" ", SYNTAX.sub(" ", PLACEHOLDER.sub(" ", shown)))
    return {word.lower() for word in WORD.findall(prose) if acronyms or not word.isupper()}


@cache
def english_words() -> frozenset[str]:
    """The words of the English texts that no French text uses, less :data:`ALSO_FRENCH`."""
    english, french = set(), set()
    for english_texts, french_texts in messages():
        english.update(*map(words, english_texts))
        french.update(*map(words, french_texts))
    return frozenset(english - french - ALSO_FRENCH)


@cache
def english_fragments() -> frozenset[str]:
    """The English texts the French catalogue translates otherwise, as they would show: each run of
    words between placeholders that has three words or more (shorter ones, ``code`` or ``id``,
    would also match names and data)."""
    fragments = set()
    for english, french in messages():
        for text in english:
            for fragment in PLACEHOLDER.split(text):
                fragment = fragment.strip(" .,:;()—·\n")
                if len(fragment.split()) >= 3 and not any(fragment in translated for translated in french):
                    fragments.add(fragment)
    return frozenset(fragments)


def english_in(shown: str) -> list[str]:
    """The English of the catalogue found in ``shown``: its English-only words, then its fragments."""
    flat = " ".join(shown.replace("\u00a0", " ").replace("\u202f", " ").split())
    found_words = sorted(words(flat, acronyms=False) & english_words())
    return found_words + sorted(fragment for fragment in english_fragments() if fragment in flat)
