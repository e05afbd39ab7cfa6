"""E-mail as e-mail: MIME decoding, what counts as the writer's prose, offsets into the file on
disk, and malformed messages as one-line input errors."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys

import pytest

from pitchlint.config.settings import Config
from pitchlint.engine.core import engine_for
from pitchlint.engine.report import finding_positions
from pitchlint.errors import InputError
from pitchlint.reading.mail import html_to_text, mask_body
from pitchlint.reading.read import is_mail, make_document, read_document

ASK = "If you know anyone, or hear of any leads, please send them my way."


def lint_file(path):
    return next(engine_for(Config()).lint_documents([read_document(path)]))


def write(tmp_path, name, content: str | bytes):
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def kept(document) -> list[str]:
    """The prose the pipeline sees, as its non-blank lines; masking only ever blanks characters."""
    assert len(document.prose) == len(document.text)
    assert all(p == t or (p == " " and t != "\n") for p, t in zip(document.prose, document.text))
    return [line.strip() for line in document.prose.split("\n") if line.strip()]


# ---- the common case: plain text in place, offsets into the file ----------------------------------

PATCH_SHAPED = """\
From 5c1e0a77d3b94f2e8a6c0b1d2e3f4a5b6c7d8e9f Mon Sep 17 00:00:00 2001
From: Priya Shah <priya@example.com>
Date: Tue, 3 Mar 2026 09:12:44 -0800
Subject: [PATCH] Catching up after the move
To: Dana Lee <dana@example.com>
Message-ID: <20260303171244.4821-1-priya@example.com>
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 8bit

Hi Dana,

I've wrapped up eight years of fulfillment analytics and I'm looking around.
If you know anyone, or hear of any leads, please send them my way.

Best,
Priya Shah
Data analyst, Tacoma
--\x20
2.43.0
"""


def test_send_email_shaped_message_points_into_the_file_on_disk(tmp_path):
    path = write(tmp_path, "0001-catching-up.patch", PATCH_SHAPED)  # detected by content, not suffix
    document = read_document(path)
    assert document.kind == "email"
    assert document.text == PATCH_SHAPED
    assert document.notes == []
    assert len(document.prose) == len(document.text)
    assert kept(document) == [
        "Catching up after the move", "Hi Dana,",
        "I've wrapped up eight years of fulfillment analytics and I'm looking around.",
        ASK,
    ]
    subject_at = PATCH_SHAPED.index("Catching up")
    assert document.prose[subject_at:subject_at + 11] == "Catching up"  # the Subject stays in place

    report = lint_file(path)
    finding = next(f for f in report.findings if f.rule == "vague-ask")
    assert PATCH_SHAPED[finding.start:finding.end].startswith("anyone")

    row = next(r for r in finding_positions(report) if r["rule"] == "vague-ask")
    on_disk = path.read_text().split("\n")
    assert on_disk[row["line"] - 1][row["column"] - 1:].startswith("anyone, or hear of any leads")
    assert (row["line"], row["column"]) == (14, 13)  # "If you know " is 12 characters


def test_crlf_message_keeps_its_lines(tmp_path):
    path = write(tmp_path, "m.eml", PATCH_SHAPED.replace("\n", "\r\n"))
    document = read_document(path)
    assert document.text == PATCH_SHAPED  # CRLF is normalised as for any text file
    assert ASK in document.prose


def test_reply_skips_the_quoted_thread_and_the_signature():
    reply = """\
From: Priya Shah <priya@example.com>
To: Dana Lee <dana@example.com>
Subject: Re: Coffee next week?
In-Reply-To: <CAF9x@mail.example.com>

Hi Dana,

Tuesday works. Could you introduce me to someone on the supply chain planning
team at REI?

On Mon, Mar 2, 2026 at 4:05 PM Dana Lee <dana@example.com>
wrote:
> Happy to meet. Which teams are you curious about?
>
> > Are you free for coffee?

