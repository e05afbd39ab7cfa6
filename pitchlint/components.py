"""pitchlint's spaCy components: sentence breaks, target spans (COMPANY/ROLE/SECTOR) and the ask.

All word lists and token patterns are files of the rule pack (lexicons/*.txt, patterns/*.jsonl).
Patterns are compiled with the tokenizer only, so loading them never runs the statistical model.
"""

from __future__ import annotations

import json
from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token

from pitchlint.errors import ConfigError
from pitchlint.lexicon import Lexicon, read_lexicon, with_plurals

TARGET_LABELS = ("COMPANY", "ROLE", "SECTOR")
TARGETS_KEY = "pitchlint_targets"
ASK_KEY = "pitchlint_ask"
GOAL_KEY = "pitchlint_goal"
GENERIC_KEY = "pitchlint_generic"
CONTEXT_KEY = "pitchlint_context"
TRIGGER_KEY = "pitchlint_trigger"

# Nouns after a word that make it a field or a function: "retail space", "Training department".
CONTEXT_NOUNS = {
    "team", "teams", "department", "departments", "function", "functions", "role", "roles", "capacity",
    "field", "fields", "industry", "industries", "space", "sector", "sectors", "world", "side", "org",
    "organization", "group", "groups", "leader", "leaders", "leadership", "position", "positions",
    "companies", "company", "firms", "firm", "startups", "startup", "jobs", "job", "work", "career",
    "careers", "professionals", "people", "folks", "practice", "market", "vertical", "arena",
    "background", "experience", "brands", "businesses", "organizations", "nonprofits", "agencies",
}
CONTEXT_PREPOSITIONS = {"in", "into", "within"}
GREETINGS_AND_DETERMINERS = {"the", "dear", "hi", "hello", "hey", "thanks", "a", "an", "our", "my", "your"}
COMPANY_CUES_BEFORE = {"at", "for", "join", "joining", "joined", "from", "like", "including"}
LIST_GLUE = {",", "and", "or", "&", "/", "as well as"}
CLAUSE_BREAKS = {",", ";", ":", "--", "—", "–", "(", ")", "!", "?", ".", "\n"}
CLAUSE_CONJUNCTIONS = {"and", "but", "so", "because", "since", "while", "although", "though", "yet"}
PRONOUNS = {"i", "we", "you", "he", "she", "they", "it", "i'm", "i'd", "i've"}


def _register_extensions() -> None:
    if not Span.has_extension("in_ask"):
        Span.set_extension("in_ask", default=False)
        Span.set_extension("in_goal", default=False)
        Span.set_extension("source", default="")


def read_patterns(path: Path) -> list[dict]:
    patterns = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(path, f"cannot read patterns ({exc.strerror or exc})") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
            entry["label"], entry["pattern"]  # noqa: B018 - both keys are required
        except (ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"{path}:{number}", f"not a pattern line ({exc})") from None
        patterns.append(entry)
    return patterns


def _compile(vocab, patterns: list[dict], source: Path) -> tuple[Matcher, dict[str, list[list[bool]]]]:
    """A Matcher whose patterns may mark tokens with "CAPTURE": true; returns capture masks by key."""
    matcher = Matcher(vocab)
    captures: dict[str, list[list[bool]]] = {}
    for i, entry in enumerate(patterns):
        tokens = [dict(tok) for tok in entry["pattern"]]
        mask = [bool(tok.pop("CAPTURE", False)) for tok in tokens]
        key = f"{entry['label']}#{i}"
        try:
            matcher.add(key, [tokens])
        except Exception as exc:  # spaCy raises ValueError/MatchPatternError for bad patterns
            raise ConfigError(source, f"pattern {i + 1} is not valid ({exc})") from None
        captures[key] = [mask]
    return matcher, captures


def _label_of(doc: Doc, match_id: int) -> str:
    return doc.vocab.strings[match_id].split("#", 1)[0]


@Language.factory("pitchlint_breaks")
def make_breaks(nlp: Language, name: str):
    return SentenceBreaks()


