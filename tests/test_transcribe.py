from __future__ import annotations

import re

from coach.audio import load_audio
from coach.config import TranscribeOptions
from coach.transcribe import Word, clean_words
from tests.conftest import SPEECH_DIR, needs_speech


def _w(text: str, p: float = 0.9) -> Word:
    return Word(text, 0.0, 0.1, p)


def test_guard_drops_unsure_fillers_leaks_loops_and_outros() -> None:
    options = TranscribeOptions()
    words = [_w("Montreal"), _w("um,", 0.01), _w("forced")]
    assert [w.text for w in clean_words(words, options)] == ["Montreal", "forced"]
    leaked = [_w("Well"), *(_w(t) for t in options.initial_prompt.split()), _w("yes")]  # type: ignore[union-attr]
    assert [w.text for w in clean_words(leaked, options)] == ["Well", "yes"]
    loop = [_w(t) for t in ["a", "lot,", "a", "lot,", "a", "lot,", "a", "lot,", "a", "lot,", "liner"]]
    assert [w.norm for w in clean_words(loop, options)] == ["a", "lot", "liner"]
    stutter = [_w(t) for t in ["uh", "uh", "uh", "uh", "uh", "uh", "forced"]]
    assert len(clean_words(stutter, options)) == 7  # real repeated fillers stay
    outro = [_w("aligner."), _w("Thank", 0.0), _w("you.", 0.98)]
    assert [w.text for w in clean_words(outro, options)] == ["aligner."]


def _textgrid_intervals(path) -> list[tuple[float, float, str]]:  # type: ignore[no-untyped-def]
    lines = [line.strip() for line in path.read_text().splitlines()]
    start = lines.index('"words"') + 4
    out = []
    for i in range(start, len(lines) - 2, 3):
        if not lines[i + 2].startswith('"'):
            break
        out.append((float(lines[i]), float(lines[i + 1]), lines[i + 2].strip('"')))
    return out


@needs_speech
def test_fillers_in_the_real_monologue_are_found_near_their_times(coach) -> None:  # type: ignore[no-untyped-def]
    from coach.questions import adhoc_question

    path = SPEECH_DIR / "mfa" / "acoustic_corpus.wav"
    result = coach.analyze_audio(load_audio(path), adhoc_question("Tell me about yourself"), path)
    reference = [
        (s, e)
        for s, e, t in _textgrid_intervals(SPEECH_DIR / "mfa" / "acoustic_corpus.TextGrid")
        if t == "um"
    ]
    assert len(reference) == 2
    ums = [h for h in result.analysis.fillers.hits if h.text == "um"]
    for ref_start, ref_end in reference:
        assert any(ref_start - 0.5 <= h.start_s <= ref_end + 0.5 for h in ums), (ref_start, ums)
    assert {"um", "uh", "you know"} <= set(result.analysis.fillers.by_text)
    text = result.analysis.transcript.text.lower()
    assert "acoustic corpus" in text and "thanks" in text
    assert "i mean, um, hm" not in text  # no prompt leak


@needs_speech
def test_jfk_is_transcribed_without_invented_fillers(coach) -> None:  # type: ignore[no-untyped-def]
    from coach.questions import adhoc_question

    path = SPEECH_DIR / "jfk" / "jfk.flac"
    result = coach.analyze_audio(load_audio(path), adhoc_question("Why this role?"), path)
    text = re.sub(r"[^a-z ]", "", result.analysis.transcript.text.lower())
    assert "ask not what your country can do for you" in text
    assert not [h for h in result.analysis.fillers.hits if h.kind == "filled_pause"]
    timing = result.analysis.timing
    assert timing is not None and 8 < timing.duration_s < 11.5 and timing.word_count == 22
