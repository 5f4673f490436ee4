"""Resume import: reading every format, extraction against hand labels, the questions
built from each kind of bullet, answers checked against the claims, and bad files."""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from coach.analysis.claims import check_claim, values_of
from coach.analysis.document import parse
from coach.evaluation.resumes import labels, make_docx, make_pdf, make_scanned_pdf, sample
from coach.questions import Claim, load_bank
from coach.resume.extract import extract
from coach.resume.model import Bullet, Project, Resume, from_dict, to_dict
from coach.resume.plan import AttemptView, next_question, plan_mock, readiness
from coach.resume.questions import (
    DEEP_DIVE,
    bullet_questions,
    gap_tools,
    gerund,
    gist,
    resume_questions,
    role_questions,
    tool_questions,
)
from coach.resume.read import read_resume
from coach.transcribe import transcript_from_text
from tests.conftest import run_coach

LABELS = {**labels(), **labels(name="labels_holdout.json")}


@pytest.mark.parametrize("name", sorted(LABELS))
def test_extraction_matches_the_hand_labels(name: str, tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    expected = LABELS[name]
    resume = extract(read_resume(sample(name, tmp_path)), nlp.nlp)
    assert list(resume.roles) == expected["roles"]
    missing = set(expected["tools_include"]) - set(resume.tools)
    assert not missing, f"tools not found: {missing}"
    assert len(resume.projects) == len(expected["projects"])
    for got, want in zip(resume.projects, expected["projects"], strict=True):
        assert (got.title, got.organization, got.kind) == (want["title"], want["organization"], want["kind"])
        assert len(got.bullets) == len(want["bullets"]), got.title
        for bullet, label in zip(got.bullets, want["bullets"], strict=True):
            assert list(bullet.numbers) == label["numbers"], bullet.text
            assert sorted(bullet.tools) == sorted(label["tools"]), bullet.text
            assert bullet.we_only is label["we_only"], bullet.text


def test_the_leading_verb_and_its_object_are_read_from_fragments(nlp) -> None:  # type: ignore[no-untyped-def]
    resume = extract(read_resume(sample("sre.md", Path("."))), nlp.nlp)
    first = resume.projects[0].bullets[0]
    assert (first.action, first.object) == ("migrate", "40 services")
    wrote = resume.projects[1].bullets[0]
    assert (wrote.action, wrote.object) == ("write", "Terraform modules")


def test_pdf_lines_broken_by_the_page_width_are_joined_again(tmp_path: Path) -> None:
    lines = read_resume(make_pdf(tmp_path / "cloud.pdf"))
    bullets = [line.text for line in lines if line.kind == "bullet"]
    assert len(bullets) == 6
    assert bullets[0].endswith("during the final cutover weekend.")
    assert bullets[3].endswith("tuning the ALB.")


def test_docx_headings_and_list_styles_are_kept(tmp_path: Path) -> None:
    lines = read_resume(make_docx(tmp_path / "p.docx"))
    kinds = [line.kind for line in lines]
    assert kinds.count("bullet") == 7 and kinds.count("heading") >= 5


# --- questions ---


def _sre(nlp) -> Resume:  # type: ignore[no-untyped-def]
    return extract(read_resume(sample("sre.md", Path("."))), nlp.nlp)


def test_every_project_gets_five_deep_dives_worded_from_its_strongest_bullet(nlp) -> None:  # type: ignore[no-untyped-def]
    resume = _sre(nlp)
    items = bullet_questions(resume)
    first = [q for q in items if q.project == "Senior Site Reliability Engineer" and q.kind in DEEP_DIVE]
    assert [q.kind for q in first] == list(DEEP_DIVE)
    assert all(q.source_bullet and q.source_bullet.startswith("Migrated 40 services") for q in first)
    worded = [q.question.text for q in first if q.kind != "metric"]
    assert all("migrating 40 services from EC2 to Kubernetes" in text for text in worded)
    metric = next(q.question.text for q in first if q.kind == "metric")
    assert metric.startswith(
        "Your resume says you migrated 40 services from EC2 to Kubernetes, cutting deploy time from 45 to 12 minutes."
    )
    for project in resume.projects:
        assert sum(q.project == project.title and q.kind in DEEP_DIVE for q in items) == 5
    # every other bullet can be practised too
    assert {q.source_bullet for q in items} == {b.text for _, b in resume.bullets()}


def test_a_figure_is_asked_how_it_was_measured_and_we_what_your_part_was(nlp) -> None:  # type: ignore[no-untyped-def]
    items = bullet_questions(_sre(nlp))
    spend = [q for q in items if q.source_bullet and "$180k" in q.source_bullet]
    measure = next(q for q in spend if q.kind == "measurement")
    assert "$180k" in measure.question.text and "measure" in measure.question.text
    assert measure.question.claim is not None and measure.question.claim.numbers == ("$180k",)
    team = [q for q in items if q.source_bullet and q.source_bullet.startswith("We rebuilt")]
    ownership = next(q for q in team if q.kind == "ownership")
    assert (
        "your part" in ownership.question.text
        and "rebuilding the alerting pipeline" in ownership.question.text
    )
    no_figure = [q for q in items if q.source_bullet and q.source_bullet.startswith("Designed multi-region")]
    assert {q.kind for q in no_figure} == {"walkthrough"}


def test_tools_get_the_probe_table_and_the_role_flags_gaps(nlp) -> None:  # type: ignore[no-untyped-def]
    resume = extract(
        read_resume(sample("devops.txt", Path("."))), nlp.nlp, target_role="Site Reliability Engineer"
    )
    probes = tool_questions(resume)
    kubernetes = [q for q in probes if q.tool == "Kubernetes"]
    assert any("failure domains" in q.question.text for q in kubernetes)
    assert any("autoscale" in q.question.text for q in kubernetes)
    assert all(q.question.kind == "technical" for q in probes)
    assert gap_tools(resume, resume.role) == ["PagerDuty", "OpenTelemetry"]
    bank = load_bank([])
    items = resume_questions(resume, bank)
    gaps = [q for q in items if q.gap]
    assert {q.tool for q in gaps} == {"PagerDuty", "OpenTelemetry"} and all(q.kind == "gap" for q in gaps)
    sre_rounds = {q.question.round for q in role_questions(bank, "SRE")}
    assert "incident-response" in sre_rounds
    devops = role_questions(bank, "DevOps Engineer")
    assert devops[0].question.category in ("cicd", "infrastructure")


def test_wording_helpers() -> None:
    assert [gerund(v) for v in ("migrate", "cut", "build", "tie", "see")] == [
        "migrating", "cutting", "building", "tying", "seeing",
    ]  # fmt: skip
    bullet = Bullet("Cut cluster costs by 28% by moving batch workloads to spot instances.", action="cut")
    assert gist(bullet) == "cutting cluster costs by 28% by moving batch workloads to spot instances"
    assert gist(Bullet("On call for the card path.")) == "the work on \u201cOn call for the card path\u201d"


# --- answers checked against the claim ---


def _check(text: str, claim: Claim, nlp):  # type: ignore[no-untyped-def]
    return check_claim(parse(transcript_from_text(text), nlp), claim)


def test_the_claimed_figure_must_be_said_in_digits_or_words(nlp) -> None:  # type: ignore[no-untyped-def]
    claim = Claim("Cut build time from 18 to 7 minutes.", ("18", "7 minutes"))
    said = _check("I profiled the builds and I cut it from eighteen to seven minutes.", claim, nlp)
    assert said.numbers_said == ("18", "7 minutes") and said.metric_said is True
    assert said.ownership_clear
    unsaid = _check("We made the builds a lot faster and everyone was happy.", claim, nlp)
    assert unsaid.metric_said is False and not unsaid.ownership_clear
    assert values_of("$180k") == {180.0, 180_000.0}
    assert 2_000_000.0 in values_of("2 million")
    money = _check("I saved about 180 thousand dollars a month.", Claim("b", ("$180k",)), nlp)
    assert money.metric_said is True


def test_a_resume_answer_is_scored_and_advised_on_its_claim(coach) -> None:  # type: ignore[no-untyped-def]
    from coach.history import score
    from coach.questions import Question
    from coach.report.json import to_dict as answer_json

    question = Question(
        "resume-walkthrough-x",
        "Take me through it.",
        "behavioral",
        claim=Claim("Cut deploys by 60%.", ("60%",)),
    )
    result = coach.analyze_text("We worked on deploys for a while and it went well for the team.", question)
    data = answer_json(result.analysis, result.tips, None, None)
    assert data["resume"]["metric_said"] is False and data["resume"]["ownership_clear"] is False
    assert data["question"]["source_bullet"] == "Cut deploys by 60%."
    assert result.tips[0].message.startswith("Your resume says \u201cCut deploys by 60%\u201d")
    assert "never said that figure" in result.tips[0].message
    two = replace(question, claim=Claim("Cut deploy time from 45 to 12 minutes.", ("45", "12 minutes")))
    tip = coach.analyze_text("We worked on deploys for a while.", two).tips[0].message
    # the figures are quoted in the bullet's own words, never listed bare ("45, 12 minutes")
    assert "\u201cCut deploy time from 45 to 12 minutes\u201d" in tip and "those figures" in tip
    assert "45, 12" not in tip and "45 and 12 minutes" not in tip
    good = coach.analyze_text(
        "Deploys took an hour, so I rebuilt the pipeline. I measured it and I cut deploy time by 60 percent.",
        question,
    )
    assert score(answer_json(good.analysis, good.tips, None, None)) > score(data)


# --- readiness and planning ---


def _view(n: int, bullet: str, score: float, metric: bool | None = True) -> AttemptView:
    claim = {"metric_said": metric, "ownership_clear": True}
    return AttemptView(n, score, f"q{n}", bullet, claim)


def test_readiness_lists_every_bullet_and_the_next_question_follows_it(nlp) -> None:  # type: ignore[no-untyped-def]
    resume = _sre(nlp)
    bullets = [b.text for _, b in resume.bullets()]
    views = [_view(1, bullets[0], 90), _view(2, bullets[1], 50), _view(3, bullets[2], 95, metric=False)]
    items = readiness(resume, views)
    assert [r.status for r in items[:4]] == ["well", "weak", "weak", "never"]
    assert items[2].gaps == ("figure not said",)
    assert len(items) == len(bullets)
    nxt = next_question(resume, load_bank([]), views)
    assert nxt.source_bullet == bullets[3]
    plan = plan_mock(resume, load_bank([]), 5, __import__("random").Random(1), views)
    assert len(plan) == 5 and len({q.id for q in plan}) == 5
    assert plan[0].claim is not None  # a deep dive first


def test_the_json_form_round_trips_and_bad_edits_name_the_field() -> None:
    resume = Resume(
        target_role="SRE",
        roles=("Engineer",),
        tools=("Go",),
        projects=(Project("Engineer", "Acme", None, "role", (Bullet("Built X", numbers=("3",)),)),),
    )
    assert from_dict(to_dict(resume)) == resume
    from coach.errors import ResumeError

    with pytest.raises(ResumeError, match="project 1, bullet 1: `we_only`"):
        from_dict({"projects": [{"title": "x", "bullets": [{"text": "a", "we_only": "yes"}]}]})


# --- the command line ---


def test_import_show_edit_and_questions_through_the_cli(tmp_path: Path, coach_home: Path) -> None:
    resume_file = sample("platform.docx", tmp_path)
    imported = run_coach("resume", "import", str(resume_file), "--role", "Senior DevOps Engineer", "--json")
    assert imported.returncode == 0, imported.stderr
    data = json.loads(imported.stdout)
    assert data["role"] == "Senior DevOps Engineer"
    assert set(data) >= {"role", "tools", "projects"}
    bullet = data["projects"][0]["bullets"][1]
    assert set(bullet) >= {"text", "tools", "numbers", "we_only"} and bullet["numbers"] == ["28%"]
    stored = coach_home / "resume.json"
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert json.loads(run_coach("resume", "show", "--json").stdout) == data

    listed = json.loads(run_coach("questions", "--from-resume", "--json").stdout)
    assert all(set(q) >= {"id", "text", "kind", "source_bullet", "tool"} for q in listed)
    assert any(
        q["kind"] == "measurement" and q["source_bullet"].startswith("Cut cluster costs") for q in listed
    )
    assert any(q["kind"] == "tool" and q["source_bullet"] is None and q["tool"] for q in listed)
    assert any(q["kind"] == "gap" for q in listed)  # a DevOps role implies tools this resume lacks

    # an editor that renames the first project; a broken edit changes nothing
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import json, sys\np = sys.argv[1]\nd = json.load(open(p))\n"
        "d['projects'][0]['title'] = 'Principal Platform Engineer'\njson.dump(d, open(p, 'w'))\n"
    )
    edited = run_coach("resume", "edit", env={"EDITOR": f"{sys.executable} {editor}"})
    assert edited.returncode == 0, edited.stderr
    assert json.loads(run_coach("resume", "show", "--json").stdout)["projects"][0]["title"] == (
        "Principal Platform Engineer"
    )
    breaker = tmp_path / "break.py"
    breaker.write_text("import sys\nopen(sys.argv[1], 'w').write('{not json')\n")
    broken = run_coach("resume", "edit", env={"EDITOR": f"{sys.executable} {breaker}"})
    assert broken.returncode == 1 and "not valid JSON" in broken.stderr and "kept" in broken.stderr
    assert len(broken.stderr.strip().splitlines()) == 1
    assert run_coach("resume", "edit", "--add-tool", "Nomad", "--role", "SRE").returncode == 0
    shown = json.loads(run_coach("resume", "show", "--json").stdout)
    assert "Nomad" in shown["tools"] and shown["role"] == "SRE"

    ready = run_coach("resume", "readiness", "--json")
    items = json.loads(ready.stdout)
    assert len(items) == 7 and {i["status"] for i in items} == {"never"}


