"""Data-quality gate: Great Expectations suites (checks.py) run on every staged batch (gate.py).

Importing this package does not import Great Expectations; `expectations.gate` does.
"""
from .checks import CHECKS, CRITICAL, WARNING, Check
from .docs import default_reports_dir, make_offline

__all__ = ["CHECKS", "CRITICAL", "WARNING", "Check", "default_reports_dir", "make_offline"]
