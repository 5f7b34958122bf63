"""What several `plenary` commands share: their options, and the checks of their arguments."""
from __future__ import annotations

import os

import typer

from parsers import PlenaryError

from .. import settings
from ..console import EXIT_USAGE, fail

WarehouseOption = typer.Option(None, "--warehouse", "-w", help="DuckDB file (default: $PLENARY_WAREHOUSE or ./warehouse.duckdb)")
NotifyOption = typer.Option(None, "--notify-webhook", help="POST a JSON notice here when a run fails or quarantines a release ($PLENARY_NOTIFY_WEBHOOK)")
JsonOption = typer.Option(False, "--json", help="Print the run summary as JSON")
LanguageOption = typer.Option(None, "--language", metavar="en|zh", help="Read the site's feed and daily index pages "
                              "in this language: en or zh; repeat it for both (default: $PLENARY_DISCOVER_LANGUAGES, both)")


def is_url(target: str) -> bool:
    return target.lower().startswith(("http://", "https://"))


def set_webhook(url: str | None) -> None:
    """--notify-webhook: for this process and the flow runs it starts (`runtime.notify`); without it, the
    PLENARY_NOTIFY_WEBHOOK of the environment. A bad one: exit 2."""
    if url:
        os.environ[settings.NOTIFY_WEBHOOK.name] = url
    try:
        settings.NOTIFY_WEBHOOK.read()
    except PlenaryError as exc:
        fail(str(exc), EXIT_USAGE)


def chosen_languages(values: list[str] | None) -> list[str]:
    """--language (each once), else PLENARY_DISCOVER_LANGUAGES: the languages discovery reads; a bad one: exit 2."""
    try:
        if values:
            return list(settings.languages("--language", ",".join(values)))
        return list(settings.DISCOVER_LANGUAGES.read())
    except PlenaryError as exc:
        fail(str(exc), EXIT_USAGE)


def check_dates(since: str | None, until: str | None) -> None:
    from datetime import date

    for flag, value in (("--since", since), ("--until", until)):
        if value is None:
            continue
        try:
            date.fromisoformat(value)
        except ValueError:
            fail(f"{flag} {value!r} is not a date; use YYYY-MM-DD", EXIT_USAGE)
    if until and not since:
        fail("--until needs --since", EXIT_USAGE)
    if since and until and date.fromisoformat(until) < date.fromisoformat(since):
        fail(f"--until {until} is before --since {since}", EXIT_USAGE)
