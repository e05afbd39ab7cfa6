"""`recipient`: the greeting or "your team at X" names someone other than the recipient the
configuration or the front matter gives.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pitchlint.analysis import Analysis, Entity
from pitchlint.checks.findings import Finding
from pitchlint.checks.messages import format_message
from pitchlint.checks.pack import RuleContext
from pitchlint.checks.places import GREETING, spacy_doc


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


def check_recipient(ctx: RuleContext) -> Iterable[Finding]:
    """The greeting or "your team at X" names someone other than the configured recipient."""
    profile = ctx.profile
    analysis = ctx.analysis
    if profile is None or not (profile.recipient_name or profile.recipient_company):
        return
    if profile.recipient_name:
        greeted = greeting_name(analysis.text)
        names = {part.lower().strip(".,") for part in profile.recipient_name.split()}
        # "Hi Marcus" and "Dear Dr. Lee" both greet Marcus Lee
        if greeted is not None and not names & {part.lower() for part in greeted[0].split()}:
            yield ctx.finding(greeted[1], greeted[2], format_message(ctx.rule.message,
                found=greeted[0], expected=profile.recipient_name))
    if profile.recipient_company:
        expected = profile.recipient_company.lower()
        for entity in readers_companies(analysis):
            if entity.text.lower() != expected and expected not in entity.text.lower():
                message = ctx.rule.options.get("message_company", ctx.rule.message)
                yield ctx.finding(entity.start, entity.end, format_message(message,
                    found=entity.text, expected=profile.recipient_company))
