"""Target spans: COMPANY, ROLE, SECTOR (and LOCATION) from lexicons, context patterns and the
model's NER, with the context checks that keep ordinary words ("target", "retail") out."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from pitchlint.analysis.lexicon import Lexicon, read_lexicon, with_plurals
from pitchlint.analysis.patterns import TARGETS_KEY, compile_patterns, read_patterns, register_extensions
from pitchlint.analysis.result import PATTERN
from pitchlint.analysis.sentences import text_of, with_sentence_lookup
from pitchlint.analysis.shapes import ShapeFinder, read_shapes
from pitchlint.analysis.term_tokens import TermTokens
from pitchlint.errors import ConfigError

if TYPE_CHECKING:
    from spacy.tokenizer import Tokenizer  # compiled, without type information: Any to mypy

# A target span before the overlaps are resolved: (start, end, label, priority, source)
Candidate = tuple[int, int, str, int, str]

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
ADJECTIVE_ENDINGS = ("ional", "ative", "ive", "ous", "ary", "ical")
PLACE_NOUNS = {"area", "region", "metro", "suburbs", "county", "valley", "corridor"}
GREETINGS_AND_DETERMINERS = {"the", "dear", "hi", "hello", "hey", "thanks", "a", "an", "our", "my", "your"}
COMPANY_CUES_BEFORE = {"at", "for", "join", "joining", "joined", "from", "like", "including"}
LIST_GLUE = {",", "and", "or", "&", "/", "as well as"}
HONORIFICS = {"Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Sir", "Dame"}
PRONOUNS = {"i", "we", "you", "he", "she", "they", "it", "i'm", "i'd", "i've"}


class TermMatcher:
    """Finds lexicon terms in a doc. One-word terms are looked up in a dict, so building the
    matcher creates no spaCy lexemes for them (most of the start-up cost); longer terms go through
    spaCy's PhraseMatcher as the keys of their tokens, tokenized by the pipeline's own tokenizer
    (no model runs) or read from the token cache (term_tokens.py), which gives the same keys."""

    def __init__(self, nlp: Language, attr: str, tokens: TermTokens | None = None) -> None:
        self.nlp = nlp
        self.attr = attr
        self.tokens = TermTokens(nlp) if tokens is None else tokens
        self.words: dict[str, set[str]] = {}
        self._by_key: dict[int, set[str]] = {}
        self.phrases = PhraseMatcher(nlp.vocab, attr=attr)

    def key(self, text: str) -> str:
        return text.lower() if self.attr == "LOWER" else text

    def is_one_token(self, term: str) -> bool:
        tokenizer: Tokenizer = self.nlp.tokenizer
        return term.isalpha() and term not in tokenizer.rules

    def add(self, label: str, terms: list[str]) -> None:
        longer = []
        for term in terms:
            if self.is_one_token(term):
                self.words.setdefault(self.key(term), set()).add(label)
            else:
                longer.append(term)
        if longer:
            # the same keys, in the same order, as adding the tokenized Docs would give
            keys = [keys for keys in self.tokens.keys(longer, self.attr) if keys]
            # spaCy takes a phrase as its token keys as well as a Doc; its stub names Docs only
            self.phrases.add(label, keys)  # type: ignore[arg-type]

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        strings = doc.vocab.strings
        found = [(strings[match_id], start, end) for match_id, start, end in self.phrases(doc)]
        # the one-word terms by the words' hashes in the Doc's array: no Token object per word
        by_key = self._words_by_key()
        for i, key in enumerate(doc.to_array(LOWER if self.attr == "LOWER" else ORTH).tolist()):
            for label in by_key.get(key, ()):
                found.append((label, i, i + 1))
        return found

    def _words_by_key(self) -> dict[int, set[str]]:
        """`words` keyed by the strings' hashes (the same label sets), made again when a word is added."""
        if len(self._by_key) != len(self.words):
            self._by_key = {get_string_id(word): labels for word, labels in self.words.items()}
        return self._by_key


