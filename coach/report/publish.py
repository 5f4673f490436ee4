"""Writing reports to disk: an attempt's page, or the progress page."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from coach import history
from coach.errors import CoachError
from coach.progress import progress, stored_answer
from coach.report.html import answer_report, progress_report


def reports_dir() -> Path:
    path = history.reports_path()
    path.mkdir(parents=True, exist_ok=True)
    return path


def _destination(path: Path | None, default: Path) -> Path:
    """Where a report goes: the user's path, whose folder must already exist (coach creates
    only its own folders), or the default under the user directory."""
    if path is None:
        default.parent.mkdir(parents=True, exist_ok=True)
        return default
    if not path.parent.is_dir():
        raise CoachError(
            f"{path.parent} is not an existing folder: create it first, or write the report elsewhere"
        )
    return path


def write_attempt_report(attempt_id: int, path: Path | None = None) -> Path:
    path = _destination(path, history.report_path(attempt_id))  # a bad path is said first
    data = stored_answer(attempt_id)
    path.write_text(answer_report(data), encoding="utf-8")
    return path


def write_progress_report(path: Path | None = None) -> Path:
    """The progress page; each answer on it links to its report by absolute file URL, so
    the page works offline wherever it is written. A report not written yet is written
    now, to its default place (`history.report_path`)."""
    attempts = history.attempts()
    path = _destination(path, history.reports_path() / history.PROGRESS_REPORT_NAME)
    links = {}
    for attempt in attempts:
        if attempt.parent_id is None:
            report = history.report_path(attempt.id)
            if not report.is_file():
                write_attempt_report(attempt.id)  # to its default place, report
            links[attempt.id] = report.resolve().as_uri()
    page = progress_report(attempts, progress(attempts, datetime.now(UTC)), links)
    path.write_text(page, encoding="utf-8")
    return path
