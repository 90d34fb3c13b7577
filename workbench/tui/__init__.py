"""The terminal UI (Textual). Built by :func:`workbench.tui.app.create_app`."""
