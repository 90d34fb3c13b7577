"""Keeping a project sound: backups and the change log (:mod:`.backup`), integrity checks
(:mod:`.integrity`)."""
