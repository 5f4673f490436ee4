"""The report's charts, read in headless Chromium: no label over another or outside its
chart, target marks from the question's own window, a pace chart scaled to the answer, trend
charts with axes, values and dates, attempt rows that open their reports, and habit changes
worded as progress (on the page and in `coach progress`).

The answers are real: synthesized with espeak-ng, transcribed by Whisper and analyzed with
spaCy, or typed and analyzed. Screenshots go to tests/artifacts/ for a person to look at."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from coach import history
from coach.questions import adhoc_question
from coach.report.publish import write_attempt_report, write_progress_report
from tests import test_report
from tests.terminal import Terminal

browser = test_report.browser  # the headless Chromium fixture
needs_chromium = test_report.needs_chromium

ARTIFACTS = Path(__file__).parent / "artifacts"
# situation and task a second apart, then the rest of the story
STORY = (
    "Our checkout broke. My task was to fix it. I paged the database team, um, and I rolled back "
    "the release within ten minutes. As a result, errors dropped from five percent to almost zero. "
    "I learned to keep rollbacks fast."
)
# all five parts of a technical answer, two of them at once, and validation in the last second
DESIGN = (
    "I'd go with a canary rollout behind a feature flag. Assuming we deploy daily, the downside is "
    "slower releases, but the blast radius is smaller. We'd monitor error rates, latency and saturation "
    "on every canary, and roll back automatically when any of them regress. Last, we verify."
)
NO_ASSUMPTIONS = (
    "I'd go with a canary rollout behind a feature flag. The tradeoff is slower releases for a "
    "smaller blast radius. We'd monitor error rates and roll back automatically."
)
WITH_ASSUMPTIONS = (
    "I'd go with a canary rollout behind a feature flag. Assuming we deploy a few times a day, the "
    "tradeoff is slower releases for a smaller blast radius. We'd monitor error rates and roll back "
    "automatically."
)
# every label of every chart: where it is on screen, and its chart's box
LABEL_BOXES = """
return [...document.querySelectorAll(arguments[0])].map(function (svg) {
  var box = function (el) { var r = el.getBoundingClientRect();
    return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
  return {chart: svg.getAttribute("class"), box: box(svg),
          labels: [...svg.querySelectorAll("text")].map(function (t) {
            return Object.assign(box(t), {text: t.textContent, cls: t.getAttribute("class")}); })};
});
"""
# a polyline's points on screen
LINE_POINTS = """
var line = document.querySelector(arguments[0]), ctm = line.getScreenCTM();
return [...line.points].map(function (p) { var q = p.matrixTransform(ctm); return [q.x, q.y]; });
"""


def _question(text: str, kind: str, window_s: tuple[float, float]):  # type: ignore[no-untyped-def]
    return replace(adhoc_question(text, kind), target_window_s=window_s)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def spoken(coach, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:  # type: ignore[no-untyped-def]
    """Two spoken answers: a STAR story for a 90-150 s question, and a technical answer that
    runs past its 8-12 s window, so that its last section starts at the chart's right edge."""
    from coach.report.json import answer_dict
    from coach.speak import synthesize

    folder = tmp_path_factory.mktemp("spoken")
    answers = {}
    for name, text, question in (
        ("story", STORY, _question("Tell me about an outage you led.", "behavioral", (90.0, 150.0))),
        ("design", DESIGN, _question("How would you make deploys safer?", "technical", (8.0, 12.0))),
    ):
        wav = synthesize(text, folder / f"{name}.wav")
        answers[name] = answer_dict(coach.analyze_file(wav, question))
    return answers


def _open_report(browser, data: dict[str, Any], tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    page = write_attempt_report(history.record(data, mode="analyze"), tmp_path / f"{name}.html")
    browser.get(page.as_uri())
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / f"{name}.png"))


def _labels_clear(browser, selector: str) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    """Every chart matching `selector`, after checking that no two of its labels' boxes
    intersect and that none leaves the chart."""
    charts = browser.execute_script(LABEL_BOXES, selector)
    assert charts, f"no chart {selector}"
    for chart in charts:
        svg = chart["box"]
        for label in chart["labels"]:
            assert label["right"] > label["left"], label
            inside = (
                label["left"] >= svg["left"] - 0.5
                and label["right"] <= svg["right"] + 0.5
                and label["top"] >= svg["top"] - 0.5
                and label["bottom"] <= svg["bottom"] + 0.5
            )
            assert inside, f"{label['text']!r} leaves {chart['chart']}: {label} outside {svg}"
        for a, b in itertools.combinations(chart["labels"], 2):
            apart = (
                a["right"] <= b["left"]
                or b["right"] <= a["left"]
                or a["bottom"] <= b["top"]
                or b["bottom"] <= a["top"]
            )
            assert apart, f"{a['text']!r} overlaps {b['text']!r} in {chart['chart']}: {a} {b}"
    return charts  # type: ignore[no-any-return]


