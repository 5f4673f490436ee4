"""A resume file to lines of text, each marked as a heading, a bullet or plain text.

Plain text and Markdown are read as they are; DOCX through python-docx (paragraph styles
tell headings and list items apart), walking the XML so that tables, text boxes and
headers/footers are read in document order too; PDF through pdfminer.six, whose layout
analysis spaces words by their gaps (some fonts have no space glyph) and orders columns,
with pypdf as the fallback. A PDF's text layer loses the styling, so headings are
recognised later by their words. Every way a file can be
unusable ends in one ResumeError line that says what to do instead.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from coach.errors import ResumeError

log = logging.getLogger("coach")

LineKind = Literal["heading", "bullet", "text"]
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_TEXT_CHARS = 100_000
MAX_PDF_PAGES = 20
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text", "")
BULLET = re.compile(r"^\s*(?:[-*+•·▪◦‣●○■□➢➤►▸–—]|\d{1,2}[.)])\s+")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_MARKUP = re.compile(r"\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)|`")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


@dataclass(frozen=True)
class Line:
    text: str
    kind: LineKind


def read_resume(path: Path) -> list[Line]:
    """The resume's lines, in reading order, without empty ones."""
    if not path.is_file():
        raise ResumeError(f"no resume at {path}: give the path of a .txt, .md, .docx or .pdf file")
    size = path.stat().st_size
    if size == 0:
        raise ResumeError(f"{path} is empty: nothing to import")
    if size > MAX_FILE_BYTES:
        raise ResumeError(
            f"{path} is {size / 1e6:.0f} MB, too big for a resume (the limit is "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB); export it without images"
        )
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        lines = _pdf_lines(path)
    elif suffix == ".docx":
        lines = _docx_lines(path)
    elif suffix in (".doc", ".odt", ".rtf", ".pages"):
        raise ResumeError(f"{path}: {suffix} files are not read; save it as .docx or .pdf and import that")
    elif suffix in TEXT_SUFFIXES:
        lines = _text_lines(path)
    else:
        raise ResumeError(f"{path}: unknown resume format {suffix}; use .txt, .md, .docx or .pdf")
    lines = [line for line in lines if line.text]
    if sum(len(line.text) for line in lines) > MAX_TEXT_CHARS:
        raise ResumeError(
            f"{path} holds more than {MAX_TEXT_CHARS:,} characters of text, far more than a resume; "
            "import the resume alone"
        )
    if not any(re.search(r"[A-Za-z]{3}", line.text) for line in lines):
        raise ResumeError(f"{path} has no readable text: nothing to import")
    return lines


def _clean(text: str) -> str:
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_MARKUP.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def _classify(raw: str) -> Line:
    if _MD_HEADING.match(raw):
        return Line(_clean(_MD_HEADING.sub("", raw)), "heading")
    if BULLET.match(raw):
        return Line(_clean(BULLET.sub("", raw, count=1)), "bullet")
    return Line(_clean(raw), "text")


def _text_lines(path: Path) -> list[Line]:
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise ResumeError(f"{path} is not a text file; use .txt, .md, .docx or .pdf")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    lines: list[Line] = []
    for raw in text.splitlines():
        if re.fullmatch(r"\s*[-=_*]{3,}\s*", raw):  # Markdown rules and setext underlines
            if lines and lines[-1].kind == "text" and re.fullmatch(r"\s*=+\s*|\s*-+\s*", raw):
                lines[-1] = Line(lines[-1].text, "heading")
            continue
        lines.append(_classify(raw))
    return lines


