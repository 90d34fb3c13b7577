"""``python -m workbench`` runs the ``workbench`` command."""

from workbench.main import main

main()
