"""Units of the pipeline components that do not need the statistical model."""

import spacy

from pitchlint.analysis.lexicon import read_lexicon, with_plurals
from pitchlint.analysis.targets import TermMatcher
from pitchlint.checks.paths import builtin_pack_dir


def test_one_word_fast_path_agrees_with_the_tokenizer_for_every_builtin_term():
    nlp = spacy.blank("en")
    matcher = TermMatcher(nlp, "LOWER")
    disagree = []
    for path in sorted((builtin_pack_dir() / "lexicons").glob("*.txt")):
        lexicon = read_lexicon(path)
        for term in with_plurals(lexicon.plain + lexicon.needs_context):
            if matcher.is_one_token(term) and len(nlp.tokenizer(term)) != 1:
                disagree.append((path.name, term))
    assert disagree == []


def test_term_matcher_finds_one_word_and_longer_terms_by_attribute():
    nlp = spacy.blank("en")
    lower = TermMatcher(nlp, "LOWER")
    lower.add("ROLE", ["recruiter", "VP of Engineering", "cannot"])
    exact = TermMatcher(nlp, "ORTH")
    exact.add("COMPANY", ["Target", "J.P. Morgan"])
    doc = nlp("A Recruiter and a vp of engineering at J.P. Morgan, not a target at Target.")
    assert sorted(lower(doc), key=lambda m: m[1]) == [("ROLE", 1, 2), ("ROLE", 4, 7)]
    assert sorted(exact(doc), key=lambda m: m[1]) == [("COMPANY", 8, 10), ("COMPANY", 15, 16)]
    assert "cannot" not in lower.words  # a tokenizer special case goes the long way


def test_a_bad_shape_line_names_the_file_and_line(tmp_path):
    import pytest

    from pitchlint.analysis.shapes import read_shapes
    from pitchlint.errors import ConfigError

    path = tmp_path / "shapes.jsonl"
    path.write_text('{"label": "ROLE", "heads": ["role"], "anchors": ["a"]}\n\n{"label": "ROLE", "heads": ["job"], "anchors": ["a"], "word": "odd"}\n')
    with pytest.raises(ConfigError) as error:
        read_shapes(path)
    assert f"{path}:3" in str(error.value) and "word must be one of any, lower, title" in str(error.value)
    path.write_text('{"label": "ROLE", "heads": ["role"], "anchors": ["a"], "max_words": 2}\n')
    [shape] = read_shapes(path)
    assert (shape.label, shape.max_words, shape.keep_head, shape.lists) == ("ROLE", 2, False, False)
