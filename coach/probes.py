"""Follow-up probes: what an interviewer asks next. A named technology draws questions
on how it behaves in production; a gap in the answer draws the question that exposes it.

Users extend the technology table with `probes.toml` in the user directory:

    [[probe]]
    name = "Nomad"
    match = ["nomad"]
    questions = ["How does Nomad reschedule work when a client node dies?"]
"""

from __future__ import annotations

import random
import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from coach.analysis import Analysis
from coach.errors import QuestionBankError
from coach.paths import user_dir
from coach.questions import Kind, Question, guess_kind
from coach.wording import reason


@dataclass(frozen=True)
class ProbeRule:
    name: str
    match: tuple[str, ...]
    questions: tuple[str, ...]


@dataclass(frozen=True)
class Probe:
    text: str
    reason: str  # why this probe: the technology named or the gap found
    kind: Kind


# fmt: off
BUILTIN_RULES = (
    ProbeRule("Kubernetes", ("kubernetes", "k8s", "kubectl", "pod", "pods", "eks", "gke", "aks"), (
        "You mentioned Kubernetes. How does it decide where a pod runs, and what happens to that pod when its node dies?",
        "How would you autoscale that on Kubernetes, and what signal would you scale on?",
        "How do you stop a noisy neighbour on the same node from starving your pods?",
        "What makes a Kubernetes rollout risky, and how do you limit the damage when one goes wrong?",
        "What are the failure domains in that cluster, and how do you spread workloads across them?",
    )),
    ProbeRule("AWS", ("aws", "ec2", "s3", "lambda", "dynamodb", "rds", "vpc", "route 53", "cloudwatch", "iam", "alb", "elb"), (
        "You mentioned AWS. How would the network be laid out: VPCs, subnets, and how traffic gets in and out?",
        "Which load balancer would sit in front, and how would its health checks decide a target is bad?",
        "How would you scope IAM permissions for the services and the people involved?",
        "Where does the state live on AWS, and how is it backed up and restored?",
        "What would you watch to know it is healthy, and where would those signals come from?",
        "What happens when the whole region has a bad day?",
    )),
    ProbeRule("Infrastructure as code", ("terraform", "pulumi", "cloudformation", "infrastructure as code", "iac", "tfstate"), (
        "How do you find and fix drift between the code and what is actually running?",
        "Where does the state live, and what stops two people applying at the same time?",
        "How are infrastructure changes reviewed before anyone applies them?",
    )),
    ProbeRule("Kafka", ("kafka", "kinesis"), (
        "What happens to ordering and duplicates when a Kafka consumer crashes mid-batch?",
        "How would you size partitions, and how do you notice consumer lag before users do?",
    )),
    ProbeRule("CI/CD", ("jenkins", "argocd", "argo", "spinnaker", "github actions", "gitlab ci", "circleci"), (
        "What exactly gates a change before it reaches production in that pipeline?",
        "How fast can you roll back through that pipeline, and have you timed it?",
    )),
    ProbeRule("Observability", ("prometheus", "grafana", "datadog", "opentelemetry", "jaeger", "splunk"), (
        "Which alert would page someone first, and how do you keep it from being noisy?",
        "How would you tell whether a latency spike came from your code, the infrastructure or a dependency?",
    )),
    ProbeRule("Service mesh", ("istio", "envoy", "linkerd", "service mesh"), (
        "What does the mesh add to every request's latency, and what happens when its control plane is down?",
    )),
    ProbeRule("Databases", ("postgres", "postgresql", "mysql", "aurora", "cassandra", "mongodb"), (
        "How do you fail over that database, and how much data can you lose when you do?",
        "How would you run a schema change on it without downtime?",
    )),
)
# A gap an interviewer probes when a technical answer leaves it out: the topic (as
# `Analysis.topics` names it, matched like key points, so "it rolls back automatically"
# counts as a rollback plan), the probe, and the reason shown.
GAP_PROBES_TECHNICAL = (
    ("rollback", "What would your rollback plan be?", "no rollback plan"),
    ("monitoring", "How would you know it is working once it is in production?", "no monitoring"),
    ("tradeoff", "What is the biggest downside of that approach, and why accept it?", "no tradeoff"),
)
# fmt: on
_WORD = re.compile(r"[a-z0-9][a-z0-9\-/]*")
_PROBE_FIELDS = frozenset({"name", "match", "questions"})


def _probe_error(path: Path, line: int, problem: str) -> QuestionBankError:
    return QuestionBankError(f"{path}:{line}: {problem}")


def _field_line(lines: list[str], start: int, end: int, field: str) -> int:
    """The line of `field = ...` inside one [[probe]] table, else the table's header."""
    pattern = re.compile(rf"^\s*{re.escape(field)}\s*=")
    return next((n for n in range(start, end) if pattern.match(lines[n - 1])), start)


