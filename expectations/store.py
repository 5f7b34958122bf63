"""What the quality gate keeps on disk, per warehouse, and how it survives a crash.

Suites, validation definitions and the pandas datasource are code: each gate builds them in memory
(a Great Expectations *ephemeral* context), so nothing a run needs to start can be left half-written
by a killed run, and two runs never rewrite each other's configuration. Only what is history is
kept on disk, in the warehouse's reports folder:

    <reports>/validations/   one JSON file per validation (the Data Docs are built from them)
    <reports>/data_docs/     the Data Docs site (index.html), made to open offline

Every file is written to a temporary name in its folder and renamed over the old one, so a reader or
a kill never sees a torn file. A file that is unreadable all the same (written by something else,
a full disk) is moved aside into `<reports>/damaged/` and the docs are rebuilt without it: a damaged
store is never fatal to a run.
"""
from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

from great_expectations.data_context.store.tuple_store_backend import TupleFilesystemStoreBackend

from .reports import write_atomically

VALIDATIONS = "validations"
DATA_DOCS = "data_docs"
DAMAGED = "damaged"
_STALE_TEMPORARY_SECONDS = 600
DOCS = "expectations.docs"  # the renderers that show severity


class AtomicFilesystemStoreBackend(TupleFilesystemStoreBackend):
    """GX's file store, but each file is written to a temporary file and renamed into place."""

    def _set(self, key, value, **kwargs):
        if not isinstance(key, tuple):
            key = key.to_tuple()
        path = os.path.join(self.full_base_directory, self._convert_key_to_filepath(key))
        write_atomically(Path(path), value.encode("utf-8") if isinstance(value, str) else value)
        return path


def context_config(folder: Path | None) -> dict:
    """A GX project config: everything in memory, plus validation results and Data Docs under `folder`."""
    from great_expectations.data_context.types.base import DataContextConfig, InMemoryStoreBackendDefaults

    defaults = InMemoryStoreBackendDefaults()
    stores = dict(defaults.stores)
    sites = {}
    if folder is not None:
        backend = {"module_name": __name__, "class_name": AtomicFilesystemStoreBackend.__name__}
        stores[defaults.validation_results_store_name] = {
            "class_name": "ValidationResultsStore",
            "store_backend": backend | {"base_directory": str(folder / VALIDATIONS)},
        }
        sites["local_site"] = {
            "class_name": "SiteBuilder",
            "show_how_to_buttons": False,
            "store_backend": backend | {"base_directory": str(folder / DATA_DOCS)},
            "site_index_builder": {  # GX's, told about severity (`docs`): a warning-only table is not failed
                "module_name": DOCS, "class_name": "SeveritySiteIndexBuilder",
                "renderer": {"module_name": DOCS, "class_name": "SeveritySiteIndexPageRenderer"},
            },
            "site_section_builders": {  # and each expectation's severity on the suites' and validations' pages
                "expectations": {"renderer": {"module_name": DOCS, "class_name": "SeverityExpectationSuitePageRenderer"}},
                "validations": {"renderer": {"module_name": DOCS, "class_name": "SeverityValidationResultsPageRenderer"}},
            },
        }
    return DataContextConfig(
        store_backend_defaults=defaults, stores=stores, data_docs_sites=sites,
        analytics_enabled=False, progress_bars={"globally": False, "metric_calculations": False},
    )


def docs_index(folder: Path) -> Path:
    """Where the Data Docs site's front page is."""
    return folder / DATA_DOCS / "index.html"


def set_aside_damaged(folder: Path) -> list[Path]:
    """Move unreadable validation files and stray temporary files out of the store; returns what was moved."""
    moved = []
    validations = folder / VALIDATIONS
    if not validations.is_dir():
        return moved
    for path in validations.rglob("*"):
        if not path.is_file():
            continue
        if path.name.endswith(".tmp"):  # a write a kill interrupted before its rename (old: not one in progress)
            if time.time() - path.stat().st_mtime > _STALE_TEMPORARY_SECONDS:
                path.unlink(missing_ok=True)
            continue
        if path.suffix != ".json":
            continue
        try:
            json.loads(path.read_bytes())
        except (ValueError, OSError):
            moved.append(_move_aside(folder, path))
    return moved


def reset_docs(folder: Path) -> None:
    """Move the whole Data Docs site aside, so that the next build writes it anew."""
    site = folder / DATA_DOCS
    if site.exists():
        _move_aside(folder, site)


def _move_aside(folder: Path, path: Path) -> Path:
    target = folder / DAMAGED / f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}" / path.relative_to(folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(path), str(target))
    return target
