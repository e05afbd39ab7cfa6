"""The ask: request sentences, the writer's goal sentences, generic objects, reasons, and for
each target whether it belongs to the ask. Also the sentence breaks a message needs."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from pitchlint.analysis.patterns import (
    ASK_KEY, CONTEXT_KEY, GENERIC_KEY, GOAL_KEY, TARGET_LABELS, TARGETS_KEY, TRIGGER_KEY,
    compile_patterns, label_of, read_patterns, register_extensions,
)
from pitchlint.analysis.targets import LIST_GLUE, PRONOUNS

CLAUSE_BREAKS = {",", ";", ":", "--", "—", "–", "(", ")", "!", "?", ".", "\n"}
CLAUSE_CONJUNCTIONS = {"and", "but", "so", "because", "since", "while", "although", "though", "yet"}


class StatementFinder:
    """Finds the request sentences, the writer's goal sentences, generic objects and reasons,
    and decides for each target whether it belongs to the ask."""

    def __init__(self, nlp: Language, pack_dir: Path):
        register_extensions()
        path = pack_dir / "patterns" / "asks.jsonl"
        self.matcher, _ = compile_patterns(nlp.vocab, read_patterns(path), path)

    def __call__(self, doc: Doc) -> Doc:
        found: dict[str, list[Span]] = {}
        for match_id, start, end in self.matcher(doc):
            found.setdefault(label_of(doc, match_id), []).append(Span(doc, start, end))
        triggers = found.get("ASK", [])
        asked = {span.sent.start for span in triggers}
        triggers += [q for q in _questions_to_the_reader(doc, found.get("SMALLTALK", [])) if q.start not in asked]
        ask_sents = _sentences_with(doc, triggers)
        leads = ask_sents + [s for s in _sentences_with(doc, found.get("ASK_LIST", [])) if len(s) <= 8]
        ask_sents = _with_list_items(doc, ask_sents, leads)
        ask_sents = _with_examples(doc, ask_sents, _sentences_with(doc, found.get("ASK_EXAMPLES", [])))
        goal_sents = [s for s in _sentences_with(doc, found.get("GOAL", [])) if s not in ask_sents]
        doc.spans[ASK_KEY] = [Span(doc, s.start, s.end, label="ASK") for s in ask_sents]
        doc.spans[GOAL_KEY] = [Span(doc, s.start, s.end, label="GOAL") for s in goal_sents]
        doc.spans[TRIGGER_KEY] = _longest(triggers)
        ask_starts = {s.start for s in ask_sents}
        doc.spans[GENERIC_KEY] = [
            g for g in _longest(found.get("GENERIC", [])) if g.sent.start in ask_starts
        ]
        # A reason the reader could repeat: an explicit one ("because", "my goal"), the writer's
        # background ("I spent eight years at..."), or a stated goal sentence.
        reasons = found.get("CONTEXT", []) + found.get("SELF", [])
        reasons += [Span(doc, s.start, s.end) for s in goal_sents]
        doc.spans[CONTEXT_KEY] = _longest(reasons)
        self_ends = {span.end for span in found.get("SELF", [])}
        admire_ends = self_ends | {span.end for span in found.get("ADMIRE", [])}
        goal_starts = {s.start for s in goal_sents}
        targets = [t for t in doc.spans[TARGETS_KEY] if t.label_ in TARGET_LABELS]
        by_start = {t.start: t for t in doc.spans[TARGETS_KEY]}
        by_end = {t.end: t for t in doc.spans[TARGETS_KEY]}
        anchors = {t.start: _clause_anchors(doc, t, by_start, by_end) for t in targets}
        own = {start for start, places in anchors.items() if places & self_ends}
        admired = {start for start, places in anchors.items() if places & admire_ends}
        # An ask that points back ("anyone at any of those?", "anyone there?") takes in the
        # nearest sentence before it that names targets; admiring a company does not stop it
        # being the one the ask points to.
        candidates = {t.sent.start for t in targets if t.start not in own}
        pointed_back = set()
        for anaphor in found.get("ANAPHOR", []):
            if anaphor.sent.start in ask_starts:
                referent = _nearest_before(doc, anaphor.sent, candidates, limit=4)
                if referent is not None:
                    pointed_back.add(referent)
        for span in targets:
            sent_start = span.sent.start
            direct = sent_start in ask_starts and span.start not in admired
            span._.in_ask = direct or (sent_start in pointed_back and span.start not in own)
            span._.in_goal = sent_start in goal_starts and span.start not in admired
        return doc


def _nearest_before(doc: Doc, sent: Span, wanted: set[int], limit: int) -> int | None:
    """Start of the nearest of up to `limit` sentences before `sent` whose start is in `wanted`."""
    i = sent.start
    for _ in range(limit):
        if i <= 0:
            return None
        previous = doc[i - 1].sent
        if previous.start in wanted:
            return previous.start
        i = previous.start
    return None


LIST_MARKERS = ("- ", "* ", "• ", "+ ", "– ", "→", "-> ", "> ")


def _line_of(doc: Doc, char: int) -> str:
    text = doc.text
    start = text.rfind("\n", 0, char) + 1
    end = text.find("\n", char)
    return text[start:end if end >= 0 else len(text)]


def _is_list_item(doc: Doc, sent: Span) -> bool:
    """The sentence is on a list item's line."""
    line = _line_of(doc, sent.start_char).lstrip()
    if line.startswith(LIST_MARKERS):
        return True
    number = line.split(" ", 1)[0]
    return number[:-1].isdigit() and number[-1:] in (".", ")") and line[len(number):len(number) + 1] == " "


