"""The project's one exception root, and the errors the parsing stage raises on input it cannot read.

Every error the project raises on purpose derives from `PlenaryError`, whose message is meant for the user
(what went wrong and what to do next); the CLI catches `PlenaryError` and nothing broader. The root lives
here because `parsers` imports nothing else of the project: `warehouse`, `expectations` and `flows` all
reach it without a cycle.
"""


class PlenaryError(Exception):
    """A failure the user can act on; `str(error)` says what went wrong and what to do next."""


class ParsingError(PlenaryError, ValueError):
    """The input is not a readable release (empty, binary, undecodable); the message says why."""


class ParseBudgetExceeded(ParsingError):
    """Parsing one document took longer than its time budget (`parsers.budget`); `seconds` is the budget."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"parsing took longer than the {seconds:g} s budget per document")
        self.seconds = seconds


class DiscoveryError(PlenaryError, ValueError):
    """A feed or index page that cannot be read (`parsers.sites`); the message says why."""
