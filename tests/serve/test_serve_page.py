"""The page in a real browser: Debian's chromium driven by Playwright (the system browser, never a
downloaded one). Type a cattle call, see the marks, the score and the reader's view; read a
finding by keyboard; apply a rewrite; a hostile draft stays text; the page fits a phone.

Fill the coach's form (a generic answer asked again, then a role and companies), compose the ask
and apply it to the draft, by keyboard.

Screenshots (desktop, the README's crop of the marks, the coach's form, phone width after the
rewrite) and the pause-to-marks times are kept in the test's folder; the screenshots are also
copied to $PITCHLINT_SERVE_ARTIFACTS when it is set, which is where docs/serve-readme.png (the
README's first screen) and docs/serve-coach.png come from."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from serve_support import server  # noqa: F401 - the fixture

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
CATTLE_CALL = ("Hi Dana,\n\nI'm between jobs. If you know anyone, or hear of any leads, please send them my way.\n\n"
               "Thanks,\nPriya\n")

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
if not CHROMIUM.exists():
    pytest.skip("Debian's chromium is not installed (apt-get install chromium); .ci/run installs it",
                allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, server):  # noqa: F811
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    opened = context.new_page()
    opened.goto(server.url + "/")
    yield opened
    context.close()


def keep(path: Path) -> None:
    folder = os.environ.get("PITCHLINT_SERVE_ARTIFACTS")
    if folder:
        shutil.copy(path, Path(folder) / path.name)


def marked_words(page) -> list[str]:
    return [mark.text_content() for mark in page.query_selector_all("#marked mark.finding .words")]


def test_typing_a_cattle_call_marks_it_and_a_rewrite_applies(page, tmp_path):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.locator("#draft").press_sequentially(CATTLE_CALL)
    page.wait_for_selector("#marked mark.finding")
    assert marked_words(page) == ["anyone, or hear of any leads"]
    assert page.text_content("#score") == "5/100 · vague"
    assert page.text_content("#breakdown") == "ask30companies0roles0sectors0context0rules-25"
    assert page.text_content("#reader-view") == "nothing to act on"
    assert page.text_content("#status") == "1 finding."
    pause_to_marks = int(page.get_attribute("body", "data-last-lint-ms"))

    mark = page.locator("#marked mark.finding")
    tip = mark.locator(".tip")
    assert not tip.is_visible()
    mark.focus()  # by keyboard: the message shows, with a link to the rule's page
    assert tip.is_visible()
    assert tip.text_content().startswith('Your ask is for "anyone" and "leads" in general')
    assert mark.get_attribute("aria-describedby") == tip.get_attribute("id")
    assert tip.locator("a").get_attribute("href") == "/rules/vague-ask"

    page.screenshot(path=str(tmp_path / "serve-page.png"), full_page=True)
    keep(tmp_path / "serve-page.png")
    readme_shot = tmp_path / "serve-readme.png"  # the README's first screen: score, reader's view, marks
    page.screenshot(path=str(readme_shot), clip=around(page, "#score-heading", "#marked-heading", tip))
    keep(readme_shot)
    (tmp_path / "serve-page-timing.json").write_text(json.dumps({"pause_to_marks_ms": pause_to_marks}))
    print(f"pause to marks on a cattle call: {pause_to_marks} ms")

    lints = page.get_attribute("body", "data-lints")
    page.get_by_role("button", name="Apply this rewrite").click()
    page.wait_for_selector(f'body:not([data-lints="{lints}"])')
    draft = page.input_value("#draft")
    assert draft.startswith("Hi Dana,\n\nI'm between jobs. Do you know [a role, e.g. product manager] at [a kind of ")
    assert draft.endswith("I'd be grateful for an introduction.\n\nThanks,\nPriya\n")
    rules = [item.get_attribute("data-rule") for item in page.query_selector_all("#findings li")]
    # the slots are never targets (issue 20): the ask stays vague until the writer fills them
    assert "anyone" not in draft and "vague-ask" in rules
    assert rules.count("leaked-placeholder") == 2  # the slots the writer still has to fill are marked
    severities = {mark.query_selector(".words").text_content(): mark.get_attribute("class")
                  for mark in page.query_selector_all("#marked mark.finding")}
    # the unfilled slots are errors (leaked placeholders); the still-vague ask's "a role" sits inside one
    assert "".join(words for words in severities if words.startswith(("[", "a role", ", e.g."))).startswith(
        "[a role, e.g. product manager]")
    assert set(severities.values()) == {"finding severity-error"}
    phone_shot = tmp_path / "serve-page-after-rewrite.png"
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(phone_shot), full_page=True)
    keep(phone_shot)
    assert errors == []


def around(page, first: str, last: str, *also) -> dict[str, float]:
    """The rectangle from the panel holding `first` to the one holding `last` (and `also`'s boxes)."""
    boxes = [page.locator(f"section:has({first})").bounding_box(), page.locator(f"section:has({last})").bounding_box(),
             *(locator.bounding_box() for locator in also)]
    top, bottom = min(b["y"] for b in boxes), max(b["y"] + b["height"] for b in boxes)
    left, right = min(b["x"] for b in boxes), max(b["x"] + b["width"] for b in boxes)
    return {"x": left - 8, "y": top - 8, "width": right - left + 16, "height": bottom - top + 16}


def test_the_coach_form_composes_an_ask_that_applies_to_the_draft(page, tmp_path):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.fill("#draft", CATTLE_CALL)
    roles = page.get_by_role("textbox", name="Whom do you want to reach (a role, people who hire for ...)?")
    roles.wait_for()  # the coach's questions for this draft, each announced by its label
    assert page.text_content("#coach-status") == "5 questions for what your draft does not say."
    labels = [label.text_content() for label in page.query_selector_all("#coach-fields label")]
    assert labels == ["Whom do you want to reach (a role, people who hire for ...)?",
                      "Which companies? Names or a kind (e.g. hospitals in Denver)", "Which sector or field?",
                      "Why? One sentence a reader could repeat (a reason, a skill, a change) (optional)",
                      "What should the reader do?"]
    assert page.input_value("#coach-action") == "call"

    roles.fill("anything")
    coached = page.get_attribute("body", "data-coached")
    roles.press("Enter")  # the form is submitted by keyboard
    page.wait_for_selector(f'body:not([data-coached="{coached}"])')
    assert page.text_content("#coach-status") == "3 questions still need an answer."
    note = page.locator("#coach-roles-note")
    assert note.text_content().startswith('"anything" gives a reader no one to think of.')
    assert page.evaluate("() => document.activeElement.id") == "coach-roles"  # focus goes to what needs an answer
    assert roles.get_attribute("aria-invalid") == "true"
    assert roles.get_attribute("aria-describedby") == "coach-roles-note coach-roles-example"
    assert page.is_hidden("#coach-result")

    roles.fill("supply chain managers")
    page.get_by_role("textbox", name="Which companies? Names or a kind (e.g. hospitals in Denver)").fill(
        "REI or Patagonia")
    page.get_by_role("combobox", name="What should the reader do?").select_option("introduction")
    coached = page.get_attribute("body", "data-coached")
    page.get_by_role("button", name="Compose the ask").click()
    page.wait_for_selector(f'body:not([data-coached="{coached}"])')
    ask = page.text_content("#coach-ask")
    assert "supply chain managers at REI or Patagonia" in ask and "introduc" in ask.lower()
    assert page.text_content("#coach-score") == (
        "Score: vague 5/100 → specific 70/100. A reader can act on: ROLE supply chain managers · COMPANY REI · "
        "COMPANY Patagonia.")
    coach_shot = tmp_path / "serve-coach.png"
    page.locator("section:has(#coach-heading)").screenshot(path=str(coach_shot))
    keep(coach_shot)

    lints = page.get_attribute("body", "data-lints")
    page.focus("#coach-apply")
    page.keyboard.press("Enter")
    page.wait_for_selector(f'body:not([data-lints="{lints}"])')
    assert page.input_value("#draft") == CATTLE_CALL.replace(
        "If you know anyone, or hear of any leads, please send them my way.", ask)
    assert page.text_content("#score").endswith("· specific")
    assert page.text_content("#reader-view") == "ROLE supply chain managers · COMPANY REI · COMPANY Patagonia"
    assert page.evaluate("() => document.activeElement.id") == "draft"
    assert errors == []


def test_the_coach_shows_a_hostile_answer_as_text(page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.fill("#draft", CATTLE_CALL)
    page.wait_for_selector("#coach-roles")
    page.fill("#coach-roles", '"><img src=x onerror=alert(1)> <script>alert(2)</script>')
    coached = page.get_attribute("body", "data-coached")
    page.click("#coach-compose")
    page.wait_for_selector(f'body:not([data-coached="{coached}"])')
    # the coach takes it as a role (its analysis finds a noun phrase in it): the ask shows it as text
    assert '"><img src=x onerror=alert(1)> <script>alert(2)</script>' in page.text_content("#coach-ask")
    assert page.input_value("#coach-roles") == '"><img src=x onerror=alert(1)> <script>alert(2)</script>'
    assert page.query_selector_all("#coach img, #coach script, #coach-result img, #coach-result script") == []
    page.hover("#coach-ask")
    assert dialogs == []


BACKGROUND = ("I spent eight years at a regional bank, first in branch operations and then running the team that "
              "moved our loan paperwork online, which cut approval times from two weeks to three days. ")


def test_marks_follow_a_pause_on_a_200_word_draft(page, tmp_path):
    draft = "Hi Sam,\n\n" + BACKGROUND * 6 + "\n\nIf you know anyone, or hear of any leads, please send them my way."
    assert 190 <= len(draft.split()) <= 230
    page.fill("#draft", draft[:-4])
    page.wait_for_selector("#marked mark.finding")
    lints = page.get_attribute("body", "data-lints")
    page.locator("#draft").press_sequentially(draft[-4:])  # the writer types the last word, then pauses
    page.wait_for_selector(f'body:not([data-lints="{lints}"])')
    assert "anyone, or hear of any leads" in marked_words(page)
    pause_to_marks = int(page.get_attribute("body", "data-last-lint-ms"))  # includes the 150 ms debounce
    (tmp_path / "serve-200-words-timing.json").write_text(json.dumps({"pause_to_marks_ms": pause_to_marks}))
    print(f"pause to marks on a 200-word draft: {pause_to_marks} ms")


def test_the_rule_link_opens_the_rules_page(page):
    page.fill("#draft", CATTLE_CALL)
    page.wait_for_selector("#findings li a")
    page.click("#findings li a")
    page.wait_for_selector("main.rule-page h2")
    assert page.url.endswith("/rules/vague-ask")
    assert "What it does" in page.text_content("main.rule-page")


def test_the_channel_choice_lints_again(page):
    page.fill("#draft", (CATTLE_CALL + "I have led training teams at two large retailers. ") * 3)
    page.wait_for_selector("#marked mark.finding")
    lints = page.get_attribute("body", "data-lints")
    page.select_option("#channel", "linkedin-note")
    page.wait_for_selector(f'body:not([data-lints="{lints}"])')
    assert "length-budget" in [item.get_attribute("data-rule") for item in page.query_selector_all("#findings li")]


def test_a_hostile_draft_stays_text(page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    hostile = ('<script>alert("script")</script> "><img src=x onerror=alert("img")> '
               "If you know anyone, please send them my way. <b onmouseover=alert(1)>hover</b>")
    page.fill("#draft", hostile)
    page.wait_for_selector("#marked mark.finding")
    assert page.text_content("#marked").startswith('<script>alert("script")</script> "><img src=x onerror=')
    assert page.query_selector_all("#marked script, #marked img, #marked b") == []
    page.hover("#marked")
    assert dialogs == []


def test_the_page_fits_a_phone_and_every_control_has_a_label(browser, server):  # noqa: F811
    context = browser.new_context(viewport={"width": 360, "height": 740})
    phone = context.new_page()
    try:
        phone.goto(server.url + "/")
        phone.fill("#draft", CATTLE_CALL)
        phone.wait_for_selector("#marked mark.finding")
        phone.wait_for_selector("#coach-roles")
        assert phone.evaluate("() => document.documentElement.scrollWidth") <= 360
        for control in ("#draft", "#channel", "#token", "#coach-roles", "#coach-companies", "#coach-sectors",
                        "#coach-reason", "#coach-action"):
            assert phone.locator(f'label[for="{control[1:]}"]').count() == 1
        assert phone.get_by_role("textbox", name="Your draft").input_value() == CATTLE_CALL  # as announced
        assert phone.get_by_role("combobox", name="Channel").input_value() == "email"
        phone.focus("#draft")
        phone.keyboard.press("Tab")  # the page works by keyboard: draft, channel, then the marked words
        assert phone.evaluate("() => document.activeElement.id") == "channel"
        phone.keyboard.press("Tab")
        assert phone.evaluate("() => document.activeElement.className") == "finding severity-warning"
    finally:
        context.close()
