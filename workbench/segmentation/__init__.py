"""Cutting documents into units of meaning, and auditing them for names left in the text.

:mod:`rules` holds the segmentation rules (pure Python), :mod:`pipeline` the spaCy adapter
(spaCy is imported on first use only), :mod:`identifiers` the pure rules of the identification
audit and :mod:`audit` the audit itself.
"""
