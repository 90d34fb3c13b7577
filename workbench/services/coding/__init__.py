"""Coding documents: codings (:mod:`.codings`: add, remove, read, blind coding and reveal), units
of meaning (:mod:`.units`: segment, split, merge, the identification audit), memos
(:mod:`.memos`) and what the coding screen works on (:mod:`.workspace`)."""
