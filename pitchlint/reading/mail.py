"""Reading e-mail as e-mail: the Subject and the writer's own body text, without headers, quoted
replies, forwarded messages or the signature.

Offsets: a plain 7bit/8bit text/plain message (what `git send-email` hands its hook) keeps the file
as its text and only masks what is not prose, so findings point into the file on disk. A
transfer-encoded, multipart or HTML body cannot be mapped back to the file, so its text becomes
"Subject: ...\\n\\n<decoded body>" and a note tells the reader what lines and columns refer to.
"""

from __future__ import annotations

import codecs
import email.policy
import re
from email.message import EmailMessage, MIMEPart
from email.parser import BytesParser
from html.parser import HTMLParser
from typing import cast

from pitchlint.errors import InputError
from pitchlint.reading import reply_headers
from pitchlint.reading.document import MBOX_SEPARATOR, Document, decode, newlines

KIND = "email"
_DEFECTS = {  # what the email package found wrong with a part, in words
    "InvalidBase64CharactersDefect": "invalid base64 characters",
    "InvalidBase64PaddingDefect": "bad base64 padding",
    "InvalidBase64LengthDefect": "truncated base64",
}
PLAIN_ENCODINGS = {"", "7bit", "8bit", "binary"}  # bodies whose bytes are the text as written
LENIENT_CHARSETS = {None, "us-ascii", "ascii"}  # often mislabelled UTF-8: read like a plain file
SUBJECT_PREFIX = "Subject: "
NOT_CHARSETS = {"undefined", "unicode-escape", "raw-unicode-escape", "idna", "punycode"}

# The feedparser's own test for a header line, so the headers we mask are the ones it read.
_HEADER_LINE = re.compile(r"(From |[\041-\071\073-\176]*:|[\t ])")
# "Re: ", "Fwd: ", "[PATCH v2 1/3] " in front of a subject are not the writer's words.
_SUBJECT_TAGS = re.compile(r"\A(?:\s*(?:(?:re|fwd?|aw|wg)\s*:|\[[^\]\n]*\]))+\s*", re.I)


def read_mail(data: bytes, path: str, text: str | None = None, notes: list[str] | None = None) -> Document:
    """Turn an RFC 5322 message into a Document. `text` is the message already decoded (from an
    editor buffer): then it is the in-place text, and 8bit parts are read as the UTF-8 we encoded."""
    notes = list(notes or [])
    message = _parse(data, path)
    subject = _subject(message)
    part = message.get_body(preferencelist=("plain", "html"))  # text/plain, else text/html
    encoding = message.get("Content-Transfer-Encoding", "").strip().lower()
    if part is message and message.get_content_type() == "text/plain" and encoding in PLAIN_ENCODINGS:
        document = _in_place(data, path, text, message, notes)
    else:
        document = _rebuilt(path, subject, part, message, text is not None, notes)
    if not document.prose.strip():
        raise InputError(path, _nothing_to_lint(message, part))
    return document


# Bounds on the MIME parse, checked while it runs. The email package's costs are not linear in the
# size: a Subject of 8,000 encoded words took 454 MB to decode (50,000 took 4-15 GB), a Content-Type
# with 2,000 RFC 2231 parameters 0.9 s, and each MIME part about 0.3 ms. An e-mail a person writes
# has a short Subject, a few parameters and a handful of parts.
MAX_DECODED_FIELD = 8_000  # characters of a field pitchlint decodes: Subject and the Content-* fields
MAX_PARTS = 500


class _TooMuchMail(Exception):
    """The e-mail is past a bound of the parse; the reason is the message."""


class _BoundedPolicy(email.policy.EmailPolicy):
    """The default policy, refusing a field pitchlint will decode when it is too long to decode
    in bounded time and memory (before anything decodes it)."""

    def header_source_parse(self, sourcelines: list[str]) -> tuple[str, str]:
        name, value = super().header_source_parse(sourcelines)
        decoded = name.lower() == "subject" or name.lower().startswith("content-")
        if decoded and len(value) > MAX_DECODED_FIELD:
            raise _TooMuchMail(f"the e-mail's {name} field is {len(value):,} characters long; pitchlint reads "
                               f"a Subject or Content field of up to {MAX_DECODED_FIELD:,}")
        return name, value


