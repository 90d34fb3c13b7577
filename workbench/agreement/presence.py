"""Agreement on the presence of codes when joint absences are left out, as MAXQDA reports it.

Two coders' presence/absence decisions on one code (or pooled over codes) form a 2 × 2 table:
``both`` (both applied it), ``a_only``, ``b_only`` and ``neither`` (a joint absence). When most
decisions are joint absences (a code applied to few units of many), percent agreement, Brennan–
Prediger and AC1 approach 1 whatever the coders did where the code was applied. MAXQDA's
intercoder agreement therefore counts only where at least one coder applied the code:

* **agreement without joint absences** ``p = both / (both + a_only + b_only)``, the share of the
  decisions where either coder applied the code on which both did (MAXQDA's percent agreement);
* **Brennan–Prediger over the codes** ``(p − 1/q) / (1 − 1/q)``, with chance agreement ``1/q`` for
  ``q`` codes (MAXQDA's κ, after Brennan & Prediger 1981: a coder choosing at random among ``q``
  codes agrees by chance with probability ``1/q``).

:func:`joint_absence_share` says how much of a table is joint absences, so that a report can say
when a figure is dominated by them.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

from workbench.agreement._input import N_, AgreementInputError
from workbench.agreement.kappa import chance_corrected

NO_PRESENCE = N_("neither coder applied the code: no decision is left once joint absences are left out")


@dataclass(frozen=True)
class PresenceAgreement:
    """A figure computed on the decisions where at least one coder applied the code.

    ``value = (observed_agreement − chance_agreement) / (1 − chance_agreement)``.
    """

    coefficient: str
    value: float
    observed_agreement: float
    """``both / presences``."""
    chance_agreement: float
    both: int
    presences: int
    """``both + a_only + b_only``: the decisions where either coder applied the code."""
    category_count: int | None = None
    """``q``, the number of codes, for Brennan–Prediger over the codes."""
    undefined_reason: str | None = None

    def __float__(self) -> float:
        return self.value


def agreement_without_joint_absences(both: int, a_only: int, b_only: int) -> PresenceAgreement:
    """``both / (both + a_only + b_only)``: NaN, with the reason, when neither coder applied the code."""
    presences = _presences(both, a_only, b_only)
    if presences == 0:
        return PresenceAgreement("agreement without joint absences", math.nan, math.nan, 0.0, both, 0, None, NO_PRESENCE)
    observed = both / presences
    return PresenceAgreement("agreement without joint absences", observed, observed, 0.0, both, presences)


def brennan_prediger_over_codes(both: int, a_only: int, b_only: int, codes: int) -> PresenceAgreement:
    """Brennan–Prediger on the agreement without joint absences, with chance ``1/codes``."""
    if isinstance(codes, bool) or not isinstance(codes, numbers.Integral) or codes < 1:
        raise AgreementInputError(f"the number of codes must be a positive integer, not {codes!r}")
    observed = agreement_without_joint_absences(both, a_only, b_only)
    chance = 1 / int(codes)
    if observed.undefined_reason:
        value, reason = math.nan, observed.undefined_reason
    else:
        value, reason = chance_corrected(observed.observed_agreement, chance)
    return PresenceAgreement(
        "Brennan-Prediger over the codes", value, observed.observed_agreement, chance, both, observed.presences, int(codes), reason
    )


def joint_absence_share(both: int, a_only: int, b_only: int, neither: int) -> float:
    """The share of the decisions that are joint absences (NaN when there is no decision)."""
    if isinstance(neither, bool) or not isinstance(neither, numbers.Integral) or neither < 0:
        raise AgreementInputError(f"joint absences must be a count, not {neither!r}")
    total = _presences(both, a_only, b_only) + int(neither)
    return math.nan if total == 0 else int(neither) / total


def _presences(both: int, a_only: int, b_only: int) -> int:
    for name, count in (("both", both), ("a_only", a_only), ("b_only", b_only)):
        if isinstance(count, bool) or not isinstance(count, numbers.Integral) or count < 0:
            raise AgreementInputError(f"{name} must be a count, not {count!r}")
    return int(both) + int(a_only) + int(b_only)
