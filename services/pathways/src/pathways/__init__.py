"""DLA pathways service."""
