"""Questions built from the candidate's own resume, and the target role's fit.

Every project gets the five deep-dive questions (problem, architecture, hardest failure
mode, the metric that mattered, what to redesign) worded from its strongest bullet;
every other bullet gets a walkthrough question. A bullet with a figure is asked how it
was measured; a bullet that credits "we" is asked what the candidate's part was. Every
tool named gets the interviewer probes for it. A target role weights the bank towards
its rounds and categories, and flags the tools the role implies that the resume lacks.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from coach.english import complete_part, gerund
from coach.probes import BUILTIN_RULES, ProbeRule, named_technologies
from coach.questions import Claim, Question
from coach.resume.model import Bullet, Project, Resume
from coach.resume.restate import claim_sentence, measures_outcome, verb_index
from coach.resume.tools import TOOLS, canonical
from coach.wording import tidy_stops

ResumeKind = Literal[
    "problem", "architecture", "failure", "metric", "redesign",
    "walkthrough", "measurement", "ownership", "tool", "gap", "role",
]  # fmt: skip
DEEP_DIVE: tuple[ResumeKind, ...] = ("problem", "architecture", "failure", "metric", "redesign")
# narrow questions about one claim or one tool: held to the length policy's follow-up window
FOLLOW_UP_KINDS: tuple[ResumeKind, ...] = ("measurement", "ownership", "tool", "gap")
ROLE_PICKS = 6
GAP_PICKS_PER_TOOL = 2


@dataclass(frozen=True)
class ResumeQuestion:
    question: Question
    kind: ResumeKind
    source_bullet: str | None = None
    tool: str | None = None
    project: str | None = None
    gap: bool = False  # a tool the role implies and the resume does not name


@dataclass(frozen=True)
class RoleProfile:
    name: str
    match: tuple[str, ...]
    categories: dict[str, float]
    rounds: dict[str, float]
    tools: tuple[str, ...]  # what the role implies a candidate has used


# fmt: off
ROLE_PROFILES = (
    RoleProfile("SRE", ("sre", "site reliability", "reliability", "production engineer"),
                {"reliability": 3, "observability": 3, "containers": 2, "infrastructure": 2, "cicd": 1.5,
                 "behavioral": 1.5, "culture": 1, "cost": 1, "security": 1},
                {"incident-response": 3, "system-design": 2, "technical-screen": 1.5, "behavioral": 1.5,
                 "culture": 1},
                ("Kubernetes", "Prometheus", "Terraform", "Linux", "PagerDuty", "OpenTelemetry")),
    RoleProfile("DevOps", ("devops", "build and release", "release engineer", "ci/cd"),
                {"cicd": 3, "infrastructure": 3, "containers": 2, "observability": 1.5, "security": 1.5,
                 "reliability": 1.5, "cost": 1, "behavioral": 1.5, "culture": 1},
                {"technical-screen": 2.5, "system-design": 2, "incident-response": 1.5, "behavioral": 1.5,
                 "culture": 1},
                ("Terraform", "Kubernetes", "Docker", "GitHub Actions", "Ansible", "AWS", "Prometheus")),
    RoleProfile("Platform", ("platform", "infrastructure engineer", "kubernetes"),
                {"containers": 3, "infrastructure": 3, "cicd": 2, "reliability": 2, "observability": 1.5,
                 "security": 1.5, "cost": 1.5, "behavioral": 1.5, "culture": 1},
                {"system-design": 3, "technical-screen": 2, "incident-response": 1.5, "behavioral": 1.5,
                 "culture": 1},
                ("Kubernetes", "Terraform", "Helm", "Argo CD", "Istio", "Prometheus")),
    RoleProfile("Cloud", ("cloud", "aws", "azure", "gcp"),
                {"infrastructure": 3, "cost": 2.5, "security": 2, "containers": 1.5, "reliability": 1.5,
                 "cicd": 1, "observability": 1, "behavioral": 1.5, "culture": 1},
                {"system-design": 2.5, "technical-screen": 2, "incident-response": 1.5, "behavioral": 1.5,
                 "culture": 1},
                ("AWS", "Terraform", "IAM", "VPC", "Kubernetes")),
    RoleProfile("Security", ("security", "devsecops", "secops"),
                {"security": 3.5, "infrastructure": 2, "cicd": 2, "containers": 1.5, "observability": 1.5,
                 "reliability": 1, "cost": 0.5, "behavioral": 1.5, "culture": 1},
                {"technical-screen": 2.5, "incident-response": 2.5, "system-design": 2, "behavioral": 1.5,
                 "culture": 1},
                ("Vault", "IAM", "Terraform", "Kubernetes")),
)
# fmt: on
SENIOR = re.compile(r"\b(senior|staff|principal|lead|manager|head|director|architect)\b", re.IGNORECASE)


def role_profile(role: str | None) -> RoleProfile | None:
    if not role:
        return None
    lowered = role.lower()
    for profile in ROLE_PROFILES:
        if any(re.search(rf"\b{re.escape(m)}\b", lowered) for m in profile.match):
            return profile
    return None


# --- wording ---

_CLAUSE_END = re.compile(
    r"[,;:]\s|\s[—–]\s|\.\s|\.$|\s\(|\b(?:resulting in|which|so that|cutting|reducing|saving)\b"
    r"|\sand\s(?=[a-z]+ed\b|(?:built|wrote|led|ran|made|took|grew|cut|set|kept)\b)"
)
MAX_GIST_WORDS = 14
# a long phrase is shortened before one of these (the means, the scope, the time), never
# mid-phrase: "migrating 70 virtual machines and 12 TB of data" + "with under 10 minutes …"
_SHORTEN_BEFORE = frozenset({"by", "with", "using", "via", "through", "for", "across", "during", "after",
                             "while", "including", "on", "in", "into", "from"})  # fmt: skip
_MIN_GIST_WORDS = 4


def _shortened(phrase: str) -> str:
    words = phrase.split()
    if len(words) <= MAX_GIST_WORDS:
        return phrase
    cuts = [i for i in range(_MIN_GIST_WORDS, MAX_GIST_WORDS + 1) if words[i].lower() in _SHORTEN_BEFORE]
    return complete_part(" ".join(words[: cuts[-1]])) if cuts else phrase


def gist(bullet: Bullet) -> str:
    """The bullet as a phrase to ask about: "Migrated 40 services from EC2 to EKS, cutting
    ..." -> "migrating 40 services from EC2 to EKS". Without a verb to lead with, the
    bullet is quoted in full. A bullet cut off mid-sentence ("…") is asked about as far
    as it is whole; a phrase is never cut mid-sentence."""
    text = complete_part(bullet.text).rstrip(".!? ")
    words = text.split()
    verb_at = verb_index(bullet, words)
    if verb_at is None:
        return f"the work on \u201c{text}\u201d"
    phrase = " ".join([gerund(bullet.action or ""), *words[verb_at + 1 :]])
    cut = _CLAUSE_END.search(phrase, len(phrase.split()[0]))
    if cut is not None:
        phrase = phrase[: cut.start()].rstrip()
    return _shortened(phrase)


def bullet_key(text: str) -> str:
    return hashlib.sha1(text.strip().lower().encode()).hexdigest()[:8]


def _where(project: Project) -> str:
    if project.kind == "role" and project.organization:
        return f"At {project.organization}"
    if project.kind == "project":
        return f"On {project.title}"
    return f"As {project.title}"


def deep_dive_text(kind: ResumeKind, project: Project, bullet: Bullet) -> str:
    phrase = gist(bullet)
    where = _where(project)
    if kind == "problem":
        return f"{where} you list {phrase}. What business or platform problem made that worth doing?"
    if kind == "architecture":
        return f"Walk me through the architecture you chose for {phrase}. What did you turn down, and why?"
    if kind == "failure":
        return f"What was the hardest failure mode you ran into while {phrase}, and how did you handle it?"
    if kind == "metric":
        claim = claim_sentence(bullet)
        if claim is not None:
            return f"Your resume says {claim}. Which metric mattered most there, and how did it move?"
        return f"For {phrase}, which metric mattered most, and how did it move?"
    if kind == "redesign":
        return f"If you were {phrase} again today, what would you redesign?"
    if kind == "walkthrough":
        return f"{where} you list {phrase}. Take me through it: the problem, what you did, and the result."
    if kind == "measurement":
        return measurement_text(bullet, phrase)
    if kind == "ownership":
        line = phrase.removeprefix("the work on ") if phrase.startswith("the work on ") else f"on {phrase}"
        return f"The line {line} credits the team. What was your part, specifically?"
    raise ValueError(kind)


def measurement_text(bullet: Bullet, phrase: str) -> str:
    """The bullet's figures asked about: a result how it was measured, a count of things
    done what it took. The claim is said back in the bullet's own words; where they name
    no verb to say it with, the bullet is quoted whole."""
    ask = (
        "How did you measure that, and against what baseline?"
        if measures_outcome(bullet)
        else "What did that take, and which part was the hardest?"
    )
    claim = claim_sentence(bullet)
    if claim is not None:
        return f"Your resume says {claim}. {ask}"
    whole = complete_part(bullet.text).rstrip(".!? ")
    if any(figure.lower() in whole.lower() for figure in bullet.numbers):
        return f"Your resume says \u201c{whole}.\u201d {ask}"
    return f"Your resume gives a figure for {phrase}. How did you measure it, and against what baseline?"


def _strength(bullet: Bullet) -> tuple[bool, int]:
    """Own work first, then the most figures and tools to be asked about."""
    return (bullet.action is not None and not bullet.we_only, len(bullet.numbers) + len(bullet.tools))


def headline(project: Project) -> Bullet | None:
    """The bullet to build the five deep-dive questions on: figures, tools, own action."""
    if not project.bullets:
        return None
    return max(project.bullets, key=_strength)


def _question(qid: str, text: str, kind: ResumeKind, bullet: Bullet | None) -> Question:
    technical = kind in ("tool", "gap")
    claim = None
    if bullet is not None:
        claim = Claim(
            bullet=bullet.text,
            numbers=() if kind == "ownership" else bullet.numbers,
            ownership=True,
        )
    return Question(
        id=qid,
        text=tidy_stops(text),  # a gist cut with "…" before the sentence's period
        kind="technical" if technical else "behavioral",
        category="resume",
        round="technical-screen" if technical else "behavioral",
        follow_up=kind in FOLLOW_UP_KINDS,
        source="resume",
        claim=claim,
    )


def bullet_questions(resume: Resume) -> list[ResumeQuestion]:
    out: list[ResumeQuestion] = []
    for project in resume.projects:
        top = headline(project)
        for bullet in project.bullets:
            key = bullet_key(bullet.text)
            kinds: list[ResumeKind] = list(DEEP_DIVE) if bullet is top else ["walkthrough"]
            if bullet.numbers:
                kinds.append("measurement")
            if bullet.we_only or bullet.action in ("help", "assist", "contribute", "participate", "support"):
                kinds.append("ownership")
            for kind in kinds:
                text = deep_dive_text(kind, project, bullet)
                out.append(
                    ResumeQuestion(
                        _question(f"resume-{kind}-{key}", text, kind, bullet),
                        kind, source_bullet=bullet.text, project=project.title,
                    )
                )  # fmt: skip
    return out


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _rule_for(tool: str, rules: Sequence[ProbeRule]) -> ProbeRule | None:
    found = named_technologies(tool, tuple(rules))
    return found[0] if found else None


def tool_questions(resume: Resume, rules: Sequence[ProbeRule] = BUILTIN_RULES) -> list[ResumeQuestion]:
    """The table's probes for every tool on the resume; a tool the table lacks gets the
    question any interviewer asks about a listed skill."""
    out: list[ResumeQuestion] = []
    seen_rules: set[str] = set()
    for tool in resume.tools:
        rule = _rule_for(tool, rules)
        if rule is not None:
            if rule.name in seen_rules:
                continue
            seen_rules.add(rule.name)
            texts = list(rule.questions)
            # name the probe after the rule's own tool when the resume lists it ("AWS", not "EC2")
            tool = next((t for t in resume.tools if t.lower() == rule.name.lower()), tool)
        else:
            texts = [f"Your resume lists {tool}. What is the hardest problem you solved with it, and what "
                     "would you use instead today?"]  # fmt: skip
        for n, text in enumerate(texts, 1):
            qid = f"resume-tool-{_slug(rule.name if rule else tool)}-{n}"
            out.append(ResumeQuestion(_question(qid, text, "tool", None), "tool", tool=tool))
    return out


def _mentions(question: Question, tool: str) -> bool:
    names = {tool.lower()} | {a.lower() for a in TOOLS.get(tool, ())}
    text = " ".join([question.text, *(p for k in question.key_points for p in k.phrases)]).lower()
    return any(re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text) for n in names)


def gap_tools(resume: Resume, role: str | None) -> list[str]:
    profile = role_profile(role)
    if profile is None:
        return []
    have = {canonical(t) or t for t in resume.tools}
    # a managed flavour counts as the tool itself
    if have & {"EKS", "GKE", "AKS", "OpenShift"}:
        have.add("Kubernetes")
    return [t for t in profile.tools if t not in have]


def gap_questions(
    resume: Resume, role: str | None, bank: Sequence[Question], rules: Sequence[ProbeRule] = BUILTIN_RULES
) -> list[ResumeQuestion]:
    """For each tool the role implies and the resume lacks: bank questions about it, else
    its probes, flagged as gaps to prepare."""
    out: list[ResumeQuestion] = []
    for tool in gap_tools(resume, role):
        picked = [q for q in bank if _mentions(q, tool)][:GAP_PICKS_PER_TOOL]
        if picked:
            for q in picked:
                out.append(ResumeQuestion(replace(q, source=q.source or "bank"), "gap", tool=tool, gap=True))
            continue
        rule = _rule_for(tool, rules)
        texts = list(rule.questions[:GAP_PICKS_PER_TOOL]) if rule else [
            f"The role expects {tool}, and your resume does not name it. How would you get productive "
            "with it in your first month, and what do you already know that carries over?"
        ]  # fmt: skip
        for n, text in enumerate(texts, 1):
            qid = f"resume-gap-{_slug(tool)}-{n}"
            out.append(ResumeQuestion(_question(qid, text, "gap", None), "gap", tool=tool, gap=True))
    return out


def role_weight(question: Question, profile: RoleProfile | None, role: str | None) -> float:
    if profile is None:
        weight = 1.0
    else:
        weight = profile.categories.get(question.category, 1.0) * profile.rounds.get(question.round, 1.0)
    if role and SENIOR.search(role) and question.round in ("behavioral", "culture", "system-design"):
        weight *= 1.5  # senior loops lean on judgement, influence and design
    return weight


def role_questions(
    bank: Sequence[Question], role: str | None, count: int = ROLE_PICKS
) -> list[ResumeQuestion]:
    """The bank's questions that weigh most for the role, spread over rounds."""
    profile = role_profile(role)
    if profile is None and not role:
        return []
    ranked = sorted(bank, key=lambda q: (-role_weight(q, profile, role), q.id))
    picked: list[Question] = []
    rounds_seen: dict[str, int] = {}
    for q in ranked:
        if rounds_seen.get(q.round, 0) >= 2:
            continue
        picked.append(q)
        rounds_seen[q.round] = rounds_seen.get(q.round, 0) + 1
        if len(picked) == count:
            break
    return [ResumeQuestion(q, "role") for q in picked]


def resume_questions(
    resume: Resume, bank: Sequence[Question], rules: Sequence[ProbeRule] = BUILTIN_RULES
) -> list[ResumeQuestion]:
    """Everything the resume and role give to practise, bullets first, without repeats."""
    role = resume.role
    items = bullet_questions(resume) + tool_questions(resume, rules)
    items += gap_questions(resume, role, bank, rules) + role_questions(bank, role)
    seen: set[str] = set()
    out = []
    for item in items:
        if item.question.id not in seen:
            seen.add(item.question.id)
            out.append(item)
    return out
