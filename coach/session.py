"""Orchestration: speak the question, record, transcribe, analyze, give feedback.

Data flows one way through the stages. Models are loaded once per Coach and reused.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from coach import interrupts
from coach.acoustics import Acoustics, measure, reconcile_fillers
from coach.analysis import Analysis, analyze
from coach.audio import Audio, Samples, level_warnings, load_audio, write_wav
from coach.config import SAMPLE_RATE_HZ, AnalysisOptions, RecordOptions, Settings, TranscribeOptions
from coach.errors import DeviceError, DiskFullError, Interrupted, NoSpeechError
from coach.feedback import Tip, make_feedback
from coach.memory import status_mb
from coach.models import NlpModel, load_nlp, load_whisper, resolve_whisper_dir
from coach.paths import new_recording_path
from coach.questions import Question, target_window
from coach.recovery import clear_pending, mark_pending, mark_recorded
from coach.transcribe import FILLED_PAUSES, Transcript, language_warnings, transcribe, transcript_from_text
from coach.vocabulary import hotwords_for
from coach.wording import reason as error_reason

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

    from coach.record import Recording
    from coach.stream import StreamingTranscriber

log = logging.getLogger("coach")

FOREIGN_VOICE_S = 3.0  # this much voice with next to no English words: another language
MIN_ENGLISH_WORDS_PER_S = 0.5
SILENT_PEAK = 1e-3  # a peak below -60 dBFS is silence, whatever the file claims
DEMO_ANSWER = (
    "Uhm, so at my last company we had a big outage in our payments API during a launch. "
    "My job was to lead the response as the on-call engineer. "
    "I paged the database team, um, and I rolled back the release within ten minutes. "
    "Then we added a canary stage to the pipeline. "
    "After that, errors dropped from five percent to almost zero."
)


class Reporter(Protocol):
    """What the session tells the person in front of it; the CLI renders it."""

    def question(self, label: str, text: str) -> None: ...
    def status(self, message: str) -> None: ...
    def warn(self, message: str) -> None: ...
    def recording(self, target_s: tuple[float, float], max_s: float) -> None: ...
    def level(self, elapsed_s: float, dbfs: float, speech_started: bool) -> None: ...
    def recorded(self, path: Path, duration_s: float, reason: str) -> None: ...
    def end_display(self) -> None: ...
    def counts(self, words: int, fillers: int) -> None: ...


class LiveCounter:
    """Passes recorded blocks to the streamer and, about once a second, the running word
    and filler counts to the reporter."""

    def __init__(self, streamer: StreamingTranscriber | None, reporter: Reporter) -> None:
        self.streamer, self.reporter = streamer, reporter
        self._last = 0.0

    def add(self, block: Samples) -> None:
        if self.streamer is None:
            return
        self.streamer.add(block)
        now = time.monotonic()
        if now - self._last >= 1.0:
            self._last = now
            words = self.streamer.running_words()
            if words is None:  # no chunk decoded yet: the counts are unknown, not zero
                return
            fillers = sum(1 for w in words if w.norm in FILLED_PAUSES)
            self.reporter.counts(len(words) - fillers, fillers)


def process_age_s() -> float | None:
    """Seconds since this process started (Linux /proc), for cold-start figures."""
    import os

    try:
        ticks = os.sysconf("SC_CLK_TCK")
        stat = Path("/proc/self/stat").read_text()
        # field 22, starttime, counted after the parenthesized command name
        started = int(stat.rsplit(")", 1)[1].split()[19]) / ticks
        uptime = float(Path("/proc/uptime").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return round(uptime - started, 3)


def peak_rss_mb() -> float:
    """This process's peak resident memory so far (VmHWM; ru_maxrss only without /proc)."""
    peak = status_mb("VmHWM")
    if peak is not None:
        return peak
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


