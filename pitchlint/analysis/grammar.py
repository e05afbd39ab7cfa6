"""What the writer wants, read from the parse of each sentence.

The model's tagger and parser run on the sentences that can hold a want (a writer or a reader in
them, or a question), on pieces cut out of the Doc as the focused NER does, and each sentence's
parse is read for:

- **want-frames**: a verb, adjective or noun of wanting (rules/grammar/want-*.txt) whose subject is
  the writer ("I", "we", "my goal", "our team"), not negated and not in the past tense. The noun
  phrases of its object, complements and attached phrases are wanted. "I'm on the hunt for a co-op
  in a data field", "we're looking for growers", "I'd like to write for a review site".
- **what is left out**: whatever sits under a negation ("just not at Oracle", "never want to touch
  banking"), a word of leaving or excluding ("out of hotels", "done with insurance", "anything but
  sales"), the writer's past ("I spent eight years at ..."), the reader's job ("you lead the data team
  at ..."), the writer's own product ("we're building a tool for dental offices") or a channel
  ("message me on LinkedIn", a web or e-mail address).
- **typed heads**: a noun phrase counts as a target only if its head names a person (ROLE), an
  organisation (COMPANY) or a field (SECTOR), by the word lists or by the shape of the word, and is
  not in the closed set of generic words (anyone, leads, a job ...) or the abstract nouns (impact,
  growth ...). A generic job word with a modifier gives the modifier: "bar work", "a claims opening".

The statement component (statements.py) combines this with the lexicons' spans: the parse gives
the structure, the lexicons name the kind precisely, and the typed head decides whether a phrase no
lexicon knows is a target; its kind is then reported as guessed.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, cast

import numpy
from spacy.attrs import IS_ALPHA, LOWER
from spacy.tokens import Doc, Span, Token

from pitchlint.analysis.chunks import Batched
from pitchlint.analysis.sentences import text_of, words_and_spaces
from pitchlint.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline.pipe import Pipe

GRAMMAR_KEY = "pitchlint_grammar"  # Doc.user_data: the Reading of this Doc
PARSE_COMPONENTS = ("tok2vec", "tagger", "parser")
MAX_SENTENCE_TOKENS = 80  # longer "sentences" (lists, run-ons without stops) are not parsed
MAX_PARSED_TOKENS = 4000  # per message: the parse is bounded on a long one
# sentences per batch through tok2vec, tagger and parser: the pieces are short, and the parser spends
# a fifth less per sentence in batches of 128 than of 32 (benchmark messages, this machine)
PARSE_BATCH = 128
SHORT_QUESTION = 8  # tokens: "Who comes to mind?" may point back to the verbless lines before it
POINTED_LINES = 6  # how many lines before such a question are parsed to see whether they have a verb
POINTED_LINE_TOKENS = 30  # ... each no longer than this
HEADING_WORDS = 8  # a section title that may state a goal ("Ideal next role"): its paragraph is parsed
OPENING_LINE_TOKENS = 12  # the short lines a message opens with are parsed: they may say whom it is for

WRITERS = {"i", "we"}
# what would be welcome: "Hatchery managers would also be great", "any intro to a fintech PM would be gold"
WELCOME = {"helpful", "useful", "great", "amazing", "ideal", "perfect", "wonderful", "valuable", "gold", "golden",
           "brilliant", "fantastic", "awesome", "invaluable", "welcome", "appreciated", "huge", "lovely", "ace"}
SEEKING = {"looking", "seeking", "searching", "recruiting"}  # a named organisation's search: "X is looking for"
NEEDING = {"need", "needs", "needed", "needing"}
PREFERRING = {"ideally", "preferably", "ideal"}
WRITER_POSSESSIVES = {"my", "our"}
POSSESSIVES = WRITER_POSSESSIVES | {"your", "their", "his", "her"}  # "my skills", "your team": someone's own
READERS = {"you", "u", "ya", "y'all"}
CATTLE = {"anyone", "anybody", "someone", "somebody", "anything", "something", "whoever", "whatever"}
# A clause whose subject is the reader is the reader's job ("you lead ops at X") unless its verb
# is one of asking: "do you know anyone at X", "if you hear of ...".
# Verbs of the reader's job ("you lead the data team at X"): their clause is the reader's, not a want.
READER_JOB = {"work", "works", "working", "lead", "leads", "leading", "run", "runs", "running", "manage", "manages",
              "managing", "head", "heads", "oversee", "oversees", "sit", "sits", "own", "owns", "cover", "covers",
              "handle", "handles", "teach", "teaches", "build", "builds", "do", "does", "joined", "moved", "started"}
# ... and of the reader's hiring, in a clause that qualifies what the writer asks for: "any positions
# you're recruiting for" are the reader's openings, whatever they are ("are you hiring engineers?" asks).
READER_HIRING = {"recruit", "recruits", "recruiting", "hire", "hires", "hiring", "fill", "fills", "filling",
                 "staff", "staffing", "source", "sourcing"}
# Verbs of wanting whose past still wants: "I've always wanted to work at X", "I'd hoped to join".
LIKING = {"like", "likes", "love", "loves"}  # without "would", a liking: "I love the research side"
STILL_WANTED = {"wanted", "hoped", "loved", "liked", "dreamed", "dreamt", "planned", "wished", "aimed"}
DURATIONS = {"year", "yr", "month", "mo", "week", "wk", "decade", "day", "summer", "season", "semester"}
TIME_UNITS = {"hr", "hrs", "hour", "hours", "min", "mins", "minute", "minutes", "wk", "wks", "yr", "yrs", "mo", "mos"}
CURRENCY = {"$", "£", "€", "¥", "₹", "us$", "usd", "aud", "cad", "gbp", "eur"}
# Verbs of perceiving: "I saw Plant posted a PM opening" reports news, not the writer's past.
PERCEIVING = {"saw", "seen", "noticed", "read", "heard", "learned", "learnt", "spotted", "came", "found", "mentioned"}
BE = {"be", "am", "'m", "m", "is", "'s", "are", "'re", "was", "were"}
MOVING_TO = {"into", "to", "toward", "towards", "in"}
HAVE = {"have", "has", "'ve", "got"}
SPELT_TRYING = {"tryna", "trynna", "tryin"}  # "trying to" as texting spells it
WRITER_OPENINGS = {"i", "im", "i'm", "i’m", "m", "'m", "’m", "am", "just", "really", "rly", "still", "so", "ok", "and"}
# plural nouns of people the model reads as a verb after a noun: "Maintenance leads, reliability engineers, ..."
PEOPLE_READ_AS_VERBS = {"leads", "heads", "cooks", "nurses", "guards", "temps", "hires", "interns", "coaches", "judges"}
LABEL_WORDS = 6  # the most words of a label before a colon ("Where I want to plant myself:")
FUTURE_LABELS = {"next", "dream", "ideal", "ideally", "hoping", "goal", "goals", "target", "targets", "wishlist"}
TELLING = {"share", "tell", "let", "say", "mention", "update", "announce", "introduce", "ask", "reach", "note", "wanted"}
NEGATIONS = {"not", "n't", "never", "no", "nothing", "without"}
GREETINGS = {"hi", "hello", "hey", "dear", "hiya", "greetings", "morning", "evening", "afternoon", "yo", "howdy",
             "respected"}
# what may open a line before a person without being a verb: "Dear hiring manager", "Congrats team"
SALUTATIONS = GREETINGS | {"congrats", "congratulations", "welcome", "cheers", "bravo", "kudos", "shoutout", "wow"}
POSTSCRIPTS = {"ps", "pps"}  # "P.S. if you're connected to ...", with its dots taken out
IMPERATIVE_OPENERS = {"please", "pls", "plz", "also", "just", "so", "and", "oh", "kindly", "do"}
NOT_IMPERATIVE = {"let", "excuse", "forgive", "pardon", "bear", "hope", "thank", "thanks", "wish", "see", "note",
                  "mind", "congrats", "congratulate", "imagine", "picture", "guess", "trust", "believe", "say"}
IMPERATIVE_OBJECTS = CATTLE | {"me", "us", "them", "friend", "friends", "folks", "people", "anyone", "contact", "contacts"}
IMPERATIVE_PEOPLE = IMPERATIVE_OBJECTS - {"me", "us", "them"}  # whom "Tag a friend who..." is about
GRATEFUL = {"grateful", "thankful", "indebted", "obliged"}
REPLY_PLACES = {"below", "dm", "dms", "inbox", "comments"}  # "If you know one, comment below"
SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
NOUN_TAGS = {"NN", "NNS", "NNP", "NNPS"}
PAST = {"VBD"}
# the tags of words that never start or end a role, a sector or a company a pattern found
EDGE_TAGS = {"MD", "IN", "TO", "WDT", "WP", "WRB", "PRP", "PRP$", "RB", "UH", "CC", "EX"}
EDGE_VERBS = {"VB", "VBP", "VBZ", "VBD"}  # "to finance leaders": only where no list calls the word a field
CLIENTS = {"client", "customer"}
FUTURE = {"will", "'ll", "’ll"}
SUITING = {"suit", "fit", "interest", "excite"}
# what the writer studies names no target (GUIDE: "my MSN in nursing education")
DEGREES = {"degree", "bachelor", "bachelors", "master", "masters", "mba", "msc", "bsc", "phd", "b.e.", "b.e", "b.tech",
           "btech", "m.tech", "mtech", "b.sc", "m.sc", "diploma", "major", "minor", "coursework", "msn", "bsn"}
# "hear from", "learn from", "want it to come from angels": a source, not what is left
HEARING = {"hear", "hearing", "learn", "learning", "come", "coming", "raise", "raising"}
PAST_MARKS = {"after", "since", "when", "once", "before", "until", "while"}  # a clause of the past they open
WOULD = {"would", "'d", "d", "wd"}
SLIP_TAGS = {"UH", "IN", "NN", "JJ"}  # tags the small model gives "like" or "love" after "would"
# "I'd hate to bother you", "I'd have to check": a modal verb with an infinitive that is no wish
OWN_TIMES = {"career", "careers", "job", "role", "studies", "degree", "program", "programme", "year", "years",
             "days", "time", "field", "journey", "work"}  # "I'm early in my supply chain career"
STEERED = {"career", "search", "focus", "energy", "efforts", "sights", "path", "way"}  # "wiggle my way into X"
STEERED_TO = {"toward", "towards", "into", "to", "on", "onto"}
# what the writer has for people: "We have a paid consulting opportunity for benefits leaders"
SUPPORTING = {"support", "supports", "supporting", "sponsor", "sponsors", "sponsoring", "back", "backing"}
PAID = {"paid", "compensated", "honorarium"}
PAID_WORK = {"call", "consult", "consultation", "interview", "survey", "session", "chat", "project", "gig"}
OFFERS = {"opportunity", "opportunities", "engagement", "engagements", "consultation", "consultations"}
BUYING = {"buy", "buys", "use", "uses", "pay", "pays", "sign", "signs"}
CATTLE_PEOPLE = {"anyone", "anybody", "someone", "somebody", "whoever", "everyone", "everybody"}
PEOPLE_WORDS = {"people", "folks", "folk", "person", "friends", "contacts", "connections", "peers"}
# what people are in that names no field: "anyone in the area", "someone in particular", "folks in town"
NOT_A_FIELD = {"town", "city", "area", "region", "place", "person", "particular", "general", "charge", "mind", "touch",
               "need", "position", "situation", "network", "circle", "life", "world", "country", "state", "house",
               "office", "school", "class", "cohort", "program", "group", "family", "community", "neighborhood",
               "neighbourhood", "time", "way", "common", "future", "meantime", "addition", "room", "valley",
               "audience", "crowd", "building", "thread", "chat", "comments", "loop", "field", "industry"}
OWN_ATTRIBUTES = {"skills", "skill", "skillset", "background", "experience", "expertise", "knowledge", "training",
                  "strengths", "strength", "talents", "abilities", "qualifications"}
PICTURING = {"see", "picture", "envision", "imagine", "seeing", "picturing", "envisioning", "imagining"}
ATTRACTING = {"pulling", "pulls", "drawing", "draws", "excites", "exciting", "interests", "interesting", "appeals",
              "appealing", "calling", "calls", "attracts", "attracting", "energizes", "energises", "fascinates", "drives"}
# what a writer hopes to do in an opening, which names no one: "where I can grow and learn"
GROWING = {"grow", "learn", "gain", "develop", "contribute", "thrive", "expand", "improve", "sharpen", "hone", "deepen",
           "broaden", "strengthen"}
GOING = {"going", "go", "goes"}
WHEN_GOING = {"graduation", "school", "work", "class", "lunch", "christmas", "holidays", "that", "this", "it", "them"}
PLANNED = {"pilots", "pilot", "hires", "hire", "partners", "partner", "customers", "customer", "clients", "client"}
PLANNING = {"should", "will", "'ll", "would", "'d", "must"}
CUSTOMERS = {"buyers", "buyer", "customers", "customer", "clients", "users", "icp", "audience"}
WISHED_FOR = {"get", "land", "join", "work", "break", "move", "find", "become"}  # after "I'd be thrilled to"
NOT_WISHING = {"hate", "have", "need", "be", "hesitate", "mind", "rather", "prefer_not"}
FINITE = {"VBD", "VBZ", "VBP", "MD"}
CHANNEL_PREPOSITIONS = {"on", "via", "through", "over"}
BECAUSE = {"because", "cause", "'cause", "cuz", "since"}
REASON_MARKS = {"because", "since", "as", "cause", "'cause", "so"}
PERSON_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ee", "eer", "person")  # "counterperson"
FIELD_SUFFIXES = ("ics", "ogy", "ism", "tech", "ware")
# adjectives that name a field rather than describe: clinical, medical, dental, legal, forensic, molecular, veterinary
RELATIONAL_SUFFIXES = ("al", "ic", "ary", "ular")
URLISH = re.compile(r"^(?:https?://|www\.)|\.(?:com|org|net|io|dev|co|ai|app|me|edu)(?:/|$)", re.I)

GRAMMAR_FOLDER = "grammar"


@dataclass(frozen=True)
class Words:
    """The word classes of rules/grammar/, as lowercase forms (verbs in all their forms)."""

    want_verbs: frozenset[str]
    want_nouns: frozenset[str]
    want_adjectives: frozenset[str]
    leaving: frozenset[str]  # verbs of leaving: "I'm leaving banking"
    excluding: frozenset[str]  # prepositions and particles of leaving or excluding: "out of", "anything but"
    done_with: frozenset[str]  # adjectives of having had enough: "done with", "tired of"
    generic: frozenset[str]
    generic_people: frozenset[str]  # generic alone, a role with a noun before it: "plant managers"
    generic_modifiers: frozenset[str]  # words before a noun that name no kind: "big", "remote", "operating"
    job_words: frozenset[str]
    person: frozenset[str]
    not_person: frozenset[str]
    organisation: frozenset[str]
    organisation_with_modifier: frozenset[str]  # "law firms", "dental offices"; "a firm" alone is generic
    fields: frozenset[str]
    abstract: frozenset[str]
    platforms: frozenset[str]
    own_product: frozenset[str]
    product_nouns: frozenset[str]  # what the writer's product is: "it's a tool that ..."
    moving: frozenset[str]  # verbs whose want is only where they lead: "grow into", "move to"
    hiring: frozenset[str]  # verbs of hiring: their "at X" is the writer's own company


def _entries(path: Path) -> list[list[str]]:
    return [line.split() for line in _lines(path) if line.strip() and not line.lstrip().startswith("#")]


def _words(path: Path) -> frozenset[str]:
    return frozenset(" ".join(entry).lower() for entry in _entries(path))


def _section(path: Path, heading: str) -> frozenset[str]:
    """The entries under a "# --- heading" line, up to the next such line."""
    found: set[str] = set()
    inside = False
    for line in _lines(path):
        stripped = line.strip()
        if stripped.startswith("# ---"):
            inside = heading in stripped
        elif inside and stripped and not stripped.startswith("#"):
            found.add(stripped.lower())
    return frozenset(found)


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"cannot read the word list ({exc})") from None


def _verbs(path: Path) -> frozenset[str]:
    forms: set[str] = set()
    for base, *irregular in _entries(path):
        forms.update(verb_forms(base.lower()))
        forms.update(w.lower() for w in irregular)
    return frozenset(forms)


def verb_forms(base: str) -> set[str]:
    """The regular forms of a verb: seek, seeks, seeking, seeked (harmless when irregular), and the
    -ing form without its g: seekin."""
    stem = base[:-1] if base.endswith("e") and not base.endswith(("ee", "ye", "oe")) else base
    if _doubles(base):
        stem = base + base[-1]
    third = base + "es" if base.endswith(("s", "sh", "ch", "x", "z", "o")) else base + "s"
    if base.endswith("y") and base[-2:-1] not in ("a", "e", "i", "o", "u"):
        third, past = base[:-1] + "ies", base[:-1] + "ied"
    else:
        past = (base + "d") if base.endswith("e") else stem + "ed"
    return {base, third, stem + "ing", past, stem + "in", stem + "in'"}  # "lookin for", as people type it


def _doubles(word: str) -> bool:
    """Short words ending consonant-vowel-consonant double it: plan -> planning, get -> getting."""
    vowels = "aeiou"
    groups = re.findall(r"[aeiou]+", word)
    return (len(groups) == 1 and len(word) >= 3 and word[-1] not in vowels + "wxy"
            and word[-2] in vowels and word[-3] not in vowels)


@lru_cache(maxsize=8)
def read_words(folder: Path) -> Words:
    """The word classes of a pack's grammar folder."""
    return Words(
        want_verbs=_verbs(folder / "want-verbs.txt"),
        want_nouns=_words(folder / "want-nouns.txt"),
        want_adjectives=_words(folder / "want-adjectives.txt"),
        leaving=_verbs(folder / "leaving.txt"),
        excluding=_words(folder / "excluding.txt"),
        done_with=_words(folder / "done-with.txt"),
        generic=_words(folder / "generic.txt"),
        generic_people=_section(folder / "generic.txt", "people"),
        generic_modifiers=_words(folder.parent / "lexicons" / "generic-modifiers.txt"),
        job_words=_words(folder / "job-words.txt"),
        person=_words(folder / "person-heads.txt"),
        not_person=_words(folder / "not-person.txt"),
        organisation=_words(folder / "organisation-heads.txt"),
        organisation_with_modifier=_section(folder / "organisation-heads.txt", "needs a modifier"),
        fields=_words(folder / "field-heads.txt"),
        abstract=_words(folder / "abstract-heads.txt"),
        platforms=_words(folder / "platforms.txt"),
        own_product=_verbs(folder / "own-product-verbs.txt"),
        product_nouns=_words(folder / "product-nouns.txt"),
        moving=_verbs(folder / "moving-verbs.txt"),
        hiring=frozenset(verb_forms("hire") | verb_forms("recruit") | verb_forms("staff") | {"grow", "growing"}),
    )


