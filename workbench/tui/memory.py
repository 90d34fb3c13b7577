"""Keeping Python's garbage collector from stalling keypresses."""

from __future__ import annotations

import gc


def settle_memory() -> None:
    """Collect garbage, then exempt every object alive now from later full collections.

    Called once a screen holds its document: a full collection otherwise walks every object the
    app holds (its widgets, the document's units) and stalls a keypress by tens of milliseconds.
    Objects that die later are still freed (by reference counting) when they hold no cycle.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()
