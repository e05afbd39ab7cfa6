"""POST /v1/coach against a real `pitchlint serve` process: the coach's questions for a draft, the
ask composed from the writer's answers (the same as the coach's own steps give in this process),
answers asked again, errors with their status, and nothing written to disk."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
from cli_support import SPECIFIC, VAGUE
from readme_snippets import snippet
from serve_support import ROOT, Server, server  # noqa: F401 - the fixture

from pitchlint.api import load_config
from pitchlint.coach import Coach, Finished
from pitchlint.serve.settings import MAX_BODY_BYTES

ASK = "If you know anyone, or hear of any leads, please send them my way."
ANSWERS = {"roles": "supply chain managers", "companies": "REI or Patagonia",
           "reason": "I ran fulfilment at Amazon for six years and want to work closer to the product",
           "action": "introduction"}


def test_a_cattle_call_gets_every_question_it_leaves_open(server):
    answer = server.post("/v1/coach", {"text": VAGUE})
    assert answer.status == 200
    body = answer.json
    assert [q["slot"] for q in body["questions"]] == ["roles", "companies", "sectors", "reason", "action"]
    assert [q["status"] for q in body["questions"]] == ["open", "open", "open", "skipped", "taken"]
    assert body["open"] == ["roles", "companies", "sectors"]
    roles = body["questions"][0]
    assert roles["question"] == "Whom do you want to reach (a role, people who hire for ...)?"
    assert roles["example"] == "supply chain managers, or people who hire data analysts"
    action = body["questions"][-1]
    assert action["answer"] == "call" and action["default"] == "call"  # an empty answer takes the default
    assert [c["value"] for c in action["choices"]] == ["call", "introduction", "referral", "keep in mind"]
    assert action["choices"][1]["label"] == "an introduction"
    assert body["ask"] is None and body["text"] is None and body["after"] is None
    assert body["replaces"] == ASK
    assert body["before"] == {"verdict": "vague", "score": 5, "reader_view": "nothing to act on",
                              "rules": ["vague-ask"]}


def test_a_specific_draft_is_asked_only_what_it_lacks(server):
    body = server.post("/v1/coach", {"text": SPECIFIC}).json
    assert [q["slot"] for q in body["questions"]] == ["action"]  # it names targets and gives a reason
    assert body["open"] == [] and body["ask"] is not None
    assert body["before"]["verdict"] == "specific"


def coached_in_process(text: str, answers: dict[str, str]) -> Finished:
    """The coach's own steps in this process, one question at a time, as the terminal drives them."""
    coach = Coach(load_config(None, base=ROOT))
    state = coach.start(text)
    while not isinstance(step := coach.next(state), Finished):
        state = coach.answer(state, answers.get(step.slot) or ("skip" if step.optional else step.default))
    return step


def test_the_composed_ask_holds_the_answers_and_is_the_coachs_own(server):
    answers = {**ANSWERS, "sectors": "outdoor retail"}
    body = server.post("/v1/coach", {"text": VAGUE, "answers": answers}).json
    assert body["open"] == [] and body["not_asked"] == ["sectors"]  # once companies are named, no sector is asked
    assert [(q["slot"], q["status"], q["answer"]) for q in body["questions"]] == [
        ("roles", "taken", "supply chain managers"), ("companies", "taken", "REI or Patagonia"),
        ("reason", "taken", ANSWERS["reason"]), ("action", "taken", "introduction")]
    ask = body["ask"]
    for words in ("supply chain managers", "REI or Patagonia", "I ran fulfilment at Amazon for six years", "introduc"):
        assert words in ask
    assert body["text"] == VAGUE.replace(ASK, ask)
    assert body["after"]["verdict"] == "specific" and body["after"]["score"] > body["before"]["score"]
    assert body["after"]["reader_view"] == "ROLE supply chain managers · COMPANY REI · COMPANY Patagonia"
    expected = coached_in_process(VAGUE, answers)
    assert (body["ask"], body["text"], body["after"]["score"]) == (expected.ask, expected.message, expected.after.score)


def test_answers_come_in_any_order_and_one_target_is_enough(server):
    body = server.post("/v1/coach", {"text": VAGUE, "answers": {"sectors": "outdoor retail"}}).json
    assert [(q["slot"], q["status"]) for q in body["questions"][:3]] == [
        ("roles", "skipped"), ("companies", "skipped"), ("sectors", "taken")]
    assert body["open"] == [] and "outdoor retail" in body["ask"]


