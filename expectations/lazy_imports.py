"""Deferred imports for the parts of Great Expectations' dependencies the gate never uses.

Importing GX imports every expectation and renderer it ships, and with them SciPy's statistics (for
the distribution tests) and Altair (for charts): 77 MB of the 215 MB GX takes, and a second of CPU,
measured. Our checks use neither. `defer_unused_imports` makes those modules lazy with the standard
library's `importlib.util.LazyLoader`: the import statement binds a module object, and the module's
code runs on first attribute access. Nothing changes for code that does use them; it only pays then.
It is installed only when a gate is made in a process that has not imported GX yet. One caveat of
Python 3.11's `LazyLoader`: two threads touching such a module for the very first time at once can
see it half-loaded (fixed in later Pythons); nothing in this project touches them.
"""
from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import sys
import threading

UNUSED_BY_THE_GATE = ("scipy", "scipy.stats", "altair")


class _LazyFinder(importlib.abc.MetaPathFinder):
    """Finds the named modules as usual, then hands them out with a LazyLoader."""

    def __init__(self, names: tuple[str, ...]):
        self.names = frozenset(names)
        self._looking = threading.local()

    def find_spec(self, fullname, path, target=None) -> importlib.machinery.ModuleSpec | None:
        if fullname not in self.names or getattr(self._looking, "on", False):
            return None
        self._looking.on = True  # the real finders answer the lookup below, not this one again
        try:
            spec = importlib.util.find_spec(fullname)
        finally:
            self._looking.on = False
        if spec is not None and spec.loader is not None and hasattr(spec.loader, "exec_module"):
            spec.loader = importlib.util.LazyLoader(spec.loader)
        return spec


_INSTALLED = False


def defer_unused_imports(names: tuple[str, ...] = UNUSED_BY_THE_GATE) -> None:
    """Make `names` lazy in this process, if none of them is imported yet (once per process)."""
    global _INSTALLED
    if _INSTALLED or any(name in sys.modules for name in names):
        return
    sys.meta_path.insert(0, _LazyFinder(names))
    _INSTALLED = True
