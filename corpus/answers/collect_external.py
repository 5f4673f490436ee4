#!/usr/bin/env python3
"""Gather again the answers whose licence keeps their text out of git.

Writes corpus/answers/external/answers.jsonl (git-ignored). Each answer in answers.jsonl with
"answer": null names its source, the first and last words of the passage, and the sha-256 of
its words (coach.evaluation.real_answers.words_sha256), which every gathered text must match.

- GitHub sources ("github:owner/repo@commit:path"): read from a bare clone of the repository
  with `git show commit:path`; the passage is cut from the first to the last recorded words
  after markdown markup is taken out.
      python corpus/answers/collect_external.py --mirror DIR
  DIR holds bare clones as DIR/owner+name (or DIR/owner+name/repo, DIR/owner/name.git).
- Web pages (an https:// source): save each page's text as PAGES/<answer id>.txt (the page
  copied as text from a browser is enough); the passage is cut out the same way.
      python corpus/answers/collect_external.py --pages PAGES

Nothing from a fetched repository is executed; only blobs are read. An answer whose words
do not match its fingerprint is reported and left out.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from coach.evaluation.real_answers import words_of, words_sha256  # noqa: E402

MARKUP = re.compile(r"(\*\*|__|`|^\s*[-*+>]\s+|^\s*#+\s*|<[^>]+>)", re.MULTILINE)


def _git_dir(mirror: Path, repo: str) -> Path | None:
    owner, name = repo.split("/", 1)
    for candidate in (
        mirror / f"{owner}+{name}" / "repo",
        mirror / f"{owner}+{name}",
        mirror / owner / f"{name}.git",
        mirror / f"{name}.git",
    ):
        if (candidate / "HEAD").exists() or (candidate / "objects").is_dir():
            return candidate
    return None


def cut(text: str, first: str, last: str) -> str | None:
    """The passage from the first recorded words to the last, as plain text."""
    plain = MARKUP.sub("", text)
    words = re.findall(r"\S+", plain)
    spans = [m.span() for m in re.finditer(r"\S+", plain)]
    want_first, want_last = words_of(first), words_of(last)
    for i in range(len(words)):
        if words_of(" ".join(words[i : i + len(first.split())])) != want_first:
            continue
        for j in range(i, len(words)):
            if words_of(" ".join(words[max(i, j - len(last.split()) + 1) : j + 1])) == want_last:
                return " ".join(plain[spans[i][0] : spans[j][1]].split())
    return None


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mirror", type=Path, help="folder of bare git clones")
    parser.add_argument("--pages", type=Path, help="folder of saved page texts, <answer id>.txt")
    args = parser.parse_args()
    rows = [json.loads(line) for line in (HERE / "answers.jsonl").read_text().splitlines() if line.strip()]
    out_path = HERE / "external" / "answers.jsonl"
    have = {}
    if out_path.exists():
        have = {json.loads(x)["id"]: json.loads(x) for x in out_path.read_text().splitlines() if x.strip()}
    missing = 0
    for row in rows:
        if row["answer"] is not None or row["id"] in have:
            continue
        source, text = row["source"], None
        if source.startswith("github:") and args.mirror:
            repo, rest = source[len("github:") :].split("@", 1)
            commit, path = rest.split(":", 1)
            git_dir = _git_dir(args.mirror, repo)
            if git_dir is not None:
                blob = subprocess.run(
                    ["git", "--git-dir", str(git_dir), "show", f"{commit}:{path}"],
                    capture_output=True,
                    text=True,
                )
                if blob.returncode == 0:
                    text = cut(blob.stdout, row["first_words"], row["last_words"])
        elif args.pages and (args.pages / f"{row['id']}.txt").exists():
            text = cut((args.pages / f"{row['id']}.txt").read_text(), row["first_words"], row["last_words"])
        if text is None or words_sha256(text) != row["words_sha256"]:
            missing += 1
            continue
        have[row["id"]] = {"id": row["id"], "answer": text}
    out_path.parent.mkdir(exist_ok=True)
    out_path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in have.values()))
    print(f"{len(have)} external answers gathered; {missing} still missing")
    return 0


if __name__ == "__main__":
    sys.exit(main())
