"""Coding documents: codings (:mod:`.codings`: add, remove, read, mark done and reveal), what the
person at the keyboard may read of them (:mod:`.visibility`: blind coding, for every view), units
of meaning (:mod:`.units`: segment, split, merge, the identification audit), memos
(:mod:`.memos`) and what the coding screen works on (:mod:`.workspace`)."""
