import pytest

from pitchlint.errors import ConfigError
from pitchlint.evaluate import Counts, evaluate, render_table


def write(folder, name, text, label):
    (folder / f"{name}.txt").write_text(text)
    (folder / f"{name}.toml").write_text(label)


def test_counts():
    c = Counts()
    c.add({1, 2, 3}, {2, 3, 4, 5})
    assert (c.tp, c.fp, c.fn) == (2, 1, 2)
    assert c.precision == pytest.approx(2 / 3)
    assert c.recall == pytest.approx(0.5)
    assert c.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    assert Counts().precision == 1.0 and Counts().f1 == 1.0


def test_evaluate_small_corpus(tmp_path):
    write(tmp_path, "a", "Could you introduce me to a recruiter at Microsoft?\n",
          'verdict = "specific"\n'
          '[[span]]\nlabel = "ROLE"\ntext = "recruiter"\nstatement = "request"\n'
          '[[span]]\nlabel = "COMPANY"\ntext = "Microsoft"\nstatement = "request"\n')
    write(tmp_path, "b", "If you hear of any leads, please send them my way.\n", 'verdict = "vague"\n')
    write(tmp_path, "c", "If you know anyone, let me know.\n", 'verdict = "specific"\n')  # mislabelled on purpose
    result = evaluate(tmp_path)
    assert result.messages == 3
    assert result.verdicts.correct == 2
    assert result.wrong == [(str(tmp_path / "c.txt"), "specific", "vague")]
    assert (result.verdicts.vague.tp, result.verdicts.vague.fp, result.verdicts.vague.fn) == (1, 1, 0)
    assert (result.entities["COMPANY"].tp, result.entities["ROLE"].tp) == (1, 1)
    assert result.targets["all"].tp == 2
    assert result.channels["email"].messages == 3
    table = render_table(result, show_errors=True)
    assert "verdict accuracy  0.667  (2/3)" in table
    assert "vague precision   0.500" in table
    assert f"{tmp_path / 'c.txt'}: labelled specific, pitchlint says vague" in table


def test_bad_labels_name_the_file(tmp_path):
    write(tmp_path, "a", "Hello there.\n", 'verdict = "maybe"\n')
    with pytest.raises(ConfigError, match="verdict must be"):
        evaluate(tmp_path)
    write(tmp_path, "a", "Hello there.\n", 'verdict = "vague"\n[[span]]\nlabel = "ROLE"\ntext = "nurse"\nstatement = "goal"\n')
    with pytest.raises(ConfigError, match="'nurse' does not occur"):
        evaluate(tmp_path)


def test_per_rule_precision_and_recall_over_labelled_messages(tmp_path):
    write(tmp_path, "a", "No worries if not, but could you introduce me to a recruiter at Microsoft?\n",
          'verdict = "specific"\nrules = ["hedged-ask"]\n'
          '[[span]]\nlabel = "ROLE"\ntext = "recruiter"\nstatement = "request"\n'
          '[[span]]\nlabel = "COMPANY"\ntext = "Microsoft"\nstatement = "request"\n')
    write(tmp_path, "b", "Sorry to bother you! Could you introduce me to a recruiter at Microsoft?\n",
          'verdict = "specific"\nrules = ["hedged-ask"]\n')  # labelled hedged; pitchlint calls it an apology
    write(tmp_path, "c", "Could you introduce me to a recruiter at Microsoft?\n", 'verdict = "specific"\n')  # no rule labels
    result = evaluate(tmp_path)
    assert sorted(result.rules) == ["hedged-ask"]
    hedged = result.rules["hedged-ask"]
    assert (hedged.tp, hedged.fp, hedged.fn) == (1, 0, 1)
    assert result.rule_errors == [(str(tmp_path / "b.txt"), "hedged-ask", "missed")]
    table = render_table(result, show_errors=True)
    assert "hedged-ask                 1.000   0.500     2      1" in table
