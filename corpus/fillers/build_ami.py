"""Sample AMI utterances with a candidate filler word (see README.md in this folder).

Reads the AMI manual annotations (words + segments, CC BY 4.0) from a bare git mirror
with `git show` (nothing in the mirror is executed). Without labels.json it writes
candidates.jsonl (the sampled utterances, unlabelled, for labelling by hand); with it,
ami_contextual.jsonl (every sampled utterance must have a label).

    python corpus/fillers/build_ami.py /work/.mirror/Hasetomo2142+ami-corpus-preprocessing/repo
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

REPO = "Hasetomo2142/ami-corpus-preprocessing"
ROOT = "ami_public_manual_1.6.2"
NITE = "{http://nite.sourceforge.net/}id"
HERE = Path(__file__).parent
CANDIDATES = HERE / "candidates.jsonl"
LABELS = HERE / "labels.json"  # id -> fillers, written by hand from candidates.jsonl
OUT = HERE / "ami_contextual.jsonl"

OPENERS = {"um", "uh", "mm", "hmm", "okay", "yeah", "well", "oh", "and", "right", "but", "um-hum"}
# sampled in this order, rarest first; QUOTA utterances per kind
KINDS = [
    "literally",
    "basically",
    "i mean",
    "sort of",
    "kind of",
    "actually",
    "you know",
    "right",
    "so",
    "like",
]
QUOTA = {k: 34 for k in KINDS} | {"literally": 8, "basically": 26}
PER_MEETING = 3
PER_SPEAKER = 2
MIN_WORDS, MAX_WORDS = 5, 40


def git(mirror: str, *args: str) -> str:
    return subprocess.run(["git", "--git-dir", mirror, *args], check=True, capture_output=True).stdout.decode(
        "latin-1"
    )


def h(text: str) -> int:
    return int(hashlib.sha1(text.encode()).hexdigest()[:12], 16)


def split_of(meeting: str) -> str:
    """By the hash of the meeting id. The salt "/split1" was picked, before any labelling or
    measuring, as the first of /split, /split1, ... that gives about half each."""
    return "dev" if h(meeting + "/split1") % 2 == 0 else "test"


def kinds_in(words: list[str]) -> list[str]:
    found = []
    text = " " + " ".join(words) + " "
    for kind in KINDS:
        if kind == "so":
            first = next((w for w in words if w not in OPENERS), None)
            if first == "so":
                found.append(kind)
        elif f" {kind} " in text:
            found.append(kind)
    return found


def utterances(mirror: str) -> list[dict[str, object]]:
    files = git(mirror, "ls-tree", "-r", "--name-only", "HEAD", f"{ROOT}/segments").split()
    out = []
    for seg_path in files:
        name = seg_path.rsplit("/", 1)[1]
        meeting, speaker = name.split(".")[:2]
        words_path = f"{ROOT}/words/{meeting}.{speaker}.words.xml"
        try:
            words_xml = git(mirror, "show", f"HEAD:{words_path}")
        except subprocess.CalledProcessError:
            continue
        elements = list(ET.fromstring(words_xml.encode("latin-1")))
        index = {e.get(NITE): i for i, e in enumerate(elements)}
        segs = ET.fromstring(git(mirror, "show", f"HEAD:{seg_path}").encode("latin-1"))
        for seg in segs:
            for child in seg:
                href = child.get("href", "")
                ids = re.findall(r"id\(([^)]+)\)", href)
                if not ids or ids[0] not in index:
                    continue
                lo, hi = index[ids[0]], index[ids[-1]]
                span = [e for e in elements[lo : hi + 1] if e.tag == "w"]
                spoken = [(e.text or "").lower() for e in span if e.get("punc") != "true"]
                if not MIN_WORDS <= len(spoken) <= MAX_WORDS:
                    continue
                punctuated = " ".join(e.text or "" for e in span)
                punctuated = re.sub(r" ([.,?!:;])", r"\1", punctuated)
                out.append(
                    {
                        "id": ids[0],
                        "text": " ".join(spoken),
                        "text_punctuated": punctuated,
                        "meeting": meeting,
                        "speaker": speaker,
                        "source": f"{REPO}@{{commit}}:{words_path}",
                        "kinds": kinds_in(spoken),
                    }
                )
    return out


def main() -> None:
    mirror = sys.argv[1]
    commit = git(mirror, "rev-parse", "HEAD").strip()
    pool = [u for u in utterances(mirror) if u["kinds"]]
    pool.sort(key=lambda u: h(str(u["id"])))
    taken: list[dict[str, object]] = []
    seen: set[object] = set()
    per_meeting: Counter[object] = Counter()
    per_speaker: Counter[tuple[object, object]] = Counter()
    for kind in KINDS:
        got = 0
        for u in pool:
            if got >= QUOTA[kind]:
                break
            if kind not in u["kinds"] or u["id"] in seen:  # type: ignore[operator]
                continue
            if (
                per_meeting[u["meeting"]] >= PER_MEETING
                or per_speaker[(u["meeting"], u["speaker"])] >= PER_SPEAKER
            ):
                continue
            seen.add(u["id"])
            per_meeting[u["meeting"]] += 1
            per_speaker[(u["meeting"], u["speaker"])] += 1
            u["sampled_for"] = kind
            u["source"] = str(u["source"]).format(commit=commit)
            u["split"] = split_of(str(u["meeting"]))
            taken.append(u)
            got += 1
    taken.sort(key=lambda u: (str(u["meeting"]), str(u["speaker"]), h(str(u["id"]))))
    if not LABELS.exists():
        with CANDIDATES.open("w") as f:
            for u in taken:
                f.write(json.dumps(u) + "\n")
    else:
        labels = json.loads(LABELS.read_text())
        with OUT.open("w") as f:
            for u in taken:
                row = {
                    "id": u["id"],
                    "text": u["text"],
                    "fillers": labels[str(u["id"])],
                    "meeting": u["meeting"],
                    "speaker": u["speaker"],
                    "source": u["source"],
                    "licence": "CC-BY-4.0",
                    "split": u["split"],
                    "sampled_for": u["sampled_for"],
                    "text_punctuated": u["text_punctuated"],
                }
                f.write(json.dumps(row) + "\n")
    print(len(pool), "candidate utterances;", len(taken), "sampled;", Counter(str(u["split"]) for u in taken))
    print(Counter(str(u["sampled_for"]) for u in taken), len(per_meeting), "meetings")


if __name__ == "__main__":
    main()
