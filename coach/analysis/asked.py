"""What a follow-up asked for, and whether its answer gave it.

A follow-up probe ("What exactly was your role?", "What would your rollback plan be?")
asks for one or two things. Its answer is judged on those, not on the whole STAR or
structure checklist that the first answer was held to. The parts a probe can ask for:

- ``role``: the speaker's own role or responsibility ("I was the incident commander");
- ``action``: what the speaker did, told in the first person;
- ``result``: what changed; ``measure``: the result as a number;
- ``reflection``: a lesson, or what the speaker would do differently;
- ``story``: a whole example, judged on every STAR part;
- ``rollback``, ``monitoring``: the operational topics of coach.analysis.coverage;
- ``tradeoff``: a downside or cost weighed against the benefit.

A probe that asks none of these (how a technology behaves, how you would decide
something) is judged on delivery alone: timing against the follow-up window, fillers and
pace.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coach.analysis.document import Document
from coach.analysis.star import Star
from coach.analysis.structure import Structure

PARTS = ("story", "role", "action", "result", "measure", "reflection", "rollback", "monitoring", "tradeoff")
STAR_PARTS_ASKED = frozenset({"story", "role", "action", "result", "measure", "reflection"})

# What a follow-up's words ask for, checked in order; each pattern is matched against the
# lower-cased probe text. The cues come from the probes coach asks (coach.probes) and the
# follow-ups in the question bank.
_ASKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("story", re.compile(r"\b(tell me about a time|give me an example|describe a time|walk me through a time|have you ever)\b")),
    ("role", re.compile(r"\b(your (own )?(role|part|responsibilit\w*)|what were you responsible|who owned)\b")),
    ("action", re.compile(r"\b(what did you (personally )?do|step by step|you personally|what did you (change|build|decide))\b")),
    ("measure", re.compile(r"\b(in numbers|how much|how many|measur\w*|quantif\w*|what did it (cost|save))\b")),
    ("result", re.compile(r"\b(outcome|result|impact|what happened (afterward|afterwards|next)|how did (it|that) (end|turn out|hold up))\b")),
    ("reflection", re.compile(r"\b(differently|learn\w*|lesson\w*|next time|in hindsight|look back)\b")),
    ("rollback", re.compile(r"\b(roll ?back|revert|undo)\b")),
    ("monitoring", re.compile(r"\b(know (it|that) is working|monitor\w*|alert\w*|observ\w*|notice)\b")),
    ("tradeoff", re.compile(r"\b(downside|trade-?offs?|why accept|what does it cost|the cost of|drawbacks?)\b")),
)  # fmt: skip
# "I was the on-call engineer", "as the incident lead", "my role was", "I owned the …"
_ROLE = re.compile(
    r"\b(i was (the|a|an|one of the|in charge)|i'm (the|a|an)|i am (the|a|an)|as (the|a|an) \w+|"
    r"my (role|job|responsibilit\w*|part)|i (owned|led|ran|coordinated|was responsible))\b"
)
_NUMBER = re.compile(
    r"\d|\b(percent|half|double|twice|tenfold|one|two|three|four|five|six|seven|eight|nine|ten)\b"
)


@dataclass(frozen=True)
class AskedCheck:
    """A follow-up's answer judged on what the follow-up asked.

    asks: the parts asked for (PARTS), in PARTS order; empty means delivery only.
    answered: those the answer gave; missing: those it did not.
    """

    asks: tuple[str, ...]
    answered: tuple[str, ...]
    missing: tuple[str, ...]


def asked_parts(text: str) -> tuple[str, ...]:
    """The PARTS a follow-up's words ask for, in PARTS order (empty: delivery only)."""
    lowered = text.lower()
    found = {part for part, pattern in _ASKS if pattern.search(lowered)}
    if "measure" in found:
        found.add("result")
    return tuple(p for p in PARTS if p in found)


def check_asked(
    asks: tuple[str, ...],
    document: Document,
    star: Star | None,
    structure: Structure | None,
    topics: frozenset[str],
) -> AskedCheck:
    """Which of `asks` the answer gave. `star` is needed when a STAR part is asked,
    `structure` when a tradeoff is."""
    text = document.transcript.text.lower()
    given: dict[str, bool] = {}
    for part in asks:
        if part == "story":
            given[part] = star is not None and all(
                x is not None for x in (star.situation, star.action, star.result)
            )
        elif part == "role":
            given[part] = (star is not None and (star.task is not None or star.i_actions > 0)) or bool(
                _ROLE.search(text)
            )
        elif part == "action":
            given[part] = star is not None and star.action is not None and star.i_actions > 0
        elif part == "result":
            given[part] = star is not None and star.result is not None
        elif part == "measure":
            given[part] = (star is not None and star.result_measurable) or bool(_NUMBER.search(text))
        elif part == "reflection":
            given[part] = star is not None and star.reflection is not None
        elif part == "tradeoff":
            given[part] = structure is not None and structure.tradeoffs is not None
        else:
            given[part] = part in topics
    return AskedCheck(
        asks=asks,
        answered=tuple(p for p in asks if given[p]),
        missing=tuple(p for p in asks if not given[p]),
    )
