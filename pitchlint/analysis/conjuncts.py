"""Targets named side by side.

A writer who wants several kinds of thing lists them: "almond growers and pistachio growers",
"a shop foreman or supervisor", "DHL Supply Chain, GXO or Ryder", "assistant editor, DIT, logger".
When the lexicons, the model or the parse find one item of such a list as a target, the items
coordinated with it are targets of the same statement: coordination joins like with like. Their
kind is the word lists' when they know the item's head, else the kind of the item beside it, and
the report says it was guessed.

The list is read from the words, not the parse: the small model often tags a list's plural nouns
as verbs ("pistachio/VB growers", "supervisor/VB"), and the Doc outside the parsed sentences has
no tags at all. An item is a run of at most MAX_WORDS content words between separators, in the
same sentence and line as the target beside it; a run that holds a function word, a number, a
pronoun, a generic or abstract noun ("anyone", "whatever gets me in the room", "growth") ends the
list. Precision first: an item that already holds a span of any kind, a capitalised item beside a
role or a field that no word list types ("Hi Sam, product managers ..."), and a lowercase item
beside a company ("Stripe or similar") are left alone.

After a dash or a colon, capitalised names beside an organisation kind or a field are its
examples ("a review site — Wirecutter, Consumer Reports"), which makes them companies.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from pitchlint.analysis.grammar import (
    POSSESSIVES,
    Words,
    head_kind,
    listed_kind,
    singular,
)
from pitchlint.analysis.patterns import TARGET_LABELS, TARGETS_KEY
from pitchlint.analysis.result import GUESSED

SEPARATORS = {",", "/", "and", "or", "nor"}  # "&" joins a name: "trust & safety", "Procter & Gamble"
DASHES = {"—", "–", "--", ":", "-"}  # "-" only with a space on both sides: a hyphen joins a word
DETERMINERS = {"a", "an", "the", "any"}
MAX_WORDS = 4
# words that end a list though no stop-word list holds them: "... or similar", "fintech, ideally"
LIST_ENDS = {"etc", "plus", "like", "including", "via", "per", "ideally", "preferably", "especially", "possibly", "maybe", "similar", "related",
             "adjacent", "whatnot", "stuff", "things", "thing", "ish", "pls", "please", "honestly", "really"}
WANTED = ("request", "goal")
NAME_JOINS = {"of", "for", "and", "the", "de", "la"}


def with_conjuncts(doc: Doc, words: Words, excluded: Callable[[int, int], bool]) -> list[Span]:
    """Adds to the Doc's targets the items listed beside a wanted target, and makes the spans
    listed beside it wanted too unless the parse put them out of reach (`excluded`); returns the
    new spans."""
    spans = list(doc.spans[TARGETS_KEY])
    at = {span.start: span for span in spans}
    ending: dict[int, Span] = {}  # the first span in `at` that ends at each token, as a scan of it finds
    for span in at.values():
        ending.setdefault(span.end, span)
    taken = {i for span in spans for i in range(span.start, span.end)}
    added: list[Span] = []
    for seed in [s for s in spans if s.label_ in TARGET_LABELS and s._.statement in WANTED]:
        items, labels, joined = _listed(doc, seed, at, ending, taken)
        if len(labels) > 1:
            continue  # "DHL Supply Chain, GXO or Ryder" read as a role and a company: a list of unlike things
        if not joined and len(items) < 2:
            continue  # "Congrats on the move to Figma, Sanjay!": two names and a comma make no list
        for start, end, after_dash in items:
            known = at.get(start)
            if known is not None:
                if known.label_ in TARGET_LABELS and known._.statement == "background" and not excluded(start, end):
                    known._.statement, known._.in_ask = seed._.statement, seed._.in_ask
                continue
            label = _kind(doc[start:end], seed.label_, after_dash, words)
            if label is None:
                break
            span = Span(doc, start, end, label=label)
            span._.statement, span._.in_ask, span._.source = seed._.statement, seed._.in_ask, GUESSED
            added.append(span)
            at[start] = span
            ending.setdefault(end, span)
            taken.update(range(start, end))
    if added:
        doc.spans[TARGETS_KEY] = sorted(spans + added, key=lambda s: (s.start, s.end))
    return added


def _listed(doc: Doc, seed: Span, at: dict[int, Span], ending: dict[int, Span],
            taken: set[int]) -> tuple[list[tuple[int, int, bool]], set[str], bool]:
    """The items listed with `seed`, nearest first on each side: (start, end, after a dash); the
    target labels of the spans among them and the seed; and whether a conjunction or a slash joins
    any of them (a comma alone may set off a name: "..., Sanjay!")."""
    items: list[tuple[int, int, bool]] = []
    labels = {seed.label_}
    joined = False
    for forward in (True, False):
        current = (seed.start, seed.end)
        examples = False  # past a dash: "a review site — Wirecutter, Consumer Reports"
        while True:
            item = _beside(doc, current, seed.sent, forward)
            if item is None:
                break
            start, end, after_dash = item
            examples = after_dash = examples or after_dash
            item = (start, end, after_dash)
            between = doc[min(end, current[1]):max(start, current[0])]
            joined = joined or after_dash or any(t.lower_ in SEPARATORS - {","} for t in between)
            known = at.get(start) if forward else ending.get(end)
            if known is not None:
                if known.label_ not in TARGET_LABELS:
                    break  # "Stripe, Seattle or remote": a place ends the list
                if not after_dash:  # examples after a dash name companies of the kind before it
                    labels.add(known.label_)
                items.append((known.start, known.end, after_dash))
                current = (known.start, known.end)
                continue
            if any(i in taken for i in range(start, end)):
                break
            items.append(item)
            current = (start, end)
    return items, labels, joined


def _beside(doc: Doc, span: tuple[int, int], sent: Span, forward: bool) -> tuple[int, int, bool] | None:
    """The item listed right after (or before) tokens `span` in the sentence and line: its token
    range, and whether a dash or colon (not a comma or a conjunction) set it off."""
    step = 1 if forward else -1
    i = span[1] if forward else span[0] - 1
    separators = 0
    after_dash = False
    while sent.start <= i < sent.end and _separator(doc[i]):
        separators += 1
        after_dash = after_dash or doc[i].text in DASHES
        i += step
    if not 1 <= separators <= 2 or (after_dash and not forward):
        return None
    first = i
    if forward and i < sent.end and doc[i].lower_ in DETERMINERS:
        i += 1  # "a farm manager or a PCA"; "The Infatuation" keeps its article
        if not (doc[first].text == "The" and i < sent.end and doc[i].text[:1].isupper()):
            first = i
    while sent.start <= i < sent.end and abs(i - first) <= MAX_WORDS and _content(doc, i):
        i += step
    if i == first or abs(i - first) > MAX_WORDS:
        return None
    start, end = (first, i) if forward else (i + 1, first + 1)
    if not forward and start >= sent.start + 2 and doc[start - 1].lower_ in NAME_JOINS \
            and doc[start - 2].text[:1].isupper() and doc[start].text[:1].isupper():
        return None  # "Places for People, Clarion": the name goes on to the left
    if not forward and start > sent.start and doc[start - 1].lower_ in POSSESSIVES | {"its"}:
        return None  # "our lab and pathology build": the writer's own
    if "\n" in doc[min(start, span[0]):max(end, span[1])].text:
        return None  # a list on one line: the next line is another thought
    return start, end, after_dash


def _separator(token: Token) -> bool:
    if token.text == "-":  # a dash only when set off by spaces: "co-packers" is one word
        previous = token.doc[token.i - 1] if token.i else None
        return bool(token.whitespace_) and previous is not None and bool(previous.whitespace_)
    return token.lower_ in SEPARATORS or token.text in DASHES


def _content(doc: Doc, i: int) -> bool:
    """A word that can be part of a listed item: no function word, number, pronoun or mark. A
    hyphen inside a word ("co-packers", "post-production") is part of it."""
    token = doc[i]
    if token.text == "-" and not token.whitespace_ and i and not doc[i - 1].whitespace_:
        return True
    if token.lower_ in ("'s", "’s") and i + 1 < len(doc) and doc[i + 1].text[:1].isupper():
        return True  # "Tom's Guide"
    if token.is_space or token.is_stop or token.like_num or token.like_url or token.like_email:
        return False
    if token.lower_ in LIST_ENDS or token.lower_ in SEPARATORS:
        return False
    return any(c.isalpha() for c in token.text) and all(c.isalnum() or c in "&.'’-" for c in token.text)


def _kind(item: Span, beside: str, after_dash: bool, words: Words) -> str | None:
    """The label of a listed item beside a target labelled `beside`, or None when it is no target.
    The item's own head must say what it is (a word list, or the shape of a person noun or a
    field), unless it is a short acronym beside a role or a field ("DIT", "PCA") or a name beside a
    company: a list also holds conditions ("CDL-A drivers, regional routes, home every weekend")."""
    head = singular(item[-1].lower_)
    letters = [t for t in item if t.is_alpha]
    capitalised = bool(letters) and all(t.text[0].isupper() for t in letters)
    acronym = len(item) == 1 and item[0].text.isupper() and item[0].is_alpha and len(item[0].text) <= 6
    if after_dash:  # examples of an organisation kind or a field: names only
        return "COMPANY" if beside in ("COMPANY", "SECTOR") and capitalised and not acronym else None
    if beside == "COMPANY":
        return "COMPANY" if capitalised else None
    if head in words.job_words:
        return None  # "a role", "an opening"
    if head in words.generic_people:  # "managers" alone names no one, "store managers" a role
        return "ROLE" if len(item) > 1 else None
    if any(t.lower_ in words.generic_modifiers for t in item):
        return None  # "remote or hybrid"
    if acronym:  # "a site foreman or QS": a short acronym beside a role is one
        return beside
    listed = listed_kind(head, words)
    if listed is not None:
        return listed or None  # "" for generic or abstract: "anyone", "growth"
    if capitalised or head.endswith("ing"):
        # "Hi Sam, product managers", "Victorian and Tasmanian producers": a name or an adjective of
        # a place is no role; "starting as an assistant editor": a verb as often as a field
        return None
    return head_kind(head, words)
