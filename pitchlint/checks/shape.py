"""The shape of a message rather than its words: competing requests (`multiple-asks`), an ask
after a long preamble (`buried-ask`), and more than the channel allows (`length-budget`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from pitchlint.checks import pack_regex
from pitchlint.checks.findings import Finding
from pitchlint.checks.messages import format_message
from pitchlint.checks.pack import RuleContext
from pitchlint.checks.phrases import phrase_pattern
from pitchlint.checks.places import GREETING_WORDS, WORD

if TYPE_CHECKING:
    from regex import Match


def check_multiple_asks(ctx: RuleContext) -> Iterable[Finding]:
    """Several kinds of request compete (an intro, a job, a coffee, a résumé review)."""
    analysis = ctx.analysis
    requests: dict[str, list[str]] = ctx.rule.options.get("requests", {})
    found: dict[str, Match[str]] = {}
    for kind, phrases in requests.items():
        pattern = phrase_pattern(phrases)
        for ask in analysis.asks:
            match = pack_regex.search(pattern, analysis.text, ask.start, ask.end)
            if match:
                found.setdefault(kind, match)
                break
    if len(found) < ctx.rule.options.get("min", 3):
        return
    ordered = sorted(found.items(), key=lambda item: item[1].start())
    kinds = ", ".join(f"{kind} (\"{match.group(0)}\")" for kind, match in ordered)
    last = ordered[-1][1]
    yield ctx.finding(last.start(), last.end(), format_message(ctx.rule.message, count=len(found), requests=kinds))


GREETING_LINE = re.compile(r"^[ \t]*" + GREETING_WORDS + r"\b[^\n]{0,40}$", re.M)


def check_buried_ask(ctx: RuleContext) -> Iterable[Finding]:
    """The first ask comes after a long preamble; the preamble starts after the greeting line, so
    a title or subject line above "Hi all," does not count."""
    analysis = ctx.analysis
    if not analysis.asks:
        return
    first = analysis.asks[0]
    greeting = GREETING_LINE.search(analysis.text, 0, min(first.start, 600))
    start = greeting.end() if greeting else 0
    preamble = len(WORD.findall(analysis.text, start, first.start))
    if preamble < ctx.rule.options.get("words", 120):
        return
    trigger = analysis.trigger_in(first)
    yield ctx.finding(trigger.start, trigger.end, format_message(ctx.rule.message, words=preamble))


def check_length_budget(ctx: RuleContext) -> Iterable[Finding]:
    """Longer than the channel allows: characters for a LinkedIn note, words for e-mail and
    InMail, seconds of speech (at the configured words per minute) for a spoken pitch. The
    finding runs from where the budget is spent to the end of the message."""
    budget = ctx.rule.options.get("budgets", {}).get(ctx.channel)
    if not budget:
        return
    text = ctx.analysis.text
    if "characters" in budget:
        limit, unit = budget["characters"], "characters"
        size = len(" ".join(text.split()))
        cut = _offset_after_characters(text, limit) if size > limit else None
    else:
        words = list(WORD.finditer(text))
        per_minute = ctx.rule.options.get("words_per_minute", 150)
        word_limit = budget.get("words") or budget["seconds"] * per_minute // 60
        cut = words[word_limit].start() if len(words) > word_limit else None
        if "seconds" in budget:
            limit, unit, size = budget["seconds"], "seconds", round(len(words) * 60 / per_minute)
        else:
            limit, unit, size = word_limit, "words", len(words)
    if cut is None:
        return
    end = max(len(text.rstrip()), cut + 1)
    message = format_message(ctx.rule.message, channel=ctx.channel, size=size, limit=limit, unit=unit)
    yield ctx.finding(cut, end, message)


def _offset_after_characters(text: str, limit: int) -> int:
    """The offset in `text` where its white-space-folded form passes `limit` characters."""
    count, previous_space = 0, True
    for i, ch in enumerate(text):
        if ch.isspace():
            if not previous_space:
                count += 1
            previous_space = True
        else:
            count += 1
            previous_space = False
        if count > limit:
            return i
    return len(text)
