"""Issue 19, "Work that is not bounded": each input here once took minutes or gigabytes. Through the
command line, each one now lints, or is refused with a one-line error, within the bound of
tests/hostile/bounded.py (5 s of CPU, 300 MB peak)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .bounded import pitchlint, run_measured
from .cases import VAGUE

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
    Hostile("markdown-backtick-run", "Hi " + "`" * 30_000 + "\n\n" + VAGUE, ".md", says="was cut to its first 64"),
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
        assert len(reasons) == 1 and message.name in reasons[0] and len(reasons[0]) < 400, run.stderr
