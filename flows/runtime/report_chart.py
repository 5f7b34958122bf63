"""The trend chart of `plenary report --html`: what share of each run's releases loaded clean, with warnings or
quarantined (stacked bars), and what share of its checks passed (a line), in per cent, one column per run.

Drawn with Altair (installed with Great Expectations) and rendered to SVG here, by vl-convert (Altair's own way
to save a chart; it carries Vega inside, so nothing is fetched): the page needs no script, no network and no
CDN, and a mail client that runs no JavaScript shows it too.
"""
from __future__ import annotations

import io
from datetime import timezone

RELEASE_SHARES = (  # (trend column, legend label, colour): bottom of the stack first
    ("clean_pct", "loaded clean", "#2e8b57"),
    ("warned_pct", "loaded with warnings", "#e0a100"),
    ("quarantined_pct", "quarantined", "#c0392b"),
)
CHECKS_LABEL, CHECKS_COLOUR = "checks passed", "#2c6fbb"


def started_utc(run: dict) -> str:
    """When a run started, in UTC to the minute."""
    started = run.get("started_at")
    if getattr(started, "tzinfo", None) is not None:
        started = started.astimezone(timezone.utc)
    return started.strftime("%Y-%m-%d %H:%M") if hasattr(started, "strftime") else str(started or "")


def run_label(run: dict) -> str:
    """A run on the x axis: its start over its id, as two lines."""
    return f"{started_utc(run)}\n{run['run_id']}"


def chart_rows(trend: list[dict]) -> list[dict]:
    """The chart's data: one row per run and series, with the share in per cent (runs with no share left out)."""
    rows = []
    for run in trend:
        label = run_label(run)
        for column, series, _ in RELEASE_SHARES:
            if run.get(column) is not None:
                rows.append({"run": label, "series": series, "kind": "releases",
                             "percent": run[column]})
        if run.get("checks_passed_pct") is not None:
            rows.append({"run": label, "series": CHECKS_LABEL, "kind": "checks",
                         "percent": run["checks_passed_pct"]})
    return rows


def trend_chart(trend: list[dict]):
    """The Altair chart (a layer of stacked bars and a line) for the trend rows, oldest run first."""
    import altair as alt

    data = alt.Data(values=chart_rows(trend))
    runs = [run_label(r) for r in trend]
    x = alt.X("run:N", title="run (start time, UTC, and run id)", sort=runs, scale=alt.Scale(domain=runs),
              axis=alt.Axis(labelAngle=0, labelExpr="split(datum.label, '\\n')", labelLimit=220))
    y = alt.Y("percent:Q", title="share of the run (%)", scale=alt.Scale(domain=[0, 100]), stack="zero")
    series = [s for _, s, _ in RELEASE_SHARES] + [CHECKS_LABEL]
    colour = alt.Color("series:N", title="per run", sort=series,
                       scale=alt.Scale(domain=series, range=[c for *_, c in RELEASE_SHARES] + [CHECKS_COLOUR]))
    bars = alt.Chart(data).mark_bar(size=28).encode(
        x=x, y=y, color=colour, order=alt.Order("stack_order:Q")).transform_filter(
        "datum.kind == 'releases'").transform_calculate(
        stack_order=f"indexof({series!r}, datum.series)")
    line = alt.Chart(data).mark_line(point=alt.OverlayMarkDef(size=60, filled=True), strokeWidth=2.5).encode(
        x=x, y=alt.Y("percent:Q", stack=None), color=colour).transform_filter("datum.kind == 'checks'")
    text = alt.Chart(data).mark_text(dy=-12, fontSize=11, fontWeight="bold", color=CHECKS_COLOUR).encode(
        x=x, y=alt.Y("percent:Q", stack=None), text="label:N").transform_filter(
        "datum.kind == 'checks'").transform_calculate(label="format(datum.percent, '.1f') + '%'")
    width = max(560, 110 * len(trend))
    return alt.layer(bars, line, text).properties(
        width=width, height=280, title="Releases by outcome and checks passed, per run (%)")


def trend_svg(trend: list[dict]) -> str:
    """The chart as an SVG element to put in the page ('' for no runs)."""
    if not trend:
        return ""
    out = io.StringIO()
    trend_chart(trend).save(out, format="svg")
    svg = out.getvalue()
    return svg.replace("<svg ", "<svg class='trend' role='img' aria-label='trend over recent runs' ", 1)
