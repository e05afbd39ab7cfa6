"""Rule kinds that read the words and the shape of a message rather than its targets: phrase
lists (in the ask, the opener or anywhere), a missing next step, competing requests, a buried ask,
leaked template slots, and the length budget of a channel. Their word lists live in the rule
files' `options`, so a pack can reuse a kind with its own phrases."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from pitchlint.analysis import Analysis, Entity, Stretch
from pitchlint.checks import pack_regex
from pitchlint.checks.findings import Finding
from pitchlint.checks.pack import Check, RuleContext

if TYPE_CHECKING:
    from regex import Match, Pattern
    from spacy.tokens import Doc

WORD = re.compile(r"[\w’'-]+")
GREETING = re.compile(
    r"\A\s*(?i:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings)[ \t]+"
    r"((?:Dr\.?|Mr\.?|Ms\.?|Mrs\.?|Prof\.?)[ \t]+)?"
    r"([A-Z][\w’'-]*(?:[ \t]+[A-Z][\w’'-]*)?|<[^<>\n]{1,30}>|\{\{[^{}\n]{1,30}\}\}|\[[^\[\]\n]{1,30}\])"  # a name, or a slot
    r"(?:[ \t]+(?i:sir|ma['’]am|ji|san))?[ \t]*[,!:\n—-]")


def phrase_pattern(phrases: list[str], regex: bool = False) -> Pattern[str]:
    """Whole-word, case-insensitive; a straight apostrophe also matches a curly one. Run it with
    pack_regex.finditer/search, which bound its time."""
    parts = phrases if regex else [re.escape(p).replace("'", "['’]") for p in phrases]
    return pack_regex.compile_pattern(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])", ignore_case=True)


def regions(analysis: Analysis, scope: str) -> list[tuple[int, int]]:
    if scope == "ask":
        return [(a.start, a.end) for a in analysis.asks]
    if scope == "ask-and-after":  # a hedge often stands alone after the ask: "No pressure at all."
        if not analysis.asks:
            return []
        end_after = next_sentence_end(analysis)
        return [(a.start, end_after(a.end)) for a in analysis.asks]
    if scope == "opener":
        opener = first_sentence(analysis)
        return [(opener.start, opener.end)] if opener else []
    return [(0, len(analysis.text))]


def spacy_doc(analysis: Analysis) -> Doc:
    """The analysis's spaCy Doc, for the kinds that read sentences or tokens (the pipeline always
    keeps it; only an Analysis built by hand lacks one)."""
    if analysis.doc is None:
        raise ValueError("this rule reads the message's sentences, and the analysis has no spaCy Doc")
    return analysis.doc


def next_sentence_end(analysis: Analysis) -> Callable[[int], int]:
    """A function of an offset: where the first sentence with words that starts at or after it
    ends (the offset itself when none does). The sentences are read once and each offset found by
    bisection, so a message with many asks does not walk its sentences from the top for each."""
    starts: list[int] = []
    ends: list[int] = []
    for sent in spacy_doc(analysis).sents:
        if sent.text.strip():
            starts.append(sent.start_char)
            ends.append(sent.end_char)

    def end_after(offset: int) -> int:
        i = bisect.bisect_left(starts, offset)
        return ends[i] if i < len(starts) else offset

    return end_after


def first_sentence(analysis: Analysis, after_greeting: bool = True) -> Stretch | None:
    """The first sentence of prose, after a greeting line ("Hi Dana,") unless told otherwise."""
    for sent in spacy_doc(analysis).sents:
        text = sent.text.strip()
        if not text or (after_greeting and GREETING.match(text + "\n") and len(text.split()) <= 4):
            continue
        lead = len(sent.text) - len(sent.text.lstrip())
        return Stretch(sent.start_char + lead, sent.start_char + lead + len(text), text)
    return None


def check_phrase(ctx: RuleContext) -> Iterable[Finding]:
    """Any of `options.phrases` in `options.scope`: the asks, the opener, or the whole message."""
    options = ctx.rule.options
    if not options.get("phrases"):
        return
    pattern = phrase_pattern(options["phrases"], options.get("regex", False))
    text = ctx.analysis.text
    for start, end in regions(ctx.analysis, options.get("scope", "message")):
        for match in pack_regex.finditer(pattern, text, start, end):
            yield ctx.finding(match.start(), match.end(), ctx.rule.message.format(phrase=match.group(0)))


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
    yield ctx.finding(last.start(), last.end(), ctx.rule.message.format(count=len(found), requests=kinds))


GREETING_LINE = re.compile(r"^[ \t]*(?i:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings)\b[^\n]{0,40}$", re.M)


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
    yield ctx.finding(trigger.start, trigger.end, ctx.rule.message.format(words=preamble))


def check_placeholder(ctx: RuleContext) -> Iterable[Finding]:
    """Template slots and merge fields left in the message: `[Company]`, `{{first_name}}`."""
    text = ctx.analysis.text
    pattern = pack_regex.compile_pattern("|".join(f"(?:{p})" for p in ctx.rule.options.get("patterns", [])))
    for match in pack_regex.finditer(pattern, text):
        yield ctx.finding(match.start(), match.end(), ctx.rule.message.format(placeholder=match.group(0)))


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
    yield ctx.finding(cut, end, ctx.rule.message.format(channel=ctx.channel, size=size, limit=limit, unit=unit))


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


def greeting_name(text: str) -> tuple[str, int, int] | None:
    """The name in an opening greeting ("Hi Dana," / "Dear Dr. Okafor:") and where it is."""
    match = GREETING.match(text)
    if match is None:
        return None
    return match.group(2), match.start(2), match.end(2)


READERS = re.compile(
    r"(?:\byour\b(?:\s+[\w&'’-]+){0,4}"                       # "your commercial underwriting team at"
    r"|\byou(?:['’]re| are)?\s+(?:work|lead|run|manage|head|oversee|are|sit|joined)\b(?:\s+[\w&'’-]+){0,5})"
    r"\s+(?:at|with|for)\s*\Z", re.I)


def readers_companies(analysis: Analysis) -> list[Entity]:
    """Companies the message names as the reader's own, now: "your team at X", "you lead ... at X".
    "Anyone you know at X" and "when you were at X" are not."""
    doc = spacy_doc(analysis)
    found = []
    for entity in analysis.entities:
        if entity.label != "COMPANY":
            continue
        span = doc.char_span(entity.start, entity.end, alignment_mode="expand")
        if span is not None and READERS.search(analysis.text, span.sent.start_char, entity.start):
            found.append(entity)
    return found


KINDS: dict[str, Check] = {
    "phrase": check_phrase,
    "phrase-absent": check_phrase_absent,
    "multiple-asks": check_multiple_asks,
    "buried-ask": check_buried_ask,
    "placeholder": check_placeholder,
    "length-budget": check_length_budget,
}
