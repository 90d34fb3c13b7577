"""Bringing work into a project and taking it out whole: transcripts and participant tables
(:mod:`.importing`), studies described by a manifest and the bundled study (:mod:`.study`), a
thesis's own coding as a reference coder (:mod:`.reference`), and REFI-QDA ``.qdpx`` projects
(:mod:`.qdpx_project`)."""