def _one_line_error(path: Path, *needles: str) -> None:
    proc = run_coach("resume", "import", str(path))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


def test_bad_resume_files_each_get_one_clear_line(tmp_path: Path) -> None:
    corrupt_pdf = tmp_path / "corrupt.pdf"
    corrupt_pdf.write_bytes(b"%PDF-1.7\n" + os.urandom(3000))
    _one_line_error(corrupt_pdf, "PDF")
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(make_docx(tmp_path / "whole.docx").read_bytes()[:900])
    _one_line_error(truncated, "DOCX")
    _one_line_error(make_scanned_pdf(tmp_path / "scan.pdf"), "no text layer")
    _one_line_error(make_pdf(tmp_path / "locked.pdf", password="s3cret"), "password-protected")
    huge = tmp_path / "huge.txt"
    huge.write_text("Migrated services to Kubernetes. " * 400_000)
    _one_line_error(huge, "too big")
    long_text = tmp_path / "long.md"
    long_text.write_text("- Migrated services to Kubernetes.\n" * 4000)
    _one_line_error(long_text, "characters")
    binary = tmp_path / "resume.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    _one_line_error(binary, "not a text file")
    old_word = tmp_path / "resume.doc"
    old_word.write_bytes(b"\xd0\xcf\x11\xe0" * 10)
    _one_line_error(old_word, "save it as .docx")
    _one_line_error(tmp_path / "missing.pdf", "no resume at")
    no_sections = tmp_path / "notes.txt"
    no_sections.write_text("Shopping list\nmilk and eggs\n")
    _one_line_error(no_sections, "no roles or projects")
    assert run_coach("resume", "show").stderr.strip() == (
        "error: no resume imported yet: run `coach resume import FILE` first"
    )


