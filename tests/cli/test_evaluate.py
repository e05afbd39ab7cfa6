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


def test_a_held_out_folder_is_measured_only_when_named(tmp_path):
    write(tmp_path, "a", "If you hear of any leads, please send them my way.\n", 'verdict = "vague"\n')
    held = tmp_path / "held-out"
    held.mkdir()
    write(held, "b", "If you know anyone, let me know.\n", 'verdict = "vague"\n')
    write(held, "c", "Hello there.\n", 'verdict = "vague"\n')
    assert evaluate(tmp_path).messages == 1
    assert evaluate(held).messages == 2


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


def test_eval_one_batch_saved_reports_and_a_baseline(tmp_path):
    """`--only` picks a batch, `--reports` scores saved JSON (a report from before `targets`
    existed counts its in-ask spans), `--save` and `--baseline` print before and after."""
    import json

    from click.testing import CliRunner

    from pitchlint.cli.commands import main

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write(corpus, "4a", "I'm looking for recruiter roles. If you know anyone, let me know.\n",
          'verdict = "specific"\n[[span]]\nlabel = "ROLE"\ntext = "recruiter"\nstatement = "goal"\n')
    write(corpus, "5a", "If you hear of any leads, please send them my way.\n", 'verdict = "vague"\n')
    old = {"version": 1, "files": [{"path": "corpus/4a.txt", "verdict": "vague", "findings": [{"rule": "vague-ask"}],
                                    "entities": [{"label": "ROLE", "start": 16, "end": 25, "in_ask": False}]}]}
    (tmp_path / "old.json").write_text(json.dumps(old))
    runner = CliRunner()
    before = runner.invoke(main, ["eval", str(corpus), "--only", "4*", "--reports", str(tmp_path / "old.json"),
                                  "--save", str(tmp_path / "before.json")])
    assert before.exit_code == 0, before.output
    assert "messages          1\n" in before.output and "verdict accuracy  0.000  (0/1)" in before.output
    assert json.loads((tmp_path / "before.json").read_text())["targets ROLE recall"] == 0.0
    after = runner.invoke(main, ["eval", str(corpus), "--only", "4*", "--baseline", str(tmp_path / "before.json")])
    assert after.exit_code == 0, after.output
    assert "verdict accuracy  1.000  (1/1)  (before 0.000)" in after.output
    assert "ROLE                  1.000   1.000   1.000     1      1     1.000  (before P 1.000 R 0.000)" in after.output
    missing = runner.invoke(main, ["eval", str(corpus), "--reports", str(tmp_path / "old.json")])
    assert missing.exit_code == 2 and "5a.txt: has no report in the saved reports" in missing.output


SENTENCES = (
    'verdict = "specific"\n'
    '[[sentence]]\ntext = "Hi Dana,"\nstatement = "background"\n'
    '[[sentence]]\ntext = "I spent six years in retail banking,"\nstatement = "background"\n'
    '[[sentence]]\ntext = "and now I want a fraud analyst role."\nstatement = "goal"\n'
    '[[sentence]]\ntext = "Know anyone in fraud at a fintech?"\nstatement = "request"\n'
)
SENTENCE_TEXT = ("Hi Dana,\nI spent six years in retail banking, and now I want a fraud analyst role. "
                 "Know anyone in fraud at a fintech?\n")


def test_statement_accuracy_from_the_requests_and_goals_a_report_gives(tmp_path):
    write(tmp_path, "a", SENTENCE_TEXT, SENTENCES)
    goal_start = SENTENCE_TEXT.index("I spent")  # the report takes the whole sentence as a goal
    ask_start = SENTENCE_TEXT.index("Know")
    row = {"verdict": "specific", "entities": [], "targets": [], "findings": [],
           "asks": [{"start": ask_start, "end": len(SENTENCE_TEXT) - 1}],
           "goals": [{"start": goal_start, "end": ask_start - 1}]}
    result = evaluate(tmp_path, reports={"a.txt": row})
    assert (result.sentences, result.sentences_right) == (4, 3)  # the background clause is taken for a goal
    assert (result.statements["goal"].tp, result.statements["goal"].fp) == (1, 1)
    assert (result.statements["background"].tp, result.statements["background"].fn) == (1, 1)
    assert result.statements["request"].precision == result.statements["request"].recall == 1.0
    assert result.figures()["statement accuracy"] == 0.75
    table = render_table(result)
    assert "statement accuracy  0.750  (3/4 labelled sentences)" in table
    assert "email                 0.750          4" in table


def test_statement_accuracy_from_the_clauses_a_report_states(tmp_path):
    # a report that lists its statements clause by clause is scored by them, not by the whole sentences
    write(tmp_path, "a", SENTENCE_TEXT, SENTENCES)
    goal_start = SENTENCE_TEXT.index("and now")
    ask_start = SENTENCE_TEXT.index("Know")
    row = {"verdict": "specific", "entities": [], "targets": [], "findings": [],
           "asks": [{"start": ask_start, "end": len(SENTENCE_TEXT) - 1}],
           "goals": [{"start": SENTENCE_TEXT.index("I spent"), "end": ask_start - 1}],
           "statements": [{"statement": "goal", "start": goal_start, "end": ask_start - 1},
                          {"statement": "request", "start": ask_start, "end": len(SENTENCE_TEXT) - 1}]}
    result = evaluate(tmp_path, reports={"a.txt": row})
    assert (result.sentences, result.sentences_right) == (4, 4)


def test_the_engine_states_the_clause_that_wants_and_the_sentence_stays_whole(tmp_path):
    write(tmp_path, "a", SENTENCE_TEXT, SENTENCES)
    result = evaluate(tmp_path)
    assert (result.sentences, result.sentences_right) == (4, 4)


def test_a_target_found_to_other_words_counts_for_overlap_recall_only(tmp_path):
    text = "I'd love an intro to commercial beekeepers in Wisconsin.\n"
    write(tmp_path, "a", text, 'verdict = "specific"\n[[span]]\nlabel = "ROLE"\ntext = "beekeepers"\nstatement = "goal"\n')
    start = text.index("commercial")
    row = {"verdict": "specific", "entities": [], "findings": [], "asks": [],
           "targets": [{"label": "ROLE", "start": start, "end": text.index(" in Wisconsin")}]}
    result = evaluate(tmp_path, reports={"a.txt": row})
    assert result.targets["ROLE"].recall == 0.0 and result.overlapping["ROLE"].recall == 1.0
    assert result.figures()["targets ROLE overlap recall"] == 1.0
    # another kind over the same words is not found
    row["targets"][0]["label"] = "SECTOR"
    assert evaluate(tmp_path, reports={"a.txt": row}).overlapping["ROLE"].recall == 0.0


def test_a_saved_report_without_goals_gives_no_statement_figures(tmp_path):
    write(tmp_path, "a", SENTENCE_TEXT, SENTENCES)
    row = {"verdict": "specific", "entities": [], "targets": [], "findings": [], "asks": []}
    result = evaluate(tmp_path, reports={"a.txt": row})
    assert result.sentences == 0 and "statement accuracy" not in result.figures()
    assert "statement accuracy" not in render_table(result)


def test_a_sentence_label_that_is_not_in_the_message_names_the_file(tmp_path):
    write(tmp_path, "a", "Hello there.\n", 'verdict = "vague"\n[[sentence]]\ntext = "Goodbye."\nstatement = "background"\n')
    with pytest.raises(ConfigError, match="sentence 1: 'Goodbye.' does not occur that often"):
        evaluate(tmp_path)