class QuietReporter:
    def question(self, label: str, text: str) -> None:
        log.info("%s: %s", label, text)

    def status(self, message: str) -> None:
        log.info(message)

    def warn(self, message: str) -> None:
        log.warning(message)

    def recording(self, target_s: tuple[float, float], max_s: float) -> None:
        pass

    def level(self, elapsed_s: float, dbfs: float, speech_started: bool) -> None:
        pass

    def recorded(self, path: Path, duration_s: float, reason: str) -> None:
        log.info("recorded %.1f s to %s (%s)", duration_s, path, reason)

    def end_display(self) -> None:
        pass

    def counts(self, words: int, fillers: int) -> None:
        pass


def _drop_take(streamer: StreamingTranscriber | None, path: Path) -> None:
    """A take that holds no answer: its decoding stops, its file and recovery marker go."""
    if streamer is not None:
        streamer.cancel()
    path.unlink(missing_ok=True)
    clear_pending(path)


@dataclass(frozen=True)
class AnswerResult:
    analysis: Analysis
    tips: list[Tip]
    audio_path: Path | None = None
    audio_duration_s: float | None = None
    latency: dict[str, Any] | None = None  # practice only: timings and resources of the live path
    warnings: tuple[str, ...] = ()  # about the input: clipping, a quiet level, not English


