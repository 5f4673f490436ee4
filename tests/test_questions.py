from __future__ import annotations

import re
from pathlib import Path

import pytest

from coach.errors import QuestionBankError, UnknownQuestionError
from coach.questions import (
    ROUNDS,
    THEMES,
    TONIGHT_SLOTS,
    guess_kind,
    load_bank,
    load_bank_file,
    pick_question,
)

ARTICLE_CATEGORIES = {
    "infrastructure",
    "cicd",
    "reliability",
    "containers",
    "observability",
    "cost",
    "behavioral",
    "fit",  # recruiter screen and hiring manager
    "scripting",  # the coding a DevOps loop asks for
}


def test_bank_covers_the_article() -> None:
    bank = load_bank()
    assert len(bank) >= 40
    assert {q.category for q in bank} >= ARTICLE_CATEGORIES
    assert set(ROUNDS) == {q.round for q in bank}
    assert len({q.id for q in bank}) == len(bank)
    assert {q.kind for q in bank} == {"technical", "behavioral", "motivation"}
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


GOOD = '[[question]]\nid = "ok-one"\ncategory = "x"\nkind = "technical"\ntext = "Why?"\n\n'


def test_duplicate_id_names_the_line_of_the_repeat_and_the_first(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD + GOOD.replace("ok-one", "ok-two") + GOOD.replace("ok-one", "ok-two"))
    with pytest.raises(
        QuestionBankError, match=rf"{path}:14: duplicate question id 'ok-two' \(also at {path}:8\)"
    ):
        load_bank([path])
    shipped = _write(
        tmp_path,
        GOOD + '[[question]]\nid = "rel-after-outage"\ncategory = "x"\nkind = "technical"\ntext = "Why?"\n',
    )
    with pytest.raises(QuestionBankError, match=rf"{shipped}:8: .*also at .*reliability.toml:\d+\)"):
        load_bank([shipped])


def test_bad_second_key_point_names_its_own_line(tmp_path: Path) -> None:
    points = '[[question.key_points]]\nlabel = "One"\nphrases = ["x"]\n\n[[question.key_points]]\nlabel = "Two"\nphrases = []\n'
    path = _write(tmp_path, GOOD + points)
    with pytest.raises(QuestionBankError, match=rf"{path}:13: key point 'Two' needs a non-empty list"):
        load_bank_file(path)


def test_key_point_without_label_names_its_table(tmp_path: Path) -> None:
    path = _write(
        tmp_path, GOOD + GOOD.replace("ok-one", "ok-two") + '[[question.key_points]]\nphrases = ["x"]\n'
    )
    with pytest.raises(QuestionBankError, match=rf"{path}:13: a key point needs a non-empty `label`"):
        load_bank_file(path)


def test_inline_key_points_name_the_key_points_line(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD + 'key_points = [{label = "x"}]\n')
    with pytest.raises(QuestionBankError, match=rf"{path}:7: key point 'x' needs"):
        load_bank_file(path)


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        ('tonight = "karaoke"', "tonight must be one of"),
        ('tonight = "scaling"', "the question must be behavioral"),
        ('tonight = "design"', 'needs round = "system-design"'),
        ('tonight = "why"', 'needs kind = "motivation"'),
    ],
)
def test_tonight_slot_is_validated(tmp_path: Path, extra: str, problem: str) -> None:
    path = _write(tmp_path, GOOD.replace('text = "Why?"\n', f'text = "Why?"\n{extra}\n'))
    with pytest.raises(QuestionBankError, match=rf"{path}:6: .*{re.escape(problem)}"):
        load_bank_file(path)


def test_the_checklist_slots_are_filled_by_the_shipped_bank() -> None:
    bank = load_bank()
    tagged = {slot: [q.id for q in bank if q.tonight == slot] for slot in TONIGHT_SLOTS}
    assert all(tagged.values()), tagged
    assert tagged["design"] == ["infra-multi-region-ha"] and tagged["why"] == ["cult-why-this-company"]
    assert set(TONIGHT_SLOTS[:5]) == set(THEMES)
    kinds = {q.id: q.kind for q in bank}
    assert kinds["rel-sev1-incident"] == "behavioral"
    assert kinds["cult-why-this-company"] == kinds["cult-why-platform-work"] == "motivation"


def test_multi_region_design_covers_the_articles_angles() -> None:
    question = next(q for q in load_bank() if q.id == "infra-multi-region-ha")
    labels = " ".join(k.label.lower() for k in question.key_points)
    for angle in ("failure", "routing", "health", "rollback", "capacity", "secrets", "cost", "monitoring"):
        assert angle in labels


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
    assert guess_kind("Why do you want to work here?") == "motivation"
    assert guess_kind("Why this company, and why this role?") == "motivation"
