"""Bounded work per input (issue 12): the limits that keep any input's parse short, and a time budget.

Any input up to the 5 MiB a file or a fetched body may have parses in at most 2 s, in bounded memory, whatever
its shape; `plenary bench` measures it on hostile inputs (`flows.bench.hostile`). Every step of the parse is
linear in its input, and these limits bound what it reads:

- a release of more than `MAX_LINES` non-blank lines is refused (`ParsingError`), and an HTML page of more
  than `MAX_TAGS` tags and comments (`parsers.forms.markup.bound_markup`);
- in a page of more than a thousand tags, elements nested more than `MAX_DEPTH` deep are read as the text of
  the element at that depth (an HTML5 parser's work grows with the square of the nesting), and the
  formatting elements are simplified (`parsers.forms.markup.bound_markup`);
- the sentence rules (meeting facts, attendees, agreements, categories) read at most `RULE_TEXT_LIMIT`
  characters of a paragraph, and at most `RULE_PARAGRAPHS` paragraphs or `RULE_CHARACTERS` characters of
  the part of a release they read (`clip`, `rule_texts`); real paragraphs are far shorter.

The time budget is the backstop: `parse_document(..., budget=10)` sets a deadline (a context variable, so
that the parse's functions need no extra argument) which its loops check every few thousand steps
(`check`); a parse past it raises `ParseBudgetExceeded`, a `ParsingError`. The check is cooperative: it runs
between steps, so a single step (lexbor building the tree, one regular expression on one paragraph) is
bounded by the limits above, not by the budget.
"""
from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from .errors import ParseBudgetExceeded, ParsingError

__all__ = ["ParseBudgetExceeded", "MAX_LINES", "MAX_TAGS", "MAX_DEPTH", "RULE_TEXT_LIMIT", "RULE_PARAGRAPHS",
           "RULE_CHARACTERS", "CHECK_EVERY",
           "deadline", "check", "clip", "rule_texts", "too_many_lines"]

MAX_LINES = 120_000  # non-blank lines a release may have (a press release has a few hundred)
MAX_TAGS = 450_000  # tags an HTML page may have, runs of `<br>` cut to 8 (a release page has a few hundred)
MAX_DEPTH = 256  # elements open at once in a page of many tags; deeper ones are read as their text
RULE_TEXT_LIMIT = 20_000  # characters of a paragraph that the sentence rules read (the longest real: ~3,000)
RULE_PARAGRAPHS = 1_000  # paragraphs that one sentence rule reads (attendees: intro and closing, ...)
RULE_CHARACTERS = 100_000  # characters that one sentence rule reads, over those paragraphs
CHECK_EVERY = 4096  # loop steps between two looks at the clock

_deadline: ContextVar[tuple[float, float] | None] = ContextVar("parse_deadline", default=None)


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Parse within `seconds` from now (None: no budget); nested budgets keep the earlier deadline."""
    if seconds is None:
        yield
        return
    if not seconds > 0:
        raise ValueError(f"a parse budget is a number of seconds > 0, got {seconds!r}")
    outer = _deadline.get()
    mine = (time.monotonic() + seconds, seconds)
    token = _deadline.set(mine if outer is None or outer[0] > mine[0] else outer)
    try:
        yield
    finally:
        _deadline.reset(token)


def check() -> None:
    """Raise `ParseBudgetExceeded` if the current parse is past its deadline; nothing without a budget."""
    current = _deadline.get()
    if current is not None and time.monotonic() > current[0]:
        raise ParseBudgetExceeded(current[1])


def clip(text: str) -> str:
    """The part of a paragraph that the sentence rules read: its first `RULE_TEXT_LIMIT` characters."""
    return text if len(text) <= RULE_TEXT_LIMIT else text[:RULE_TEXT_LIMIT]


def rule_texts(texts: Iterable[str]) -> Iterator[str]:
    """Paragraphs as a sentence rule reads them: each `clip`ped, the first `RULE_PARAGRAPHS` at most, until
    `RULE_CHARACTERS` characters are read (the last one cut to fit)."""
    room = RULE_CHARACTERS
    for count, text in enumerate(texts):
        if count >= RULE_PARAGRAPHS or room <= 0:
            return
        text = clip(text)
        if len(text) > room:
            text = text[:room]
        room -= len(text)
        yield text


def too_many_lines() -> ParsingError:
    """The refusal of a release past `MAX_LINES` lines."""
    return ParsingError(f"the release has more than {MAX_LINES:,} lines of text (a press release has a few hundred)")
