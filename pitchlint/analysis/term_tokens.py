"""The tokens of the lexicons' multi-word terms, kept between runs in the user's cache folder.

The lexicon matchers need each term as the keys of its tokens (the hashes of their texts or lower
cases). Tokenizing some 3,000 terms at start-up costs about 100 ms, most of it spent creating a
lexeme for every new word, so the token texts are saved after the first run and the keys are
computed from them with the vocabulary's own hash and lower-case function: no lexemes, the same keys.

One file per tokenizer: its name and header carry a fingerprint of spaCy's version, the model and the
tokenizer's serialized settings (rules, prefixes, suffixes, infixes), so another tokenizer never
reads it. Nothing in the file is trusted: a file that does not parse, has another fingerprint or a
wrong checksum is ignored, and a term is taken from it only when its tokens spell the term exactly
(otherwise the term is tokenized again). Reading or writing the cache never fails a run: when the
folder cannot be written the matchers are built by tokenizing every term. No network, ever.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spacy.attrs import LOWER
from spacy.language import Language

if TYPE_CHECKING:
    from spacy.tokenizer import Tokenizer  # compiled, without type information: Any to mypy
    from spacy.tokens import Doc

FORMAT = 1
MAX_ENTRIES = 50_000  # past this the file is rewritten with only the terms of the current run
MAX_BYTES = 16 * 1024 * 1024  # a larger file is not read


def default_folder() -> Path:
    """`$XDG_CACHE_HOME/pitchlint` when that variable holds an absolute path (on any system), else the
    platform's user cache folder (`~/.cache/pitchlint` on Linux)."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        return Path(xdg) / "pitchlint"
    from platformdirs import user_cache_path

    return user_cache_path("pitchlint", appauthor=False)


_SEARCHES = ("prefix_search", "suffix_search", "infix_finditer", "token_match", "url_match")


def fingerprint(nlp: Language) -> str | None:
    """What decides how a term is tokenized: spaCy, the model, and the tokenizer's settings; None
    for a tokenizer whose settings cannot all be written down (another class, a search function
    that is not a compiled regular expression): its terms are always tokenized."""
    from spacy.about import __version__ as spacy_version
    from spacy.tokenizer import Tokenizer

    tokenizer: Tokenizer = nlp.tokenizer
    if type(tokenizer) is not Tokenizer:
        return None
    digest = hashlib.sha256()
    meta = nlp.meta
    for part in (str(FORMAT), spacy_version, str(nlp.lang), str(meta.get("name")), str(meta.get("version"))):
        digest.update(part.encode("utf-8") + b"\0")
    for name in _SEARCHES:
        search = getattr(tokenizer, name)
        if search is None:
            digest.update(b"-\0")
            continue
        pattern = getattr(search, "__self__", None)
        if not isinstance(pattern, re.Pattern):
            return None
        digest.update(f"{type(pattern.pattern).__name__}:{pattern.flags}:".encode("utf-8"))
        digest.update(pattern.pattern.encode("utf-8") if isinstance(pattern.pattern, str) else pattern.pattern)
        digest.update(b"\0")
    digest.update(tokenizer.to_bytes(exclude=["vocab"]))  # the special cases, and the patterns again
    return digest.hexdigest()


SEPARATOR = "\x1f"  # between two tokens in a cache entry; a token followed by a space keeps it


def _texts(entry: object, term: str) -> list[str] | None:
    """The token texts a cache entry holds for `term`, or None when the entry does not spell the
    term exactly. An entry is the term with SEPARATOR at each token boundary: "vice \x1fpresident"."""
    if not isinstance(entry, str) or entry.replace(SEPARATOR, "") != term:
        return None
    texts = []
    for piece in entry.split(SEPARATOR):
        text = piece[:-1] if piece.endswith(" ") else piece
        if not text or text.isspace() or " " in text:
            return None
        texts.append(text)
    return texts


def _entry(doc: Doc) -> str | None:
    """A tokenized term as a cache entry; None when the entry could not be read back unambiguously
    (a token of spaces, or the separator in the text)."""
    if any(not token.text or token.text.isspace() or " " in token.text or SEPARATOR in token.text
           for token in doc):
        return None
    return SEPARATOR.join(token.text_with_ws for token in doc)


