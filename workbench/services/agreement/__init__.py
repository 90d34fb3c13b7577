"""Two coders on a project: how far they agree, where they disagree, and the consensus.

* :mod:`.comparison`: the comparison read from the project (which codes each coder applied to each
  unit of meaning, document or character);
* :mod:`.reports`: agreement at the unit, character or document level, per code and pooled;
* :mod:`.disagreements`: the units they disagree on, and settling them into the consensus coder.

The statistics themselves are :mod:`workbench.agreement`'s (pure numpy).
"""
