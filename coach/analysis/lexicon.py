"""Word lists the structure and STAR analyzers match against.

Phrases are matched on lemmas ("i be responsible" matches "I was responsible"), so
they are written in base forms; sets of single words are compared with lemmas or
lowercase forms as each analyzer says.
"""

# fmt: off
DECISION_VERBS = frozenset({
    "add", "adopt", "automate", "build", "choose", "containerize", "default", "deploy", "design",
    "favor", "focus", "go", "implement", "introduce", "invest", "keep", "lean", "make", "migrate",
    "move", "opt", "pick", "prefer", "prioritize", "propose", "put", "recommend", "rely", "roll", "run",
    "separate", "set", "shift", "split", "standardize", "start", "suggest", "use",
})
MODALS = frozenset({
    "'d", "'ll", "must", "shall", "should", "will", "would",
})
CHOICE_VERBS = frozenset({
    "advocate", "choose", "favor", "opt", "pick", "prefer", "propose", "recommend", "suggest",
})
LEAD_INS = frozenset({
    "alright", "and", "basically", "first", "firstly", "honestly", "now", "ok", "okay", "right", "so",
    "then", "well", "yeah",
})
NOT_IMPERATIVES = frozenset({
    "ask", "assume", "consider", "depend", "guess", "hang", "imagine", "know", "let", "look", "mind",
    "note", "remember", "say", "see", "suppose", "tell", "thank", "think", "wait",
})
DECISION_NOUNS = frozenset({
    "answer", "approach", "choice", "pick", "plan", "preference", "proposal", "recommendation",
    "suggestion",
})
NON_DECISION_VERBS = frozenset({
    "ask", "be", "discuss", "expect", "explain", "guess", "have", "hope", "imagine", "know", "like",
    "love", "mean", "say", "suppose", "talk", "think", "wonder",
})
ASSUMPTION_PHRASES = (
    "assume", "assuming", "assumption", "given that", "constraint", "requirement", "it depend",
    "depend on", "let's say", "let us say", "the goal be", "the goal is", "clarify", "optimize for",
    "if we're talking", "if we be talk", "expected load", "budget", "in scope", "out of scope",
)
TRADEOFF_PHRASES = (
    "tradeoff", "trade-off", "trade off", "downside", "drawback", "the cost of", "at the cost",
    "at the expense", "on the other hand", "the catch", "risk", "the price", "pros and con",
    "flip side", "in exchange", "rather than", "compared to", "more expensive", "more complex",
    "complexity", "limitation", "disadvantage", "the con", "overhead", "cost more", "you give up",
    "we give up", "you lose", "we lose", "balance between", "balance against", "strike a balance",
    "expensive", "cheap but", "cheaper but", "the more it", "slower to", "better than", "give up",
    "sacrifice", "in return", "cost us", "cost you", "you pay", "we pay", "lock you in", "lock in",
    "risky", "worth it", "not worth", "worse",
)
OPERATION_PHRASES = (
    "monitor", "monitoring", "alert", "alerting", "dashboard", "rollback", "roll back", "revert",
    "on-call", "on call", "runbook", "security", "iam", "permission", "access control",
    "least privilege", "owner", "ownership", "own the", "slo", "sli", "observability", "metric",
    "logging", "log", "tracing", "trace", "page", "paging", "incident", "audit",
)
VALIDATION_PHRASES = (
    "validate", "validation", "load test", "test", "game day", "chaos", "verify", "measure",
    "success metric", "in production", "prove", "a/b", "shadow traffic", "benchmark", "experiment",
    "dry run", "staging", "check that", "confirm", "failover drill", "drill", "canary analysis",
)
CONTRAST_WORDS = frozenset({
    "although", "but", "except", "however", "though", "unless", "whereas", "while", "yet",
})
COST_LEMMAS = frozenset({
    "annoying", "bad", "better", "bill", "break", "brittle", "burden", "cheap", "complex", "complexity",
    "cost", "delay", "downtime", "easy", "effort", "expensive", "fast", "fragile", "hard", "lock",
    "lose", "messy", "money", "noisy", "overhead", "pain", "painful", "pay", "price", "risk", "risky",
    "safe", "simple", "slow", "slowdown", "stale", "toil", "tradeoff", "worse",
})
SITUATION_PHRASES = (
    "context", "i be at", "i work at", "picture this", "when i was", "at my last", "at my previous",
    "at my current", "at my old", "we had", "there was", "there were", "our team", "my team",
    "year ago", "month ago", "last year", "back when", "back in", "at the time", "i was work",
    "i was on", "we were", "the context", "the background", "a while ago", "at a previous",
    "at a startup", "at the company", "i joined", "i was lead", "we were run",
)
TASK_PHRASES = (
    "my project", "my ticket", "my call", "my mess", "be mine", "i be give", "i be suppose to",
    "on call", "on-call", "rotation", "my job", "my role", "my responsibility", "i be responsible",
    "i be ask", "i be task", "i need to", "i have to", "we need to", "we have to", "the goal",
    "my goal", "our goal", "the task", "my task", "i own", "i be on call", "i be the", "i be in charge",
    "the challenge", "the problem be", "i be assign", "i volunteer", "i take ownership", "i take on",
    "i step up", "it be on me", "i be lead", "i be the incident commander", "the ask be", "i want to",
    "we want to",
)
RESULT_PHRASES = (
    "that be it", "that be all", "as a result", "the result", "the outcome", "in the end", "end up",
    "lead to", "no longer", "never happen again", "no data loss", "no more", "back to normal",
    "since then", "went from", "go from", "all green", "that fix it", "it work", "the fix work",
)
OUTCOME_VERBS = frozenset({
    "accept", "adopt", "agree", "approve", "avoid", "become", "catch", "close", "come", "complete",
    "contain", "cut", "decrease", "disappear", "double", "drop", "eliminate", "fall", "finish", "fix",
    "go", "halve", "heal", "hold", "improve", "increase", "land", "launch", "merge", "mitigate", "pass",
    "patch", "prevent", "recover", "reduce", "resolve", "restore", "save", "settle", "ship", "shrink",
    "solve", "stabilize", "start", "stop", "succeed", "take", "vanish", "work",
})
SELF_OUTCOME_VERBS = frozenset({
    "avoid", "bring", "cut", "decrease", "double", "eliminate", "halve", "improve", "increase",
    "launch", "prevent", "recover", "reduce", "resolve", "restore", "save", "ship",
})
OUTCOME_STATES = frozenset({
    "back", "better", "cheaper", "closed", "done", "down", "faster", "fine", "fixed", "gone", "green",
    "happy", "healthy", "normal", "quiet", "resolved", "solved", "sorted", "stable", "up",
})
STATE_HEADS = frozenset({
    "be", "become", "come", "feel", "get", "go", "look", "run", "stay",
})
REFLECTION_PHRASES = (
    "learn", "learning", "take from", "take away from", "if i build it today", "if i do it today",
    "what i would change", "what i'd change", "lesson", "next time", "in hindsight", "looking back",
    "look back", "differently", "would have", "i'd have", "should have", "takeaway", "take away",
    "teach me", "realize", "since then", "now i always", "now we always", "if i do it again",
    "if i be to", "would change", "i'd change", "go forward", "from then on", "in retrospect",
    "what i would do", "i now",
)
HYPOTHETICAL = frozenset({
    "'d", "'ll", "can", "could", "may", "might", "must", "should", "will", "would",
})
HABITUAL = frozenset({
    "always", "generally", "never", "often", "sometimes", "typically", "usually",
})
NON_SUBJECTS = frozenset({
    "nobody", "none", "nothing", "that", "what", "whatever", "which", "who",
})
CONTEXT_VERBS = frozenset({
    "be", "get", "have", "inherit", "join", "lead", "move", "own", "run", "start", "support", "use",
    "work",
})
STATE_VERBS = frozenset({
    "be", "believe", "feel", "get", "guess", "hate", "have", "hope", "know", "like", "love", "mean",
    "need", "notice", "remember", "say", "see", "seem", "tell", "think", "want", "wonder",
})
UNITS = frozenset({
    "$", "%", "alert", "customer", "day", "deploy", "dollar", "gb", "hour", "incident", "k",
    "millisecond", "minute", "month", "ms", "p95", "p99", "page", "percent", "percentage", "point",
    "qps", "request", "rps", "second", "tb", "time", "user", "week", "x",
})
AFTERWARDS = (
    "afterward", "afterwards", "after that", "since then", "from then on", "go forward", "from now on",
    "so now",
)
# fmt: on

