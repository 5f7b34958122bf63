"""Every PLENARY_* variable in one table: its name, default, parser (which checks it) and meaning.

A variable is read from the environment when it is used, by its `Setting.read`, so a value set in this
process (`--notify-webhook`, the bench's loopback settings, a test) applies at once; every read parses and
checks it the same way, and a bad value raises `SettingError` naming the variable and what it expects.
`plenary` checks them all before a command starts (`validate_all`): a bad value is one line and exit 2.

`warehouse` and `expectations` read their own variables (they do not import flows); they are in the table
so that it lists every setting, and `validate_all` checks those with the packages' own readers.
"""
from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from parsers import DEFAULT_SITE, PlenaryError


class SettingError(PlenaryError, ValueError):
    """A PLENARY_* variable whose value cannot be used; the message names it and says what it expects."""


# --- parsers: (variable name, raw value, not empty) -> value, or SettingError ---------------------------

def seconds(var: str, raw: str, positive: bool = False) -> float:
    """A finite number of seconds, >= 0 (> 0 when `positive`)."""
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0 or (positive and value == 0):
        raise SettingError(f"{var} expects a number of seconds {'> 0' if positive else '>= 0'}, got {raw!r}")
    return value


def positive_seconds(var: str, raw: str) -> float:
    return seconds(var, raw, positive=True)


def whole_number(what: str) -> Callable[[str, str], int]:
    """A parser of a whole number >= 1 of `what` (bytes, attempts)."""
    def parse(var: str, raw: str) -> int:
        try:
            value = int(raw)
        except ValueError:
            value = 0
        if value < 1:
            raise SettingError(f"{var} expects a whole number of {what} >= 1, got {raw!r}")
        return value

    return parse


def host_names(var: str, raw: str) -> frozenset[str]:
    """Comma-separated host names (the fetch policy normalises case, ports and trailing dots)."""
    names = [part.strip() for part in raw.split(",") if part.strip()]
    if not names:
        raise SettingError(f"{var} expects comma-separated host names like www.info.gov.hk, got {raw!r}")
    for name in names:
        if "/" in name or any(ch.isspace() for ch in name):
            raise SettingError(f"{var} expects host names like www.info.gov.hk, not URLs or paths: got {name!r}")
    return frozenset(names)


def http_url(var: str, raw: str, also: str = "") -> str:
    """An http:// or https:// URL with a host (`also`: where else the value can come from, for the message)."""
    import httpx

    try:
        host = httpx.URL(raw).host if raw.lower().startswith(("http://", "https://")) else ""
    except httpx.InvalidURL:
        host = ""
    if not host:
        raise SettingError(f"{var}{also} must be an http:// or https:// URL with a host, got {raw!r}")
    return raw


def webhook_url(var: str, raw: str) -> str:
    return http_url(var, raw, " (--notify-webhook)")


def text(var: str, raw: str) -> str:  # noqa: ARG001
    return raw


def languages(var: str, raw: str) -> tuple[str, ...]:
    """Comma-separated codes of languages the site publishes in (en, zh), each once; in the site's order."""
    codes = [part.strip().lower() for part in raw.split(",") if part.strip()]
    known = DEFAULT_SITE.languages
    if not codes or any(code not in known for code in codes) or len(set(codes)) < len(codes):
        raise SettingError(f"{var} expects comma-separated language codes among {','.join(known)} (each once), "
                           f"got {raw!r}")
    return tuple(code for code in known if code in codes)


# --- the table -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Setting:
    """One variable: `parse` reads a value that is set (empty counts as unset); `check`, for a variable another
    package reads, calls that package's reader (None: any value will do)."""

    name: str
    default: object
    doc: str
    parse: Callable[[str, str], object] = text
    owner: str = "flows"
    check: Callable[[], object] | None = None

    def read(self, environ: Mapping[str, str] | None = None):
        """The value in the environment (os.environ unless given), parsed; the default when unset or empty."""
        raw = (os.environ if environ is None else environ).get(self.name, "").strip()
        return self.parse(self.name, raw) if raw else self.default

    def validate(self) -> None:
        """Raise SettingError if the value in os.environ cannot be used."""
        if self.owner == "flows":
            self.read()
        elif self.check is not None:
            try:
                self.check()
            except ValueError as exc:  # the package's reader names the variable
                raise SettingError(str(exc)) from None


def _warehouse_seconds(name: str, default: float) -> Callable[[], object]:
    def check() -> float:
        from warehouse import seconds_from_env

        return seconds_from_env(name, default)

    return check


def _run_wait() -> float:
    from warehouse import run_wait_seconds

    return run_wait_seconds()


ALLOWED_HOSTS = Setting("PLENARY_ALLOWED_HOSTS", DEFAULT_SITE.hosts, "comma-separated host names the fetcher may "
                        "contact", host_names)
SITE = Setting("PLENARY_SITE", DEFAULT_SITE.base_url, "the site whose feed and daily index pages discovery reads",
               http_url)
DISCOVER_LANGUAGES = Setting("PLENARY_DISCOVER_LANGUAGES", DEFAULT_SITE.languages, "the languages discovery reads the "
                             "site's feeds and daily index pages in: en,zh (both), en or zh (plenary discover "
                             "--language overrides it)", languages)
