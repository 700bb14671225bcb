"""Admission and exit rules of each country, kept in versioned files rather than code.

Each country's immigration verification methodology lives in one YAML file per version
(`files/per-2026.1.yaml`) with an effective date, so agencies can standardise and change
procedures without a software release, and an official can read exactly which rule
fired. `load_rulebook()` validates the files (reporting every problem with its line and
column) and `RuleBook.evaluate()` turns travel facts into a decision: clear, refer or
refuse, with the rules that fired and the maximum stay granted on entry.
"""

from concordia.rules.engine import (
    Decision,
    Evaluation,
    FiredRule,
    Movement,
    NoRuleset,
    RuleBook,
    Ruleset,
    RulesetInfo,
    TravelFacts,
    evaluate,
)
from concordia.rules.loader import (
    RuleIssue,
    RulesError,
    check_file,
    default_rules_dir,
    load_rulebook,
    read_rules_file,
    shipped_rulebook,
)

__all__ = [
    "Decision",
    "Evaluation",
    "FiredRule",
    "Movement",
    "NoRuleset",
    "RuleBook",
    "RuleIssue",
    "RulesError",
    "Ruleset",
    "RulesetInfo",
    "TravelFacts",
    "check_file",
    "default_rules_dir",
    "evaluate",
    "load_rulebook",
    "read_rules_file",
    "shipped_rulebook",
]
