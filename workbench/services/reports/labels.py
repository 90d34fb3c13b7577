"""How tables and Word documents head the participants' attributes, in each language.

An attribute is headed by the label set for it in that language (the project setting
``attribute.<name>.label.<language>``, set with ``workbench participants label``), else by its usual
label translated (:func:`workbench.domain.participants.attribute_label`: ``practice_type`` is
« type d’exercice » in French). Table files are written in the project's language (its ``language``
setting, :func:`workbench.services.projects.project_language`), the thematic tree in its codebook's.
"""

from __future__ import annotations

import unicodedata

from sqlmodel import Session, select

from workbench.domain.errors import InputError, NotFoundError
from workbench.domain.language import LANGUAGES, _, language_code, translate, use_language
from workbench.domain.participants import attribute_label
from workbench.domain.terminal_text import ANY_CONTROL, shown_character, visible
from workbench.services.projects import project_language
from workbench.services.reports.frames import COLUMN_LABELS
from workbench.storage.project import Project, log_change, write_setting
from workbench.storage.queries import attribute_types
from workbench.storage.records import SettingRecord
from workbench.storage.row_changes import RowChanges

LABELLED = "attribute.labelled"
LABEL_CLEARED = "attribute.label_cleared"
LONGEST_LABEL = 80


def label_setting(name: str, language: str) -> str:
    return f"attribute.{name}.label.{language}"


def attribute_labels(project: Project, language: str) -> dict[str, str]:
    """Every attribute's label in ``language``, by name, in column order."""
    language = language_code(language)
    with project.session() as session:
        names = list(attribute_types(session))
        chosen = _chosen_labels(session, language)
    with use_language(language):
        return {name: chosen.get(name) or attribute_label(name) for name in names}


def set_labels(project: Project, language: str) -> dict[str, str]:
    """The labels set with ``workbench participants label`` in ``language``, by attribute name."""
    with project.session() as session:
        return _chosen_labels(session, language_code(language))


def _chosen_labels(session: Session, language: str) -> dict[str, str]:
    """The labels set in ``language``, by attribute name."""
    suffix = f".label.{language}"
    rows = session.exec(select(SettingRecord).where(SettingRecord.key.startswith("attribute.")))
    return {record.key.removeprefix("attribute.").removesuffix(suffix): record.value for record in rows if record.key.endswith(suffix)}


def label_language(language: str | None, project: Project) -> str:
    """``language`` (``fr``, ``fr-FR``…) as a catalogue's code, the project's when not given;
    refused when no catalogue speaks it."""
    if language is None:
        return project_language(project)
    code = language.replace("-", "_").split("_")[0].lower()
    if code not in LANGUAGES:
        raise InputError(_('no labels in {language!r}').format(language=language), "--language", _('give one of {join}').format(join=', '.join(LANGUAGES)))
    return code


def set_attribute_label(project: Project, name: str, label: str, *, language: str | None = None, actor: str) -> str:
    """Head the attribute ``name`` with ``label`` in ``language`` (default: the project's); gives
    the label as stored (spaces collapsed). Refused for an unknown attribute, an empty label, one
    with a control character, or one another column of the codings table already has."""
    language = label_language(language, project)
    label = " ".join(unicodedata.normalize("NFC", label).split())
    if not label:
        raise InputError(_('empty label for {name!r}').format(name=name), "LABEL", _('type the label, or --reset to go back to the usual one'))
    if control := ANY_CONTROL.search(label):
        raise InputError(
            _('the label {visible!r} holds an invisible control character ({shown_character})').format(visible=visible(label), shown_character=shown_character(control.group())),
            "LABEL", _('remove it from the label'),
        )  # fmt: skip
    if len(label) > LONGEST_LABEL:
        raise InputError(_('a label of {count} characters').format(count=len(label)), "LABEL", _('keep it to {count} characters').format(count=LONGEST_LABEL))
    with project.transaction() as session:
        _check_attribute(session, name)
        taken = _taken_headers(session, name, language)
        if label.casefold() in taken:
            raise InputError(_('{label!r} already heads another column').format(label=label), "LABEL", _('choose another label'))
        record = session.get(SettingRecord, label_setting(name, language))
        previous = record.value if record else None
        if previous != label:
            write_setting(session, label_setting(name, language), label)
            log_change(session, actor, LABELLED, "attribute", name, {"language": language, "label": label, "previous": previous})
    return label


def clear_attribute_label(project: Project, name: str, *, language: str | None = None, actor: str) -> bool:
    """Head ``name`` with its usual label again in ``language``; whether a label was set."""
    language = label_language(language, project)
    with project.transaction() as session:
        _check_attribute(session, name)
        record = session.get(SettingRecord, label_setting(name, language))
        if record is None:
            return False
        previous = record.value
        RowChanges(session).delete("setting", label_setting(name, language))
        log_change(session, actor, LABEL_CLEARED, "attribute", name, {"language": language, "previous": previous})
    return True


def _check_attribute(session: Session, name: str) -> None:
    known = list(attribute_types(session))
    if name not in known:
        raise NotFoundError(
            _('no participant attribute {attribute!r}').format(attribute=name), "NAME",
            _('the attributes are: {value}').format(value=', '.join(known) or 'none'),
        )  # fmt: skip


def _taken_headers(session: Session, name: str, language: str) -> set[str]:
    """The headers (casefolded) of the codings table's other columns in ``language``."""
    chosen = _chosen_labels(session, language)
    with use_language(language):
        others = [chosen.get(other) or attribute_label(other) for other in attribute_types(session) if other != name]
    return {header.casefold() for header in [*others, *(translate(label, language) for label in COLUMN_LABELS.values())]}
