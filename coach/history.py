"""Every attempt, kept in SQLite in the user directory: the question, the metrics, the
full analyzed answer (transcript with word times, feedback), the audio path and the
options. WAL mode and a busy timeout let two coach processes write at once."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from coach.errors import CoachError
from coach.paths import recordings_dir, user_dir

BUSY_TIMEOUT_MS = 30_000


def _ids_from_question_words(conn: sqlite3.Connection) -> None:
    """Every typed question was once filed under the one id "custom" (and its probes under
    "custom-probeN"), so unrelated answers were compared. Each now gets the id of its words
    (coach.questions.custom_question_id); one stored without words, or with the stand-in
    text an answer without a question had, gets the no-question id and is compared with
    nothing. A probe follows its parent. The copy of the question in `data` follows too."""
    from coach.questions import LEGACY_CUSTOM_ID, NO_QUESTION_ID, NO_QUESTION_TEXT, custom_question_id

    no_words = {"", NO_QUESTION_TEXT.casefold(), "your answer"}  # "Your answer": a recovery's stand-in
    new_ids: dict[int, str] = {}
    rows = conn.execute(
        "SELECT id, question_id, question_text, parent_id FROM attempts"
        " WHERE question_id = ? OR question_id GLOB ? ORDER BY id",
        (LEGACY_CUSTOM_ID, f"{LEGACY_CUSTOM_ID}-probe[0-9]*"),
    ).fetchall()
    for row_id, question_id, text, parent_id in rows:
        probe = re.fullmatch(rf"{LEGACY_CUSTOM_ID}(-probe\d+)", question_id)
        if probe and parent_id is not None:
            new_id = new_ids.get(parent_id, NO_QUESTION_ID) + probe.group(1)
        elif (text or "").strip().casefold() in no_words:
            new_id = NO_QUESTION_ID
        else:
            new_id = custom_question_id(text)
        new_ids[row_id] = new_id
        conn.execute(
            "UPDATE attempts SET question_id = ?,"
            " data = CASE WHEN json_valid(data) THEN json_set(data, '$.question.id', ?) ELSE data END"
            " WHERE id = ?",
            (new_id, new_id, row_id),
        )


# Ordered migrations, SQL or a function for what SQL cannot compute; PRAGMA user_version
# records how many have run.
MIGRATIONS: tuple[str | Callable[[sqlite3.Connection], None], ...] = (
    """
    CREATE TABLE attempts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        created_at TEXT NOT NULL,
        mode TEXT NOT NULL,
        question_id TEXT NOT NULL,
        question_text TEXT NOT NULL,
        kind TEXT NOT NULL,
        duration_s REAL,
        fillers_per_minute REAL,
        filler_count INTEGER NOT NULL,
        wpm REAL,
        score REAL NOT NULL,
        audio_path TEXT,
        data TEXT NOT NULL,
        options TEXT NOT NULL
    );
    CREATE INDEX attempts_by_question ON attempts (question_id, created_at);
    """,
    """
    ALTER TABLE attempts ADD COLUMN parent_id INTEGER REFERENCES attempts (id) ON DELETE CASCADE;
    CREATE INDEX attempts_by_parent ON attempts (parent_id);
    """,
    _ids_from_question_words,
    # A partial attempt: its recording was cut short (coach.recovery.cut_short). Every answer
    # recovered before this column existed was recovered after an interruption.
    """
    ALTER TABLE attempts ADD COLUMN partial INTEGER NOT NULL DEFAULT 0;
    UPDATE attempts SET partial = 1 WHERE mode = 'recovered';
    """,
)


class HistoryError(CoachError):
    pass


@dataclass(frozen=True)
class Attempt:
    id: int
    created_at: str
    mode: str
    question_id: str
    question_text: str
    kind: str
    duration_s: float | None
    fillers_per_minute: float | None
    filler_count: int
    wpm: float | None
    score: float
    audio_path: str | None
    parent_id: int | None
    data: dict[str, Any]
    options: dict[str, Any]
    partial: bool = False  # the recording was cut short: left out of comparisons and trends


def attempt_row(attempt: Attempt) -> dict[str, Any]:
    """One attempt as `coach history --json` lists it: its metrics and its question's
    words, not the whole answer."""
    a = attempt
    return {
        "id": a.id, "created_at": a.created_at, "mode": a.mode, "question_id": a.question_id,
        "question_text": a.question_text, "kind": a.kind, "duration_s": a.duration_s,
        "fillers_per_minute": a.fillers_per_minute, "filler_count": a.filler_count, "wpm": a.wpm,
        "score": a.score, "audio_path": a.audio_path, "parent_id": a.parent_id, "partial": a.partial,
    }  # fmt: skip


def history_path() -> Path:
    return user_dir() / "history.sqlite3"


def reports_path() -> Path:
    """Where `coach report` writes by default (not created here)."""
    return user_dir() / "reports"


def report_path(attempt_id: int) -> Path:
    """An attempt's default HTML report; `forget` deletes it with the attempt."""
    return reports_path() / f"attempt-{attempt_id}.html"