def test_an_answer_naming_no_one_is_asked_again_with_the_coachs_note(server):
    body = server.post("/v1/coach", {"text": VAGUE, "answers": {"roles": "anyone really", "companies": "Denver"}}).json
    assert body["ask"] is None and body["open"] == ["roles", "companies", "sectors"]
    roles, companies = body["questions"][:2]
    assert roles["answer"] == "anyone really" and roles["status"] == "open"
    assert roles["note"].startswith('"anyone really" gives a reader no one to think of. Name a kind of role')
    assert companies["note"].startswith('"Denver" is a place; a place alone names no one.')
    assert not roles["unrecognised"] and not companies["unrecognised"]


def test_an_unrecognised_answer_is_kept_when_the_writer_sends_it_again(server):
    answers = {"roles": "blorptastic wizards of yore"}  # the coach's own tests' example of one
    first = server.post("/v1/coach", {"text": VAGUE, "answers": answers}).json
    roles = first["questions"][0]
    assert roles["status"] == "open" and roles["unrecognised"]
    assert roles["note"].startswith('pitchlint does not recognise "blorptastic wizards of yore"')
    assert first["ask"] is None
    kept = server.post("/v1/coach", {"text": VAGUE, "answers": answers, "keep": ["roles"]}).json
    assert kept["questions"][0]["status"] == "taken" and "blorptastic wizards of yore" in kept["ask"]
    assert 'Kept "blorptastic wizards of yore" as you wrote it.' in kept["notes"]


def test_no_draft_writes_the_ask_from_the_answers_alone(server):
    body = server.post("/v1/coach", {"text": "", "answers": {"roles": "nurse managers", "companies": "Kaiser"}}).json
    assert body["before"] is None and body["replaces"] == ""
    assert body["text"] == body["ask"] and "nurse managers at Kaiser" in body["ask"]


def test_the_answer_validates_against_the_openapi_document(server):
    document = server.request("GET", "/openapi.json").json
    operation = document["paths"]["/v1/coach"]["post"]
    components = document["components"]
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    for request in ({"text": VAGUE}, {"text": VAGUE, "answers": ANSWERS}):
        jsonschema.validate(request, {**operation["requestBody"]["content"]["application/json"]["schema"],
                                      "components": components})
        jsonschema.validate(server.post("/v1/coach", request).json, {**schema, "components": components})
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"text": VAGUE, "answers": {"salary": "lots"}},
                            {"$ref": "#/components/schemas/CoachRequest", "components": components})


@pytest.mark.parametrize(("body", "status", "says"), [
    (b'{"text": "hi", "answers": ["roles"]}', 422, "answers: must be an object (slot: answer), not a list"),
    (b'{"text": "hi", "answers": {"salary": "lots"}}', 422, "answers.salary: unknown slot (known: roles, companies"),
    (b'{"text": "hi", "answers": {"roles": 3}}', 422, "answers.roles: must be a string, not a number"),
    (b'{"text": "hi", "keep": "roles"}', 422, "keep: must be a list of slot names"),
    (b'{"text": "hi", "keep": ["salary"]}', 422, "keep: 'salary' is not a slot"),
    (b'{"answers": {}}', 422, "text: missing"),
    (b'{"text": "hi", "draft": "x"}', 422, "draft: unknown field (known: answers, channel, keep, path, profile, text)"),
    (b'{"text": "hi", "channel": "fax"}', 400, "channel: 'fax' is not one of email"),
    (b'{"text": "If you know anyone', 400, "not valid JSON"),
    (b" " * (MAX_BODY_BYTES + 1), 413, "request body is over"),
])
def test_bad_coach_requests_get_their_status_and_the_server_keeps_answering(server, body, status, says):
    answer = server.request("POST", "/v1/coach", body, {"Content-Type": "application/json"})
    assert answer.status == status, answer.body[:300]
    assert list(answer.json) == ["error"] and says in answer.json["error"]
    assert server.post("/v1/coach", {"text": VAGUE}).json["open"] == ["roles", "companies", "sectors"]


def test_the_coach_saves_nothing_and_logs_no_answer(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local")}
    running = Server(cwd=tmp_path, env=env)
    try:
        answer = running.post("/v1/coach", {"text": VAGUE, "answers": {**ANSWERS, "roles": "Quetzalcoatl wranglers"},
                                            "keep": ["roles"]})
        assert answer.status == 200 and "Quetzalcoatl wranglers" in json.dumps(answer.json)
    finally:
        log = running.stop()
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == ["home"]
    assert '"POST /v1/coach HTTP/1.1" 200' in log and "Quetzalcoatl" not in log


def test_the_documented_curl_example_composes_an_ask(server):
    command = snippet("sh", "/v1/coach -H", page="docs/serve.md")
    body = json.loads(re.search(r"-d '([^']+)'", command).group(1))
    answer = server.post("/v1/coach", body).json
    assert answer["open"] == []
    assert answer["text"] == ("I am between jobs. Do you know supply chain managers at REI or Patagonia who might "
                              "talk with me for 20 minutes? I'd be grateful for an introduction.")
