"""`peka report`: the weekly figures as CSV files and the charts as PNG images.

The figures are computed without Qt (``assist.reports``); the charts are drawn by
``ui/charts.py`` with the same code that draws them in the supervisor console, which is
why this command lives in ``ui``. PySide6 is imported only when the command runs.
"""

from __future__ import annotations

import html
import os
import sys
from pathlib import Path

import click

from assist.cli.common import echo_json, get_config
from assist.errors import PekaError

# Importing the codes registers them with the catalogue (``peka errors`` lists them).
from assist.reports import errors as _report_errors  # noqa: F401
from assist.reports.errors import E715
from ui.console import errors as _console_errors  # noqa: F401


def _gui_application() -> object:
    """A Qt application for painting; headless Linux paints offscreen (no window opens).

    A QApplication rather than a bare QGuiApplication, so that widgets can still be made
    in the same process afterwards (the console, or tests that run both)."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    app = QGuiApplication.instance()
    if app is not None:
        return app
    headless = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )
    if headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.qt_messages import filter_harmless_messages

    filter_harmless_messages()
    return QApplication(sys.argv[:1])


def write_index(folder: Path, report: object, csv_paths: list[Path], png_paths: list[Path]) -> Path:
    """A one-page HTML summary, in the report's language, linking the charts and CSV files."""
    from assist.reports.report import Report, headline
    from assist.reports.words import Words

    assert isinstance(report, Report)
    w = Words(report.language)
    titles = {spec.key: spec.title for spec in report.charts}
    rows = "".join(
        f"<tr><th>{html.escape(label)}</th><td>{html.escape(value)}</td></tr>"
        for label, value in headline(report)
    )
    images = "".join(
        f'<figure><img src="{html.escape(p.name)}" '
        f'alt="{html.escape(titles.get(p.stem, p.stem))}" width="100%"></figure>'
        for p in png_paths
    )
    links = "".join(
        f'<li><a href="{html.escape(p.name)}">{html.escape(p.name)}</a> – '
        f"{html.escape(report.title_of(p.stem))}</li>"
        for p in csv_paths
    )
    period = report.period
    days = period.days
    title = w(
        "index.title",
        since=w.date(period.since),
        until=w.date(days[-1] if days else period.since),
    )
    page = (
        f'<!doctype html><html lang="{report.language}"><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        "<style>body{font-family:'DejaVu Sans',Arial,sans-serif;max-width:1100px;margin:2em "
        "auto;color:#202124}th{text-align:left;padding-right:2em}figure{margin:2em 0}"
        "</style>"
        f"<h1>{html.escape(title)}</h1>"
        f"<p>{html.escape(w('index.source', source=report.source))}</p>"
        f"<table>{rows}</table>{images}<h2>{html.escape(w('index.csv'))}</h2>"
        f"<p>{html.escape(w('index.csv_note'))}</p><ul>{links}</ul></html>\n"
    )
    path = folder / "index.html"
    try:
        path.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise PekaError(E715, f"Cannot write {path}: {exc.strerror}.") from exc
    return path


@click.command("report")
@click.option(
    "--since",
    default=None,
    help="First day of the report (2026-11-01, 4w or 28d ago); default: 28 days ago.",
)
@click.option("--until", default=None, help="Last day of the report (inclusive); default: today.")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the CSV files, PNG charts and index.html.",
)
@click.option(
    "--team",
    "team",
    is_flag=False,
    flag_value="",
    default=None,
    help="Report on the team: the team server in team mode (`team.server`), else a team "
    "database (default file: `team.path`), instead of this machine's ledger and outcomes.",
)
@click.option(
    "--language",
    type=click.Choice(["id", "en"]),
    default=None,
    help="Language of chart titles, axes, legends and index.html: id or en (default: "
    "`ui.language`). CSV column headings are always English snake_case.",
)
@click.option("--no-charts", is_flag=True, help="Write only the CSV files.")
@click.option("--json", "as_json", is_flag=True, help="Print the written files as JSON.")
def report_command(
    since: str | None,
    until: str | None,
    out: Path,
    team: str | None,
    language: str | None,
    no_charts: bool,
    as_json: bool,
) -> None:
    """Write the figures as CSV and the charts as PNG for a weekly meeting."""
    from assist.reports.errors import E713
    from assist.reports.report import (
        agent_names,
        build_report,
        load_local,
        load_team,
        period_for,
        policy_in_force,
        type_labels,
        write_tables,
    )

    cfg = get_config()
    policy = None
    if team == "" and str(cfg["team.server"]).strip():
        from assist.cli.team_server_commands import _client
        from assist.team.report import load_server

        with _client() as client:  # team mode: the server of record, no exports needed
            data = load_server(client)
        policy = policy_in_force(cfg)
    elif team is not None:
        path = Path(team) if team else Path(cfg["team.path"])
        if not path.is_file():
            raise PekaError(
                E713,
                f"No team database at {path}. Import agents' exports first with "
                "`peka team import`, or name the file: --team PATH.",
            )
        data = load_team(path)
        # The team's records carry type names only; the supervisor's own policy names them.
        policy = policy_in_force(cfg)
    else:
        data, policy = load_local(cfg)
    period = period_for(data, since, until)
    language = language or str(cfg["ui.language"])
    report = build_report(
        data, period, type_labels(policy, language), language, names=agent_names(policy)
    )
    csv_paths = write_tables(report, out)
    png_paths: list[Path] = []
    if not no_charts:
        _gui_application()
        from ui.charts import save_chart

        png_paths = [save_chart(spec, out) for spec in report.charts]
    index = write_index(out, report, csv_paths, png_paths)
    files = [str(p) for p in (*csv_paths, *png_paths, index)]
    if as_json:
        echo_json({"period": [str(period.since), str(period.until)], "files": files})
        return
    click.echo(
        f"Wrote {len(csv_paths)} CSV files and {len(png_paths)} charts for "
        f"{period.since} to {period.days[-1]} to {out} (open {index.name})."
    )


def register(cli: click.Group) -> None:
    cli.add_command(report_command)