def _parse(data: bytes, path: str) -> EmailMessage:
    parts = 0

    def new_part(policy: email.policy.Policy) -> EmailMessage:
        nonlocal parts
        parts += 1
        if parts > MAX_PARTS:
            raise _TooMuchMail(f"the e-mail has more than {MAX_PARTS:,} MIME parts; a message has a handful")
        return EmailMessage(policy=policy)

    policy = _BoundedPolicy(message_factory=new_part)
    try:
        message = cast(EmailMessage, BytesParser(policy=policy).parsebytes(data))  # new_part makes every part
    except _TooMuchMail as exc:
        raise InputError(path, str(exc)) from None
    except Exception as exc:  # the parser is lenient; anything it still raises is the input's fault
        raise InputError(path, f"malformed e-mail: {exc}") from None
    for defect in message.defects:
        name = type(defect).__name__
        if name == "StartBoundaryNotFoundDefect":
            raise InputError(path, f"malformed e-mail: multipart boundary {message.get_boundary()!r} never appears")
        if name == "NoBoundaryInMultipartDefect":
            raise InputError(path, f"malformed e-mail: {message.get_content_type()} declared without a boundary")
    return message


def _subject(message: EmailMessage) -> str:
    try:
        return " ".join(str(message.get("Subject", "")).split())
    except Exception:  # a header the policy cannot parse: lint the body, not the Subject
        return ""


def _charset(part: MIMEPart, path: str) -> str | None:
    charset = part.get_content_charset()
    if charset is not None:
        try:
            codec = codecs.lookup(charset)
        except LookupError:
            raise InputError(path, f"the e-mail declares an unknown charset {charset!r}") from None
        # rot13, base64, zlib...: Python codecs, but not text encodings; and codecs that are
        # text encodings in name only (Python escapes, domain names, one that always fails)
        if not getattr(codec, "_is_text_encoding", True) or codec.name in NOT_CHARSETS:
            raise InputError(path, f"the e-mail declares {charset!r} as its charset, which is not a text "
                                   "encoding") from None
    return charset


def _in_place(data: bytes, path: str, text: str | None, message: EmailMessage, notes: list[str]) -> Document:
    charset = _charset(message, path)
    if text is None:
        if charset is None or charset in LENIENT_CHARSETS:
            text, more = decode(data, path)
            notes += more
        else:
            text = _strict(data, charset, path)
    text = newlines(text)
    body_start, header_prose, encoded_subject = _mask_headers(text)
    if encoded_subject:
        notes.append("the Subject is MIME-encoded in the file, so it is not linted")
    prose = header_prose + mask_body(text[body_start:])
    notes += _mbox_note(text[body_start:])
    return Document(path=path, text=text, prose=prose, kind=KIND, notes=notes)


def _rebuilt(path: str, subject: str, part: MIMEPart | None, message: EmailMessage,
             from_text: bool, notes: list[str]) -> Document:
    notes.append(_where_from(part, message))
    body = _part_text(part, path, from_text, notes) if part is not None else ""
    body = body.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    end = "\n" if body else ""
    if subject:
        text = f"{SUBJECT_PREFIX}{subject}\n\n{body}{end}"
        prose = f"{' ' * len(SUBJECT_PREFIX)}{mask_subject(subject)}\n\n{mask_body(body)}{end}"
    else:
        text, prose = body + end, mask_body(body) + end
    notes += _mbox_note(body)
    return Document(path=path, text=text, prose=prose, kind=KIND, notes=notes)


def _part_text(part: MIMEPart, path: str, from_text: bool, notes: list[str]) -> str:
    """The part's text: transfer encoding undone, then its charset (strictly: a wrong declared
    charset would lint mojibake)."""
    charset = _charset(part, path)
    payload = _payload(part)
    if b"\x00" in payload[:8192]:
        raise InputError(path, f"malformed e-mail: the {part.get_content_type()} part decodes to binary data, not text")
    if from_text and part.get("Content-Transfer-Encoding", "").strip().lower() in PLAIN_ENCODINGS:
        charset = "utf-8"  # the caller's str was encoded as UTF-8 before parsing
    damage = ", ".join(sorted({_DEFECTS.get(type(d).__name__, type(d).__name__) for d in part.defects}))
    if charset is None or charset in LENIENT_CHARSETS:
        text, more = decode(payload, path) if payload.strip() else ("", [])
        if more and damage:  # garbage, not a charset mix-up
            raise InputError(path, f"malformed e-mail: the body cannot be decoded ({damage})")
        notes += [f"the body is {note}" for note in more]
    else:
        text = _strict(payload, charset, path, damage)
    if damage:
        notes.append(f"the body is damaged ({damage}); it was decoded as far as possible")
    return html_to_text(text) if part.get_content_type() == "text/html" else text


def _payload(part: MIMEPart) -> bytes:
    """The part's body with its transfer encoding undone; empty for a multipart."""
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else b""


def _strict(data: bytes, charset: str, path: str, damage: str = "") -> str:
    try:
        return data.decode(charset)
    except UnicodeDecodeError as exc:
        if damage:
            raise InputError(path, f"malformed e-mail: the body cannot be decoded ({damage})") from None
        raise InputError(path, f"the e-mail body is not valid {charset} (byte {exc.start})") from None


