"""Checks on the editor snippets in docs/editors.md that need no editor: the language ids they make the
editor send are ones the server checks, the options they pass are ones it accepts, and the Helix
snippet (Helix is not installable here) keeps to the keys Helix documents for languages.toml.
Neovim and Emacs run their snippets for real in test_editor_neovim.py and test_editor_emacs.py."""

from __future__ import annotations

import re
import tomllib

from readme_snippets import snippet

EDITORS = "docs/editors.md"  # where the set-up snippets live

from pitchlint.lsp.settings import DEFAULT_LANGUAGES, parse_settings

# Helix's languages.toml keys, as its documentation lists them (docs.helix-editor.com/languages.html)
HELIX_SERVER_KEYS = {"command", "args", "environment", "config", "timeout", "required-root-patterns"}
HELIX_LANGUAGE_KEYS = {
    "name", "language-id", "scope", "injection-regex", "file-types", "shebangs", "roots", "auto-format",
    "diagnostic-severity", "comment-tokens", "comment-token", "block-comment-tokens", "indent",
    "language-servers", "grammar", "formatter", "soft-wrap", "text-width", "rulers", "workspace-lsp-roots",
    "persistent-diagnostic-sources", "path-completion", "word-completion", "auto-pairs", "debugger",
}
HELIX_BUILT_IN_SERVERS = {"marksman", "markdown-oxide"}  # what its languages.toml gives Markdown


def accepted(options: dict) -> bool:
    settings, unknown = parse_settings(options)
    return unknown == []


def test_helix_snippet_uses_documented_keys_and_options_the_server_takes():
    data = tomllib.loads(snippet("toml", "[language-server.pitchlint]", page=EDITORS))
    assert set(data) <= {"language-server", "language"}
    server = data["language-server"]["pitchlint"]
    assert set(server) <= HELIX_SERVER_KEYS
    assert (server["command"], server["args"]) == ("pitchlint", ["lsp"])
    assert accepted(server["config"])  # Helix sends `config` as initializationOptions
    assert data["language"], "the snippet should attach the server to a language"
    for language in data["language"]:
        assert set(language) <= HELIX_LANGUAGE_KEYS
        assert "pitchlint" in language["language-servers"]
        assert set(language["language-servers"]) <= HELIX_BUILT_IN_SERVERS | set(data["language-server"])
        # Helix sends `language-id`, or else the language's name, as the LSP language id
        assert language.get("language-id", language["name"]) in DEFAULT_LANGUAGES


def test_neovim_snippets_name_filetypes_the_server_checks():
    for marker, key in (("vim.lsp.start_client", "pattern"), ("vim.lsp.enable", "filetypes")):
        lua = snippet("lua", marker, page=EDITORS)
        listed = re.search(rf"{key} = \{{([^}}]*)\}}", lua)[1]
        filetypes = re.findall(r'"([^"]+)"', listed)
        assert filetypes and set(filetypes) <= set(DEFAULT_LANGUAGES), (marker, filetypes)
        assert re.search(r"init_options = \{ debounce_ms = \d+ \}", lua)
    assert accepted({"debounce_ms": 300})


def test_emacs_snippet_sends_language_ids_the_server_checks():
    elisp = snippet("elisp", "eglot-server-programs", page=EDITORS)
    language_ids = re.findall(r':language-id "([^"]+)"', elisp)
    assert language_ids and set(language_ids) <= set(DEFAULT_LANGUAGES)
    assert ":initializationOptions (:debounce_ms 300)" in elisp
