"""Shared infrastructure for DLA services: no domain logic lives here."""