_IRREGULAR_PLURALS = {"men": "man", "women": "woman", "people": "person", "folks": "folk", "children": "child",
                      "alumni": "alumnus", "staff": "staff", "data": "data", "media": "media", "news": "news"}


def singular(word: str) -> str:
    """The singular of a lowercase noun, by rule: good enough to look it up in a word list."""
    if word in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "ics", "ops")) and len(word) > 3:
        return word[:-1]
    return word


@dataclass(frozen=True)
class Phrase:
    """A noun phrase with a typed head: where it is (Doc token offsets), its kind, and where its head is."""

    start: int
    end: int
    label: str  # ROLE | COMPANY | SECTOR
    head: int
    example: bool = False  # a name given as an example: "software such as Dentrix"


@dataclass
class SentenceReading:
    start: int  # token offsets of the sentence in the Doc
    end: int
    wants: bool = False  # the writer states a want here
    verbless: bool = False  # no verb: a list item, a title, "Plant managers at food makers."
    plural: bool = False  # verbless, about people in the plural or anyone: "Arborists.", "Anyone on a parks team."
    lead: bool = False  # ends with a colon: what follows belongs to it
    # wants people it names by what they have done, not by kind ("looking for people who have managed
    # a fleet of electric school buses."): plural verbless lines right after it say who they are
    wants_people: bool = False
    # where a conditional clause the sentence opens with starts ("Should anything come up for an
    # underwriter at Markel, I'd appreciate a heads-up"): it says what the request is about
    condition: int | None = None
    # the reader's work in an if-clause: "If you work in offshore wind, or know someone who does": a
    # request for people there, not the reader's job
    conditioned: set[int] = field(default_factory=set)
    wanted: set[int] = field(default_factory=set)  # tokens in the objects of the writer's wants
    excluded: set[int] = field(default_factory=set)  # tokens that are never targets
    qualified: set[int] = field(default_factory=set)  # tokens qualifying a generic object: "anyone who works in X"
    phrases: list[Phrase] = field(default_factory=list)  # typed noun phrases
    # tokens the tagger calls prepositions, pronouns, adverbs or conjunctions, and verbs no word list
    # names a field or a role by (not -ing forms or past participles): a role or a sector never starts
    # with one ("meet HR partners", "If Insulet") nor ends with one of the first kind ("houses like")
    function_words: set[int] = field(default_factory=set)
    # "Patagonia and REI are the kind of companies I want to work for", "..., and that's the kind of
    # place I'd love to land": what a want says it is a kind of (admired or not, it is wanted)
    referred: set[int] = field(default_factory=set)
    refers_back: bool = False  # "That's the kind of place I'd love to land." points to the sentence before
    verbs: set[int] = field(default_factory=set)
    # the verb of an imperative addressed to the reader about the writer or whom they want:
    # "Point me toward anybody in tile", "Send them my way" (None when the sentence is no such thing)
    imperative: int | None = None


@dataclass
class Reading:
    """What the parse says about one Doc, sentence by sentence (only the parsed ones)."""

    sentences: dict[int, SentenceReading] = field(default_factory=dict)  # sentence start -> reading

    _starts: list[int] = field(default_factory=list, repr=False)  # sorted keys of `sentences`, kept by `at`

    def at(self, token: int) -> SentenceReading | None:
        """The parsed sentence holding `token`, by bisection (asked for every span of the message)."""
        if len(self._starts) != len(self.sentences):  # the grammar adds sentences before anyone asks
            self._starts = sorted(self.sentences)
        starts = self._starts
        i = bisect.bisect_right(starts, token)
        reading = self.sentences[starts[i - 1]] if i else None
        return reading if reading is not None and token < reading.end else None

    def excluded(self, start: int, end: int) -> bool:
        reading = self.at(start)
        return reading is not None and any(i in reading.excluded for i in range(start, end))

    def wanted(self, start: int, end: int) -> bool:
        reading = self.at(start)
        return reading is not None and any(i in reading.wanted for i in range(start, end))

    def trimmed(self, start: int, end: int) -> tuple[int, int]:
        """`start`..`end` without the function words the parse sees at either edge (the same range
        where the sentence was not parsed; an empty one when nothing else is left)."""
        reading = self.at(start)
        if reading is None:
            return start, end
        while start < end and (start in reading.function_words or start in reading.verbs):
            start += 1
        while end > start and end - 1 in reading.function_words:
            end -= 1
        return start, end

    def goal_sentences(self) -> list[tuple[int, int]]:
        return sorted((r.start, r.end) for r in self.sentences.values() if r.wants)


