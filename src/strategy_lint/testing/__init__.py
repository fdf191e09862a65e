"""Helpers for testing rules and records (see docs/writing-plugins.md)."""
