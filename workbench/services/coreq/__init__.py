"""The COREQ checklist of a project: the stored and computed answers (:mod:`.checklist`), what the
project knows (:mod:`.facts`), their wording in French and English (:mod:`.wording`) and the
methods paragraph with the agreement (:mod:`.methods`). The 32 items and the answers' shape are in
:mod:`workbench.domain.coreq`."""