class TargetFinder:
    """Marks COMPANY, ROLE, SECTOR (and LOCATION) spans from lexicons, context patterns and the NER."""

    def __init__(self, nlp: Language, pack_dir: Path, extra_packs: tuple[Path, ...] = ()) -> None:
        """The built-in pack's lexicons are required; an extra pack (from `packs` in the
        configuration) may add to any of them."""
        register_extensions()
        folders = [pack_dir / "lexicons"] + [Path(p) / "lexicons" for p in extra_packs]
        self.lexicons = {
            "ROLE": _merged_lexicon(folders, "roles.txt"),
            "SECTOR": _merged_lexicon(folders, "sectors.txt"),
            "COMPANY": _merged_lexicon(folders, "companies.txt"),
        }
        ambiguous = _words(folders, "companies-ambiguous.txt")
        self.not_companies = {w.lower() for w in _words(folders, "not-companies.txt")}
        self.generic = {w.lower() for w in _words(folders, "generic-modifiers.txt")}
        self.role_modifiers = {w.lower() for w in _words(folders, "role-modifiers.txt")}
        self.role_heads = {w.lower() for w in _words(folders, "role-heads.txt")}

        tokens = TermTokens(nlp)  # one token cache for the three matchers
        self.phrases = TermMatcher(nlp, "LOWER", tokens)
        self.names = TermMatcher(nlp, "ORTH", tokens)
        # company names written in lower case ("know anyone at stripe?") count only in context
        self.lower_names = TermMatcher(nlp, "LOWER", tokens)
        for label in ("ROLE", "SECTOR"):
            lexicon = self.lexicons[label]
            self.phrases.add(label, with_plurals(lexicon.plain))
            self.phrases.add(f"{label}?", with_plurals(lexicon.needs_context))
        companies = self.lexicons["COMPANY"]
        unsure = companies.needs_context + ambiguous
        self.names.add("COMPANY", companies.plain)
        self.names.add("ROLE", _words(folders, "role-abbreviations.txt"))
        self.names.add("COMPANY?", unsure)
        self.lower_names.add("COMPANY?", companies.plain + unsure)
        tokens.save()
        targets_file = pack_dir / "patterns" / "targets.jsonl"
        lists_file = pack_dir / "patterns" / "lists.jsonl"
        self.context, self.captures = compile_patterns(nlp.vocab, read_patterns(targets_file), targets_file)
        self.list_intro, _ = compile_patterns(nlp.vocab, read_patterns(lists_file), lists_file)
        self.shapes = ShapeFinder(read_shapes(pack_dir / "patterns" / "shapes.jsonl"))

    @with_sentence_lookup
    def __call__(self, doc: Doc) -> Doc:
        # (start, end, label, priority, source); higher priority wins an overlap, then length.
        candidates: list[Candidate] = []
        pending: list[tuple[int, int, str]] = []
        for matcher in (self.phrases, self.names, self.lower_names):
            for label, start, end in matcher(doc):
                if matcher is self.phrases and label.startswith("SECTOR") and _inside_name(doc, start, end):
                    continue  # "the Monterey Bay Aquarium", "Skokie Public Library": the name's, not a sector
                if label.endswith("?"):
                    pending.append((start, end, label[:-1]))
                else:
                    candidates.append((start, end, label, 3, "lexicon"))
        # with alignments each match is a 4-tuple; spaCy's stub gives the 3-tuple form only
        aligned = cast("list[tuple[int, int, int, list[int]]]", self.context(doc, with_alignments=True))
        for match_id, start, _end, alignment in aligned:
            key = doc.vocab.strings[match_id]
            mask = self.captures[key][0]
            picked = [start + k for k, pattern_index in enumerate(alignment) if mask[pattern_index]]
            label = key.split("#", 1)[0]
            # each run of captured tokens is one span: "quality or regulatory team" gives two
            for run_start, run_end in _runs(picked):
                bounds = self._shaped(doc, run_start, run_end, label)
                if bounds is not None:
                    candidates.append((bounds[0], bounds[1], label, 2, PATTERN))
        for label, start, end in self.shapes(doc):
            bounds = self._shaped(doc, start, end, label)
            if bounds is not None:
                candidates.append((bounds[0], bounds[1], label, 2, PATTERN))
        for _, _start, end in self.list_intro(doc):
            candidates.extend((s, e, "COMPANY", 2, PATTERN) for s, e in _list_items(doc, end))
        for ent in doc.ents:
            if ent.label_ == "ORG":
                for part in _listed_names(doc, ent.start, ent.end):
                    bounds = self._company_from_model(doc, doc[part[0]:part[1]])
                    if bounds is not None:
                        candidates.append((bounds[0], bounds[1], "COMPANY", 1, "model"))
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
        # The kept spans are indexed, by token and by where they start and end, so that each
        # term is tested against its neighbours only, not against every span kept so far.
        covered = bytearray(len(doc))
        edges: dict[str, tuple[set[int], set[int]]] = {}
        for start, end, label, *_ in kept:
            covered[start:end] = b"\x01" * (end - start)
            edges.setdefault(label, (set(), set()))[0].add(start)
            edges[label][1].add(end)
        for start, end, label in sorted(set(pending)):
            if any(covered[start:end]):
                continue
            if _has_target_context(doc, start, end, label, edges.get(label, (set(), set()))):
                kept.append((start, end, label, 2, "lexicon-context"))
                covered[start:end] = b"\x01" * (end - start)
                edges.setdefault(label, (set(), set()))[0].add(start)
                edges[label][1].add(end)
        kept.sort()
        inside_placeholder = placeholder_test(doc)
        spans = []
        for start, end, label, _, source in kept:
            if inside_placeholder(doc[start].idx):  # a slot to fill ("[a role, e.g. ...]") names nothing
                continue
            span = Span(doc, start, end, label=label)
            span._.source = source
            spans.append(span)
        doc.spans[TARGETS_KEY] = spans
        return doc


    def _shaped(self, doc: Doc, start: int, end: int, label: str) -> tuple[int, int] | None:
        """A span a context pattern caught by its shape, without the words that describe a job
        or company without naming one ("a new role", "large companies", "PE-backed firms"); None
        when nothing is left, or when a company name is an ordinary word ("anyone at work")."""
        if label == "COMPANY":
            return None if doc[start:end].text.lower() in self.not_companies else (start, end)
        while start < end:
            group_end = _hyphen_group_end(doc, start, end)
            words = doc[start:group_end]
            if not (words.text.lower() in self.generic or words[-1].lower_ in self.generic
                    or words.text in ("-", "/")):
                break
            start = group_end
        while start < end and doc[end - 1].text in ("-", "/"):
            end -= 1
        if start == end:
            return None
        return start, end

    def _company_from_model(self, doc: Doc, ent: Span) -> tuple[int, int] | None:
        """The NER's ORG, trimmed of "the" and greetings, unless it is a tool, a credential or an
        unknown acronym with no company cue before it ("KYC", "PMP", "SQL")."""
        start, end = ent.start, ent.end
        while start < end and doc[start].lower_ in GREETINGS_AND_DETERMINERS:
            start += 1
        if end - start > 1 and doc[end - 1].lower_ in ("'s", "’s"):
            end -= 1  # "Skokie Public Library's teen makerspace"
        while end > start and not any(ch.isalnum() for ch in doc[end - 1].text):
            end -= 1  # an emoji or a dash the model took in
        if end - start == 1 and len(doc[start].text) == 2 and doc[start].text.isupper() and start > 0 \
                and doc[start - 1].text == ",":
            return None  # "Elko, NV": a state
        if start == end or doc[start:end].text.islower() or not any(ch.isalpha() for ch in doc[start:end].text):
            return None
        if end < len(doc) and doc[end].lower_ in PLACE_NOUNS:
            return None  # "the Norfolk area", "the Dayton metro": a place
        if end - start == 1 and doc[start].lower_.endswith(ADJECTIVE_ENDINGS) and end < len(doc) \
                and doc[end].is_lower and doc[end].is_alpha:
            return None  # "Interventional cardiologists" opening a line: a capitalised adjective
        text = doc[start:end].text
        if text.lower() in self.not_companies or doc[start].text.rstrip(".") in HONORIFICS:
            return None
        looks_like_acronym = end - start == 1 and text.isupper() and len(text) <= 5
        cue = start > 0 and doc[start - 1].lower_ in COMPANY_CUES_BEFORE
        if (looks_like_acronym or any(ch.isdigit() for ch in text)) and not cue:
            return None
        return start, end

    def _grow_role(self, doc: Doc, cand: Candidate) -> Candidate:
        """A title grows leftwards over the words that belong to it: known modifiers ("charge"
        nurse), acronyms ("ICU RN", "A&P mechanics"), and capitalised words before a capitalised
        title ("Chief Underwriting Officer")."""
        start, end, label, priority, source = cand
        limit = max(start - 3, doc[start].sent.start)
        titled = doc[start].text[:1].isupper() and not doc[start].is_sent_start
        while start > limit:
            word = doc[start - 1]
            if start - 2 >= 0 and doc[start - 2].lower_ in PRONOUNS | {"who", "to", "that"}:
                break  # "you lead claims analytics": here the word is a verb
            acronym = word.text.isupper() and 2 <= len(word.text) <= 5 and word.text not in ("I", "OK")
            capitalised = titled and word.is_title and not word.is_stop
            if not (word.lower_ in self.role_modifiers or acronym or capitalised):
                break
            if start - 2 >= 0 and doc[start - 2].text == "-" and not doc[start - 2].whitespace_:
                break  # "single-site operations": the word belongs to a hyphenated modifier
            start -= 1
            if word.is_sent_start:
                break
        sent_end = doc[end - 1].sent.end
        while end < sent_end and doc[end].lower_ in self.role_heads and doc[end - 1].lower_ not in self.role_heads:
            end += 1  # "marketing leads", "analytics managers"
        return (start, end, label, priority, source)


