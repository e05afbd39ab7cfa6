"""The language server in a real editor: headless Neovim runs the set-up snippet of docs/editors.md.

Neovim opens a vague Markdown draft with an init.lua made of that snippet (only the
command changed, to this interpreter's `-m pitchlint lsp`, so the server is this install) and a
small harness that waits for the diagnostics (vim.wait on vim.diagnostic.get, never a sleep),
asks the server for the quick fix (textDocument/codeAction), applies its edit, writes the buffer
and records everything as JSON. Debian's neovim (0.7) runs the 0.7 snippet; the 0.11 snippet
runs when the Neovim found is 0.11 or newer. PITCHLINT_TEST_NVIM names another nvim binary.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest
from conftest import EDITOR_DRAFT
from readme_snippets import snippet

EDITORS = "docs/editors.md"  # where the set-up snippets live

NVIM = os.environ.get("PITCHLINT_TEST_NVIM") or shutil.which("nvim")
WAIT_MS = 20_000  # each wait inside Neovim; the first lint also loads the spaCy pipeline
PROCESS_TIMEOUT = 90  # seconds, a backstop: the harness quits by itself well before

# A known draft: line 5 (0-based 4) has "café" before the ask, so Neovim's byte columns are one
# more than the character columns the server sends in UTF-16.
DRAFT = "# Catching up\n\n" + EDITOR_DRAFT
ASK_LINE = DRAFT.split("\n")[4]
# 0-based line and byte columns, as vim.diagnostic.get reports them: "anyone, or hear of any leads"
EXPECTED_RANGE = {"lnum": 4, "col": 101, "end_lnum": 4, "end_col": 129}
EXPECTED_UTF16 = (100, 128)  # the same columns as the server sent them (characters, all BMP)

HARNESS = r"""
local out_path, fixed_path, wait_ms = vim.env.PITCHLINT_OUT, vim.env.PITCHLINT_FIXED, tonumber(vim.env.PITCHLINT_WAIT_MS)
local buf = vim.api.nvim_get_current_buf()
local result = { filetype = vim.bo[buf].filetype, version = tostring(vim.version().major) .. "." .. tostring(vim.version().minor) }

local function diagnostics()
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(out, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
                        severity = d.severity, code = d.code, source = d.source, message = d.message })
  end
  return out
end

local function vague()
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == "vague-ask" then return d end
  end
end

local function run()
  if not vim.wait(wait_ms, function() return vague() ~= nil end, 20) then
    result.diagnostics = diagnostics()
    error("no vague-ask diagnostic within " .. wait_ms .. " ms")
  end
  result.diagnostics = diagnostics()
  local d = vague()

  local client
  for _, c in ipairs((vim.lsp.get_clients or vim.lsp.get_active_clients)()) do
    if c.name == "pitchlint" then client = c end
  end
  local encoding = client.offset_encoding
  local function position(row, col)
    return { line = row, character = vim.lsp.util.character_offset(buf, row, col, encoding) }
  end
  local range = { start = position(d.lnum, d.col), ["end"] = position(d.end_lnum, d.end_col) }
  result.encoding, result.lsp_range = encoding, range

  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = range,
    context = { diagnostics = { { range = range, message = d.message, code = d.code,
                                  source = d.source, severity = d.severity } } },
  }
  local responses = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, wait_ms)
  local rewrite
  result.actions = {}
  for _, response in pairs(responses or {}) do
    for _, action in ipairs(response.result or {}) do
      table.insert(result.actions, action.title)
      if action.title:find("^Rewrite the ask") then rewrite = action end
    end
  end
  if rewrite == nil then error("no 'Rewrite the ask' action") end
  vim.lsp.util.apply_workspace_edit(rewrite.edit, encoding)
  vim.cmd("silent write " .. vim.fn.fnameescape(fixed_path))
  -- Neovim sends the edit as didChange; the server checks the new text and publishes again: the
  -- rewrite's bracketed prompts are slots to fill, flagged until filled (they are never targets).
  result.rechecked = vim.wait(wait_ms, function()
    for _, x in ipairs(vim.diagnostic.get(buf)) do
      if x.code == "leaked-placeholder" then return true end
    end
    return false
  end, 20)
  result.after = diagnostics()
end