def _docx_lines(path: Path) -> list[Line]:
    import zipfile

    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as exc:  # pragma: no cover - a broken install
        raise ResumeError(f"python-docx is missing ({exc}); run scripts/run once to install it") from None
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ResumeError(
            f"{path} is not a readable DOCX file ({type(exc).__name__}); re-save it from your editor"
        ) from None
    except Exception as exc:  # lxml raises its own XMLSyntaxError for a damaged part
        raise ResumeError(f"{path} is a damaged DOCX file ({type(exc).__name__}); re-save it") from None
    lines = []
    for paragraph in _docx_paragraphs(document):
        text = paragraph.text
        try:
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
        except (KeyError, ValueError, AttributeError):  # a style id the styles part lacks
            style = ""
        numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
        if style.lower().startswith(("heading", "title")):
            lines.append(Line(_clean(text), "heading"))
        elif style.lower().startswith("list") or numbered:
            lines.append(Line(_clean(BULLET.sub("", text, count=1)), "bullet"))
        else:
            for raw in text.splitlines():
                lines.append(_classify(raw))
    return lines


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# containers whose paragraphs belong to the story they sit in, read in order
_W_CONTAINERS = {f"{_W}{tag}" for tag in ("tbl", "tr", "tc", "sdt", "sdtContent", "customXml", "ins")}


