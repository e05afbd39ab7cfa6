"""Bad input is one line naming the file and the reason, and exit 2: reading at most the limit,
wide Unicode, lone CRs, NUL anywhere, unreadable folders, wrong shapes of configuration, packs,
labels and charsets, and file names that are not UTF-8."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pitchlint.checks.pack import load_rule_file
from pitchlint.config.settings import config_for, find_config, load_config_file
from pitchlint.engine import files as runner
from pitchlint.errors import ConfigError, InputError, PitchlintError
from pitchlint.reading.document import MAX_BYTES, read_limited
from pitchlint.reading.read import read_document

VAGUE = "Hi Dana,\n\nIf you know anyone, or hear of any leads, please send them my way.\n\nThanks,\nSam\n"
DOCS = '[docs]\nwhat = "w"\nwhy = "y"\nexample = "e"\nuse_instead = "u"\noptions = "o"\n'


def cli(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-P", "-m", "pitchlint", *args], cwd=cwd, input=stdin,
                          capture_output=True, timeout=180)


class Endless(io.RawIOBase):
    """/dev/zero as a stream, counting what was taken from it."""

    taken = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        buffer[:] = b"\0" * len(buffer)
        self.taken += len(buffer)
        return len(buffer)


def test_at_most_the_limit_is_read_from_a_stream():
    stream = Endless()
    with pytest.raises(InputError, match="is over 10,000,000 bytes"):
        read_limited(io.BufferedReader(stream), "<stdin>")
    assert stream.taken <= MAX_BYTES + 2 * io.DEFAULT_BUFFER_SIZE


def test_dev_zero_and_an_endless_stdin_are_refused_at_once(tmp_path):
    if Path("/dev/zero").exists():
        result = cli("/dev/zero", cwd=tmp_path)
        assert result.returncode == 2 and b"/dev/zero: is a device, not a message file" in result.stderr
    endless = subprocess.Popen(["yes"], stdout=subprocess.PIPE) if os.path.exists("/usr/bin/yes") else None
    if endless is not None:
        result = subprocess.run([sys.executable, "-P", "-m", "pitchlint", "-"], stdin=endless.stdout,
                                capture_output=True, timeout=180, cwd=tmp_path)
        endless.kill()
        assert result.returncode == 2 and b"<stdin>: is over" in result.stderr


@pytest.mark.parametrize("encoding,bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                          ("utf-32-le", b"\xff\xfe\x00\x00")])
def test_utf16_and_utf32_with_a_byte_order_mark_are_decoded(tmp_path, encoding, bom):
    path = tmp_path / "notepad.txt"
    path.write_bytes(bom + VAGUE.replace("\n", "\r\n").encode(encoding))
    document = read_document(path)
    assert document.text == VAGUE
    assert document.notes == [f"decoded as {encoding[:6].upper()} (the file starts with its byte order mark)"]


def test_a_nul_byte_anywhere_makes_a_file_binary(tmp_path):
    path = tmp_path / "late-nul.txt"
    path.write_bytes(VAGUE.encode() + b" " * 9_000 + b"\x00")
    with pytest.raises(InputError, match="the file is binary"):
        read_document(path)


def test_a_cr_only_email_reads_its_headers_and_body(tmp_path):
    mail = ("From: Sam <sam@example.com>\nTo: Dana <dana@example.com>\nSubject: Hello\n\n" + VAGUE).replace("\n", "\r")
    path = tmp_path / "old-mac.eml"
    path.write_bytes(mail.encode())
    document = read_document(path)
    assert document.text == mail.replace("\r", "\n")  # one character for one: offsets are the file's
    assert document.prose.startswith(" " * len("From: Sam <sam@example.com>"))  # a header, not prose
    assert "If you know anyone" in document.prose


def test_an_unreadable_subfolder_is_named_as_an_error(tmp_path, monkeypatch):
    (tmp_path / "drafts" / "locked").mkdir(parents=True)
    (tmp_path / "drafts" / "a.txt").write_text(VAGUE)
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "access", lambda path, mode: Path(path).name != "locked")
    found = list(runner.expand([str(tmp_path / "drafts")]))
    assert found == [str(tmp_path / "drafts" / "a.txt"), str(tmp_path / "drafts" / "locked")]
    error = [r for _, r, _ in runner.lint_paths([found[1]])][0]
    assert isinstance(error, InputError) and "cannot be read (permission denied)" in str(error)


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses file names that are not UTF-8")
@pytest.mark.parametrize("output_format", ["json", "sarif"])
def test_a_file_name_that_is_not_utf8_gives_valid_utf8_output(tmp_path, output_format):
    name = os.fsencode(str(tmp_path)) + b"/caf\xe9.txt"
    with open(name, "wb") as stream:
        stream.write(VAGUE.encode())
    result = subprocess.run([sys.executable, "-P", "-m", "pitchlint", "--format", output_format, name],
                            capture_output=True, timeout=180, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    document = json.loads(result.stdout.decode("utf-8"))  # strict: invalid UTF-8 raises
    if output_format == "json":
        assert document["files"][0]["path"].endswith("caf\\xe9.txt")
    else:
        assert "caf" in document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]


# --- configuration, packs, labels -----------------------------------------------------------------

@pytest.mark.parametrize("body,reason", [
    ('model = "json"\n', "`model = 'json'` is not an installed spaCy model package"),
    ('model = "pip"\n', "`model = 'pip'` is not an installed spaCy model package"),
    ('model = "a.b"\n', "`model = 'a.b'` is not an installed spaCy model package"),
    ('model = "spacy"\n', "`model = 'spacy'` is not an installed spaCy model package"),
    ("a = " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply"),
    ('[profile]\nrecipient = {company = ["REI"]}\n', "`recipient.company` must be a string, not a list"),
    ('[profile]\nrecipient = {name = ["Dana", "Lee"]}\n', "`recipient.name` must be a string, not a list"),
    ("fail-under = true\n", "fail-under"),
    ('[severity]\nvague-ask = ["error"]\n', "severity"),
])
def test_wrong_shapes_of_configuration_are_config_errors(tmp_path, body, reason):
    path = tmp_path / ".pitchlint.toml"
    path.write_text(body)
    with pytest.raises(ConfigError) as error:
        load_config_file(path)
    assert reason in str(error.value) and str(path) in str(error.value)


def test_model_names_are_checked_without_importing_them(tmp_path):
    (tmp_path / ".pitchlint.toml").write_text('model = "antigravity"\n')  # importing it opens a browser
    find_config.cache_clear()
    with pytest.raises(ConfigError, match="not an installed spaCy model"):
        config_for(str(tmp_path / "a.txt"))
    assert "antigravity" not in sys.modules


def test_front_matter_recipients_are_type_checked(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("---\nrecipient: {name: [Dana, Lee]}\n---\n" + VAGUE)
    with pytest.raises(PitchlintError, match=r"a.md \(front matter\): `recipient.name` must be a string"):
        read_document(path)


@pytest.mark.parametrize("extra,reason", [
    ('id = 5\n', "`id` must be a string"),
    ('id = "x"\ndocs = "all in one"\n', "`docs` must be a table"),
    ('id = "x"\nscore = "lots"\n', "`score` must be a whole number"),
    ('id = "x"\n[examples]\nfail = "one"\n', "`examples.fail` must be a list of strings"),
    ('id = "x"\n[options]\nregex = true\nphrases = ["(unclosed"]\n', "is not a valid regular expression"),
])
def test_wrong_shapes_of_pack_rules_are_config_errors(tmp_path, extra, reason):
    path = tmp_path / "rule.toml"
    body = 'kind = "phrase"\nseverity = "warning"\nsummary = "s"\nmessage = "m"\n'
    head, _, rest = extra.partition("[")
    path.write_text(head + body + (("[" + rest) if rest else "") + ("" if "docs =" in extra else DOCS))
    with pytest.raises(ConfigError, match=reason.replace("(", r"\(")):
        load_rule_file(path)


@pytest.mark.parametrize("charset", ["rot13", "base64", "hex", "uu", "zlib", "bz2", "undefined", "unicode_escape"])
def test_a_codec_that_is_not_a_charset_is_refused(tmp_path, charset):
    path = tmp_path / "odd.eml"
    path.write_text(f"From: Sam <s@example.com>\nSubject: Hi\nContent-Type: text/plain; charset={charset}\n\n{VAGUE}")
    with pytest.raises(InputError, match="which is not a text encoding"):
        read_document(path)


@pytest.mark.parametrize("label", [
    'verdict = "vague"\nspan = 5\n',
    'verdict = "vague"\nspan = [5]\n',
    'verdict = "vague"\n[[span]]\nlabel = "ROLE"\ntext = 7\n',
    'verdict = "vague"\n[[span]]\nlabel = "ROLE"\ntext = "anyone"\noccurrence = "twice"\n',
    'verdict = "vague"\nchannel = 5\n',
    'verdict = "vague\n',
])
def test_a_malformed_label_file_is_one_line_and_exit_2(tmp_path, label):
    (tmp_path / "m.txt").write_text(VAGUE)
    (tmp_path / "m.toml").write_text(label)
    result = cli("eval", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert b"Traceback" not in result.stderr and result.stderr.count(b"\n") == 1
    assert b"m.toml" in result.stderr
