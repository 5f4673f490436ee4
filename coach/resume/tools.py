"""The tools a DevOps or SRE resume names, each with the spellings that mean it.

The table is what lets "k8s", "EKS" and "Kubernetes" count as one skill, and what the
Skills section is read against. A name the table lacks is still kept when it appears in
the Skills section: the candidate listed it, so it may be asked about.

Where names overlap, the longest one written wins ("Argo Rollouts" over "Argo",
"GitHub Actions" over "Git"), and a word several products share ("Argo", "Elastic")
names its best-known product only when no other product name follows it, so "Argo
Image Updater" is never read as Argo CD even though the table lacks it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# canonical name: other spellings (matched case-insensitively, as whole words)
# fmt: off
TOOLS: dict[str, tuple[str, ...]] = {
    "Kubernetes": ("k8s", "kubectl"), "EKS": ("amazon eks",), "GKE": (), "AKS": (), "OpenShift": (),
    "Helm": ("helm charts",), "Crossplane": (), "Karpenter": (), "Kustomize": (), "Docker": ("docker compose", "dockerfile"),
    "Docker Swarm": ("swarm mode",),
    "containerd": (), "Podman": (), "Nomad": (), "ECS": ("amazon ecs", "fargate"),
    "AWS": ("amazon web services",), "EC2": (), "S3": (), "Lambda": ("aws lambda",), "RDS": (),
    "DynamoDB": (), "CloudFront": (), "CloudWatch": (), "CloudTrail": (), "ALB": ("application load balancer",), "ELB": (), "IAM": (), "VPC": (), "Route 53": ("route53",),
    "GCP": ("google cloud", "google cloud platform"), "Azure": ("microsoft azure",),
    "Terraform": ("terragrunt",), "Pulumi": (), "CloudFormation": ("aws cdk", "cdk"),
    "Ansible": (), "Chef": (), "Puppet": (), "SaltStack": ("salt",), "Packer": (),
    "Jenkins": (), "GitHub Actions": (), "GitLab CI": ("gitlab ci/cd", "gitlab"), "CircleCI": (),
    "Argo CD": ("argocd", "argo"), "Argo Rollouts": (), "Argo Workflows": (), "Argo Events": (), "Flux": ("fluxcd",), "Spinnaker": (), "Tekton": (), "Buildkite": (),
    "Bazel": (),
    "Prometheus": (), "Alertmanager": (), "Nagios": (), "Zabbix": (), "Grafana": (), "Datadog": (), "New Relic": (), "Splunk": (),
    "Elasticsearch": ("elastic",), "ELK": ("elk stack", "elastic stack"), "Kibana": (), "Loki": ("grafana loki",), "Thanos": (),
    "OpenTelemetry": ("otel",), "Jaeger": (), "Zipkin": (), "PagerDuty": (), "Opsgenie": (),
    "Sentry": (), "Honeycomb": (),
    "Istio": (), "Envoy": (), "Linkerd": (), "Consul": (), "Nginx": (), "HAProxy": (),
    "Vault": ("hashicorp vault",),
    "Kafka": ("apache kafka",), "Kinesis": (), "RabbitMQ": (), "SQS": (), "Redis": (), "Memcached": (),
    "PostgreSQL": ("postgres",), "MySQL": (), "Aurora": (), "Cassandra": (), "MongoDB": (),
    "Linux": (), "systemd": (), "Bash": ("shell scripting",), "Python": (), "Go": ("golang",),
    "Java": (), "Rust": (), "Ruby": (), "TypeScript": (), "Node.js": ("nodejs",),
    "Git": (), "Chaos Monkey": (), "Gremlin": (), "Litmus": ("litmuschaos",), "Spark": (),
    "Airflow": (), "Snowflake": (), "BigQuery": (),
}
# fmt: on
# Words that are tools only when written as a name, not in ordinary prose.
CASE_SENSITIVE = frozenset({"Go", "Chef", "Puppet", "Flux", "Lambda", "Vault", "Git", "Spark", "Loki"})
# Spellings that are the shared first word of a family of products: alone they mean the
# table's tool ("Argo" is Argo CD), but followed by another capitalised word they begin
# the name of a sibling product ("Argo Rollouts", "Elastic Beanstalk") and mean nothing
# by themselves.
FAMILY_WORDS = frozenset({"argo", "elastic"})
_NEXT_NAME = re.compile(r"[ \t]+[A-Z]")  # " Rollouts", " Image Updater"


def canonical(name: str) -> str | None:
    """The table's name for a spelling ("k8s" -> "Kubernetes"), or None."""
    lowered = name.strip().lower()
    for tool, aliases in TOOLS.items():
        if lowered == tool.lower() or lowered in aliases:
            return tool
    return None


def spellings() -> list[tuple[str, str]]:
    """(spelling, canonical name) for every entry, longest spellings first."""
    pairs = [(tool, tool) for tool in TOOLS] + [
        (alias, tool) for tool, aliases in TOOLS.items() for alias in aliases
    ]
    return sorted(pairs, key=lambda p: -len(p[0]))


def _pattern(spelling: str, case_sensitive: bool) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(spelling)}(?![\w-])", 0 if case_sensitive else re.IGNORECASE)


_TABLE: list[tuple[re.Pattern[str], str, str]] = [
    (_pattern(spelling, tool in CASE_SENSITIVE and spelling == tool), spelling, tool)
    for spelling, tool in spellings()
]


@dataclass(frozen=True)
class Mention:
    """A tool named in a text: where (character offsets, end exclusive) and which tool."""

    start: int
    end: int
    tool: str


def mentions(text: str, extra: Iterable[str] = ()) -> list[Mention]:
    """Every tool named in text, in order: the table's, and `extra` names (kept as
    written). Overlapping candidates are settled by length, so the longest name written
    wins wherever it stands; a family word followed by another name is no mention."""
    patterns = _TABLE + [(_pattern(name, False), name, name) for name in extra if name.strip()]
    candidates = []
    for pattern, spelling, tool in patterns:
        for match in pattern.finditer(text):
            if spelling.lower() in FAMILY_WORDS and _NEXT_NAME.match(text, match.end()):
                continue
            candidates.append(Mention(match.start(), match.end(), tool))
    taken: list[Mention] = []
    for candidate in sorted(candidates, key=lambda m: (m.start - m.end, m.start)):
        if not any(m.start < candidate.end and candidate.start < m.end for m in taken):
            taken.append(candidate)
    return sorted(taken, key=lambda m: m.start)


def tools_in(text: str, extra: Iterable[str] = ()) -> list[str]:
    """The tools named in text, each once, in order of first mention."""
    return list(dict.fromkeys(m.tool for m in mentions(text, extra)))
