"""Exceptions the CLI and UI turn into clear messages (exit code 2)."""


class UserError(Exception):
    """The user's input or situation is wrong; the message says what to do."""


class NotFound(UserError):
    """An unknown debrief id."""


class ModelError(UserError):
    """The model file is missing, truncated or unreadable."""


class StorageError(UserError):
    """The data dir cannot be written (read-only, disk full)."""
