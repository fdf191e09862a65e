"""strategy-lint."""
