"""Errors the parsing stage raises on input it cannot read."""


class ParsingError(ValueError):
    """The input is not a readable release (empty, binary, undecodable); the message says why."""
