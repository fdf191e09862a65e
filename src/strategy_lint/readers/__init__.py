"""Readers: each turns one file format into the document model.  Each is a plugin."""
