"""Looking at the coded corpus: data sufficiency (:mod:`.saturation`) and corpus search by form,
lemma or word family, with coding of what was found (:mod:`.search`)."""
