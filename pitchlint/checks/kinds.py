"""The registry of built-in rule kinds: the name a rule file gives as its `kind` -> the pure
function of the analysis that runs it (one module per family of kinds, as Vale keeps one file per
check type). Checks never read files, never call spaCy and keep no state: everything comes in the
`RuleContext`."""

from __future__ import annotations

from pitchlint.checks.ask import check_missing_ask, check_target_outside_ask, check_vague_ask
from pitchlint.checks.pack import Check
from pitchlint.checks.phrases import check_phrase, check_phrase_absent
from pitchlint.checks.placeholder import check_placeholder
from pitchlint.checks.recipient import check_recipient
from pitchlint.checks.required import check_context_required, check_target_required
from pitchlint.checks.shape import check_buried_ask, check_length_budget, check_multiple_asks

KINDS: dict[str, Check] = {
    "vague-ask": check_vague_ask,
    "missing-ask": check_missing_ask,
    "target-outside-ask": check_target_outside_ask,
    "target-required": check_target_required,
    "context-required": check_context_required,
    "recipient": check_recipient,
    "phrase": check_phrase,
    "phrase-absent": check_phrase_absent,
    "multiple-asks": check_multiple_asks,
    "buried-ask": check_buried_ask,
    "placeholder": check_placeholder,
    "length-budget": check_length_budget,
}
