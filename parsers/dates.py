"""Dates as releases print them: a month's name in a language's words, or numbers (年月日); the day a text gives for a meeting."""
from __future__ import annotations

import re
from datetime import date, timedelta

from .language import ENGLISH, Language
from .strings import finditer_from, folded


def read_date(text: str, language: Language = ENGLISH) -> date | None:
    """Read a date such as 'September 23, 2021' or '23 September 2021'."""
    dates = language.dates
    m = dates.month_day_year.search(text)
    if m and m.group(1) in dates.months:
        return month_date(m.group(3), m.group(1), m.group(2), language)
    m = dates.day_month_year.search(text)
    if m and m.group(2) in dates.months:
        return month_date(m.group(3), m.group(2), m.group(1), language)
    return None


_STAMP = re.compile(r"(?<![\d-])(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]+\d{1,2}:\d{2})?(?![\d-])")


def read_stamp(text: str) -> date | None:
    """The date of a page's time stamp, as web pages print it in every language: '2025-04-24 18:32'."""
    m = _STAMP.search(text)
    return numeric_date(*m.groups()) if m else None


def month_date(year: str, month: str, day: str, language: Language = ENGLISH) -> date | None:
    """The date of a year, a month's name (any case) and a day, all as printed; None if it is no date."""
    month_no = language.dates.months.get(month.capitalize())
    try:
        return date(int(year), month_no, int(day)) if month_no else None
    except ValueError:
        return None


def numeric_date(year: str, month: str, day: str) -> date | None:
    """The date of a year, month and day printed as numbers; None if it is no date."""
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


_WILL = re.compile(r"\bwill\b", re.I)  # a sentence about what will be (not "goodwill")


def day_in(text: str, issued: date | None, language: Language, day_words_only: bool = False) -> date | None:
    """The day a text gives: its day word, else (unless `day_words_only`) a day printed or a weekday, neither in
    a sentence about what will be ("Mrs Lam will return to Hong Kong on Saturday")."""
    words, months = language.meeting, language.dates.months
    if not day_words_only and words.future_word in folded(text):
        text = " ".join(s for s in text.split(". ") if not _WILL.search(s))
    if issued is None:
        on = next((on for on in words.on_date.finditer(text) if on.group(5)), None)
        return day_of(int(on.group(5)), months.get(on.group(2) or on.group(3), 0), on.group(1) or on.group(4)) if on else None
    when = next(finditer_from(words.when, words.when_starts, text), None)  # when.search(text)
    if when is not None:
        if when.group(2) in months:
            return day_of(issued.year, months[when.group(2)], when.group(3))
        return issued - timedelta(days=1) if when.group(1).lower() == words.yesterday else issued
    if day_words_only:
        return None
    for on in words.on_date.finditer(text):
        day, month = (on.group(1), on.group(2)) if on.group(1) else (on.group(4), on.group(3))
        if month in months:
            day_read = day_of(int(on.group(5) or issued.year), months[month], day)
            if day_read and not on.group(5) and day_read > issued + timedelta(days=1):  # "on December 30", issued in January
                day_read = day_of(issued.year - 1, months[month], day)
            return day_read
    if weekday := words.weekday.search(text):
        return issued - timedelta(days=(issued.weekday() - words.weekdays.index(weekday.group(1))) % 7)
    return None


def day_of(year: int, month: int, day: str) -> date | None:
    try:  # month 0: no month
        return date(year, month, int(day))
    except ValueError:
        return None