class TermTokens:
    """Token texts of terms, from the cache file where it holds them, else from the tokenizer."""

    def __init__(self, nlp: Language, folder: Path | None = None) -> None:
        self.nlp = nlp
        self.folder = default_folder() if folder is None else folder
        # the word-attribute getters by attribute id: spaCy's Vocab stub leaves them out
        getters: dict[int, Callable[[str], Any]] = nlp.vocab.lex_attr_getters  # type: ignore[attr-defined]
        self.lower: Callable[[str], str] | None = getters.get(LOWER)
        self.strings = nlp.vocab.strings
        self._fingerprint: str | None = None
        self._cached: dict[str, object] | None = None  # term -> cache entry, as the file holds them
        self._fresh: dict[str, str] = {}
        self._used: set[str] = set()
        # The keys are computed from the texts, so caching is only right when the vocabulary makes a
        # word's lower case with its getter; checked on every term that is actually tokenized.
        self.cacheable = self.lower is not None

    @property
    def path(self) -> Path | None:
        """The cache file for this tokenizer; None when its terms cannot be cached."""
        if self._fingerprint is None:
            self._fingerprint = fingerprint(self.nlp) or ""
        return self.folder / f"term-tokens-{self._fingerprint[:24]}.json" if self._fingerprint else None

    def keys(self, terms: list[str], attr: str) -> list[list[int]]:
        """Each term as the PhraseMatcher keys of its tokens: hashes of ORTH, or of LOWER."""
        cached = self._load() if self.cacheable else {}
        lower = self.lower  # not None whenever something is cached (see `cacheable`)
        found: dict[str, list[int]] = {}
        missing: dict[str, None] = {}
        for term in terms:
            texts = _texts(cached.get(term), term)
            if texts is None or lower is None:
                missing[term] = None
                continue
            self._used.add(term)
            found[term] = [self.strings[lower(t) if attr == "LOWER" else t] for t in texts]
        tokenizer: Tokenizer = self.nlp.tokenizer
        for term, doc in zip(missing, tokenizer.pipe(missing)):
            found[term] = [token.lower if attr == "LOWER" else token.orth for token in doc]
            if self.cacheable:
                self._remember(term, doc)
        return [found[term] for term in terms]

    def _remember(self, term: str, doc: Doc) -> None:
        lower = self.lower  # not None: only a cacheable TermTokens remembers
        if lower is None or any(lower(token.text) != token.lower_ for token in doc):
            self.cacheable = False  # the keys could not be rebuilt from the texts: cache nothing
            return
        entry = _entry(doc)
        if entry is not None:
            self._fresh[term] = entry
            self._used.add(term)

    def _load(self) -> dict[str, object]:
        if self._cached is None:
            self._cached = {}
            path = self.path
            if path is None:
                self.cacheable = False
                return self._cached
            try:
                with open(path, "rb") as file:
                    raw = file.read(MAX_BYTES + 1)
            except OSError:
                return self._cached
            if len(raw) > MAX_BYTES:
                return self._cached
            header, _, payload = raw.partition(b"\n")
            try:
                meta = json.loads(header)
                if (isinstance(meta, dict) and meta.get("format") == FORMAT
                        and meta.get("fingerprint") == self._fingerprint
                        and meta.get("sha256") == hashlib.sha256(payload).hexdigest()):
                    terms = json.loads(payload)
                    if isinstance(terms, dict):
                        self._cached = terms
            except (ValueError, UnicodeDecodeError, RecursionError):
                pass
        return self._cached

    def save(self) -> None:
        """Write the terms tokenized in this run into the cache file (atomically); quiet on failure."""
        if not self._fresh or not self.cacheable:
            return
        kept = self._cached or {}
        if len(kept) + len(self._fresh) > MAX_ENTRIES:
            kept = {term: tokens for term, tokens in kept.items() if term in self._used}
        merged = {**kept, **self._fresh}
        payload = json.dumps(merged, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        header = json.dumps({"format": FORMAT, "fingerprint": self._fingerprint,
                             "sha256": hashlib.sha256(payload).hexdigest()}).encode("utf-8")
        path = self.path
        if path is None:
            return
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(header + b"\n" + payload)
            os.replace(temporary, path)
        except OSError:
            try:
                temporary.unlink()
            except OSError:
                pass
            return
        self._cached, self._fresh = merged, {}
