"""A progress bar for long work, shown only on a terminal."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Callable, Iterator

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn


@contextmanager
def batch_progress(total: int, label: str) -> Iterator[Callable[[int], None]]:
    """Yield `advance(n)`; draws a bar on stderr when it is a terminal and there is real work."""
    if total < 2 or not sys.stderr.isatty():
        yield lambda n: None
        return
    columns = (TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, transient=True, console=Console(stderr=True)) as progress:
        task_id = progress.add_task(label, total=total)
        yield lambda n: progress.advance(task_id, n)


class WalkProgress:
    """Counts of a walk over the daily index pages, drawn as a bar when there is one (see `walk_progress`)."""

    def __init__(self, total_days: int, progress: Progress | None = None, task_id=None) -> None:
        self.total_days = total_days
        self.days_done = 0
        self.listed = 0  # release links on the pages read so far
        self.new = 0  # of which new to the to-do list and worth ingesting
        self._progress, self._task_id = progress, task_id

    def page(self, listed: int) -> None:
        """One day's page done (read, or failed: `listed` 0)."""
        self.days_done += 1
        self.listed += listed
        self._draw(1)

    def found(self, new: int) -> None:
        """A chunk was recorded, with `new` releases to ingest."""
        self.new += new
        self._draw(0)

    def _draw(self, advance: int) -> None:
        if self._progress is not None:
            self._progress.update(self._task_id, advance=advance, listed=self.listed, new=self.new)


@contextmanager
def walk_progress(total_days: int, label: str) -> Iterator[WalkProgress]:
    """Yield a `WalkProgress`; on a terminal (stderr) with real work it draws days done / total, the releases
    found so far and the time left (from the pace of the last 30 s)."""
    if total_days < 2 or not sys.stderr.isatty():
        yield WalkProgress(total_days)
        return
    columns = (TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("days,"),
               TextColumn("{task.fields[listed]} releases listed, {task.fields[new]} new to ingest;"),
               TimeElapsedColumn(), TextColumn("elapsed,"), TimeRemainingColumn(), TextColumn("left"))
    with Progress(*columns, transient=True, console=Console(stderr=True)) as progress:
        task_id = progress.add_task(label, total=total_days, listed=0, new=0)
        yield WalkProgress(total_days, progress, task_id)