def _listed_names(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """The model's one ORG over a list of names, cut into its names: "Magna, Linamar or Electrovaya"
    gives three. It is cut at commas, and at "or" or "and" when a comma lists too, only where every
    piece opens with a capital ("Procter & Gamble", "Johnson and Johnson" stay whole)."""
    tokens = doc[start:end]
    commas = [t.i for t in tokens if t.text == ","]
    if not commas:
        return [(start, end)]
    cuts = commas + [t.i for t in tokens if t.lower_ in ("or", "and")]
    pieces, last = [], start
    for cut in sorted(cuts):
        pieces.append((last, cut))
        last = cut + 1
    pieces.append((last, end))
    pieces = [(a, b) for a, b in pieces if a < b]
    if len(pieces) < 2 or not all(doc[a].text[:1].isupper() or doc[a].text[:1].isdigit() for a, _ in pieces):
        return [(start, end)]
    return pieces


def _hyphen_group_end(doc: Doc, start: int, end: int) -> int:
    """The end of the word that starts at `start` when hyphens join it to the next ones without
    spaces: "PE-backed" is three tokens and one word."""
    i = start + 1
    while i < end and not doc[i - 1].whitespace_ and (doc[i].text == "-" or doc[i - 1].text == "-"):
        i += 1
    return i


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for i in indices:
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


def _company_list_members(doc: Doc, kept: list[Candidate]) -> list[tuple[int, int]]:
    """Capitalised names listed right after a company: "at NPR, Wondery or Pushkin"."""
    taken = {i for s, e, label, *_ in kept if label != "LOCATION" for i in range(s, e)}
    found = []
    # where a walk along a list has been: from there on a later walk meets the same names, which
    # were taken then or could not be, so it stops (a list of n companies is walked once, not n times)
    walked: set[int] = set()
    for _start, end, label, *_ in kept:
        if label != "COMPANY" or (end < len(doc) and doc[end].text not in (",", "/", "&") and doc[end].lower_ not in ("or", "and")):
            continue
        for s, e in _list_items(doc, end, walked):
            if taken.isdisjoint(range(s, e)):
                found.append((s, e))
                taken.update(range(s, e))
    return found


def _merged_lexicon(folders: list[Path], name: str) -> Lexicon:
    """The lexicon `name` from every pack folder; the first (built-in) one must have it."""
    if not (folders[0] / name).is_file():
        raise ConfigError(folders[0] / name, "lexicon file is missing from the rule pack")
    merged = Lexicon()
    for folder in folders:
        if (folder / name).is_file():
            lexicon = read_lexicon(folder / name)
            merged.plain += lexicon.plain
            merged.needs_context += lexicon.needs_context
    return merged


def _words(folders: list[Path], name: str) -> list[str]:
    words: list[str] = []
    for folder in folders:
        if (folder / name).is_file():
            lexicon = read_lexicon(folder / name)
            words += lexicon.plain + lexicon.needs_context
    return words


def _resolve(candidates: list[Candidate]) -> list[Candidate]:
    """Lexicon and context-pattern spans compete by length (the longer wins: "green/sustainability"
    over "sustainability"); the model's spans only fill what they leave free."""
    kept: list[Candidate] = []
    taken: set[int] = set()
    for cand in sorted(candidates, key=lambda c: (-min(c[3], 2), -(c[1] - c[0]), -c[3], c[0])):
        start, end = cand[0], cand[1]
        if taken.isdisjoint(range(start, end)):
            kept.append(cand)
            taken.update(range(start, end))
    return kept


def _inside_name(doc: Doc, start: int, end: int) -> bool:
    """Tokens start..end are capitalised words of a longer name: a capitalised word right before
    them that is not the sentence's first ("Monterey Bay Aquarium", "the Gates Foundation")."""
    if not all(t.text[:1].isupper() for t in doc[start:end]) or start == 0:
        return False
    return _is_name_token(doc[start - 1])


def _is_name_token(token: Token) -> bool:
    """A capitalised word that can be part of a company name (not "I", not a sentence start)."""
    text = token.text
    return (text[:1].isupper() and text not in ("I", "I'm", "I'd", "I've")
            and not token.is_sent_start and not token.is_punct)


def _list_items(doc: Doc, index: int, walked: set[int] | None = None) -> list[tuple[int, int]]:
    """Names in a list such as "Nordstroms, Microsoft, or Starbucks" that starts at `index`,
    within one sentence. With `walked`, the walk stops at a name where an earlier walk (in the
    same set) started one, and records where its own names start."""
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
        if not _is_name_token(token) or walked is not None and i in walked:
            break
        if walked is not None:
            walked.add(i)
        start = i
        while i < sentence_end and _is_name_token(doc[i]):
            i += 1
        items.append((start, i))
    return items


def _has_target_context(doc: Doc, start: int, end: int, label: str,
                        same_label: tuple[set[int], set[int]]) -> bool:
    """Whether a term that names a target only in context has that context; `same_label` holds
    where the spans kept so far with the term's label start and end."""
    first = doc[start]
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
    # a member of a list whose other members are targets of the same label: one that ends or
    # starts one or two tokens of list glue away
    starts, ends = same_label
    gaps = [doc[e:start] for e in (start - 1, start - 2) if e in ends]
    gaps += [doc[end:s] for s in (end + 1, end + 2) if s in starts]
    for gap in gaps:
        if all(t.text in LIST_GLUE or t.lower_ in LIST_GLUE for t in gap):
            return True
    return False


# A bracketed slot someone meant to fill: pitchlint's own prompts ("[a role, e.g. product manager]"),
# merge fields ("[Company]", "[Your name]", "{{company}}"). Other brackets ("[Stripe](...)", a
# Markdown link's text) are prose.
_PLACEHOLDER = re.compile(
    r"\[(?:[^\[\]\n]{0,100}\be\.g\.[^\[\]\n]{0,100}|(?i:a|an|your|their|insert|target|company|name|role|title"
    r"|team|position|industry|city|contact)\b[^\[\]\n]{0,100})\]|\{\{[^{}\n]{1,100}\}\}")


def placeholder_test(doc: Doc) -> Callable[[int], bool]:
    """Whether a character offset falls inside a placeholder of the message."""
    found = [(m.start(), m.end()) for m in _PLACEHOLDER.finditer(text_of(doc))]
    if not found:
        return lambda offset: False
    starts = [start for start, _ in found]

    def inside(offset: int) -> bool:
        i = bisect.bisect_right(starts, offset)
        return i > 0 and offset < found[i - 1][1]

    return inside
