"""Statements: which sentences request something of the reader, which state the writer's goal,
and for each COMPANY / ROLE / SECTOR span which kind of statement it belongs to.

A span is a target when its statement is a request or a goal; the writer's past, the reader's
job, admiration and small talk are background. Within a sentence the nearest claim before a span
decides: "I spent eight years at Amazon" claims Amazon for the writer's past, while in "I was a
shift lead at a bakery, so any café job would suit me" the café job is the goal.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pitchlint.analysis.conjuncts import with_conjuncts
from pitchlint.analysis.grammar import (
    GRAMMAR_FOLDER,
    GREETINGS,
    POINTED_LINES,
    Reading,
    SentenceReading,
    bullets_follow,
    heading_line,
    read_words,
    reading_of,
    short_question,
)
from pitchlint.analysis.patterns import (
    ASK_KEY,
    CONTEXT_KEY,
    GENERIC_KEY,
    GOAL_KEY,
    REFUSAL_KEY,
    STATED_KEY,
    TARGET_LABELS,
    TARGETS_KEY,
    TRIGGER_KEY,
    TokenPattern,
    read_patterns,
    register_extensions,
)
from pitchlint.analysis.result import GUESSED, PATTERN
from pitchlint.analysis.sentences import text_of, with_sentence_lookup
from pitchlint.analysis.targets import LIST_GLUE, PRONOUNS, placeholder_test
from pitchlint.analysis.wordmatch import WordMatcher
from pitchlint.errors import ConfigError


def compile_word_patterns(patterns: list[TokenPattern], source: Path) -> WordMatcher:
    matcher = WordMatcher()
    for i, entry in enumerate(patterns):
        try:
            matcher.add(entry["label"], [dict(tok) for tok in entry["pattern"]], f"pattern {i + 1}")
        except (ValueError, TypeError, AttributeError) as exc:
            raise ConfigError(source, f"pattern {i + 1} is not valid ({exc})") from None
    return matcher

BLANK_LINE = re.compile(r"\n[ \t]*\n")
ADDRESSED = re.compile(r"\b(?:any|some|one|all|each|either) of (?:you|ya|y'all)\b|\b(?:anyone|anybody)\b"
                       r"|\b(?:that|this)(?:'s|’s| is) you\b|\b(?:someone|somebody) (?:who|that) fits?\b", re.I)
GREETING_ENDS = {",", "!", ":", "—", "–", "-", "--"}
CLAUSE_BREAKS = {",", ";", ":", "--", "—", "–", "(", ")", "!", "?", ".", "\n"}
CLAUSE_CONJUNCTIONS = {"and", "but", "so", "because", "since", "while", "although", "though", "yet"}
# Words of a title line (an e-mail's Subject, a heading) that make it a statement of the goal.
TITLE_GOAL_WORDS = {"referral", "referrals", "intro", "introduction", "introductions", "role", "roles",
                    "position", "positions", "opening", "openings", "seeking", "looking", "interest",
                    "application", "applying", "request", "internship", "hiring", "vacancy"}


SENTENCES_KEY = "pitchlint_sentences"  # Doc.user_data: the sentences found before the model ran


class Sentences(NamedTuple):
    found: dict[str, list[Span]]  # pattern label -> the spans it matched
    triggers: list[Span]  # the words that make a sentence a request
    goal_triggers: list[Span]  # ... and a goal
    asks: list[Span]  # request sentences, list items and examples included
    goals: list[Span]  # goal sentences that are not requests


def asks_pointing_back(sentences: Sentences) -> set[int]:
    """Where the request sentences start that point back with a pointer ("Know anyone still
    there?", "anyone who'd be a fit?"): the sentences before them may be what they ask about."""
    ask_starts = {s.start for s in sentences.asks}
    return {a.sent.start for a in sentences.found.get("ANAPHOR", []) if a.sent.start in ask_starts}


def _without_false_cues(doc: Doc, matches: list[tuple[str, int, int]]) -> dict[str, list[Span]]:
    """The patterns' matches by label, without the ones their words alone get wrong."""
    found: dict[str, list[Span]] = {}
    for label, start, end in matches:
        span = Span(doc, start, end)
        if label == "ANAPHOR" and span[-1].lower_ in ("fit", "match") and (any(
                t.lower_ in ("anything", "something") for t in doc[max(0, start - 3):start])
                or (end + 1 < len(doc) and doc[end].lower_ == "for" and doc[end + 1].lower_ in FITTING)):
            # "should you hear of anything that might be a fit", "who might be a fit for us": the thing
            # or the person fits the writer, and nothing is pointed back to
            continue
        if label == "GOAL" and len(span) == 1 and start and doc[start - 1].lower_ == "for":
            continue  # "Thank you for considering," signs off: a want verb alone after "for" is no want
        found.setdefault(label, []).append(span)
    return found


# what something is "a fit for" when the fit points back to nothing: "a fit for us", "a good fit for
# something like this" (the writer's product); "a fit for this role" points back to the role
FITTING = {"us", "me", "our", "my", "something", "anything", "it", "what"}


class StatementFinder:
    """Finds the request sentences, the writer's goal sentences, generic objects, refusals and
    reasons, and gives each target span its statement: request, goal or background."""

    def __init__(self, nlp: Language, pack_dir: Path):
        register_extensions()
        path = pack_dir / "patterns" / "asks.jsonl"
        self.matcher = compile_word_patterns(read_patterns(path), path)
        self.words = read_words(pack_dir / GRAMMAR_FOLDER)

    @with_sentence_lookup
    def sentences(self, doc: Doc) -> Sentences:
        """The request and goal sentences and what the patterns found, from the words alone:
        neither the model's entities nor the target spans are needed, so this can run before the
        NER and tell it where a target can be."""
        cached: Sentences | None = doc.user_data.get(SENTENCES_KEY)  # what this method stored
        if cached is not None:
            return cached
        found = _without_false_cues(doc, self.matcher(doc))
        triggers = found.get("ASK", [])
        asked = {span.sent.start for span in triggers}
        triggers += [q for q in _questions_to_the_reader(doc, found.get("SMALLTALK", [])) if q.start not in asked]
        ask_sents = _sentences_with(doc, triggers)
        leads = ask_sents + [s for s in _sentences_with(doc, found.get("ASK_LIST", [])) if len(s) <= 8]
        lines = _Lines(doc)
        ask_sents = _with_list_items(doc, lines, ask_sents, leads)
        ask_sents = _with_examples(doc, ask_sents, _sentences_with(doc, found.get("ASK_EXAMPLES", [])))
        goal_triggers = found.get("GOAL", []) + _title_goal(doc)
        goal_sents = _sentences_with(doc, goal_triggers)
        # a list under a goal that introduces it ("What I'm looking for:", "Target companies")
        goal_leads = [s for s in goal_sents if s.text.rstrip().endswith(":")]
        goal_leads += [s for s in _sentences_with(doc, found.get("GOAL_LIST", []))
                       if len(s) <= 12 and not lines.is_list_item(s.start_char)
                       and (s.text.rstrip().endswith(":") or lines.stripped(s.start_char) == s.text.strip())]
        goal_sents = _with_list_items(doc, lines, goal_sents + goal_leads, goal_leads)
        ask_starts = {s.start for s in ask_sents}
        goal_sents = [s for s in goal_sents if s.start not in ask_starts]
        found_sentences = Sentences(found, triggers, goal_triggers, ask_sents, goal_sents)
        doc.user_data[SENTENCES_KEY] = found_sentences
        return found_sentences

    @with_sentence_lookup
    def __call__(self, doc: Doc) -> Doc:
        found, triggers, goal_triggers, ask_sents, goal_sents = self.sentences(doc)
        del doc.user_data[SENTENCES_KEY]  # Spans of this Doc: not for pickling with it
        ask_starts = {s.start for s in ask_sents}
        reading = reading_of(doc)
        # an imperative the patterns have no words for ("Point me toward anybody in tile ...") asks too
        commands = [Span(doc, r.imperative, r.imperative + 1) for r in reading.sentences.values()
                    if r.imperative is not None and doc[r.imperative].sent.start not in ask_starts]
        if commands:
            triggers = triggers + commands
            ask_sents = sorted(ask_sents + [c.sent for c in commands], key=lambda s: s.start)
            ask_starts = {s.start for s in ask_sents}
            goal_sents = [s for s in goal_sents if s.start not in ask_starts]
        doc.spans[ASK_KEY] = [Span(doc, s.start, s.end, label="ASK") for s in ask_sents]
        doc.spans[GOAL_KEY] = [Span(doc, s.start, s.end, label="GOAL") for s in goal_sents]
        doc.spans[TRIGGER_KEY] = _longest(triggers)
        doc.spans[GENERIC_KEY] = [
            g for g in _longest(found.get("GENERIC", [])) if g.sent.start in ask_starts
        ]
        # A reason the reader could repeat: an explicit one ("because", "my goal"), the writer's
        # background ("I spent eight years at..."), or a stated goal sentence.
        reasons = found.get("CONTEXT", []) + found.get("SELF", [])
        reasons += [Span(doc, s.start, s.end) for s in goal_sents]
        doc.spans[CONTEXT_KEY] = _longest(reasons)
        goal_starts = {s.start for s in goal_sents}
        # where each goal sentence starts stating the goal: "After eight years at Acme I'm
        # looking for..." keeps Acme out of it
        goal_from = _first_in_sentence(goal_triggers)
        ask_from = _first_in_sentence(triggers)
        for start, sentence in reading.sentences.items():  # "Should anything come up for X, I'd ..."
            if start in ask_from and sentence.condition is not None and sentence.condition < ask_from[start]:
                ask_from[start] = sentence.condition
        targets = [t for t in doc.spans[TARGETS_KEY] if t.label_ in TARGET_LABELS]
        by_start = {t.start: t for t in doc.spans[TARGETS_KEY]}
        by_end = {t.end: t for t in doc.spans[TARGETS_KEY]}
        # Who claims a span: the nearest claim before it in its clause. The writer's own past or
        # admiration makes it background; a request or a goal phrase makes it wanted.
        claims: dict[int, str] = {}
        wanted_ends = {span.end for span in triggers + goal_triggers}
        asked_from = _first_in_sentence(triggers + goal_triggers)
        for kind, label in (("own", "SELF"), ("admired", "ADMIRE"), ("topic", "TOPIC")):
            for span in found.get(label, []):
                if span.start in wanted_ends:
                    continue  # "want to make my career in quality": the career is the goal
                cue = asked_from.get(span.sent.start, span.start)
                if len(span) == 1 and cue < span.start and _same_clause(doc, cue, span.start):
                    continue  # "a referral to a former colleague who ran sourcing": whom the writer asks for
                claims.setdefault(span.end, kind)
        for span in triggers + goal_triggers:  # at the same place, wanting wins
            claims[span.end] = "wanted"
        claimed = {t.start: _claim(doc, t, by_start, by_end, claims) for t in targets}
        # An ask that points back ("anyone at any of those?", "anyone there?") takes in the
        # nearest sentence before it that names targets, the writer's past and admired companies
        # included: "I spent six years at Amazon. Know anyone still there?" asks about Amazon.
        candidates = {t.sent.start for t in targets}
        wanted_sents = {t.sent.start for t in targets if claimed[t.start] not in ("own",)}
        pointed_back: dict[int, bool] = {}  # sentence start -> whether the writer's own count
        anaphor_at: dict[int, int] = {}  # ask sentence -> where its last pointer back starts
        for anaphor in found.get("ANAPHOR", []):
            if anaphor.sent.start in ask_starts:
                anaphor_at[anaphor.sent.start] = max(anaphor_at.get(anaphor.sent.start, -1), anaphor.start)
                # only a pointer to a place ("anyone still there?") takes in the writer's past
                place = any(t.lower_ in ("there", "either", "both") for t in anaphor)
                referent = _nearest_before(doc, anaphor.sent, candidates if place else wanted_sents)
                if referent is not None:
                    pointed_back[referent] = pointed_back.get(referent, False) or place
        for span in targets:
            sent_start = span.sent.start
            claim = claimed[span.start]
            # in a request, a span before the asking words counts when it shares their clause or
            # opens the sentence ("At Stripe, do you know..."); "I'm a test engineer at Cummins,
            # mostly on battery testing, and I'd like to get..." keeps the testing out
            first_ask = ask_from.get(sent_start, span.sent.start)
            before_ask = span.start < first_ask and not claim and not (
                _same_clause(doc, span.end, first_ask) or _opens_sentence(doc, span)
                or span.end <= anaphor_at.get(sent_start, -1))
            direct = sent_start in ask_starts and claim not in ("own", "admired", "topic") and not before_ask
            span._.in_ask = direct or (sent_start in pointed_back and (claim != "own" or pointed_back[sent_start]))
            if span._.in_ask:
                span._.statement = "request"
            elif sent_start in goal_starts and claim != "topic" and (claim == "wanted" or (not claim and (
                    span.start >= goal_from.get(sent_start, 0) or _same_clause(doc, span.end, goal_from[sent_start])))):
                span._.statement = "goal"
            else:
                span._.statement = "background"
        places = {start for start, place in pointed_back.items() if place}
        targets += _with_grammar(doc, reading, ask_starts, goal_starts, claimed, places)
        targets += with_conjuncts(doc, self.words, reading.excluded)  # "almond growers and pistachio growers"
        doc.spans[REFUSAL_KEY] = _refusals(doc, found.get("REFUSAL", []), targets)
        wants_from = {start: min(r.wanted) for start, r in reading.sentences.items() if r.wanted}
        kept = list(doc.spans[TARGETS_KEY])
        # the asks and goals are whole sentences (the rules look at all of one: "I hate to ask, but ...");
        # what each clause states is kept beside them
        asks, before_asks = _from_clause(doc, list(doc.spans[ASK_KEY]), ask_from, [t for t in kept if t._.in_ask])
        goals, _ = _from_clause(doc, list(doc.spans[GOAL_KEY]), {**wants_from, **goal_from},
                                [t for t in kept if t._.statement == "goal"])
        # "I'd like to write for a review site, and would you know anyone?": the want before the ask is a goal
        wanted_at = [t.start for t in kept if t._.statement == "goal"]
        goals += [s for s in before_asks if any(s.start <= i < s.end for i in wanted_at)]
        stated = [Span(doc, s.start, s.end, label="request") for s in asks]
        stated += [Span(doc, s.start, s.end, label="goal") for s in goals]
        doc.spans[STATED_KEY] = sorted(stated, key=lambda s: s.start)
        return doc


def _with_grammar(doc: Doc, reading: Reading, ask_starts: set[int], goal_starts: set[int],
                  claimed: dict[int, str], places: set[int]) -> list[Span]:
    """What the parse adds to the patterns' statements: spans it puts out of reach (a negated or
    excluded want, the writer's past, the reader's job, the writer's product, a channel) become
    background; spans in the object of a want the patterns missed become goals; and typed noun
    phrases no lexicon knows, in a want's object or qualifying what a request asks for, become
    targets whose kind is guessed. Returns the new spans."""
    if not reading.sentences:
        return []
    listed, pointed = _lists_and_pointers(doc, reading, ask_starts, goal_starts)
    spans = _trimmed(doc, reading, list(doc.spans[TARGETS_KEY]), claimed)
    # names given as examples ("software such as Dentrix, Eaglesoft or Open Dental"): the model's one
    # span over several of them gives way to the names, and a name it found alone is as wanted as its list
    examples = {(p.start, p.end) for r in reading.sentences.values() for p in r.phrases if p.example}
    spans = [s for s in spans if s._.source != "model" or sum(s.start <= a and b <= s.end for a, b in examples) < 2]
    # "That's the kind of place I'd love to land.": the sentence before is what is wanted
    referred_before = {doc[r.start - 1].sent.start for r in reading.sentences.values() if r.refers_back and r.start}
    for span in spans:
        if span.label_ not in TARGET_LABELS:
            continue
        sentence = reading.at(span.start)
        # "I spent six years at Amazon. Anyone still there?": a place pointed back to keeps the writer's past
        pointed_to = span._.in_ask and span.sent.start in places
        if reading.excluded(span.start, span.end) and not pointed_to:
            span._.in_ask, span._.statement = False, "background"
        elif span._.statement != "background":
            continue
        elif span.sent.start in referred_before or (sentence is not None and any(
                i in sentence.referred for i in range(span.start, span.end))):
            span._.statement = "goal"  # "Supergiant and Motion Twin ... that's the kind of place I'd love to land"
        elif sentence is None:
            continue
        elif sentence.start in pointed or (sentence.start in ask_starts and span.start in sentence.conditioned):
            # "Controllers at construction firms. Anybody come to mind?", "If you work in offshore wind, ..."
            span._.in_ask, span._.statement = True, "request"
        elif (reading.wanted(span.start, span.end) or sentence.start in listed) \
                and claimed.get(span.start) not in ("topic", "admired") \
                and (span._.source != "model" or (span.start, span.end) in examples):
            span._.statement = "goal"  # the model's guesses ("moving to Asheville") stay where the patterns put them
    taken = {i for span in spans for i in range(span.start, span.end)}
    inside_placeholder = placeholder_test(doc)  # "[a role, e.g. product manager]" names no one
    added: list[Span] = []
    goal_sents = {s.start: s for s in doc.spans[GOAL_KEY]}
    for sentence in reading.sentences.values():
        for phrase in sentence.phrases:
            # (its head is never left out: read_sentence keeps no phrase whose head is)
            # a span a lexicon found among its modifiers stays, and the phrase starts after it:
            # "Dental" and "practice owners" in "Dental practice owners"
            start = max([i + 1 for i in range(phrase.start, phrase.head) if i in taken], default=phrase.start)
            if start != phrase.start and (start == phrase.head or not doc[start].is_alpha):
                continue  # "law firm" leaves "firm", "owner-operators" "-operators": no phrase of its own
            if any(i in taken for i in range(start, phrase.end)) or inside_placeholder(doc[start].idx):
                continue
            # a request asks for people by name of their kind ("any commercial beekeepers"), and for
            # anything else through what qualifies a generic object ("anyone who knows X")
            in_request = sentence.start in ask_starts and (phrase.head in sentence.qualified or phrase.label == "ROLE")
            if phrase.head in sentence.wanted or sentence.start in listed:
                statement = "goal"
            elif sentence.start in pointed or in_request:
                statement = "request"
            else:
                continue
            span = Span(doc, start, phrase.end, label=phrase.label)
            span._.statement, span._.in_ask, span._.source = statement, statement == "request", GUESSED
            added.append(span)
            taken.update(range(start, phrase.end))
        if (sentence.wants or sentence.start in listed) and sentence.start not in ask_starts | goal_starts:
            sent = doc[sentence.start].sent
            goal_sents[sent.start] = Span(doc, sent.start, sent.end, label="GOAL")
    doc.spans[TARGETS_KEY] = sorted(spans + added, key=lambda s: (s.start, s.end))
    doc.spans[GOAL_KEY] = [goal_sents[k] for k in sorted(goal_sents)]
    if pointed:
        doc.spans[ASK_KEY] = _with_pointed_lines(doc, list(doc.spans[ASK_KEY]), pointed)
    return added


def _with_pointed_lines(doc: Doc, asks: list[Span], pointed: set[int]) -> list[Span]:
    """A short question and the verbless lines it points back to are one request: the ask starts
    at the first of those lines."""
    ends = {doc[start].sent.end: start for start in pointed}
    widened = []
    for ask in asks:
        start = ask.start
        while start in ends:
            start = ends[start]
        widened.append(ask if start == ask.start else Span(doc, start, ask.end, label=ask.label_))
    return widened


def _trimmed(doc: Doc, reading: Reading, spans: list[Span], claimed: dict[int, str]) -> list[Span]:
    """The spans a pattern found, without the verbs, prepositions and adverbs the parse sees at their
    edges: a shape reads words, and "meet HR business partners" or "If Insulet" are not names."""
    kept: list[Span] = []
    for span in spans:
        if span._.source != PATTERN:
            kept.append(span)
            continue
        start, end = reading.trimmed(span.start, span.end)
        if (start, end) == (span.start, span.end):
            kept.append(span)
        elif start < end:
            trimmed = Span(doc, start, end, label=span.label_)
            trimmed._.in_ask, trimmed._.statement, trimmed._.source = span._.in_ask, span._.statement, span._.source
            if span.start in claimed:
                claimed[start] = claimed[span.start]
            kept.append(trimmed)
    return kept


def _lists_and_pointers(doc: Doc, reading: Reading, ask_starts: set[int],
                        goal_starts: set[int]) -> tuple[set[int], set[int]]:
    """Sentences that belong to a want or a request without a verb of their own: the items listed
    after a want that ends with a colon ("I'm hiring two people:") or under a heading that states a
    goal ("Ideal next role", then "Clinical research coordinator at a CRO."), and a verbless line
    that a short question right after it points back to ("Plant managers at food makers. Who comes
    to mind?")."""
    ordered = [reading.sentences[k] for k in sorted(reading.sentences)]
    listed: set[int] = set()
    pointed: set[int] = set()
    under_lead = False
    naming_people = False  # after "looking for people who have managed X.": "Transportation directors at Y."
    previous_end = -1
    for sentence in ordered:
        heading = heading_line(doc, sentence.start, sentence.end)
        greeting = _greets(doc, sentence)  # "Open to work: grants", then "Hi all!"
        under_lead = under_lead and sentence.verbless and not heading and not greeting
        naming_people = naming_people and sentence.plural and _next_to(doc, previous_end, sentence.start)
        if under_lead or naming_people:
            listed.add(sentence.start)
        under_lead = under_lead or (sentence.wants and sentence.lead) or (heading and sentence.start in goal_starts) \
            or (bool(sentence.wanted) and bullets_follow(doc, sentence.end))  # "**What I'm aiming for**", then "- X"
        naming_people = naming_people or sentence.wants_people
        previous_end = sentence.end
    # a short question points back to the verbless lines right before it, one or several
    # ("Ops leaders at cold-storage operators. Maintenance supervisors at poultry processors. Who
    # comes to mind?"), up to a line that has a verb or a blank line (items listed under a want stay goals)
    for sentence in reversed(ordered):
        if not sentence.verbless or sentence.end >= len(doc) or _all_left_out(doc, sentence):
            continue  # "4 years as an SDR at Gong." is the writer's past, whatever asks after it
        following = doc[sentence.end].sent  # parsed or not ("Anyone?")
        gap = text_of(doc)[doc[sentence.end - 1].idx:following.start_char]
        if (following.start in pointed and sentence.start not in listed and not BLANK_LINE.search(gap)) \
                or (following.start in ask_starts and is_short_question(following)):
            pointed.add(sentence.start)
    return listed, pointed | _addressed(doc, ordered) | _people_asked_about(doc, ordered, ask_starts)


def _people_asked_about(doc: Doc, ordered: list[SentenceReading], ask_starts: set[int]) -> set[int]:
    """Lines naming people in the plural without a verb, in the paragraph of a short question
    after them: "Court reporters or CART captioners in the Phoenix metro. [...] We need two by
    January. Who you got?" They say whom the question is about, with lines between."""
    found = set()
    text = text_of(doc)
    for sentence in ordered:
        if not sentence.plural or _greets(doc, sentence) or _all_left_out(doc, sentence) or sentence.end >= len(doc):
            continue  # "Hello fellow nurses!" greets the readers
        following = doc[sentence.end].sent
        for _ in range(POINTED_LINES):
            if BLANK_LINE.search(text[doc[sentence.end - 1].idx:following.start_char]):
                break  # the question is in another paragraph
            if following.start in ask_starts and is_short_question(following):
                found.add(sentence.start)
                break
            if following.end >= len(doc):
                break
            following = doc[following.end].sent
    return found


def _all_left_out(doc: Doc, sentence: SentenceReading) -> bool:
    return all(i in sentence.excluded for i in range(sentence.start, sentence.end)
               if not (doc[i].is_punct or doc[i].is_space))


def _next_to(doc: Doc, end: int, start: int) -> bool:
    """Whether a sentence starting at `start` follows the one ending at `end` with only spaces between."""
    return 0 <= end <= start and all(t.is_space for t in doc[end:start])


def _greeting(doc: Doc, start: int, end: int) -> Token | None:
    """The greeting tokens start..end open with ("Hi all!", "Hello fellow nurses!"), or None."""
    first = next((t for t in doc[start:end] if not t.is_space), None)
    return first if first is not None and first.lower_ in GREETINGS else None


def _greets(doc: Doc, sentence: SentenceReading) -> bool:
    return _greeting(doc, sentence.start, sentence.end) is not None


def _addressed(doc: Doc, ordered: list[SentenceReading]) -> set[int]:
    """The verbless lines a message opens with, without a greeting, when the rest of it asks for
    "any of you" or "anyone": "Arborists. Tree surgeons. Anyone on a council parks team. [...]
    would love a coffee with any of you". They name whom the writer wants to meet."""
    opening: list[int] = []
    expected = 0
    for sentence in ordered:
        # not "Seasoned operator relocating to X" (the writer), nor after a greeting (a plural line has words)
        if sentence.start != expected or not sentence.plural or _greets(doc, sentence):
            break
        opening.append(sentence.start)
        expected = sentence.end
        while expected < len(doc) and doc[expected].is_space:
            expected += 1
    if not opening:
        return set()
    # the rest of the message speaks to them ("would love a coffee with any of you"): the parse of
    # that sentence is no help, the writer's want there is often misread
    if ADDRESSED.search(text_of(doc)[doc[expected - 1].idx:]):
        return set(opening)
    return set()


def is_short_question(sent: Span) -> bool:
    """ "Who comes to mind?", "Anyone?", "Tag someone who fits!": a question or call short enough
    to point back to what came before (the line break after it not counted)."""
    return short_question(sent, text_of(sent.doc))


def _claim(doc: Doc, span: Span, by_start: dict[int, Span], by_end: dict[int, Span], claims: dict[int, str]) -> str:
    """"own", "admired", "topic" (what the reader is asked to explain: "walk me through
    Kubernetes"), "wanted" or "" (nothing claims it): the nearest claim in its clause."""
    for place in _clause_anchors(doc, span, by_start, by_end):
        kind = claims.get(place)
        if kind:
            return kind
    return ""


def _from_clause(doc: Doc, stretches: list[Span], cue_at: dict[int, int],
                 targets: list[Span]) -> tuple[list[Span], list[Span]]:
    """Each request or goal sentence from the clause that asks or wants: "I've been a project engineer
    for four years | and I'm on the hunt for an estimator role" is background, then a goal; so is
    "Hi Andrea, | I'm looking for ..." when the greeting has a line of its own. A stretch keeps its
    start when one of its targets comes before that clause ("At Stripe, do you know ..."). Returns the
    stretches and the parts cut off them."""
    starts = [t.start for t in targets]
    narrowed = []
    cut_off = []  # what the clause breaks left before each narrowed stretch
    for stretch in stretches:
        cue = cue_at.get(stretch.start)
        cut = _clause_start(doc, stretch.start, cue) if cue is not None else stretch.start
        cut = max(cut, _after_greeting(doc, stretch))
        if cut > stretch.start and not any(stretch.start <= s < cut for s in starts):
            cut_off.append(Span(doc, stretch.start, cut))
            stretch = Span(doc, cut, stretch.end, label=stretch.label_)
        narrowed.append(stretch)
    return narrowed, cut_off


def _after_greeting(doc: Doc, stretch: Span) -> int:
    """Where a stretch's words start after the greeting that opens its line ("Hi Pete, point me to
    anyone who buys for bike shops?"); its start when it opens with none."""
    first = _greeting(doc, stretch.start, stretch.end)
    if first is None:
        return stretch.start
    ends = (t.i + 1 for t in doc[first.i + 1:min(first.i + 6, stretch.end - 1)] if t.text in GREETING_ENDS)
    cut = next(ends, stretch.start)
    while cut < stretch.end - 1 and doc[cut].is_space:
        cut += 1
    return cut


def _clause_start(doc: Doc, start: int, cue: int) -> int:
    """The last clause break between `start` and the cue: a conjunction with a pronoun after it
    ("and I'm"), a dash or semicolon, or the end of a line that ends a phrase or is short."""
    cut = start
    line_start = start
    for i in range(start, min(cue + 1, len(doc))):  # the cue may be the conjunction itself ("and I'm after")
        token = doc[i]
        if token.lower_ in CLAUSE_CONJUNCTIONS and i > start and _pronoun_follows(doc, i + 1):
            cut = i
        elif token.text in (";", "—", "–", "--"):
            cut = i + 1
        elif "\n" in token.text or "\n" in token.whitespace_:
            words = [t for t in doc[line_start:i + 1] if not t.is_space]
            if words and (words[-1].text in (",", "!", ":", ".", "?") or len(words) <= 4):
                cut = i + 1
            line_start = i + 1
    while cut < cue and doc[cut].is_space:
        cut += 1
    return cut


def _first_in_sentence(spans: list[Span]) -> dict[int, int]:
    """Sentence start -> the token where the first of `spans` in that sentence starts."""
    first: dict[int, int] = {}
    for span in spans:
        sent = span.sent.start
        first[sent] = min(first.get(sent, span.start), span.start)
    return first


def _same_clause(doc: Doc, end: int, start: int) -> bool:
    """No clause break between token `end` and token `start`: "a café job would suit me"."""
    for i in range(end, start):
        token = doc[i]
        if token.lower_ in CLAUSE_BREAKS or "\n" in token.text:
            return False
        if token.lower_ in CLAUSE_CONJUNCTIONS and _pronoun_follows(doc, i + 1):
            return False
    return True


def _opens_sentence(doc: Doc, span: Span) -> bool:
    """The span sits in a short opening phrase: "At Stripe, ...", "For fintech roles, ..."."""
    return span.start - span.sent.start <= 3


def _refusals(doc: Doc, spans: list[Span], targets: list[Span]) -> list[Span]:
    """"I'm open to anything", "any field at all": a refusal to name a target, unless a target
    follows it in the same clause ("open to anything in fintech")."""
    kept = []
    starts = {t.start for t in targets}
    for span in _longest(spans):
        sent_end = span.sent.end
        if any(span.end <= i <= min(span.end + 3, sent_end) for i in starts):
            continue
        kept.append(span)
    return kept


def _title_goal(doc: Doc) -> list[Span]:
    """The message's first line as a title (an e-mail's Subject, a heading) when it stands alone
    above a blank line and reads as what the writer wants: "Referral request: QA analyst at Acme"."""
    text = text_of(doc)
    lead = len(text) - len(text.lstrip())
    line_end = text.find("\n", lead)
    if line_end < 0 or not BLANK_LINE.match(text, line_end):
        return []
    title = doc.char_span(lead, line_end, alignment_mode="expand")
    if title is None or len(title) > 16 or not any(t.lower_ in TITLE_GOAL_WORDS for t in title):
        return []
    return [title]


POINTED_BACK = 4  # how many sentences back an ask's pointer ("anyone there?") may reach


def sentences_before(doc: Doc, start: int, count: int = POINTED_BACK) -> Iterator[Span]:
    """The up to `count` sentences before token `start`, nearest first."""
    for _ in range(count):
        if start <= 0:
            return
        previous = doc[start - 1].sent
        yield previous
        start = previous.start


def _nearest_before(doc: Doc, sent: Span, wanted: set[int]) -> int | None:
    """Start of the nearest of the sentences an ask's pointer may reach whose start is in `wanted`."""
    return next((s.start for s in sentences_before(doc, sent.start) if s.start in wanted), None)


LIST_MARKERS = ("- ", "* ", "• ", "+ ", "– ", "→", "-> ", "> ")


class _Lines:
    """The Doc's text, read once (spaCy joins every token again on each read of `Doc.text`), and
    what the list checks ask of its lines, worked out once per line: one line can hold many
    sentences, and a check per sentence that sliced its whole line would be quadratic."""

    def __init__(self, doc: Doc):
        self.text = text_of(doc)
        self._breaks: list[int] | None = None
        self._stripped: dict[int, str] = {}
        self._items: dict[int, bool] = {}

    def bounds(self, char: int) -> tuple[int, int]:
        """Where the line holding `char` starts and ends (its newline excluded)."""
        if self._breaks is None:
            self._breaks = [m.start() for m in re.finditer("\n", self.text)]
        i = bisect.bisect_left(self._breaks, char)  # newlines before `char`
        start = self._breaks[i - 1] + 1 if i else 0
        return start, self._breaks[i] if i < len(self._breaks) else len(self.text)

    def stripped(self, char: int) -> str:
        """The line holding `char`, without white space around it."""
        start, end = self.bounds(char)
        if start not in self._stripped:
            self._stripped[start] = self.text[start:end].strip()
        return self._stripped[start]

    def is_list_item(self, char: int) -> bool:
        """The line holding `char` is a list item: "- item", "* item", "1. item", "2) item"."""
        start, end = self.bounds(char)
        if start not in self._items:
            self._items[start] = _is_list_line(self.text[start:end])
        return self._items[start]


def _is_list_line(line: str) -> bool:
    line = line.lstrip()
    if line.startswith(LIST_MARKERS):
        return True
    number = line.split(" ", 1)[0]
    return number[:-1].isdigit() and number[-1:] in (".", ")") and line[len(number):len(number) + 1] == " "


def _with_list_items(doc: Doc, lines: _Lines, asks: list[Span], leads: list[Span]) -> list[Span]:
    """An ask that ends with a colon ("I'd love 20 minutes with:") or a heading such as "Asks"
    makes the list right after it part of the ask."""
    lead_starts = {s.start for s in leads
                   if s.text.rstrip().endswith(":") or "\n" in doc[s.end - 1].text or s.end == len(doc)
                   or lines.stripped(s.start_char) == s.text.strip()}
    chosen = {s.start: s for s in asks}
    sentences = list(doc.sents)
    walked_to = 0  # the list after an earlier lead runs up to here
    for i, sent in enumerate(sentences):
        if sent.start not in lead_starts or i < walked_to:
            continue  # a lead inside a list already taken in adds nothing: its list is the same
        j = i + 1
        while j < len(sentences):
            item = sentences[j]
            if item.text.strip():
                if not lines.is_list_item(item.start_char):
                    break
                chosen.setdefault(item.start, item)
            j += 1
        walked_to = j
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


def _clause_anchors(doc: Doc, span: Span, by_start: dict[int, Span], by_end: dict[int, Span]) -> list[int]:
    """Token positions in the target's clause, walking back from it (nearest first), where a
    pattern would have to end to claim the target ("I spent eight years at Amazon", "a big fan of
    Patagonia", "I'm looking for"). Neighbouring targets in the same list are stepped over."""
    places: list[int] = []
    i = span.start
    sent_start = span.sent.start
    while i > sent_start:
        places.append(i)
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
    places.append(i)
    return places


def _pronoun_follows(doc: Doc, index: int) -> bool:
    return any(doc[j].lower_ in PRONOUNS for j in range(index, min(index + 2, len(doc))))
