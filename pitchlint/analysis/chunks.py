"""The statistical components on a long message, a piece at a time.

spaCy's NER keeps working arrays for the whole Doc, about 15 KB per token here: a message of
100,000 characters would take 600 MB to 1.2 GB. Run on pieces of at most CHUNK_TOKENS tokens, cut at
paragraph breaks where there are any, it needs the memory of one piece, and the time stays
linear. A message shorter than one piece (nearly all of them) is analysed whole, in one pass.

The same arrays are kept for every Doc of a batch the model runs on together, so Docs go to it in
groups of at most BATCH_TOKENS tokens (`by_tokens`), not in groups of a number of Docs: 32 pieces of
a long message, or 32 long messages in `pitchlint batch`, would need them all at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, cast

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

if TYPE_CHECKING:
    from spacy.pipeline.pipe import Pipe
    from thinc.types import Ints2d

CHUNK_TOKENS = 2_000
BATCH_TOKENS = 4_000  # tokens the model works on at once: ~60 MB of its arrays
FACTORY = "pitchlint_chunked"


def cut_points(doc: Doc, size: int = CHUNK_TOKENS, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) token ranges of at most `size` tokens covering the Doc (or its tokens from
    `start` to `end`), each ending after a paragraph break, else a line break, else a space, when
    one falls in its second half."""
    stop = len(doc) if end is None else end
    pieces = []
    while stop - start > size:
        cut_at = start + size
        for wanted in ("\n\n", "\n", " "):
            cut = next((i + 1 for i in range(cut_at - 1, start + size // 2, -1)
                        if doc[i].is_space and wanted in doc[i].text or doc[i].whitespace_ and wanted == " "), None)
            if cut is not None:
                cut_at = cut
                break
        pieces.append((start, cut_at))
        start = cut_at
    pieces.append((start, stop))
    return pieces


def by_tokens(docs: Iterable[Doc], budget: int = BATCH_TOKENS) -> Iterator[list[Doc]]:
    """The Docs in order, in consecutive groups of at most `budget` tokens in all (a longer Doc
    makes a group of its own)."""
    group: list[Doc] = []
    size = 0
    for doc in docs:
        if group and size + len(doc) > budget:
            yield group
            group, size = [], 0
        group.append(doc)
        size += len(doc)
    if group:
        yield group


def pipe_by_tokens(component: Pipe, docs: Iterable[Doc]) -> Iterator[Doc]:
    """`component.pipe` over the Docs, a group of at most BATCH_TOKENS tokens at a time."""
    for group in by_tokens(docs):
        yield from component.pipe(group, batch_size=len(group))


class Chunked:
    """Runs the named components (the model's senter and ner) on each piece of a long Doc and
    copies their sentence starts and entities back."""

    def __init__(self, nlp: Language, names: list[str]) -> None:
        # the model's own components: spaCy types get_pipe as any Doc -> Doc callable, without `pipe`
        self.components = [cast("Pipe", nlp.get_pipe(name)) for name in names]

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        """Docs of one piece go through each component's own `pipe`, in batches (the same
        sentence starts and entities as one at a time, on the corpus and the benchmark messages,
        and a third less time for the senter); longer ones piece by piece."""
        batch: list[Doc]
        # spaCy's minibatch has no annotations
        for batch in minibatch(docs, batch_size):  # type: ignore[no-untyped-call]
            short = [doc for doc in batch if len(doc) <= CHUNK_TOKENS]
            for component in self.components:  # spaCy's components annotate the Docs in place
                for _ in pipe_by_tokens(component, short):
                    pass
            for doc in batch:
                if len(doc) > CHUNK_TOKENS:
                    self(doc)
            yield from batch

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) <= CHUNK_TOKENS:
            for component in self.components:
                doc = component(doc)
            return doc
        from spacy.attrs import SENT_START

        starts = doc.to_array([SENT_START]).astype("int64")  # -1 is "not a start"
        entities = []
        words = [token.text for token in doc]
        spaces = [bool(token.whitespace_) for token in doc]
        for start, end in cut_points(doc):
            piece = Doc(doc.vocab, words=words[start:end], spaces=spaces[start:end])  # as_doc is 25x slower
            for component in self.components:
                piece = component(piece)
            starts[start:end] = piece.to_array([SENT_START]).astype("int64")
            starts[start] = 1  # a piece starts after a paragraph or line break: a sentence starts
            entities += [Span(doc, start + e.start, start + e.end, label=e.label_) for e in piece.ents]
        doc.from_array([SENT_START], cast("Ints2d", starts.astype("uint64")))  # a numpy array, as spaCy takes it
        doc.set_ents(entities)
        return doc


class Batched:
    """A component that works on a whole batch of Docs at once (the model's layers run on pieces
    cut from all of them together); subclasses say what in `_run`."""

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        batch: list[Doc]
        # spaCy's minibatch has no annotations
        for batch in minibatch(docs, batch_size):  # type: ignore[no-untyped-call]
            self._run(batch, batch_size)
            yield from batch

    def _run(self, batch: list[Doc], batch_size: int) -> None:
        raise NotImplementedError


@Language.factory(FACTORY, default_config={"names": []})
def make_chunked(nlp: Language, name: str, names: list[str]) -> Chunked:
    return Chunked(nlp, names)


def run_in_pieces(nlp: Language, names: list[str]) -> None:
    """Replace the named components of a loaded pipeline by one that runs them piece by piece."""
    present = [n for n in names if n in nlp.pipe_names]
    if not present:
        return
    first = nlp.pipe_names.index(present[0])
    nlp.add_pipe(FACTORY, before=nlp.pipe_names[first], config={"names": present})
    for name in present:
        nlp.disable_pipe(name)