--\x20
Priya Shah | priya@example.com
"""
    document = make_document(reply, "reply.eml")
    assert document.text == reply
    assert kept(document) == [
        "Coffee next week?", "Hi Dana,",
        "Tuesday works. Could you introduce me to someone on the supply chain planning",
        "team at REI?",
    ]
    at = reply.index("Coffee next week?")
    assert document.prose[at - 4:at] == "    "  # "Re: " is not the writer's words


def test_inline_reply_between_quotes_is_kept():
    body = (
        "On Mon, Mar 2, 2026, Dana Lee wrote:\n"
        "> Which teams are you curious about?\n"
        "Supply chain planning, mostly at outdoor retailers like REI.\n"
        "> And where?\n"
        "Seattle or Portland.\n"
        "\nThanks,\nPriya\n"
    )
    assert [line.strip() for line in mask_body(body).split("\n") if line.strip()] == [
        "Supply chain planning, mostly at outdoor retailers like REI.", "Seattle or Portland.",
    ]


def test_an_on_line_that_is_not_an_attribution_stays():
    body = "On reflection, here is what my old manager wrote:\nShe is a great analyst.\n"
    assert mask_body(body) == body


def test_forwarded_message_keeps_only_the_writers_note():
    forward = """\
From: Priya Shah <priya@example.com>
To: Sam Ortiz <sam@example.com>
Subject: Fwd: Openings on the planning team
Date: Wed, 4 Mar 2026 10:00:00 -0800

Sam, could you put in a word for me with the hiring manager for this role?

---------- Forwarded message ---------
From: Dana Lee <dana@example.com>
Date: Tue, Mar 3, 2026 at 2:10 PM
Subject: Openings on the planning team
To: Priya Shah <priya@example.com>

If you know anyone, send them my way.
"""
    document = make_document(forward, "fwd.eml")
    assert kept(document) == [
        "Openings on the planning team",
        "Sam, could you put in a word for me with the hiring manager for this role?",
    ]


def test_outlook_original_message_block_is_skipped():
    body = (
        "Yes, please loop me in with the people analytics lead at Costco.\n\n"
        "________________________________\n"
        "From: Dana Lee <dana@example.com>\n"
        "Sent: Monday, March 2, 2026 4:05 PM\n"
        "To: Priya Shah\n"
        "Subject: intro?\n\n"
        "Want me to introduce you to anyone?\n"
    )
    assert mask_body(body).strip() == "Yes, please loop me in with the people analytics lead at Costco."
    original = "Sounds good.\n\n-----Original Message-----\nFrom: Dana\nAny leads?\n"
    assert mask_body(original).strip() == "Sounds good."


@pytest.mark.parametrize(
    "ending,kept_lines",
    [
        # the ask right before the sign-off stays; the sign-off block goes
        ("Could you introduce me to a recruiter at Nike?\nCheers,\nPriya\n",
         ["Could you introduce me to a recruiter at Nike?"]),
        ("Could you introduce me to a recruiter at Nike?\n\nKind regards,\n\nPriya Shah\nData analyst\n"
         "(253) 555-0147\n",
         ["Could you introduce me to a recruiter at Nike?"]),
        # four lines after "Best," is not a sign-off block: nothing is dropped
        ("Best,\nPriya\nData analyst\nTacoma\n(253) 555-0147\n",
         ["Best,", "Priya", "Data analyst", "Tacoma", "(253) 555-0147"]),
        # a postscript after the name may hold the ask
        ("Thanks,\nPriya\nP.S. Any intros to REI planners welcome.\n",
         ["Thanks,", "Priya", "P.S. Any intros to REI planners welcome."]),
        # a request after the closing is not a name or a title
        ("Thanks!\nCould you introduce me to Sam at REI\n", ["Thanks!", "Could you introduce me to Sam at REI"]),
        # "Thanks" followed by a question is still prose
        ("Thanks for reading.\nCould you introduce me to a recruiter at Nike?\n",
         ["Thanks for reading.", "Could you introduce me to a recruiter at Nike?"]),
    ],
)
def test_sign_off_is_dropped_conservatively(ending, kept_lines):
    masked = mask_body(ending)
    assert len(masked) == len(ending)
    assert [line.strip() for line in masked.split("\n") if line.strip()] == kept_lines


def test_iso_8859_1_body_is_read_in_place(tmp_path):
    text = (
        "From: Zoe Martin <zoe@example.com>\nTo: Luc <luc@example.com>\nSubject: Une question\n"
        "MIME-Version: 1.0\nContent-Type: text/plain; charset=ISO-8859-1\nContent-Transfer-Encoding: 8bit\n\n"
        "Bonjour Luc,\n\nConnais-tu quelqu'un chez Danone à Zürich, côté marketing ?\n"
    )
    path = write(tmp_path, "fr.eml", text.encode("iso-8859-1"))
    document = read_document(path)
    assert document.text == text
    assert document.notes == []
    at = text.index("Zürich")
    assert document.prose[at:at + 6] == "Zürich"


def test_mime_encoded_subject_is_masked_in_place_with_a_note():
    text = "From: a@example.com\nSubject: =?UTF-8?Q?Caf=C3=A9_owners?=\nTo: b@example.com\n\nAny leads?\n"
    document = make_document(text, "m.eml")
    assert document.text == text
    assert kept(document) == ["Any leads?"]
    assert document.notes == ["the Subject is MIME-encoded in the file, so it is not linted"]


# ---- decoded bodies: text rebuilt, and a note says so ---------------------------------------------

MULTIPART = """\
From: Priya Shah <priya@example.com>
To: Dana Lee <dana@example.com>
Subject: Quick question
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="00000000000071b3a2061f0c"

