"""Exceptions that library code raises; the CLI turns each into one line on stderr."""
from __future__ import annotations


class KBError(Exception):
    """Base of every error a user can cause or fix; never shown with a traceback."""


class InputError(KBError):
    """Bad input: names the file and, when known, the line or record."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        self.path = path
        self.line = line
        self.reason = message
        where = path or "<input>"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {message}")


class ModelNotFound(KBError):
    pass


class DatabaseError(KBError):
    pass


class ReadOnlyError(KBError):
    pass
