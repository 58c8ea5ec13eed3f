"""Domain records, settings, errors and text utilities: no heavy dependencies."""
