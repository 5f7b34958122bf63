"""The `plenary` command as a user runs it, in a subprocess."""
from __future__ import annotations

import os
import subprocess
import sys

PLENARY = [sys.executable, "-m", "flows.cli"]


def run(*args: str, env_extra: dict | None = None, tmp_home=None) -> subprocess.CompletedProcess:
    env = dict(os.environ) | (env_extra or {})
    return subprocess.run([*PLENARY, *args], capture_output=True, text=True, env=env, timeout=300)