PROGRESS_REPORT_NAME = "progress.html"


@contextmanager
def connect(path: Path | None = None) -> Iterator[sqlite3.Connection]:
    """A connection with WAL, foreign keys and migrations applied; commits on success."""
    path = path or history_path()
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except sqlite3.Error as exc:
        raise HistoryError(f"{path}: cannot open the history ({exc})") from None
    try:
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")  # a committed attempt survives a power cut too
        conn.execute("PRAGMA secure_delete = ON")  # forgotten answers are overwritten, not left in free pages
        conn.execute("PRAGMA foreign_keys = ON")
        migrate(conn)
        yield conn
    except sqlite3.OperationalError as exc:
        raise HistoryError(_operational_message(path, exc)) from None
    except sqlite3.DatabaseError as exc:
        raise HistoryError(
            f"{path}: the history database is unreadable ({exc}); move it aside to start afresh"
        ) from None
    finally:
        conn.close()


def _operational_message(path: Path, exc: sqlite3.OperationalError) -> str:
    text = str(exc)
    if "full" in text:
        return f"{path}: the disk is full, so the history was not changed; free some space and try again"
    if "readonly" in text or "read-only" in text:
        return f"{path}: the history is on a read-only disk or file, so it was not changed"
    if "locked" in text or "busy" in text:
        return f"{path}: the history is busy in another coach process; try again in a moment"
    return f"{path}: could not use the history ({text})"


def migrate(conn: sqlite3.Connection) -> int:
    """Run the migrations not yet applied, each in its own write transaction."""
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version >= len(MIGRATIONS):
                conn.execute("COMMIT")
                return int(version)
            step = MIGRATIONS[version]
            if callable(step):
                step(conn)
            else:
                for statement in step.split(";"):
                    if statement.strip():
                        conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def score(data: dict[str, Any]) -> float:
    """0-100: timing, fillers, structure or STAR, and key-point coverage, weighted alike."""
    parts: list[float] = []
    timing = data.get("timing")
    if timing:
        parts.append(1.0 if timing["verdict"] == "on_target" else 0.4)
    rate = data["fillers"].get("per_minute")
    share = data["fillers"].get("share_of_words", 0.0)
    parts.append(max(0.0, 1 - (rate / 10 if rate is not None else share * 10)))
    structure, star = data.get("structure"), data.get("star")
    if structure:
        keys = ("recommendation_first", "assumptions", "tradeoffs", "operations", "validation")
        parts.append(sum(bool(structure[k]) for k in keys) / len(keys))
    if star:
        keys = ("situation", "task", "action", "result", "reflection")
        parts.append((sum(bool(star[k]) for k in keys) + star["result_measurable"]) / (len(keys) + 1))
    coverage = data.get("coverage") or {}
    total = len(coverage.get("covered", [])) + len(coverage.get("missed", []))
    if total:
        parts.append(len(coverage["covered"]) / total)
    claim = data.get("resume")
    if claim:  # an answer about a resume bullet: its figure said, its ownership clear
        checks = [claim["ownership_clear"]] + (
            [claim["metric_said"]] if claim["metric_said"] is not None else []
        )
        parts.append(sum(checks) / len(checks))
    return round(100 * sum(parts) / len(parts), 1)