def _texts(chart: dict[str, Any], css: str) -> list[str]:
    return [label["text"] for label in chart["labels"] if css in (label["cls"] or "").split()]


@needs_chromium
def test_timeline_labels_never_overlap_or_leave_the_chart(browser, spoken, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for name, key in (("story", "star"), ("design", "structure")):
        data = spoken[name]
        found = {n for n, e in data[key]["evidence"].items() if e and e["at_s"] is not None}
        _open_report(browser, data, tmp_path, f"answer-{name}")
        (timeline,) = _labels_clear(browser, "svg.timeline")
        # every section found is named in full, however close the sections start
        assert sorted(_texts(timeline, "band-label")) == sorted(found)
        assert len(found) >= 4, found
        _labels_clear(browser, "svg.pace")
    story = spoken["story"]["star"]["evidence"]
    assert story["task"]["at_s"] - story["situation"]["at_s"] < 3  # the crowded case was tried
    design = spoken["design"]
    assert design["structure"]["evidence"]["validation"]["at_s"] > 0.85 * design["timing"]["duration_s"]


@needs_chromium
def test_timeline_marks_are_the_questions_own_window(browser, spoken, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for name, (low, high) in (("story", (90, 150)), ("design", (8, 12))):
        data = spoken[name]
        assert data["timing"]["target_s"] == [low, high]
        _open_report(browser, data, tmp_path, f"marks-{name}")
        (timeline,) = _labels_clear(browser, "svg.timeline")
        assert _texts(timeline, "target-mark") == [f"{low} s", f"{high} s"]
        fixed = {"60 s", "90 s"} - {f"{low} s", f"{high} s"}  # the old fixed marks, not this window's
        assert not fixed & {label["text"] for label in timeline["labels"]}
        # each mark stands where the axis puts its time
        scale = browser.execute_script(
            "var ticks = [...document.querySelectorAll('svg.timeline text.axis-label')];"
            "return ticks.map(function (t) { return [parseFloat(t.textContent), parseFloat(t.getAttribute('x'))]; });"
        )
        (t0, x0), (t1, x1) = scale[0], scale[-1]
        for css, seconds in (("mark-low", low), ("mark-high", high)):
            xs = {
                float(line.get_attribute("x1"))
                for line in browser.find_elements("css selector", f"svg.timeline line.{css}")
            }
            assert len(xs) == 1 and abs(xs.pop() - (x0 + (seconds - t0) / (t1 - t0) * (x1 - x0))) < 0.5
        legend = browser.find_element("css selector", "#timeline .legend .target-key").text
        assert legend == f"target {low}–{high} s"


@needs_chromium
def test_pace_chart_is_scaled_with_axes_units_band_and_a_label_off_the_line(
    browser, spoken, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    for name in ("story", "design"):
        _open_report(browser, spoken[name], tmp_path, f"pace-{name}")
        (pace,) = _labels_clear(browser, "svg.pace")
        titles = _texts(pace, "axis-title")
        assert "words per minute" in titles and "seconds" in titles
        ticks = [float(t) for t in _texts(pace, "axis-label")]
        assert len(ticks) >= 6
        # scaled to the data: the curve runs the width of the plot, and its peak is in the
        # top half of the words-per-minute axis
        points = browser.execute_script(LINE_POINTS, "svg.pace polyline.pace-curve")
        axis = browser.execute_script(
            "var r = document.querySelectorAll('svg.pace line.axis');"
            "return [...r].map(function (l) { var b = l.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; });"
        )
        _, top, _, bottom = axis[0]  # the words-per-minute axis
        x_axis = axis[1]
        assert points[0][0] == pytest.approx(x_axis[0], abs=1) and points[-1][0] == pytest.approx(
            x_axis[2], abs=1
        )
        assert min(y for _, y in points) < (top + bottom) / 2
        # the band is drawn and named, and no label sits on the curve
        band = browser.find_element("css selector", "svg.pace rect.pace-band").rect
        assert band["height"] > 10 and band["width"] > 0.9 * (x_axis[2] - x_axis[0])
        assert any(t.startswith("target ") and t.endswith(" wpm") for t in _texts(pace, "legend-label"))
        for label in pace["labels"]:
            for (ax, ay), (bx, by) in itertools.pairwise(points):
                for k in range(41):
                    px, py = ax + (bx - ax) * k / 40, ay + (by - ay) * k / 40
                    on = label["left"] <= px <= label["right"] and label["top"] <= py <= label["bottom"]
                    assert not on, f"the pace curve runs through {label['text']!r}"


def _spread_over_days(ids: list[int]) -> list[str]:
    """Date the attempts two a day, oldest first, from 2026-03-01."""
    dates = []
    with history.connect() as conn:
        for n, attempt_id in enumerate(ids):
            day = f"2026-03-{1 + n // 2:02d}"
            conn.execute(
                "UPDATE attempts SET created_at = ? WHERE id = ?", (f"{day}T09:{n:02d}:00+00:00", attempt_id)
            )
            dates.append(day)
    return dates


@needs_chromium
def test_progress_charts_have_axes_values_and_dates(browser, spoken, coach, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from coach.report.json import answer_dict

    typed = answer_dict(coach.analyze_text(WITH_ASSUMPTIONS, adhoc_question("How would you ship safely?")))
    answers = [spoken["story"], spoken["design"], typed] * 8  # 24 answers over 12 days
    dates = _spread_over_days([history.record(a, mode="analyze") for a in answers])
    page = write_progress_report(tmp_path / "progress.html")
    browser.get(page.as_uri())
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "progress.png"))
    browser.find_element("css selector", "#trends").screenshot(str(ARTIFACTS / "progress-trends.png"))
    charts = _labels_clear(browser, "svg.trend-chart")
    metrics = [
        e.get_attribute("data-metric") for e in browser.find_elements("css selector", "svg.trend-chart")
    ]
    assert metrics == ["score", "fillers per minute", "duration"]
    units = {"score": "score (0–100)", "fillers per minute": "fillers a minute", "duration": "seconds"}
    newest = history.attempts()
    last = {
        "score": f"{newest[0].score:.0f}",
        "fillers per minute": f"{next(a.fillers_per_minute for a in newest if a.fillers_per_minute is not None):.1f}",
        "duration": f"{next(a.duration_s for a in newest if a.duration_s is not None):.0f}",
    }
    for chart, metric in zip(charts, metrics, strict=True):
        assert _texts(chart, "axis-title") == [units[metric], "date (UTC)"]
        ticks = [float(label["text"]) for label in chart["labels"] if label["cls"] == "axis-label"]
        shown = _texts(chart, "date-label")
        assert shown[0] == dates[0] and dates[-1] in shown and len(shown) >= 3
        assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in shown)
        values = _texts(chart, "value-label")
        assert len(values) >= 3 and last[metric] in values, values
        assert len(ticks) >= 3
    # dates read left to right, oldest first
    date_x = browser.execute_script(
        "return [...document.querySelectorAll('svg.trend-chart')[0].querySelectorAll('text.date-label')]"
        ".map(function (t) { return [t.textContent, t.getBoundingClientRect().left]; });"
    )
    assert [d for d, _ in sorted(date_x, key=lambda p: p[1])] == sorted(d for d, _ in date_x)


@needs_chromium
def test_attempt_rows_open_their_reports(browser, coach, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from coach.report.json import answer_dict

    ids = []
    for text, question in (
        (NO_ASSUMPTIONS, "How would you ship safely?"),
        (WITH_ASSUMPTIONS, "How would you roll out a schema change?"),
    ):
        ids.append(
            history.record(answer_dict(coach.analyze_text(text, adhoc_question(question))), mode="analyze")
        )
    assert not any(history.report_path(i).exists() for i in ids)
    (tmp_path / "elsewhere").mkdir()  # coach writes into a folder the user has, and makes none
    page = write_progress_report(tmp_path / "elsewhere" / "progress.html")
    browser.get(page.as_uri())
    for attempt_id in ids:
        link = browser.find_element("css selector", f'#attempts tr[data-attempt="{attempt_id}"] a')
        href = link.get_attribute("href")
        assert (
            href == history.report_path(attempt_id).resolve().as_uri()
            and history.report_path(attempt_id).is_file()
        )
    browser.find_element("css selector", f'#attempts tr[data-attempt="{ids[0]}"] a').click()
    assert browser.current_url == history.report_path(ids[0]).resolve().as_uri()
    assert f"#{ids[0]}" in browser.find_element("css selector", "header .meta").text
    assert browser.find_element("css selector", "h1").text == "How would you ship safely?"


@needs_chromium
def test_a_habit_that_faded_reads_as_progress(browser, coach, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from coach.report.json import answer_dict

    question = adhoc_question("How would you ship safely?")
    for text in (NO_ASSUMPTIONS, WITH_ASSUMPTIONS):
        data = answer_dict(coach.analyze_text(text, question))
        assert bool(data["structure"]["assumptions"]) == (text == WITH_ASSUMPTIONS)
        history.record(data, mode="analyze")
    wanted = "unstated assumptions: in 0% of recent answers, down from 100%"
    page = write_progress_report(tmp_path / "progress.html")
    browser.get(page.as_uri())
    improving = [li.text for li in browser.find_elements("css selector", "#habits ul.improving li")]
    assert wanted in improving
    habits = browser.find_element("css selector", "#habits").text
    assert "-100%" not in habits and "no assumptions" not in habits

    terminal = Terminal("progress", columns=80)
    terminal.expect("Improving most")
    assert terminal.wait() == 0
    screen = terminal.screen()
    assert wanted in screen, screen
    assert "-100%" not in screen and "no assumptions" not in screen