FETCH_DELAY = Setting("PLENARY_FETCH_DELAY", 1.0, "seconds between two requests to one host", seconds)
FETCH_TIMEOUT = Setting("PLENARY_FETCH_TIMEOUT", 30.0, "read timeout in seconds (> 0)", positive_seconds)
FETCH_DEADLINE = Setting("PLENARY_FETCH_DEADLINE", 60.0, "deadline of one attempt in seconds: connect, headers and body, "
                         "redirects included, however slowly the bytes come (> 0)", positive_seconds)
FETCH_MAX_BYTES = Setting("PLENARY_FETCH_MAX_BYTES", 5 * 1024 * 1024, "largest body accepted", whole_number("bytes"))
FETCH_ATTEMPTS = Setting("PLENARY_FETCH_ATTEMPTS", 4, "attempts per URL, first included", whole_number("attempts"))
FETCH_BACKOFF = Setting("PLENARY_FETCH_BACKOFF", 1.0, "base of the exponential backoff, seconds", seconds)
PARSE_BUDGET_SECONDS = Setting("PLENARY_PARSE_BUDGET_SECONDS", 10.0, "seconds the parse of one document may take "
                               "(ingest, reprocess, plenary parse); a document over it is quarantined", positive_seconds)
SWEEP_GRACE_SECONDS = Setting("PLENARY_SWEEP_GRACE_SECONDS", 120.0, "how long a discovered release may stay pending "
                              "before a sweep ingests it (plenary serve --sweep-grace sets it for the served flows)", seconds)
NOTIFY_WEBHOOK = Setting("PLENARY_NOTIFY_WEBHOOK", None, "POST a JSON notice here when a run fails or quarantines "
                         "anything (--notify-webhook sets it)", webhook_url)
WARM_REPORTS_DIR = Setting("PLENARY_WARM_REPORTS_DIR", None, "internal: the reports folder whose quality gate "
                           "plenary serve's forkserver opens ahead of the flow runs (set by plenary serve)")

# Read by warehouse/ and expectations/ themselves.
WAREHOUSE = Setting("PLENARY_WAREHOUSE", "warehouse.duckdb", "the warehouse file (--warehouse)", owner="warehouse")
LOCK_WAIT_SECONDS = Setting("PLENARY_LOCK_WAIT_SECONDS", 60.0, "how long one connection waits for a reader to let go "
                            "of the file", owner="warehouse", check=_warehouse_seconds("PLENARY_LOCK_WAIT_SECONDS", 60.0))
READ_WAIT_SECONDS = Setting("PLENARY_READ_WAIT_SECONDS", 10.0, "how long plenary sql and plenary report retry while "
                            "a run writes", owner="warehouse", check=_warehouse_seconds("PLENARY_READ_WAIT_SECONDS", 10.0))
RUN_WAIT_SECONDS = Setting("PLENARY_RUN_WAIT_SECONDS", 1800.0, "how long a run waits for the run before it to end, "
                           "then refuses", owner="warehouse", check=_run_wait)
REPORTS_DIR = Setting("PLENARY_REPORTS_DIR", None, "the quality store and Data Docs (default: <warehouse>.reports/ "
                      "beside the warehouse; plenary serve --reports-dir)", owner="expectations")
GATE_PROCESS = Setting("PLENARY_GATE_PROCESS", "1", "0: the quality gate runs in a worker thread of the command "
                       "instead of a gate process of its own", owner="expectations")

SETTINGS: tuple[Setting, ...] = (
    ALLOWED_HOSTS, SITE, DISCOVER_LANGUAGES, FETCH_DELAY, FETCH_TIMEOUT, FETCH_DEADLINE, FETCH_MAX_BYTES, FETCH_ATTEMPTS, FETCH_BACKOFF,
    PARSE_BUDGET_SECONDS, SWEEP_GRACE_SECONDS, NOTIFY_WEBHOOK, WARM_REPORTS_DIR,
    WAREHOUSE, LOCK_WAIT_SECONDS, READ_WAIT_SECONDS, RUN_WAIT_SECONDS, REPORTS_DIR, GATE_PROCESS,
)


_READ_ONLY = (WAREHOUSE, LOCK_WAIT_SECONDS, READ_WAIT_SECONDS)
# the settings a command reads, where it is not all of them (the commands that run flows read every one);
# PLENARY_NOTIFY_WEBHOOK is checked by the commands that take --notify-webhook, once the option is applied
COMMAND_SETTINGS: dict[str, tuple[Setting, ...]] = {
    "server": (), "setup": (),
    "parse": (PARSE_BUDGET_SECONDS,),
    "sql": _READ_ONLY, "report": _READ_ONLY + (REPORTS_DIR,),
}
_CHECKED_BY_THE_COMMAND = (NOTIFY_WEBHOOK,)


def validate_all(command: str | None = None) -> list[str]:
    """Why each variable that `command` reads (all of them without one) has a value that cannot be used, one
    sentence each, in table order."""
    problems = []
    chosen = COMMAND_SETTINGS.get(command, SETTINGS) if command else SETTINGS
    for setting in chosen:
        if command and setting in _CHECKED_BY_THE_COMMAND:
            continue
        try:
            setting.validate()
        except SettingError as exc:
            problems.append(str(exc))
    return problems
