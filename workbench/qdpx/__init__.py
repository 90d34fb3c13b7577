"""REFI-QDA exchange files: ``.qdpx`` projects and ``.qdc`` codebooks.

* :mod:`.model`: what a ``.qdpx`` carries, as plain data, and its stable GUIDs;
* :mod:`.writer` and :mod:`.codebook_writer`: the files, byte for byte reproducible;
* :mod:`.reader` (entry points), :mod:`.archive` (the checked zip), :mod:`.elements` (hardened XML)
  and :mod:`.mapping` (elements to domain objects); :mod:`.codebook_reader` for ``.qdc``.

Pure: no database; the services store what is read.
"""