def _where_from(part: MIMEPart | None, message: EmailMessage) -> str:
    if part is None:
        return "the e-mail has no text body: only the Subject is linted"
    how = []
    if part is not message:
        how.append(f"the {part.get_content_type()} part of a {message.get_content_type()} message")
    encoding = part.get("Content-Transfer-Encoding", "").strip().lower()
    if encoding not in PLAIN_ENCODINGS:
        how.append(f"{encoding} encoded")
    if part.get_content_type() == "text/html":
        how.append("rendered from HTML to text")
    return f"the body is {', '.join(how)}: lines and columns refer to the Subject and decoded body, not to the file"


def _nothing_to_lint(message: EmailMessage, part: MIMEPart | None) -> str:
    if part is None:
        kinds = ", ".join(sorted({p.get_content_type() for p in message.walk() if not p.is_multipart()}))
        return f"the e-mail has no text to lint (no Subject, no text part; only {kinds or 'empty parts'})"
    if not _payload(part).strip():
        return "the e-mail has no text to lint (headers only)"
    return "the e-mail has no text of its own to lint (only quoted, forwarded or signature text)"


def _mbox_note(body: str) -> list[str]:
    lines = body.split("\n")
    count = sum(1 for i, line in enumerate(lines) if _next_message(lines, i))
    return [f"the mailbox holds {count + 1} messages; only the first is linted"] if count else []


def _mask_headers(text: str) -> tuple[int, str, bool]:
    """(offset where the body starts, the header block masked except the Subject's value, whether
    that value is RFC 2047-encoded and therefore masked too: its bytes are not the words)."""
    lines = text.split("\n")
    body_line = len(lines)
    for number, line in enumerate(lines):
        if line == "":
            body_line = number + 1
            break
        if not _HEADER_LINE.match(line) or (number == 0 and line[0] in " \t"):
            body_line = number  # the parser, too, starts the body at the first non-header line
            break
    if body_line == 0:
        return 0, "", False  # no headers at all (a .eml that is only prose)
    head = lines[:body_line]
    masked = [" " * len(line) for line in head]
    first = next((n for n, line in enumerate(head) if line[:8].lower() == "subject:"), None)
    encoded = False
    if first is not None:
        last = first + 1
        while last < len(head) and head[last][:1] in (" ", "\t"):
            last += 1  # a folded Subject continues on indented lines
        value = "\n".join(head[first:last])[len("subject:"):]
        encoded = "=?" in value
        if not encoded:
            masked[first:last] = (" " * len("subject:") + mask_subject(value)).split("\n")
    if body_line == len(lines):
        return len(text), "\n".join(masked), encoded
    return sum(len(line) + 1 for line in head), "\n".join(masked) + "\n", encoded


def mask_subject(subject: str) -> str:
    tags = _SUBJECT_TAGS.match(subject)
    return " " * tags.end() + subject[tags.end():] if tags else subject


# ---- the body: what is the writer's own prose --------------------------------------------------

_QUOTED = re.compile(r"\s*>")
_CUT = re.compile(
    r"-- ?$"  # the signature separator (often loses its space in transit)
    rf"|{reply_headers.SEPARATOR}"
    r"|Begin forwarded message:"
    rf"|{reply_headers.MOBILE}"
    r"|diff --git ",
    re.I,
)
_CLOSING = re.compile(
    r"\s*(?:(?:all the |with )?best(?: regards| wishes)?|(?:kind|warm|warmest)? ?regards|warm(?:ly| wishes)"
    r"|(?:many |with )?thanks(?: so much| a lot| again| in advance)?|thank you(?: so much| again)?|cheers"
    r"|sincerely(?: yours)?|yours(?: truly)?|take care|talk soon|gratefully|with gratitude|respectfully)"
    r"\s*[,.!]?\s*$",
    re.I,
)
_POSTSCRIPT = re.compile(r"p\.?\s?s\b", re.I)
_SENTENCE = re.compile(r"\b(?:you|your|me|i|i'm|i'd|we|please|could|would|can|know|let|send|introduce)\b", re.I)
SIGN_OFF_LINES = 3  # name, title, phone
SHORT_LINE = 60


def mask_body(body: str) -> str:
    """The body with everything that is not the writer's prose blanked; same length, same lines."""
    lines = body.split("\n")
    keep = [True] * len(lines)
    for i in range(_cut(lines), len(lines)):
        keep[i] = False
    _mask_quotes(lines, keep)
    _mask_sign_off(lines, keep)
    return "\n".join(line if k else " " * len(line) for line, k in zip(lines, keep, strict=True))


