"""Print the fault matrix that scripts/faults collected from the fault tests."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    rows = [
        json.loads(line) for line in Path(args[0]).read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    widths = (30, 44, 52, 9, 5)
    header = ("case", "what was done", "what coach did", "lost", "test")
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        cells = [row["case"], row["done"], row["coach"], row["lost"], row["status"]]
        wrapped = [textwrap.wrap(c, w) or [""] for c, w in zip(cells, widths, strict=True)]
        for n in range(max(len(c) for c in wrapped)):
            print(
                "  ".join((c[n] if n < len(c) else "").ljust(w) for c, w in zip(wrapped, widths, strict=True))
            )
    failed = sum(r["status"] != "ok" for r in rows)
    print(f"\n{len(rows)} cases, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
