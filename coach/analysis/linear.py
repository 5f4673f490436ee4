"""Linear classifiers shipped with the project: weights over named binary features.

The weights are fitted by `scripts/train-judgements` (scikit-learn's logistic regression,
a development tool only) on the development part of the real-answer corpus and stored as
JSON in `coach/analysis/trained/`. Scoring here is a sum of weights and a logistic, so the
coach itself needs no learning library, and a given text always scores the same.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from coach.errors import CoachError

TRAINED = Path(__file__).resolve().parent / "trained"


@dataclass(frozen=True)
class LinearModel:
    """A logistic regression: probability = 1 / (1 + exp(-(bias + sum of weights))).

    threshold: the probability at or above which the label is given; chosen on the
    development part by cross-validation (see `scripts/train-judgements`).
    """

    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, features: Iterable[str]) -> float:
        total = self.bias + sum(self.weights.get(f, 0.0) for f in set(features))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))

    def explain(self, features: Iterable[str], top: int = 3) -> list[str]:
        """The features that pushed the score up most: why the model said yes."""
        scored = sorted(((self.weights.get(f, 0.0), f) for f in set(features)), reverse=True)
        return [f for w, f in scored[:top] if w > 0]


@dataclass(frozen=True)
class ModelSet:
    """Several named classifiers trained together, with what they were trained on."""

    models: dict[str, LinearModel]
    trained_on: dict[str, object]


@cache
def load_models(name: str) -> ModelSet:
    """Load `coach/analysis/trained/<name>.json`.

    Raises CoachError when the file is missing or unreadable (a broken install)."""
    path = TRAINED / f"{name}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise CoachError(f"the trained model {path.name} cannot be read ({exc}); reinstall coach") from None
    models = {
        label: LinearModel(dict(m["weights"]), float(m["bias"]), float(m["threshold"]))
        for label, m in data["models"].items()
    }
    return ModelSet(models, dict(data.get("trained_on", {})))
