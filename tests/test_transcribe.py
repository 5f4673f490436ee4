from __future__ import annotations

import itertools
import re
from pathlib import Path

from coach.audio import load_audio
from coach.config import TranscribeOptions
from coach.transcribe import Word, clean_words
from tests.conftest import REPO, SPEECH_DIR, needs_field_cases, needs_speech

_clock = itertools.count()


def _w(text: str, p: float = 0.9) -> Word:
    """A word 0.3 s after the one before, as people speak."""
    start = 0.3 * next(_clock)
    return Word(text, start, start + 0.25, p)


def test_guard_drops_unsure_fillers_leaks_loops_and_outros() -> None:
    options = TranscribeOptions()
    words = [_w("Montreal"), _w("um,", 0.01), _w("forced")]
    assert [w.text for w in clean_words(words, options)] == ["Montreal", "forced"]
    leaked = [_w("Well"), *(_w(t) for t in options.filler_prompt.split()), _w("yes")]  # type: ignore[union-attr]
    assert [w.text for w in clean_words(leaked, options, options.filler_prompt)] == ["Well", "yes"]
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


def _t(text: str, start: float, end: float, p: float = 0.9) -> Word:
    return Word(text, start, end, p)


def test_pieces_cut_in_pauses_and_never_exceed_one_window() -> None:
    from coach.transcribe import MAX_PIECE_S, pieces

    speech = [(1.0, 9.0), (10.0, 20.0), (21.0, 27.0), (30.0, 40.0), (41.0, 100.0)]
    spans = pieces(speech, pad_s=0.5)
    assert all(end - start <= MAX_PIECE_S + 1.0 for start, end in spans)
    assert spans[0][0] == 0.5 and spans[-1][1] == 100.5
    # every speech second is inside a piece, and pieces meet only in pauses
    for start, end in speech:
        assert (
            sum(min(end, b) - max(start, a) for a, b in spans if a < end and b > start) >= end - start - 1e-9
        )
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end <= start + 1e-9
    # a pause-free stretch longer than a window is cut every MAX_PIECE_S
    assert len(pieces([(0.0, 70.0)], pad_s=0.5)) == 3


def test_words_with_no_voice_under_them_are_dropped() -> None:
    from coach.transcribe import keep_voiced

    words = [_t("so", 0.9, 1.1), _t("let's", 5.0, 5.2), _t("go.", 5.3, 5.4)]
    assert [w.text for w in keep_voiced(words, [(1.0, 2.0)])] == ["so"]
    assert [w.text for w in keep_voiced(words, [(1.2, 2.0)])] == ["so"]  # within the margin
    assert keep_voiced(words, []) == []


def test_coverage_and_uncovered_speech() -> None:
    from coach.transcribe import speech_coverage, uncovered

    speech = [(0.0, 4.0), (10.0, 12.0)]
    words = [_t("a", 0.5, 1.0), _t("b", 1.2, 3.8)]
    gaps = uncovered(speech, words)
    assert gaps == [(0.0, 0.2), (10.0, 12.0)]
    assert speech_coverage(speech, words) == round(1 - (2.0 + 0.2) / 6.0, 4)  # 0-0.2 s and 10-12 s
    assert speech_coverage([], words) is None
    assert speech_coverage(speech, [*words, _t("c", 10.1, 11.8)]) == round(1 - 0.2 / 6.0, 4)


def test_filler_pass_adds_only_fillers_not_already_there() -> None:
    from coach.transcribe import merge_fillers

    words = [_t("we", 0.0, 0.2), _t("um", 0.3, 0.6), _t("rolled", 1.5, 1.9)]
    extra = [_t("uh", 0.5, 0.7), _t("um", 1.0, 1.3)]
    merged = merge_fillers(words, extra)
    assert [(w.text, w.start_s) for w in merged] == [("we", 0.0), ("um", 0.3), ("um", 1.0), ("rolled", 1.5)]


CORPUS = REPO / "corpus"


def _corpus_row(name: str) -> dict[str, str]:
    import csv

    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["file"].endswith(name):
                assert row["split"] == "dev", "tests use the development part only"
                return row
    raise AssertionError(name)


def test_a_slow_paused_voice_keeps_every_word_and_its_first_word_time(coach) -> None:  # type: ignore[no-untyped-def]
    """Two read sonnets with long stretches of exact digital silence around and between
    them (a muted input gives exact zeros): every word is kept, the first word is placed
    where it is heard, and nothing is written over the silence."""
    import numpy as np

    from coach.audio import Audio
    from coach.evaluation.metrics import align, normalize
    from coach.questions import adhoc_question

    rows = [_corpus_row("sonnet001_0200-end.flac"), _corpus_row("sonnet002_0200-end.flac")]
    clips = [load_audio(CORPUS / row["file"]).samples for row in rows]
    zeros = [np.zeros(int(s * 16_000), np.float32) for s in (6.0, 7.0, 9.0)]
    audio = Audio(np.concatenate([zeros[0], clips[0], zeros[1], clips[1], zeros[2]]))
    result = coach.analyze_audio(audio, adhoc_question("Tell me about a poem you like"))
    analysis = result.analysis
    timing = analysis.timing
    assert timing is not None
    assert abs(timing.first_word_s - (6.0 + float(rows[0]["first_word_s"]))) <= 0.3
    assert analysis.transcript.coverage is not None and analysis.transcript.coverage >= 0.98
    reference = normalize(" ".join(row["reference"] for row in rows))
    hypothesis = normalize(analysis.transcript.text)
    assert align(reference, hypothesis).errors / len(reference) < 0.15
    speech_end_s = (len(audio.samples) - len(zeros[2])) / 16_000
    gap = (6.0 + len(clips[0]) / 16_000, 6.0 + len(clips[0]) / 16_000 + 7.0)
    for word in analysis.transcript.words:
        assert word.start_s is not None and word.start_s < speech_end_s  # nothing after the speech
        assert not gap[0] + 0.3 < word.start_s < gap[1] - 0.3, word  # nothing over the silence


