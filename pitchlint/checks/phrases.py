"""Phrase lists from a rule's `options`: any of them in a scope (`phrase`: the asks, the opener
or the whole message), or none of them in the asks (`phrase-absent`). A pack can reuse both
kinds with its own phrases.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from pitchlint.checks import pack_regex
from pitchlint.checks.findings import Finding
from pitchlint.checks.messages import format_message
from pitchlint.checks.pack import RuleContext
from pitchlint.checks.places import regions

if TYPE_CHECKING:
    from regex import Pattern


def phrase_pattern(phrases: list[str], regex: bool = False) -> Pattern[str]:
    """Whole-word, case-insensitive; a straight apostrophe also matches a curly one. Run it with
    pack_regex.finditer/search, which bound its time."""
    parts = phrases if regex else [re.escape(p).replace("'", "['’]") for p in phrases]
    return pack_regex.compile_pattern(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])", ignore_case=True)


def check_phrase(ctx: RuleContext) -> Iterable[Finding]:
    """Any of `options.phrases` in `options.scope`: the asks, the opener, or the whole message."""
    options = ctx.rule.options
    if not options.get("phrases"):
        return
    pattern = phrase_pattern(options["phrases"], options.get("regex", False))
    text = ctx.analysis.text
    for start, end in regions(ctx.analysis, options.get("scope", "message")):
        for match in pack_regex.finditer(pattern, text, start, end):
            yield ctx.finding(match.start(), match.end(), format_message(ctx.rule.message, phrase=match.group(0)))


def check_phrase_absent(ctx: RuleContext) -> Iterable[Finding]:
    """An ask with none of `options.phrases` in it (e.g. nothing the reader can say yes to)."""
    analysis = ctx.analysis
    if not analysis.asks:
        return
    pattern = phrase_pattern(ctx.rule.options.get("phrases", []), ctx.rule.options.get("regex", False))
    if any(pack_regex.search(pattern, analysis.text, a.start, a.end) for a in analysis.asks):
        return
    anchor = analysis.trigger_in(default=analysis.asks[-1])
    yield ctx.finding(anchor.start, anchor.end)
