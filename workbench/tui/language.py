"""The terminal UI in the project's language: French when the project's language is French.

Strings are written in English in the code and looked up in the gettext catalogue
(:mod:`workbench.domain.language`) in the interface language (:func:`text`); a string without a
translation is shown in English. The interface language is the running app's (its
``interface_language``), so that two apps in one process keep their own: the app speaks it in its
own context (``WorkbenchApp``), and a thread worker, which does not inherit that context, finds it
through the worker's app (:func:`interface_language`, one of the domain's ``language_sources``).
Key descriptions (footer, help, command palette) are translated when each screen is made
(:class:`Localised`).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import Any

from textual import active_app
from textual.binding import Binding
from textual.worker import active_worker

from workbench.domain.language import ENGLISH, language_code, language_sources
from workbench.domain.language import translate as in_language_of

__all__ = ["ENGLISH", "Localised", "interface_language", "language_code", "text", "translate"]


def interface_language() -> str:
    """The language of the app running here (in its thread or one of its thread workers); English
    when no app runs."""
    return app_language() or ENGLISH


def app_language() -> str | None:
    """The language of the app of this thread or of this thread worker, if any."""
    app = active_app.get(None)
    if app is None:
        worker = active_worker.get(None)
        app = getattr(getattr(worker, "node", None), "app", None) if worker is not None else None
    return getattr(app, "interface_language", None)


language_sources.append(app_language)


def translate(english: str, language: str, **values: object) -> str:
    """``english`` in ``language`` (``fr``, ``fr-FR``…; kept in English without a translation there),
    with ``values`` filled in."""
    translated = in_language_of(english, language)
    return translated.format(**values) if values else translated


def text(english: str, **values: object) -> str:
    """``english`` in the interface language, with ``values`` filled in."""
    return translate(english, interface_language(), **values)


class Localised:
    """A screen whose key descriptions are in the interface language (mix in before Screen).

    Textual takes a screen's keys from its class (``BINDINGS``): a screen made while the interface is
    in French is an instance of a subclass of the same name whose keys are described in French.
    """

    def __new__(cls, *arguments: object, **options: object) -> Any:
        return super().__new__(in_language(getattr(cls, "untranslated", cls), interface_language()))


@cache
def in_language(screen: type, language: str) -> type:
    """``screen`` with its keys described in ``language``: a subclass where it has translations."""
    if language == ENGLISH:
        return screen
    bindings = [
        replace(binding, description=translate(binding.description, language)) if isinstance(binding, Binding) else binding
        for binding in screen.BINDINGS
    ]
    namespace = {"BINDINGS": bindings, "untranslated": screen, "__module__": screen.__module__, "__qualname__": screen.__qualname__}
    return type(screen)(screen.__name__, (screen,), namespace)
