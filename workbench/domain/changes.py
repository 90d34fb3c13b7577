"""The change log's actions and tables as a person reads them: ``code.renamed`` is « code renommé »
in a French toast or refusal. The log itself keeps the identifiers (``workbench log --json``)."""

from __future__ import annotations

from workbench.domain.language import N_, _

ACTIONS = {
    "code.added": N_("code added"),
    "code.renamed": N_("code renamed"),
    "code.edited": N_("code changed"),
    "code.moved": N_("code moved"),
    "code.merged": N_("codes merged"),
    "code.split": N_("code split"),
    "code.deleted": N_("code deleted"),
    "code.undone": N_("change undone"),
    "code.redone": N_("change redone"),
    "coding.added": N_("code applied"),
    "coding.removed": N_("code removed"),
}
"""What each action of the change log did, by its identifier."""
TABLES = {"code": N_("code"), "coding": N_("coding"), "document": N_("document"), "unit": N_("unit"), "memo": N_("memo")}
"""The rows a change touches, by table."""


def action_name(action: str) -> str:
    """What ``action`` did, in the current language (an action without a name is shown as logged)."""
    return _(ACTIONS[action]) if action in ACTIONS else action


def table_name(table: str) -> str:
    """The kind of row ``table`` holds, in the current language (as stored when it has no name)."""
    return _(TABLES[table]) if table in TABLES else table