def _aac_memo(source: Path, out: Path) -> Path:
    """Save a recording the way a phone saves a voice memo: AAC in .m4a, 44.1 kHz stereo."""
    import av
    import numpy as np

    from coach.audio import resample

    mono = resample(load_audio(source).samples, 16_000, 44_100)
    stereo = np.stack([mono, mono]).astype(np.float32)
    with av.open(str(out), "w", format="mp4") as container:
        stream = container.add_stream("aac", rate=44_100)
        stream.layout = "stereo"
        frame = av.AudioFrame.from_ndarray(stereo, format="fltp", layout="stereo")
        frame.sample_rate = 44_100
        for packet in stream.encode(frame):
            container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return out


def _words_after_speech(data: dict) -> list[str]:  # type: ignore[type-arg]
    timing = data["timing"]
    last_speech_s = timing["duration_s"]
    return [w["text"] for w in data["transcript"]["words"] if w["start_s"] > last_speech_s + 0.3]


def _same_words(a: dict, b: dict) -> float:  # type: ignore[type-arg]
    from coach.evaluation.metrics import align, normalize

    left, right = normalize(a["transcript"]["text"]), normalize(b["transcript"]["text"])
    return align(left, right).errors / max(len(left), 1)


@needs_field_cases
def test_the_phone_voice_memo_gets_no_invented_ending() -> None:
    """Field case: the same call as a WAV and as a phone's AAC voice memo gives the same
    words, and nothing after the last spoken word ("Thank you for watching" was added)."""
    import json

    from tests.conftest import FIELD_DIR, run_coach

    runs = {}
    for name in ("phone_call_30s.wav", "phone_call_30s_voice_memo.m4a"):
        done = run_coach("analyze", str(FIELD_DIR / name), "--json", "--no-keep-audio")
        assert done.returncode == 0, done.stderr
        runs[name] = json.loads(done.stdout)
    memo, wav = runs["phone_call_30s_voice_memo.m4a"], runs["phone_call_30s.wav"]
    assert _words_after_speech(memo) == [] and _words_after_speech(wav) == []
    assert "watching" not in memo["transcript"]["text"].lower()
    assert _same_words(wav, memo) <= 0.1
    assert memo["transcript"]["coverage"] >= 0.95