def reading_of(doc: Doc) -> Reading:
    """The Reading the grammar component stored, or an empty one (no parser in this pipeline)."""
    found = doc.user_data.get(GRAMMAR_KEY)
    return found if isinstance(found, Reading) else Reading()


class Grammar(Batched):
    """Parses the sentences that can hold a want, in batches across Docs, and stores a Reading
    on each Doc. The model's tok2vec, tagger and parser are in the pipeline but disabled: they run
    here on the pieces only."""

    def __init__(self, nlp: Language, words: Words, known: Callable[[Doc], set[int]] | None = None) -> None:
        self.words = words
        self.components = [cast("Pipe", nlp.get_pipe(name)) for name in PARSE_COMPONENTS]
        self.known = known  # the starts of the sentences the patterns already call requests or goals
        self._cues_for: object = None
        self._cue_array = numpy.zeros(0, dtype="uint64")
        self.cues = (words.want_verbs | words.want_adjectives | words.want_nouns | words.moving | words.hiring
                     | CATTLE | {"if", "myself"} | PAID | WELCOME | FUTURE_LABELS | WOULD | {"’d"} | CUSTOMERS | PLANNED | OFFERS | STEERED
                     | ATTRACTING)

    def _run(self, batch: list[Doc], batch_size: int) -> None:
        jobs: list[tuple[Doc, Span]] = []
        for doc in batch:
            doc.user_data[GRAMMAR_KEY] = Reading()
            budget = MAX_PARSED_TOKENS
            for sent in self._worth_parsing(doc):
                if budget <= 0:
                    break
                if len(sent) <= MAX_SENTENCE_TOKENS:
                    jobs.append((doc, sent))
                    budget -= len(sent)
        self._parse(jobs, batch_size)
        # people wanted for what they have done ("looking for people who have run a hospital
        # pharmacy."): the lines right after may name them by kind, and are parsed too
        self._parse([(doc, sent) for doc in batch for sent in _naming_lines(doc)], batch_size)

    def _parse(self, jobs: list[tuple[Doc, Span]], batch_size: int) -> None:
        if not jobs:
            return
        pieces: Iterable[Doc] = [Doc(doc.vocab, words=words_and_spaces(doc)[0][sent.start:sent.end],
                                     spaces=words_and_spaces(doc)[1][sent.start:sent.end]) for doc, sent in jobs]
        for component in self.components:
            pieces = component.pipe(pieces, batch_size=max(batch_size, PARSE_BATCH))
        for (doc, sent), piece in zip(jobs, pieces):
            reading = read_sentence(piece, sent.start, self.words)
            doc.user_data[GRAMMAR_KEY].sentences[sent.start] = reading

    def _cue_ids(self, doc: Doc) -> numpy.ndarray:
        """The cue words as the vocabulary's hashes, worked out once per vocabulary."""
        if self._cues_for is not doc.vocab:
            self._cue_array = numpy.array(sorted(doc.vocab.strings.add(w) for w in self.cues), dtype="uint64")
            self._cues_for = doc.vocab
        return self._cue_array

    def _worth_parsing(self, doc: Doc) -> list[Span]:
        """The sentences that can hold a want, from their words alone: the ones the patterns call
        requests or goals, those with a word of wanting, moving or hiring, a cattle-call pronoun or an
        "if", the lines listed after one that ends with a colon, and a line right before a short
        question (which may point back to it). The writer's past and small talk are left unparsed."""
        known = self.known(doc) if self.known is not None else set()
        sentences = list(doc.sents)
        text = text_of(doc)
        cue_ids = self._cue_ids(doc)
        lowers, alphas = doc.to_array([LOWER, IS_ALPHA]).T
        has_cue = numpy.isin(lowers, cue_ids)
        chosen: list[Span] = []
        listing = False  # in the lines after a sentence that ends with a colon
        before_question = _before_short_questions(sentences, text) | _opening_lines(sentences)
        for n, sent in enumerate(sentences):
            start, end = sent.start, sent.end
            if alphas[start:end].sum() < 2 and not listing and n not in before_question:
                continue  # ("Arborists." may open a post, or come before "Anyone?")
            wanted = start in known or has_cue[start:end].any()
            if wanted or listing or n in before_question:
                chosen.append(sent)
            stripped = text[sent.start_char:sent.end_char].rstrip()
            heading = wanted and (heading_line(doc, start, end) or bullets_follow(doc, end))
            # "Ideal next role", then its paragraph; "**What I'm aiming for**", then its bullets
            listing = stripped.endswith(":") or heading or (
                listing and "\n\n" not in text[sent.start_char:sent.end_char] and bool(stripped))
        return chosen


def _naming_lines(doc: Doc) -> list[Span]:
    """The short unparsed lines right after a sentence that wants people it names by what they have
    done, up to a blank line."""
    parsed = doc.user_data[GRAMMAR_KEY].sentences
    if not any(r.wants_people for r in parsed.values()):
        return []
    text = text_of(doc)
    found: list[Span] = []
    sentences = list(doc.sents)
    budget = MAX_PARSED_TOKENS // 4  # the parse stays bounded on a long message
    for n, sent in enumerate(sentences):
        reading = parsed.get(sent.start)
        if reading is None or not reading.wants_people or "\n\n" in text[sent.start_char:sent.end_char]:
            continue
        for line in sentences[n + 1:n + 1 + POINTED_LINES]:
            if line.start in parsed or _length(line) > POINTED_LINE_TOKENS or budget < len(line):
                break
            found.append(line)
            budget -= len(line)
            if "\n\n" in text[line.start_char:line.end_char]:
                break
    return found


def _opening_lines(sentences: list[Span]) -> set[int]:
    """The short lines a message opens with, which may name whom it is for ("Arborists. Tree
    surgeons. Anyone on a council parks team.")."""
    found: set[int] = set()
    for n, sent in enumerate(sentences[:POINTED_LINES]):
        if _length(sent) > OPENING_LINE_TOKENS:
            break
        found.add(n)
    return found


def _length(sent: Span) -> int:
    """The sentence's tokens without the line breaks after it: a message's last line ends with one
    when it comes from a file, and none when it is typed in."""
    end = sent.end
    while end > sent.start and sent.doc[end - 1].is_space:
        end -= 1
    return end - sent.start


PARAGRAPH_END = re.compile(r"[ \t]*\n[ \t]*\n")


def heading_line(doc: Doc, start: int, end: int) -> bool:
    """Tokens start..end are a short line without a closing mark, on a paragraph of its own: a
    section's title ("Ideal next role", "What I'm looking for")."""
    words = []
    for i in range(start, end):  # a Token per word only until the line is too long to be a title
        token = doc[i]
        if not token.is_space:
            words.append(token)
            if len(words) > HEADING_WORDS:
                return False
    if not words or words[-1].is_punct:
        return False
    return PARAGRAPH_END.match(text_of(doc), words[-1].idx + len(words[-1])) is not None


BULLET = re.compile(r"[ \t]*\n[ \t]*(?:[-*•◦▪–]|\d{1,2}[.)])[ \t]")


def bullets_follow(doc: Doc, end: int) -> bool:
    """A bulleted or numbered line starts right after the line that tokens ..end close."""
    words = [t for t in doc[max(0, end - 3):end] if not t.is_space]
    if not words:
        return False
    last = words[-1]
    return BULLET.match(text_of(doc), last.idx + len(last)) is not None


def short_question(sent: Span, text: str) -> bool:
    """A question or a call short enough to point back to the lines before it: "Who comes to
    mind?", "Anyone?", "DM me or tag someone who fits!" (`text` is the Doc's text)."""
    return _length(sent) <= SHORT_QUESTION and text[sent.start_char:sent.end_char].rstrip().endswith(("?", "!"))


def _before_short_questions(sentences: list[Span], text: str) -> set[int]:
    """The numbers of the short lines right before a short question, a few back within the paragraph:
    the question may point back to them ("Arborists. Tree surgeons. Anyone?")."""
    found: set[int] = set()
    for n, sent in enumerate(sentences):
        if not short_question(sent, text):
            continue
        for back in range(n - 1, max(-1, n - 1 - POINTED_LINES), -1):
            line = sentences[back]
            if _length(line) > POINTED_LINE_TOKENS or "\n\n" in text[line.start_char:sentences[back + 1].start_char]:
                break
            found.add(back)
    return found


def read_sentence(piece: Doc, offset: int, words: Words) -> SentenceReading:
    """The reading of one parsed sentence; token offsets are moved by `offset` into the Doc."""
    reading = SentenceReading(offset, offset + len(piece))
    tokens = list(piece)  # one Token object per word, for all the passes below
    excluded: set[int] = set()
    for token in tokens:
        excluded |= _left_out(token, words)
    frames = [t for t in tokens if _is_want(t, words)]
    wanted: set[int] = _opening_want(tokens, words) | _preferred(tokens)
    wanted |= set().union(*(_welcome(t) for t in tokens))
    for frame in frames:
        if _negated(frame) or frame.i in excluded:
            excluded |= {t.i for t in _object_tokens(frame, words)}
            continue
        wanted |= {t.i for t in _object_tokens(frame, words)} - excluded
        referred = _kind_wanted(frame)
        if referred is not None:
            reading.referred |= {i + offset for i in referred - excluded}
            reading.refers_back = reading.refers_back or not referred
    # "I'd like to stay in the UK because my partner is here": the reason is the writer's situation
    excluded |= {t.i for f in frames for c in f.children if c.dep_ == "advcl" and _marked(c, BECAUSE) for t in c.subtree} - wanted
    excluded |= set().union(*(_own_product(t, words) for t in tokens)) - wanted
    qualified = {t.i for g in tokens if _generic_object(g, words) for t in g.subtree if t is not g}
    phrases = [p for p in _typed_phrases(tokens, words) if p.head not in excluded]
    reading.verbless = _fragment_line(tokens)
    if reading.verbless:  # "4 years as an SDR and AE at Gong.": the writer's experience, said without a verb
        excluded |= {t.i for t in tokens} if any(_duration(t) for t in tokens) else set()
    roots = [t for t in tokens if t.dep_ == "ROOT" and not t.is_punct and not t.is_space]
    reading.plural = reading.verbless and bool(roots) and (roots[0].tag_ in ("NNS", "NNPS") or roots[0].lower_ in (
        "anyone", "anybody")) and singular(roots[0].lower_) not in DURATIONS  # "4 years as an SDR at Gong."
    reading.wants_people = any(singular(piece[i].lower_) in words.generic_people | {"person", "folk"}
                               or piece[i].lower_ in CATTLE for i in wanted if piece[i].dep_ in ("pobj", "dobj"))
    reading.function_words = {t.i + offset for t in tokens if t.tag_ in EDGE_TAGS}
    reading.verbs = {t.i + offset for t in tokens if t.tag_ in EDGE_VERBS and _clause_verb(t, words)}
    words_only = [t for t in tokens if not t.is_space]
    reading.lead = bool(words_only) and words_only[-1].text == ":"
    reading.wants = any(p.head in wanted for p in phrases) \
        or bool(wanted and (_names_something(piece, wanted) or reading.lead))
    reading.wanted = {i + offset for i in wanted}
    condition = _opening_condition(tokens)
    after_condition = _imperative_after_condition(tokens)
    if condition is None and after_condition is not None:  # the if-clause belongs to the request after it
        condition = next(t.i for t in tokens if not t.is_space)
    reading.condition = None if condition is None else condition + offset
    for token in tokens:
        subject = _subject(token) if token.tag_.startswith("VB") and _conditional(token) else None
        if subject is not None and subject.lower_ in READERS and token.tag_ not in PAST and token.lower_ in READER_JOB:
            reading.conditioned |= {i + offset for i in _clause(token, subject)}
    imperative = _imperative(tokens, {p.head for p in phrases if p.label == "ROLE"})
    if imperative is None:
        imperative = _favour_if(tokens)
    if imperative is None:
        imperative = after_condition
    if imperative is None:
        imperative = _grateful_for(tokens)
    reading.imperative = None if imperative is None else imperative + offset
    reading.excluded = {i + offset for i in excluded}
    reading.qualified = {i + offset for i in qualified} - reading.excluded
    reading.phrases = [Phrase(p.start + offset, p.end + offset, p.label, p.head + offset, p.example) for p in phrases]
    return reading


