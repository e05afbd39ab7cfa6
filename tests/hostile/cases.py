"""Hostile input as data: files to write, the message to check, and what each front end must
answer. Every case is run through the CLI, the pre-commit hook and the language server, each
within the same generous time and memory bound (see test_hostile.py)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

VAGUE = "Hi Dana,\n\nIf you know anyone, or hear of any leads, please send them my way.\n\nThanks,\nSam\n"
RULE_DOCS = '[docs]\nwhat = "w"\nwhy = "y"\nexample = "e"\nuse_instead = "u"\noptions = "o"\n'


def prose(characters: int, seed: int = 8) -> str:
    """Ordinary-looking sentences up to `characters`: the worst case for the model is many words."""
    words = ("the of and to in a is that for it as was with be by on not he this are or his from at which "
             "but have an they you were her she there been one all we their has would when if so no out").split()
    rng = random.Random(seed)
    out, size = [], 0
    while size < characters:
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(5, 20))).capitalize() + ". "
        if rng.random() < 0.2:
            sentence += "\n\n"
        out.append(sentence)
        size += len(sentence)
    return "".join(out)[:characters]


@dataclass
class Case:
    name: str
    message: bytes  # the draft, written to drafts/<name><suffix>
    suffix: str = ".txt"
    files: dict[str, bytes] = field(default_factory=dict)  # more files, relative to the case's folder
    cli_exit: int = 1  # what `pitchlint check` exits with
    says: str = ""  # words the CLI's output (stdout + stderr) must contain
    hook_blocks: bool = True  # whether the pre-commit hook stops the commit
    lsp_says: str = ""  # words one of the editor's diagnostics must contain ("" : skip the check)
    lsp_codes: frozenset[str] = frozenset()  # rule ids the editor must show
    # about the work a message costs, not about a decision: checked together with the other such
    # cases in one CLI run and one commit (each front end still within the bound), to save CI time
    batch: bool = False


def _pack_rule(extra: str) -> bytes:
    return (f'kind = "phrase"\nseverity = "warning"\nsummary = "s"\nmessage = "m"\n{extra}\n{RULE_DOCS}').encode()


def _template(body: str) -> dict[str, bytes]:
    return {".pitchlint.toml": b'templates = "tpl"\n', "tpl/vague-ask.j2": body.encode()}


VAGUE_BYTES = VAGUE.encode()
VAGUE_LINE = "If you know anyone, or hear of any leads, please send them my way."

CASES = [
    # --- unbounded work on messages under the size limit ---
    Case("run-of-equals", b"=" * 32_000 + b"\n\n" + VAGUE_BYTES, says="was cut to its first 64",
         lsp_codes=frozenset({"vague-ask"}), batch=True),
    Case("runs-of-emoji-quotes-smileys",
         ("\U0001F600" * 8_000 + "\n" + ">" * 8_000 + "\n" + ":)" * 4_000 + "\n\n" + VAGUE).encode(),
         says="was cut", lsp_codes=frozenset({"vague-ask"}), batch=True),
    Case("many-short-lines", b"ab\n" * 33_000, cli_exit=2, says="words, marks and line breaks",
         lsp_says="words, marks and line breaks"),
    Case("longest-ordinary-prose", (prose(99_000 - len(VAGUE)) + "\n\n" + VAGUE).encode(), says="vague-ask",
         lsp_codes=frozenset({"vague-ask"}), batch=True),
    # --- input bigger than the limit is refused without being read whole ---
    Case("twelve-megabytes", b"a" * 12_000_000, cli_exit=2, says="over 10,000,000 bytes", lsp_says="characters"),
    # --- decoding ---
    Case("utf16-with-bom", b"\xff\xfe" + VAGUE.encode("utf-16-le"), says="decoded as UTF-16",
         lsp_codes=frozenset({"vague-ask"}), batch=True),
    Case("cr-only-email",
         ("From: Sam <sam@example.com>\rTo: Dana <dana@example.com>\rSubject: Hello\r\r" + VAGUE).replace("\n", "\r")
         .encode(), suffix=".eml", says="vague-ask", lsp_codes=frozenset({"vague-ask"}), batch=True),
    Case("nul-after-8-kib", VAGUE_BYTES + b" " * 9_000 + b"\x00", cli_exit=2, says="binary", lsp_says=""),
    Case("rot13-charset",
         b"From: Sam <sam@example.com>\nSubject: Hi\nMIME-Version: 1.0\nContent-Type: text/plain; charset=rot13\n\n"
         + VAGUE_BYTES, suffix=".eml", cli_exit=2, says="not a text encoding", lsp_says="not a text encoding"),
    # --- configuration, packs and templates ---
    Case("broken-pyproject-with-our-table", VAGUE_BYTES,
         files={"pyproject.toml": b'[tool.pitchlint]\nignore = ["vague-ask"\n'}, cli_exit=2,
         says="holds pitchlint's configuration", lsp_says="holds pitchlint's configuration"),
    Case("model-that-is-not-a-model", VAGUE_BYTES, files={".pitchlint.toml": b'model = "pip"\n'}, cli_exit=2,
         says="not an installed spaCy model", lsp_says="not an installed spaCy model"),
    Case("toml-nested-5000-deep", VAGUE_BYTES, files={".pitchlint.toml": b"a = " + b"[" * 5_000 + b"]" * 5_000},
         cli_exit=2, says="nested too deeply", lsp_says="nested too deeply"),
    Case("recipient-company-list", VAGUE_BYTES, files={".pitchlint.toml": b'[profile]\nrecipient = {company = ["REI"]}\n'},
         cli_exit=2, says="must be a string", lsp_says="must be a string"),
    Case("pack-rule-with-wrong-types", VAGUE_BYTES,
         files={".pitchlint.toml": b'packs = ["pack"]\n', "pack/odd.toml": b'id = 5\n' + _pack_rule('[options]\nphrases = ["x"]')},
         cli_exit=2, says="`id` must be a string", lsp_says="`id` must be a string"),
    Case("pack-regex-that-backtracks", ("a" * 60 + " hello\n\n" + VAGUE).encode(),
         files={".pitchlint.toml": b'packs = ["pack"]\n',
                "pack/slow.toml": b'id = "slow-pattern"\n' + _pack_rule('[options]\nphrases = ["(a|aa)+$"]\nregex = true\nscope = "message"')},
         cli_exit=2, says="took more than", lsp_codes=frozenset({"vague-ask"})),
    Case("template-divides-by-zero", VAGUE_BYTES, files=_template("{{ 1/0 }}"), cli_exit=2,
         says="ZeroDivisionError", lsp_codes=frozenset({"vague-ask"})),
    Case("template-a-gigabyte", VAGUE_BYTES, files=_template("{{ 'x' * 10**9 }}"), cli_exit=2,
         says="over the size limit", lsp_codes=frozenset({"vague-ask"})),
    Case("template-nested-loops", VAGUE_BYTES,
         files=_template("{% for i in range(10000) %}{% for j in range(10000) %}{{ i }}{% endfor %}{% endfor %}"),
         cli_exit=2, says="TemplateBudgetError", lsp_codes=frozenset({"vague-ask"})),
    Case("template-extends-itself", VAGUE_BYTES, files=_template("{% extends 'vague-ask.j2' %}"), cli_exit=2,
         says="recurses", lsp_codes=frozenset({"vague-ask"})),
]
