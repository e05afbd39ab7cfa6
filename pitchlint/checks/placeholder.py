"""`placeholder`: template slots and merge fields left in the message (`[Company]`,
`{{first_name}}`), by the patterns in the rule's `options`.
"""

from __future__ import annotations

from collections.abc import Iterable

from pitchlint.checks import pack_regex
from pitchlint.checks.findings import Finding
from pitchlint.checks.messages import format_message
from pitchlint.checks.pack import RuleContext


def check_placeholder(ctx: RuleContext) -> Iterable[Finding]:
    """Template slots and merge fields left in the message: `[Company]`, `{{first_name}}`."""
    text = ctx.analysis.text
    pattern = pack_regex.compile_pattern("|".join(f"(?:{p})" for p in ctx.rule.options.get("patterns", [])))
    for match in pack_regex.finditer(pattern, text):
        yield ctx.finding(match.start(), match.end(), format_message(ctx.rule.message, placeholder=match.group(0)))