class SentenceBreaks:
    """Blank lines and short lines (greetings, sign-offs) end a sentence, whatever the model says."""

    def __call__(self, doc: Doc) -> Doc:
        line_words = 0
        for token in doc[:-1]:
            if "\n" in token.text:
                short_line = 0 < line_words <= 4
                blank_line = "\n\n" in token.text.replace(" ", "").replace("\t", "")
                if blank_line or short_line or _starts_list_item(doc, token.i + 1):
                    doc[token.i + 1].is_sent_start = True
                line_words = 0
            elif not token.is_space:
                line_words += 1
        return doc


def _starts_list_item(doc: Doc, i: int) -> bool:
    """"- item", "* item", "• item", "1. item" or "1) item" at the start of a line."""
    token = doc[i]
    if token.text in ("-", "*", "•", "+", "–"):
        return True
    return token.like_num and i + 1 < len(doc) and doc[i + 1].text in (".", ")")


@Language.factory("pitchlint_targets", default_config={"pack_dir": ""})
def make_targets(nlp: Language, name: str, pack_dir: str):
    return TargetFinder(nlp, Path(pack_dir))


class TermMatcher:
    """Finds lexicon terms in a doc. One-word terms are looked up in a dict, so building the
    matcher creates no spaCy lexemes for them (most of the start-up cost); longer terms go through
    spaCy's PhraseMatcher, tokenized by the pipeline's own tokenizer (no model runs)."""

    def __init__(self, nlp: Language, attr: str):
        self.nlp = nlp
        self.attr = attr
        self.words: dict[str, set[str]] = {}
        self.phrases = PhraseMatcher(nlp.vocab, attr=attr)

    def key(self, text: str) -> str:
        return text.lower() if self.attr == "LOWER" else text

    def is_one_token(self, term: str) -> bool:
        return term.isalpha() and term not in self.nlp.tokenizer.rules

    def add(self, label: str, terms: list[str]) -> None:
        longer = []
        for term in terms:
            if self.is_one_token(term):
                self.words.setdefault(self.key(term), set()).add(label)
            else:
                longer.append(term)
        if longer:
            self.phrases.add(label, list(self.nlp.tokenizer.pipe(longer)))

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        strings = doc.vocab.strings
        found = [(strings[match_id], start, end) for match_id, start, end in self.phrases(doc)]
        lower = self.attr == "LOWER"
        for token in doc:
            for label in self.words.get(token.lower_ if lower else token.text, ()):
                found.append((label, token.i, token.i + 1))
        return found


