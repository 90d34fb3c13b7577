"""What a study hands over: the thematic tree (:mod:`.thematic_tree`), codings as pandas tables and
matrices (:mod:`.frames`), and the files written from them (:mod:`.exports`: Word tree, Word
transcript with comments, CSV/XLSX)."""