def _imperative(tokens: list[Token], role_heads: set[int]) -> int | None:
    """Where the verb of an imperative that opens the sentence and speaks of the writer or whom
    they want starts: "Point me toward anybody who...", "Send them my way", "Tag someone who fits",
    "Tag a nurse who'd be great here" (not "Let me introduce myself", nor "Excuse me" or "Hope you're
    well"). The tagger may take the verb opening a line for an interjection or a noun ("Tag/UH a
    nurse"): a word that is no greeting, with a typed phrase of a person as its object (`role_heads`),
    is read as the verb."""
    opening = [t for t in tokens if not (t.is_space or t.is_punct) and t.lower_ not in IMPERATIVE_OPENERS]
    if not opening:
        return None
    verb = opening[0]
    people = [c for c in verb.children if c.dep_ in ("dobj", "dative", "appos")
              and (c.i in role_heads or c.lower_ in IMPERATIVE_PEOPLE)
              and not any(p.dep_ == "poss" for p in c.children)]
    slip = verb.tag_ in ("UH", "NN") and verb.lower_ not in SALUTATIONS and bool(people)
    # the slipped verb may hang from a clause after it: "Tag/UH a friend who's a pharmacist, ... — we need two"
    if (verb.tag_ != "VB" and not slip) or (verb.dep_ != "ROOT" and not slip) or verb.lower_ in NOT_IMPERATIVE \
            or any(c.dep_ in SUBJECTS for c in verb.children):
        return None
    about = {t.lower_ for c in verb.children if c.dep_ in ("dobj", "dative", "prep", "npadvmod", "advmod") for t in c.subtree}
    return verb.i if about & IMPERATIVE_OBJECTS or {"my", "way"} <= about or people else None


def _imperative_after_condition(tokens: list[Token]) -> int | None:
    """An imperative after an if-clause addressed to the reader or anyone: "If you know a farm
    manager who'd be up for it, comment or shoot me a DM." Read from the tags and the commas, not the
    parse, which often hangs such a sentence from the if-clause's verb. Where its verb is, or None."""
    words = [t for t in tokens if not t.is_space]
    if len(words) < 4 or words[0].lower_ != "if" or words[1].lower_ not in READERS | CATTLE:
        return None
    for n, token in enumerate(words[2:-1], start=2):
        if token.text != ",":
            continue
        verb = words[n + 1]
        if verb.lower_ in IMPERATIVE_OPENERS and n + 2 < len(words):
            verb = words[n + 2]  # "..., please connect me"
        if verb.tag_ != "VB" or (verb.lower_ in NOT_IMPERATIVE and verb.lower_ != "let"):
            continue
        rest = {t.lower_ for t in words if t.i >= verb.i}
        if rest & (IMPERATIVE_OBJECTS | REPLY_PLACES):
            return verb.i
    return None


def _grateful_for(tokens: list[Token]) -> int | None:
    """Thanks in advance for what the writer asks: "I'd also be grateful for the name of any credit
    officers you think I should meet." Where its verb is, or None."""
    for token in tokens:
        if token.lower_ not in BE or not any(c.lower_ in WOULD and c.tag_ == "MD" for c in token.children):
            continue
        subject = _subject(token)
        thanks = [c for c in token.children if c.dep_ == "acomp" and c.lower_ in GRATEFUL]
        if subject is not None and subject.lower_ in WRITERS and thanks and any(
                c.dep_ == "prep" and c.lower_ == "for" and any(o.dep_ == "pobj" for o in c.children)
                for c in thanks[0].children):
            return token.i
    return None


def _favour_if(tokens: list[Token]) -> int | None:
    """A favour asked in an if-clause, whatever its verb: "If you can steer me toward a fleet
    manager at a school district, I'd owe you one", or the writer offered after it: "If you're
    connected to a winery that needs a cellar hand, I'm your guy." Where its verb is, or None."""
    for token in tokens:
        if not token.tag_.startswith("VB") or not _conditional(token):
            continue
        subject = _subject(token)
        if subject is not None and subject.lower_ in READERS and (any(
                c.dep_ in ("dobj", "dative") and c.lower_ in ("me", "us") for c in token.children)
                or _offers_writer(token.head)):
            return token.i
    return None


def _offers_writer(main: Token) -> bool:
    """The main clause after an if-clause offers the writer: "..., I'm your guy"."""
    return main.lower_ in BE and any(c.dep_ in SUBJECTS and c.lower_ in WRITERS for c in main.children) and any(
        c.dep_ == "attr" and any(p.dep_ == "poss" and p.lower_ == "your" for p in c.children) for c in main.children)


def _clause_verb(token: Token, words: Words) -> bool:
    """A verb the tagger is sure of: its subject, "to" or an auxiliary right before it ("who runs
    finance", "to meet HR partners"), and no word list calls it a field ("to finance leaders").
    The small model tags nouns as verbs after "or" ("almond or pistachio operations")."""
    if not token.i or listed_kind(singular(token.lower_), words) is not None:
        return False
    before = token.doc[token.i - 1]
    return before.tag_ in ("TO", "MD", "WP", "WDT", "PRP") or before.dep_ in ("aux", "auxpass", "nsubj", "neg")


def _duration(token: Token) -> bool:
    """The line's root is a length of time with its number: "4 years as an SDR at Gong"."""
    at_top = token.dep_ == "ROOT" or (token.head.dep_ == "ROOT" and token.head.tag_ == "IN")  # "4 years as ..."
    return at_top and singular(token.lower_) in DURATIONS and any(
        c.dep_ == "nummod" or c.like_num for c in token.children)


def _fragment_line(tokens: list[Token]) -> bool:
    """No verb of its own at the top: a list item, a title, "Plant managers at food makers.",
    "Anyone who's run ammonia refrigeration at scale." (a clause may qualify the noun)."""
    roots = [t for t in tokens if t.dep_ == "ROOT" and not t.is_space and not t.is_punct]
    if not roots or any((r.tag_.startswith("VB") and not _people_read_as_verb(r)) or r.tag_ == "MD" for r in roots):
        return False
    if any(t.lower_ in WRITERS and t.dep_ in SUBJECTS and not _relative(t) for t in tokens):
        return False  # "Friends: we're hiring at X" has a clause, whatever the parse hung it from
    # a "verb" that modifies a noun is a noun the model misread: "ops/VBZ directors"
    return not any(t.tag_ in FINITE and not _qualifying(t) and t.dep_ not in ("compound", "amod")
                   and not _people_read_as_verb(t) for t in tokens)


def _people_read_as_verb(root: Token) -> bool:
    """ "Maintenance leads, reliability engineers, ops directors at bottlers.": the small model reads
    the plural noun after the first noun as the verb; a list goes on after it."""
    doc = root.doc
    before = doc[root.i - 1] if root.i else None
    after = doc[root.i + 1] if root.i + 1 < len(doc) else None
    return root.tag_ == "VBZ" and root.lower_ in PEOPLE_READ_AS_VERBS and before is not None \
        and before.tag_ in NOUN_TAGS | {"JJ"} and (after is None or after.lower_ in (",", "and", "or", "&", "/", "."))


def _qualifying(token: Token) -> bool:
    """Inside a clause that qualifies a noun: "anyone who's run X", "a firm that makes Y"."""
    current = token
    while current.head.i != current.i:  # spaCy makes a new Token object for each .head
        if current.dep_ in ("relcl", "acl"):
            return True
        current = current.head
    return False


def _relative(token: Token) -> bool:
    """Inside a relative clause a relative word opens: "a B2B company where I get to help people"
    (not "Friends: we're hiring at X", which the parser may hang from "friends" too)."""
    current = token
    while current.head.i != current.i:
        if current.dep_ in ("relcl", "acl"):
            return any(t.tag_ in ("WDT", "WP", "WP$", "WRB") for t in current.subtree if t.i < current.i)
        current = current.head
    return False


def _names_something(piece: Doc, wanted: set[int]) -> bool:
    """A proper noun in a want's object: the lexicons and the model will say what it is."""
    return any(piece[i].tag_ in ("NNP", "NNPS") for i in wanted)


def _writer(token: Token) -> bool:
    lower = token.lower_
    if lower in WRITERS:
        return True
    if _owned(token):
        return True  # "my team", "our client"
    if token.dep_ in SUBJECTS and _spoken_for(token):
        return True  # "My brother-in-law Jorge is hunting for", "One of our clients is looking for"
    # someone the writer has, and acts for: "We have a client looking for growers", "I have a candidate who ..."
    holder = token.head if token.dep_ in ("dobj", "nsubj") else None
    if holder is not None and token.dep_ == "nsubj" and holder.dep_ == "ccomp":
        holder = holder.head
    elif holder is not None and token.dep_ == "nsubj":
        holder = None
    if holder is None or holder.lower_ not in HAVE or token.tag_ not in ("NN", "NNS"):
        return False
    return any(c.dep_ in SUBJECTS and c.lower_ in WRITERS for c in holder.children)


def _owned(token: Token) -> bool:
    """The writer's own: "my career", "our buyers", "my goal"."""
    return any(c.dep_ == "poss" and c.lower_ in WRITER_POSSESSIVES for c in token.children)


def _to_infinitive(verb: Token) -> bool:
    """A verb in the infinitive with "to": "to get onto the localization team"."""
    return verb.tag_ == "VB" and any(a.lower_ == "to" for a in verb.children)


def _spoken_for(subject: Token) -> bool:
    """A subject the writer speaks for, named as theirs just before it or in an "of" phrase: "my
    brother-in-law Jorge", "one of our clients", or a client: "a hedge fund client"."""
    if any(c.dep_ == "prep" and c.lower_ == "of" and any(o.dep_ == "pobj" and _owned(o) for o in c.children)
           for c in subject.children):
        return True
    if singular(subject.lower_) in CLIENTS and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in subject.children):
        return True  # "a hedge fund client wants paid calls with ...": the writer speaks for a client
    doc = subject.doc
    for i in range(subject.i - 1, max(-1, subject.i - 8), -1):
        if doc[i].lower_ in WRITER_POSSESSIVES and doc[i].tag_ == "PRP$":
            return i == 0 or doc[i - 1].is_punct or doc[i - 1].is_space or bool(doc[i].is_sent_start)
        if doc[i].is_punct and doc[i].text not in ("-", "‑"):
            return False
    return False


