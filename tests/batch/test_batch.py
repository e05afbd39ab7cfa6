"""`pitchlint batch` in one process: formats in and out, error rows, a missing column, --resume,
exit status, progress. Run in-process (click's runner) so the pipeline loads once."""

from __future__ import annotations

import csv
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from batch_support import corpus_alone, corpus_jsonl, corpus_messages, read_jsonl, run_cli, write_jsonl
from click.testing import CliRunner

import pitchlint
from pitchlint.batch.outputs import breakdown_keys, targets
from pitchlint.batch.progress import progress_line
from pitchlint.cli.commands import main

VAGUE = "Hi Dana,\n\nIf you know anyone, or hear of any leads, please send them my way.\n"
SPECIFIC = "Could you introduce me to a data engineer at Stripe? I'm moving into fintech.\n"


def batch(*args):
    result = CliRunner().invoke(main, ["batch", "--jobs", "1", *map(str, args)], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def alone(text: str, path: str | None = None) -> dict:
    return pitchlint.lint_text(text, path=path).to_dict()


def test_jsonl_rows_are_the_id_and_the_per_file_json_of_each_message_alone(tmp_path):
    expected = corpus_jsonl(tmp_path / "in.jsonl")
    status, _, stderr = batch(tmp_path / "in.jsonl", "-o", tmp_path / "out.jsonl", "--chunk-size", "50")
    assert read_jsonl(tmp_path / "out.jsonl") == expected
    assert status == 1  # the corpus has vague messages
    vague = sum(row["verdict"] == "vague" for row in expected)
    assert f"{len(expected):,} messages in " in stderr
    assert f"{vague} vague" in stderr and f"{len(expected) - vague} specific" in stderr
    fired = sum(any(f["rule"] == "vague-ask" for f in row["findings"]) for row in expected)
    assert f"vague-ask {fired}" in stderr


def test_folder_input_gives_the_reports_of_pitchlint_check(tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "a.txt").write_text(VAGUE)
    (drafts / "b.md").write_text("---\nchannel: linkedin-note\n---\n" + SPECIFIC * 5)
    (drafts / "c.eml").write_bytes(b"Subject: hello\nFrom: a@example.com\n\n" + VAGUE.encode())
    check = CliRunner().invoke(main, ["check", "--format", "json", str(drafts)])
    files = json.loads(check.stdout)["files"]
    status, _, _ = batch(drafts, "-o", tmp_path / "out.jsonl")
    rows = read_jsonl(tmp_path / "out.jsonl")
    assert [row.pop("id") for row in rows] == [f["path"] for f in files]
    assert rows == files
    assert "length-budget" in {f["rule"] for f in files[1]["findings"]}  # the front matter's channel applied


def test_csv_input_with_named_columns_quotes_and_newlines(tmp_path):
    texts = {"n-1": 'She said "hi", then: ' + VAGUE, "n-2": SPECIFIC.replace(".", ",\r\nand so on.")}
    with open(tmp_path / "in.csv", "w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["message_id", "body", "channel"])
        writer.writerow(["n-1", texts["n-1"], ""])
        writer.writerow(["n-2", texts["n-2"], "pitch"])
    status, _, _ = batch(tmp_path / "in.csv", "-o", tmp_path / "out.jsonl", "--id-column", "message_id",
                         "--text-column", "body")
    rows = read_jsonl(tmp_path / "out.jsonl")
    assert [row["id"] for row in rows] == ["n-1", "n-2"]
    assert rows[0] == {"id": "n-1", **alone(texts["n-1"])}
    assert rows[1] == {"id": "n-2", **pitchlint.lint_text(texts["n-2"], channel="pitch").to_dict()}
    assert status == 1


def test_parquet_in_and_out_has_the_flat_columns_of_the_jsonl_rows(tmp_path):
    chosen = list(zip(corpus_messages(), corpus_alone()))[::10]
    table = pa.table({"id": list(range(len(chosen))), "text": [text for (_, text), _ in chosen],
                      "path": [path for (path, _), _ in chosen]})
    pq.write_table(table, tmp_path / "in.parquet")
    batch(tmp_path / "in.parquet", "-o", tmp_path / "out.parquet")
    batch(tmp_path / "in.parquet", "-o", tmp_path / "out.jsonl")
    flat = pq.read_table(tmp_path / "out.parquet").to_pylist()
    rows = read_jsonl(tmp_path / "out.jsonl")
    assert [row["id"] for row in rows] == list(range(len(chosen)))  # JSONL keeps the id's type
    assert rows == [{"id": i, **report} for i, (_, report) in enumerate(chosen)]
    assert len(flat) == len(rows)
    for row, out in zip(rows, flat):
        assert out["id"] == str(row["id"])
        assert (out["path"], out["verdict"], out["score"]) == (row["path"], row["verdict"], row["score"])
        assert {k: out[f"breakdown_{k}"] for k in row["breakdown"]} == row["breakdown"]
        assert out["rules"] == list(dict.fromkeys(f["rule"] for f in row["findings"]))
        assert out["findings"] == len(row["findings"])
        assert out["targets"] == targets(row)
        assert out["error"] is None
    assert set(breakdown_keys()) == set(rows[0]["breakdown"])
    assert any(out["targets"] for out in flat) and any(out["verdict"] == "vague" for out in flat)


def test_a_specific_target_is_in_the_parquet_targets():
    row = {"id": 1, **alone(SPECIFIC)}
    assert {"label": "COMPANY", "text": "Stripe"} in targets(row)


def test_rows_that_cannot_be_linted_become_error_rows_and_the_run_goes_on(tmp_path):
    source = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "ok-1", "text": SPECIFIC}),
        '{"id": "broken", "text": ',
        "[1, 2]",
        json.dumps({"text": SPECIFIC}),
        json.dumps({"id": "no-text"}),
        json.dumps({"id": "number", "text": 42}),
        json.dumps({"id": "blank", "text": " \n "}),
        json.dumps({"id": "huge", "text": "word " * 20_001}),
        json.dumps({"id": "fax", "text": SPECIFIC, "channel": "fax"}),
        "",
        json.dumps({"id": "ok-2", "text": VAGUE}),
    ]
    source.write_text("\n".join(lines) + "\n")
    status, _, stderr = batch(source, "-o", tmp_path / "out.jsonl")
    rows = read_jsonl(tmp_path / "out.jsonl")
    errors = [(row["id"], row["source"], row["error"]) for row in rows if "error" in row]
    assert errors == [
        (None, f"{source}:2", "not valid JSON (Expecting value at column 25)"),
        (None, f"{source}:3", "a JSON list, not an object"),
        (None, f"{source}:4", "the 'id' field is missing or empty"),
        ("no-text", f"{source}:5", "the text is missing"),
        ("number", f"{source}:6", "the text is not a string (got int)"),
        ("blank", f"{source}:7", "the text is empty"),
        ("huge", f"{source}:8", "is 100,005 characters long; pitchlint reads messages of up to 100,000"),
        ("fax", f"{source}:9", "channel 'fax' is not one of email, linkedin-note, inmail, pitch, post"),
    ]
    assert rows[0] == {"id": "ok-1", **alone(SPECIFIC)}
    assert rows[-1] == {"id": "ok-2", **alone(VAGUE)}
    assert len(rows) == 10  # the blank line is not a message
    assert status == 1
    assert f"pitchlint: {source}:7 (id blank): the text is empty" in stderr.splitlines()
    assert "8 not linted" in stderr


