import pytest

from pitchlint.config.settings import Config, config_for, find_config, load_config_file
from pitchlint.engine.core import active_rules
from pitchlint.errors import ConfigError


@pytest.fixture(autouse=True)
def fresh_cache():
    find_config.cache_clear()
    yield
    find_config.cache_clear()


def test_nearest_dot_pitchlint_wins(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.pitchlint]\nignore = ["ask-without-role"]\n')
    drafts = tmp_path / "drafts" / "2026"
    drafts.mkdir(parents=True)
    (tmp_path / "drafts" / ".pitchlint.toml").write_text('ignore = ["ask-without-sector"]\n')
    config = config_for(str(drafts / "note.txt"))
    assert config.ignore == ("ask-without-sector",)
    assert config.path == str(tmp_path / "drafts" / ".pitchlint.toml")


def test_pyproject_without_our_table_is_skipped(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.pitchlint]\nfail-on = "info"\n')
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert config_for(str(inner / "m.txt")).fail_on == "info"


def test_defaults_when_nothing_is_found(tmp_path):
    assert find_config(tmp_path) == Config()


@pytest.mark.parametrize(
    "body,message",
    [
        ('selct = ["vague-ask"]\n', "unknown configuration key 'selct'"),
        ('fail-on = "fatal"\n', "`fail-on` must be one of info, warning, error"),
        ('fail-under = 120\n', "`fail-under` must be a whole number from 0 to 100"),
        ('severity = { vague-ask = "loud" }\n', "severity 'loud' for vague-ask is not one of"),
        ('ignore = "vague-ask"\n', "`ignore` must be a list of strings"),
        ('select = [\n', "is not valid TOML"),
    ],
)
def test_bad_config_names_the_problem(tmp_path, body, message):
    path = tmp_path / ".pitchlint.toml"
    path.write_text(body)
    with pytest.raises(ConfigError) as info:
        load_config_file(path)
    assert message in info.value.reason
    assert info.value.path == str(path)


def test_unknown_rule_id_is_an_error(tmp_path):
    path = tmp_path / ".pitchlint.toml"
    path.write_text('ignore = ["vague-asks"]\n')
    with pytest.raises(ConfigError, match="unknown rule id 'vague-asks'"):
        active_rules(load_config_file(path))


def test_select_ignore_and_severity(tmp_path):
    path = tmp_path / ".pitchlint.toml"
    path.write_text(
        'select = ["vague-ask", "missing-ask", "ask-without-role"]\n'
        'ignore = ["missing-ask"]\n'
        'severity = { ask-without-role = "error" }\n'
    )
    rules = active_rules(load_config_file(path))
    assert sorted(rules) == ["ask-without-role", "vague-ask"]
    assert rules["ask-without-role"].severity == "error"
    assert rules["vague-ask"].severity == "warning"


def test_default_rules_are_the_stable_ones():
    from pitchlint.engine.core import available_rules

    stable = sorted(r.id for r in available_rules(()).values() if r.status == "stable")
    assert sorted(active_rules(Config())) == stable
    assert {"vague-ask", "missing-ask", "ask-without-company", "leaked-placeholder"} <= set(stable)
    assert "no-next-step" not in stable  # preview until the corpus shows it is precise


def test_packs_resolve_relative_to_the_config(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.pitchlint]\npacks = ["style/outreach"]\n')
    assert load_config_file(path).packs == (str(tmp_path / "style" / "outreach"),)


def test_hook_table(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.pitchlint.hook]\nfail-on = "error"\nfail-under = 40\ninclude = ["outbox/*.eml"]\n')
    hook = load_config_file(path).hook
    assert (hook.fail_on, hook.fail_under, hook.include) == ("error", 40, ("outbox/*.eml",))
    assert Config().hook.include == ("*.eml", "drafts/**/*.md", "drafts/**/*.txt")


@pytest.mark.parametrize(
    "body,message",
    [('[hook]\nfail_on = "error"\n', "unknown key 'hook.fail_on'"),
     ('[hook]\nfail-under = -1\n', "`hook.fail-under` must be a whole number"),
     ('hook = 3\n', "`hook` must be a table")],
)
def test_bad_hook_table(tmp_path, body, message):
    path = tmp_path / ".pitchlint.toml"
    path.write_text(body)
    with pytest.raises(ConfigError, match=message.replace("(", r"\(")):
        load_config_file(path)


def test_per_file_ignores(tmp_path, lint):
    path = tmp_path / ".pitchlint.toml"
    path.write_text('[per-file-ignores]\n"old/**/*.txt" = ["vague-ask"]\n"*.md" = ["ask-without-role"]\n')
    config = load_config_file(path)
    assert config.ignored_for(str(tmp_path / "old" / "2025" / "a.txt")) == {"vague-ask"}
    assert config.ignored_for(str(tmp_path / "new" / "b.md")) == {"ask-without-role"}
    assert config.ignored_for(str(tmp_path / "new" / "b.txt")) == set()
    assert config.ignored_for("<stdin>") == set()
    text = "If you know anyone, let me know."
    assert [f.rule for f in lint(text, path=str(tmp_path / "old" / "a.txt"), config=config).findings] == []
    assert [f.rule for f in lint(text, path=str(tmp_path / "a.txt"), config=config).findings] == ["vague-ask"]


def test_per_file_ignores_names_unknown_rules(tmp_path):
    path = tmp_path / ".pitchlint.toml"
    path.write_text('[per-file-ignores]\n"*.md" = ["vage-ask"]\n')
    with pytest.raises(ConfigError, match="unknown rule id 'vage-ask'"):
        active_rules(load_config_file(path))


def test_accepted_terms_silence_findings_on_exactly_those_words(tmp_path, lint):
    path = tmp_path / ".pitchlint.toml"
    path.write_text('accept = ["TBD", "touch base"]\n')
    config = load_config_file(path)
    text = "Could we touch base about the TBD budget? Could you introduce me to a recruiter at REI? [Company]"
    rules = [(f.rule, text[f.start:f.end]) for f in lint(text, config=config).findings]
    assert ("leaked-placeholder", "[Company]") in rules
    assert not any(word in ("TBD", "touch base") for _, word in rules)
    assert ("pick-your-brain", "touch base") in [(f.rule, text[f.start:f.end]) for f in lint(text).findings]
