"""Use cases that combine importers, storage and the domain; the CLI and the TUI call these."""