def test_tonight_offers_the_resume_worklist(tmp_path: Path) -> None:
    assert run_coach("resume", "import", str(sample("devops.txt", tmp_path))).returncode == 0
    # no input device: the session cannot start, but the worklist comes first
    proc = run_coach("tonight", "--no-speak", env={"PULSE_SERVER": "unix:/nonexistent"})
    assert "Resume readiness: 0 well, 0 weak, 9 never practised, of 9 bullets" in proc.stderr
    assert "coach practice --from-resume" in proc.stderr
    assert proc.returncode == 1 and "Traceback" not in proc.stderr


def test_an_edited_bullet_is_read_again_unless_its_fields_were_corrected(nlp) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from coach.resume.extract import needs_rereading, reread_edited

    resume = _sre(nlp)
    first, second = resume.projects[0].bullets[:2]
    rewritten = replace(first, text="Moved 55 services to GKE with Helm.")
    corrected = replace(second, tools=("Jira",))
    project = replace(resume.projects[0], bullets=(rewritten, corrected, *resume.projects[0].bullets[2:]))
    edited = replace(resume, projects=(project, *resume.projects[1:]))
    assert needs_rereading(resume, edited) and not needs_rereading(resume, resume)
    again = reread_edited(resume, edited, nlp.nlp).projects[0].bullets
    assert (again[0].action, again[0].numbers, again[0].tools) == ("move", ("55",), ("GKE", "Helm"))
    assert again[1].tools == ("Jira",)  # the user's correction stands


