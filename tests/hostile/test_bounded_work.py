"""Issue 19, "Work that is not bounded": each input here once took minutes or gigabytes. Through the
command line, each one now lints, or is refused with a one-line error, within the bound of
tests/hostile/bounded.py (5 s of CPU, 300 MB peak)."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hooks.support import has_send_email

from .bounded import CPU_SECONDS, KILL_AFTER, PEAK_MB, pitchlint, record, run_measured, server_usage
from .cases import CASES as HOOK_CASES
from .cases import VAGUE
from .rawlsp import INITIALIZE, RawServer, frame, notification, request

DOCS = '[docs]\nwhat = "w"\nwhy = "y"\nexample = "e"\nuse_instead = "u"\noptions = "o"\n'
NESTED = "[[[1]*10000]*10000]*10000"  # a list of 10,000 items whose printing walks 10**12 of them


def pack_rule(options: str, message: str = "m") -> str:
    return (f'id = "house-rule"\nkind = "phrase"\nseverity = "warning"\nsummary = "s"\nmessage = "{message}"\n'
            f"[options]\n{options}\n{DOCS}")


def with_template(body: str) -> dict[str, str]:
    return {".pitchlint.toml": 'templates = "tpl"\n', "tpl/vague-ask.j2": body}


def with_pack(files: dict[str, str]) -> dict[str, str]:
    return {".pitchlint.toml": 'packs = ["pack"]\n', **{f"pack/{name}": text for name, text in files.items()}}


@dataclass(frozen=True)
class Hostile:
    name: str
    message: str
    suffix: str = ".txt"
    files: dict[str, str] = field(default_factory=dict)
    exit: int = 1
    says: str = ""  # words the output must hold
    blames: str = ""  # the file an error names, if not the message: a pack's file


def billion_laughs(last: str) -> str:
    """Front matter whose tenth line stands for 9**10 values through nested aliases."""
    lines = ["a: &a [" + ", ".join(['"lol"'] * 9) + "]"]
    lines += [f"{new}: &{new} [" + ", ".join([f"*{old}"] * 9) + "]" for old, new in zip("abcdefghi", "bcdefghij")]
    return "---\n" + "\n".join([*lines, last]) + "\n---\n" + VAGUE


MIME_PARTS = "".join("--b\nContent-Type: text/plain\n\nx\n" for _ in range(20_000))
RFC2231 = "".join(f"; name*{i}*=utf-8''a%41" for i in range(20_000))

CASES = [
    Hostile("encoded-word-subject", "From: a@b.c\nSubject: " + "=?utf-8?q?a?= " * 50_000 + "\n\nAny leads?\n",
            ".eml", exit=2, says="Subject field is 700,000 characters long"),
    Hostile("mime-20000-parts", "From: a@b.c\nSubject: hi\nMIME-Version: 1.0\nContent-Type: multipart/mixed; "
            "boundary=b\n\n" + MIME_PARTS + "--b--\n", ".eml", exit=2, says="more than 500 MIME parts"),
    Hostile("rfc2231-parameters", "From: a@b.c\nSubject: hi\nMIME-Version: 1.0\nContent-Type: text/plain"
            + RFC2231 + "\n\n" + VAGUE, ".eml", exit=2, says="Content-Type field is 488,900 characters long"),
    Hostile("template-prints-nested-list", VAGUE, files=with_template("{{ %s }}" % NESTED), exit=2,
            says="TemplateBudgetError"),
    Hostile("template-joins-nested-list", VAGUE, files=with_template("{{ (%s)|join }}" % NESTED), exit=2,
            says="TemplateBudgetError"),
    Hostile("template-dumps-nested-list", VAGUE, files=with_template("{{ (%s)|tojson }}" % NESTED), exit=2,
            says="TemplateBudgetError"),
    Hostile("markdown-underscore-runs", "_" * 30_000 + "a" + "_" * 30_000 + "\n\n" + VAGUE, ".md",
            says="was cut to its first 64"),
    Hostile("markdown-unclosed-comments", "<!--" * 24_000 + "\n\n" + VAGUE, ".md", says="vague-ask"),
    Hostile("markdown-unclosed-links", "[a](" * 20_000, ".md", exit=2, says="words, marks and line breaks"),
    Hostile("markdown-unclosed-images", "![" * 47_000 + "\n\n" + VAGUE, ".md", says="vague-ask"),
    Hostile("markdown-backtick-run", "Hi " + "`" * 30_000 + "\n\n" + VAGUE, ".md", says="was cut to its first 64"),
    Hostile("pack-lexicon-200000-lines", VAGUE, files=with_pack(
        {"lexicons/roles.txt": "".join(f"role{i} manager\n" for i in range(200_000))}), exit=2,
        says="lexicon is over 512 KB", blames="pack/lexicons/roles.txt"),
    Hostile("pack-lexicon-6000-terms", VAGUE, files=with_pack({"lexicons/sectors.txt": "".join(
        f"s{i}\n" for i in range(6_000))}), exit=2, says="lexicon has 6,000 terms",
        blames="pack/lexicons/sectors.txt"),
    Hostile("pack-regex-nested-5000-deep", VAGUE, files=with_pack({"r.toml": pack_rule(
        'regex = true\nphrases = ["' + "(" * 5_000 + "a" + ")" * 5_000 + '"]')}), exit=2,
        says="nested more than 20 deep", blames="pack/r.toml"),
    Hostile("pack-regex-repeats-a-million", VAGUE, files=with_pack({"r.toml": pack_rule(
        'regex = true\nphrases = ["(?:a{1000}){1000}"]')}), exit=2, says="counted repeats come to more than 10,000",
        blames="pack/r.toml"),
    Hostile("pack-phrases-400000-characters", VAGUE, files=with_pack({"r.toml": pack_rule(
        "regex = true\nphrases = [" + ", ".join(f'"p{i:03} ' + "x" * 196 + '"' for i in range(1_000)) + "]")}),
        exit=2, says="20,000 characters in all",
        blames="pack/r.toml"),
    Hostile("pack-message-99999999-wide", VAGUE + "Sorry to bother you.\n", files=with_pack({"r.toml": pack_rule(
        'phrases = ["sorry to bother you"]', message="{phrase:>99999999}")}), exit=2, says="wider than 200 characters",
        blames="pack/r.toml"),
    Hostile("front-matter-billion-laughs", billion_laughs("channel: *j"), ".md", exit=2, says="a YAML alias"),
    Hostile("front-matter-laughs-in-profile", billion_laughs("profile: {roles: *j}"), ".md", exit=2,
            says="a YAML alias"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_cli_within_the_bound(case: Hostile, tmp_path: Path) -> None:
    for name, text in case.files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    message = tmp_path / f"{case.name}{case.suffix}"
    message.write_text(case.message)
    run = run_measured(pitchlint("check", str(message)), tmp_path)
    assert not run.within_bound(), run.within_bound()
    assert run.status == case.exit, run.output[-2000:]
    assert case.says in run.output, run.output[-2000:]
    if case.exit == 2:  # the reason is said once, on one line, naming the file
        reasons = [line for line in run.stderr.splitlines() if case.says in line]
        blamed = str(tmp_path / case.blames) if case.blames else str(message)
        assert len(reasons) == 1 and reasons[0].startswith(f"pitchlint: {blamed}") and len(reasons[0]) < 400, \
            run.stderr


@pytest.mark.parametrize("kind", ["fifo", "socket", "device"])
def test_only_regular_files_are_read(kind: str, tmp_path: Path) -> None:
    """A named pipe blocked the run forever waiting for a writer; a device may never end."""
    import socket

    path = tmp_path / kind
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        listener = socket.socket(socket.AF_UNIX)
        listener.bind(str(path))
    else:
        path = Path("/dev/null")
    run = run_measured(pitchlint("check", str(path)), tmp_path)
    assert not run.within_bound(), run.within_bound()
    words = {"fifo": "is a named pipe (FIFO), not a message file", "socket": "is a socket, not a message file",
             "device": "is a device, not a message file"}[kind]
    assert run.status == 2 and run.stderr == f"pitchlint: {path}: {words}; pitchlint reads files, or standard " \
                                             "input given as -\n", run.output


@pytest.mark.parametrize("kind", ["fifo", "socket", "device"])
def test_batch_reads_only_regular_files(kind: str, tmp_path: Path) -> None:
    """`pitchlint batch` on a named pipe waited for a writer forever; on /dev/zero under a .jsonl
    name it would read without end."""
    import socket

    path = tmp_path / f"{kind}.jsonl"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        listener = socket.socket(socket.AF_UNIX)
        listener.bind(str(path))
    else:
        path.symlink_to("/dev/zero")
    run = run_measured(pitchlint("batch", str(path), "-o", str(tmp_path / "out.jsonl")), tmp_path)
    assert not run.within_bound(), run.within_bound()
    words = {"fifo": "a named pipe (FIFO)", "socket": "a socket", "device": "a device"}[kind]
    assert run.status == 2 and run.stderr == f"pitchlint: {path}: is {words}, not an input file; pitchlint batch " \
                                             "reads files and folders, or standard input given as -\n", run.output
    assert not (tmp_path / "out.jsonl").exists()


LOOPING_PLUGIN = """
from pitchlint.rulepack import Rule


