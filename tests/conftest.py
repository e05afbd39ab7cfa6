from __future__ import annotations

import pytest

from pitchlint.config.settings import Config
from pitchlint.engine.core import engine_for
from pitchlint.reading.read import make_document

SEEDS = {
    "sustainability": (
        "I recently saw the movie An Inconvenient Truth and it's really motivated me to try to align "
        "myself with companies that are energy-conscious and trying to develop more sustainable business "
        "practices. I'd therefore love to talk with anybody you know who works in the green/sustainability "
        "field -- as well as any companies in town you know of that might be working on sustainability and "
        "waste reduction initiatives."
    ),
    "training": (
        "My primary goal would be to work in the Training or Organizational Development department of a "
        "large company, such as Nordstroms, Microsoft, or Starbucks, so I'm currently trying to connect with "
        "anybody in the area who works in an OD, Executive Coaching, or Training capacity -- since these "
        "folks could probably tell me which local companies have established these kinds of internal "
        "departments."
    ),
    "startup": (
        "I love the thrill of the startup environment, so right now I'm seeking to locate and chat with any "
        "senior executives who are involved in a startup venture of some kind, as well as any service "
        "providers such as venture capitalists, private equity advisors, attorneys, or accountants who might "
        "support this sector closely and know what's going on around town in terms of new companies getting "
        "funded/launched."
    ),
}


# A phrase rule as a third-party pack ships it (the plug-in and flag tests).
PACK_RULE = '''
id = "sorry-to-bother"
kind = "phrase"
severity = "warning"
status = "stable"
score = -10
summary = "An apology inside the ask."
message = "\\"{phrase}\\" apologises for asking; just ask."

[options]
phrases = ["sorry to bother you", "sorry to bug you"]
scope = "message"

[docs]
what = "Finds apologies."
why = "They make the ask sound smaller."
example = "Sorry to bother you!"
use_instead = "Thanks for reading."
options = "phrases, scope"

[examples]
fail = ["Sorry to bother you, but do you know a recruiter at Microsoft?"]
pass = ["Do you know a recruiter at Microsoft?"]
'''


# The vague draft the real-editor tests open: "café" before the ask makes byte, UTF-16 and
# character columns differ.
EDITOR_DRAFT = (
    "Hi Dana,\n"
    "\n"
    "After eight years at Amazon I left in June, and I am taking a few weeks at my café job. "
    "If you know anyone, or hear of any leads, please send them my way.\n"
    "\n"
    "Thanks,\n"
    "Sam\n"
)


@pytest.fixture(scope="session")
def lint():
    """Lint a string with the default configuration (one pipeline for the whole session)."""
    engine = engine_for(Config())

    def run(text: str, path: str = "message.txt", config: Config | None = None):
        chosen = engine if config is None else engine_for(config)
        return next(chosen.lint_documents([make_document(text, path)]))

    return run


@pytest.fixture(scope="session")
def analyze():
    engine = engine_for(Config())

    def run(text: str):
        return next(engine.analyze([make_document(text)]))

    return run


@pytest.fixture(scope="session", autouse=True)
def session_cache_folder(tmp_path_factory):
    """The token cache (pitchlint/analysis/term_tokens.py) of the whole session goes to a temporary
    folder, not the user's; set before any pipeline is built, and inherited by subprocesses."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
        yield


@pytest.fixture(autouse=True)
def no_user_configuration(tmp_path_factory, monkeypatch):
    """No test sees the configuration of whoever runs the suite, nor their output settings."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("xdg-config")))
    for name in ("PITCHLINT_OUTPUT_FORMAT", "FORCE_COLOR", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def repo(tmp_path):
    """An empty git repository, for the hook tests (tests/hooks, tests/hostile)."""
    from hooks.support import git

    path = tmp_path / "drafts-repo"
    path.mkdir()
    git(path, "init", "-q", "-b", "main")
    return path


@pytest.fixture
def sendmail(tmp_path):
    """A stand-in for sendmail that appends what git send-email hands it to received.txt."""
    received = tmp_path / "received.txt"
    program = tmp_path / "sendmail"
    program.write_text(f"#!/bin/sh\ncat >> '{received}'\n")
    program.chmod(0o755)
    return program, received
