"""Lines of a resume to a Resume: sections, roles and projects, and in each bullet the
action, its object, the tools and the numbers, read with spaCy.

Resumes are written in fragments ("Migrated 40 services to EKS, cutting deploys from 45
to 12 minutes"): the subject is the candidate, left out. The parser is used for what it
is good at on such fragments (the leading verb, its object, number entities); the tool
names come from a table, so "k8s" and "Kubernetes" are one skill.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from coach.resume.model import Bullet, Project, ProjectKind, Resume
from coach.resume.read import Line, section_of
from coach.resume.tools import TOOLS, canonical, mentions, tools_in

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_YEAR4 = r"(?:19[89]\d|20[0-4]\d)"
_NOW = r"present|current(?:ly)?|now|today|(?:till|until|up\s*to)\s+(?:date|now|present)"
_POINT = (
    rf"{_MONTH}\s*['’‘`]\s?\d{{2}}(?!\d)"  # "Sept'17", "Sep ’17"
    rf"|{_YEAR4}-(?:0[1-9]|1[0-2])(?![\d])"  # "2017-09"
    rf"|(?:{_MONTH},?\s+)?{_YEAR4}|(?:0?[1-9]|1[0-2])/{_YEAR4}|{_NOW}"
)
_END = rf"{_POINT}|date"  # "June 2019 to date"
DATE_RANGE = re.compile(rf"\(?\b(?:{_POINT})(?:\s*(?:-|–|—|to|until|till)\s*(?:{_END}))?\)?", re.IGNORECASE)
_DATE_POINT = re.compile(rf"\b(?:{_END})", re.IGNORECASE)
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
SEPARATORS = re.compile(r"\s*(?:\||—|–|·|•|,|;|\s-\s|\s@\s|\bat\b)\s*")
TITLE_WORDS = re.compile(
    r"\b(engineer|developer|sre|devops|architect|manager|lead|head|director|administrator|admin|"
    r"consultant|specialist|analyst|scientist|intern|programmer|technician|operator|officer|cto|vp|"
    r"founder|co-founder|owner|sysadmin|reliability|platform|tech lead|principal|staff)\b",
    re.IGNORECASE,
)
LOCATION = re.compile(r"^(remote|hybrid|on-?site|[A-Z]{2}|usa|uk|us|[a-z .]+,\s*[A-Z]{2})$", re.IGNORECASE)
NUMBER = re.compile(
    r"(?<![\w.$€£/])(?:[$€£]\s?)?\d+(?:[.,]\d+)*\+?"
    r"(?:\s?(?:%|percent|x|×|k|m|bn|b|ms|s|sec|seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|"
    r"tb|gb|pb|mb|rps|qps|nines|thousand|million|billion)\b|%)?"
    r"(?:/(?:month|mo|year|yr|week|wk|day|hour|hr|h|min|sec|s)\b)?(?![\w/])"  # "$40k/month"
    r"|\b(?:zero|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundred|thousand|dozens?|hundreds|thousands|millions)\b",
    re.IGNORECASE,
)
YEAR = re.compile(r"^(19[89]\d|20[0-4]\d)$")
WE_WORDS = re.compile(r"\b(we|our|us|ours)\b|\b(the|our|a) team\b|\bpart of\b|\bmember of\b", re.IGNORECASE)
I_WORDS = re.compile(r"\b(i|my|me|myself|mine)\b", re.IGNORECASE)
WEAK_VERBS = frozenset({"help", "assist", "contribute", "participate", "support", "work", "be", "involve"})
MAX_HEADER_WORDS = 14
# Past forms the small model's lemmatizer misses in resume fragments.
IRREGULAR_PAST = {
    "built": "build", "rebuilt": "rebuild", "wrote": "write", "rewrote": "rewrite", "led": "lead",
    "ran": "run", "drove": "drive", "made": "make", "took": "take", "brought": "bring", "grew": "grow",
    "began": "begin", "taught": "teach", "oversaw": "oversee", "sped": "speed", "spun": "spin",
    "won": "win", "kept": "keep", "held": "hold", "found": "find", "chose": "choose", "stood": "stand",
    "gave": "give", "got": "get", "cut": "cut", "set": "set", "put": "put", "shipped": "ship",
}  # fmt: skip


@dataclass
class _Entry:
    header: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    kind: ProjectKind = "role"
    labels: dict[str, str] = field(default_factory=dict)  # "Role : DevOps Engineer" -> role


def extract(lines: list[Line], nlp: Language, *, target_role: str | None = None, source: str = "") -> Resume:
    """Build the Resume from the lines read from a file."""
    section: str | None = None
    entries: list[_Entry] = []
    skill_lines: list[str] = []
    summary: list[str] = []
    headline: list[str] = []
    for line in lines:
        opened = _heading_section(line, section)
        if opened is not None:
            section = opened
            continue
        if section is not None and _is_personal(line.text):
            continue  # "Declaration", "Place: …", "I hereby declare …", "References on request"
        if section in ("experience", "projects"):
            if _is_subheading(line.text):
                continue  # "Roles and Responsibilities:" inside an entry
            labelled = _label_value(line)
            if labelled is not None and labelled[0] == "tools":
                skill_lines.append(labelled[1])  # "Environment: AWS, Terraform"
            elif labelled is not None:
                _add_label(entries, *labelled, "role" if section == "experience" else "project")
            elif labelled is None:
                _add_to_entries(entries, line, "role" if section == "experience" else "project")
        elif section == "skills":
            skill_lines.append(line.text)
        elif section == "summary":
            summary.append(line.text)
        elif section is None:
            headline.append(line.text)
    skills = _skill_tools(skill_lines)
    # a name the Skills section lists is a tool in the bullets too, table or not
    extra = [name for name in skills if canonical(name) is None]
    projects = [
        _project(entry, nlp, extra) for entry in entries if entry.header or entry.bullets or entry.labels
    ]
    projects = [p for p in projects if p.bullets or p.kind == "role"]
    roles = tuple(p.title for p in projects if p.kind == "role" and TITLE_WORDS.search(p.title))
    if not roles:  # a resume without dated roles often states the title under the name
        roles = tuple(h for h in headline[1:3] if TITLE_WORDS.search(h) and len(h.split()) <= 6)[:1]
    named = [t for p in projects for b in p.bullets for t in b.tools]
    named += _tools_in(" ".join(summary))
    named += skills
    return Resume(
        target_role=target_role,
        roles=roles,
        tools=tuple(dict.fromkeys(named)),
        projects=tuple(projects),
        source=source,
        imported_at=datetime.now(UTC).isoformat(timespec="seconds"),
        summary=" ".join(summary),
    )


# --- headings, label-value lines and personal lines, recognised by shape as well as words ---

_SECTION_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (section, re.compile(pattern, re.IGNORECASE))
    for section, pattern in (
        ("experience", r"\b(experience|employment|work history|career history|work details|employer)\b"),
        ("summary", r"\b(objective|summary|profile|about me)\b"),
        ("projects", r"\bprojects?\b"),
        ("skills", r"\b(skills?|technolog(y|ies)|tools|tech stack|competenc(y|ies)|expertise|proficienc(y|ies))\b"),
        ("education", r"\b(education|academic|qualifications?|certifications?|certificates|training|"
                      r"courses|awards|publications|languages)\b"),
        ("other", r"\b(personal|declaration|references?|hobbies|interests|strengths|contact|"
                  r"extra[- ]?curricular|activities)\b"),
    )
)  # fmt: skip
# the words a heading without a colon is made of, so a company named "… Technologies" is none
_HEADING_VOCAB = frozenset(
    [
        "experience",
        "experiences",
        "professional",
        "work",
        "working",
        "history",
        "employment",
        "employer",
        "details",
        "career",
        "relevant",
        "overall",
        "total",
        "industry",
        "industrial",
        "internship",
        "internships",
        "project",
        "projects",
        "key",
        "major",
        "selected",
        "notable",
        "side",
        "personal",
        "open",
        "source",
        "academic",
        "skill",
        "skills",
        "set",
        "technical",
        "it",
        "core",
        "software",
        "tools",
        "technologies",
        "technology",
        "tech",
        "stack",
        "competencies",
        "competency",
        "expertise",
        "proficiency",
        "areas",
        "area",
        "of",
        "and",
        "in",
        "the",
        "summary",
        "profile",
        "objective",
        "about",
        "me",
        "education",
        "educational",
        "qualification",
        "qualifications",
        "certification",
        "certifications",
        "certificates",
        "training",
        "trainings",
        "courses",
        "awards",
        "achievements",
        "publications",
        "languages",
        "information",
        "info",
        "declaration",
        "references",
        "reference",
        "hobbies",
        "interests",
        "strengths",
        "contact",
        "extra",
        "curricular",
        "activities",
        "additional",
        "other",
        "domain",
        "knowledge",
    ]
)
_SMALL_WORDS = frozenset({"and", "of", "&", "in", "the", "for", "to", "with", "on", "/"})
_SUBHEADING = re.compile(
    r"^(?:key\s+)?(?:(?:roles?\s*(?:and|&|/)?\s*)?responsibilit(?:y|ies)(?:\s+(?:handled|held))?|roles?|"
    r"achievements|accomplishments|contributions|deliverables|duties|highlights|"
    r"(?:project\s+)?(?:description|details|summary|overview))$",
    re.IGNORECASE,
)
_LABELS = {
    "project": "project", "project name": "project", "project title": "project",
    "client": "client", "customer": "client",
    "role": "role", "designation": "role", "title": "role", "position": "role", "job title": "role",
    "company": "company", "organization": "company", "organisation": "company", "employer": "company",
    "duration": "dates", "period": "dates", "dates": "dates", "tenure": "dates",
    "environment": "tools", "technologies": "tools", "technology": "tools", "tools": "tools",
    "tech stack": "tools", "tools used": "tools", "technologies used": "tools",
    "team size": "skip", "location": "skip",
}  # fmt: skip
_LABEL_VALUE = re.compile(r"^\s*([A-Za-z][A-Za-z ]{0,24}?)\s*[:：]\s*(\S.*)$")
_PERSONAL = re.compile(
    r"^\s*(?:declaration|place|date|signature|date of birth|dob|father'?s name|mother'?s name|"
    r"marital status|nationality|passport(?: no\.?| number)?|gender|languages known)\s*[:：]?(?:\s|$)"
    r"|\bhereby\s+(?:declare|certify|confirm)\b|^\s*I\s+(?:solemnly\s+)?(?:declare|certify)\b"
    r"|\breferences?\b.*\b(?:available|upon|on)\s+request\b",
    re.IGNORECASE,
)


def _title_case(text: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w'&-]*", text) if w.lower() not in _SMALL_WORDS]
    return bool(words) and all(w[0].isupper() for w in words)


def _heading_section(line: Line, current: str | None) -> str | None:
    """The section a line opens: a heading the reader knows by its words, or one of the
    shape of a heading (a short line in capitals or Title Case, or ending in a colon)
    whose words name a section ("Working Experience:", "IT Skills", "EMPLOYMENT DETAILS")."""
    text = line.text.strip()
    if len(text.split()) <= 5:
        known = section_of(text)
        if known is not None:
            return known
    bare = text.rstrip(":：").strip()
    if not bare or len(bare.split()) > 5 or re.search(r"\d|[|,@–—:•]", bare) or line.kind == "bullet":
        return None
    colon = text.endswith((":", "："))
    if not (line.kind == "heading" or colon or bare.isupper() or _title_case(bare)):
        return None
    if not (line.kind == "heading" or colon or bare.isupper()) and TITLE_WORDS.search(bare):
        return None  # "Platform Engineer": a job title in Title Case, not a heading
    if current in ("experience", "projects") and _is_subheading(bare):
        return None
    if not (line.kind == "heading" or colon) and not all(
        w.lower() in _HEADING_VOCAB for w in re.findall(r"[A-Za-z]+", bare)
    ):
        return None  # "Example Technologies", "ACME TOOLS": a company, not a heading
    for section, pattern in _SECTION_WORDS:
        if pattern.search(bare):
            return section
    return None


def _is_subheading(text: str) -> bool:
    return bool(_SUBHEADING.match(text.strip().rstrip(":：").strip()))


def _is_personal(text: str) -> bool:
    return bool(_PERSONAL.search(text))


def _label_value(line: Line) -> tuple[str, str] | None:
    """("role", "DevOps Engineer") from "Role : DevOps Engineer"; None for other lines."""
    match = _LABEL_VALUE.match(line.text)
    if match is None:
        return None
    key = _LABELS.get(re.sub(r"\s+", " ", match.group(1).strip().lower()))
    if key is None or (line.kind == "bullet" and key != "tools"):
        return None
    value = match.group(2).strip(" .;")
    return (key, value) if value else None


def _add_label(entries: list[_Entry], key: str, value: str, kind: ProjectKind) -> None:
    if key == "skip":
        return
    last = entries[-1] if entries else None
    if last is None or last.bullets or key in last.labels:
        last = _Entry(kind=kind)
        entries.append(last)
    last.labels[key] = value


def _date_point(text: str) -> str:
    """One end of a range as a reader writes it: "Sept'17" -> "Sept 2017", "09/2017" and
    "2017-09" -> "Sep 2017", "Till date" -> "present"."""
    text = text.strip()
    if re.fullmatch(_NOW + r"|date", text, re.IGNORECASE):
        return "present"
    short = re.fullmatch(rf"({_MONTH})\s*['’‘`]\s?(\d{{2}})", text, re.IGNORECASE)
    if short:
        yy = int(short.group(2))
        return f"{short.group(1).rstrip('.').capitalize()} {2000 + yy if yy < 50 else 1900 + yy}"
    numeric = re.fullmatch(r"(\d{1,2})/(\d{4})|(\d{4})-(\d{2})", text)
    if numeric:
        month, year = (numeric.group(1), numeric.group(2)) if numeric.group(1) else numeric.group(4, 3)
        return f"{_MONTH_NAMES[int(month) - 1]} {year}"
    named = re.fullmatch(rf"({_MONTH}),?\s+(\d{{4}})", text, re.IGNORECASE)
    if named:
        return f"{named.group(1).rstrip('.').capitalize()} {named.group(2)}"
    return text


def _date_range(text: str) -> str:
    points = [_date_point(m.group(0)) for m in _DATE_POINT.finditer(text.strip("() "))]
    return " – ".join(points) if points else text.strip("() ")


def _dates_in(text: str) -> str | None:
    found = [_date_range(m.group(0)) for m in DATE_RANGE.finditer(text)]
    return ", ".join(found) or None


def _is_header(line: Line) -> bool:
    if line.kind == "heading":
        return True
    if line.kind == "bullet":
        return False
    words = len(line.text.split())
    return words <= MAX_HEADER_WORDS or bool(DATE_RANGE.search(line.text) and words <= 20)


def _add_to_entries(entries: list[_Entry], line: Line, kind: ProjectKind) -> None:
    if _is_header(line):
        if not entries or entries[-1].bullets:
            entries.append(_Entry(kind=kind))
        entries[-1].header.append(line.text)
    else:
        if not entries:
            entries.append(_Entry(kind=kind))
        entries[-1].bullets.append(line.text)


def _split_header(header: list[str]) -> tuple[list[str], str | None]:
    text = " | ".join(header)
    dates = [_date_range(m.group(0)) for m in DATE_RANGE.finditer(text)]
    text = DATE_RANGE.sub(" | ", text).replace("(", " | ").replace(")", " ")
    parts = [p.strip(" ()[]") for p in SEPARATORS.split(text)]
    return [p for p in parts if p and not LOCATION.match(p)], (", ".join(dates) or None)


def _project(entry: _Entry, nlp: Language, extra_tools: list[str]) -> Project:
    parts, dates = _split_header(entry.header)
    title, organization = _title_and_organization(parts, entry.kind, nlp)
    if entry.labels:
        title, organization, dates = _labelled(entry, title if parts else None, organization, dates)
    bullets = tuple(analyze_bullet(text, nlp, extra_tools) for text in entry.bullets)
    return Project(title=title, organization=organization, dates=dates, kind=entry.kind, bullets=bullets)


def _labelled(
    entry: _Entry, title: str | None, organization: str | None, dates: str | None
) -> tuple[str, str | None, str | None]:
    """Title, organization and dates from "Label : value" lines, over what the other
    header lines gave: a role's title is its Role (or Designation), a project's its name;
    the organization is the Company or Client, else the project a role was held on."""
    labels = entry.labels
    owner = labels.get("company") or labels.get("client")
    project = labels.get("project")
    if entry.kind == "project":
        title = project or title or labels.get("role")
        organization = owner or organization
    else:
        title = labels.get("role") or title or project
        if owner and project and title != project:
            organization = f"{owner} ({project})"
        else:
            organization = owner or (project if title != project else None) or organization
    if "dates" in labels:
        dates = _dates_in(labels["dates"]) or labels["dates"]
    fallback = "Untitled role" if entry.kind == "role" else "Untitled project"
    return title or fallback, organization, dates


def _title_and_organization(parts: list[str], kind: ProjectKind, nlp: Language) -> tuple[str, str | None]:
    if not parts:
        return ("Untitled role" if kind == "role" else "Untitled project"), None
    if kind == "project":
        return parts[0], (parts[1] if len(parts) > 1 and not _tools_in(parts[1]) else None)
    titled = [p for p in parts if TITLE_WORDS.search(p)]
    title = titled[0] if titled else parts[0]
    others = [p for p in parts if p != title]
    if len(others) > 1:  # prefer what spaCy calls an organization
        orgs = [p for p in others if any(e.label_ == "ORG" for e in nlp(p).ents)]
        others = orgs + [p for p in others if p not in orgs]
    return title, (others[0] if others else None)


# --- bullets ---


def analyze_bullet(text: str, nlp: Language, extra_tools: list[str] | None = None) -> Bullet:
    verb = _leading_verb(text, nlp)
    tools = _tools_in(text, extra_tools or [])
    return Bullet(
        text=text,
        action=IRREGULAR_PAST.get(verb.lower_, verb.lemma_.lower()) if verb is not None else None,
        object=_object_of(verb) if verb is not None else None,
        tools=tuple(tools),
        numbers=tuple(_numbers(text, tools)),
        we_only=_we_only(text, verb),
    )


_NOT_A_VERB_START = frozenset({"we", "our", "i", "my", "the", "a", "an", "part", "member", "on", "in", "as"})


def _leading_verb(text: str, nlp: Language) -> Token | None:
    """The verb a resume fragment starts with ("Migrated 40 services ..."). The fragment
    leaves out its subject, which confuses the tagger ("Wrote" becomes a proper noun), so
    it is parsed as the full sentence it stands for: "I wrote ..."."""
    doc = nlp(text)
    if _own_subject(doc):
        return None
    first = text.split(maxsplit=1)[0].lower().strip(",.:;") if text.split() else ""
    if first and first not in _NOT_A_VERB_START and first.isalpha():
        as_sentence = nlp(f"I {first}{text[len(first) :]}")
        candidate = as_sentence[1]
        if candidate.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "nsubj" and c.i == 0 for c in candidate.children
        ):
            return candidate
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is not None and root.pos_ == "VERB":
        return root
    return None


def _own_subject(doc: Doc) -> bool:
    """A line that is a whole sentence about something other than the candidate or their
    team, its subject first ("Deploys went from 45 to 12 minutes", "Kafka consumer lag
    dropped …"): no action of the candidate's leads it."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in ("VERB", "AUX") or root.i == 0:
        return False
    if doc[0].pos_ in ("VERB", "AUX") or doc[0].tag_.startswith("VB"):
        return False  # "Reduced monthly AWS spend by …" misread as a subject and "spend"
    subject = next(
        (c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.left_edge.i == 0), None
    )
    if subject is None:
        return False
    words = doc[subject.left_edge.i : subject.right_edge.i + 1].text
    return not (WE_WORDS.search(words) or I_WORDS.search(words))


def _object_of(verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ in ("dobj", "obj", "attr", "oprd"):
            span = child.doc[child.left_edge.i : child.i + 1]
            return span.text
    for child in verb.children:  # "Led the migration of ..." parsed with a prepositional object
        if child.dep_ == "prep":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return f"{child.text} {grandchild.doc[grandchild.left_edge.i : grandchild.i + 1].text}"
    return None


def _tools_in(text: str, extra: list[str] | None = None) -> list[str]:
    """Tools named in text (the table's, and extra names), in order of first mention."""
    return tools_in(text, extra or [])


def _numbers(text: str, tools: list[str]) -> list[str]:
    """Figures as written, leaving out years, version numbers ("Kubernetes 1.27") and the
    digits of a name ("Route 53")."""
    inside = [(m.start, m.end) for m in mentions(text)]
    names = [re.escape(t) for t in tools] + ["v", "version", "python", "java", "iso", "rfc", "pci", "soc"]
    version = re.compile(rf"(?:{'|'.join(names)})\s*$", re.IGNORECASE)
    out = []
    for match in NUMBER.finditer(text):
        value = match.group(0).strip()
        if YEAR.match(value) or version.search(text[: match.start()]):
            continue
        if any(a <= match.start() < b for a, b in inside):
            continue
        out.append(value)
    return out


def _we_only(text: str, verb: Token | None) -> bool:
    """The bullet credits a team and never the candidate: "we" without "I", or a weak
    opening ("Helped", "Part of") that leaves the candidate's own part unsaid."""
    if I_WORDS.search(text) or not WE_WORDS.search(text):
        return False
    own_action = verb is not None and verb.doc[0].lower_ == "i" and verb.i == 1
    return not own_action or verb is None or verb.lemma_.lower() in WEAK_VERBS


def _stale(old: Bullet | None, new: Bullet) -> bool:
    """An edited bullet whose text changed while what was read from it did not."""
    if old is None:
        return not (new.tools or new.numbers or new.action)
    same_fields = (old.action, old.object, old.tools, old.numbers, old.we_only) == (
        new.action, new.object, new.tools, new.numbers, new.we_only,
    )  # fmt: skip
    return new.text != old.text and same_fields


def _pairs(before: Resume, edited: Resume) -> list[tuple[Bullet | None, Bullet]]:
    """Each edited bullet with the bullet that stood in its place before."""
    pairs: list[tuple[Bullet | None, Bullet]] = []
    for p, project in enumerate(edited.projects):
        old = before.projects[p].bullets if p < len(before.projects) else ()
        pairs += [(old[b] if b < len(old) else None, bullet) for b, bullet in enumerate(project.bullets)]
    return pairs


def needs_rereading(before: Resume, edited: Resume) -> bool:
    return any(_stale(old, new) for old, new in _pairs(before, edited))


def reread_edited(before: Resume, edited: Resume, nlp: Language) -> Resume:
    """Read again the bullets whose text the user changed (or added) without correcting
    what was read from them; fields the user did correct are kept as they are."""
    from dataclasses import replace

    pairs = iter(_pairs(before, edited))
    projects = []
    for project in edited.projects:
        bullets = []
        for _ in project.bullets:
            old, new = next(pairs)
            bullets.append(analyze_bullet(new.text, nlp) if _stale(old, new) else new)
        projects.append(replace(project, bullets=tuple(bullets)))
    return replace(edited, projects=tuple(projects))


def _skill_tools(lines: list[str]) -> list[str]:
    """Every item of the Skills section: "Cloud: AWS (EKS, Lambda), Terraform" -> AWS, EKS,
    Lambda, Terraform. Names outside the table are kept as written."""
    out: list[str] = []
    for line in lines:
        body = line.split(":", 1)[1] if re.match(r"^[^,:]{1,40}:", line) else line
        for item in re.split(r"[,;|•·/()]+|\s+and\s+", body):
            item = item.strip(" .-*")
            if not item or len(item.split()) > 4 or not re.search(r"[A-Za-z]", item):
                continue
            known = canonical(item) or next(iter(_tools_in(item)), None)
            out.append(known or item)
    return out


__all__ = ["TOOLS", "analyze_bullet", "extract"]