def _with_list_items(doc: Doc, asks: list[Span], leads: list[Span]) -> list[Span]:
    """An ask that ends with a colon ("I'd love 20 minutes with:") or a heading such as "Asks"
    makes the list right after it part of the ask."""
    lead_starts = {s.start for s in leads
                   if s.text.rstrip().endswith(":") or "\n" in doc[s.end - 1].text or s.end == len(doc)
                   or _line_of(doc, s.start_char).strip() == s.text.strip()}
    chosen = {s.start: s for s in asks}
    sentences = list(doc.sents)
    for i, sent in enumerate(sentences):
        if sent.start not in lead_starts:
            continue
        for item in sentences[i + 1:]:
            if not item.text.strip():
                continue
            if not _is_list_item(doc, item):
                break
            chosen.setdefault(item.start, item)
    return [chosen[k] for k in sorted(chosen)]


READER_CUES = {"you", "your", "anyone", "anybody", "someone", "somebody", "any", "who", "y'all", "whom"}


def _questions_to_the_reader(doc: Doc, small_talk: list[Span]) -> list[Span]:
    """A question addressed to the reader is a request even without a known phrasing ("What would
    you do if you were me?"), unless it is small talk ("How was the trip?"). The whole question
    stands as the trigger."""
    chatty = {span.sent.start for span in small_talk}
    found = []
    for sent in doc.sents:
        words = [t for t in sent if not t.is_space]
        if not words or words[-1].text not in ("?", "?!", "??") or sent.start in chatty:
            continue
        if any(t.lower_ in READER_CUES for t in words):
            found.append(doc[words[0].i:words[-1].i + 1])
    return found


def _with_examples(doc: Doc, asks: list[Span], examples: list[Span]) -> list[Span]:
    """A sentence of examples right after an ask ("Think H-E-B, Hy-Vee, Publix.") belongs to it."""
    ends = {s.end for s in asks}
    extra = [s for s in examples if s.start in ends or (s.start - 1 in ends and doc[s.start - 1].is_space)]
    return sorted(asks + extra, key=lambda s: s.start)


def _sentences_with(doc: Doc, spans: list[Span]) -> list[Span]:
    seen: dict[int, Span] = {}
    for span in spans:
        sent = span.sent
        seen.setdefault(sent.start, sent)
    return [seen[k] for k in sorted(seen)]


def _longest(spans: list[Span]) -> list[Span]:
    from spacy.util import filter_spans

    return sorted(filter_spans(spans), key=lambda s: s.start)


def _clause_anchors(doc: Doc, span: Span, by_start: dict, by_end: dict) -> set[int]:
    """Token positions in the target's clause, walking back from it, where a pattern about the
    writer would have to end to claim the target ("I spent eight years at Amazon", "a big fan of
    Patagonia"). Neighbouring targets in the same list are stepped over."""
    places: set[int] = set()
    i = span.start
    sent_start = span.sent.start
    while i > sent_start:
        places.add(i)
        if i in by_end:  # skip over a neighbouring target in the same list
            i = by_end[i].start
            continue
        token = doc[i - 1]
        text = token.lower_
        if text in LIST_GLUE and (i in by_start):
            i -= 1
            continue
        if text in CLAUSE_BREAKS or "\n" in token.text:
            return places
        if text in CLAUSE_CONJUNCTIONS and _pronoun_follows(doc, i):
            return places
        i -= 1
    places.add(i)
    return places


def _pronoun_follows(doc: Doc, index: int) -> bool:
    return any(doc[j].lower_ in PRONOUNS for j in range(index, min(index + 2, len(doc))))