def _subject(token: Token) -> Token | None:
    """The subject of the clause `token` belongs to, through xcomp, conj and acomp chains."""
    current = token
    for _ in range(6):
        subjects = [c for c in current.children if c.dep_ in SUBJECTS and _can_be_subject(c, current)]
        # "What I'm itching to do": the parser may hang the subject from the auxiliary
        subjects += [s for a in current.children if a.dep_ == "aux" and a.i < current.i
                     for s in a.children if s.dep_ in SUBJECTS and _can_be_subject(s, current)]
        if subjects and subjects[0].tag_ in ("WP", "WDT") and current.dep_ == "relcl":
            return current.head  # "a client who is looking for X": the client
        if subjects:
            return subjects[0]
        if current.dep_ == "acl" and current.tag_ == "VBG" and current.head.tag_ in NOUN_TAGS \
                and current.head.dep_ in ("dobj", "attr"):
            if current.head.dep_ == "attr" and current.head.head.lower_ in BE:
                current = current.head.head  # "I'm a wedding videographer trying to wiggle my way into X": I
                continue
            return current.head  # "We have a client looking to speak with X": the client
        if current.dep_ in ("xcomp", "conj", "acomp", "prep", "pobj", "ccomp", "advcl", "attr", "dobj") \
                and current.head.i != current.i:
            current = current.head
            continue
        return None
    return None


def _can_be_subject(subject: Token, verb: Token) -> bool:
    """Not a symbol, and not cut off from its verb by a colon: in "📞 Paid calls ($250): looking for
    people who ...", the parser's subject of "looking" is the emoji; the clause after the colon has none."""
    if not any(c.isalnum() for c in subject.text):
        return False
    low, high = sorted((subject.i, verb.i))
    return not _colon_between(subject.doc, low, high)


def _colon_between(doc: Doc, low: int, high: int) -> bool:
    """A colon between tokens low and high (spaCy may join it to a bracket: "($250):")."""
    return any(t.text in (":", "):") for t in doc[low + 1:high])


def _is_want(token: Token, words: Words) -> bool:
    lower = token.lower_
    tag = token.tag_
    if lower in words.want_verbs and tag in SLIP_TAGS and token.i and token.doc[token.i - 1].lower_ in WOULD:
        tag = "VB"  # "What I'd like/UH next is ...": the tagger's slip after "would" is still the verb
    dropped_g = lower in words.want_verbs and lower.endswith(("in", "in'")) and tag in SLIP_TAGS | {"NNP"} \
        and lower.rstrip("'") + "g" in words.want_verbs
    if dropped_g:
        tag = "VBG"  # "lookin/NN for a CNC machinist job": the tagger does not know the -in form
    if tag.startswith("VB") and lower in words.want_verbs:
        if any(c.lower_ in ("out", "away") and c.dep_ in ("prt", "advmod", "prep") for c in token.children):
            return False  # "I want out of the kitchen", "stepping away": leaving, not wanting
        if _studies(token):
            return False  # "pursuing B.E. in Mechanical Engineering": the writer's studies
        perfect = tag == "VBN" and any(c.lower_ in ("have", "has", "'ve") for c in token.children)
        if perfect and lower in STILL_WANTED - {"loved", "liked"}:  # "I've loved being a teacher" is the past
            pass  # "I've always wanted to work in X": wanted then, and still
        elif tag in PAST or (tag == "VBN" and any(c.lower_ in ("have", "has", "'ve", "had") for c in token.children)):
            return False  # "I applied to Stripe last year": the writer's past
        if token.dep_ == "advcl" and token.head.tag_ in PAST and not _hung_from_aside(token):
            return False  # "I came across your profile while searching for former teachers": then, not now
        subject = _subject(token)
        if lower in LIKING and subject is not None and not any(c.lower_ in WOULD for c in token.children):
            return False  # "I love the research side of architecture" says what the writer enjoys
        if subject is not None and subject.tag_ in ("NNP", "NNPS") and (
                lower in words.hiring or lower in SEEKING or lower in NEEDING):
            # "Marrow Kitchen is hiring a line cook", "Canopy Tree Co. is looking for an arborist": whoever
            # seeks them, the reader is asked to think of the people
            return True
        if subject is None and dropped_g:
            return token.dep_ == "ROOT"  # "lookin for X" opens its line
        return _writer(subject) if subject is not None else _fragment(token)
    if tag == "VB" and _wish(token, words):  # "I'd kill to get into post-production"
        return True
    if tag.startswith("VB") and tag not in PAST and _steered(token) and not _told_in_past(token):
        # "I'm steering my career toward X", not "I spent time at Sears, working my way up to store manager"
        subject = _subject(token)
        return subject is not None and _writer(subject)
    if lower in BE and tag not in PAST and _customers_are(token):  # "Our buyers tend to be the fleet manager at ..."
        return True
    if lower in BE and tag in ("VBZ", "VBP") and _job_ahead(token, words):  # "The first rung is an A&P mechanic job"
        return True
    if lower in PICTURING and tag not in PAST and any(c.dep_ == "dobj" and c.lower_ in ("myself", "ourselves")
                                                   for c in token.children):
        return _writer_subject(token)  # "Long term I see myself in grower relations at a packer"
    if lower in ATTRACTING and token.dep_ == "csubj" and token.head.lower_ in BE and any(
            c.dep_ == "dobj" and c.lower_ in ("me", "us") for c in token.children) and any(
            c.dep_ in SUBJECTS and c.lower_ == "what" for c in token.children):
        return True  # "What's pulling me now is HR", "What excites me most is X": what the copula says
    if lower in ("put", "puts", "putting") and tag not in PAST and any(c.dep_ == "prt" and c.lower_ == "in" for c in token.children) \
            and any(c.dep_ == "prep" and c.lower_ == "for" for c in token.children):
        return _writer_subject(token)  # "I'm putting in for a DC manager job at C&S": applying
    # "I'm (really) after X" and "I'm going after X" want it; "after four years at X", "I'm between
    # jobs after ..." and "going after graduation" do not
    if lower == "after" and (tag != "IN" or token.head.lower_ not in BE | GOING or token.i < token.head.i or any(
            t.tag_ != "RB" for t in token.doc[token.head.i + 1:token.i]) or (token.head.lower_ in GOING and any(
                c.dep_ == "pobj" and (c.lower_ in WHEN_GOING or singular(c.lower_) in DURATIONS) for c in token.children))):
        return False
    if lower in words.want_adjectives and tag in ("JJ", "VBN", "VBG", "IN", "RB"):
        subject = _subject(token)
        return _writer(subject) if subject is not None else _fragment(token)
    if _paid_offer(token):  # "Paid 1-hr phone consult ($300) for a revenue cycle director at a hospital"
        return True
    if tag in ("NN", "NNS") and token.dep_ == "dobj" and token.head.lower_ in HAVE \
            and (lower in words.job_words or lower in words.want_nouns):  # "I have a paid opportunity for experts"
        subject = _subject(token.head)
        if subject is None:  # "Have my eye on X": a note's "I" dropped before the verb that opens it
            return token.head.dep_ == "ROOT" and not any(t.is_alpha for t in token.doc[:token.head.i])
        return _writer(subject) and token.head.tag_ not in PAST
    if tag in ("NN", "NNS") and singular(lower) in words.want_nouns:
        if lower == "chapter" and not any(c.lower_ in ("next", "new") for c in token.children):
            return False  # "my next chapter" is ahead; "our chapter of the AMA" is a club
        if _owned(token):
            # "my goal", "our target companies"; "my heart is in wildlife rehab", not "my heart goes out to"
            return lower != "heart" or (token.dep_ in SUBJECTS and token.head.lower_ in BE | {"set"})
        if token.dep_ == "nsubj" and token.head.lower_ in BE and any(
                c.dep_ in ("xcomp", "ccomp") for c in token.head.children):
            return True  # "The dream would be to end up in X", "The plan is to move into Y"
        if token.dep_ == "attr" and token.head.lower_ in BE and token.head.tag_ not in PAST and any(
                c.lower_ in ("the", "my", "our") for c in token.children) and not _negated(token.head):
            return True  # "Healthcare procurement is the long-term plan"
        if token.dep_ == "pobj":  # "I'm on the hunt for", "in search of"
            if _fragment_want(token):
                return True
            subject = _subject(token.head)
            return subject is not None and _writer(subject)
    return False


def _paid_offer(noun: Token) -> bool:
    """A verbless line offering paid work to people: "Paid 1-hr phone consult for a current or recent
    revenue cycle director", "Consulting engagement for plant managers": an offer (OFFERS), or a
    call or consult said to be paid, at the root, with whom it is for after "for"."""
    if noun.dep_ != "ROOT" or noun.tag_ not in ("NN", "NNS", "NNP"):
        return False
    paid = any(c.lower_ in PAID for c in noun.lefts) and singular(noun.lower_) in PAID_WORK
    return (paid or noun.lower_ in OFFERS) and any(c.dep_ == "prep" and c.lower_ == "for" for c in noun.children)


def _studies(verb: Token) -> bool:
    """The verb's object is a degree: "pursuing B.E. in ...", "finishing my accounting degree"."""
    return any(c.dep_ == "dobj" and c.lower_ in DEGREES for c in verb.children)


def _fragment_want(noun: Token) -> bool:
    """A noun of seeking in a post's fragment, with no verb before it and "for" or "of" after: "end
    of semester brain dump 🧠 on the lookout for a summer gig". Whatever subject the parse found in
    the fragment, the writer is the one who wants."""
    following = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    return following is not None and following.lower_ in ("for", "of") and not any(
        t.tag_.startswith("VB") or t.tag_ == "MD" for t in noun.doc[:noun.i])


def _job_ahead(copula: Token, words: Words) -> bool:
    """A step ahead named as a job: "The first rung is an A&P mechanic job at a regional carrier",
    "The next step is a junior estimator seat". The subject is a common noun that is no job itself
    ("my current role is a PM job" says what the writer does), the complement a job with a modifier
    that names it, and nothing negates it."""
    subjects = [c for c in copula.children if c.dep_ in SUBJECTS]
    attrs = [c for c in copula.children if c.dep_ == "attr"]
    if not subjects or not attrs or _negated(copula):
        return False
    subject, attr = subjects[0], attrs[0]
    if subject.tag_ not in ("NN", "NNS") or singular(subject.lower_) in words.job_words:
        return False
    named = any(c.dep_ in ("compound", "amod", "nmod") and c.tag_ in NOUN_TAGS | {"JJ"} for c in attr.children)
    return singular(attr.lower_) in words.job_words | {"seat", "spot"} and named


def _writer_subject(token: Token) -> bool:
    subject = _subject(token)
    return subject is not None and _writer(subject)