def test_a_csv_row_with_the_wrong_number_of_fields_is_an_error_row(tmp_path):
    (tmp_path / "in.csv").write_text(f'id,text\na,"{SPECIFIC}"\nb,"x",extra\n', encoding="utf-8")
    batch(tmp_path / "in.csv", "-o", tmp_path / "out.jsonl")
    rows = read_jsonl(tmp_path / "out.jsonl")
    assert rows[0] == {"id": "a", **alone(SPECIFIC)}
    assert rows[1] == {"id": "b", "path": None, "error": "has 3 fields; the header has 2", "source": f"{tmp_path / 'in.csv'}:4"}


def test_a_rule_that_raises_gives_its_message_an_error_and_the_others_are_linted(tmp_path, monkeypatch):
    from pitchlint.checks import kinds as checks
    from pitchlint.engine.core import available_rules

    kind = available_rules(())["vague-ask"].kind
    original = checks.KINDS[kind]

    def flaky(ctx):
        if "BOOM" in ctx.analysis.text:
            raise RuntimeError("exploded")
        return original(ctx)

    monkeypatch.setitem(checks.KINDS, kind, flaky)
    write_jsonl(tmp_path / "in.jsonl", [{"id": 1, "text": VAGUE}, {"id": 2, "text": "BOOM. " + VAGUE}])
    status, _, stderr = batch(tmp_path / "in.jsonl", "-o", tmp_path / "out.jsonl")
    first, second = read_jsonl(tmp_path / "out.jsonl")
    assert "error" not in first and "vague-ask" in {f["rule"] for f in first["findings"]}
    assert second["error"] == "rule vague-ask failed: RuntimeError: exploded"
    assert second["internal_errors"] == [second["error"]]
    assert "vague-ask" not in {f["rule"] for f in second["findings"]}
    assert status == 1 and "1 not linted" in stderr


