"""scripts/eval --resume: resume extraction measured against hand labels.

The labelled samples come in every format a user would import: Markdown and plain text as
written, DOCX built with python-docx and PDF with fpdf2 (a real text layer, with lines
wrapped by the page width), so the measurement covers each reader."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[2] / "tests" / "data" / "resumes"


def labels(folder: Path = DATA, name: str = "labels.json") -> dict[str, Any]:
    data: dict[str, Any] = json.loads((folder / name).read_text(encoding="utf-8"))
    return data


def make_docx(path: Path, spec_name: str = "platform_docx.json") -> Path:
    import docx

    document = docx.Document()
    for style, text in json.loads((DATA / spec_name).read_text(encoding="utf-8")):
        document.add_paragraph(text, style=style)
    document.save(str(path))
    return path


def make_pdf(path: Path, text_name: str = "cloud_pdf.txt", *, password: str | None = None) -> Path:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_margins(18, 18)
    pdf.add_page()
    for line in (DATA / text_name).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            pdf.ln(3)
            continue
        bullet = line.startswith("• ")
        heading = line.strip() in ("Experience", "Skills")
        pdf.set_font("Helvetica", "B" if heading else "", 13 if heading else 10)
        # the core fonts have no bullet glyph; a hyphen is what such PDFs show
        body = ("- " + line[2:]) if bullet else line
        pdf.multi_cell(0, 5, body, new_x="LMARGIN", new_y="NEXT")
    if password is not None:
        pdf.set_encryption(owner_password=password, user_password=password)
    pdf.output(str(path))
    return path


def make_scanned_pdf(path: Path) -> Path:
    """A page with only drawings on it, as a scanner's image-only PDF has no text layer."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    for row in range(40):
        pdf.rect(18, 20 + row * 6, 120 + (row % 5) * 10, 3, style="F")
    pdf.output(str(path))
    return path


def sample(name: str, folder: Path) -> Path:
    """The labelled resume called name, as a file (generated for DOCX and PDF)."""
    if name == "platform.docx":
        return make_docx(folder / name)
    if name == "cloud.pdf":
        return make_pdf(folder / name)
    return DATA / name


def evaluate(folder: Path = DATA, labels_name: str = "labels.json") -> dict[str, Any]:
    """Field by field agreement with the labels, over every labelled resume."""
    import tempfile

    from coach.models import load_nlp
    from coach.resume.extract import extract
    from coach.resume.read import read_resume

    nlp = load_nlp().nlp
    counts = {k: [0, 0] for k in ("roles", "titles", "organizations", "bullets", "numbers", "we_only")}
    tool_hits = tool_found = tool_labelled = 0
    files = []
    with tempfile.TemporaryDirectory(prefix="coach-resumes-") as tmp:
        for name, want in labels(folder, labels_name).items():
            resume = extract(read_resume(sample(name, Path(tmp))), nlp)
            counts["roles"][0] += list(resume.roles) == want["roles"]
            counts["roles"][1] += 1
            for got, label in zip(resume.projects, want["projects"], strict=False):
                counts["titles"][0] += got.title == label["title"]
                counts["organizations"][0] += got.organization == label["organization"]
                for bullet, b in zip(got.bullets, label["bullets"], strict=False):
                    counts["numbers"][0] += list(bullet.numbers) == b["numbers"]
                    counts["we_only"][0] += bullet.we_only is b["we_only"]
                    found, labelled = set(bullet.tools), set(b["tools"])
                    tool_hits += len(found & labelled)
                    tool_found += len(found)
                    tool_labelled += len(labelled)
            projects = len(want["projects"])
            bullets = sum(len(p["bullets"]) for p in want["projects"])
            counts["titles"][1] += projects
            counts["organizations"][1] += projects
            counts["bullets"][0] += min(bullets, sum(len(p.bullets) for p in resume.projects))
            counts["bullets"][1] += bullets
            counts["numbers"][1] += bullets
            counts["we_only"][1] += bullets
            files.append({"file": name, "projects": len(resume.projects), "bullets": len(resume.bullets())})
    return {
        "files": files,
        "accuracy": {k: round(a / b, 3) if b else None for k, (a, b) in counts.items()},
        "counts": {k: f"{a}/{b}" for k, (a, b) in counts.items()},
        "tools_precision": round(tool_hits / tool_found, 3) if tool_found else None,
        "tools_recall": round(tool_hits / tool_labelled, 3) if tool_labelled else None,
    }


def print_report(report: dict[str, Any]) -> None:
    for f in report["files"]:
        print(f"{f['file']:16} {f['projects']} projects, {f['bullets']} bullets")
    print()
    for key, value in report["accuracy"].items():
        print(f"{key:16} {value}   ({report['counts'][key]})")
    print(f"{'bullet tools':16} precision {report['tools_precision']}, recall {report['tools_recall']}")