def load_rules(path: Path | None = None) -> tuple[ProbeRule, ...]:
    """Built-in rules, then the user's probes.toml, validated: a problem is one error
    naming the file and the line."""
    path = path or user_dir() / "probes.toml"
    if not path.is_file():
        return BUILTIN_RULES
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QuestionBankError(f"{path}: cannot read it ({reason(exc)})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"line (\d+)", str(exc))
        problem = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise _probe_error(path, int(where.group(1)) if where else 1, f"not valid TOML: {problem}") from None
    lines = text.splitlines()
    headers = [i + 1 for i, line in enumerate(lines) if re.match(r"^\s*\[\[\s*probe\s*\]\]", line)]
    extra = sorted(set(data) - {"probe"})
    if extra:
        raise _probe_error(path, 1, f"unexpected top-level key `{extra[0]}`; use [[probe]] tables")
    raw_rules = data.get("probe", [])
    if not isinstance(raw_rules, list):
        raise _probe_error(path, 1, "probes must be [[probe]] tables")
    user_rules = []
    for index, raw in enumerate(raw_rules):
        start = headers[index] if index < len(headers) else 1
        end = headers[index + 1] if index + 1 < len(headers) else len(lines) + 1
        if isinstance(raw, dict) and set(raw) - _PROBE_FIELDS:
            unknown = sorted(set(raw) - _PROBE_FIELDS)[0]
            raise _probe_error(
                path, _field_line(lines, start, end, unknown), f"unknown probe field `{unknown}`"
            )
        ok = (
            isinstance(raw, dict)
            and isinstance(raw.get("name"), str)
            and raw["name"].strip()
            and isinstance(raw.get("match"), list)
            and isinstance(raw.get("questions"), list)
            and raw["match"]
            and raw["questions"]
            and all(isinstance(v, str) and v.strip() for v in raw["match"] + raw["questions"])
        )
        if not ok:
            raise _probe_error(
                path, start, "a probe needs `name`, and non-empty `match` and `questions` lists of strings"
            )
        user_rules.append(
            ProbeRule(raw["name"], tuple(m.lower() for m in raw["match"]), tuple(raw["questions"]))
        )
    return (*user_rules, *BUILTIN_RULES)


def named_technologies(text: str, rules: tuple[ProbeRule, ...]) -> list[ProbeRule]:
    """The rules whose technology the answer names, in order of first mention."""
    lowered = " " + " ".join(_WORD.findall(text.lower())) + " "
    positions = []
    for rule in rules:
        found = [lowered.find(f" {m} ") for m in rule.match if f" {m} " in lowered]
        if found:
            positions.append((min(found), rule))
    return [rule for _, rule in sorted(positions, key=lambda p: p[0])]


def choose_probe(
    analysis: Analysis,
    *,
    asked: frozenset[str] = frozenset(),
    rules: tuple[ProbeRule, ...] = BUILTIN_RULES,
    rng: random.Random | None = None,
) -> Probe | None:
    """The next question an interviewer would ask about this answer, or None."""
    rng = rng or random.Random(0)
    text = analysis.transcript.text
    for rule in named_technologies(text, rules):
        fresh = [q for q in rule.questions if q not in asked]
        if fresh:
            return Probe(rng.choice(fresh), f"you named {rule.name}", "technical")
    if analysis.question.kind == "technical":
        for topic, question, reason in GAP_PROBES_TECHNICAL:
            if question not in asked and not _mentions(analysis, topic):
                return Probe(question, reason, "technical")
    star = analysis.star
    if star is not None:
        gaps = [
            (
                star.action is None or star.i_actions == 0,
                "What did you personally do, step by step?",
                "no action of your own",
            ),
            (not star.result_measurable, "What was the outcome, in numbers?", "no measurable result"),
            (star.reflection is None, "What would you do differently next time?", "no reflection"),
        ]
        for missing, question, reason in gaps:
            if missing and question not in asked:
                return Probe(question, reason, "behavioral")
    follow_ups = [f for f in analysis.question.follow_ups if f not in asked]
    if follow_ups:
        # a follow-up that asks for a story ("Tell me about a time…") is judged as one
        kind = "behavioral" if guess_kind(follow_ups[0]) == "behavioral" else analysis.question.kind
        return Probe(follow_ups[0], "the question's own follow-up", kind)
    return None


def _mentions(analysis: Analysis, topic: str) -> bool:
    """Whether the answer touched the topic: the tradeoff as the structure check found it,
    the rest as the paraphrase matcher did."""
    if topic == "tradeoff":
        return analysis.structure is None or analysis.structure.tradeoffs is not None
    return topic in analysis.topics


def probe_question(parent: Question, probe: Probe, number: int = 1) -> Question:
    """A probe becomes a question of its own, held to the length policy's follow-up window
    (coach.config.LengthPolicy.probe_s) and judged on what it asked (coach.analysis.asked)."""
    from coach.analysis.asked import asked_parts

    return replace(
        parent,
        asks=asked_parts(probe.text),
        id=f"{parent.id}-probe{number}",
        text=probe.text,
        kind=probe.kind,
        key_points=(),
        follow_ups=(),
        target_window_s=None,
        follow_up=True,
    )