@dataclass
class Coach:
    """Holds the settings and the loaded models for one process."""

    settings: Settings = field(default_factory=Settings)
    transcribe_options: TranscribeOptions = field(default_factory=TranscribeOptions)
    analysis_options: AnalysisOptions = field(default_factory=AnalysisOptions)
    _whisper: WhisperModel | None = None
    _whisper_name: str = ""
    _load_error: BaseException | None = None
    _question_at_s: float | None = None  # process age when the question began to play

    def whisper(self) -> tuple[WhisperModel, str]:
        if self._whisper is None:
            folder = resolve_whisper_dir(self.transcribe_options.model_dir or self.settings.model)
            self._whisper = load_whisper(
                folder,
                compute_type=self.transcribe_options.compute_type,
                cpu_threads=self.transcribe_options.cpu_threads,
            )
            self._whisper_name = str(folder)
        return self._whisper, self._whisper_name

    def nlp(self) -> NlpModel:
        return load_nlp()

    def _finish(
        self,
        transcript: Transcript,
        question: Question,
        path: Path | None,
        duration_s: float | None,
        acoustics: Acoustics | None = None,
    ) -> AnswerResult:
        options = self.analysis_options
        if question.target_window_s is None and self.settings.target_window_s != options.target_window_s:
            options = replace(options, target_window_s=self.settings.target_window_s)
        analysis = analyze(transcript, question, self.nlp(), options, acoustics)
        return AnswerResult(analysis, make_feedback(analysis, options), path, duration_s)

    def analyze_audio(self, audio: Audio, question: Question, path: Path | None = None) -> AnswerResult:
        """Transcribe and analyze a recording; NoSpeechError when nobody spoke."""
        where = f" in {path}" if path else ""
        if audio.samples.size == 0 or float(np.max(np.abs(audio.samples))) < SILENT_PEAK:
            raise NoSpeechError(
                f"no speech found{where}: the recording is silent, so there is nothing to analyze"
            )
        model, name = self.whisper()
        acoustics = measure(audio)
        transcript = transcribe(model, audio, self._options_for(question), name, acoustics)
        return self._finish_audio(transcript, acoustics, audio, question, path)

    def _options_for(self, question: Question) -> TranscribeOptions:
        options = self.transcribe_options
        if options.hotwords is None:
            options = replace(options, hotwords=hotwords_for(question))
        return options

    def _finish_audio(
        self,
        transcript: Transcript,
        acoustics: Acoustics,
        audio: Audio,
        question: Question,
        path: Path | None,
    ) -> AnswerResult:
        spoken = [w for w in transcript.words if w.norm and w.norm not in FILLED_PAUSES]
        voiced_s = sum(end - start for start, end in acoustics.speech)
        where = f" in {path}" if path else ""
        if voiced_s >= FOREIGN_VOICE_S and len(spoken) < voiced_s * MIN_ENGLISH_WORDS_PER_S:
            # the English-only model writes (almost) nothing for speech in another language
            raise NoSpeechError(
                f"heard {voiced_s:.0f} s of voice{where} but almost no English words: coach's model "
                "understands English only (if you spoke English, check the microphone level)"
            )
        if not spoken:
            raise NoSpeechError(f"no speech found{where}: nothing to analyze (check the microphone level)")
        transcript = reconcile_fillers(transcript, acoustics)
        result = self._finish(transcript, question, path, round(audio.duration_s, 3), acoustics)
        warnings = level_warnings(audio) + language_warnings(transcript)
        return replace(result, warnings=tuple(warnings)) if warnings else result

    def analyze_file(self, path: Path, question: Question) -> AnswerResult:
        return self.analyze_audio(load_audio(path), question, path)

    def analyze_text(self, text: str, question: Question) -> AnswerResult:
        transcript = transcript_from_text(text)
        if not transcript.words:
            raise NoSpeechError("the transcript is empty: nothing to analyze")
        return self._finish(transcript, question, None, None)

    def speak(self, text: str, reporter: Reporter) -> None:
        from coach.speak import say

        def started() -> None:
            if self._question_at_s is None:
                self._question_at_s = process_age_s()

        try:
            say(text, voice=self.settings.voice, rate_wpm=self.settings.speech_rate_wpm, on_start=started)
        except DeviceError as exc:
            reporter.warn(f"could not speak the question ({exc}); read it above")

    def _load_models(self, question: Question | None = None) -> None:
        from coach.analysis import warm_up

        try:
            self.whisper()
            nlp = self.nlp()
            if question is not None:
                warm_up(question, nlp)
        except BaseException as exc:  # re-raised on the main thread
            self._load_error = exc

    def practice(
        self,
        question: Question,
        reporter: Reporter,
        *,
        speak: bool = True,
        record_options: RecordOptions | None = None,
        stream: bool = True,
        label: str | None = None,
    ) -> AnswerResult:
        """One full practice round on the default input device, transcribed as it is spoken.

        The question is shown (headed by `label`) before it is read aloud. Typing `r` and
        Enter while recording reads it again and starts the answer over."""
        from coach.record import default_input_device, is_empty
        from coach.speak import cue_tone, play
        from coach.stream import StreamingTranscriber

        record_options = record_options or self.settings.record
        default_input_device()  # fail before speaking if there is nothing to record from
        reporter.question(label or "Question", question.text)  # on screen in every mode
        loading = threading.Thread(target=self._load_models, args=(question,), name="coach-load", daemon=True)
        loading.start()  # the models load while the question is read aloud
        while True:
            if speak:
                self.speak(question.text, reporter)
                try:
                    play(cue_tone(), 16_000)
                except DeviceError as exc:
                    reporter.warn(str(exc))
            loading.join()
            if self._load_error is not None:
                raise self._load_error
            model, name = self.whisper()
            streamer = StreamingTranscriber(model, self._options_for(question), name) if stream else None
            path = new_recording_path(question.id)
            recording, again = self._record(question, reporter, record_options, streamer, path)
            if not again:
                break
            _drop_take(streamer, path)  # asked to hear the question again: the answer starts over
            reporter.question("The question again", question.text)
        if is_empty(recording):
            _drop_take(streamer, path)
            raise NoSpeechError(
                f"stopped after {recording.audio.duration_s:.1f} s, before any answer: nothing was kept "
                "(answer after the beep; Enter or a pause ends the answer)"
            )
        reporter.recorded(path, recording.audio.duration_s, recording.stop_reason)
        mark_recorded(path, recording.stop_reason)  # whole: a later recovery is not partial
        if not recording.speech_detected:
            if streamer is not None:
                streamer.cancel()  # nothing to decode: the take is kept only for `coach doctor`
            clear_pending(path)  # nothing to analyze later either
            raise NoSpeechError(
                f"no speech heard in {recording.audio.duration_s:.0f} s (recording kept at {path}); "
                "check the microphone with `coach doctor`"
            )
        reporter.status("analyzing…")
        kept = f"interrupted while analyzing: the answer is kept at {path} (`coach recover` analyzes it)"
        try:
            with interrupts.saying(kept):
                return self._analyze_recording(recording, streamer, question, path)
        except KeyboardInterrupt:  # a caller that did not install coach.interrupts
            raise Interrupted(kept) from None

    def _record(
        self,
        question: Question,
        reporter: Reporter,
        record_options: RecordOptions,
        streamer: StreamingTranscriber | None,
        path: Path,
    ) -> tuple[Recording, bool]:
        """One take of the answer, and whether the person asked to hear the question again."""
        from coach.record import enter_stops, record_answer

        live = LiveCounter(streamer, reporter) if streamer is not None else None
        try:
            mark_pending(path, question.id, question.text, question.kind)
        except OSError as exc:
            raise DiskFullError(
                f"could not write to {path.parent} ({error_reason(exc)}); free some disk space"
            ) from None
        target = target_window(question, self.settings.target_window_s)
        stop, again = threading.Event(), threading.Event()
        with enter_stops(stop, again):
            try:
                recording = record_answer(
                    path,
                    record_options,
                    stop=stop,
                    on_level=reporter.level,
                    on_block=live.add if live else None,
                    on_start=lambda: reporter.recording(target, record_options.max_answer_s),
                )
            except Interrupted:
                if not path.exists():  # interrupted before any answer: nothing to recover
                    clear_pending(path)
                raise
            finally:
                reporter.end_display()  # Ctrl-C or a device error must not leave it drawing
        return recording, again.is_set()

    def _analyze_recording(
        self, recording: Recording, streamer: StreamingTranscriber | None, question: Question, path: Path
    ) -> AnswerResult:
        """The finished recording's transcript (mostly decoded while it was spoken) and analysis,
        with the live path's latency figures."""
        streamed = streamer is not None and recording.device_rate_hz == SAMPLE_RATE_HZ
        if streamer is not None and streamed:
            transcript, acoustics, info = streamer.finish()
            info["tail_s"] = round(time.monotonic() - recording.stopped_at, 3)
            result = self._finish_audio(transcript, acoustics, recording.audio, question, path)
        else:
            if streamer is not None:
                streamer.finish()  # the device ran at another rate: decode the resampled whole
            info = {}
            result = self.analyze_audio(recording.audio, question, path)
        latency = {
            "post_stop_s": round(time.monotonic() - recording.stopped_at, 3),
            "streaming": streamed,
            "chunks": info.get("chunks", 1),
            "transcribe_busy_s": info.get("busy_s"),
            "tail_s": info.get("tail_s"),
            "to_question_s": self._question_at_s,
            "overflows": recording.overflows,
            "peak_rss_mb": peak_rss_mb(),
            "degraded": info.get("degraded", False),
            "degraded_chunks": info.get("degraded_chunks", []),
            "chunk_log": info.get("chunk_log", []),
        }
        return replace(result, latency=latency)

    def demo(self, question: Question, reporter: Reporter, *, speak: bool = True) -> AnswerResult:
        """The whole loop without a microphone: a synthesized answer is analyzed."""
        from coach.speak import play, speech_audio

        self.whisper()
        self.nlp()
        if speak:
            self.speak(question.text, reporter)
        reporter.status("synthesizing a sample answer with espeak-ng…")
        audio = speech_audio(DEMO_ANSWER, voice=self.settings.voice, rate_wpm=self.settings.speech_rate_wpm)
        path = write_wav(new_recording_path(f"demo-{question.id}"), audio)
        if speak:
            try:
                play(audio.samples, audio.sample_rate_hz)
            except DeviceError as exc:
                reporter.warn(str(exc))
        reporter.status("transcribing…")
        return self.analyze_audio(audio, question, path)