class TargetFinder:
    """Marks COMPANY, ROLE, SECTOR (and LOCATION) spans from lexicons, context patterns and the NER."""

    def __init__(self, nlp: Language, pack_dir: Path):
        _register_extensions()
        lexicon_dir = pack_dir / "lexicons"
        self.lexicons = {
            "ROLE": _required_lexicon(lexicon_dir / "roles.txt"),
            "SECTOR": _required_lexicon(lexicon_dir / "sectors.txt"),
            "COMPANY": _required_lexicon(lexicon_dir / "companies.txt"),
        }
        ambiguous = _optional_words(lexicon_dir / "companies-ambiguous.txt")
        self.not_companies = {w.lower() for w in _optional_words(lexicon_dir / "not-companies.txt")}
        self.role_modifiers = {w.lower() for w in _optional_words(lexicon_dir / "role-modifiers.txt")}

        self.phrases = TermMatcher(nlp, "LOWER")
        self.names = TermMatcher(nlp, "ORTH")
        # company names written in lower case ("know anyone at stripe?") count only in context
        self.lower_names = TermMatcher(nlp, "LOWER")
        for label in ("ROLE", "SECTOR"):
            lexicon = self.lexicons[label]
            self.phrases.add(label, with_plurals(lexicon.plain))
            self.phrases.add(f"{label}?", with_plurals(lexicon.needs_context))
        companies = self.lexicons["COMPANY"]
        unsure = companies.needs_context + ambiguous
        self.names.add("COMPANY", companies.plain)
        self.names.add("COMPANY?", unsure)
        self.lower_names.add("COMPANY?", companies.plain + unsure)
        targets_file = pack_dir / "patterns" / "targets.jsonl"
        lists_file = pack_dir / "patterns" / "lists.jsonl"
        self.context, self.captures = _compile(nlp.vocab, read_patterns(targets_file), targets_file)
        self.list_intro, _ = _compile(nlp.vocab, read_patterns(lists_file), lists_file)

    def __call__(self, doc: Doc) -> Doc:
        # (start, end, label, priority, source); higher priority wins an overlap, then length.
        candidates: list[tuple[int, int, str, int, str]] = []
        pending: list[tuple[int, int, str]] = []
        for matcher in (self.phrases, self.names, self.lower_names):
            for label, start, end in matcher(doc):
                if label.endswith("?"):
                    pending.append((start, end, label[:-1]))
                else:
                    candidates.append((start, end, label, 3, "lexicon"))
        for match_id, start, end, alignment in self.context(doc, with_alignments=True):
            key = doc.vocab.strings[match_id]
            mask = self.captures[key][0]
            picked = [start + k for k, pattern_index in enumerate(alignment) if mask[pattern_index]]
            label = key.split("#", 1)[0]
            # each run of captured tokens is one span: "quality or regulatory team" gives two
            for run_start, run_end in _runs(picked):
                candidates.append((run_start, run_end, label, 2, "pattern"))
        for _, start, end in self.list_intro(doc):
            candidates.extend((s, e, "COMPANY", 2, "pattern") for s, e in _list_items(doc, end))
        for ent in doc.ents:
            if ent.label_ == "ORG":
                span = self._company_from_model(doc, ent)
                if span is not None:
                    candidates.append((span[0], span[1], "COMPANY", 1, "model"))
            elif ent.label_ in ("GPE", "LOC"):
                candidates.append((ent.start, ent.end, "LOCATION", 1, "model"))
        candidates = [self._grow_role(doc, c) if c[2] == "ROLE" else c for c in candidates]
        kept = _resolve(candidates)
        listed = _company_list_members(doc, kept)
        if listed:  # a name in a list of companies is a company, whatever the model thought
            listed_tokens = {i for s, e in listed for i in range(s, e)}
            kept = [k for k in kept if listed_tokens.isdisjoint(range(k[0], k[1]))]
            kept += [(s, e, "COMPANY", 2, "list") for s, e in listed]
        # Ordinary words that name a target only in context ("work in retail", "at Target").
        for start, end, label in sorted(set(pending)):
            if any(s < end and start < e for s, e, *_ in kept):
                continue
            if _has_target_context(doc, start, end, label, kept):
                kept.append((start, end, label, 2, "lexicon-context"))
        kept.sort()
        spans = []
        for start, end, label, _, source in kept:
            span = Span(doc, start, end, label=label)
            span._.source = source
            spans.append(span)
        doc.spans[TARGETS_KEY] = spans
        return doc


    def _company_from_model(self, doc: Doc, ent: Span) -> tuple[int, int] | None:
        """The NER's ORG, trimmed of "the" and greetings, unless it is a tool, a credential or an
        unknown acronym with no company cue before it ("KYC", "PMP", "SQL")."""
        start, end = ent.start, ent.end
        while start < end and doc[start].lower_ in GREETINGS_AND_DETERMINERS:
            start += 1
        if start == end or doc[start:end].text.islower():
            return None
        text = doc[start:end].text
        if text.lower() in self.not_companies:
            return None
        looks_like_acronym = end - start == 1 and text.isupper() and len(text) <= 5
        cue = start > 0 and doc[start - 1].lower_ in COMPANY_CUES_BEFORE
        if (looks_like_acronym or any(ch.isdigit() for ch in text)) and not cue:
            return None
        return start, end

    def _grow_role(self, doc: Doc, cand):
        """A title grows leftwards over the words that belong to it ("charge" nurse)."""
        start, end, label, priority, source = cand
        limit = max(start - 3, doc[start].sent.start)
        while start > limit and doc[start - 1].lower_ in self.role_modifiers:
            if start - 2 >= 0 and doc[start - 2].lower_ in PRONOUNS | {"who", "to", "that"}:
                break  # "you lead claims analytics": here the word is a verb
            start -= 1
        return (start, end, label, priority, source)


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for i in indices:
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


