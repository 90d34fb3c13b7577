"""workbench: qualitative interview coding for health research."""

__version__ = "0.1.0"
