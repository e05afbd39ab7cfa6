import pytest

from pitchlint.lexicon import pluralize, read_lexicon, with_plurals


@pytest.mark.parametrize(
    "singular,plural",
    [
        ("accountant", "accountants"),
        ("attorney", "attorneys"),
        ("venture capitalist", "venture capitalists"),
        ("vice president of sales", "vice presidents of sales"),
        ("head of product", "heads of product"),
        ("CEO", "CEOs"),
        ("salesman", "salesmen"),
        ("nurse practitioner", "nurse practitioners"),
        ("company", "companies"),
        ("business", "businesses"),
        ("sales", "sales"),
        ("head of operations", "heads of operations"),
        ("chief of staff", "chiefs of staff"),
    ],
)
def test_pluralize(singular, plural):
    assert pluralize(singular) == plural


def test_with_plurals_keeps_order_and_skips_terms_ending_in_digits():
    assert with_plurals(["recruiter", "FP&A", "recruiter", "K-12"]) == [
        "recruiter", "recruiters", "FP&A", "FP&As", "K-12"]


def test_read_lexicon_sections(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("# a comment\nfintech\n\n# --- health\nhealthcare\n# --- needs context\ngreen\nretail\n")
    lexicon = read_lexicon(path)
    assert lexicon.plain == ["fintech", "healthcare"]
    assert lexicon.needs_context == ["green", "retail"]
    assert len(lexicon) == 4