local ok, message = xpcall(run, debug.traceback)
if not ok then result.error = message end
vim.fn.writefile({ vim.fn.json_encode(result) }, out_path)
vim.cmd("qall!")
"""


def nvim_version(binary: str) -> tuple[int, int]:
    first = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30).stdout
    match = re.search(r"NVIM v(\d+)\.(\d+)", first)
    return (int(match[1]), int(match[2])) if match else (0, 0)


def with_this_server(lua: str) -> str:
    """The snippet with its command run by this interpreter (the snippet says `pitchlint` on PATH)."""
    command = "{ " + ", ".join(json.dumps(part) for part in (sys.executable, "-m", "pitchlint", "lsp")) + " }"
    replaced, count = re.subn(r'\{\s*"pitchlint",\s*"lsp"\s*\}', lambda _: command, lua)
    assert count == 1, "the docs/editors.md snippet should start the server as { \"pitchlint\", \"lsp\" }"
    return replaced


@pytest.fixture(scope="module")
def nvim():
    if NVIM is None:
        pytest.skip("nvim is not installed (Debian: apt-get install neovim); set PITCHLINT_TEST_NVIM to use another")
    return NVIM, nvim_version(NVIM)


@pytest.mark.parametrize("marker, minimum", [
    ("vim.lsp.start_client", (0, 7)),
    ("vim.lsp.enable", (0, 11)),
], ids=["neovim-0.7-snippet", "neovim-0.11-snippet"])
def test_neovim_shows_the_vague_ask_and_applies_the_rewrite(nvim, tmp_path, lint, marker, minimum):
    binary, version = nvim
    if version < minimum:
        pytest.skip(f"this snippet needs Neovim {minimum[0]}.{minimum[1]}+, {binary} is {version[0]}.{version[1]}")
    init = tmp_path / "init.lua"
    init.write_text(with_this_server(snippet("lua", marker, page=EDITORS)), encoding="utf-8")
    harness = tmp_path / "harness.lua"
    harness.write_text(HARNESS, encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    draft = work / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    out, fixed = tmp_path / "out.json", tmp_path / "fixed.md"
    home = tmp_path / "home"  # Neovim's config, data, state and logs: nothing from the user's
    env = {**os.environ, "PITCHLINT_OUT": str(out), "PITCHLINT_FIXED": str(fixed), "PITCHLINT_WAIT_MS": str(WAIT_MS),
           "HOME": str(home), **{f"XDG_{kind}_HOME": str(home / kind.lower()) for kind in ("CONFIG", "DATA", "STATE", "CACHE")}}
    process = subprocess.run(
        [binary, "--headless", "-n", "-i", "NONE", "-u", str(init), "-c", f"luafile {harness}", str(draft)],
        cwd=work, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=PROCESS_TIMEOUT)
    logs = "\n".join(p.read_text(errors="replace")[-3000:] for p in home.rglob("*.log"))
    assert out.exists(), f"Neovim wrote no result (status {process.returncode}):\n{process.stderr}\n{logs}"
    result = json.loads(out.read_text(encoding="utf-8"))
    assert "error" not in result, f"{result}\n{process.stderr}\n{logs}"

    expected = next(f for f in lint(DRAFT, path="draft.md").findings if f.rule == "vague-ask")
    assert result["filetype"] == "markdown"
    (vague,) = [d for d in result["diagnostics"] if d["code"] == "vague-ask"]
    assert {key: vague[key] for key in EXPECTED_RANGE} == EXPECTED_RANGE
    assert ASK_LINE.encode()[vague["col"]:vague["end_col"]].decode() == "anyone, or hear of any leads"
    assert vague["source"] == "pitchlint" and vague["severity"] == 2  # vim.diagnostic.severity.WARN
    assert vague["message"] == expected.message
    assert vague["message"].startswith('Your ask is for "anyone" and "leads" in general')

    # the range the harness sent back for the code action, in the encoding the two agreed on
    start, end = result["lsp_range"]["start"], result["lsp_range"]["end"]
    columns = {"utf-16": EXPECTED_UTF16, "utf-8": (vague["col"], vague["end_col"])}[result["encoding"]]
    assert (start["line"], start["character"], end["line"], end["character"]) == (4, columns[0], 4, columns[1])

    assert any(title.startswith("Ignore vague-ask in this file") for title in result["actions"])
    fix = expected.fix
    assert fixed.read_text(encoding="utf-8") == DRAFT[:fix.start] + fix.text + DRAFT[fix.end:]
    assert "If you know anyone" not in fixed.read_text(encoding="utf-8")
    assert draft.read_text(encoding="utf-8") == DRAFT  # the buffer was written elsewhere
    assert result["rechecked"], result["after"]
    assert [d["code"] for d in result["after"]].count("leaked-placeholder") == 2
