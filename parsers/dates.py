"""Dates as releases print them: a month's name in a language's words, or numbers (年月日)."""
from __future__ import annotations

import re
from datetime import date

from .language import ENGLISH, Language


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