def check(ctx):
    yield ctx.finding(0, 2, "found before the loop")
    while True:  # and it swallows what it can
        try:
            sum(range(1000))
        except Exception:
            pass


DOCS = dict(what="w", why="y", example="e", use_instead="u", options="none")
RULES = [Rule(id="loops-forever", kind="python", severity="warning", summary="s", message="", check=check,
              docs=DOCS)]
"""


def looping_plugin(tmp_path: Path) -> Path:
    """A folder for PYTHONPATH that installs the looping plug-in rule."""
    site = tmp_path / "site"
    dist = site / "looping_rule-0.1.dist-info"
    dist.mkdir(parents=True)
    (site / "looping_rule.py").write_text(LOOPING_PLUGIN)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: looping-rule\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[pitchlint.rules]\nloop = looping_rule:RULES\n")
    return site


OVERRAN = "rule loops-forever failed: it used more than 2 s of CPU on this message (does it loop without end?)"
SKIPPED = "rule loops-forever skipped: it ran past its time budget on an earlier message"


def test_a_plug_in_rule_that_loops_forever_runs_out_of_time(tmp_path: Path) -> None:
    site = looping_plugin(tmp_path)
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(VAGUE)
    run = run_measured(pitchlint("check", "--format", "json", "a.txt", "b.txt"), tmp_path,
                       env={"PYTHONPATH": str(site)})
    assert not run.within_bound(), run.within_bound()
    assert run.status == 2, run.output
    import json

    first, second = json.loads(run.stdout)["files"]
    assert first["internal_errors"] == [OVERRAN]
    assert [f["message"] for f in first["findings"] if f["rule"] == "loops-forever"] == ["found before the loop"]
    assert second["internal_errors"] == [SKIPPED]
    assert {f["rule"] for f in second["findings"]} >= {"vague-ask"}


def test_a_plug_in_rule_that_loops_forever_in_batch_and_in_the_editor(tmp_path: Path, monkeypatch) -> None:
    """The same budget where no process ends after one message: `pitchlint batch` gives both rows,
    each with the rule's failure as its error; the language server answers each document and logs
    the rule's failure with it, and after the first overrun the rule is skipped, so no check costs
    the budget again."""
    import json

    site = looping_plugin(tmp_path)
    (tmp_path / "in.jsonl").write_text("".join(json.dumps({"id": n, "text": VAGUE}) + "\n" for n in (1, 2)))
    run = run_measured(pitchlint("batch", "in.jsonl", "-o", "out.jsonl"), tmp_path, env={"PYTHONPATH": str(site)},
                       label="batch with a looping plug-in")
    assert not run.within_bound(), run.within_bound()
    assert run.status == 1, run.output  # batch's status for rows not linted (docs/batch.md)
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [row["id"] for row in rows] == [1, 2] and OVERRAN in rows[0]["error"] and SKIPPED in rows[1]["error"], rows
    monkeypatch.setenv("PYTHONPATH", str(site))
    server = RawServer(tmp_path)
    try:
        server.send(frame(INITIALIZE))
        assert "result" in server.answer(0, timeout=KILL_AFTER)
        server.send(frame(notification("initialized")))
        for n in (1, 2):
            uri = (tmp_path / f"draft{n}.txt").as_uri()
            before, _ = server_usage(server.process.pid)
            server.send(frame(notification("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": "plaintext", "version": 1, "text": VAGUE}})))
            server.send(frame(request(n, "textDocument/diagnostic", {"textDocument": {"uri": uri}})))
            items = server.answer(n, timeout=KILL_AFTER)["result"]["items"]
            after, peak = server_usage(server.process.pid)
            record(f"lsp looping plug-in, document {n}", after - before, peak)
            assert after - before < CPU_SECONDS and peak < PEAK_MB, (n, after - before, peak)
            assert "vague-ask" in {item.get("code") for item in items}, items
        logged = [m["params"]["message"] for m in server.seen if m.get("method") == "window/logMessage"]
        for n in (1, 2):  # the first overrun may be the server's warm-up message's, which logs nothing
            said = [line for line in logged if line.startswith(str(tmp_path / f"draft{n}.txt"))]
            assert said and all(OVERRAN in line or SKIPPED in line for line in said), logged
        assert any(SKIPPED in line for line in logged if "draft2" in line), logged
    finally:
        status = server.close()
    assert status == 0


def corpus_prose(characters: int) -> str:
    """Real messages from the corpus, one after another, up to `characters`: ordinary prose with a
    writer's vocabulary (it once peaked at 371 MB)."""
    corpus = Path(__file__).resolve().parents[2] / "corpus"
    text = ""
    for path in sorted(corpus.glob("*.txt")):
        text += path.read_text(encoding="utf-8") + "\n\n"
        if len(text) >= characters:
            break
    return text[:characters]


