"""``python -m workbench`` runs the ``workbench`` command."""

from workbench.cli import main

main()