--00000000000071b3a2061f0c
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

Hi Dana,

I=E2=80=99m moving into retail supply chain. Could you introduce me to some=
one on the planning team at REI?

Thanks,
Priya

--00000000000071b3a2061f0c
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

<div dir=3D"ltr">Hi Dana,<div><br></div><div>HTML VERSION</div></div>

--00000000000071b3a2061f0c--
"""


def test_multipart_alternative_lints_the_plain_part_quoted_printable_decoded():
    document = make_document(MULTIPART, "m.eml")
    body = (
        "Hi Dana,\n\nI\u2019m moving into retail supply chain. Could you introduce me to someone on the "
        "planning team at REI?\n\nThanks,\nPriya\n"
    )
    assert document.text == "Subject: Quick question\n\n" + body
    assert document.prose.startswith(" " * len("Subject: ") + "Quick question\n\n")
    assert "HTML VERSION" not in document.text
    assert kept(document)[-1].endswith("planning team at REI?")
    assert document.notes == [
        "the body is the text/plain part of a multipart/alternative message, quoted-printable encoded: "
        "lines and columns refer to the Subject and decoded body, not to the file"
    ]


def test_quoted_printable_single_part():
    text = (
        "From: priya@example.com\nTo: dana@example.com\nSubject: Intro?\nMIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
        "Do you know a hiring manager in Nordstrom=E2=80=99s merchandising team? I=\n"
        "=E2=80=99d be grateful for an intro.\n"
    )
    document = make_document(text, "m.eml")
    assert document.text == (
        "Subject: Intro?\n\nDo you know a hiring manager in Nordstrom\u2019s merchandising team? "
        "I\u2019d be grateful for an intro.\n"
    )
    assert document.notes == [
        "the body is quoted-printable encoded: lines and columns refer to the Subject and decoded body, not to the file"
    ]


def test_base64_body_is_decoded(tmp_path):
    body = "Hi Dana,\n\nWho do you know in clinical operations at Fred Hutch?\n\n-- \nPriya\n"
    text = (
        "From: priya@example.com\nTo: dana@example.com\nSubject: Fred Hutch\nMIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
        + base64.encodebytes(body.encode()).decode()
    )
    document = read_document(write(tmp_path, "b64.eml", text))
    assert document.text == "Subject: Fred Hutch\n\n" + body
    assert kept(document) == ["Fred Hutch", "Hi Dana,", "Who do you know in clinical operations at Fred Hutch?"]
    assert document.notes == [
        "the body is base64 encoded: lines and columns refer to the Subject and decoded body, not to the file"
    ]


def test_latin1_quoted_printable_part():
    text = (
        "From: zoe@example.com\nSubject: Question\nMIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n"
        "Connais-tu quelqu'un chez Nestl=E9 =E0 Vevey ?\n"
    )
    assert make_document(text, "m.eml").text == "Subject: Question\n\nConnais-tu quelqu'un chez Nestlé à Vevey ?\n"


HTML_ONLY = """\
From: Priya Shah <priya@example.com>
To: Dana Lee <dana@example.com>
Subject: Re: Catching up
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8

