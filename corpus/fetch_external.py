#!/usr/bin/env python3
"""Re-create the git-ignored files under corpus/external/.

Each external file is pulled from a public GitHub repository at a pinned
commit, decoded, converted to 16 kHz mono 16-bit FLAC, cut to the recorded
time range, and checked against corpus/external.sha256 (sha256 of the 16-bit
PCM samples, so it does not depend on the FLAC encoder version).

Usage:
  python corpus/fetch_external.py --mirror DIR   # DIR holds bare clones
  python corpus/fetch_external.py                # clones into a temp dir (needs network)

A bare clone of owner/name is looked for as DIR/owner+name/repo, DIR/owner+name,
DIR/owner/name.git or DIR/name.git.  Needs: git, numpy, soundfile, av (PyAV).
Nothing from the fetched repositories is executed; only blobs are read.
"""

import argparse
import hashlib
import io
import subprocess
import sys
import tempfile
from pathlib import Path

import av
import numpy as np
import soundfile as sf

HERE = Path(__file__).resolve().parent
RATE = 16000

# (output path relative to corpus/, repo, commit, path in repo, cut start s, cut end s or None)
EXTERNAL = [
    (
        "external/talkbank/english-child-speech_0000-0455.flac",
        "TalkBank/talkbank-tools",
        "a238740e9e20739966f5d63f0f712200c41d19eb",
        "corpus/reference/audio/english-child-speech.mp3",
        0.0,
        4.55,
    ),
]


def find_repo(mirror, repo):
    owner, name = repo.split("/")
    for cand in (
        Path(mirror) / f"{owner}+{name}" / "repo",
        Path(mirror) / f"{owner}+{name}",
        Path(mirror) / owner / f"{name}.git",
        Path(mirror) / f"{name}.git",
    ):
        if (cand / "objects").is_dir() or (cand / "HEAD").is_file():
            return cand
    return None


def clone(repo, dest):
    target = Path(dest) / repo.replace("/", "+")
    if not target.exists():
        subprocess.run(
            ["git", "clone", "--bare", "--filter=blob:none", f"https://github.com/{repo}.git", str(target)],
            check=True,
        )
    return target


def git_show(gitdir, commit, path):
    return subprocess.run(
        ["git", "--git-dir", str(gitdir), "show", f"{commit}:{path}"], capture_output=True, check=True
    ).stdout


def decode_16k_mono(data):
    with av.open(io.BytesIO(data)) as c:
        stream = c.streams.audio[0]
        res = av.AudioResampler(format="s16", layout="mono", rate=RATE)
        out = []
        for frame in c.decode(stream):
            out += [f.to_ndarray().reshape(-1) for f in res.resample(frame)]
        out += [f.to_ndarray().reshape(-1) for f in res.resample(None)]
    return np.concatenate(out).astype(np.int16)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mirror", help="directory with bare git clones")
    args = ap.parse_args()
    expected = {}
    for line in (HERE / "external.sha256").read_text().splitlines():
        if line.strip():
            digest, rel = line.split(None, 1)
            expected[rel.strip()] = digest
    tmp = tempfile.mkdtemp(prefix="corpus-ext-")
    bad = 0
    for rel, repo, commit, path, t0, t1 in EXTERNAL:
        gitdir = find_repo(args.mirror, repo) if args.mirror else None
        if gitdir is None:
            gitdir = clone(repo, tmp)
        pcm = decode_16k_mono(git_show(gitdir, commit, path))
        a = round(t0 * RATE)
        b = len(pcm) if t1 is None else round(t1 * RATE)
        pcm = pcm[a:b]
        digest = hashlib.sha256(pcm.tobytes()).hexdigest()
        out = HERE / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        sf.write(out, pcm, RATE, format="FLAC", subtype="PCM_16")
        ok = expected.get(rel) == digest
        bad += not ok
        print(f"{'ok ' if ok else 'BAD'} {rel} {len(pcm) / RATE:.2f}s sha256={digest}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
