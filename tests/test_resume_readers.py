"""The DOCX and PDF readers on layouts from real resumes: text boxes (with Word's VML
fallback copy), headers and footers, and PDFs whose words are placed apart with no space
character between them, as fonts without a space glyph produce."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.errors import ResumeError
from coach.resume.read import Line, read_resume

_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
ROLE = "DevOps Engineer, Example Corp, 2019 - 2023"
BULLETS = (
    "Migrated 12 services to Kubernetes, cutting deploys from 40 to 10 minutes.",
    "Wrote Terraform modules for 3 AWS accounts.",
)


def _txbx(paragraphs: list[str]) -> str:
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>' for text in paragraphs)
    return f"<w:txbxContent>{body}</w:txbxContent>"


def _text_box_docx(path: Path, *, fallback: bool, vml_only: bool = False) -> Path:
    """A resume whose text sits in one text box, written as Word writes it: a DrawingML
    shape in mc:Choice and, with fallback, the same text again in a VML mc:Fallback."""
    import docx
    from docx.oxml import parse_xml

    content = _txbx(["Experience", ROLE, *(f"• {bullet}" for bullet in BULLETS)])
    vml = f"<w:pict><v:shape><v:textbox>{content}</v:textbox></v:shape></w:pict>"
    if vml_only:
        inner = vml
    else:
        choice = (
            '<mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>'
            f"{content}</wps:txbx></wps:wsp></w:drawing></mc:Choice>"
        )
        inner = f"<mc:AlternateContent>{choice}{f'<mc:Fallback>{vml}</mc:Fallback>' if fallback else ''}"
        inner += "</mc:AlternateContent>"
    document = docx.Document()
    document.add_paragraph("Alex Example")
    run = document.add_paragraph().add_run()
    run._r.append(parse_xml(f"<w:wrap {_NS}>{inner}</w:wrap>")[0])
    document.add_paragraph("References on request")
    document.save(str(path))
    return path


def _texts(lines: list[Line]) -> list[str]:
    return [line.text for line in lines]


@pytest.mark.parametrize("fallback", [True, False])
def test_docx_text_box_gives_the_role_and_its_bullets_once(tmp_path: Path, fallback: bool) -> None:
    lines = read_resume(_text_box_docx(tmp_path / "box.docx", fallback=fallback))
    texts = _texts(lines)
    # in document order: the paragraph before the box, the box, the paragraph after it
    assert texts == ["Alex Example", "Experience", ROLE, *BULLETS, "References on request"]
    assert [line.kind for line in lines if line.text in BULLETS] == ["bullet", "bullet"]


def test_docx_vml_only_text_box_is_read(tmp_path: Path) -> None:
    texts = _texts(read_resume(_text_box_docx(tmp_path / "vml.docx", fallback=False, vml_only=True)))
    assert texts.count(ROLE) == 1
    assert all(texts.count(bullet) == 1 for bullet in BULLETS)


def test_docx_text_box_resume_imports_one_role_with_two_bullets(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    from coach.resume.extract import extract

    resume = extract(read_resume(_text_box_docx(tmp_path / "box.docx", fallback=True)), nlp.nlp)
    roles = [project for project in resume.projects if project.kind == "role"]
    assert len(roles) == 1
    assert roles[0].title == "DevOps Engineer"
    assert [bullet.text for bullet in roles[0].bullets] == list(BULLETS)


def test_docx_headers_footers_and_tables_are_read_in_order(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Alex Example | alex@example.com"
    document.sections[0].footer.paragraphs[0].text = "Portfolio: example.com/alex"
    document.add_paragraph("Experience", style="Heading 1")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = ROLE
    table.cell(0, 1).text = "Berlin"
    document.add_paragraph(BULLETS[0], style="List Bullet")
    document.save(str(tmp_path / "hf.docx"))
    lines = read_resume(tmp_path / "hf.docx")
    assert _texts(lines) == [
        "Alex Example | alex@example.com",
        "Experience",
        ROLE,
        "Berlin",
        BULLETS[0],
        "Portfolio: example.com/alex",
    ]
    assert lines[1].kind == "heading" and lines[4].kind == "bullet"


def _spaced_pdf(path: Path, rows: list[tuple[float, float, str]]) -> Path:
    """Each word drawn on its own at (x, y) mm, so the text layer holds no space
    characters: only the gaps between the words tell them apart."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for x, y, line in rows:
        for word in line.split():
            pdf.text(x, y, word)
            x += pdf.get_string_width(word) + pdf.get_string_width(" ")
    pdf.output(str(path))
    return path


def test_pdf_without_space_characters_gets_spaced_words(tmp_path: Path) -> None:
    rows = [(20.0, 20.0, "Work Experience"), (20.0, 30.0, "DevOps Engineer, Example Corp, 2019 to 2023")]
    rows += [(20.0, 40.0 + 8 * n, f"- {bullet}") for n, bullet in enumerate(BULLETS)]
    lines = read_resume(_spaced_pdf(tmp_path / "nospace.pdf", rows))
    texts = _texts(lines)
    assert "DevOps Engineer, Example Corp, 2019 to 2023" in texts
    assert not any("DevOpsEngineer" in text for text in texts)
    assert [line.text for line in lines if line.kind == "bullet"] == list(BULLETS)


def test_pdf_two_columns_are_read_one_after_the_other(tmp_path: Path) -> None:
    left = ["Skills", "Kubernetes and Terraform", "Python and Go"]
    right = ["Experience", "Platform Engineer at Example Corp", "Built the deploy pipeline"]
    rows = [(15.0, 30.0 + 7 * n, text) for n, text in enumerate(left)]
    rows += [(110.0, 30.0 + 7 * n, text) for n, text in enumerate(right)]
    texts = _texts(read_resume(_spaced_pdf(tmp_path / "columns.pdf", rows)))
    assert [text for text in texts if text in left] == left
    assert [text for text in texts if text in right] == right
    # no line mixes the two columns
    assert not any(any(a in text for a in left) and any(b in text for b in right) for text in texts)


def test_pdf_errors_stay_one_line(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 400)
    with pytest.raises(ResumeError) as caught:
        read_resume(damaged)
    assert "\n" not in str(caught.value) and "PDF" in str(caught.value)


# copies of ../shared/field-cases (written for the project); see tests/data/resumes/FIELD_CASES.md
FIELD = Path(__file__).resolve().parent / "data" / "resumes"


@pytest.mark.parametrize(
    "name", ["resume_docx_text_in_textbox.docx", "resume_pdf_cidfont_no_space_glyphs.pdf"]
)
def test_field_cases_give_the_role_and_two_bullets(name: str, nlp) -> None:  # type: ignore[no-untyped-def]
    from coach.resume.extract import extract

    lines = read_resume(FIELD / name)
    texts = _texts(lines)
    assert any(text.startswith("DevOps Engineer, Example Corp, 2019") for text in texts)
    assert not any("DevOpsEngineer" in text for text in texts)
    assert [line.text for line in lines if line.kind == "bullet"] == list(BULLETS)
    roles = [project for project in extract(lines, nlp.nlp).projects if project.kind == "role"]
    assert [(role.title, role.organization, len(role.bullets)) for role in roles] == [
        ("DevOps Engineer", "Example Corp", 2)
    ]