# --- tools that share a word ---


@pytest.mark.parametrize(
    ("text", "tools"),
    [
        ("Rolled out canary releases with Argo Rollouts.", ["Argo Rollouts"]),
        ("Ran data pipelines on Argo Workflows triggered by Argo Events.", ["Argo Workflows", "Argo Events"]),
        ("Deployed with Argo CD and shifted traffic with Argo Rollouts.", ["Argo CD", "Argo Rollouts"]),
        ("Introduced ArgoCD for GitOps.", ["Argo CD"]),
        ("Adopted Argo for GitOps deployments.", ["Argo CD"]),  # the family word alone
        ("Pinned images with Argo Image Updater.", []),  # a sibling the table lacks: not Argo CD
        ("Moved the app to Elastic Beanstalk.", []),  # not Elasticsearch
        ("Shipped logs to Elastic and Kibana.", ["Elasticsearch", "Kibana"]),
        ("Ran the Elastic Stack for logs.", ["ELK"]),
        ("Queried logs in Grafana Loki.", ["Loki"]),
        ("Built GitHub Actions workflows kept in Git.", ["GitHub Actions", "Git"]),
        ("Replaced Docker Swarm with Kubernetes.", ["Docker Swarm", "Kubernetes"]),
    ],
)
def test_products_sharing_a_word_are_kept_apart(text: str, tools: list[str], nlp) -> None:  # type: ignore[no-untyped-def]
    from coach.resume.extract import analyze_bullet

    assert list(analyze_bullet(text, nlp.nlp).tools) == tools


