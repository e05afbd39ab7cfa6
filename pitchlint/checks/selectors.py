"""Rule selectors, as in ruff: a rule id, a prefix of whole words (`ask-without` is the three
`ask-without-*` hints), or `ALL`. The most specific selector wins; `ignore` wins a tie."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import TYPE_CHECKING

from pitchlint.errors import ConfigError

if TYPE_CHECKING:
    from pitchlint.checks.pack import Rule


def covers(selector: str, rule_id: str) -> bool:
    return selector == "ALL" or rule_id == selector or rule_id.startswith(selector + "-")


def specificity(selector: str) -> int:
    return 0 if selector == "ALL" else len(selector.split("-"))


def check_known(selectors: Iterable[str], rule_ids: Collection[str], where: str) -> None:
    for selector in selectors:
        if not any(covers(selector, rule_id) for rule_id in rule_ids):
            raise ConfigError(where, f"unknown rule id {selector!r}")


def selected(rules: Mapping[str, Rule], select: Collection[str] | None, extend_select: Collection[str],
             ignore: Collection[str]) -> set[str]:
    """Ids of the rules turned on. `select` None means every stable rule; a prefix or ALL turns on
    stable rules only, a rule's own id turns it on whatever its status (preview rules too)."""
    chosen: set[str] = set()
    for rule_id, rule in rules.items():
        best, on = (-1, rule.status == "stable") if select is None else (-1, False)
        for selector in [*(select or ()), *extend_select]:
            if covers(selector, rule_id) and (rule_id == selector or rule.status == "stable"):
                rank = 99 if selector == rule_id else specificity(selector)
                if rank > best:
                    best, on = rank, True
        for selector in ignore:
            if covers(selector, rule_id):
                rank = 99 if selector == rule_id else specificity(selector)
                if rank >= best:
                    best, on = rank, False
        if on:
            chosen.add(rule_id)
    return chosen
