"""Recovery of interrupted answers, without a sound server: markers, header repair, and
the question an answer belongs to."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from coach.questions import load_bank
from coach.recovery import discard_pending, mark_pending, pending_recordings, question_for, repair_wav


def _killed_writer_wav(path: Path, seconds: float) -> None:
    """A WAV as a writer killed before its last flush leaves it: sizes say zero data."""
    sf.write(str(path), np.full(int(16_000 * seconds), 0.1, np.float32), 16_000, subtype="PCM_16")
    data = bytearray(path.read_bytes())
    at = data.index(b"data")
    data[at + 4 : at + 8] = struct.pack("<I", 0)
    data[4:8] = struct.pack("<I", at)
    path.write_bytes(bytes(data))


def test_a_killed_writers_header_is_repaired(tmp_path: Path) -> None:
    wav = tmp_path / "answer.wav"
    _killed_writer_wav(wav, 2.5)
    assert sf.info(str(wav)).frames == 0
    assert repair_wav(wav) == pytest.approx(2.5)
    assert sf.info(str(wav)).duration == pytest.approx(2.5)
    assert repair_wav(wav) == pytest.approx(2.5)  # a sound file is left as it is
    not_wav = tmp_path / "x.wav"
    not_wav.write_bytes(b"OggS" + b"\\0" * 40)
    with pytest.raises(ValueError):
        repair_wav(not_wav)


def test_markers_name_the_question_and_go_with_their_recording(tmp_path: Path) -> None:
    bank = load_bank([])
    known, typed = tmp_path / "a.wav", tmp_path / "b.wav"
    for wav in (known, typed):
        _killed_writer_wav(wav, 1.0)
    mark_pending(known, "cicd-deployment-reliability", "ignored", "technical")
    mark_pending(typed, "custom", "Why do you want this role?", "behavioral")
    (tmp_path / "gone.wav.pending.json").write_text("{}")  # its recording was deleted
    found = pending_recordings(tmp_path)
    assert [p.wav for p in found] == [known, typed]
    assert not (tmp_path / "gone.wav.pending.json").exists()
    assert question_for(found[0], bank).id == "cicd-deployment-reliability"
    asked = question_for(found[1], bank)
    assert (asked.text, asked.kind) == ("Why do you want this role?", "behavioral")
    discard_pending(found[1])
    assert not typed.exists() and [p.wav for p in pending_recordings(tmp_path)] == [known]
