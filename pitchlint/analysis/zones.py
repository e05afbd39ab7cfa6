"""spaCy's memory zone around a batch of messages, so that a long-lived process keeps flat memory.

A message with names, e-mail addresses and URLs that no other message has adds strings to spaCy's
string store and lexemes to its vocabulary (about 8 a message), and spaCy keeps them for the life
of the process: the language server and a batch over millions of rows would grow without end.
Inside `nlp.memory_zone()` (spaCy 3.8) what the text adds is transient and dropped when the zone
closes. What the pipeline adds while it is built (lexicon terms, pattern and span labels) is added
outside any zone and stays.

The price: a Doc made inside a zone, and every Span and Token of it, must not be touched after the
zone closes (its lexemes are freed). The rules read the Doc, so one zone covers the analysis *and*
the rules of a batch, and only plain data leaves it: the reports. Anything a component builds
lazily from the vocabulary (a matcher, a label) must be built before the first zone, at start-up.

Inside a zone spaCy does not fill its tokenizer's cache, which made tokenizing 2-5 times slower
(0.3 -> 1.7 ms for a 200-word message, 7-15 % of a lint). So, as spaCy's documentation advises,
the first WARM_UP_MESSAGES messages a pipeline lints are linted outside any zone: their words fill
the cache, and their strings (about a thousand) stay, once per process.

Zones are state of the whole vocabulary and must not nest, so one lock serialises them across
threads (a Dask worker runs tasks in threads), and a zone asked for inside an open one on the same
pipeline is that outer zone.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

WARM_UP_MESSAGES = 128  # as many as the engine's first slice and a batch's first chunk

_LOCK = threading.RLock()
# id() of a pipeline's vocabulary -> messages it was asked to lint so far; changed only under _LOCK
_open: set[int] = set()  # the vocabularies with an open zone
_linted: dict[int, int] = {}


@contextmanager
def memory_zone(nlp: Language, messages: int = 1) -> Iterator[None]:
    """A memory zone on `nlp` for linting `messages` messages: strings and lexemes they add are
    dropped at its end (unless the pipeline is still warming up: see above)."""
    with _LOCK:
        key = id(nlp.vocab)
        warming = _linted.get(key, 0) < WARM_UP_MESSAGES
        _linted[key] = _linted.get(key, 0) + messages
        if key in _open or warming:
            yield
            return
        _open.add(key)
        try:
            with nlp.memory_zone():
                yield
        finally:
            _open.discard(key)


def analysis_zone(model: str | None, pack_dir: Path | str, extra_packs: tuple[str, ...] = (),
                  messages: int = 1) -> AbstractContextManager[None]:
    """The memory zone of the pipeline `build_pipeline` gives for these arguments (built now,
    outside the zone, if it was not yet), for linting `messages` messages."""
    from pitchlint.analysis.pipeline import build_pipeline

    return memory_zone(build_pipeline(model, str(pack_dir), tuple(extra_packs)), messages)
