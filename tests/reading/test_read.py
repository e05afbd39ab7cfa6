import pytest

from pitchlint.errors import InputError
from pitchlint.reading.front_matter import FrontMatter
from pitchlint.reading.positions import LF, UTF32, Positions
from pitchlint.reading.read import make_document, mask_markdown, read_document
from pitchlint.terms import Profile


def test_utf8_is_read_as_is(tmp_path):
    path = tmp_path / "m.txt"
    path.write_text("Café owners in Zürich?\n", encoding="utf-8")
    doc = read_document(path)
    assert doc.text == "Café owners in Zürich?\n"
    assert doc.notes == []


def test_non_utf8_falls_back_to_cp1252_and_says_so(tmp_path):
    path = tmp_path / "m.txt"
    path.write_bytes("Caf\u00e9 owners \u2013 anyone?\n".encode("cp1252"))
    doc = read_document(path)
    assert doc.text == "Café owners – anyone?\n"
    assert doc.notes == ["not valid UTF-8 (byte 3); decoded as cp1252 instead"]


@pytest.mark.parametrize(
    "content,reason",
    [(b"", "the file is empty"), (b"  \n\n", "the file is empty"),
     (b"\x89PNG\r\n\x1a\n\x00\x00", "the file is binary, not a text message")],
)
def test_unlintable_content(tmp_path, content, reason):
    path = tmp_path / "m.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_document(path)
    assert info.value.reason == reason
    assert info.value.path == str(path)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_document(tmp_path)


def test_markdown_masking_keeps_offsets():
    text = (
        "---\nchannel: email\n---\n# Hello\n\nSee `anyone` and [my site](https://example.com/leads).\n"
        "```\nif you know anyone\n```\nCould you introduce me?\n"
    )
    masked = mask_markdown(text)
    assert len(masked) == len(text)
    assert masked.count("\n") == text.count("\n")
    assert "channel" not in masked
    assert "anyone" not in masked
    assert "example.com" not in masked
    assert "Could you introduce me?" in masked
    assert masked.index("Could you introduce me?") == text.index("Could you introduce me?")
    assert masked.index("Hello") == text.index("Hello")
    assert "#" not in masked


def test_plain_text_is_not_masked():
    doc = make_document("# not a heading in plain text\n", "m.txt")
    assert doc.prose == doc.text
    assert doc.kind == "plain"
    assert make_document("x", "draft.md").kind == "markdown"


def test_crlf_is_normalised():
    assert make_document("Hi\r\nthere\r\n").text == "Hi\nthere\n"


def test_a_line_starts_after_each_newline():
    lines = Positions("ab\ncd\n\nef", LF)
    assert lines.position(0, UTF32) == (0, 0)
    assert lines.position(4, UTF32) == (1, 1)
    assert lines.position(6, UTF32) == (2, 0)
    assert lines.position(7, UTF32) == (3, 0)


def test_overlong_message_is_refused_with_its_size(tmp_path):
    path = tmp_path / "book.txt"
    path.write_text("word " * 25_000)
    with pytest.raises(InputError) as info:
        read_document(path)
    assert info.value.reason == "is 125,000 characters long; pitchlint reads messages of up to 100,000"


def test_front_matter_gives_channel_and_profile_parsed_and_is_never_prose():
    text = ("---\ntitle: Note to Dana\nchannel: linkedin-note\nrecipient:\n  name: Dana\n  company: REI\n---\n"
            "Could you introduce me to a buyer at REI?\n")
    for path in ("draft.md", "draft.txt"):
        doc = make_document(text, path)
        assert doc.front_matter == FrontMatter(channel="linkedin-note",
                                               profile=Profile(recipient_name="Dana", recipient_company="REI"))
        assert doc.prose.startswith(" " * 3 + "\n")
        assert "Dana" not in doc.prose[: doc.prose.index("Could")]
        assert doc.prose.endswith("Could you introduce me to a buyer at REI?\n")
        assert len(doc.prose) == len(doc.text)


def test_front_matter_that_is_not_yaml_names_the_line():
    with pytest.raises(InputError) as info:
        make_document("---\nchannel: [email\n---\nHello\n", "draft.md")
    assert info.value.path == "draft.md:3"
    assert info.value.reason.startswith("front matter is not valid YAML")


def test_front_matter_values_are_checked_when_the_file_is_read():
    from pitchlint.errors import PitchlintError

    with pytest.raises(PitchlintError, match="channel 'fax' is not one of"):
        make_document("---\nchannel: fax\n---\nHello\n", "draft.md")
    with pytest.raises(PitchlintError, match="unknown key 'profile.role'"):
        make_document("---\nprofile:\n  role: nurse\n---\nHello\n", "draft.md")
