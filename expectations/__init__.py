"""Data-quality gate: Great Expectations suites (checks.py) run on every staged batch (gate.py).

In the order of the pipeline: the checks as data (`checks`), the staged records as the columns they read
(`columns`), the gate that runs them and routes each release by severity (`gate`), where it runs (`process`:
here or in a gate process, whose program is `service`), and what it leaves on disk (`reports`, `store`, and
`docs`: GX's Data Docs renderers, told to show severity and to mark a warning-only table as a warning).
Importing this package (or `expectations.gate`) does not import Great Expectations; making a
`QualityGate` does, in this process or in a gate process.
"""
from .checks import CHECKS, CRITICAL, WARNING, Check
from .gate import QualityGate, import_gx
from .process import GateProcess, gate_for, peak_rss_mb, prewarm_gate
from .reports import default_reports_dir, make_offline

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
