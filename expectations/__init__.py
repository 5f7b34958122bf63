"""Data-quality gate: Great Expectations suites (checks.py) run on every staged batch (gate.py).

Importing this package (or `expectations.gate`) does not import Great Expectations; making a
`QualityGate` does, in this process or in a gate process (`expectations.service`).
"""
from .checks import CHECKS, CRITICAL, WARNING, Check
from .docs import default_reports_dir, make_offline
from .gate import QualityGate, import_gx
from .service import GateProcess, gate_for, peak_rss_mb, prewarm_gate

__all__ = [
    "CHECKS",
    "CRITICAL",
    "Check",
    "GateProcess",
    "QualityGate",
    "WARNING",
    "default_reports_dir",
    "gate_for",
    "import_gx",
    "make_offline",
    "peak_rss_mb",
    "prewarm_gate",
]
