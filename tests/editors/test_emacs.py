"""The eglot snippet of docs/editors.md in a real Emacs: batch Emacs visits a vague draft, eglot starts
`pitchlint lsp` (this interpreter's `-m pitchlint lsp`), and a small harness waits for the Flymake
diagnostic (polling with accept-process-output, never a sleep), applies the *Rewrite the ask* code
action, writes the buffer and records everything as JSON.

Debian 12's Emacs is 28.2, whose eglot comes from the `elpa-eglot` package; the test skips when
`emacs` or eglot is not installed (CI does not install them).
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

EMACS = shutil.which("emacs")
WAIT_S = 20
PROCESS_TIMEOUT = 90
DRAFT = EDITOR_DRAFT

# Batch Emacs does not activate installed packages (Debian's elpa-eglot among them) by itself.
PRELUDE = "(package-activate-all)\n"

HARNESS = r"""
(require 'json)
(defun pitchlint-test-wait (predicate)
  (let ((deadline (+ (float-time) (string-to-number (getenv "PITCHLINT_WAIT_S")))))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.02))
    (funcall predicate)))
(defun pitchlint-test-vague ()
  (seq-find (lambda (d) (string-match-p "vague-ask" (flymake-diagnostic-text d)))
            (flymake-diagnostics)))
(let (result)
  (condition-case err
      (progn
        (find-file (getenv "PITCHLINT_DRAFT"))
        (push (cons 'mode (symbol-name major-mode)) result)
        (run-hooks 'post-command-hook)  ; eglot-ensure connects after the next command
        (unless (pitchlint-test-wait #'eglot-current-server) (error "eglot started no server"))
        (unless (pitchlint-test-wait #'pitchlint-test-vague) (error "no vague-ask diagnostic"))
        (let* ((d (pitchlint-test-vague))
               (beg (flymake-diagnostic-beg d))
               (end (flymake-diagnostic-end d)))
          (push (cons 'text (flymake-diagnostic-text d)) result)
          (push (cons 'type (symbol-name (flymake-diagnostic-type d))) result)
          (push (cons 'line (1- (line-number-at-pos beg))) result)
          (push (cons 'column (save-excursion (goto-char beg) (current-column))) result)
          (push (cons 'words (buffer-substring-no-properties beg end)) result)
          (let* ((actions (eglot-code-actions beg end "quickfix"))
                 (rewrite (seq-find (lambda (a) (string-prefix-p "Rewrite the ask" (plist-get a :title)))
                                    actions)))
            (push (cons 'actions (vconcat (mapcar (lambda (a) (plist-get a :title)) actions))) result)
            (unless rewrite (error "no 'Rewrite the ask' action"))
            (eglot--apply-workspace-edit (plist-get rewrite :edit))
            (write-region nil nil (getenv "PITCHLINT_FIXED"))
            ;; eglot sends the change on an idle timer, and batch Emacs is never idle
            (eglot--signal-textDocument/didChange)
            ;; the rewrite's bracketed prompts are slots to fill, flagged until filled
            (push (cons 'rechecked
                        (if (pitchlint-test-wait
                             (lambda () (seq-find (lambda (d) (string-match-p "leaked-placeholder"
                                                                               (flymake-diagnostic-text d)))
                                                  (flymake-diagnostics))))
                            t :json-false))
                  result))))
    (error (push (cons 'error (error-message-string err)) result)))
  (with-temp-file (getenv "PITCHLINT_OUT") (insert (json-encode result)))
  (kill-emacs 0))
"""


def has_eglot() -> bool:
    probe = subprocess.run(
        [EMACS, "--batch", "-q", "--eval", "(progn (package-activate-all) (princ (if (require 'eglot nil t) \"yes\" \"no\")))"],
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    return probe.stdout.strip().endswith("yes")


def with_this_server(elisp: str) -> str:
    command = " ".join(json.dumps(part) for part in (sys.executable, "-m", "pitchlint", "lsp"))
    replaced, count = re.subn(r'\("pitchlint" "lsp"', lambda _: f"({command}", elisp)
    assert count == 1, 'the docs/editors.md snippet should start the server as ("pitchlint" "lsp" ...)'
    return replaced


def test_emacs_eglot_shows_the_vague_ask_and_applies_the_rewrite(tmp_path, lint):
    if EMACS is None:
        pytest.skip("emacs is not installed (Debian: apt-get install emacs-nox elpa-eglot)")
    if not has_eglot():
        pytest.skip("this Emacs has no eglot (Emacs 29+ has it built in; Debian 12: apt-get install elpa-eglot)")
    prelude, init, harness = tmp_path / "prelude.el", tmp_path / "init.el", tmp_path / "harness.el"
    prelude.write_text(PRELUDE, encoding="utf-8")
    init.write_text(with_this_server(snippet("elisp", "eglot-server-programs", page=EDITORS)), encoding="utf-8")
    harness.write_text(HARNESS, encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    draft = work / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    out, fixed = tmp_path / "out.json", tmp_path / "fixed.txt"
    env = {**os.environ, "HOME": str(tmp_path / "home"), "PITCHLINT_OUT": str(out), "PITCHLINT_FIXED": str(fixed),
           "PITCHLINT_DRAFT": str(draft), "PITCHLINT_WAIT_S": str(WAIT_S)}
    process = subprocess.run(
        [EMACS, "--batch", "-q", "-l", str(prelude), "-l", str(init), "-l", str(harness)],
        cwd=work, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=PROCESS_TIMEOUT)
    assert out.exists(), f"Emacs wrote no result (status {process.returncode}):\n{process.stderr[-3000:]}"
    result = json.loads(out.read_text(encoding="utf-8"))
    assert "error" not in result, f"{result}\n{process.stderr[-3000:]}"

    expected = next(f for f in lint(DRAFT, path="draft.txt").findings if f.rule == "vague-ask")
    assert result["mode"] == "text-mode"
    assert result["type"] == "eglot-warning"
    assert "vague-ask" in result["text"] and expected.message in result["text"]  # eglot adds the source and code
    # 0-based line, and Emacs's column, which counts characters (the "é" is one)
    assert (result["line"], result["column"]) == (2, 100)
    assert result["words"] == "anyone, or hear of any leads"
    assert any(title.startswith("Ignore vague-ask in this file") for title in result["actions"])
    fix = expected.fix
    assert fixed.read_text(encoding="utf-8") == DRAFT[:fix.start] + fix.text + DRAFT[fix.end:]
    assert result["rechecked"] is True
