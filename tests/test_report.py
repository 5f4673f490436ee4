"""The HTML report, rendered in headless Chromium (Debian's chromium and chromedriver)."""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from coach import history
from coach.questions import adhoc_question
from coach.report.html import answer_report
from coach.report.publish import write_attempt_report, write_progress_report
from tests.conftest import SPEECH_DIR, needs_speech, run_coach

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
needs_chromium = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER), reason="needs chromium and chromium-driver"
)
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--window-size=1100,1400",
)  # fmt: skip


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={tmp_path / 'chromium'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    yield driver
    driver.quit()


@pytest.fixture
def stored_attempt(coach) -> int:  # type: ignore[no-untyped-def]
    from coach.audio import load_audio
    from coach.report.json import answer_dict

    path = SPEECH_DIR / "mfa" / "acoustic_corpus.wav"
    question = adhoc_question("Tell me about a <script>alert('x')</script> time you automated toil")
    data = answer_dict(coach.analyze_audio(load_audio(path), question, path))
    return history.record(data, mode="analyze")


@needs_speech
@needs_chromium
def test_report_renders_fillers_bands_marks_and_seeks(browser, stored_attempt: int, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = write_attempt_report(stored_attempt, tmp_path / "report.html")
    text = report.read_text()
    assert "<script>alert" not in text and "&lt;script&gt;alert" in text
    assert "http://" not in text and "https://" not in text  # nothing to fetch
    browser.get(report.as_uri())
    browser.save_screenshot(str(tmp_path / "report.png"))
    assert (tmp_path / "report.png").stat().st_size > 10_000
    fillers = browser.find_elements("css selector", ".transcript .filler")
    assert {f.text.strip(",.").lower() for f in fillers} >= {"um", "uh"}
    bands = browser.find_elements("css selector", "svg.timeline rect.band")
    assert bands and bands[0].get_attribute("data-section") == "situation"
    low, high = history.get(stored_attempt).data["timing"]["target_s"]
    marks = [t.text for t in browser.find_elements("css selector", "svg.timeline text.target-mark")]
    assert marks == [f"{low:g} s", f"{high:g} s"]
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert bands[0].value_of_css_property("print-color-adjust") == "exact"
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert len(browser.find_elements("css selector", "script")) == 1  # ours only: the title stayed text
    assert "<script>" in browser.find_element("css selector", "h1").text
    word = next(
        w
        for w in browser.find_elements("css selector", ".w[data-start]")
        if float(w.get_attribute("data-start")) > 8
    )
    start = float(word.get_attribute("data-start"))
    word.click()
    time.sleep(0.3)
    now = browser.execute_script("return document.getElementById('audio').currentTime")
    assert start - 0.01 <= now <= start + 1.5


@needs_chromium
def test_progress_page_has_trend_charts(browser, nlp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from coach.analysis import analyze
    from coach.feedback import make_feedback
    from coach.report.json import answer_dict
    from coach.session import AnswerResult
    from coach.transcribe import transcript_from_text

    question = adhoc_question("How would you ship safely?")
    for text in (
        "Um, it depends.",
        "I'd use canaries because they limit the blast radius. The downside is speed.",
    ):
        analysis = analyze(transcript_from_text(text), question, nlp)
        history.record(answer_dict(AnswerResult(analysis, make_feedback(analysis))), mode="practice")
    page = write_progress_report(tmp_path / "progress.html")
    browser.get(page.as_uri())
    charts = browser.find_elements("css selector", "svg.trend-chart")
    assert charts and charts[0].get_attribute("data-metric") == "score"
    assert len(browser.find_elements("css selector", "#attempts tbody tr")) == 2


def test_report_escapes_everything() -> None:
    data = {
        "question": {"id": "x", "text": "<b>bold</b>", "kind": "technical", "category": "c"},
        "audio": None, "timing": None, "structure": None, "star": None,
        "transcript": {"text": "<script>", "words": [{"text": "<script>x</script>", "start_s": None, "end_s": None}]},
        "fillers": {"count": 0, "per_minute": None, "share_of_words": 0.0, "by_text": {}, "hits": []},
        "coverage": {"covered": [], "missed": [{"label": "<i>"}]},
        "feedback": [{"message": "<img src=x>", "evidence": "", "at_s": None}],
    }  # fmt: skip
    page = answer_report(data)
    assert "<script>x" not in page and "<img" not in page and "<b>bold" not in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page


def _typed(nlp, text: str) -> dict:  # type: ignore[no-untyped-def, type-arg]
    from coach.analysis import analyze
    from coach.feedback import make_feedback
    from coach.report.json import answer_dict
    from coach.session import AnswerResult
    from coach.transcribe import transcript_from_text

    analysis = analyze(transcript_from_text(text), adhoc_question("How would you ship safely?"), nlp)
    return answer_dict(AnswerResult(analysis, make_feedback(analysis)))


HEDGY = (
    "Maybe we could, I guess, use canaries. I think I think and then and then it works more or less. "
    "It was kind of slow, um, perhaps."
)


def _marked(page: str) -> list[tuple[set[str], str]]:
    return [(set(c.split()), w) for c, w in re.findall(r'<span class="(w[^"]*)"[^>]*>([^<]*)</span>', page)]


def test_hedges_and_repeated_phrases_are_marked_apart_from_fillers(nlp) -> None:  # type: ignore[no-untyped-def]
    page = answer_report(_typed(nlp, HEDGY))
    words = _marked(page)
    hedges = [w.strip(",.") for c, w in words if "hedge" in c]
    assert hedges == ["Maybe", "I", "guess", "more", "or", "less", "kind", "of", "perhaps"]
    assert not any("filler" in c for c, _ in words if "hedge" in c)
    assert [w.strip(",.") for c, w in words if "filler" in c] == ["um"]
    assert [w for c, w in words if "repeat" in c] == ["I", "think", "and", "then"]
    assert 'class="key hedge-key"' in page and 'class="key repeat-key"' in page
    assert ".hedge {" in page and ".hedge-key {" in page


def test_recording_message_says_why_it_is_not_embedded(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from coach.report import html

    assert "was not kept" in html._audio({"audio": {"path": None}})
    gone = tmp_path / "gone.wav"
    assert "no longer at" in html._audio({"audio": {"path": str(gone)}}) and str(gone) in html._audio(
        {"audio": {"path": str(gone)}}
    )
    gone.write_bytes(b"RIFF" + bytes(100))
    monkeypatch.setattr(html, "MAX_EMBED_BYTES", 10)
    big = html._audio({"audio": {"path": str(gone)}})
    assert "too large to embed" in big and "not kept" not in big


def test_report_cli_writes_an_attempt_or_the_progress_page(nlp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    attempt = history.record(_typed(nlp, HEDGY), mode="analyze")
    progress_page = tmp_path / "p.html"
    proc = run_coach("report", "--progress", str(progress_page))
    assert proc.returncode == 0, proc.stderr
    assert "coach · progress" in progress_page.read_text()
    proc = run_coach("report", "--progress")
    assert proc.returncode == 0 and (history.reports_path() / "progress.html").is_file(), proc.stderr
    page = tmp_path / "a.html"
    proc = run_coach("report", str(attempt), str(page))
    assert proc.returncode == 0 and "How would you ship safely?" in page.read_text(), proc.stderr
    assert run_coach("report", str(attempt)).returncode == 0 and history.report_path(attempt).is_file()
    wrong = run_coach("report", "not-a-number")
    assert wrong.returncode == 1 and "attempt must be an id number" in wrong.stderr


@needs_chromium
def test_highlights_keep_their_colours_in_print(browser, nlp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "report.html"
    page.write_text(answer_report(_typed(nlp, HEDGY)), encoding="utf-8")
    browser.get(page.as_uri())
    style = "return getComputedStyle(document.querySelector(arguments[0]))[arguments[1]]"
    hedge_bg = browser.execute_script(style, ".transcript .hedge", "backgroundColor")
    assert hedge_bg != browser.execute_script(style, ".transcript .filler", "backgroundColor")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    for selector in (".transcript .filler", ".transcript .hedge", ".transcript .repeat", ".legend .key"):
        assert browser.execute_script(style, selector, "printColorAdjust") == "exact", selector
