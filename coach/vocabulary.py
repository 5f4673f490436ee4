"""Domain vocabulary to bias recognition towards: the words DevOps answers are made of.

Whisper tiny.en mishears them ("SLO" as "a cello", "tradeoff" as "train off"). These
terms are passed as faster-whisper `hotwords`, which go into the decoder's context
before the filler prompt, so they bias spelling without displacing the fillers.
"""

from __future__ import annotations

import re

from coach.questions import Question

# Written as a transcript should spell them. Kept short: every term costs context tokens.
GLOSSARY = (
    "Kubernetes",
    "Terraform",
    "canary",
    "SLO",
    "SLI",
    "SLA",
    "p99",
    "IAM",
    "rollback",
    "blue-green",
    "autoscaling",
    "tradeoff",
    "etcd",
    "kubelet",
    "Helm",
    "Istio",
    "Prometheus",
    "Grafana",
    "ArgoCD",
    "CI/CD",
    "on-call",
    "runbook",
    "postmortem",
    "MTTR",
    "error budget",
    "failover",
    "multi-region",
    "VPC",
    "EC2",
    "S3",
    "DynamoDB",
    "CloudWatch",
    "Route 53",
    "Kafka",
    "Redis",
    "ingress",
    "DaemonSet",
    "StatefulSet",
    "idempotent",
    "latency",
)
MAX_HOTWORD_CHARS = 600
_TECH_WORD = re.compile(r"\b(?:[A-Z][A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*|[A-Z][a-z]+[A-Z]\w*|[a-z]+\d+\w*)\b")


def question_terms(question: Question) -> list[str]:
    """Technical words in the question's text (acronyms, CamelCase, p99-like tokens) and
    the phrasings of its key points."""
    terms = _TECH_WORD.findall(question.text)
    for point in question.key_points:
        terms.extend(point.phrases)
    return terms


def hotwords_for(question: Question | None, glossary: tuple[str, ...] = GLOSSARY) -> str:
    """The question's own terms first, then the glossary, without repeats, capped."""
    seen: set[str] = set()
    chosen: list[str] = []
    length = 0
    for term in [*(question_terms(question) if question else []), *glossary]:
        key = term.lower()
        if key in seen:
            continue
        if length + len(term) + 2 > MAX_HOTWORD_CHARS:
            break
        seen.add(key)
        chosen.append(term)
        length += len(term) + 2
    return ", ".join(chosen)
