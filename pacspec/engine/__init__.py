"""The vectorised engine: client data + plan -> per-client table, analyses and steering.

One module per concept: periods, aggregate (decomposable per-client sums), abc, scores,
rules (the condition language as masks), ipo_ipa, portfolio, evaluate (the pipeline) and
result (the Evaluation object)."""

from pacspec.engine.evaluate import evaluate
from pacspec.engine.result import Evaluation, ScoreCuts
from pacspec.engine.table import Categorical

__all__ = ["Categorical", "Evaluation", "ScoreCuts", "evaluate"]
