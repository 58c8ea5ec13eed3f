"""Debrief: a local, private assistant for interview debrief notes."""

__version__ = "0.1.0"