def asks_naming_companies(characters: int) -> str:
    """Request after request, each naming two companies: the model's NER runs on all of it (it
    once peaked at 406 MB, its pieces all in one batch)."""
    words = [word.strip(".,!?").capitalize() for word in corpus_prose(characters).split()]
    asks = (f"Could you introduce me to someone at {a} Corp or {b} Labs?" for a, b in zip(words[::2], words[1::2]))
    return " ".join(asks)[:characters]


PROSE = corpus_prose(99_000 - len(VAGUE)) + "\n\n" + VAGUE
CASES += [
    Hostile("ordinary-prose-100000-characters", PROSE, says="vague-ask"),
    Hostile("ordinary-prose-100000-characters-markdown", PROSE, ".md", says="vague-ask"),
    Hostile("ordinary-prose-100000-characters-email", "From: Sam <sam@example.com>\nTo: Dana <dana@example.com>\n"
            "Subject: Catching up\n\n" + PROSE, ".eml", says="vague-ask"),
    # dictated or pasted without punctuation: few sentence breaks, so nearly all of it is wanted (389 MB)
    Hostile("prose-without-stops-100000-characters", " ".join(w.strip(".,!?;:") for w in PROSE.split())[:99_000],
            says=": vague, score"),
    Hostile("asks-naming-companies-100000-characters", asks_naming_companies(99_000), says="multiple-asks"),
]
LANGUAGE = {".txt": "plaintext", ".md": "markdown", ".eml": "mail"}


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the server's CPU time from /proc")
def test_language_server_within_the_bound(tmp_path: Path) -> None:
    """One server for every case, as an editor keeps it: each document costs at most the bound in
    CPU, the server's peak memory stays under it, and each gets its diagnostics."""
    server = RawServer(tmp_path)
    try:
        server.send(frame({**INITIALIZE, "params": {**INITIALIZE["params"], "rootUri": tmp_path.as_uri()}}))
        assert "result" in server.answer(0, timeout=60)
        server.send(frame(notification("initialized")))
        for n, case in enumerate(CASES, 1):
            folder = tmp_path / case.name
            for name, text in case.files.items():
                (folder / name).parent.mkdir(parents=True, exist_ok=True)
                (folder / name).write_text(text)
            message = folder / f"{case.name}{case.suffix}"
            message.parent.mkdir(parents=True, exist_ok=True)
            message.write_text(case.message)
            before, _ = server_usage(server.process.pid)
            server.send(frame(notification("textDocument/didOpen", {"textDocument": {
                "uri": message.as_uri(), "languageId": LANGUAGE[case.suffix], "version": 1, "text": case.message}})))
            server.send(frame(request(n, "textDocument/diagnostic", {"textDocument": {"uri": message.as_uri()}})))
            answer = server.answer(n, timeout=KILL_AFTER)
            after, peak = server_usage(server.process.pid)
            record(f"lsp {case.name}", after - before, peak)
            assert after - before < CPU_SECONDS and peak < PEAK_MB, (case.name, after - before, peak)
            assert answer["result"]["items"], (case.name, answer)
            server.send(frame(notification("textDocument/didClose", {"textDocument": {"uri": message.as_uri()}})))
    finally:
        status = server.close()
    assert status == 0
    assert "Traceback" not in server.stderr.decode(errors="replace")


