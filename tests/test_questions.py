from __future__ import annotations

from pathlib import Path

import pytest

from coach.errors import QuestionBankError, UnknownQuestionError
from coach.questions import ROUNDS, guess_kind, load_bank, load_bank_file, pick_question

ARTICLE_CATEGORIES = {
    "infrastructure",
    "cicd",
    "reliability",
    "containers",
    "observability",
    "cost",
    "behavioral",
}


def test_bank_covers_the_article() -> None:
    bank = load_bank()
    assert len(bank) >= 40
    assert {q.category for q in bank} >= ARTICLE_CATEGORIES
    assert set(ROUNDS) == {q.round for q in bank}
    assert len({q.id for q in bank}) == len(bank)
    assert {q.kind for q in bank} == {"technical", "behavioral"}
    assert all(q.key_points and q.follow_ups for q in bank)


def test_deployment_reliability_has_the_articles_answer_angles() -> None:
    question = next(q for q in load_bank() if q.id == "cicd-deployment-reliability")
    labels = " ".join(k.label.lower() for k in question.key_points)
    for angle in ("artifact", "test", "progressive", "rollback", "observability", "ownership"):
        assert angle in labels


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bank.toml"
    path.write_text(text)
    return path


def test_toml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, '[[question]]\nid = "a"\ntext = "unterminated\n')
    with pytest.raises(QuestionBankError, match=rf"{path}:3: not valid TOML"):
        load_bank_file(path)


def test_missing_field_names_the_question_line(tmp_path: Path) -> None:
    good = '[[question]]\nid = "ok-one"\ncategory = "x"\nkind = "technical"\ntext = "Why?"\n\n'
    path = _write(tmp_path, good + '[[question]]\nid = "bad-one"\ncategory = "x"\nkind = "technical"\n')
    with pytest.raises(QuestionBankError, match=rf"{path}:7: question needs a non-empty string `text`"):
        load_bank_file(path)


def test_bad_kind_names_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, '[[question]]\nid = "q"\ncategory = "x"\nkind = "trivia"\ntext = "Why?"\n')
    with pytest.raises(QuestionBankError, match=rf"{path}:4: kind must be one of"):
        load_bank_file(path)


def test_duplicate_id_across_banks_is_an_error(tmp_path: Path) -> None:
    existing = load_bank()[0].id
    path = _write(
        tmp_path, f'[[question]]\nid = "{existing}"\ncategory = "x"\nkind = "technical"\ntext = "Why?"\n'
    )
    with pytest.raises(QuestionBankError, match="duplicate question id"):
        load_bank([path])


def test_user_bank_is_loaded(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        '[[question]]\nid = "my-own"\ncategory = "mine"\nkind = "behavioral"\ntext = "Tell me a story."\n',
    )
    question = pick_question(load_bank([path]), question_id="my-own")
    assert question.kind == "behavioral" and question.round == "behavioral"


def test_unknown_id_and_category() -> None:
    bank = load_bank()
    with pytest.raises(UnknownQuestionError, match="unknown question id"):
        pick_question(bank, question_id="no-such-question")
    with pytest.raises(UnknownQuestionError, match="no questions in category"):
        pick_question(bank, category="astrology")
    assert pick_question(bank, category="cost").category == "cost"


def test_guess_kind() -> None:
    assert guess_kind("Tell me about a time you disagreed with your manager") == "behavioral"
    assert guess_kind("How would you design a multi-region service?") == "technical"
