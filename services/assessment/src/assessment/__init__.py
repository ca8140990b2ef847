"""Assessment: the competence framework, the item bank and the adaptive diagnostic."""