def storable_path(path: str | None) -> str | None:
    """A path as SQLite can hold it: bytes that are not UTF-8 in a file name are written as
    escapes (the JSON copy of the answer keeps them exactly)."""
    if path is None:
        return None
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def record(
    data: dict[str, Any], *, mode: str, options: dict[str, Any] | None = None, parent_id: int | None = None
) -> int:
    """Store one analyzed answer (the JSON contract's object, with `partial` true when its
    recording was cut short); returns its attempt id."""
    timing = data.get("timing") or {}
    audio = data.get("audio") or {}
    row = (
        datetime.now(UTC).isoformat(timespec="seconds"),
        mode,
        data["question"]["id"],
        data["question"]["text"],
        data["question"]["kind"],
        timing.get("duration_s"),
        data["fillers"].get("per_minute"),
        data["fillers"]["count"],
        timing.get("wpm"),
        score(data),
        storable_path(audio.get("path")),
        json.dumps(data),
        json.dumps(options or {}),
        parent_id,
        bool(data.get("partial")),
    )
    with connect() as conn:
        cursor = conn.execute(
            "INSERT INTO attempts (created_at, mode, question_id, question_text, kind, duration_s,"
            " fillers_per_minute, filler_count, wpm, score, audio_path, data, options, parent_id,"
            " partial) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            row,
        )
        return int(cursor.lastrowid or 0)


def _attempt(row: sqlite3.Row) -> Attempt:
    return Attempt(
        id=row["id"], created_at=row["created_at"], mode=row["mode"], question_id=row["question_id"],
        question_text=row["question_text"], kind=row["kind"], duration_s=row["duration_s"],
        fillers_per_minute=row["fillers_per_minute"], filler_count=row["filler_count"], wpm=row["wpm"],
        score=row["score"], audio_path=row["audio_path"], parent_id=row["parent_id"],
        data=json.loads(row["data"]), options=json.loads(row["options"]), partial=bool(row["partial"]),
    )  # fmt: skip


def attempts(question_id: str | None = None, since: str | None = None) -> list[Attempt]:
    """Newest first."""
    query, args = "SELECT * FROM attempts WHERE 1 = 1", []
    if question_id:
        query += " AND question_id = ?"
        args.append(question_id)
    if since:
        query += " AND created_at >= ?"
        args.append(since)
    with connect() as conn:
        return [_attempt(r) for r in conn.execute(query + " ORDER BY created_at DESC, id DESC", args)]


def get(attempt_id: int) -> Attempt:
    with connect() as conn:
        row = conn.execute("SELECT * FROM attempts WHERE id = ?", (attempt_id,)).fetchone()
    if row is None:
        raise HistoryError(f"no attempt {attempt_id}; `coach history` lists them")
    return _attempt(row)


def earlier(
    question_id: str, before_id: int, *, include_partial: bool = False
) -> tuple[Attempt | None, Attempt | None]:
    """The last attempt at this question before `before_id`, and the best one; partial
    attempts only with include_partial. An answer with no question has none to compare
    with (coach.questions.is_comparable)."""
    from coach.questions import is_comparable

    if not is_comparable(question_id):
        return None, None
    with connect() as conn:
        rows = [
            _attempt(r)
            for r in conn.execute(
                "SELECT * FROM attempts WHERE question_id = ? AND id < ? AND parent_id IS NULL"
                " AND (partial = 0 OR ?) ORDER BY id DESC",
                (question_id, before_id, include_partial),
            )
        ]
    if not rows:
        return None, None
    return rows[0], max(rows, key=lambda a: (a.score, a.id))


def try_number(question_id: str, attempt_id: int, parent_id: int | None = None) -> int | None:
    """Which try at its question an answer is (1 for the first), counting every answer to
    that question up to this one; None for a probe's answer or an answer with no question."""
    from coach.questions import is_comparable

    if parent_id is not None or not is_comparable(question_id):
        return None
    with connect() as conn:
        row = conn.execute(
            "SELECT COUNT(*) FROM attempts WHERE question_id = ? AND id <= ? AND parent_id IS NULL",
            (question_id, attempt_id),
        ).fetchone()
    return int(row[0]) or None


