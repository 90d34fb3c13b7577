"""Inter-coder agreement statistics on numpy arrays (numpy is the only dependency).

Reliability data are *coders × units*: a list of per-coder sequences or a 2-D array, ``None`` or
NaN for a missing value, any hashable categories (strings included). Every function checks its input
and raises :class:`AgreementInputError` (a :class:`ValueError`) for ragged rows, fewer than two
coders, no pairable values, an unknown level, spans outside the document or reversed.

Coefficients
    :func:`percent_agreement`, :func:`cohen_kappa`, :func:`fleiss_kappa`,
    :func:`brennan_prediger`, :func:`gwet_ac1` return an :class:`Agreement`;
    :func:`krippendorff_alpha` (nominal, ordinal, interval, ratio) returns an :class:`Alpha`.
    Each result keeps the figures needed to check it by hand and converts with ``float()``.
Coding comparison
    :func:`character_agreement`: NVivo's per-character comparison of two coders' spans, per code
    and pooled; :func:`segment_agreement`: MAXQDA's comparison of coded segments, a segment
    agreeing when the other coder's segment of the same code overlaps it enough.
Presence without joint absences
    :func:`agreement_without_joint_absences` and :func:`brennan_prediger_over_codes` (MAXQDA's
    percent agreement and κ) return a :class:`PresenceAgreement`; :func:`joint_absence_share`
    says how much of a presence/absence table is joint absences.
Two coders' 2 × 2 presence table
    :func:`table_percent_agreement`, :func:`table_cohen_kappa`, :func:`table_brennan_prediger`,
    :func:`table_gwet_ac1` and :func:`table_krippendorff_alpha` compute the same results as the
    functions above straight from the four counts of a :class:`PresenceTable`, in constant time.
Uncertainty
    :func:`bootstrap_interval`: percentile bootstrap interval over units, reproducible by seed.

Degenerate data, one convention throughout: a chance-corrected coefficient whose chance term
leaves 0/0 (one category used by everyone: chance agreement 1, or Krippendorff's expected
disagreement 0) is undefined, so ``value`` is NaN and ``undefined_reason`` says why, rather than 1
or 0. Perfect agreement with variation gives 1.0. See each module for the formulas and sources.
"""

from workbench.agreement._input import AgreementInputError, Ratings
from workbench.agreement.alpha import LEVELS, Alpha, krippendorff_alpha
from workbench.agreement.bootstrap import BootstrapInterval, bootstrap_interval
from workbench.agreement.character import (
    CharacterAgreement,
    CharacterComparison,
    Span,
    character_agreement,
)
from workbench.agreement.cohen import cohen_kappa
from workbench.agreement.kappa import (
    Agreement,
    brennan_prediger,
    fleiss_kappa,
    gwet_ac1,
    percent_agreement,
)
from workbench.agreement.presence import (
    PresenceAgreement,
    agreement_without_joint_absences,
    brennan_prediger_over_codes,
    joint_absence_share,
)
from workbench.agreement.segments import SegmentAgreement, segment_agreement, segment_overlap
from workbench.agreement.two_by_two import (
    PresenceTable,
    table_brennan_prediger,
    table_cohen_kappa,
    table_gwet_ac1,
    table_krippendorff_alpha,
    table_percent_agreement,
)

__all__ = [
    "LEVELS",
    "Agreement",
    "AgreementInputError",
    "Alpha",
    "BootstrapInterval",
    "CharacterAgreement",
    "CharacterComparison",
    "PresenceAgreement",
    "PresenceTable",
    "Ratings",
    "SegmentAgreement",
    "Span",
    "agreement_without_joint_absences",
    "bootstrap_interval",
    "brennan_prediger",
    "brennan_prediger_over_codes",
    "character_agreement",
    "cohen_kappa",
    "fleiss_kappa",
    "gwet_ac1",
    "joint_absence_share",
    "krippendorff_alpha",
    "percent_agreement",
    "segment_agreement",
    "segment_overlap",
    "table_brennan_prediger",
    "table_cohen_kappa",
    "table_gwet_ac1",
    "table_krippendorff_alpha",
    "table_percent_agreement",
]