def _cut(lines: list[str]) -> int:
    """The first line of what runs to the end and is not the writer's: signature, forwarded or
    Outlook-quoted message, a patch, the next message of a mailbox."""
    last_diff = None  # the last "diff --git" line, looked for once: a body may have many "---" lines
    for i, line in enumerate(lines):
        if _CUT.match(line) or _next_message(lines, i):
            return i
        if line.strip() == "---":
            if last_diff is None:
                last_diff = max((j for j, l in enumerate(lines) if l.startswith("diff --git ")), default=-1)
            if last_diff > i:
                return i  # format-patch: the commit message ends at "---", the diffstat and diff follow
        if reply_headers.OUTLOOK_FROM.match(line) and any(reply_headers.OUTLOOK_SENT.match(l) for l in lines[i + 1:i + 4]):
            return i - 1 if i and re.fullmatch(r"_{10,}\s*", lines[i - 1]) else i
    return len(lines)


def _next_message(lines: list[str], i: int) -> bool:
    """An mbox "From " line after a blank line starts the next message (a body's own "From "
    lines are escaped as ">From ")."""
    return bool(i and MBOX_SEPARATOR.match(lines[i]) and not lines[i - 1].strip())


def _mask_quotes(lines: list[str], keep: list[bool]) -> None:
    """"> " lines, and the "On <date>, <name> wrote:" line (sometimes wrapped onto two) that
    introduces them; inline replies between quoted lines stay."""
    for i, line in enumerate(lines):
        if _QUOTED.match(line):
            keep[i] = False
            continue
        if not reply_headers.ATTRIBUTION_START.match(line):
            continue
        for span in (1, 2):
            if reply_headers.ATTRIBUTION.match(" ".join(lines[i:i + span])) and _quote_follows(lines, i + span):
                for j in range(i, i + span):
                    keep[j] = False
                break


def _quote_follows(lines: list[str], start: int) -> bool:
    """The next line with text from `start` on is quoted, or there is none."""
    for i in range(start, len(lines)):
        if lines[i].strip():
            return bool(_QUOTED.match(lines[i]))
    return True


def _mask_sign_off(lines: list[str], keep: list[bool]) -> None:
    """A closing ("Best,") followed only by 1-3 short lines (name, title, phone) before the end.
    Conservative: the ask often comes right before the closing, so only the block goes."""
    kept = [i for i, k in enumerate(keep) if k and lines[i].strip()]
    if len(kept) < 2:
        return
    for count in range(1, SIGN_OFF_LINES + 1):
        if len(kept) <= count:
            return
        closing, block = kept[-count - 1], kept[-count:]
        line = lines[block[0]].strip()
        if len(line) > SHORT_LINE or line.endswith("?") or _POSTSCRIPT.match(line) or _SENTENCE.search(line):
            return  # a sentence to the reader, not a name, title or phone number
        if any(not keep[j] and lines[j].strip() for j in range(closing, block[-1])):
            return  # a quoted stretch in between: an inline reply, not a sign-off
        if _CLOSING.match(lines[closing]):
            for j in range(closing, block[-1] + 1):
                keep[j] = False
            return


# ---- HTML to text -------------------------------------------------------------------------------

_SKIP = {"script", "style", "head", "title", "template"}
_PARAGRAPH = {"p", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "pre", "hr"}
_LINE = {"br", "div", "li", "tr", "section", "article", "header", "footer", "dd", "dt"}


class _TextRenderer(HTMLParser):
    """Paragraphs become blank-line separated lines; blockquotes become "> " lines, so the body
    masking drops them like a plain-text quote."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.pieces: list[str] = []
        self.skip = 0
        self.quote = 0

    def _break(self, paragraph: bool) -> None:
        text = " ".join("".join(self.pieces).split())
        self.pieces = []
        if text:
            self.lines.append("> " * self.quote + text)
        if paragraph and self.lines and self.lines[-1] != "":
            self.lines.append("")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag == "br" and not "".join(self.pieces).strip():
            self._break(True)  # <div><br></div>: how Gmail and Outlook write a blank line
        elif tag in _PARAGRAPH or tag in _LINE:
            self._break(tag in _PARAGRAPH)
            self.quote += tag == "blockquote"

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _PARAGRAPH or (tag in _LINE and tag != "br"):
            self._break(tag in _PARAGRAPH)
            self.quote = max(0, self.quote - (tag == "blockquote"))

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.pieces.append(data)


def html_to_text(html: str) -> str:
    renderer = _TextRenderer()
    renderer.feed(html)
    renderer.close()
    renderer._break(False)
    return "\n".join(renderer.lines).strip("\n")
