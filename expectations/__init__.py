"""Data-quality expectations (Great Expectations suites) run on every staged batch.

Placeholder until the quality-gate issue lands: the ingest flow already has the place where the gate
runs between parse and load (see flows/ingest.py).
"""