def follow_ups(ids: Sequence[int]) -> list[Attempt]:
    """The follow-up answers stored under the attempts `ids` (not among `ids` themselves)."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    with connect() as conn:
        return [
            _attempt(r)
            for r in conn.execute(
                f"SELECT * FROM attempts WHERE parent_id IN ({marks}) AND id NOT IN ({marks})", [*ids, *ids]
            )
        ]


def forget(ids: Sequence[int] | None) -> list[Attempt]:
    """Delete the given attempts (all of them when ids is None), their probes, audio and
    reports (a report embeds the recording and the transcript; the progress page lists
    every attempt, so it goes too). Forgetting all also removes every recording coach made
    (interrupted ones included) and every report."""
    with connect() as conn:
        if ids is None:
            rows = [_attempt(r) for r in conn.execute("SELECT * FROM attempts")]
        else:
            marks = ",".join("?" * len(ids))
            rows = [
                _attempt(r)
                for r in conn.execute(
                    f"SELECT * FROM attempts WHERE id IN ({marks}) OR parent_id IN ({marks})", [*ids, *ids]
                )
            ]
            missing = set(ids) - {a.id for a in rows}
            if missing:
                raise HistoryError(f"no attempt {min(missing)}; `coach history` lists them")
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("DELETE FROM attempts WHERE id = ?", [(a.id,) for a in rows])
        conn.execute("COMMIT")
        if ids is None:  # nothing of the answers may linger in the WAL or in free pages
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute("VACUUM")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    recordings = recordings_dir().resolve()
    for attempt in rows:
        # only recordings coach made; a file given to `coach analyze` is the user's own
        if attempt.audio_path and Path(attempt.audio_path).resolve().parent == recordings:
            Path(attempt.audio_path).unlink(missing_ok=True)
    reports = reports_path()
    if ids is None:
        for leftover in recordings.iterdir():
            if leftover.is_file():
                leftover.unlink(missing_ok=True)
        if reports.is_dir():
            for report in reports.rglob("*"):
                if report.is_file():
                    report.unlink(missing_ok=True)
    elif rows:
        for attempt in rows:
            report_path(attempt.id).unlink(missing_ok=True)
        (reports / PROGRESS_REPORT_NAME).unlink(missing_ok=True)
    return rows


def path_digest(path: str) -> str:
    """A one-way digest of a file's path: what a batch run with --no-keep-audio stores
    instead of the path, so that running it again still skips the file."""
    import hashlib

    return "sha256:" + hashlib.sha256(path.encode("utf-8", "surrogateescape")).hexdigest()


def analyzed_paths(question_id: str | None = None) -> set[str]:
    """Every recording the history holds an attempt for (to resume a batch): its path, or
    the path's digest (see path_digest) where the path was not kept. With question_id, only
    the recordings analyzed for that question: one done for another question is not done."""
    only = " AND question_id = :question" if question_id is not None else ""
    with connect() as conn:
        return {
            row[0]
            for row in conn.execute(
                f"SELECT audio_path FROM attempts WHERE audio_path IS NOT NULL{only}"
                " UNION SELECT json_extract(options, '$.audio_digest') FROM attempts"
                f" WHERE json_extract(options, '$.audio_digest') IS NOT NULL{only}",
                {"question": question_id},
            )
        }


def save_answer(
    data: dict[str, Any],
    *,
    mode: str,
    options: dict[str, Any] | None = None,
    keep_audio: bool = True,
    parent_id: int | None = None,
) -> int:
    """Store an answer with the options it was made with (the transcription options, the
    spaCy model, whether audio was kept, and the caller's own); without keep_audio, coach's
    own recording is deleted first and only the metrics are kept. An answer whose
    recording was cut short (coach.recovery.cut_short) is stored as partial."""
    from coach.recovery import cut_short

    audio = data.get("audio")
    data["partial"] = bool(data.get("partial")) or cut_short((audio or {}).get("path"))
    options = {
        "transcribe": (data.get("transcript") or {}).get("options"),
        "nlp_model": (data.get("analysis") or {}).get("nlp_model"),
        "keep_audio": keep_audio,
        **(options or {}),
    }
    if not keep_audio and audio and audio.get("path"):
        path = Path(audio["path"])
        if path.resolve().parent == recordings_dir().resolve():
            path.unlink(missing_ok=True)
        data["audio"] = {**audio, "path": None}
    attempt_id = record(data, mode=mode, options=options, parent_id=parent_id)
    data["attempt_id"] = attempt_id
    data["question_try"] = try_number(data["question"]["id"], attempt_id, parent_id)
    return attempt_id
