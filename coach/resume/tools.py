"""The tools a DevOps or SRE resume names, each with the spellings that mean it.

The table is what lets "k8s", "EKS" and "Kubernetes" count as one skill, and what the
Skills section is read against. A name the table lacks is still kept when it appears in
the Skills section: the candidate listed it, so it may be asked about.
"""

from __future__ import annotations

# canonical name: other spellings (matched case-insensitively, as whole words)
# fmt: off
TOOLS: dict[str, tuple[str, ...]] = {
    "Kubernetes": ("k8s", "kubectl"), "EKS": ("amazon eks",), "GKE": (), "AKS": (), "OpenShift": (),
    "Helm": ("helm charts",), "Crossplane": (), "Karpenter": (), "Kustomize": (), "Docker": ("docker compose", "dockerfile"),
    "containerd": (), "Podman": (), "Nomad": (), "ECS": ("amazon ecs", "fargate"),
    "AWS": ("amazon web services",), "EC2": (), "S3": (), "Lambda": ("aws lambda",), "RDS": (),
    "DynamoDB": (), "CloudFront": (), "CloudWatch": (), "CloudTrail": (), "ALB": ("application load balancer",), "ELB": (), "IAM": (), "VPC": (), "Route 53": ("route53",),
    "GCP": ("google cloud", "google cloud platform"), "Azure": ("microsoft azure",),
    "Terraform": ("terragrunt",), "Pulumi": (), "CloudFormation": ("aws cdk", "cdk"),
    "Ansible": (), "Chef": (), "Puppet": (), "SaltStack": ("salt",), "Packer": (),
    "Jenkins": (), "GitHub Actions": (), "GitLab CI": ("gitlab ci/cd", "gitlab"), "CircleCI": (),
    "Argo CD": ("argocd", "argo"), "Flux": ("fluxcd",), "Spinnaker": (), "Tekton": (), "Buildkite": (),
    "Bazel": (),
    "Prometheus": (), "Alertmanager": (), "Nagios": (), "Zabbix": (), "Grafana": (), "Datadog": (), "New Relic": (), "Splunk": (),
    "Elasticsearch": ("elastic",), "ELK": ("elk stack",), "Kibana": (), "Loki": (), "Thanos": (),
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