# Mistakes an interviewer notices (coach.analysis.mistakes).
# fmt: off
TOOL_NAMES = frozenset({
    "kubernetes", "k8s", "terraform", "jenkins", "argocd", "argo", "spinnaker", "helm", "istio", "envoy",
    "prometheus", "grafana", "datadog", "splunk", "kafka", "redis", "docker", "ansible", "chef", "puppet",
    "vault", "consul", "nginx", "postgres", "mysql", "dynamodb", "cassandra", "elasticsearch", "opensearch",
    "cloudwatch", "lambda", "ec2", "s3", "eks", "ecs", "rds", "github", "gitlab", "circleci", "pagerduty",
    "opentelemetry", "jaeger", "loki", "fluentd", "karpenter", "linkerd", "nomad", "pulumi", "cloudformation",
})
RATIONALE_WORDS = frozenset({"because", "since", "so", "why", "reason", "lets", "allows", "enables", "solve", "solved", "avoid", "instead"})
INCIDENT_WORDS = frozenset({"outage", "incident", "sev", "sev-1", "sev1", "downtime", "page", "paged", "postmortem", "went down"})
IMPACT_WORDS = frozenset({
    "user", "customer", "revenue", "error", "latency", "traffic", "request", "order", "payment", "impact",
    "minute", "hour", "second", "day", "region", "percent", "slo", "sla",
})
BLAME_PHRASES = (
    "their fault", "not my fault", "his fault", "her fault", "the other team", "blame", "because of them",
    "they break", "they never", "they do not", "they did not", "they didn't", "nobody tell me", "no one tell me",
    "not my job", "it be on them",
)
CORPORATE_PHRASES = (
    "synergy", "leverage our", "leverage the", "best practice", "move the needle", "circle back",
    "low-hanging fruit", "low hanging fruit", "at the end of the day", "value add", "paradigm shift",
    "think outside the box", "hit the ground running", "passionate about", "team player", "wear many hat",
    "win-win", "deep dive", "bandwidth to", "world-class", "drive alignment", "north star",
)
DEFINITION_PHRASES = (
    "stand for", "be define as", "refer to", "be basically a", "be a tool", "be a platform", "be a way to",
    "be an open source", "be an open-source", "be a system that", "let me explain what", "first of all ci",
)
# fmt: on
