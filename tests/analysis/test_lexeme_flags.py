"""Word tests stored as lexeme flags give spaCy's Matcher exactly the matches of its predicates."""

from pathlib import Path

import pytest
import spacy

from pitchlint.analysis.flags import FIRST_SPARE_BIT, LAST_BIT, WordTest, as_flags, flag_for
from pitchlint.analysis.patterns import compile_patterns, read_patterns
from pitchlint.checks.paths import builtin_pack_dir
from pitchlint.errors import ConfigError
from pitchlint.reading.read import read_document

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def nlp():
    """A fresh vocabulary per test: flags are added to it for good."""
    return spacy.blank("en")


def corpus_texts():
    return [read_document(p).prose for p in sorted((ROOT / "corpus").iterdir())
            if p.suffix in (".txt", ".md", ".eml")]


def matches(matcher, doc):
    return [(m, s, e, list(a)) for m, s, e, a in matcher(doc, with_alignments=True)]


@pytest.mark.parametrize("name, at_least", [("targets.jsonl", 500), ("lists.jsonl", 20)])
def test_same_matches_and_alignments_as_the_predicates_on_the_whole_corpus(nlp, name, at_least):
    nlp.add_pipe("sentencizer")  # a pattern tests IS_SENT_START
    path = builtin_pack_dir() / "patterns" / name
    plain, _ = compile_patterns(nlp.vocab, read_patterns(path), path, word_flags=False)
    flagged, _ = compile_patterns(nlp.vocab, read_patterns(path), path)
    assert any(isinstance(g, WordTest) for g in nlp.vocab.lex_attr_getters.values())
    texts = corpus_texts()
    found = differ = 0
    for doc in nlp.pipe(texts):  # most words are new to the vocabulary: flagged as they are added
        expected = matches(plain, doc)
        found += len(expected)
        differ += matches(flagged, doc) != expected
    assert len(texts) > 300 and found >= at_least and differ == 0


def test_a_word_test_becomes_a_flag_with_the_same_answers(nlp):
    token = as_flags(nlp.vocab, {"LOWER": {"IN": ["team", "teams"]}, "IS_ALPHA": True, "OP": "?"})
    (bit, value), *rest = token.items()
    assert isinstance(bit, int) and FIRST_SPARE_BIT <= bit <= LAST_BIT and value is True
    assert dict(rest) == {"IS_ALPHA": True, "OP": "?"}
    doc = nlp("Team teams steam TEAM")
    assert [t.check_flag(bit) for t in doc] == [True, True, False, True]
    negated = as_flags(nlp.vocab, {"LOWER": {"NOT_IN": ["team", "teams"]}})
    assert negated == {bit: False}  # the same set, the same bit: only the wanted value differs
    regex = as_flags(nlp.vocab, {"TEXT": {"REGEX": "^[A-Z]"}})
    (regex_bit, _), = regex.items()
    assert regex_bit != bit and [t.check_flag(regex_bit) for t in nlp("Acme acme ACME")] == [True, False, True]


def test_what_is_not_a_word_test_is_kept(nlp):
    kept = {"LOWER": {"IN": ["a"], "NOT_IN": ["b"]}, "ENT_TYPE": {"IN": ["ORG"]}, "LENGTH": {">=": 2}, "TEXT": "x"}
    assert as_flags(nlp.vocab, dict(kept)) == kept


def test_when_no_bit_is_free_the_test_stays_a_predicate_and_matches_the_same(nlp):
    taken = [flag_for(nlp.vocab, "ORTH", "IN", [f"word{i}"]) for i in range(LAST_BIT - FIRST_SPARE_BIT + 1)]
    assert len(set(taken)) == LAST_BIT - FIRST_SPARE_BIT + 1 and None not in taken
    assert flag_for(nlp.vocab, "LOWER", "IN", ["new"]) is None
    assert as_flags(nlp.vocab, {"LOWER": {"IN": ["new"]}}) == {"LOWER": {"IN": ["new"]}}
    assert flag_for(nlp.vocab, "ORTH", "IN", ["word3"]) == taken[3]  # an existing test keeps its bit
    patterns = [{"label": "X", "pattern": [{"LOWER": {"IN": ["new"]}}, {"TEXT": {"REGEX": "^[A-Z]"}}]}]
    matcher, _ = compile_patterns(nlp.vocab, patterns, Path("test"))
    assert [(s, e) for _, s, e in matcher(nlp("a new Idea, a NEW one"))] == [(1, 3)]


def test_a_bad_pattern_is_still_a_configuration_error(nlp):
    with pytest.raises(ConfigError, match=r"pattern 1 is not valid \(.*LOWR"):
        compile_patterns(nlp.vocab, [{"label": "X", "pattern": [{"LOWR": "x"}]}], Path("test"))
