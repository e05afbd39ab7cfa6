"""The `pitchlint` console script as installed: complete output and the right exit status when a lint
run leaves without the interpreter's shutdown, and spaCy imported without its command line
(pitchlint/startup.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEEDS

from pitchlint.cli import startup
from pitchlint.cli.commands import main

ROOT = Path(__file__).resolve().parents[2]
VAGUE = "Hi Dana,\n\nI'm between jobs. If you know anyone, or hear of any leads, please send them my way.\n\nThanks,\nPriya\n"
SCRIPT = Path(sys.executable).parent / ("pitchlint.exe" if os.name == "nt" else "pitchlint")
needs_script = pytest.mark.skipif(not SCRIPT.is_file(), reason="the pitchlint console script is not installed here")

# Runs the console script's entry in a process that can tell how it ended: an exit handler (which a
# fast exit still runs) prints what was imported, and an object's finaliser at interpreter shutdown
# (which a fast exit skips) prints "teardown".
PROBE = """
import atexit, os, sys
from pitchlint.cli.commands import console_main

class Canary:
    def __del__(self):
        os.write(2, b"teardown\\n")

canary = Canary()
atexit.register(lambda: print("imported", "spacy" in sys.modules, "typer" in sys.modules,
                              "spacy.cli" in sys.modules, file=sys.stderr))
sys.argv = ["pitchlint", *sys.argv[1:]]
console_main()
"""


def env():
    return {**os.environ, "NO_COLOR": "1"}


@pytest.fixture
def drafts(tmp_path):
    (tmp_path / "vague.txt").write_text(VAGUE)
    (tmp_path / "specific.txt").write_text(SEEDS["training"] + "\n")
    for source in sorted((ROOT / "corpus").glob("*.txt"))[:30]:
        shutil.copy(source, tmp_path / source.name)
    return tmp_path


@pytest.fixture
def in_drafts(drafts, monkeypatch):
    monkeypatch.chdir(drafts)
    return drafts


@needs_script
def test_the_console_script_prints_the_whole_report_with_the_right_status(in_drafts):
    names = sorted(p.name for p in in_drafts.glob("*.txt"))
    for args, status in (([], 1), (["--format", "json"], 1), (["--format", "sarif"], 1),
                         (["--exit-zero"], 0), (["--quiet"], 1)):
        script = subprocess.run([str(SCRIPT), *args, *names], capture_output=True, env=env(), timeout=300)
        in_process = CliRunner().invoke(main, [*args, *names], env={"NO_COLOR": "1"}, catch_exceptions=False)
        assert script.returncode == status == in_process.exit_code, (args, script.stderr)
        assert script.stdout.decode() == in_process.stdout, args
    report = subprocess.run([str(SCRIPT), "--format", "json", *names], capture_output=True, env=env(), timeout=300)
    assert len(json.loads(report.stdout)["files"]) == len(names)


@needs_script
def test_exit_statuses_of_the_console_script(in_drafts):
    def run(*args):
        return subprocess.run([str(SCRIPT), *args], capture_output=True, env=env(), timeout=120)

    assert run("specific.txt").returncode == 0
    vague = run("vague.txt")
    assert vague.returncode == 1
    assert vague.stdout.decode().splitlines()[-1].startswith("vague.txt: vague, score ")  # the last line, too
    missing = run("missing.txt")
    assert missing.returncode == 2
    assert "missing.txt" in missing.stderr.decode()
    assert run("--fail-under", "101", "specific.txt").returncode == 2  # a usage error, from click
    written = run("--format", "json", "-o", "out.json", "vague.txt", "specific.txt")
    assert written.returncode == 1 and written.stdout == b""
    assert [f["verdict"] for f in json.loads((in_drafts / "out.json").read_text())["files"]] == ["vague", "specific"]


@pytest.mark.usefixtures("in_drafts")
def test_a_lint_run_skips_the_shutdown_and_spacys_command_line():
    lint = subprocess.run([sys.executable, "-c", PROBE, "vague.txt"], capture_output=True, env=env(), timeout=120)
    assert lint.returncode == 1, lint.stderr
    assert "[vague-ask]" in lint.stdout.decode()
    errors = lint.stderr.decode().splitlines()
    assert "imported True False False" in errors  # spaCy, without typer or spacy.cli
    assert "teardown" not in errors  # left with os._exit, after the exit handlers
    rules = subprocess.run([sys.executable, "-c", PROBE, "rules"], capture_output=True, env=env(), timeout=120)
    assert rules.returncode == 0 and "vague-ask" in rules.stdout.decode()
    assert "teardown" in rules.stderr.decode().splitlines()  # other commands end the ordinary way


def test_spacy_info_and_spacy_cli_still_work_after_a_deferred_import():
    code = (
        "import sys\n"
        "from pitchlint.cli.startup import defer_spacy_cli\n"
        "defer_spacy_cli()\n"
        "import spacy\n"
        "print('spacy.cli.info' in sys.modules, 'typer' in sys.modules)\n"
        "print(sorted(spacy.info(silent=True))[:2])\n"
        "import spacy.cli\n"
        "from spacy.cli.info import info\n"
        "print(callable(spacy.cli.download), spacy.cli.info is info, type(sys.modules['spacy.cli.info']).__name__)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stdout.splitlines() == ["False False", "['location', 'pipelines']", "True True module"], result.stderr


def test_the_stand_in_is_removed_when_spacy_was_never_imported():
    code = (
        "import sys\n"
        "from pitchlint.cli.commands import console_main\n"
        "sys.argv = ['pitchlint', '--version']\n"
        "try:\n    console_main()\nexcept SystemExit as stop:\n    print(stop.code, 'spacy.cli.info' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.splitlines()[-1] == "0 False", result.stderr


class Exited(Exception):
    pass


@pytest.fixture
def fake_exit(monkeypatch):
    """startup.leave with os._exit and the exit handlers replaced, so the test process goes on."""
    calls = []

    def fake(code):
        calls.append(("exit", code))
        raise Exited

    monkeypatch.setattr(startup.os, "_exit", fake)
    import atexit

    monkeypatch.setattr(atexit, "_run_exitfuncs", lambda: calls.append(("handlers",)))
    return calls


def test_leave_exits_only_when_nothing_is_pending(fake_exit, monkeypatch):
    import threading

    from pitchlint.checks import pack as rulepack

    # The test process has its own threads and plug-ins, left by other tests: set both as a
    # lint run of the console script has them, then change one at a time.
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setattr(rulepack, "_PLUGINS_LOADED", [])
    with pytest.raises(Exited):
        startup.leave(1)
    assert fake_exit == [("handlers",), ("exit", 1)]
    fake_exit.clear()

    monkeypatch.setattr(threading, "active_count", lambda: 2)
    startup.leave(0)  # another thread is alive: returns, the caller exits as usual
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setattr(rulepack, "_PLUGINS_LOADED", ["a-plugin"])
    startup.leave(0)  # plug-in code ran: returns
    monkeypatch.setattr(rulepack, "_PLUGINS_LOADED", [])

    class Broken:
        def flush(self):
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys, "stdout", Broken())
    startup.leave(0)  # the report could not be flushed: returns
    assert fake_exit == []