@pytest.mark.parametrize("name, content, message", [
    ("in.jsonl", '{"id": 1, "body": "hi"}\n', "in.jsonl:1: has no 'text' (found: 'id', 'body'); name it with --text-column"),
    ("in.csv", "key,text\n1,hi\n", "in.csv: has no column 'id' (found: 'key', 'text'); name it with --id-column"),
    ("in.parquet", None, "in.parquet: has no column 'text' (found: 'id', 'message'); name it with --text-column"),
    ("in.jsonl", "id,text\n1,hi\n", "in.jsonl:1: not valid JSON (Expecting value at column 1); is this a JSONL file?"),
    ("in.txt", "hi\n", "in.txt: cannot tell the format from the extension"),
])
def test_a_missing_column_or_unknown_format_stops_the_run_with_one_line(tmp_path, monkeypatch, name, content, message):
    monkeypatch.chdir(tmp_path)
    if content is None:
        pq.write_table(pa.table({"id": [1], "message": ["hi"]}), name)
    else:
        (tmp_path / name).write_text(content)
    status, stdout, stderr = batch(name, "-o", "out.jsonl")
    assert status == 2
    assert stderr.startswith(f"pitchlint: {message}") and stderr.count("\n") == 1
    assert not (tmp_path / "out.jsonl").exists()


def test_an_existing_output_is_kept_without_resume_or_overwrite(tmp_path):
    write_jsonl(tmp_path / "in.jsonl", [{"id": 1, "text": SPECIFIC}])
    (tmp_path / "out.jsonl").write_text("precious\n")
    status, _, stderr = batch(tmp_path / "in.jsonl", "-o", tmp_path / "out.jsonl")
    assert status == 2 and "already exists; pass --resume to continue it or --overwrite to replace it" in stderr
    assert (tmp_path / "out.jsonl").read_text() == "precious\n"
    assert batch(tmp_path / "in.jsonl", "-o", tmp_path / "out.jsonl", "--overwrite")[0] == 0
    assert read_jsonl(tmp_path / "out.jsonl") == [{"id": 1, **alone(SPECIFIC)}]


def test_exit_0_when_every_message_is_linted_and_none_fails(tmp_path):
    write_jsonl(tmp_path / "in.jsonl", [{"id": 1, "text": SPECIFIC}])
    status, stdout, _ = batch(tmp_path / "in.jsonl", "-o", "-")
    assert status == 0
    assert [json.loads(line) for line in stdout.splitlines()] == [{"id": 1, **alone(SPECIFIC)}]
    plain = "Could you introduce me to a data engineer at Stripe?\n"  # specific, with no reason given
    write_jsonl(tmp_path / "plain.jsonl", [{"id": 2, "text": plain}])
    score = alone(plain)["score"]
    assert alone(plain)["verdict"] == "specific" and 0 < score < 100
    assert batch(tmp_path / "plain.jsonl", "-o", "-", "--fail-under", str(score))[0] == 0
    assert batch(tmp_path / "plain.jsonl", "-o", "-", "--fail-under", str(score + 1))[0] == 1


