"""The 0-100 specificity score, its breakdown, and the verdict.

The breakdown rewards what a reader needs (an ask, and targets in it: companies, roles, sectors,
plus a reason they could repeat); then every rule with findings moves the score by its `score`,
once, however many findings it has.
The verdict is `vague` when any finding's rule says so (vague-ask, missing-ask, or a plug-in).
"""

from __future__ import annotations

from dataclasses import dataclass

from pitchlint.analysis import Analysis
from pitchlint.findings import Finding
from pitchlint.rulepack import Rule

DIMENSIONS = {"ask": 30, "companies": 20, "roles": 20, "sectors": 15, "context": 15}


@dataclass(frozen=True)
class Score:
    total: int
    breakdown: dict[str, int]  # dimension -> points earned (and "rules" -> points moved by findings)
    verdict: str


def score(analysis: Analysis, findings: list[Finding], rules: dict[str, Rule]) -> Score:
    has_ask = bool(analysis.asks)
    earned = {
        "ask": DIMENSIONS["ask"] if has_ask else 0,
        "companies": DIMENSIONS["companies"] if analysis.targets("COMPANY") else 0,
        "roles": DIMENSIONS["roles"] if analysis.targets("ROLE") else 0,
        "sectors": DIMENSIONS["sectors"] if analysis.targets("SECTOR") else 0,
        "context": DIMENSIONS["context"] if analysis.context else 0,
    }
    fired = {f.rule for f in findings if f.rule in rules}
    moved = sum(rules[rule_id].score for rule_id in fired)  # once per rule, however many findings
    earned["rules"] = moved
    total = max(0, min(100, sum(earned.values())))
    vague = any(rules[f.rule].verdict == "vague" for f in findings if f.rule in rules)
    return Score(total=total, breakdown=earned, verdict="vague" if vague else "specific")
