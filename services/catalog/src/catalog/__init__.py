"""Catalog: learning items and workshops, multilingual and tagged with competences."""
