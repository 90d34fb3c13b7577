"""Use cases, by capability (one sub-package each); the terminal UI and the command line call these, never the storage below."""
