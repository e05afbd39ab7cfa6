"""The ask patterns' matcher gives exactly spaCy's Matcher's matches, faster."""

from pathlib import Path

import pytest

from pitchlint.analysis.patterns import compile_patterns, read_patterns
from pitchlint.analysis.statements import compile_word_patterns
from pitchlint.checks.paths import builtin_pack_dir
from pitchlint.errors import ConfigError
from pitchlint.reading.read import read_document

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def nlp():
    from pitchlint.analysis.pipeline import build_pipeline

    return build_pipeline(None, str(builtin_pack_dir()))



def label_of(doc, match_id: int) -> str:
    """A Matcher match's label: its key (label#pattern number) up to the "#"."""
    return doc.vocab.strings[match_id].split("#", 1)[0]

def both(nlp, patterns, text):
    doc = nlp(text)
    reference, _ = compile_patterns(nlp.vocab, patterns, Path("test"), word_flags=False)
    expected = sorted({(label_of(doc, m), s, e) for m, s, e in reference(doc)})
    return expected, sorted(set(compile_word_patterns(patterns, Path("test"))(doc)))


@pytest.mark.parametrize("pattern, text", [
    ([{"LOWER": "a"}, {"LOWER": "b", "OP": "?"}], "a b a c"),
    ([{"LOWER": {"IN": ["x", "y"]}, "OP": "?"}, {"LOWER": "z"}], "x z y z z"),
    ([{"LOWER": "send"}, {"OP": "{0,2}"}, {"LOWER": "my"}, {"LOWER": "way"}], "send them my way and send my way"),
    ([{"LOWER": "my"}, {"LOWER": "big", "OP": "*"}, {"LOWER": "goal"}], "my big big goal, my goal"),
    ([{"LOWER": "please"}, {"LOWER": {"NOT_IN": ["find"]}, "IS_PUNCT": False}], "please find it. please send it. please."),
    ([{"LOWER": "know", "IS_SENT_START": True}], "Know anyone? I know."),
    ([{"LOWER": "with"}, {"LIKE_NUM": True}, {"LOWER": "years"}], "with 20 years and with ten years"),
])
def test_same_matches_as_spacy(nlp, pattern, text):
    expected, got = both(nlp, [{"label": "X", "pattern": pattern}], text)
    assert got == expected and expected


def test_same_matches_as_spacy_on_the_whole_corpus(nlp):
    path = builtin_pack_dir() / "patterns" / "asks.jsonl"
    patterns = read_patterns(path)
    reference, _ = compile_patterns(nlp.vocab, patterns, path, word_flags=False)
    ours = compile_word_patterns(patterns, path)
    texts = [read_document(p).prose for p in sorted((ROOT / "corpus").iterdir())
             if p.suffix in (".txt", ".md", ".eml")]
    differ = []
    for doc in nlp.pipe(texts):
        expected = sorted({(label_of(doc, m), s, e) for m, s, e in reference(doc)})
        if sorted(set(ours(doc))) != expected:
            differ.append(doc.text[:60])
    assert len(texts) > 300 and differ == []


def test_an_attribute_it_does_not_know_is_a_configuration_error():
    with pytest.raises(ConfigError, match="pattern 1 is not valid .*unsupported attribute LEMMA"):
        compile_word_patterns([{"label": "X", "pattern": [{"LEMMA": "be"}]}], Path("asks.jsonl"))
