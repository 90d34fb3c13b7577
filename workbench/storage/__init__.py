"""Storage: the SQLModel records, the engine factory, migrations, and the reads and writes the services share (codebooks, codings, units, comparisons, row changes and the undo log)."""