def test_batch_within_the_bound(tmp_path: Path) -> None:
    """The messages alone (no configuration of their own) as the rows of one `pitchlint batch`
    run: every row comes out, linted or with its error; the run's peak memory keeps to the bound,
    and its CPU time to the bound for each row (a run holds them all, and its start-up once)."""
    import json

    rows = [case for case in CASES if not case.files]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": c.name, "path": f"{c.name}{c.suffix}", "text": c.message}) + "\n"
                              for c in rows))
    run = run_measured(pitchlint("batch", str(source), "-o", str(tmp_path / "out.jsonl")), tmp_path,
                       label=f"batch of {len(rows)} rows")
    assert run.peak_mb < PEAK_MB and run.cpu_seconds < CPU_SECONDS * len(rows), (run.cpu_seconds, run.peak_mb)
    assert "Traceback" not in run.output, run.output
    out = {row["id"]: row for row in map(json.loads, (tmp_path / "out.jsonl").read_text().splitlines())}
    assert set(out) == {c.name for c in rows}
    for case in rows:
        assert ("error" in out[case.name]) is (case.exit == 2), (case.name, out[case.name])


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_hook_within_the_bound(tmp_path: Path) -> None:
    """The messages alone, staged as drafts in one commit: the hook blocks it (some are vague, some
    cannot be linted), with its peak memory within the bound and its CPU within the bound for each."""
    import subprocess

    env = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "T",
           "GIT_COMMITTER_EMAIL": "t@example.com"}
    rows = [case for case in CASES if not case.files]
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=tmp_path, check=True)
    installed = subprocess.run(pitchlint("hook", "install", "--pre-commit"), cwd=tmp_path, capture_output=True)
    assert installed.returncode == 0, installed.stderr
    (tmp_path / "drafts").mkdir()
    for case in rows:
        (tmp_path / "drafts" / f"{case.name}{case.suffix}").write_text(case.message)
    subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True)
    run = run_measured(["git", "commit", "-q", "-m", "drafts"], tmp_path, env=env,
                       label=f"pre-commit of {len(rows)} drafts")
    assert run.peak_mb < PEAK_MB and run.cpu_seconds < CPU_SECONDS * len(rows), (run.cpu_seconds, run.peak_mb)
    assert "Traceback" not in run.output, run.output
    head = subprocess.run(["git", "rev-parse", "-q", "--verify", "HEAD"], cwd=tmp_path, capture_output=True)
    assert run.status != 0 and head.returncode != 0, run.output
    for case in rows:
        assert f"drafts/{case.name}{case.suffix}" in run.output, (case.name, run.output[-3000:])


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize("case", [case for case in CASES if case.files], ids=lambda c: c.name)
def test_pre_commit_hook_with_packs_and_templates_within_the_bound(case: Hostile, tmp_path: Path) -> None:
    """A case that brings its own configuration, pack or templates, under drafts/ (what the hook's
    default `include` names), staged: the hook blocks the commit and names the draft or the pack file
    that failed, within the bound (a broken pack stops the whole check, so one commit each)."""
    import subprocess

    env = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "T",
           "GIT_COMMITTER_EMAIL": "t@example.com"}
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=tmp_path, check=True)
    installed = subprocess.run(pitchlint("hook", "install", "--pre-commit"), cwd=tmp_path, capture_output=True)
    assert installed.returncode == 0, installed.stderr
    for name, text in {**case.files, f"{case.name}{case.suffix}": case.message}.items():
        (tmp_path / "drafts" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "drafts" / name).write_text(text)
    subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True)
    run = run_measured(["git", "commit", "-q", "-m", "drafts"], tmp_path, env=env, label=f"pre-commit {case.name}")
    assert not run.within_bound(), run.within_bound()
    head = subprocess.run(["git", "rev-parse", "-q", "--verify", "HEAD"], cwd=tmp_path, capture_output=True)
    assert run.status != 0 and head.returncode != 0, run.output
    assert f"drafts/{case.blames or case.name + case.suffix}" in run.output, run.output[-3000:]
    assert case.says in run.output, run.output[-3000:]


