"""The `plenary` command: ingest, reprocess, discover (`cli.write`: the commands that run flows on the warehouse),
serve, server, setup, bench (`cli.operate`), parse, report, sql (`cli.read`: read-only).

Typer commands only: they check their arguments, call flows and collectors, and print with `flows.console`.
The PLENARY_* settings a command reads are checked before it starts (`flows.settings`)."""
from __future__ import annotations

import os
import sys

import typer

from .. import settings
from ..console import EXIT_STOPPED, EXIT_USAGE, fail, note

app = typer.Typer(help="Plenary releases pipeline: ingest, inspect and query the warehouse.", no_args_is_help=True,
                  pretty_exceptions_enable=False, add_completion=False)


@app.callback()
def _check_settings(ctx: typer.Context) -> None:
    """The PLENARY_* variables a command reads checked before it starts: each bad one is a line, and exit 2 (not for
    --help; `plenary server` and `setup` read none, so a bad one never stops a server being stopped)."""
    problems = [] if "--help" in sys.argv[1:] else settings.validate_all(ctx.invoked_subcommand)
    for problem in problems[:-1]:
        note(f"[red]error:[/red] {problem}")
    if problems:
        fail(problems[-1], EXIT_USAGE)


from . import write, operate, read  # noqa: E402,F401  (each adds its commands to `app`, in this order)


def main() -> None:
    from ..runtime.lifecycle import terminate_on_sigterm

    terminate_on_sigterm()  # SIGTERM stops a command as Ctrl+C does: transactions roll back, children stop
    try:
        app()
    except SystemExit as stop:
        if stop.code != EXIT_STOPPED:
            raise
        # Stopped by a signal: run the exit handlers (children stopped), then leave without the interpreter's
        # teardown, where DuckDB's bindings print reference-leak warnings about the interrupted connection.
        import atexit

        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(EXIT_STOPPED)
