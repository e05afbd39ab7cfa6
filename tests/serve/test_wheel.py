"""A built wheel ships the page: every file under pitchlint/serve/static, byte for byte, and every
file the page refers to (its script, styles and icon), so the page works offline from an install."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

from serve_support import ROOT

STATIC = ROOT / "pitchlint" / "serve" / "static"


def test_the_wheel_ships_the_pages_static_files(tmp_path: Path):
    # hatchling comes with the test extra, so the build needs no download (no build isolation)
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
                            "--wheel-dir", str(tmp_path), str(ROOT)], capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr
    [wheel] = tmp_path.glob("pitchlint-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        shipped = {name: archive.read(name) for name in archive.namelist()
                   if name.startswith("pitchlint/serve/static/")}
        names = set(archive.namelist())
    source = {f"pitchlint/serve/static/{p.relative_to(STATIC).as_posix()}": p.read_bytes()
              for p in STATIC.rglob("*") if p.is_file()}
    assert set(shipped) == set(source) and shipped == source
    page = shipped["pitchlint/serve/static/index.html"].decode()
    referred = re.findall(r'(?:src|href)="/static/([^"]+)"', page)
    assert sorted(referred) == ["app.css", "app.js", "favicon.svg"]
    assert {f"pitchlint/serve/static/{name}" for name in referred} <= names
    assert "pitchlint/rules/templates/coach.j2" in names  # the coach's template, which the page's form uses
