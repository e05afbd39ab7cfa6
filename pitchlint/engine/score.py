"""The 0-100 specificity score, its breakdown, and the verdict.

The verdict is the reader's view: `specific` when the message names at least one target (a
company, role or sector in a request or a goal) and does not refuse to ("open to anything");
`vague` otherwise. A plug-in rule with `verdict = "vague"` can also make a message vague with a
finding at warning or above.

The breakdown rewards what a reader needs (an ask, targets: companies, roles, sectors, plus a
reason they could repeat); then every rule with findings moves the score by its `score`, once,
however many findings it has.
"""

from __future__ import annotations

from dataclasses import dataclass

from pitchlint.analysis import Analysis
from pitchlint.checks.findings import Finding
from pitchlint.checks.pack import Rule
from pitchlint.terms import severity_rank

DIMENSIONS = {"ask": 30, "companies": 20, "roles": 20, "sectors": 15, "context": 15}


@dataclass(frozen=True)
class Score:
    total: int
    breakdown: dict[str, int]  # dimension -> points earned (and "rules" -> points moved by findings)
    verdict: str


def ask_points(analysis: Analysis, channel: str) -> int:
    """A request earns the ask its points; a stated goal alone earns half (the reader knows whom
    to think of, not what to do), and all of them in a spoken pitch, where the goal is the ask."""
    if analysis.asks:
        return DIMENSIONS["ask"]
    if analysis.specific:
        return DIMENSIONS["ask"] if channel == "pitch" else DIMENSIONS["ask"] // 2
    return 0


def score(analysis: Analysis, findings: list[Finding], rules: dict[str, Rule], channel: str = "email") -> Score:
    earned = {
        "ask": ask_points(analysis, channel),
        "companies": DIMENSIONS["companies"] if analysis.targets("COMPANY") else 0,
        "roles": DIMENSIONS["roles"] if analysis.targets("ROLE") else 0,
        "sectors": DIMENSIONS["sectors"] if analysis.targets("SECTOR") else 0,
        "context": DIMENSIONS["context"] if analysis.context else 0,
    }
    fired = {f.rule for f in findings if f.rule in rules}
    moved = sum(rules[rule_id].score for rule_id in fired)  # once per rule, however many findings
    earned["rules"] = moved
    total = max(0, min(100, sum(earned.values())))
    warning = severity_rank("warning")
    forced = any(rules[f.rule].verdict == "vague" and severity_rank(f.severity) >= warning
                 for f in findings if f.rule in rules)
    vague = forced or not analysis.specific
    return Score(total=total, breakdown=earned, verdict="vague" if vague else "specific")
