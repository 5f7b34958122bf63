"""A progress bar for long work, shown only on a terminal."""
from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Callable, Iterator

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


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
