"""scripts/eval: measure coach on real speech (--manifest) or labelled answers (--answers)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from coach.errors import CoachError

DEFAULT_MANIFEST = Path(__file__).resolve().parents[2].parent / "shared" / "speech" / "MANIFEST.tsv"


def _print_speech(result: dict) -> None:  # type: ignore[type-arg]
    print(
        f"{'file':44} {'dur_s':>6} {'wer':>6} {'base':>6} {'fill':>5} {'found':>5} {'rep':>4} {'ins':>4} {'cover':>6} {'1st':>6} {'ref1st':>6} {'rtf':>6}"
    )

    def _num(value: float | None, digits: int) -> str:
        return f"{value:.{digits}f}" if value is not None else "-"

    for f in result["files"]:
        name = Path(f["file"]).name[-44:]
        print(
            f"{name:44} {f['duration_s']:6.1f} {f['wer']:6.3f} {_num(f['baseline_wer'], 3):>6} {f['fillers_reference']:5d} "
            f"{f['fillers_found']:5d} {f['fillers_reported']:4d} {f['insertions']:4d} {_num(f['coverage'], 3):>6} "
            f"{_num(f['first_word_s'], 2):>6} {_num(f['first_word_reference_s'], 2):>6} {f['rtf']:6.3f}"
        )
    print()
    part = f", split {result['split']}" if result["split"] else ""
    print(f"files               {result['files_scored']} ({result['audio_s']} s of audio{part})")
    if result["skipped_external"]:
        print(
            f"skipped             {len(result['skipped_external'])} external file(s) not on disk (corpus/README.md says how to fetch them)"
        )
    base = result["baseline_wer"]
    print(
        f"WER                 {result['wer']:.4f}   (plain faster-whisper, same model: {base if base is not None else '-'}; filled pauses left out of both)"
    )
    print(f"speech coverage     min {result['coverage_min']}, mean {result['coverage_mean']}")
    fw, fwp = result["first_word"], result["first_word_plain"]
    if fw["files"]:
        plain = (
            f"; plain faster-whisper {fwp['within_tolerance']}/{fwp['files']}, worst {fwp['worst_error_s']} s"
            if fwp
            else ""
        )
        print(
            f"first word          {fw['within_tolerance']}/{fw['files']} within 0.3 s of the reference, worst {fw['worst_error_s']} s{plain}"
        )
    print("filled pauses       recall  precision   (um/uh/er/ah/hm, word by word against the reference)")
    stages = (
        *((("plain faster-whisper", "_plain"),) if result["filler_recall_plain"] is not None else ()),
        ("word + filler passes", "_whisper_only"),
        ("+ voicing check", "_voicing_checked"),
        ("+ dropped fillers added", ""),
    )
    for label, suffix in stages:
        print(
            f"  {label:24} {result['filler_recall' + suffix]!s:7} {result['filler_precision' + suffix]!s:9}"
        )
    print(
        f"  dropped fillers added from the audio: {result['acoustic_added']}, "
        f"of which {result['acoustic_added_found']} are marked in the references"
    )
    print(f"reference fillers   {result['fillers_reference']} (um/uh/er/ah/hm, files with fillers marked)")
    print(
        f"  precision on those files alone: {result['filler_precision_marked_files']} "
        "(elsewhere every reported filler counts as false)"
    )
    print(f"inserted words      {result['insertions']}")
    print(f"real-time factor    {result['rtf']}   (transcription + acoustic analysis / audio length)")
    print(f"model               {result['model']}")
    print(f"options             {json.dumps(result['options'])}")


def _print_terms(result: dict[str, Any]) -> None:
    print(f"{result['clips']} clips: voices {', '.join(result['voices'])} at {result['rates_wpm']} wpm")
    for name in ("plain", "biased"):
        r = result[name]
        missed = ", ".join(f"{t} ×{n}" for t, n in r["most_missed"])
        print(
            f"{name:7} term recall {r['term_recall']:.3f} of {r['terms']} terms ({r['seconds']} s)  most missed: {missed}"
        )


def _with_overrides(options: Any, overrides: list[str]) -> Any:
    """Apply OPTION=VALUE pairs, parsed as JSON where they can be (false, 3, null)."""
    known = {f.name for f in fields(options)}
    changes: dict[str, Any] = {}
    for item in overrides:
        key, _, raw = item.partition("=")
        if key not in known:
            raise CoachError(f"--set {item}: unknown option; known: {', '.join(sorted(known))}")
        try:
            changes[key] = json.loads(raw)
        except json.JSONDecodeError:
            changes[key] = raw
    return replace(options, **changes)


def _emit(result: dict[str, Any], printer: Callable[[dict[str, Any]], None], as_json: bool) -> int:
    """Print a harness result as one JSON object, or as its table."""
    if as_json:
        print(json.dumps(result, indent=2))
    else:
        printer(result)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/eval", description=__doc__)
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--manifest", type=Path, help=f"speech manifest (default: {DEFAULT_MANIFEST})")
    source.add_argument(
        "--answers",
        type=Path,
        nargs="?",
        const=Path(__file__).resolve().parents[2] / "corpus" / "answers",
        help="structure and STAR judgements on the real-answer corpus (default corpus/answers; "
        "a .jsonl file is a team-written set)",
    )
    source.add_argument(
        "--fillers", type=Path, help="sentences labelled with their filler words (JSON lines)"
    )
    source.add_argument("--terms", type=Path, help="spoken answers with their domain terms (JSON lines)")
    source.add_argument(
        "--coverage", type=Path, help="answers labelled with the key points they cover (JSON lines)"
    )
    source.add_argument(
        "--mistakes", type=Path, help="answers labelled with the interview mistakes they make (JSON lines)"
    )
    source.add_argument(
        "--resume",
        nargs="?",
        const="labels.json",
        metavar="LABELS",
        help="resume extraction against hand labels in tests/data/resumes (labels.json, or labels_holdout.json)",
    )
    parser.add_argument("--json", action="store_true", help="print the totals as one JSON object")
    parser.add_argument("--no-baseline", action="store_true", help="skip the plain faster-whisper comparison")
    parser.add_argument(
        "--stream", action="store_true", help="also replay each file through the streaming path and compare"
    )
    parser.add_argument("--model", type=Path, help="a faster-whisper model folder")
    parser.add_argument(
        "--split", choices=("dev", "test"), help="score only this part of the manifest or answer corpus"
    )
    parser.add_argument("--misses", action="store_true", help="--answers: list every miss")
    parser.add_argument(
        "--filler-form",
        choices=("written", "no-commas", "spoken"),
        default="written",
        help="--fillers: score the sentences as written, without commas, or lower-cased without punctuation",
    )
    parser.add_argument(
        "--committed-only",
        action="store_true",
        help="--answers: only the answers whose text is in git (what CI measures)",
    )
    parser.add_argument(
        "--human-only",
        action="store_true",
        help="--answers: leave out the sources flagged as reading machine-written",
    )
    parser.add_argument(
        "--make-asr",
        type=int,
        metavar="N",
        help="--answers: read N more answers aloud with espeak-ng and transcribe them (the ASR form)",
    )
    parser.add_argument(
        "--bias-for",
        metavar="QUESTION_ID",
        help="transcribe with the vocabulary bias a practice answer to this bank question gets",
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="OPTION=VALUE",
        help="override a transcription option, e.g. --set filler_prompt=null (repeatable)",
    )
    args = parser.parse_args(argv)
    try:
        if args.resume:
            from coach.evaluation.resumes import evaluate
            from coach.evaluation.resumes import print_report as print_resumes

            resumes = evaluate(labels_name=args.resume)
            return _emit(resumes, print_resumes, args.json)
        if args.coverage is not None:
            from coach.evaluation.coverage import main as coverage_main

            return coverage_main([str(args.coverage), *(["--json"] if args.json else [])])
        if args.mistakes is not None:
            from coach.evaluation.mistakes import evaluate_mistakes
            from coach.evaluation.mistakes import print_report as print_mistakes

            mistakes = evaluate_mistakes(args.mistakes)
            return _emit(mistakes, print_mistakes, args.json)
        if args.answers is not None and args.answers.is_dir():
            from coach.evaluation import real_answers

            if args.make_asr:
                from coach.evaluation.answers_asr import make_asr

                make_asr(args.answers, args.make_asr)
            corpus = real_answers.load_corpus(args.answers, args.split, args.human_only, args.committed_only)
            real = real_answers.evaluate(corpus)
            return _emit(real, lambda r: real_answers.print_report(r, misses=args.misses), args.json)
        if args.fillers is not None and args.fillers.name == "ami_contextual.jsonl":
            from coach.evaluation.fillers_real import main as fillers_real

            fillers_real([str(args.fillers), *(["--split", args.split] if args.split else [])])
            return 0
        if args.answers is not None or args.fillers is not None:
            from coach.evaluation.answers import evaluate_answers, evaluate_fillers, print_report

            report = (
                evaluate_answers(args.answers)
                if args.answers
                else evaluate_fillers(args.fillers, form=args.filler_form)
            )
            return _emit(report, print_report, args.json)
        from coach.config import TranscribeOptions

        if args.terms is not None:
            from coach.evaluation.terms import evaluate_terms

            options = _with_overrides(TranscribeOptions(model_dir=args.model), args.set)
            terms = evaluate_terms(args.terms, options)
            return _emit(terms, _print_terms, args.json)
        from coach.evaluation.speech import evaluate_manifest

        manifest = args.manifest or DEFAULT_MANIFEST
        options = _with_overrides(TranscribeOptions(model_dir=args.model), args.set)
        if args.bias_for:
            from coach.questions import find_question, load_bank
            from coach.vocabulary import hotwords_for

            options = replace(options, hotwords=hotwords_for(find_question(load_bank(), args.bias_for)))
        result = evaluate_manifest(manifest, options, baseline=not args.no_baseline, split=args.split)
        if args.stream:
            streamed = evaluate_manifest(manifest, options, baseline=False, streaming=True, split=args.split)
            result["streaming"] = {
                k: streamed[k] for k in ("wer", "filler_recall", "filler_precision", "rtf", "files")
            }
        if args.json:
            print(json.dumps(result, indent=2))
        else:
            _print_speech(result)
            if args.stream:
                s = result["streaming"]
                print(
                    f"streaming path      WER {s['wer']:.4f}, filler recall {s['filler_recall']}, "
                    f"precision {s['filler_precision']}, real-time factor {s['rtf']}"
                )
        return 0
    except CoachError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
