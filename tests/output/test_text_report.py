from pitchlint.output.text import display_width, render_text


def test_display_width_counts_terminal_columns():
    assert display_width("abc") == 3
    assert display_width("日本") == 4
    assert display_width("e\u0301") == 1  # e + combining acute
    assert display_width("🙏") == 2
    assert display_width("👩\u200d💻") == 2  # woman + ZWJ + laptop: one glyph, two columns
    assert display_width("👍🏽") == 2  # a skin tone joins its emoji
    assert display_width("a\x07b") == 2  # a control character takes no column


def test_caret_lines_up_after_a_zwj_emoji(lint):
    text = "Hi 👩\u200d💻 friend! If you know anyone, please let me know.\n"
    lines = render_text(lint(text)).splitlines()
    source = next(l for l in lines if "If you know anyone" in l)
    marker = lines[lines.index(source) + 1]
    # the gutter " 1 | " is five columns and the emoji (woman, ZWJ, laptop: one grapheme) two
    assert marker.index("^") == 5 + len("Hi ") + 2 + len(" friend! If you know ")


def test_caret_lines_up_under_wide_characters(lint):
    text = "日本のチーム 🙏 If you know anyone, please let me know.\n"
    report = lint(text)
    lines = render_text(report).splitlines()
    source = next(l for l in lines if "If you know anyone" in l)
    marker = lines[lines.index(source) + 1]
    prefix = source[: source.index("anyone")]
    assert marker.index("^") == display_width(prefix)
    assert marker.count("^") == len("anyone")