def _kind_wanted(frame: Token) -> set[int] | None:
    """For a want in a clause that says what something is the kind of ("X is the kind of place I'd
    love to land"), the tokens of X; for "that" or "this", the words before it in the sentence (an
    empty set when there are none: the sentence before is meant). None for any other want."""
    if frame.dep_ != "relcl":
        return None
    noun = frame.head
    if noun.dep_ == "pobj" and noun.head.head.dep_ == "attr":
        noun = noun.head.head  # "the kind of place [I'd love]": the relative clause hangs from "place"
    if noun.dep_ != "attr" or noun.head.lower_ not in BE:
        return None
    subjects = [c for c in noun.head.children if c.dep_ in SUBJECTS]
    if not subjects:
        return None
    subject = subjects[0]
    if subject.lower_ in ("that", "this", "these", "those", "it"):
        return {t.i for t in frame.doc if t.i < subject.i and not t.is_punct and t.dep_ != "cc"}
    return {t.i for t in subject.subtree}


def _wish(token: Token, words: Words) -> bool:
    """A wish by the writer in the conditional, whatever its verb: "I'd kill to get into X", "I'd give
    anything to work at Y": "would" with an infinitive after it."""
    modals = {c.lower_ for c in token.children if c.tag_ == "MD"}
    if not modals & WOULD and not (token.lower_ in BE and modals & {"will", "'ll"}):
        return False
    # "I'd be over the moon to get a summer analyst spot", "I will be very happy to work with X", not
    # "I'd be happy to help"
    if token.lower_ in BE:
        infinitives = [t for t in token.subtree if t.dep_ in ("xcomp", "advcl") and _to_infinitive(t)]
        subject = _subject(token)
        return bool(infinitives) and infinitives[0].lower_ in WISHED_FOR and subject is not None \
            and subject.lower_ in WRITERS
    if token.lower_ in NOT_WISHING:
        return False
    anything_to = any(c.dep_ == "dobj" and c.lower_ in ("anything", "everything") and any(
        g.dep_ in ("relcl", "acl") and _to_infinitive(g) for g in c.children) for c in token.children)
    if not any(c.tag_ == "VB" and (c.dep_ == "xcomp" or (c.dep_ == "advcl" and _to_infinitive(c))) for c in token.children) \
            and not _for_a_job(token, words) and not anything_to:  # "I'd give anything to do sports analytics"
        return False  # "I'd give a kidney to get onto the localization team": the parse may hang it as a purpose
    subject = _subject(token)
    return subject is not None and subject.lower_ in WRITERS


def _for_a_job(verb: Token, words: Words) -> bool:
    """What the writer would do anything for is a job: "I would walk over hot coals for a junior
    sound designer job", "I'd do anything for a shot at a line cook job"."""
    return any(c.dep_ == "prep" and c.lower_ == "for" and any(
        t.tag_ in NOUN_TAGS and singular(t.lower_) in words.job_words for t in c.subtree) for c in verb.children)


def _opening_want(piece: list[Token], words: Words) -> set[int]:
    """A post's fragment that opens with the want, whatever the parse made of it: "Keen for bar
    work or kitchen hand shifts", "Seeking a role in X", "Looking for growers". What follows is wanted."""
    words_only = [t for t in piece if not t.is_space]
    colon = next((n for n, t in enumerate(words_only[:LABEL_WORDS + 1]) if t.text == ":"), None)
    if colon is not None and colon + 1 < len(words_only) and _wanting_label(words_only[:colon], words) \
            and not (words_only[colon + 1].dep_ in SUBJECTS and words_only[colon + 1].tag_ == "PRP"):
        # not a clause after it: "What's next: we're onboarding our first ten farms"
        return {t.i for t in piece if t.i > words_only[colon].i}  # "Want: cyber underwriting at a Lloyd's syndicate."
    opening = [t for t in piece if not t.is_punct and not t.is_space][:2]
    if len(opening) < 2:
        return set()
    first, second = opening
    trying = next((t for t in piece[:4] if t.lower_ in SPELT_TRYING), None)
    if trying is not None and all(t.lower_ in WRITER_OPENINGS for t in piece[:trying.i] if not t.is_space):
        # "Tryna find work at a bike shop", "im tryna pick up bar work": the parse makes nothing of it
        return {t.i for t in piece if t.i > trying.i}
    wanting = first.lower_ in words.want_adjectives \
        or (first.lower_.endswith("ing") and first.lower_ in words.want_verbs)
    if not wanting or second.lower_ not in ("for", "to", "in", "on") or first.lower_ in words.moving:
        return set()
    return {t.i for t in piece if t.i > second.i}


def _wanting_label(label: list[Token], words: Words) -> bool:
    """A short label before a colon that says what follows is wanted: "Want", "Where I want to plant
    myself", "Next stop for me", "Dream role" (not "What I don't want", nor "I wanted to share
    some news")."""
    lowers = {t.lower_ for t in label}
    if not label or lowers & (NEGATIONS | TELLING):  # "I wanted to share something exciting: I quit ..."
        return False
    wanting = any(t.lower_ in kind for t in label for kind in (words.want_verbs, words.want_nouns, words.want_adjectives))
    return wanting or bool(lowers & FUTURE_LABELS)


def _told_in_past(token: Token) -> bool:
    """The verb hangs, through joined and adverbial clauses, from a verb in the past tense."""
    current = token
    while current.dep_ in ("conj", "advcl", "xcomp") and current.head.i != current.i:
        current = current.head
        if current.tag_ in PAST:
            return True
    return False


def _steered(token: Token) -> bool:
    """A verb that points the writer's career or search somewhere: "steering my career toward
    instructional design", "focusing my search on clinics"."""
    pointed = any(c.dep_ == "dobj" and c.lower_ in STEERED and _owned(c) for c in token.children)
    return pointed and any(c.dep_ == "prep" and c.lower_ in STEERED_TO for c in token.children)


def _complements(copula: Token) -> list[Token]:
    """What a copula says its subject is or is with: "X" in "... are X", "... should be with X"."""
    return [c for c in copula.children if c.dep_ == "attr" or (c.dep_ == "prep" and c.lower_ == "with")]


def _customers_are(token: Token) -> bool:
    """A copula whose subject is the writer's buyers or customers: "Our buyers tend to be the
    transport manager at a council" names whom a salesperson wants to reach."""
    verb = token.head if token.dep_ == "xcomp" and token.head.lower_ in ("tend", "tends") else token
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects or not _complements(token):
        return False
    subject = subjects[0]
    ours = subject.lower_ in CUSTOMERS and _owned(subject)
    # "Our first paid pilots should be with citrus growers": whom the writer plans to work with
    planned = any(c.dep_ == "aux" and c.lower_ in PLANNING for c in verb.children) and _owned(subject) \
        and subject.lower_ in PLANNED and not _negated(verb)
    if planned:
        return True
    if not any(c.dep_ == "attr" for c in token.children):
        return False
    # "The people who buy this are directors of nursing at skilled nursing facilities"
    buying = any(c.dep_ == "relcl" and c.lower_ in BUYING for c in subject.children)
    return ours or buying


def _welcome(token: Token) -> set[int]:
    """The subject of "would be helpful / great / gold": what the writer would welcome is wanted
    ("Former district curriculum directors would also be incredibly helpful")."""
    if token.lower_ not in WELCOME and token.lower_ not in SUITING and token.lower_ != "be":
        return set()  # none of the three below can hold: no need to read the children of every word
    modal = any(c.dep_ == "aux" and c.lower_ in WOULD | FUTURE for c in token.children)
    if token.lower_ in WELCOME and modal and any(c.lower_ == "be" for c in token.children):
        welcome = True  # "Referrals for X or any FMCG distributor will be highly appreciated": the parse's root
    elif token.lower_ in SUITING and modal and any(c.dep_ in ("dobj", "dative") and c.lower_ in ("me", "us")
                                                    for c in token.children):
        welcome = True  # "Office admin or warehouse work would suit me down to the ground"
    else:
        welcome = token.lower_ == "be" and modal and any(
            c.dep_ in ("acomp", "attr") and c.lower_ in WELCOME for c in token.children)
    if not welcome:
        return set()
    # "Office admin or warehouse work would suit me": the parse may hang the subject as a modifier
    subjects = [c for c in token.children if (c.dep_ in ("nsubj", "nsubjpass") or (c.dep_ == "npadvmod" and c.i < token.i))
                and c.tag_ in NOUN_TAGS]
    return _subtree(subjects[0]) if subjects else set()


def _preferred(piece: list[Token]) -> set[int]:
    """A verbless line that says what the writer would prefer: "Ideally customer success or
    onboarding at a B2B software company", "Preferably something in agtech". What follows is wanted."""
    opening = [t for t in piece if not t.is_space and not t.is_punct]
    if not opening or opening[0].lower_ not in PREFERRING or not _fragment_line(piece):
        return set()
    return {t.i for t in piece if t.i > opening[0].i}


def _fragment(token: Token) -> bool:
    """A sentence without a subject that opens with the want: "Looking for a role in X", "Keen for
    bar work". The writer is the one who wants; a bare verb ("Find me ...") asks the reader instead."""
    current = token
    while current.dep_ in ("xcomp", "conj", "acomp") and current.head.i != current.i:
        current = current.head
    if current.tag_ not in ("VBG", "JJ", "IN", "VBN"):
        return False
    if current.dep_ in ("acl", "appos", "dep") and current.head.i < current.i:  # "Paid calls: looking for X"
        return _colon_between(current.doc, current.head.i, current.i)
    return current.dep_ == "ROOT" or _hung_from_aside(current)


def _hung_from_aside(token: Token) -> bool:
    """The parse hung the sentence's opening from a verb in the aside after it: "Looking at
    compliance roles in crypto (saw you're at Circle)." makes "saw" the root."""
    return token.dep_ == "advcl" and token.head.i > token.i and not any(
        t.is_alpha for t in token.doc[:token.i]) and any(t.text == "(" for t in token.doc[token.i:token.head.i])


def _negated(token: Token) -> bool:
    """Negation on the want or on the verb it hangs from: "I don't want", "never want"."""
    current = token
    for _ in range(3):
        if any(c.dep_ == "neg" for c in current.children):
            return True
        if current.dep_ not in ("xcomp", "acomp") or current.head.i == current.i:
            return False
        current = current.head
    return False


