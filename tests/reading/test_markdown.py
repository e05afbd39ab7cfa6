"""Markdown masking by blocks (markdown-it-py): code, HTML tags, comments, link targets and front
matter are masked; headings, list items, HTML text and <placeholders> stay prose; offsets hold."""

from __future__ import annotations

import pytest

from pitchlint.reading.markdown import mask_markdown


def masked(text: str) -> str:
    result = mask_markdown(text)
    assert len(result) == len(text)
    assert [i for i, c in enumerate(result) if c in "\r\n"] == [i for i, c in enumerate(text) if c in "\r\n"]
    return result


def test_indented_code_is_not_prose():
    text = "Hi Dana,\n\n    if you know anyone, [Company]\n\nCould you introduce me?\n"
    out = masked(text)
    assert "anyone" not in out and "[Company]" not in out
    assert out.index("Could you introduce me?") == text.index("Could you introduce me?")


def test_indented_lines_in_a_list_stay_prose():
    text = "- first point\n\n    Could you introduce me to a recruiter?\n"
    assert "Could you introduce me to a recruiter?" in masked(text)


def test_reference_link_definitions_are_not_prose():
    text = "See [my portfolio][p] and [site].\n\n[p]: https://example.com/{company}\n[site]: <https://x.io> \"[Name]\"\n"
    out = masked(text)
    assert "example.com" not in out and "{company}" not in out and "[Name]" not in out
    assert out.startswith("See [my portfolio][p] and [site].")


def test_html_attributes_are_not_prose_but_html_text_is():
    text = ('<p align="center" title="[Your Name]">Could you introduce me?</p>\n\n'
            'Text with <a href="https://x.io/{first_name}">a link</a> inline.\n')
    out = masked(text)
    assert "[Your Name]" not in out and "{first_name}" not in out and "href" not in out
    assert "Could you introduce me?" in out and "a link" in out
    assert out.index("Could you introduce me?") == text.index("Could you introduce me?")


def test_placeholders_in_angle_brackets_stay_for_the_placeholder_rule():
    text = "Dear <NAME>, I admire <Company>. Could you introduce me?\n"
    assert masked(text) == text


@pytest.mark.parametrize("text,gone", [
    ("```\nif you know anyone\n```\nAsk.\n", "anyone"),
    ("~~~~ python\nanyone\n~~~~\nAsk.\n", "anyone"),
    ("Ask `anyone` here.\n", "anyone"),
    ("<script>\nvar anyone = 1;\n</script>\n\nAsk.\n", "anyone"),
    ("<!--\nanyone\n-->\nAsk.\n", "anyone"),
    ("Mail <https://example.com/anyone> now.\n", "anyone"),
    ("---\nchannel: email\n---\n# Hello\n", "channel"),
])
def test_not_prose(text, gone):
    assert gone not in masked(text)


def test_headings_lose_their_marks_only():
    out = masked("# Hello there\n\nText.\n")
    assert out.startswith("  Hello there")


def test_crlf_keeps_offsets():
    text = "Hi,\r\n\r\n    code anyone\r\n\r\nCould you introduce me?\r\n"
    out = masked(text)
    assert "anyone" not in out and out.index("Could you") == text.index("Could you")


def test_emphasis_marks_are_not_prose_but_bullets_and_words_with_marks_inside_are():
    text = "**Looking for:** a *junior* role\n* item one\n- __Dream list__: Magna\nsnake_case and 2*3\n"
    assert masked(text) == "  Looking for:   a  junior  role\n* item one\n-   Dream list  : Magna\nsnake_case and 2*3\n"