def _docx_paragraphs(document: Any) -> list[Any]:
    """Every paragraph in reading order: the headers, then the body (tables and text boxes
    where they stand), then the footers. Some templates lay a resume out in a table or in
    text boxes, which python-docx's document.paragraphs does not reach."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.text.paragraph import Paragraph

    part = document.part
    stories = {
        reltype: [
            rel.target_part for rel in part.rels.values() if rel.reltype == reltype and not rel.is_external
        ]
        for reltype in (RT.HEADER, RT.FOOTER)
    }
    paragraphs: list[Any] = []
    for root, story_part in [
        *((header.element, header) for header in stories[RT.HEADER]),
        (document.element.body, part),
        *((footer.element, footer) for footer in stories[RT.FOOTER]),
    ]:
        paragraphs += [Paragraph(p, story_part) for p in _docx_blocks(root)]
    return paragraphs


def _docx_blocks(container: Any) -> list[Any]:
    """The w:p elements of a story or a text box, each followed by the paragraphs of any
    text box anchored in it."""
    found: list[Any] = []
    for child in container:
        if child.tag == f"{_W}p":
            found.append(child)
            found += _docx_text_boxes(child)
        elif child.tag in _W_CONTAINERS:
            found += _docx_blocks(child)
    return found


def _docx_text_boxes(element: Any) -> list[Any]:
    """Paragraphs of the text boxes inside a paragraph. Word writes a DrawingML text box in
    mc:AlternateContent's mc:Choice and a VML copy of it in mc:Fallback: read the fallback
    only when the choice holds no text box."""
    found: list[Any] = []
    for child in element:
        if child.tag == f"{_W}txbxContent":
            found += _docx_blocks(child)
        elif child.tag == f"{_MC}AlternateContent":
            # the first branch (mc:Choice, then mc:Fallback) that holds a text box is read
            for branch in child:
                if any(True for _ in branch.iter(f"{_W}txbxContent")):
                    found += _docx_text_boxes(branch)
                    break
        elif isinstance(child.tag, str):
            found += _docx_text_boxes(child)
    return found


def _pdf_lines(path: Path) -> list[Line]:
    import warnings

    # pypdf reports what it repairs through logging and warnings; the user gets one line
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        texts = _pdfminer_texts(path)
        if texts is None:  # pdfminer failed on the file: pypdf reads it, or says what is wrong
            return _pdf_text_lines(path)
    return _join_wrapped([_classify(raw) for text in texts for raw in text.splitlines()])


def _pdfminer_texts(path: Path) -> list[str] | None:
    """Each page's text through pdfminer.six's layout analysis, which puts a space wherever
    the gap between two glyphs is wide enough (fonts without a space glyph, as LaTeX and
    some exporters produce, leave no space character to find) and reads text boxes in
    columns where it can tell them apart. None when pdfminer cannot read the file, or finds
    no text, so that pypdf gets its turn."""
    try:
        from pdfminer.high_level import extract_pages
        from pdfminer.layout import LAParams, LTTextContainer
    except ImportError:  # pragma: no cover - a broken install
        return None
    texts: list[str] = []
    try:
        for number, page in enumerate(extract_pages(str(path), laparams=LAParams()), start=1):
            if number > MAX_PDF_PAGES:
                return None  # pypdf counts the pages and says so
            lines = [
                line.get_text()
                for element in page
                if isinstance(element, LTTextContainer)
                for line in element
                if hasattr(line, "get_text")
            ]
            texts.append("\n".join(text.rstrip("\n") for text in lines))
    except Exception:  # pdfminer raises assorted errors on damaged or encrypted files
        log.debug("pdfminer failed on %s", path, exc_info=True)
        return None
    if not any(re.search(r"[A-Za-z]{3}", text) for text in texts):
        return None
    return texts


def _pdf_text_lines(path: Path) -> list[Line]:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError, PdfStreamError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise FileNotDecryptedError("password")
        pages = reader.pages
        if len(pages) > MAX_PDF_PAGES:
            raise ResumeError(
                f"{path} has {len(pages)} pages, far more than a resume (the limit is {MAX_PDF_PAGES})"
            )
        texts = [page.extract_text() or "" for page in pages]
    except ResumeError:
        raise
    except FileNotDecryptedError:
        raise ResumeError(
            f"{path} is password-protected; save an unprotected copy (print it to PDF) and import that"
        ) from None
    except (PdfReadError, PdfStreamError, OSError, ValueError, KeyError, TypeError) as exc:
        raise ResumeError(f"{path} is not a readable PDF ({type(exc).__name__}); re-export it") from None
    except Exception as exc:  # pypdf raises assorted errors on damaged files
        log.debug("pypdf failed on %s", path, exc_info=True)
        raise ResumeError(f"{path} is a damaged PDF ({type(exc).__name__}); re-export it") from None
    if not any(re.search(r"[A-Za-z]{3}", text) for text in texts):
        raise ResumeError(
            f"{path} has no text layer (a scanned image?); export the resume as a text PDF, "
            "or paste its text into a .txt file and import that"
        )
    return _join_wrapped([_classify(raw) for text in texts for raw in text.splitlines()])


def _join_wrapped(lines: list[Line]) -> list[Line]:
    """A PDF breaks long bullets over several lines; a line that starts in lower case, or
    goes on from a bullet that did not end a sentence, is the rest of that bullet."""
    joined: list[Line] = []
    for line in lines:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.kind == "bullet"
            and line.kind == "text"
            and line.text
            and _continues(previous.text, line.text)
        ):
            joined[-1] = Line(f"{previous.text} {line.text}", "bullet")
        else:
            joined.append(line)
    return joined


WRAP_WIDTH_CHARS = 60


def _continues(bullet: str, text: str) -> bool:
    if _looks_like_header(text) or is_section_heading(text):
        return False
    if text[0].islower() or text[0].isdigit() or text[0] in "(&/":
        return True
    # a long bullet without a full stop filled the line, so the next line carries it on
    return len(bullet) >= WRAP_WIDTH_CHARS and not bullet.endswith((".", "!", "?", ":"))


SECTIONS: dict[str, tuple[str, ...]] = {
    "experience": ("experience", "work experience", "professional experience", "employment",
                   "employment history", "work history", "career history", "relevant experience"),
    "projects": ("projects", "selected projects", "key projects", "side projects", "open source",
                 "personal projects", "notable projects"),
    "skills": ("skills", "technical skills", "tools", "technologies", "core skills", "tech stack",
               "skills and tools", "tools and technologies", "toolbox", "key skills"),
    "summary": ("summary", "profile", "about", "about me", "objective", "professional summary"),
    "education": ("education", "certifications", "certificates", "training", "education and certifications",
                  "languages", "interests", "awards", "publications", "talks", "volunteering"),
}  # fmt: skip
_SECTION_OF = {name: section for section, names in SECTIONS.items() for name in names}


def section_of(text: str) -> str | None:
    """The section a heading opens ("Work Experience" -> "experience"), or None."""
    key = re.sub(r"[^a-z& ]", "", text.lower()).replace("&", "and").strip()
    return _SECTION_OF.get(re.sub(r"\s+", " ", key))


def is_section_heading(text: str) -> bool:
    return section_of(text) is not None


_YEAR = re.compile(r"\b(19[89]\d|20[0-4]\d)\b|\b(present|current|now)\b", re.IGNORECASE)


def _looks_like_header(text: str) -> bool:
    """A role or project header rather than the rest of a sentence: it holds a year, or
    separators such as | and — between short parts."""
    return bool(_YEAR.search(text)) or bool(re.search(r"\s[|—–·]\s|\s@\s", text))