def _company_list_members(doc: Doc, kept) -> list[tuple[int, int]]:
    """Capitalised names listed right after a company: "at NPR, Wondery or Pushkin"."""
    taken = {i for s, e, label, *_ in kept if label != "LOCATION" for i in range(s, e)}
    found = []
    for start, end, label, *_ in kept:
        if label != "COMPANY" or (end < len(doc) and doc[end].text not in (",", "/", "&") and doc[end].lower_ not in ("or", "and")):
            continue
        for s, e in _list_items(doc, end):
            if taken.isdisjoint(range(s, e)):
                found.append((s, e))
                taken.update(range(s, e))
    return found


def _required_lexicon(path: Path) -> Lexicon:
    if not path.is_file():
        raise ConfigError(path, "lexicon file is missing from the rule pack")
    return read_lexicon(path)


def _optional_words(path: Path) -> list[str]:
    if not path.is_file():
        return []
    lexicon = read_lexicon(path)
    return lexicon.plain + lexicon.needs_context


def _resolve(candidates):
    """Lexicon and context-pattern spans compete by length (the longer wins: "green/sustainability"
    over "sustainability"); the model's spans only fill what they leave free."""
    kept: list[tuple[int, int, str, int, str]] = []
    taken: set[int] = set()
    for cand in sorted(candidates, key=lambda c: (-min(c[3], 2), -(c[1] - c[0]), -c[3], c[0])):
        start, end = cand[0], cand[1]
        if taken.isdisjoint(range(start, end)):
            kept.append(cand)
            taken.update(range(start, end))
    return kept


def _is_name_token(token: Token) -> bool:
    """A capitalised word that can be part of a company name (not "I", not a sentence start)."""
    text = token.text
    return (text[:1].isupper() and text not in ("I", "I'm", "I'd", "I've")
            and not token.is_sent_start and not token.is_punct)


def _list_items(doc: Doc, index: int) -> list[tuple[int, int]]:
    """Names in a list such as "Nordstroms, Microsoft, or Starbucks" that starts at `index`,
    within one sentence."""
    items = []
    i = index
    while i < len(doc) and doc[i].lower_ in ("as", "--", "—", ":", "(", ",", "e.g.", "e.g"):
        i += 1
    sentence_end = doc[min(i, len(doc) - 1)].sent.end
    while i < sentence_end:
        token = doc[i]
        if token.text in (",", "&", "/") or token.lower_ in ("and", "or", "e.g.", "i.e."):
            i += 1
            continue
        if not _is_name_token(token):
            break
        start = i
        while i < sentence_end and _is_name_token(doc[i]):
            i += 1
        items.append((start, i))
    return items


def _has_target_context(doc: Doc, start: int, end: int, label: str, kept) -> bool:
    first, last = doc[start], doc[end - 1]
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    if label == "COMPANY":
        capitalised = first.text[:1].isupper() or first.text[:1].isdigit()
        if first.is_sent_start and capitalised:
            return False
        if before is not None and before.lower_ in COMPANY_CUES_BEFORE:
            return True
        if capitalised and after is not None and after.lower_ in ("'s", "’s"):
            return True
    else:
        if first.text[:1].isupper() and not first.is_sent_start:
            return True
        if after is not None and after.lower_ in CONTEXT_NOUNS:
            return True
        if before is not None and before.lower_ in CONTEXT_PREPOSITIONS:
            return True
    # a member of a list whose other members are targets of the same label
    for s, e, other_label, *_ in kept:
        if other_label != label:
            continue
        gap = doc[e:start] if e <= start else doc[end:s]
        if 0 < len(gap) <= 2 and all(t.text in LIST_GLUE or t.lower_ in LIST_GLUE for t in gap):
            return True
    return False


