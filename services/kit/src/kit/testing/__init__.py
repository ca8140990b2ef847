"""Test support: a real PostgreSQL, real migrations, one rolled-back transaction per test."""