EMAILS = [(case.name, case.message.encode(), case.says) for case in CASES if case.suffix == ".eml" and not case.files]
EMAILS += [(case.name, case.message, case.says) for case in HOOK_CASES if case.suffix == ".eml" and not case.files]


@pytest.mark.skipif(not has_send_email(), reason="git send-email is not installed (git-email)")
@pytest.mark.parametrize(("name", "message", "says"), EMAILS, ids=[email[0] for email in EMAILS])
def test_send_email_hook_within_the_bound(name: str, message: bytes, says: str, repo: Path,
                                          sendmail: tuple[Path, Path]) -> None:
    """The e-mails of this file and of cases.py, each handed to `git send-email` with pitchlint's
    hook: refused, with the reason, nothing sent, and git with the hook and pitchlint within the bound."""
    import subprocess

    program, received = sendmail
    installed = subprocess.run(pitchlint("hook", "install"), cwd=repo, capture_output=True)
    assert installed.returncode == 0, installed.stderr
    (repo / f"{name}.eml").write_bytes(message)
    run = run_measured(["git", "send-email", "--to=dana@example.com", "--from=Sam <sam@example.com>",
                        f"--smtp-server={program}", "--confirm=never", "--quiet", f"{name}.eml"], repo,
                       label=f"send-email {name}")
    assert not run.within_bound(), run.within_bound()
    assert run.status != 0 and not received.exists(), run.output[-2000:]
    assert says in run.output, run.output[-2000:]