<html><head><title>ignored title</title><style>p { color: red; }</style></head>
<body><script>track();</script>
<p>Hi Dana,</p>
<p>I&rsquo;m looking at   product operations roles.<br>Could you introduce me to
someone at <b>Wayfair</b> or Chewy?</p>
<div>Thanks,</div><div>Priya</div>
<div class="gmail_quote"><div>On Mon, Mar 2, 2026 at 4:05 PM Dana Lee wrote:</div>
<blockquote><p>If you know anyone, send them my way.</p></blockquote></div>
</body></html>
"""


def test_html_only_message_is_rendered_to_text():
    document = make_document(HTML_ONLY, "m.eml")
    assert document.text == (
        "Subject: Re: Catching up\n\nHi Dana,\n\nI\u2019m looking at product operations roles.\n"
        "Could you introduce me to someone at Wayfair or Chewy?\n\nThanks,\nPriya\n"
        "On Mon, Mar 2, 2026 at 4:05 PM Dana Lee wrote:\n\n> If you know anyone, send them my way.\n"
    )
    assert kept(document) == [
        "Catching up", "Hi Dana,", "I\u2019m looking at product operations roles.",
        "Could you introduce me to someone at Wayfair or Chewy?",
    ]
    assert document.notes == [
        "the body is rendered from HTML to text: lines and columns refer to the Subject and decoded body, "
        "not to the file"
    ]


def test_html_blank_lines_the_gmail_way():
    assert html_to_text('<div dir="ltr">Hi,<div><br></div><div>Any leads?</div></div>') == "Hi,\n\nAny leads?"


def test_multipart_without_a_plain_part_falls_back_to_html():
    text = (
        "From: a@example.com\nSubject: Hello\nMIME-Version: 1.0\n"
        'Content-Type: multipart/mixed; boundary="b1"\n\n'
        "--b1\nContent-Type: text/html; charset=utf-8\n\n<p>Who runs hiring at Zillow?</p>\n"
        "--b1\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=cv.pdf\n"
        "Content-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n--b1--\n"
    )
    document = make_document(text, "m.eml")
    assert document.text == "Subject: Hello\n\nWho runs hiring at Zillow?\n"
    assert document.notes[0].startswith(
        "the body is the text/html part of a multipart/mixed message, rendered from HTML")


# ---- detection ----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text,path,expected",
    [
        ("Subject: quick question\nHi Dana, any leads?\n", "m.txt", False),
        ("Subject: quick question\n\nHi Dana, any leads?\n", "m.txt", False),  # one header is a title
        ("Subject: quick question\nNote: this is prose\n\nHi Dana\n", "m.txt", False),
        ("Subject: quick question\nTo: Dana <d@example.com>\n\nHi Dana\n", "m.txt", True),
        ("Return-Path: <p@example.com>\nReceived: from mx\n  by mx2\nFrom: p@example.com\n\nHi\n", "-", True),
        ("Hi Dana, any leads?\n", "m.eml", True),
        ("Date: Tuesday\nI'm free for coffee.\n", "m.md", False),
    ],
)
def test_what_counts_as_email(text, path, expected):
    assert is_mail(text, path) is expected
    assert (make_document(text, path).kind == "email") is expected


def test_plain_text_and_markdown_are_unchanged():
    draft = "Subject: quick question\nAny leads?\n"
    assert make_document(draft, "m.txt").prose == draft
    assert make_document("# Hi\n\nAny leads?\n", "m.md").kind == "markdown"


# ---- input errors -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text,reason",
    [
        ("From: a@example.com\nTo: b@example.com\nDate: Tue, 3 Mar 2026 09:12:44 -0800\n\n",
         "the e-mail has no text to lint (headers only)"),
        ("From: a@example.com\nTo: b@example.com\n", "the e-mail has no text to lint (headers only)"),
        ("From: a@example.com\nTo: b@example.com\n\nOn Mon, Dana wrote:\n> Any news?\n",
         "the e-mail has no text of its own to lint (only quoted, forwarded or signature text)"),
        ("From: a@example.com\nSubject: Hi\nMIME-Version: 1.0\nContent-Type: multipart/alternative; "
         'boundary="XYZ"\n\nThis message has no parts.\n',
         "malformed e-mail: multipart boundary 'XYZ' never appears"),
        ("From: a@example.com\nSubject: Hi\nContent-Type: multipart/mixed\n\nNo boundary.\n",
         "malformed e-mail: multipart/mixed declared without a boundary"),
        ("From: a@example.com\nSubject: Hi\nContent-Type: text/plain; charset=x-klingon\n\nnuqneH\n",
         "the e-mail declares an unknown charset 'x-klingon'"),
        ("From: a@example.com\nSubject: Hi\nContent-Type: text/plain; charset=utf-8\n"
         "Content-Transfer-Encoding: base64\n\n" + base64.encodebytes(b"\xff\xfe caf\xe9").decode(),
         "the e-mail body is not valid utf-8 (byte 0)"),
        ("From: a@example.com\nSubject: Hi\nContent-Transfer-Encoding: base64\n\n!!!!not base64 at all####\n",
         "malformed e-mail: the body cannot be decoded (bad base64 padding, invalid base64 characters)"),
        ("From: a@example.com\nTo: b@example.com\nContent-Type: multipart/mixed; boundary=m\n\n--m\n"
         "Content-Type: application/pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n--m--\n",
         "the e-mail has no text to lint (no Subject, no text part; only application/pdf)"),
    ],
)
def test_malformed_or_empty_email_is_an_input_error(tmp_path, text, reason):
    path = write(tmp_path, "m.eml", text)
    with pytest.raises(InputError) as info:
        read_document(path)
    assert info.value.reason == reason
    assert info.value.path == str(path)


def test_folded_subject_in_place_without_its_tags():
    text = "From: a@example.com\nSubject: Re: [PATCH v2 1/3] Intros to\n supply chain folks?\nTo: b@example.com\n\nHi\n"
    document = make_document(text, "m.eml")
    assert document.text == text
    assert kept(document) == ["Intros to", "supply chain folks?", "Hi"]


def test_eml_without_headers_is_all_body():
    document = make_document("Hi Dana,\n\nAny leads?\n", "draft.eml")
    assert (document.kind, document.prose) == ("email", "Hi Dana,\n\nAny leads?\n")


def test_headers_only_with_a_subject_lints_the_subject():
    document = make_document("From: a@example.com\nTo: b@example.com\nSubject: Any leads at Boeing?\n", "m.eml")
    assert kept(document) == ["Any leads at Boeing?"]


def test_mbox_with_two_messages_lints_the_first():
    mbox = PATCH_SHAPED.replace("--\x20\n2.43.0\n", "\n") + PATCH_SHAPED.replace("Hi Dana", "Hello Sam")
    document = make_document(mbox, "two.mbox")
    assert "Hello Sam" not in document.prose
    assert document.notes == ["the mailbox holds 2 messages; only the first is linted"]


# ---- the CLI ------------------------------------------------------------------------------------

def run(*args):
    return subprocess.run([sys.executable, "-m", "pitchlint", *map(str, args)], capture_output=True,
                          env={**os.environ, "NO_COLOR": "1"}, timeout=120)


def test_cli_malformed_email_is_exit_2_with_one_line(tmp_path):
    path = write(tmp_path, "broken.eml",
                 'From: a@example.com\nSubject: Hi\nContent-Type: multipart/alternative; boundary="XYZ"\n\nNo parts.\n')
    result = run(path)
    assert result.returncode == 2
    assert result.stderr.decode() == f"pitchlint: {path}: malformed e-mail: multipart boundary 'XYZ' never appears\n"


def test_cli_json_report_of_an_email_carries_its_notes(tmp_path):
    path = write(tmp_path, "qp.eml", MULTIPART)
    result = run("--format", "json", path)
    assert result.returncode in (0, 1), result.stderr.decode()
    (report,) = json.loads(result.stdout)["files"]
    assert report["path"] == str(path)
    assert report["notes"][0].startswith("the body is the text/plain part of a multipart/alternative message")
    text = "Subject: Quick question\n\n"
    assert {"label": "COMPANY", "text": "REI"} in [{k: e[k] for k in ("label", "text")} for e in report["entities"]]
    rei = next(e for e in report["entities"] if e["text"] == "REI")
    assert rei["start"] > len(text)