def _object_tokens(frame: Token, words: Words) -> list[Token]:
    """The tokens of a want's object, complements and attached phrases: its subtree without its
    subject, or for "my goal is X" the rest of the copula's clause."""
    root = frame
    if frame.lower_ in BE and _customers_are(frame):  # "Our buyers tend to be X": X
        return [t for c in _complements(frame) for t in c.subtree]
    if frame.dep_ == "attr" and frame.tag_ in NOUN_TAGS and frame.head.lower_ in BE:
        # "Healthcare procurement is the long-term plan": what the copula's subject says
        return [t for c in frame.head.children if c.dep_ in ("nsubj", "csubj") for t in c.subtree]
    if frame.tag_ in NOUN_TAGS and frame.dep_ == "pobj" and _fragment_want(frame):
        # "end of semester brain dump 🧠 on the lookout for a summer gig on a trail crew": whatever the
        # parse hung the rest of the fragment from, it is what is wanted
        return [t for t in frame.doc if t.i > frame.i and not t.is_space]
    if frame.dep_ in SUBJECTS:  # "My goal is to join a fintech": the goal is what the copula says
        root = frame.head
    elif frame.dep_ == "relcl" and frame.head.dep_ in SUBJECTS and frame.head.head.lower_ in BE:
        # "The thing I'm chasing now is X", "The role I want is Y": what the copula says
        root = frame.head.head
    elif frame.tag_ in NOUN_TAGS and frame.dep_ == "pobj" and frame.head.head.tag_.startswith("VB"):
        root = frame.head.head  # "I'm on the hunt for X": the "for" hangs from the verb
    elif frame.tag_ in NOUN_TAGS and frame.dep_ == "dobj" and frame.head.tag_.startswith("VB") \
            and any(c.dep_ == "poss" for c in frame.children) and (_writer_subject(frame.head) or (
                frame.head.dep_ == "ROOT" and _subject(frame.head) is None
                and not any(t.is_alpha for t in frame.doc[:frame.head.i]))):
        # "I've set my sights on X", "I have my eye on X", and with the "I" dropped, "Have my eye on
        # X": what the verb says after it
        root = frame.head
    skip = {t.i for c in root.children if c.dep_ in SUBJECTS and c is not frame for t in c.subtree}
    # "My brother-in-law Jorge is hunting for X": the parse may hang part of the subject before the verb
    skip |= {t.i for c in root.children if c.dep_ == "npadvmod" and c.i < root.i for t in c.subtree}
    if root is not frame:
        skip |= {frame.i} | {c.i for c in frame.children if c.dep_ == "poss"}
    # "because ...", and "if you ever come across anyone who needs a photographer, I'd love it if ...":
    # a condition says when, the request it belongs to says what (statements.py reads it as one)
    skip |= {t.i for c in root.children if c.dep_ == "advcl" and (_marked(c, REASON_MARKS) or _conditional(c)) for t in c.subtree}
    if root is not frame:  # "I've set my sights on X and I'm finishing a course": not the clause joined to it
        skip |= {t.i for c in root.children if c.dep_ in ("conj", "parataxis") and c.tag_.startswith("VB")
                 for t in c.subtree}
    # "I hope Montreal is treating you well": a wish about someone else is small talk, not a want
    if root.lower_ not in BE:  # "What I'm chasing now is X": the parse may make X a clause of its own
        skip |= {t.i for c in root.children if c.dep_ == "ccomp" and _own_subject(c) for t in c.subtree}
    lower = root.lower_
    if root is frame and lower in words.moving:  # "grow into an engineering manager": only where to
        kept = {t.i for c in root.children if c.dep_ in ("prep", "dative") and c.lower_ in MOVING_TO for t in c.subtree}
        kept |= {t.i for c in root.children if c.dep_ in ("xcomp", "dobj", "attr") for t in c.subtree}
        kept |= _destinations(root)  # "moving from teaching into instructional design"
        skip |= {t.i for t in root.subtree} - kept
    if lower in words.hiring:  # "we're hiring at Juniper & Salt", "for our Boise office": the writer's own company,
        # not whom a recruiter's client wants: "recruiting for a Director of X at a 400-bed hospital"
        skip |= {t.i for c in root.children if c.dep_ == "prep" and c.lower_ in ("at", "for") and any(
            o.dep_ == "pobj" and (_owned(o) or not any(d.lower_ in ("a", "an") or d.dep_ == "nummod" for d in o.children))
            for o in c.children) for t in c.subtree}
    found = [t for t in root.subtree if t.i not in skip and t.i != root.i]
    stranded = [c for c in frame.children if c.dep_ == "prep" and c.lower_ in ("for", "into") and not any(c.children)]
    if root is frame and stranded:
        # "a client looking for paid 1-hr calls/VBZ with cranberry growers": the parser left the
        # preposition without its object and hung the rest elsewhere; the rest of the sentence is it
        have = {t.i for t in found}
        found += [t for t in frame.doc if t.i > stranded[0].i and not t.is_space and t.i not in have]
    return found


def _own_subject(clause: Token) -> bool:
    """The clause has a subject of its own that is not the writer ("I hope Montreal is treating you
    well"), other than "it" before an infinitive: "we want it to come from angels who ran X"."""
    if _to_infinitive(clause) and any(c.dep_ in SUBJECTS and c.lower_ == "it" for c in clause.children):
        return False
    return any(c.dep_ in SUBJECTS and not _writer(c) for c in clause.children)


def _marked(clause: Token, marks: set[str]) -> bool:
    """The clause opens with one of `marks`: BECAUSE ("because my partner is here"), REASON_MARKS."""
    return any(c.dep_ == "mark" and c.lower_ in marks for c in clause.children)


def _left_out(token: Token, words: Words) -> set[int]:
    """Tokens this token puts out of reach of any want: an address, a negated or excluding phrase,
    a channel, or a clause of the writer's past, the reader's job, leaving or the writer's product."""
    lower = token.lower_
    dep = token.dep_
    head = token.head
    if token.like_url or token.like_email or URLISH.search(token.text):
        return {token.i}
    previous = token.doc[token.i - 1] if token.i else None
    if previous is not None and (previous.lower_ in CURRENCY or (lower in TIME_UNITS and (
            previous.like_num or previous.text == "/"  # "£150-£400/hr"
            or (previous.text == "-" and token.i > 1 and token.doc[token.i - 2].like_num)))):
        return {token.i}  # "$3M" is money, "a 1-hr call" time: never a company or a role
    if dep == "neg" and head.tag_ == "IN":  # "just not at Oracle"
        return _subtree(head)
    if dep == "amod" and lower in words.excluding:  # "ideally outside government"
        return _subtree(head)
    if dep in ("prep", "advmod", "prt") and lower in words.excluding:  # "out of hotels", "ideally outside government"
        # "moving from teaching"; "anyone from Stripe" wants Stripe, and "keen to hear from anyone who ..." asks
        if lower != "from" or (head.tag_.startswith("VB") and head.lower_ not in HEARING):
            return _subtree(token) - _destinations(token)
    if dep == "prep" and lower in ("after", "following") and not _is_want(token, words):
        return _subtree(token)  # "After four years as VP of Sales at Brightwave, ..."
    if lower in DEGREES and token.tag_ in NOUN_TAGS:  # "my MSN in nursing education"
        return _subtree(token)
    if lower in OWN_ATTRIBUTES and token.tag_ in NOUN_TAGS and any(
            c.dep_ == "poss" and c.lower_ in WRITER_POSSESSIVES for c in token.children):
        # "my experience in logistics", and the parse may hang the "in" from the verb: "where I can
        # apply my skills in writing and event planning": the writer's own
        fields = [c for c in token.head.children if c.dep_ == "prep" and c.lower_ == "in"] if token.dep_ == "dobj" else []
        return _subtree(token) | {t.i for p in fields for t in p.subtree}
    if token.tag_.startswith("VB") and _studies(token):
        # "pursuing B.E. in Mechanical Engineering": the parse hangs the field from the verb; not a
        # clause joined to it ("finishing my degree and working toward a project coordinator role")
        return _subtree(token) - {t.i for c in token.children if c.dep_ in ("conj", "parataxis", "ccomp", "advcl")
                                  and c.tag_.startswith("VB") for t in c.subtree}
    if dep == "mark" and lower in PAST_MARKS and head.tag_ in PAST:
        return _subtree(head)  # "after my summer internship at Fidelity ended, I'm still searching"
    if dep in ("cc", "prep") and lower in ("but", "except") and head.lower_ in ("anything", "anywhere", "everything"):
        return {t.i for t in head.subtree if t.i > token.i}
    if lower in CHANNEL_PREPOSITIONS and dep == "prep":
        objects = [c for c in token.children if c.dep_ == "pobj"]
        if objects and objects[0].lower_ in words.platforms and not any(
                c.dep_ in ("compound", "amod", "det") for c in objects[0].children):  # "message me on LinkedIn"
            return _subtree(token)
    if lower in words.done_with and token.tag_ in ("JJ", "VBN"):  # "I'm done with banking", "tired of sales"
        subject = _subject(token)
        if subject is not None and _writer(subject):
            return {t.i for c in token.children if c.dep_ == "prep" and c.lower_ in ("with", "of") for t in c.subtree}
        return set()
    if not token.tag_.startswith("VB"):
        return set()
    could_use = lower == "use" and any(c.lower_ in ("could", "might") for c in token.children)
    if (lower in NEEDING or could_use) and dep == "relcl" and head.lower_ in CATTLE:
        # "anyone who needs a florist", "someone who could use a writer": what the writer offers
        return {t.i for c in token.children if c.dep_ == "dobj" for t in c.subtree}
    if any(c.dep_ == "neg" for c in token.children) and lower in BE | words.want_verbs:
        # "anywhere that isn't a big bank", "I don't want to go back to consulting"
        return {t.i for c in token.children if c.dep_ in ("attr", "dobj", "xcomp", "prep", "acomp") for t in c.subtree}
    if lower in SUPPORTING and any(c.dep_ == "dobj" and c.tag_ in ("NNP", "NNPS") for c in token.children):
        # "anyone who might like to support the Eastside Boys & Girls Club": the cause asked for, not a target
        return {t.i for c in token.children if c.dep_ == "dobj" for t in c.subtree}
    subject = _subject(token)
    if lower in GROWING and dep in ("relcl", "conj") and subject is not None and _writer(subject) and (
            singular(token.head.lower_) in words.generic or token.head.lower_ in GROWING):
        # "opportunities where I can grow, learn from great people and gain real-world experience":
        # what the writer would get out of it, not whom or what they want
        return _subtree(token)
    if subject is None:
        if lower in words.leaving and token.tag_ == "VBG" and not _under_want(token, words):
            # "Hi Tara, leaving Deloitte after 7 yrs and ...": the writer's leaving, said without "I'm"
            kept = {t.i for c in token.children if c.dep_ == "prep" and c.lower_ in ("for", "to") for t in c.subtree}
            return _subtree(token) - kept - _destinations(token)
        return set()
    clause = _clause(token, subject)
    if _writer(subject):
        past = token.tag_ in PAST or (token.tag_ == "VBN" and lower != "got"  # "I've got my heart set on X" is now
                                      and any(c.lower_ in HAVE | {"had"} for c in token.children))
        if past and lower not in PERCEIVING and lower not in STILL_WANTED:
            # the writer's past: "I spent eight years at Amazon"; not a want it holds, which is now:
            # "I've decided to move into X", "I've set my sights on Y"
            return clause - _nested_wants(token, clause, words)
        if lower in words.leaving:
            return clause
        if lower in BE and subject.lower_ in WRITERS and not any(
                c.dep_ == "acomp" and c.lower_ in words.want_adjectives for c in token.children):
            # "I'm a fast learner", "we're a team of five": who they are; not "I am very eager to join
            # in VLSI domain, specially physical design", where the parse made the design an attr
            attrs = [c for c in token.children if c.dep_ == "attr"]
            # ... but not a want hung from it: "I'm a designer wrapping up 4 years at X and hoping to move into Y"
            wants = {t.i for c in attrs for w in c.subtree if w.tag_.startswith("VB") and w.lower_ in words.want_verbs
                     for t in w.subtree}
            # "I'm early in my supply chain career": the writer's own career, whatever else the sentence asks
            own = {t.i for p in token.subtree if p.dep_ == "prep" and any(
                o.dep_ == "pobj" and o.lower_ in OWN_TIMES and _owned(o) for o in p.children) for t in p.subtree}
            return ({t.i for c in attrs for t in c.subtree} - wants) | (own & clause)
    elif subject.lower_ in READERS and not _conditional(token) and not any(c.tag_ == "MD" for c in token.children):
        if lower in READER_JOB or (dep == "relcl" and lower in READER_HIRING) or token.tag_ in PAST \
                or (lower in BE and any(c.dep_ == "attr" for c in token.children)):
            return clause  # the reader's job: "you lead ops at X", "you're the operations director"
    return set()