def test_an_aac_memo_of_real_speech_reads_like_the_original(coach, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The same kind of case from the corpus: a read recording saved as a phone memo is
    transcribed like the original, with nothing after the last speech."""
    from coach.questions import adhoc_question
    from coach.report.json import answer_dict

    source = CORPUS / _corpus_row("sonnet001_0200-end.flac")["file"]
    memo = _aac_memo(source, tmp_path / "memo.m4a")
    question = adhoc_question("Tell me about your team")
    results = [answer_dict(coach.analyze_file(path, question)) for path in (source, memo)]
    for data in results:
        assert _words_after_speech(data) == []
    assert _same_words(results[0], results[1]) <= 0.1


def test_words_packed_into_the_end_of_a_clip_are_dropped() -> None:
    """Text squeezed into the last fraction of a second (faster than anyone speaks) is
    what Whisper adds where the audio runs out; a fast but possible ending stays."""
    spoken = [
        _t(t, 0.5 + 0.3 * i, 0.75 + 0.3 * i) for i, t in enumerate(["in", "thick", "peppered", "sauce"])
    ]
    invented = [
        _t(t, 1.8 + 0.03 * i, 1.82 + 0.03 * i) for i, t in enumerate(["thank", "you", "for", "watching"])
    ]
    options = TranscribeOptions()
    assert [w.text for w in clean_words(spoken + invented, options)] == ["in", "thick", "peppered", "sauce"]
    fast = [_t(t, 0.2 * i, 0.2 * i + 0.18) for i, t in enumerate(["we", "rolled", "it", "back", "fast"])]
    assert len(clean_words(fast, options)) == 5


class _FakeWord:
    def __init__(self, word: str, start: float, end: float) -> None:
        self.word, self.start, self.end, self.probability = word, start, end, 0.9


class _FakeSegment:
    def __init__(self, words: list[_FakeWord]) -> None:
        self.words, self.temperature, self.end = words, 0.0, words[-1].end


class _SplitWhisper:
    """Stands in for WhisperModel.transcribe, giving the word pieces faster-whisper gives
    when a word is split at a token boundary, some at a segment's start."""

    def __init__(self, segments: list[list[tuple[str, float, float]]]) -> None:
        self.segments = segments

    def transcribe(self, *_args: object, **_kwargs: object) -> tuple[list[_FakeSegment], None]:
        return [_FakeSegment([_FakeWord(*w) for w in seg]) for seg in self.segments], None


def test_words_split_across_tokens_and_segments_are_one_word_again() -> None:
    """Pieces like "on -call", "4 ,000", "30 %", "did n't" come back as one word each, whether the
    piece had a space before it, no space, or opened the next segment."""
    import numpy as np

    from coach.audio import Audio
    from coach.transcribe import decode

    model = _SplitWhisper(
        [
            [(" I", 0.0, 0.2), (" was", 0.2, 0.4), (" on", 0.4, 0.6), (" -call", 0.6, 0.9)],
            [(" for", 1.0, 1.2), (" 4", 1.2, 1.4), (" ,000", 1.4, 1.8), (" orders,", 1.8, 2.2)],
            [(" up", 2.3, 2.5), (" 30", 2.5, 2.7), (" %", 2.7, 2.9), (" and", 3.0, 3.2), (" it", 3.2, 3.3)],
            [
                (" did", 3.3, 3.5),
                ("n't", 3.5, 3.6),
                (" fail", 3.6, 3.8),
                (" -", 3.9, 4.0),
                (" the", 4.0, 4.2),
            ],
            [(" multi", 4.2, 4.5)],
            [("-zone", 4.5, 4.9), (" cluster", 4.9, 5.3), (" .", 5.3, 5.4)],
        ]
    )
    audio = Audio(np.zeros(6 * 16_000, np.float32))
    words = decode(model, audio, (0.0, 6.0), TranscribeOptions())  # type: ignore[arg-type]
    assert [w.text for w in words] == [
        "I", "was", "on-call", "for", "4,000", "orders,", "up", "30%", "and", "it", "didn't", "fail", "-",
        "the", "multi-zone", "cluster.",
    ]  # fmt: skip
    on_call = words[2]
    assert (on_call.start_s, on_call.end_s) == (0.4, 0.9)  # the whole word's time


def test_typed_and_stored_split_words_read_as_whole_words() -> None:
    from coach.transcribe import Transcript, rejoin, transcript_from_text

    typed = transcript_from_text("the on -call team shipped 4 ,000 orders , up 30 % ; it did n't fail")
    assert typed.text == "the on-call team shipped 4,000 orders, up 30%; it didn't fail"
    assert [w.text for w in typed.words][:3] == ["the", "on-call", "team"]
    stored = Transcript(
        tuple(_t(t, i * 0.3, i * 0.3 + 0.2) for i, t in enumerate(["a", "multi", "-zone", "setup"]))
    )
    assert stored.text == "a multi-zone setup"
    assert [w.text for w in rejoin(stored.words)] == ["a", "multi-zone", "setup"]


SPLIT_PRONE = (
    "I was the on-call engineer for a multi-zone cluster. "
    "We shipped 4,000 orders a day, and errors fell by 30 percent."
)


def test_real_speech_with_hyphens_numbers_and_percent_reads_whole_everywhere(coach, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """espeak-ng says the words, Whisper writes them; the transcript, its JSON, the
    terminal and HTML views and every quote keep "on-call", "multi-zone", "4,000" and
    "30%" whole."""
    import io

    from rich.console import Console

    from coach.questions import adhoc_question
    from coach.report.html import answer_report
    from coach.report.json import answer_dict
    from coach.report.terminal import render
    from coach.speak import synthesize

    wav = synthesize(SPLIT_PRONE, tmp_path / "split.wav")
    result = coach.analyze_file(wav, adhoc_question("Tell me about an incident you handled", "behavioral"))
    data = answer_dict(result)
    text = data["transcript"]["text"]
    # Whisper's hearing of espeak varies ("on-call" may come out "uncle"); what must hold is
    # that the joined forms it does write stay whole, and most of them come through
    whole = [form for form in ("on-call", "multi-zone", "4,000", "30%") if form in text]
    assert len(whole) >= 2, text
    stray = re.compile(r"\s(-\w|,\d|\.\d|%|n't\b|'s\b)|\s[,.;:!?]")
    screen = io.StringIO()
    render(Console(file=screen, width=200, color_system=None), data)
    quotes = [t["evidence"] for t in data["feedback"]] + [
        e["quote"] for e in (data.get("star") or {}).get("evidence", {}).values() if e
    ]
    page = answer_report(data)
    shown = re.search(r'<p class="transcript">(.*?)</p>', page, re.S)
    assert shown is not None
    html_text = re.sub(r"<[^>]+>", "", shown.group(1))
    assert all(form in html_text for form in whole), html_text
    for view in (text, screen.getvalue(), html_text, *quotes):
        assert not stray.search(view), stray.search(view)
