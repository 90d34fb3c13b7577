"""Storage: SQLModel tables, the engine factory, migrations and the repository."""