def _nested_wants(verb: Token, clause: set[int], words: Words) -> set[int]:
    found: set[int] = set()
    for t in verb.subtree:
        # "I've decided to leave the bench and would like to move into X": a want joined to the past
        complement = t.dep_ in ("xcomp", "ccomp", "conj") or (t.tag_ in NOUN_TAGS and _owned(t))
        if complement and t.i in clause and t is not verb and _is_want(t, words) and not _negated(t):
            found |= {t.i} | _subtree(t) | {o.i for o in _object_tokens(t, words)}
    return found


def _generic_object(token: Token, words: Words) -> bool:
    """A generic noun a request asks for ("anyone", "experts", "an opening"), whose qualifiers hold the target."""
    if token.tag_ not in NOUN_TAGS and token.lower_ not in words.generic:
        return False
    word = singular(token.lower_)
    return word in words.generic or word in words.job_words


def _own_product(token: Token, words: Words) -> set[int]:
    """The writer's own product: "we're building a scheduling tool for dental offices", "it's a
    tool that helps HR teams run onboarding"."""
    if token.lower_ in BE and token.tag_.startswith("VB") and not _under_want(token, words):
        subjects = [c for c in token.children if c.dep_ in SUBJECTS]
        described = [c for c in token.children if c.dep_ == "attr" and singular(c.lower_) in words.product_nouns]
        if subjects and described and (subjects[0].lower_ in ("it", "this") or subjects[0].tag_ == "NNP"):
            return _subtree(described[0])
    if not token.tag_.startswith("VB") or token.lower_ not in words.own_product or _under_want(token, words):
        return set()
    subject = _subject(token)
    return _clause(token, subject) if subject is not None and _writer(subject) else set()


def _destinations(token: Token) -> set[int]:
    """Where a move leads, anywhere under `token`: the parser often hangs "into X" from the "from" phrase."""
    return {t.i for d in token.subtree if d.lower_ in ("into", "toward", "towards") and d.dep_ == "prep"
            for t in d.subtree}


def _subtree(token: Token) -> set[int]:
    return {t.i for t in token.subtree}


def _clause(verb: Token, subject: Token) -> set[int]:
    """The verb's clause without its subject and without the clauses joined to it ("I'm finishing
    a degree and applying for BDR roles": the applying is not the finishing)."""
    cut = _subtree(subject)
    for child in verb.children:
        if child.dep_ in ("conj", "parataxis", "ccomp") and child.tag_.startswith("VB"):
            cut |= _subtree(child)
        elif child.dep_ == "advcl" and any(c.dep_ in SUBJECTS and c.lower_ in WRITERS for c in child.children) \
                and not subject.lower_ in WRITERS:
            cut |= _subtree(child)  # "You sit on boards in that world, so if there's X, I'd love an intro"
    return _subtree(verb) - cut


def _opening_condition(tokens: list[Token]) -> int | None:
    """The first token of a conditional clause that opens the sentence and hangs from its main
    verb: "If anything opens up in X, ...", "Should anything come up for Y, ...", after a "P.S." too."""
    words = [t for t in tokens if not t.is_space and not t.is_punct and t.lower_.replace(".", "") not in POSTSCRIPTS]
    if not words:
        return None
    first = words[0]
    clause = first.head if first.dep_ in ("mark", "aux") else None
    if clause is None or clause.dep_ != "advcl" or clause.head.dep_ != "ROOT":
        return None
    inverted = first.lower_ in ("should", "were", "had") and first.tag_ in ("MD", "VBD") and any(
        c.dep_ in SUBJECTS and c.i > first.i for c in clause.children)
    return first.i if first.lower_ in ("if", "whether") or inverted else None


def _conditional(verb: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in verb.children)


def _under_want(token: Token, words: Words) -> bool:
    current = token
    for _ in range(4):
        if current.head.i == current.i:
            return False
        current = current.head
        if _is_want(current, words):
            return True
    return False


def _examples(tokens: list[Token], words: Words) -> list[Phrase]:
    """Names given as examples of an organisation or a field: "dental practice software such as
    Dentrix, Eaglesoft or Open Dental", "a climate startup like Watershed", "banks including Chase".
    Each name (a proper noun with its compounds, and its conjuncts) is a COMPANY; examples of
    anything else ("cities like Austin") are left to the model."""
    found: list[Phrase] = []
    for token in tokens:
        if token.dep_ != "prep" or not _introduces_examples(token):
            continue
        kind = head_kind(singular(token.head.lower_), words) if token.head.tag_ in ("NN", "NNS") else None
        if kind not in ("COMPANY", "SECTOR"):
            continue
        for first in (c for c in token.children if c.dep_ == "pobj"):
            for name in [first, *first.conjuncts]:
                if name.tag_ in ("NNP", "NNPS"):
                    start = min([name.i] + [c.i for c in name.lefts if c.dep_ == "compound" and c.tag_ in ("NNP", "NNPS")])
                    found.append(Phrase(start, name.i + 1, "COMPANY", name.i, example=True))
    return found


def _introduces_examples(prep: Token) -> bool:
    lower = prep.lower_
    if lower == "as":
        return any(c.lower_ == "such" for c in prep.lefts) or (prep.i > 0 and prep.doc[prep.i - 1].lower_ == "such")
    return lower in ("like", "including")


def _typed_phrases(tokens: list[Token], words: Words) -> list[Phrase]:
    found: list[Phrase] = _examples(tokens, words)
    found += [p for t in tokens if t.lower_ in CATTLE_PEOPLE or t.lower_ in PEOPLE_WORDS for p in _people_in(t, words)]
    for token in tokens:
        piece = token.doc
        if token.tag_ not in ("NN", "NNS") or token.dep_ == "compound" and token.head.tag_ in NOUN_TAGS:
            continue
        if any(c.dep_ == "poss" and c.lower_ in POSSESSIVES for c in token.children):
            continue  # "my skills", "your team": the writer's or the reader's own
        if token.i >= 2 and piece[token.i - 1].text == "-" and not piece[token.i - 1].whitespace_ \
                and not piece[token.i - 2].whitespace_:
            continue  # the end of a hyphenated word: "brother-in-law", "sister-in-law's field"
        word = singular(token.lower_)
        if word in words.job_words:
            found += _job_modifiers(token, words)
            continue
        start = _phrase_start(token, words)
        modified = any(singular(piece[i].lower_) not in words.generic_modifiers and piece[i].is_alpha
                       for i in range(start, token.i))
        if singular(piece[start:token.i + 1].text.lower().replace(" ", "")) in words.generic:
            continue  # "decision-makers"
        if word in words.generic_people:
            label = "ROLE" if modified else None
        elif word in words.organisation_with_modifier:
            label = "COMPANY" if modified else None
        else:
            label = head_kind(word, words)
        if label:
            found.append(Phrase(start, token.i + 1, label, token.i))
    return found


def _people_in(person: Token, words: Words) -> list[Phrase]:
    """What people are in names their function or field: "someone in patient access at Advocate"
    (a function inside an employer: ROLE), "folks in facilities" (of the kind its head is typed,
    else a function too). Not a place, a time, anyone's own circle, or a generic noun ("anyone
    in the area", "someone in my network", "anyone in particular")."""
    found: list[Phrase] = []
    fields = [o for p in person.children if p.dep_ == "prep" and p.lower_ == "in"
              for o in p.children if o.dep_ == "pobj"]
    for field_ in fields + [c for f in fields for c in f.children if c.dep_ == "conj"]:
        word = singular(field_.lower_)
        if field_.tag_ not in ("NN", "NNS") or not field_.is_alpha or field_.ent_type_ or word in NOT_A_FIELD \
                or listed_kind(word, words) == "" or word in words.generic_people or word in DURATIONS \
                or any(c.dep_ == "poss" or c.lower_ in ("this", "that", "these", "those") for c in field_.children):
            continue
        at_employer = any(c.dep_ == "prep" and c.lower_ == "at" for c in field_.children)
        label = "ROLE" if at_employer else head_kind(word, words) or "ROLE"
        found.append(Phrase(_phrase_start(field_, words), field_.i + 1, label, field_.i))
    return found


def listed_kind(word: str, words: Words) -> str | None:
    """What the word lists say of a singular lowercase head noun: ROLE, COMPANY, SECTOR, "" (generic
    or abstract: never a target) or None (no list holds it)."""
    if word in words.generic or word in words.abstract or len(word) < 3:
        return ""
    if word in words.organisation:
        return "COMPANY"
    if word in words.person:
        return "ROLE"
    if word in words.fields:
        return "SECTOR"
    return None


def head_kind(word: str, words: Words) -> str | None:
    """ROLE, COMPANY or SECTOR for a singular lowercase head noun, or None (generic, abstract, unknown):
    by the word lists, else by the shape of the word."""
    listed = listed_kind(word, words)
    if listed is not None:
        return listed or None
    if not word[:1].isalpha():
        return None  # "360Learning", "3PLs": a name's shape, not a word's
    if word.endswith(PERSON_SUFFIXES) and word not in words.not_person and len(word) > 4:
        return "ROLE"
    if word.endswith(FIELD_SUFFIXES) or (word.endswith("ing") and len(word) > 6):
        return "SECTOR"
    return None


def _phrase_start(head: Token, words: Words) -> int:
    """Where the phrase starts: the head's compounds and noun modifiers, and the adjectives that say
    which field ("clinical informatics", "environmental consulting"), not its determiner nor the
    adjectives that describe ("a great team", "large companies")."""
    start = head.i
    for child in sorted(head.lefts, key=lambda t: -t.i):
        if child.i != start - 1 and not (child.i < start and all(
                head.doc[j].dep_ in ("compound", "punct", "amod", "npadvmod") for j in range(child.i + 1, start))):
            break
        if child.dep_ == "compound" or (child.dep_ in ("amod", "npadvmod") and child.tag_ in NOUN_TAGS):
            first = min(t.i for t in child.subtree)
            if head.doc[first:child.i + 1].text.lower() in words.generic_modifiers:
                break  # "full-time": says how, not which
            start = min(start, first)
        elif child.dep_ == "amod" and child.tag_ == "JJ" and child.lower_.endswith(RELATIONAL_SUFFIXES) \
                and child.lower_ not in words.generic_modifiers:
            start = child.i
        elif child.dep_ == "punct" and child.text in ("-",):
            continue
        else:
            break
    return start


def _job_modifiers(head: Token, words: Words) -> list[Phrase]:
    """ "bar work", "a data analyst role", "a claims or underwriting opening": the modifiers of a
    generic job word name the role; each modifier and its conjuncts become a phrase."""
    found: list[Phrase] = []
    modifiers = [c for c in head.lefts if c.dep_ in ("compound", "amod", "nmod") and c.tag_ in NOUN_TAGS]
    for modifier in modifiers:
        word = singular(modifier.lower_)
        if word in words.generic or word in words.abstract or modifier.lower_ in words.generic_modifiers \
                or word in words.job_words:  # "internship opportunities" names no role
            continue
        start = min(t.i for t in modifier.subtree if t.dep_ in ("compound", "amod", "nmod") or t is modifier)
        found.append(Phrase(start, modifier.i + 1, "ROLE", modifier.i))
    if head.dep_ == "conj" and head.head.tag_ in NOUN_TAGS and found:  # "claims or underwriting opening"
        first = head.head
        word = singular(first.lower_)
        if word not in words.generic and word not in words.abstract:
            found.append(Phrase(_phrase_start(first, words), first.i + 1, "ROLE", first.i))
    return found
