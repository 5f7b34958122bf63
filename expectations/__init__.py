"""Data-quality gate: Great Expectations suites (checks.py) run on every staged batch (gate.py).

Importing this package (or `expectations.gate`) does not import Great Expectations; making a
`QualityGate` does, in this process or in a gate process (`expectations.service`).
"""
from .checks import CHECKS, CRITICAL, WARNING, Check
from .docs import default_reports_dir, make_offline

__all__ = ["CHECKS", "CRITICAL", "WARNING", "Check", "default_reports_dir", "make_offline"]