def test_the_longest_name_wins_for_listed_skills_too(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "resume.md"
    path.write_text(
        "# Sam Lee\nPlatform Engineer\n\n## Experience\nPlatform Engineer | Acme | 2021 - present\n"
        "- Rolled out canary releases for 30 services with Argo Rollouts.\n"
        "- Pinned image tags with Argo Image Updater.\n\n"
        "## Skills\nDelivery: Argo Rollouts, Argo Workflows, Argo Image Updater\n",
        encoding="utf-8",
    )
    resume = extract(read_resume(path), nlp.nlp, target_role="Platform Engineer")
    assert resume.tools == ("Argo Rollouts", "Argo Image Updater", "Argo Workflows")
    bullets = resume.projects[0].bullets
    assert bullets[0].tools == ("Argo Rollouts",) and bullets[1].tools == ("Argo Image Updater",)
    assert "Argo CD" in gap_tools(resume, resume.role)  # the role implies Argo CD; Rollouts is not it

    from tests.terminal import Terminal

    terminal = Terminal("resume", "import", str(path), "--role", "Platform Engineer", columns=160)
    try:
        assert terminal.wait() == 0
    finally:
        terminal.close()
    screen = terminal.screen()
    assert "Tools (3): Argo Rollouts, Argo Image Updater, Argo Workflows" in screen
    assert "tools: Argo Rollouts" in screen and "tools: Argo Image Updater" in screen
    assert (
        "Gaps for the role:" in screen and "Argo CD" in screen.split("Gaps for the role:")[1].splitlines()[0]
    )


def test_importing_again_keeps_the_target_role_and_says_so(tmp_path: Path) -> None:
    from tests.terminal import Terminal

    resume_file = sample("devops.txt", tmp_path)
    first = run_coach("resume", "import", str(resume_file), "--role", "Staff SRE", "--json")
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["role"] == "Staff SRE"
    assert "Kept" not in first.stderr

    terminal = Terminal("resume", "import", str(resume_file), columns=120)
    try:
        terminal.expect(r"Kept the target role from the earlier import: Staff SRE")
        assert terminal.wait() == 0
    finally:
        terminal.close()
    assert "Role: Staff SRE" in terminal.screen()
    assert json.loads(run_coach("resume", "show", "--json").stdout)["target_role"] == "Staff SRE"

    changed = run_coach("resume", "import", str(resume_file), "--role", "Platform Engineer", "--json")
    assert changed.returncode == 0 and "Kept" not in changed.stderr
    assert json.loads(changed.stdout)["target_role"] == "Platform Engineer"
    cleared = run_coach("resume", "import", str(resume_file), "--role", "", "--json")
    assert json.loads(cleared.stdout)["target_role"] is None
    again = run_coach("resume", "import", str(resume_file), "--json")
    assert json.loads(again.stdout)["target_role"] is None and "Kept" not in again.stderr


# --- questions read as English ---

_MEASURE = "How did you measure that, and against what baseline?"
_COUNT = "What did that take, and which part was the hardest?"


@pytest.mark.parametrize(
    ("bullet", "question"),
    [
        (  # from -> to
            "Migrated 40 services from EC2 to EKS, cutting deploy time from 45 to 12 minutes.",
            f"Your resume says you migrated 40 services from EC2 to EKS, cutting deploy time from 45 to 12 minutes. {_MEASURE}",
        ),
        (  # a percentage
            "Cut cluster costs by 28% by moving batch workloads to spot instances.",
            f"Your resume says you cut cluster costs by 28%. {_MEASURE}",
        ),
        (  # a count of services
            "Migrated 40 services to Kubernetes with Helm.",
            f"Your resume says you migrated 40 services to Kubernetes. {_COUNT}",
        ),
        (  # money
            "Reduced monthly AWS spend by $180k by rightsizing EC2 fleets.",
            f"Your resume says you reduced monthly AWS spend by $180k. {_MEASURE}",
        ),
        (  # money as a rate
            "Saved $40k/month on EC2 by rightsizing instances.",
            f"Your resume says you saved $40k/month on EC2. {_MEASURE}",
        ),
        (  # a single time, written without a space
            "Brought p95 latency down to 120ms with a read replica.",
            f"Your resume says you brought p95 latency down to 120ms. {_MEASURE}",
        ),
        (  # a single time
            "Restored the primary database in 20 minutes during a regional outage.",
            f"Your resume says you restored the primary database in 20 minutes. {_MEASURE}",
        ),
        (  # the line names its own subject
            "Deploys went from 45 to 12 minutes after the EKS migration.",
            f"Your resume says deploys went from 45 to 12 minutes. {_MEASURE}",
        ),
        (  # a team's claim stays the team's
            "We reduced failed deployments by 50% after adding automated rollback.",
            f"Your resume says your team reduced failed deployments by 50%. {_MEASURE}",
        ),
        (  # a second clause with its own subject
            "Led the incident review program for 30 teams; median time to mitigate fell by 35%.",
            "Your resume says you led the incident review program for 30 teams, and median time to "
            f"mitigate fell by 35%. {_MEASURE}",
        ),
        (  # no verb to say it with: quoted whole
            "On call for the card authorization path (99.99% availability target).",
            f"Your resume says \u201cOn call for the card authorization path (99.99% availability target).\u201d {_MEASURE}",
        ),
    ],
)
def test_a_figure_is_said_back_in_the_bullets_own_words(bullet: str, question: str, nlp) -> None:  # type: ignore[no-untyped-def]
    from coach.resume.extract import analyze_bullet
    from coach.resume.questions import deep_dive_text

    parsed = analyze_bullet(bullet, nlp.nlp)
    assert deep_dive_text("measurement", Project("SRE", "Acme"), parsed) == question
    metric = deep_dive_text("metric", Project("SRE", "Acme"), parsed)
    assert metric.startswith(question.split(". ")[0] if "\u201c" not in question else "For ")


def _sentences_are_whole(text: str) -> None:
    from coach.english import NEVER_LAST

    assert "\u2026" not in text and "..." not in text, text
    for sentence in re.split(r"(?<=[.?])\s+(?=[A-Z\u201c])", text):
        last = re.sub(r"[^\w'-]", "", sentence.split()[-1]).lower()
        assert last not in NEVER_LAST and last not in {"from", "to", "of", "with"}, text


def test_no_question_lists_bare_figures_or_stops_mid_sentence(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    for name in sorted(LABELS):
        resume = extract(read_resume(sample(name, tmp_path)), nlp.nlp)
        for item in bullet_questions(resume):
            text = item.question.text
            assert not re.search(r"says [$\u20ac\u00a3]?\d", text), text  # "says 45 and 12 minutes"
            assert not re.search(r"\d+ and \d+ \w+ for ", text), text
            _sentences_are_whole(text)


CUT_OFF = [
    # cut by an ellipsis mid-word, mid-clause, after a long clause, and with no ellipsis at all
    "Migrated 40 services from EC2 to Kubernetes (EKS), cutting deploy time from 45 to 12 min\u2026",
    "Reduced p99 latency from 900 ms to 250 ms by adding a Redis cache in front of the\u2026",
    "Led a cross-team effort to consolidate 14 legacy Jenkins servers into a single autoscaled "
    "GitHub Actions runner fleet on Kubernetes with spot instances and...",
    "Built a self-service deploy pipeline for 25 teams, cutting the lead time for a change from",
    "On call for the card authorization path during peak season for three years across \u2026",
]


@pytest.mark.parametrize("bullet", CUT_OFF)
def test_a_cut_off_bullet_is_asked_about_as_far_as_it_is_whole(bullet: str, nlp) -> None:  # type: ignore[no-untyped-def]
    from coach.english import complete_part, is_cut_off
    from coach.resume.extract import analyze_bullet

    assert is_cut_off(bullet)
    whole = complete_part(bullet)
    assert whole and not is_cut_off(whole) and bullet.startswith(whole)
    project = Project("Platform work", kind="project", bullets=(analyze_bullet(bullet, nlp.nlp),))
    items = bullet_questions(Resume(projects=(project,)))
    assert {q.kind for q in items} >= set(DEEP_DIVE)
    for item in items:
        _sentences_are_whole(item.question.text)
        assert item.source_bullet == bullet  # the claim checked is still the line as written


def test_cut_off_wording_keeps_the_whole_clauses(nlp) -> None:  # type: ignore[no-untyped-def]
    from coach.resume.extract import analyze_bullet
    from coach.resume.questions import deep_dive_text

    where = Project("SRE", "Acme")
    first = analyze_bullet(CUT_OFF[0], nlp.nlp)
    assert gist(first) == "migrating 40 services from EC2 to Kubernetes"
    # the figures after the cut are not claimed; the count before it is
    assert deep_dive_text("measurement", where, first) == (
        f"Your resume says you migrated 40 services from EC2 to Kubernetes. {_COUNT}"
    )
    latency = analyze_bullet(CUT_OFF[1], nlp.nlp)
    assert deep_dive_text("measurement", where, latency) == (
        f"Your resume says you reduced p99 latency from 900 ms to 250 ms. {_MEASURE}"
    )
    on_call = analyze_bullet(CUT_OFF[4], nlp.nlp)
    assert gist(on_call) == (
        "the work on \u201cOn call for the card authorization path during peak season for three years\u201d"
    )
    # a long bullet that is whole is quoted or worded in full, never cut with an ellipsis
    long_line = (
        "On call for the card authorization path during peak season, with a 99.99% availability target "
        "and quarterly failover drills run with the payments team."
    )
    assert gist(Bullet(long_line)) == f"the work on \u201c{long_line.rstrip('.')}\u201d"


def test_questions_in_the_terminal_read_as_whole_sentences(tmp_path: Path) -> None:
    from tests.terminal import Terminal

    path = tmp_path / "resume.md"
    path.write_text(
        "# Ana Ruiz\nSite Reliability Engineer\n\n## Experience\nSRE | Northwind | 2020 - present\n"
        "- Migrated 40 services from EC2 to EKS, cutting deploy time from 45 to 12 minutes.\n"
        "- Reduced p99 latency from 900 ms to 250 ms by adding a Redis cache in front of the\u2026\n"
        "- Restored the primary database in 20 minutes during a regional outage.\n",
        encoding="utf-8",
    )
    assert run_coach("resume", "import", str(path)).returncode == 0
    terminal = Terminal("questions", "--from-resume", columns=400)
    try:
        assert terminal.wait() == 0
    finally:
        terminal.close()
    screen = terminal.screen()
    assert (
        "Your resume says you migrated 40 services from EC2 to EKS, cutting deploy time from 45 to 12 "
        f"minutes. {_MEASURE}" in screen
    )
    assert f"Your resume says you reduced p99 latency from 900 ms to 250 ms. {_MEASURE}" in screen
    assert f"Your resume says you restored the primary database in 20 minutes. {_MEASURE}" in screen
    assert "\u2026" not in screen and "45 and 12 minutes" not in screen
    assert "in front of the" not in screen  # the cut-off end is never read out
