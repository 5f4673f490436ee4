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
# What an option suits, or what it costs, said without the word "tradeoff" (docs/labelling.md
# counts both as weighing): a rule of coach.analysis.structure.
FIT_PHRASES = (
    "better for", "good for", "best for", "ideal for", "suited to", "suited for", "well suited",
    "a good fit", "a better fit", "when you need", "if you need", "make sense when", "excel at",
    "optimize for", "single point of failure", "prone to", "plain text", "not encrypted",
    "become a problem", "the problem with", "the issue with", "overkill", "limit you",
)
# Weaker hints of the same: features of the trained sentence classifier only.
FIT_HINTS = (
    "choose", "favor", "prefer", "suit", "it depend on", "depending on", "for small", "for large",
    "at scale", "be a problem",
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
# A look back at an event, and what came out of it (coach.analysis.star): "the postmortem
# led to adding expiry alerts" is a change made afterwards, so a reflection.
REVIEW_NOUNS = frozenset({  # "review" alone is too often a code review
    "postmortem", "post-mortem", "retro", "retrospective", "rca", "debrief", "lessons-learned", "aar",
})
CHANGE_LEMMAS = frozenset({
    "add", "adopt", "automate", "change", "create", "enforce", "introduce", "institute", "mandate",
    "require", "update", "rewrite", "alert", "runbook", "policy", "checklist", "guardrail",
    "implement", "establish", "author", "build", "standardize", "document", "template", "put",
})
# A look ahead that turns a change into a reflection: it was made for next time, or taken up
# beyond the story ("for similar issues", "so it can't recur", "for future launches").
PREVENTION_CUES = frozenset({  # not "prevent" alone: "guardrails to prevent misuse" is a step of the story
    "similar", "recur", "recurrence", "again", "future", "repeat",
})
AFTERWARDS = (
    "afterward", "afterwards", "after that", "since then", "from then on", "go forward", "from now on",
    "so now",
)
# fmt: on

# Mistakes an interviewer notices (coach.analysis.mistakes). Single words are compared with
# lemmas unless a comment says otherwise.
# fmt: off
TOOL_NAMES = frozenset({  # lowercase forms
    "kubernetes", "k8s", "terraform", "jenkins", "argocd", "argo", "spinnaker", "helm", "istio", "envoy",
    "prometheus", "grafana", "datadog", "splunk", "kafka", "redis", "docker", "ansible", "chef", "puppet",
    "vault", "consul", "nginx", "postgres", "mysql", "dynamodb", "cassandra", "elasticsearch", "opensearch",
    "cloudwatch", "lambda", "ec2", "s3", "eks", "ecs", "rds", "github", "gitlab", "circleci", "pagerduty",
    "opentelemetry", "jaeger", "loki", "fluentd", "karpenter", "linkerd", "nomad", "pulumi", "cloudformation",
    "atlantis", "flux", "tekton", "buildkite", "sentry", "thanos", "rabbitmq", "memcached", "mongodb", "packer",
    "crossplane", "kustomize", "cilium", "calico", "traefik", "haproxy", "keda", "velero", "trivy", "snyk",
})
# Verbs that put a tool in place: "we moved to Helm", "I set up Terraform modules".
TOOL_CHOICE_VERBS = frozenset({
    "add", "adopt", "bring", "build", "choose", "deploy", "go", "have", "introduce", "migrate", "move", "pick",
    "replace", "roll", "run", "set", "standardize", "start", "switch", "use",
})
# "we used / chose / went with / run X": a stack claimed. Not "migrated to", "moved to",
# "replaced": those are the events of a story, not a list of choices.
CLAIM_VERBS = TOOL_CHOICE_VERBS - {"add", "bring", "introduce", "migrate", "move", "replace", "roll", "start", "switch"}
# The speaker and the speaker's team, as subject or owner.
FIRST_PERSON = frozenset({"i", "we", "our", "my", "us", "me"})
# What a purpose clause says a tool did: "which let us …", "that cut …".
BENEFIT_VERBS = frozenset({
    "allow", "avoid", "catch", "cut", "eliminate", "enable", "fix", "give", "help", "let", "make", "mean",
    "prevent", "reduce", "remove", "save", "solve", "stop",
})
REASON_NOUNS = frozenset({"because", "instead", "problem", "reason", "why"})  # lowercase forms
NOT_PURPOSE_HEADS = frozenset({  # "started to use", "had to run": not a reason
    "begin", "continue", "decide", "go", "have", "like", "need", "plan", "seem", "start", "try", "want",
})
# An incident told as a story: "we had an outage", "during the incident", "the site went down".
INCIDENT_NOUNS = frozenset({"downtime", "incident", "outage", "postmortem", "sev", "sev-1", "sev1", "sev0"})
METRIC_NOUNS = frozenset({  # "costs went down": a measure falling, not a system failing
    "bill", "cost", "count", "error", "latency", "number", "price", "rate", "spend", "time", "usage",
})
INCIDENT_VERBS = frozenset({"cause", "face", "get", "handle", "have", "hit", "lead", "run", "work"})
# Impact: who or what was affected, and how ("checkout was down", "users couldn't log in").
AFFECTED_NOUNS = frozenset({
    "account", "api", "app", "browser", "checkout", "client", "customer", "everybody", "everyone", "login",
    "nobody", "order", "payment", "people", "purchase", "region", "request", "revenue", "service", "signup", "site",
    "subscriber", "tenant", "traffic", "transaction", "user", "viewer", "visitor", "website",
})
EFFECT_WORDS = frozenset({
    "affect", "block", "break", "degrade", "down", "drop", "error", "fail", "failure", "hang", "hit", "impact",
    "latency", "lose", "miss", "not", "offline", "outage", "reject", "see", "slow", "stick", "time", "timeout",
    "unable", "unavailable", "500", "500s", "502", "502s", "503", "503s", "5xx", "5xxs",
})
# Figures worth a number: "30 percent", "2 million messages", "$40k". Time units count
# for the timeline instead.
FIGURE_UNITS = frozenset({
    "$", "%", "account", "alert", "call", "cluster", "connection", "customer", "deploy", "dollar", "engineer",
    "error", "event", "gb", "host", "instance", "job", "k", "machine", "message", "mb", "ms", "millisecond",
    "node", "order", "page", "payment", "people", "percent", "pod", "query", "request", "rps", "qps", "server",
    "service", "session", "tb", "team", "ticket", "time", "transaction", "user", "x",
})
TIME_UNITS = frozenset({"day", "hour", "minute", "night", "second", "sec", "min", "week", "weekend"})
CLOCK_WORDS = frozenset({"am", "a.m.", "pm", "p.m.", "midnight", "noon", "o'clock"})  # lowercase forms
TIMELINE_PHRASES = (
    "overnight", "all night", "the next morning", "the next day", "by morning", "by the time", "within minute",
    "within hour", "minute later", "hour later", "for hour", "for minute", "for day",
)
NAME_BEFORE_NUMBER = frozenset({  # "sev one", "p1", "tier 2", "version 3": names, not figures
    "level", "p", "priority", "release", "sev", "severity", "tier", "v", "version",
})
# Blame: a third party as the agent of the fault.
THIRD_PARTY_NOUNS = frozenset({
    "contractor", "dba", "dev", "developer", "director", "engineer", "guy", "intern", "leadership",
    "management", "manager", "ops", "person", "product", "qa", "somebody", "someone", "team", "vendor",
})
THIRD_PARTY_PRONOUNS = frozenset({"he", "she", "they", "them"})  # lowercase forms
FAULT_VERBS = frozenset({  # blame whatever the object: "they broke prod", "he ignored the alert"
    "break", "bypass", "cause", "delete", "forget", "ignore", "misconfigure", "mess", "overwrite", "refuse",
    "screw", "skip",
})
CHANGE_VERBS = frozenset({  # blame with a bad object or "without …": "pushed a bad rule without telling"
    "change", "deploy", "merge", "push", "release", "roll", "ship",
})
BAD_WORDS = frozenset({"bad", "broken", "buggy", "faulty", "untested", "wrong"})
UNANNOUNCED = frozenset({"approval", "heads-up", "notice", "review", "test", "testing", "warning"})
DILIGENCE_VERBS = frozenset({  # blame when negated: "they never tested", "he didn't tell us"
    "bother", "check", "communicate", "document", "follow", "inform", "listen", "notify", "read", "review",
    "tell", "test", "warn",
})
FAULT_NOUNS = frozenset({"fault", "mess", "mistake", "screwup"})
MINE_DISOWNED = frozenset({"call", "decision", "fault", "job", "problem", "responsibility"})
BLAME_PHRASES = (  # unmistakable on their own
    "nobody tell", "no one tell", "nobody warn", "no one warn", "nobody bother to", "out of my hand",
    "above my pay grade", "i just do what i be tell", "i be just follow", "because of them", "it be on them",
    "be not on us", "be not on me", "not my fault", "not my call", "not my job",
)
OWNERSHIP_PHRASES = (  # owning a share of it turns attribution into a fact, not blame
    "my fault", "my mistake", "on me", "on us", "i should have", "we should have", "i should've",
    "we should've", "i miss", "we miss", "i own", "blameless", "nobody's fault", "no one's fault",
    "i could have", "our fault",
)
# Clichés: filler unless the sentence carries concrete detail, or flagged when two pile up.
CORPORATE_PHRASES = (
    "synergy", "leverage", "best practice", "move the needle", "circle back", "low-hanging fruit",
    "low hanging fruit", "at the end of the day", "value add", "add value", "paradigm shift",
    "think outside the box", "hit the ground running", "passionate about", "team player", "wear many hat",
    "wear a lot of hat", "win-win", "deep dive", "bandwidth", "world-class", "world class", "drive alignment",
    "north star", "touch base", "game changer", "game-changer", "best-in-class", "best in class",
    "results-driven", "result driven", "self-starter", "self starter", "go-getter", "detail-oriented",
    "fast-paced environment", "fast paced environment", "thrive in", "110 percent", "holistic",
    "growth mindset", "bias for action", "customer obsession", "secret sauce", "rock star", "rockstar",
    "boil the ocean", "cutting-edge", "cutting edge", "bleeding edge", "next level", "people person",
    "empower", "drive value", "deliver value", "key stakeholder", "take it offline", "level set",
)
ABSTRACT_NOUNS = frozenset({  # not concrete detail after a cliché
    "alignment", "approach", "business", "challenge", "company", "culture", "customer", "day", "end",
    "environment", "everything", "excellence", "goal", "growth", "impact", "innovation", "job", "journey",
    "level", "mindset", "mission", "opportunity", "org", "organization", "outcome", "passion", "people",
    "practice", "problem", "process", "quality", "reliability", "result", "role", "solution", "space",
    "stakeholder", "stuff", "success", "team", "technology", "thing", "value", "vision", "way", "work", "world",
})
# Definitions: "X is a …", "X means …", "X stands for …", "X refers to …".
DEFINING_VERBS = frozenset({"mean", "refer", "stand"})
NOT_DEFINED = frozenset({  # "the tradeoff is …", "my plan is …": answers, not definitions
    "answer", "approach", "benefit", "catch", "choice", "cost", "default", "difference", "downside", "fix",
    "goal", "idea", "issue", "key", "option", "plan", "point", "priority", "problem", "question", "reason",
    "recommendation", "result", "risk", "rule", "step", "thing", "tradeoff", "trade-off",
})
NOT_DEFINITIONS = frozenset({  # "Kubernetes is a pain", "that is a good fit", "bills are kind of a mystery"
    "bit", "choice", "fit", "idea", "kind", "lot", "mess", "must", "nightmare", "option", "pain", "priority",
    "risk", "sort", "win",
})
DEFINITION_PHRASES = (  # for degraded mode, without a parser
    "stand for", "be define as", "refer to", "be basically a", "be a tool", "be a platform", "be a way to",
    "be an open source", "be an open-source", "be a system that", "let me explain what", "be when you",
)
WHAT_IS_QUESTION = r"^\W*(what\s+(is|are|'s|does)\b|define\b|explain\s+what\b|how\s+does\b|how\s+do\b.*\bwork\b)|difference between"
STORY_QUESTION = (
    r"\b(tell me about|describe a|walk me through|give me an example|an example of|a time|a situation"
    r"|how did you|what did you|have you ever)\b"
)
REFLECTIVE_VERBS = frozenset({"learn", "realize", "understand"})  # a lesson, not an action
# Off the question: words too common to tie a sentence to it.
TOPIC_STOPWORDS = frozenset({
    "answer", "describe", "example", "explain", "give", "go", "happen", "have", "how", "keep", "kind", "let",
    "like", "lot", "make", "need", "really", "say", "tell", "thing", "think", "time", "walk", "want", "way",
    "what", "would",
})
# fmt: on
