"""DLA gateway: the one public entry point."""
