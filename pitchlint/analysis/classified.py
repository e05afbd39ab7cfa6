"""The second layer of statements: a trained classifier for the sentences the grammar leaves out.

The grammar (grammar.py, statements.py) decides every sentence that names a company, role or
sector, and so every target. Sentences it leaves unstated and that name none are often asks and
goals it has no frame for: asides around an ask ("Shares help too!!", "DMs are open"), a wish with
no verb it knows. For those the statement comes from a small text classifier trained on the
corpus's sentence labels (statement_model.cfg, pitchlint/train_statements.py), when it is confident. It
never makes a target, so verdicts and findings stay the grammar's; it makes the report's
`statements` say what each sentence does.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from spacy.tokens import Doc, Span

from pitchlint.analysis.patterns import (
    CLASSIFIED_KEY,
    STATED_KEY,
    TARGET_LABELS,
    TARGETS_KEY,
)
from pitchlint.errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL = Path(__file__).resolve().parent / "statement_model"
CONFIDENCE = 0.8  # below it the sentence stays background
BATCH = 256  # sentences classified at a time: a long message is read in bounded pieces
STATED = ("request", "goal")


@lru_cache(maxsize=2)
def load_classifier(path: str) -> Language:
    import spacy

    try:
        return spacy.load(path)
    except (OSError, ValueError) as exc:  # a damaged installation: say so, never guess
        raise ConfigError(path, f"the statement classifier cannot be loaded ({exc})") from None


class ClassifiedStatements:
    def __init__(self, path: Path | None = None, confidence: float = CONFIDENCE):
        self.classifier = load_classifier(str(path or MODEL))  # MODEL read here: a benchmark swaps it
        self.confidence = confidence
        self.textcat: Any = cast(Any, self.classifier.get_pipe("textcat"))  # spaCy types its pipes as callables
        self.labels: list[str] = list(self.textcat.labels)
        self.stated = [self.labels.index(k) for k in STATED]  # the columns of request and goal

    def unstated(self, doc: Doc) -> list[Span]:
        """The sentences with words, no stated clause and no company, role or sector in them."""
        taken = {i for s in doc.spans[STATED_KEY] for i in range(s.start, s.end)}
        taken |= {i for t in doc.spans[TARGETS_KEY] if t.label_ in TARGET_LABELS for i in range(t.start, t.end)}
        return [s for s in doc.sents
                if not any(i in taken for i in range(s.start, s.end)) and any(t.is_alpha for t in s)]

    def __call__(self, doc: Doc) -> Doc:
        found = []
        sentences = self.unstated(doc)
        # the bag of words reads the sentences' own tokens (word hashes are the same in every
        # vocabulary): no new Doc and no second tokenization per sentence
        cache: dict[tuple[int | str, ...], Any] = {}
        for start in range(0, len(sentences), BATCH):
            batch = sentences[start:start + BATCH]
            scores = self.textcat.model.predict([_Words(s, cache) for s in batch])
            for sentence, row in zip(batch, scores, strict=True):
                best = max(self.stated, key=lambda i: float(row[i]))
                if float(row[best]) >= self.confidence:
                    found.append(Span(doc, sentence.start, sentence.end, label=self.labels[best]))
        doc.spans[CLASSIFIED_KEY] = found
        return doc


class _Words:
    """A sentence as the bag of words reads a Doc: `to_array` of its tokens, one value per token
    (the Doc's array is worked out once for all its sentences)."""

    def __init__(self, sentence: Span, cache: dict[tuple[int | str, ...], Any]):
        self.sentence = sentence
        self.cache = cache

    def to_array(self, attrs: list[int | str]) -> Any:
        key = tuple(attrs)
        if key not in self.cache:
            self.cache[key] = self.sentence.doc.to_array(attrs)
        return self.cache[key][self.sentence.start:self.sentence.end]
