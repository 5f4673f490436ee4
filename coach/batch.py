"""`coach analyze DIR --jobs N`: a folder of recordings analyzed by a pool of processes.

Each worker loads the models once and analyzes one file at a time; the parent is the only
writer to the history, so a file's attempt is stored as soon as it is done. A second run
skips every file the history already holds for the same question, so an interrupted batch
resumes where it stopped. A file that cannot be analyzed is reported as failed and the
batch goes on.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from coach.history import path_digest, save_answer, storable_path
from coach.memory import release_free_memory, status_mb
from coach.questions import Question

AUDIO_SUFFIXES = frozenset({".wav", ".flac", ".mp3", ".m4a", ".ogg", ".opus", ".webm", ".aac", ".mp4"})
Status = Literal["done", "skipped", "failed"]
FILES_PER_WORKER = 60


@dataclass(frozen=True)
class FileResult:
    path: Path
    status: Status
    attempt_id: int | None = None
    score: float | None = None
    audio_s: float = 0.0
    error: str | None = None
    worker_pid: int | None = None
    worker_rss_mb: float | None = None


def audio_files(folder: Path) -> list[Path]:
    """Every recording under folder, in a stable order."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in AUDIO_SUFFIXES)


_worker: dict[str, Any] = {}


def _start_worker(model_dir: str | None) -> None:
    import signal

    from coach.config import TranscribeOptions, load_settings
    from coach.session import Coach

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops the pool
    coach = Coach(
        settings=load_settings(),
        transcribe_options=TranscribeOptions(model_dir=Path(model_dir) if model_dir else None),
    )
    coach.whisper()
    coach.nlp()
    _worker["coach"] = coach


def _analyze_one(path: str, question: Question) -> tuple[str, dict[str, Any] | None, str | None, int, float]:
    from coach.errors import CoachError
    from coach.report.json import answer_dict

    coach = _worker["coach"]
    try:
        data = answer_dict(coach.analyze_file(Path(path), question))
        error = None
    except CoachError as exc:
        data, error = None, str(exc)
    except Exception as exc:  # one odd file must not end the batch
        data, error = None, f"{type(exc).__name__}: {exc}"
    release_free_memory()  # each file's work buffers go back before the next
    return path, data, error, os.getpid(), status_mb("VmRSS") or 0.0


def run_batch(
    files: list[Path],
    question: Question,
    *,
    jobs: int,
    done_paths: set[str],
    store: Callable[[dict[str, Any]], int],
    on_result: Callable[[FileResult], None],
    model_dir: Path | None = None,
) -> Iterator[FileResult]:
    """Analyze files (skipping done_paths), storing each answer as it completes."""
    todo = []
    for path in files:
        resolved = str(path.resolve())
        if storable_path(resolved) in done_paths or path_digest(resolved) in done_paths:
            result = FileResult(path, "skipped")
            on_result(result)
            yield result
        else:
            todo.append(path)
    if not todo:
        return
    import multiprocessing

    from coach.history import score

    with ProcessPoolExecutor(
        max_workers=max(1, min(jobs, len(todo))),
        mp_context=multiprocessing.get_context("spawn"),  # fresh workers, not forks of this process
        initializer=_start_worker,
        initargs=(str(model_dir) if model_dir else None,),
        # a worker's memory creeps up by a fraction of a MB a file (interned strings, allocator
        # fragmentation); replacing it now and then keeps a batch of any size bounded
        max_tasks_per_child=FILES_PER_WORKER,
    ) as pool:
        pending: set[Future[tuple[str, dict[str, Any] | None, str | None, int, float]]] = set()
        queue = list(todo)
        # keep the queue short so Ctrl-C stops soon and memory holds only what is in flight
        while queue or pending:
            while queue and len(pending) < 2 * jobs:
                pending.add(pool.submit(_analyze_one, str(queue.pop(0).resolve()), question))
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                done_path, data, error, pid, worker_rss = future.result()
                if data is None:
                    result = FileResult(
                        Path(done_path), "failed", error=error, worker_pid=pid, worker_rss_mb=worker_rss
                    )
                else:
                    attempt_id = store(data)
                    audio_s = float((data.get("audio") or {}).get("duration_s") or 0.0)
                    result = FileResult(
                        Path(done_path), "done", attempt_id, score(data), audio_s, None, pid, worker_rss
                    )
                on_result(result)
                yield result


def save_batch_answer(data: dict[str, Any], *, folder: Path, keep_audio: bool = True) -> int:
    """Store one file's answer. Without keep_audio the file's path is not stored (the file
    is the user's own and stays, as with `coach analyze FILE --no-keep-audio`); a digest of
    the path is, so that running the batch again still skips it."""
    options: dict[str, Any] = {"batch": str(folder)}
    path = (data.get("audio") or {}).get("path")
    if not keep_audio and path:
        options["audio_digest"] = path_digest(path)
    return save_answer(data, mode="batch", options=options, keep_audio=keep_audio)


@dataclass(frozen=True)
class BatchSummary:
    done: int
    skipped: int
    failed: int
    audio_s: float
    elapsed_s: float
    mean_score: float | None
    worker_rss_first_mb: dict[int, float]
    worker_rss_tenth_mb: dict[int, float]  # after warming up
    worker_rss_last_mb: dict[int, float]
    worker_rss_max_mb: dict[int, float]
    failures: tuple[tuple[str, str], ...]


def summarize(results: list[FileResult], started: float) -> BatchSummary:
    done = [r for r in results if r.status == "done"]
    seen: dict[int, list[float]] = {}
    for r in results:
        if r.worker_pid is not None and r.worker_rss_mb is not None:
            seen.setdefault(r.worker_pid, []).append(r.worker_rss_mb)
    scores = [r.score for r in done if r.score is not None]
    return BatchSummary(
        done=len(done),
        skipped=sum(r.status == "skipped" for r in results),
        failed=sum(r.status == "failed" for r in results),
        audio_s=round(sum(r.audio_s for r in done), 1),
        elapsed_s=round(time.monotonic() - started, 1),
        mean_score=round(sum(scores) / len(scores), 1) if scores else None,
        worker_rss_first_mb={pid: v[0] for pid, v in seen.items()},
        worker_rss_tenth_mb={pid: v[min(9, len(v) - 1)] for pid, v in seen.items()},
        worker_rss_last_mb={pid: v[-1] for pid, v in seen.items()},
        worker_rss_max_mb={pid: max(v) for pid, v in seen.items()},
        failures=tuple((str(r.path), r.error or "") for r in results if r.status == "failed"),
    )
