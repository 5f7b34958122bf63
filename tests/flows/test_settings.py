"""`flows/settings.py`: every PLENARY_* variable declared once, documented, and checked for the commands that read it."""
from __future__ import annotations

import re

from flows import settings
from tests.support.paths import ROOT


def test_the_readme_documents_every_setting_and_no_other():
    readme = (ROOT / "README.md").read_text()
    table = readme[readme.index("| variable | default | read by | meaning |"):]
    table = table[: table.index("\n\n")]
    documented = set(re.findall(r"^\| `(PLENARY_[A-Z_]+)`", table, re.M))
    assert documented == {s.name for s in settings.SETTINGS}


def test_each_command_checks_only_the_settings_it_reads(monkeypatch):
    monkeypatch.setenv("PLENARY_FETCH_DELAY", "soon")
    assert settings.validate_all("server") == []  # a bad fetch setting never stops a server being stopped
    assert settings.validate_all("sql") == []
    assert settings.validate_all("parse") == []
    for command in ("ingest", "discover", "serve", None):
        problems = settings.validate_all(command)
        assert len(problems) == 1 and "PLENARY_FETCH_DELAY" in problems[0], (command, problems)


def test_the_warehouse_waits_are_checked_for_the_readers(monkeypatch):
    monkeypatch.setenv("PLENARY_READ_WAIT_SECONDS", "a while")
    assert any("PLENARY_READ_WAIT_SECONDS" in p for p in settings.validate_all("sql"))
    assert settings.validate_all("setup") == []


def test_the_webhook_is_left_to_the_commands_that_take_notify_webhook(monkeypatch):
    monkeypatch.setenv("PLENARY_NOTIFY_WEBHOOK", "not a url")
    assert settings.validate_all("ingest") == []  # checked by the command once --notify-webhook is applied
    assert any("PLENARY_NOTIFY_WEBHOOK" in p for p in settings.validate_all())
