"""The VS Code extension in editors/vscode: its manifest, and that it builds from its lock file
(`npm ci && npm run compile` in a copy, so nothing is written into the checkout). VS Code itself
is not run here."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from pitchlint.lsp.settings import DEFAULT_LANGUAGES, parse_settings

EXTENSION = Path(__file__).resolve().parents[2] / "editors" / "vscode"
pytestmark = pytest.mark.skipif(not (EXTENSION / "package.json").exists(),
                                reason="editors/vscode is not in this tree (an sdist leaves it out)")
BUILD_TIMEOUT = 300  # seconds for each npm step; it takes well under a minute with the registry near


def manifest() -> dict:
    return json.loads((EXTENSION / "package.json").read_text(encoding="utf-8"))


def test_manifest_activates_on_the_languages_the_server_checks():
    package = manifest()
    languages = [event.removeprefix("onLanguage:") for event in package["activationEvents"]]
    assert sorted(languages) == ["markdown", "plaintext"]
    assert set(languages) <= set(DEFAULT_LANGUAGES)
    assert package["main"] == "./out/extension.js"
    settings = package["contributes"]["configuration"]["properties"]
    assert settings["pitchlint.path"]["default"] == "pitchlint"
    assert set(settings) == {"pitchlint.path", "pitchlint.debounceMs", "pitchlint.ignore"}
    # what the extension sends from those settings (serverSettings() in src/extension.ts)
    sent = {"pitchlint": {"debounce_ms": settings["pitchlint.debounceMs"]["default"], "ignore": ["hedged-ask"]}}
    assert parse_settings(sent)[1] == []
    source = (EXTENSION / "src" / "extension.ts").read_text(encoding="utf-8")
    assert 'args: ["lsp"]' in source and "debounce_ms:" in source and "ignore:" in source


def test_lock_file_matches_the_manifest_and_build_output_is_ignored():
    package, lock = manifest(), json.loads((EXTENSION / "package-lock.json").read_text(encoding="utf-8"))
    root = lock["packages"][""]
    assert root["dependencies"] == package["dependencies"]
    assert root["devDependencies"] == package["devDependencies"]
    ignored = (EXTENSION / ".gitignore").read_text(encoding="utf-8").split()
    assert {"node_modules/", "out/"} <= set(ignored)


@pytest.mark.slow
def test_extension_builds_with_npm_ci_and_compile(tmp_path):
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is not installed")
    copy = tmp_path / "vscode"
    shutil.copytree(EXTENSION, copy, ignore=shutil.ignore_patterns("node_modules", "out", "*.vsix"))
    env = {**os.environ, "npm_config_update_notifier": "false", "npm_config_fund": "false",
           "npm_config_audit": "false"}
    for step in (["ci"], ["run", "compile"]):
        done = subprocess.run([npm, *step], cwd=copy, env=env, capture_output=True, text=True,
                              timeout=BUILD_TIMEOUT, stdin=subprocess.DEVNULL)
        assert done.returncode == 0, f"npm {' '.join(step)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    built = (copy / "out" / "extension.js").read_text(encoding="utf-8")
    assert "vscode-languageclient/node" in built and "exports.activate" in built
