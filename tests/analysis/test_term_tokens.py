"""The token cache of the lexicon matchers: the same PhraseMatcher keys as tokenizing every term, and
nothing in a damaged, stale or unwritable cache changes a match."""

from __future__ import annotations

import hashlib
import json
import re

import pytest
import spacy
from spacy.matcher import PhraseMatcher

from pitchlint.analysis.lexicon import read_lexicon, with_plurals
from pitchlint.analysis.targets import TermMatcher
from pitchlint.analysis.term_tokens import SEPARATOR, TermTokens, default_folder, fingerprint
from pitchlint.checks.paths import builtin_pack_dir

TEXTS = [
    "I'd love an intro to a Vice President of Sales or any product managers at J.P. Morgan.",
    "Know anyone in e-commerce, at Toys R Us, or on the Chief of Staff team at Procter & Gamble?",
    "We are hiring a VP of engineering; the head of product at AT&T knows her.",
]


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


@pytest.fixture(scope="module")
def terms():
    """Every multi-word term of the built-in lexicons, with plurals, as the matchers get them."""
    found: dict[str, None] = {}
    for path in sorted((builtin_pack_dir() / "lexicons").glob("*.txt")):
        lexicon = read_lexicon(path)
        for term in with_plurals(lexicon.plain + lexicon.needs_context):
            if not term.isalpha():
                found[term] = None
    return list(found)


def tokenized(nlp, terms, attr):
    return [[token.lower if attr == "LOWER" else token.orth for token in doc] for doc in nlp.tokenizer.pipe(terms)]


def cache_file(folder):
    files = sorted(folder.glob("term-tokens-*.json"))
    assert len(files) == 1, files
    return files[0]


def rewrite(path, payload: bytes, *, header: dict | None = None) -> None:
    """A cache file with a header that matches `payload` (as a careful writer would leave it)."""
    old = json.loads(path.read_bytes().partition(b"\n")[0])
    new = {**old, "sha256": hashlib.sha256(payload).hexdigest(), **(header or {})}
    path.write_bytes(json.dumps(new).encode() + b"\n" + payload)


@pytest.mark.parametrize("attr", ["LOWER", "ORTH"])
def test_cached_keys_are_the_keys_of_the_tokenized_terms(nlp, terms, tmp_path, attr):
    expected = tokenized(nlp, terms, attr)
    first = TermTokens(nlp, tmp_path)
    assert first.keys(terms, attr) == expected  # tokenized: nothing cached yet
    first.save()
    assert len(json.loads(cache_file(tmp_path).read_bytes().partition(b"\n")[2])) == len(terms)
    second = TermTokens(nlp, tmp_path)
    assert second.keys(terms, attr) == expected  # read back from the file
    assert second._fresh == {}


def test_phrase_matchers_from_the_cache_equal_those_built_from_docs(nlp, terms, tmp_path):
    filler = TermTokens(nlp, tmp_path)
    TermMatcher(nlp, "LOWER", filler).add("ROLE", terms)
    filler.save()
    tokens = TermTokens(nlp, tmp_path)
    cached = TermMatcher(nlp, "LOWER", tokens)
    cached.add("ROLE", terms)
    cached.add("SECTOR", terms[::3])
    assert tokens._fresh == {}
    from_docs = PhraseMatcher(nlp.vocab, attr="LOWER")
    from_docs.add("ROLE", list(nlp.tokenizer.pipe(terms)))
    from_docs.add("SECTOR", list(nlp.tokenizer.pipe(terms[::3])))
    assert cached.phrases.__reduce__()[1][1] == from_docs.__reduce__()[1][1]  # the same patterns
    for text in TEXTS + [" ".join(terms[:400])]:
        doc = nlp(text)
        assert cached.phrases(doc) == from_docs(doc)  # the same matches, in the same order