def test_resume_after_a_cut_jsonl_run_lints_only_what_is_missing(tmp_path):
    expected = corpus_jsonl(tmp_path / "in.jsonl", limit=40)
    cut = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in expected[:15])
    cut += json.dumps(expected[15], ensure_ascii=False)[:200]  # the line a killed run was writing
    (tmp_path / "out.jsonl").write_text(cut, encoding="utf-8")
    status, _, stderr = batch(tmp_path / "in.jsonl", "-o", tmp_path / "out.jsonl", "--resume")
    assert read_jsonl(tmp_path / "out.jsonl") == expected
    assert "25 messages in " in stderr and "15 already in" in stderr


def test_resume_a_parquet_output_keeps_the_earlier_rows(tmp_path):
    corpus_jsonl(tmp_path / "all.jsonl", limit=30)
    (tmp_path / "half.jsonl").write_text("".join((tmp_path / "all.jsonl").read_text().splitlines(True)[:12]))
    batch(tmp_path / "half.jsonl", "-o", tmp_path / "out.parquet")
    assert pq.read_table(tmp_path / "out.parquet").num_rows == 12
    _, _, stderr = batch(tmp_path / "all.jsonl", "-o", tmp_path / "out.parquet", "--resume")
    assert "12 already in" in stderr
    batch(tmp_path / "all.jsonl", "-o", tmp_path / "whole.parquet")
    assert pq.read_table(tmp_path / "out.parquet").to_pylist() == pq.read_table(tmp_path / "whole.parquet").to_pylist()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_a_killed_run_resumes_with_every_id_once(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    expected = corpus_jsonl(tmp_path / "in.jsonl", limit=80)
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "pitchlint", "batch", str(tmp_path / "in.jsonl"), "-o", str(out),
               "--jobs", "1", "--chunk-size", "4"]
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while (not out.exists() or out.read_text().count("\n") < 20) and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    done = out.read_text().count("\n")
    assert 20 <= done < len(expected)
    result = run_cli("batch", tmp_path / "in.jsonl", "-o", out, "--jobs", "1", "--resume")
    assert result.returncode == 1, result.stderr
    assert read_jsonl(out) == expected
    assert f"{done:,} already in" in result.stderr


def test_progress_line_shows_count_rate_and_eta():
    assert progress_line(50, 200, 10.0) == "50/200 messages, 5.0/s, ETA 30s"
    assert progress_line(1_500, 100_000, 60.0) == "1,500/100,000 messages, 25.0/s, ETA 1h05m"
    assert progress_line(7, None, 2.0) == "7 messages, 3.5/s"


def test_progress_is_drawn_when_asked(tmp_path):
    write_jsonl(tmp_path / "in.jsonl", [{"id": i, "text": SPECIFIC} for i in range(3)])
    _, _, stderr = batch(tmp_path / "in.jsonl", "-o", tmp_path / "out.jsonl", "--progress")
    assert "\r\x1b[K3/3 messages, " in stderr


def test_without_the_extra_parquet_and_dask_say_which_extra_to_install(tmp_path):
    blocked = tmp_path / "blocked"
    for module in ("pyarrow", "distributed"):
        (blocked / module).mkdir(parents=True)
        (blocked / module / "__init__.py").write_text("raise ImportError('not installed')\n")
    write_jsonl(tmp_path / "in.jsonl", [{"id": 1, "text": SPECIFIC}])
    env = {"PYTHONPATH": str(blocked)}
    parquet = run_cli("batch", tmp_path / "in.jsonl", "-o", tmp_path / "out.parquet", env=env)
    assert parquet.returncode == 2
    assert parquet.stderr == f"pitchlint: {tmp_path / 'out.parquet'}: writing Parquet needs pyarrow: pip install 'pitchlint[batch]'\n"
    dask = run_cli("batch", tmp_path / "in.jsonl", "-o", tmp_path / "out.jsonl", "--dask", "local", env=env)
    assert dask.returncode == 2
    assert dask.stderr == "pitchlint: --dask: running on Dask needs dask[distributed]: pip install 'pitchlint[batch]'\n"
