"""The language of every word shown to the user: gettext catalogues and Babel's locale formatting.

Texts are written in English in the code, marked with :func:`_` (or :func:`ngettext` where a count
decides the form, :func:`counted` for a count before its noun, :func:`N_` where a text is only
defined here and translated where it is shown)
and looked up in ``workbench/locale/<language>/LC_MESSAGES/workbench.mo``; a text without a
translation is shown in English. The language is the *current* one, held in a context variable the
front ends set (:func:`use_language`): the command line follows the locale (:func:`locale_language`),
the terminal UI and the exports the project's ``language`` setting. Threads that do not inherit the
context (Textual's thread workers) ask :data:`language_sources`, where a front end says how it
finds its language there. Numbers and month names go through Babel for the same language.

How the catalogues are extracted, updated and compiled: ``docs/architecture.md`` (Translation).
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import get_month_names
from babel.numbers import format_decimal, format_percent

DOMAIN = "workbench"
LOCALE_FOLDER = Path(__file__).resolve().parent.parent / "locale"
ENGLISH = "en"
"""The source language: the texts as written in the code."""
LANGUAGES = (ENGLISH, "fr")
"""The languages with a catalogue (English needs none)."""

current: ContextVar[str | None] = ContextVar("workbench_language", default=None)
"""The language set by :func:`use_language` in this context (``None``: not set here)."""
language_sources: list[Callable[[], str | None]] = []
"""Where the language is found when the context holds none (a thread worker of the terminal UI)."""


def language_code(setting: str | None) -> str:
    """The language for a setting or a locale name: ``fr`` for ``fr``, ``fr-FR``, ``fr_FR.UTF-8``;
    English for none, ``C``, ``POSIX`` and a language without a catalogue."""
    code = (setting or ENGLISH).replace("-", "_").split("_")[0].split(".")[0].lower()
    return code if code in LANGUAGES else ENGLISH


def locale_language(environment: Mapping[str, str] | None = None) -> str:
    """The language of the locale, as gettext reads it: the first of ``LC_ALL``, ``LC_MESSAGES``,
    ``LANG`` that is set, unless ``LANGUAGE`` (a list) names one; English when none is set, and for
    ``C``/``POSIX`` whatever ``LANGUAGE`` says."""
    environment = os.environ if environment is None else environment
    locale = next((environment[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if environment.get(name)), "C")
    if locale.split(".")[0] in ("C", "POSIX"):
        return ENGLISH
    return language_code(environment.get("LANGUAGE", "").split(":")[0] or locale)


def current_language() -> str:
    """The language of this context: the one set by :func:`use_language`, else the first a
    :data:`language_sources` entry gives, else English."""
    language = current.get()
    if language is None:
        language = next((found for source in language_sources if (found := source())), None)
    return language or ENGLISH


@contextmanager
def use_language(setting: str | None) -> Iterator[str]:
    """Speak ``setting``'s language (:func:`language_code`) inside the block; gives the language."""
    language = language_code(setting)
    token = current.set(language)
    try:
        yield language
    finally:
        current.reset(token)


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``language`` (none for English: the texts stay as written)."""
    if language == ENGLISH:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_FOLDER, [language], fallback=True)


def _(message: str) -> str:
    """``message`` in the current language (an empty message stays empty, not the catalogue's header)."""
    return translations(current_language()).gettext(message) if message else message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of ``singular``/``plural`` for ``count`` in the current language (its plural rule)."""
    return translations(current_language()).ngettext(singular, plural, count)


def counted(count: int, singular: str, plural: str) -> str:
    """``count`` before its noun in the form the current language gives it: ``counted(1, "{count}
    coding", "{count} codings")`` reads ``1 coding``, ``1 codage`` in French (also for 0), with the
    number written by :func:`format_number`. A sentence holding several counts places each counted
    phrase into it as a value."""
    return ngettext(singular, plural, count).format(count=format_number(count))


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it here (it is translated where shown)."""
    return message


def translate(message: str, language: str) -> str:
    """``message`` in ``language`` (``fr``, ``fr-FR``…), whatever the current language; an empty
    message stays empty (gettext would give the catalogue's header)."""
    return translations(language_code(language)).gettext(message) if message else message


def format_number(number: float, digits: int | None = None) -> str:
    """``number`` with the current language's separators: ``19,267`` in English, ``19 267`` in French;
    with exactly ``digits`` decimals when given."""
    pattern = None if digits is None else ("#,##0." + "0" * digits if digits else "#,##0")
    return format_decimal(number, format=pattern, locale=current_language())


def format_share(share: float, digits: int | None = 1) -> str:
    """``share`` (0 to 1) as a percentage: ``12.5%`` in English, ``12,5 %`` in French; with exactly
    ``digits`` decimals, or as many as it needs up to three when ``digits`` is ``None``."""
    language = current_language()
    decimals = "0." + ("###" if digits is None else "0" * digits) if digits != 0 else "0"
    pattern = Locale.parse(language).percent_formats[None].pattern.replace("0", decimals, 1)
    return format_percent(share, format=pattern, locale=language)


def language_name(code: str) -> str:
    """The name of the language ``code`` in the current language: ``français``, ``French``."""
    return str(Locale.parse(code).get_language_name(current_language()))


def month_abbreviation(month: int) -> str:
    """The short name of ``month`` (1 to 12) in the current language: ``Dec``, ``déc.``."""
    return str(get_month_names("abbreviated", locale=current_language())[month])
