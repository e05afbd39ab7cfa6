"""The package's shape: every module sits in a layer of the import contract, and imports go one
way (front ends -> output -> engine -> stages -> terms -> errors), function-level and
TYPE_CHECKING imports included."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pitchlint

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(pitchlint.__file__).resolve().parent
# Not in a layer: the package itself (lazy re-exports), `python -m pitchlint`, and the plug-in
# interface kept where plug-ins import it from.
OUTSIDE_LAYERS = {"__init__", "__main__", "rulepack"}


def contract() -> dict:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (only,) = data["tool"]["importlinter"]["contracts"]
    return only


def layered_names() -> set[str]:
    return {part.strip().removeprefix("pitchlint.") for layer in contract()["layers"] for part in layer.split("|")}


def test_every_top_level_module_and_folder_is_in_a_layer():
    top = {p.stem for p in PACKAGE.glob("*.py")} | {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert top - OUTSIDE_LAYERS == layered_names()


def test_every_stage_folder_says_what_comes_in_and_what_goes_out():
    for folder in sorted(p for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()):
        docstring = (folder / "__init__.py").read_text(encoding="utf-8").split('"""')
        assert len(docstring) >= 3 and docstring[1].strip(), f"{folder.name}/__init__.py has no docstring"


def test_imports_go_one_way():
    command = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
    result = subprocess.run([sys.executable, "-c", command, "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 1 kept, 0 broken." in result.stdout


def test_the_whole_package_passes_mypy_strict(tmp_path):
    # [tool.mypy] in pyproject.toml: files = the package, strict = true
    command = [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"),
               "--cache-dir", str(tmp_path / "cache")]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Success: no issues found")
