"""Domain errors. Each message is one line a user reads: what went wrong and what to do next."""

from __future__ import annotations


class QuotedbError(Exception):
    """Base class: the CLI turns these into a one-line error and exit status 1."""


class InputError(QuotedbError):
    """An input file or record cannot be read as an article."""


class DatabaseError(QuotedbError):
    """The database cannot be opened, migrated or written.

    ``transient`` marks what waiting may cure (a lock held too long by another writer, a
    deadlock victim), as opposed to what the data or the schema causes. ``fatal`` marks what
    fails every write alike (a full disk, a lost connection to the server): a run stops there.
    """

    def __init__(self, message: str, *, transient: bool = False, fatal: bool = False) -> None:
        super().__init__(message)
        self.transient = transient
        self.fatal = fatal


class ReadOnlyViolation(QuotedbError):
    """A query given to ``quotedb sql`` tried to change something."""


class QueryError(QuotedbError):
    """A query or search could not run (syntax, timeout, unknown name)."""


class NotFound(QuotedbError):
    """The statement, speaker, claim or article asked for does not exist."""
