"""Pydantic models of the plan file, one module per section."""

from pacspec.model.abc import Abc, Portfolio
from pacspec.model.actions import SUBTYPES, Action, ActionType, Budget, Horizon, Workload
from pacspec.model.conditions import METRICS, AttributeTest, Condition, NumericTest, SetTest
from pacspec.model.emoff import Emoff, Fact, Strategies, Strategy
from pacspec.model.header import Header, Objective
from pacspec.model.ipo_ipa import Criterion, IpoIpa, Scale
from pacspec.model.plan import FORMAT_VERSION, RULE_SECTIONS, Plan, RuleFile
from pacspec.model.profiles import Recommendation, Rule, Typology
from pacspec.model.rfm import Periods, Rfm, Scores, Window
from pacspec.model.steering import Bands, Kpi, Metric, Steering
from pacspec.model.types import localize

__all__ = [
    "FORMAT_VERSION", "METRICS", "RULE_SECTIONS", "SUBTYPES", "Abc", "Action", "ActionType",
    "AttributeTest", "Bands", "Budget", "Condition", "Criterion", "Emoff", "Fact", "Header",
    "Horizon", "IpoIpa", "Kpi", "Metric", "NumericTest", "Objective", "Periods", "Plan",
    "Portfolio", "Recommendation", "Rfm", "Rule", "RuleFile", "Scale", "Scores", "SetTest", "Steering",
    "Strategies", "Strategy", "Typology", "Window", "Workload", "localize",
]  # fmt: skip