def test_a_corrupted_cache_is_ignored_and_rewritten(nlp, terms, tmp_path):
    expected = tokenized(nlp, terms, "LOWER")
    TermTokens(nlp, tmp_path).keys(terms, "LOWER")
    writer = TermTokens(nlp, tmp_path)
    writer.keys(terms, "LOWER")
    writer.save()
    path = cache_file(tmp_path)
    good = path.read_bytes()
    damaged = [
        b"",
        b"\x00\xff garbage",
        good[: len(good) // 2],  # cut short
        good.replace(b'"board \\u001fchair"', b'"board\\u001f chair"', 1),  # a byte changed: checksum
        b"[]\n{}",
    ]
    for content in damaged:
        path.write_bytes(content)
        tokens = TermTokens(nlp, tmp_path)
        assert tokens.keys(terms, "LOWER") == expected
        tokens.save()
        assert path.read_bytes() == good


def test_entries_that_do_not_spell_their_term_are_tokenized_again(nlp, tmp_path):
    terms = ["vice president of sales", "head of product", "J.P. Morgan"]
    expected = tokenized(nlp, terms, "ORTH")
    writer = TermTokens(nlp, tmp_path)
    writer.keys(terms, "ORTH")
    writer.save()
    path = cache_file(tmp_path)
    entries = json.loads(path.read_bytes().partition(b"\n")[2])
    entries["vice president of sales"] = f"vice {SEPARATOR}president {SEPARATOR}of"  # a word missing
    entries["head of product"] = ["head", "of", "product"]  # not the format
    entries["J.P. Morgan"] = f"J.P.{SEPARATOR} Morgan"  # a space inside a token
    rewrite(path, json.dumps(entries).encode())
    tokens = TermTokens(nlp, tmp_path)
    assert tokens.keys(terms, "ORTH") == expected
    assert sorted(tokens._fresh) == sorted(terms)


def test_a_cache_of_another_tokenizer_is_not_read(nlp, tmp_path):
    terms = ["vice president", "head of product"]
    writer = TermTokens(nlp, tmp_path)
    writer.keys(terms, "ORTH")
    writer.save()
    path = cache_file(tmp_path)
    entries = json.loads(path.read_bytes().partition(b"\n")[2])
    entries["vice president"] = f"vice pre{SEPARATOR}sident"  # spells the term, but is not its tokens
    rewrite(path, json.dumps(entries).encode(), header={"fingerprint": "0" * 64})
    assert TermTokens(nlp, tmp_path).keys(terms, "ORTH") == tokenized(nlp, terms, "ORTH")
    rewrite(path, json.dumps(entries).encode(), header={"format": 0})
    assert TermTokens(nlp, tmp_path).keys(terms, "ORTH") == tokenized(nlp, terms, "ORTH")


def test_the_fingerprint_follows_the_tokenizer(tmp_path):
    one, two = spacy.blank("en"), spacy.blank("en")
    assert fingerprint(one) == fingerprint(two)
    two.tokenizer.add_special_case("vice-president", [{"ORTH": "vice-president"}])
    assert fingerprint(one) != fingerprint(two)
    three = spacy.blank("en")
    three.tokenizer.token_match = re.compile(r"vice-\w+", re.IGNORECASE).match
    four = spacy.blank("en")
    four.tokenizer.token_match = re.compile(r"vice-\w+").match
    assert len({fingerprint(one), fingerprint(three), fingerprint(four)}) == 3  # flags count too
    five = spacy.blank("en")
    five.tokenizer.token_match = lambda text: text.startswith("vice-")
    assert fingerprint(five) is None
    terms = ["vice-president of sales", "head of product"]
    tokens = TermTokens(five, tmp_path)
    assert tokens.keys(terms, "LOWER") == tokenized(five, terms, "LOWER")
    tokens.save()
    assert list(tmp_path.iterdir()) == []  # a tokenizer that cannot be fingerprinted is never cached


def test_an_unwritable_cache_folder_changes_nothing(nlp, terms, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    tokens = TermTokens(nlp, blocker / "pitchlint")
    assert tokens.keys(terms, "LOWER") == tokenized(nlp, terms, "LOWER")
    tokens.save()  # no error, no file
    assert [p.name for p in tmp_path.iterdir()] == ["not-a-folder"]


def test_the_cache_folder_follows_xdg_cache_home(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_folder() == tmp_path / "pitchlint"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # not absolute: ignored, as the spec says
    assert default_folder().is_absolute()


def test_target_finder_writes_one_cache_and_finds_the_same_spans(tmp_path, monkeypatch):
    from pitchlint.analysis.patterns import TARGETS_KEY
    from pitchlint.analysis.targets import TargetFinder

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    TargetFinder(nlp, builtin_pack_dir())
    first = cache_file(tmp_path / "pitchlint").read_bytes()
    finder = TargetFinder(nlp, builtin_pack_dir())
    assert cache_file(tmp_path / "pitchlint").read_bytes() == first  # read, not written again
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "other"))
    fresh = TargetFinder(nlp, builtin_pack_dir())

    def spans(find, text):
        doc = find(nlp(text))
        return [(span.start, span.end, span.label_) for span in doc.spans[TARGETS_KEY]]

    found = [spans(finder, text) for text in TEXTS]
    assert found == [spans(fresh, text) for text in TEXTS]
    assert all(found)
