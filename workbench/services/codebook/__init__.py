"""A project's codebooks: editing the code tree (:mod:`.operations`: add, rename, edit, move;
:mod:`.merge`: merge, split, delete), importing a codebook file (:mod:`.importing`) and writing
one (:mod:`.export`).

How codebooks are stored and read back lives below, in :mod:`workbench.storage.codebooks`; undo
and redo in :mod:`workbench.storage.history`.
"""