@Language.factory("pitchlint_ask", default_config={"pack_dir": ""})
def make_ask(nlp: Language, name: str, pack_dir: str):
    return AskFinder(nlp, Path(pack_dir))


class AskFinder:
    """Finds the request sentences, the writer's goal sentences, generic objects and reasons,
    and decides for each target whether it belongs to the ask."""

    def __init__(self, nlp: Language, pack_dir: Path):
        _register_extensions()
        path = pack_dir / "patterns" / "asks.jsonl"
        self.matcher, _ = _compile(nlp.vocab, read_patterns(path), path)

    def __call__(self, doc: Doc) -> Doc:
        found: dict[str, list[Span]] = {}
        for match_id, start, end in self.matcher(doc):
            found.setdefault(_label_of(doc, match_id), []).append(Span(doc, start, end))
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
        in_asks = {s.start for s in ask_sents}
        doc.spans[GENERIC_KEY] = [
            g for g in _longest(found.get("GENERIC", [])) if g.sent.start in in_asks
        ]
        doc.spans[CONTEXT_KEY] = _longest(found.get("CONTEXT", []))
        self_ends = {span.end for span in found.get("SELF", [])}
        ask_starts = {s.start for s in ask_sents}
        goal_starts = {s.start for s in goal_sents}
        # An ask that points back ("anyone at any of those?") takes in the sentences just before it.
        pointed_back = set()
        for anaphor in found.get("ANAPHOR", []):
            if anaphor.sent.start in ask_starts:
                pointed_back.update(_preceding_sentences(doc, anaphor.sent, 1))
        for span in doc.spans[TARGETS_KEY]:
            target = span.label_ in TARGET_LABELS and not _about_the_writer(doc, span, self_ends)
            sent_start = span.sent.start
            span._.in_ask = target and (sent_start in ask_starts or sent_start in pointed_back)
            span._.in_goal = target and sent_start in goal_starts
        return doc


def _preceding_sentences(doc: Doc, sent: Span, limit: int) -> list[int]:
    """Starts of up to `limit` sentences before `sent` in the same paragraph."""
    starts = []
    i = sent.start
    while len(starts) < limit and i > 0:
        boundary = doc[i - 1]
        if "\n\n" in boundary.text.replace(" ", ""):
            break
        previous = doc[i - 1].sent
        if previous.start == i:  # a lone white-space sentence
            break
        starts.append(previous.start)
        i = previous.start
    return starts


LIST_MARKERS = ("- ", "* ", "• ", "+ ", "– ")


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
    you do if you were me?"), unless it is small talk ("How was the trip?"). The question mark
    whole question stands as the trigger."""
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


def _about_the_writer(doc: Doc, span: Span, self_ends: set[int]) -> bool:
    """True when the target sits in a clause where the writer talks about their own past, present
    role or admiration ("I spent eight years at Amazon", "as a nurse", "a big fan of Patagonia")."""
    targets = {t.start: t for t in doc.spans[TARGETS_KEY]}
    target_ends = {t.end: t for t in doc.spans[TARGETS_KEY]}
    i = span.start
    sent_start = span.sent.start
    while i > sent_start:
        if i in self_ends:
            return True
        if i in target_ends:  # skip over a neighbouring target in the same list
            i = target_ends[i].start
            continue
        token = doc[i - 1]
        text = token.lower_
        if text in LIST_GLUE and (i in targets):
            i -= 1
            continue
        if text in CLAUSE_BREAKS or "\n" in token.text:
            return False
        if text in CLAUSE_CONJUNCTIONS and _pronoun_follows(doc, i):
            return False
        i -= 1
    return i in self_ends


def _pronoun_follows(doc: Doc, index: int) -> bool:
    return any(doc[j].lower_ in PRONOUNS for j in range(index, min(index + 2, len(doc))))
