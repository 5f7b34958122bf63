"""Errors the parsing stage raises on input it cannot read."""


class ParsingError(ValueError):
    """The input is not a readable release (empty, binary, undecodable); the message says why."""


class ParseBudgetExceeded(ParsingError):
    """Parsing one document took longer than its time budget (`parsers.budget`); `seconds` is the budget."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"parsing took longer than the {seconds:g} s budget per document")
        self.seconds = seconds
