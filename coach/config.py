"""Options for each stage, with their documented defaults, and the user's settings.

Settings come, in rising priority, from these defaults, from `config.toml` in the user
directory, from environment variables (`COACH_MODEL`, `COACH_TARGET_S`) and from flags.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from coach.errors import ConfigError
from coach.paths import user_dir

SAMPLE_RATE_HZ = 16_000

# The kinds of spoken answer the length policy tells apart: the three kinds of question
# (coach.questions.KINDS), and the follow-up probe asked after an answer.
AnswerKind = Literal["technical", "behavioral", "motivation", "probe"]


@dataclass(frozen=True)
class LengthPolicy:
    """How long a spoken answer should run, as (low, high) seconds, by kind of answer.

    The one table every length verdict comes from: bank questions, story cards, resume
    questions, typed questions, follow-up probes, the live recording display, the report's
    timeline marks and the feedback all read it (through coach.questions.target_window).
    A bank question may override it only with `target_reason` beside its `target_s`; the
    user's `target_s` setting replaces it for every first-pass answer (see Settings).
    Source: the interview-prep notes (../shared/seed/interview-prep-article.txt).

    technical_s: a technical or system-design answer, 60-90 s. The notes put a first
        pass at one to one and a half minutes, with the detail left for the interviewer's
        follow-ups, and warn that a long, rambling answer costs more credibility than a
        short, well-ordered one. This is also the general target the README names.
    behavioral_s: a behavioral story, 60-120 s. It has five parts to tell (situation, task,
        your own actions, a measurable result and what you would change next time, which the
        notes ask for on top of STAR), so it gets 30 s more than a first-pass technical
        answer; past two minutes it is the long, wandering answer the notes warn about.
    motivation_s: a reason to join ("why this company", "what are you looking for"),
        45-90 s. There is no story to set up, only two or three reasons tied to the company
        and the work (the notes ask for a single prepared reason covering both the company
        and this kind of platform work); under 45 s that is a slogan, over 90 s it outruns
        a technical answer.
    probe_s: a follow-up probe (asked after an answer, or about one claim on the resume),
        30-60 s. It asks one narrow thing, and the notes advise going straight to the
        operational point rather than defining the basics; 30 s leaves room for one
        concrete detail.
    """

    technical_s: tuple[float, float] = (60.0, 90.0)
    behavioral_s: tuple[float, float] = (60.0, 120.0)
    motivation_s: tuple[float, float] = (45.0, 90.0)
    probe_s: tuple[float, float] = (30.0, 60.0)

    def window_s(self, kind: str) -> tuple[float, float]:
        """The window for an AnswerKind; an unknown kind gets the general (technical) one."""
        return {
            "behavioral": self.behavioral_s,
            "motivation": self.motivation_s,
            "probe": self.probe_s,
        }.get(kind, self.technical_s)


LENGTH_POLICY = LengthPolicy()
TARGET_WINDOW_S = LENGTH_POLICY.technical_s  # the general target: a first-pass answer

# A short prompt written the way people hesitate. It nudges Whisper to keep the filled
# pauses it otherwise drops. Longer prompts leak their own words into transcripts.
FILLER_PROMPT = "Um, uh, so, uh, I mean, um, hm."


@dataclass(frozen=True)
class TranscribeOptions:
    """How audio becomes words (see coach.transcribe for the passes).

    model_dir: a faster-whisper model folder; None means the bundled tiny.en.
    beam_size: beam search width; 5 is Whisper's own default for accuracy.
    filler_prompt: the prompt of the second, filler-only pass (see FILLER_PROMPT); None
        skips that pass. The words themselves always come from an unprompted pass: on
        real voices the prompt changed words and added text that nobody said.
    hotwords: domain terms that bias spelling (see coach.vocabulary); set per question.
    min_filler_probability: filled pauses Whisper is less sure of than this are dropped;
        they are almost always invented over a breath or a click.
    temperatures: Whisper's fallback schedule when a window decodes as a repetition
        loop. Fallback on a low average log-probability is off: on telephone and accented
        speech every window failed it, so each was decoded six times (five samples each)
        and the live worker ran at a real-time factor near 1 (../shared/field-cases
        phone_call_30s.wav). Three steps keep the loop guard at half the worst cost.
    max_tokens_per_s: a window may produce at most this many tokens per second of its
        audio (plus 16): fast speech is about 5-6 tokens a second with timestamps, so a
        runaway loop ends early instead of filling 448 tokens.
    speech_pad_s: audio decoded before the first and after the last speech found by the
        voice activity detector; outside it, nobody spoke and nothing is decoded.
    compute_type: CTranslate2 weights type; int8 is the fastest on CPU.
    cpu_threads: threads of each of the model's two workers (see coach.models.load_whisper).
    seed: for the sampling Whisper falls back to on hard windows; fixed for repeatability.
    """

    model_dir: Path | None = None
    beam_size: int = 5
    filler_prompt: str | None = FILLER_PROMPT
    hotwords: str | None = None
    min_filler_probability: float = 0.05
    temperatures: tuple[float, ...] = (0.0, 0.2, 0.4)
    max_tokens_per_s: float = 8.0
    speech_pad_s: float = 0.5
    compute_type: str = "int8"
    cpu_threads: int = 1
    seed: int = 0


@dataclass(frozen=True)
class RecordOptions:
    """When a recording starts and stops.

    speech_threshold_dbfs: input louder than this counts as speech for the stop rule.
    silence_stop_s: stop after this much silence once speech has started.
    max_answer_s: hard cap on the recording.
    """

    sample_rate_hz: int = SAMPLE_RATE_HZ
    max_answer_s: float = 180.0
    silence_stop_s: float = 4.0
    speech_threshold_dbfs: float = -42.0
    min_speech_s: float = 0.3
    block_s: float = 0.05


@dataclass(frozen=True)
class AnalysisOptions:
    """Thresholds the analyzers judge by.

    target_window_s: the user's own window for every first-pass answer (`target_s` in
        config.toml, or COACH_TARGET_S); None: the LengthPolicy window for the question's
        kind. A bank question's reasoned `target_s` and a follow-up probe's window win over it.
    min_pause_s: silences between words at least this long are reported as pauses.
    articulation_gap_s: gaps at least this long are excluded from speaking time (the
        same value is the minimum silence of the voice activity detector).
    speech_margin_s: speech this far outside the first and last word still belongs to
        the answer (a word Whisper timed late); farther out it is a cough or noise.
    recommendation_within_s: a technical answer should state its decision by then.
    recommendation_within_words: the same window in words, for a transcript without times
        or punctuation: 15 s at 160 words a minute, a middle conversational rate.
    late_start_s: seconds of silence after the cue before the first word that make a tip
        of their own. A few seconds to collect one's thoughts reads as considered; past
        this, the interviewer is left waiting with nothing, and a prominent tip (among the
        first) once it is twice this. The answer's length and pace are judged from the
        first word, so this is the one place the wait counts.
    """

    target_window_s: tuple[float, float] | None = None
    min_pause_s: float = 1.0
    articulation_gap_s: float = 0.25
    speech_margin_s: float = 1.0
    recommendation_within_s: float = 15.0
    recommendation_within_sentences: int = 2
    recommendation_within_words: int = 40
    fillers_per_minute_limit: float = 3.0
    slow_wpm: float = 110.0
    fast_wpm: float = 185.0
    long_pause_s: float = 3.0
    late_start_s: float = 8.0


@dataclass(frozen=True)
class Settings:
    """What the user configured; flags override these per run.

    target_window_s: `target_s` from config.toml or COACH_TARGET_S, the window for every
        first-pass answer; None (not set): the LengthPolicy window for each kind of answer.
    """

    model: Path | None = None
    target_window_s: tuple[float, float] | None = None
    voice: str = "en-us"
    speech_rate_wpm: int = 165
    record: RecordOptions = field(default_factory=RecordOptions)


def _parse_window(value: object, origin: str) -> tuple[float, float]:
    if isinstance(value, str):
        value = value.replace("-", ",").split(",")
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise ConfigError(f"{origin}: target window must be two numbers of seconds, like 60,90")
    try:
        low, high = float(value[0]), float(value[1])
    except (TypeError, ValueError):
        raise ConfigError(f"{origin}: target window must be numbers, got {value!r}") from None
    if not 0 < low < high:
        raise ConfigError(f"{origin}: target window must be 0 < low < high, got {low}, {high}")
    return low, high


CONFIG_KEYS = {"model": str, "target_s": list, "voice": str, "speech_rate_wpm": int}


def _apply_file(settings: Settings, data: dict[str, object], path: Path) -> Settings:
    """Every key checked: an unknown key or a wrong type is named, with what is expected."""
    for key, value in data.items():
        expected = CONFIG_KEYS.get(key)
        if expected is None:
            raise ConfigError(f"{path}: unknown setting `{key}`; known settings: {', '.join(CONFIG_KEYS)}")
        if not isinstance(value, expected) or isinstance(value, bool):
            raise ConfigError(
                f"{path}: `{key}` must be {'a list of two numbers' if expected is list else expected.__name__}, "
                f"not {type(value).__name__} {value!r}"
            )
    if "model" in data:
        settings = replace(settings, model=Path(str(data["model"])).expanduser())
    if "target_s" in data:
        settings = replace(settings, target_window_s=_parse_window(data["target_s"], str(path)))
    if "voice" in data:
        settings = replace(settings, voice=str(data["voice"]))
    if "speech_rate_wpm" in data:
        rate = int(str(data["speech_rate_wpm"]))
        if not 60 <= rate <= 400:
            raise ConfigError(f"{path}: `speech_rate_wpm` must be between 60 and 400, not {rate}")
        settings = replace(settings, speech_rate_wpm=rate)
    return settings


def load_settings() -> Settings:
    """Defaults, then user_dir()/config.toml, then environment variables."""
    settings = Settings()
    path = user_dir() / "config.toml"
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from None
        settings = _apply_file(settings, data, path)
    if os.environ.get("COACH_MODEL"):
        settings = replace(settings, model=Path(os.environ["COACH_MODEL"]).expanduser())
    if os.environ.get("COACH_TARGET_S"):
        window = _parse_window(os.environ["COACH_TARGET_S"], "COACH_TARGET_S")
        settings = replace(settings, target_window_s=window)
    return settings
