"""Writing project data to files for other tools and for the thesis: codebooks (YAML, REFI-QDA
``.qdc``, Word). Exporters are functions of plain domain objects that return the file's bytes."""
