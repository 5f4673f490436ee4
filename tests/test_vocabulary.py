from __future__ import annotations

from coach.questions import adhoc_question, load_bank
from coach.transcribe import TranscribeOptions, Word, clean_words
from coach.vocabulary import GLOSSARY, hotwords_for


def test_bias_only_in_a_technical_context() -> None:
    assert hotwords_for(None) is None
    assert hotwords_for(adhoc_question("Why do you want this role?")) is None
    drift = hotwords_for(adhoc_question("How do you handle Terraform drift?"))
    assert drift is not None and "Terraform" in drift and "Kubernetes" in drift


def test_bank_question_terms_come_first() -> None:
    question = next(q for q in load_bank() if q.id == "cicd-deployment-reliability")
    hotwords = hotwords_for(question)
    assert hotwords is not None
    assert hotwords.index("automatic rollback") < hotwords.index(GLOSSARY[0])
    assert "i disagree" not in hotwords and len(hotwords) <= 600


def test_a_recited_hotword_list_is_removed() -> None:
    hotwords = "Kubernetes, Terraform, canary, SLO, p99"
    words = [
        Word(t, 0.3 * i, 0.3 * i + 0.25, 0.9)
        for i, t in enumerate(
            ["We", "use", "Kubernetes,", "Terraform,", "canary,", "SLO.", "Then", "Terraform", "again."]
        )
    ]
    kept = [w.text for w in clean_words(words, TranscribeOptions(hotwords=hotwords))]
    assert kept == ["We", "use", "Then", "Terraform", "again."]


def test_terms_are_counted_on_word_boundaries() -> None:
    from coach.evaluation.terms import term_count, term_hits

    assert term_count("If the slow burn rate spikes", "SLO") == 0
    assert term_count("I am sure the records were fine", "IAM") == 0
    assert term_count("the SLO, then the slo again", "SLO") == 2
    assert term_count("Route53 or route 53", "Route 53") == 2
    assert term_count("blue green and blue-green", "blue-green") == 2
    assert term_count("watch P 99 latency", "p99") == 1
    assert term_count("in the post -mortem, the TF state", "postmortem") == 1
    assert term_count("in the post -mortem, the TF state", "tfstate") == 1
    assert term_count("so the migration is I'm potent", "idempotent") == 0
    # said twice, heard once: one of two
    assert term_hits("a canary", "a canary, then another canary", ["canary"]) == (1, 2)
