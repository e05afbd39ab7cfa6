import pytest

from pitchlint.analysis.lexicon import pluralize, read_lexicon, with_plurals


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


def _entries(name, fold=True):
    from pitchlint.checks.paths import builtin_pack_dir

    lexicon = read_lexicon(builtin_pack_dir() / "lexicons" / name)
    terms = lexicon.plain + lexicon.needs_context
    return [t.lower() for t in terms] if fold else terms


@pytest.mark.parametrize("name,fold", [("roles.txt", True), ("sectors.txt", True), ("companies.txt", False),
                                       ("companies-ambiguous.txt", False), ("role-modifiers.txt", True),
                                       ("not-companies.txt", False)])
def test_builtin_lexicons_have_no_duplicates(name, fold):
    terms = _entries(name, fold)
    assert len(terms) > 20
    duplicates = sorted({t for t in terms if terms.count(t) > 1})
    assert duplicates == []


def test_a_term_is_a_role_or_a_sector_not_both_and_a_company_is_sure_or_ambiguous():
    assert set(_entries("roles.txt")) & set(_entries("sectors.txt")) == set()
    assert set(_entries("companies.txt", False)) & set(_entries("companies-ambiguous.txt", False)) == set()


def test_a_sector_word_inside_a_name_is_the_names(analyze):
    analysis = analyze("I'd love to work at the Shedd Aquarium or the Evanston Public Library, or any zoo really.")
    assert [(e.label, e.text) for e in analysis.targets() if e.label == "SECTOR"] == [("SECTOR", "zoo")]
