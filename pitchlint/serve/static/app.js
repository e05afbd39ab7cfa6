// pitchlint's page: lint the draft as the writer types and show what the API says.
// The draft is only ever put on the page as text (text nodes, textContent), never as markup.
"use strict";

(function () {
  const DEBOUNCE_MS = 150;
  const SEVERITIES = ["info", "warning", "error"];  // pitchlint.terms.SEVERITIES, lowest first
  const draft = document.getElementById("draft");
  const channel = document.getElementById("channel");
  const status = document.getElementById("status");
  const tokenBox = document.getElementById("token-box");
  const token = document.getElementById("token");
  const score = document.getElementById("score");
  const breakdown = document.getElementById("breakdown");
  const readerView = document.getElementById("reader-view");
  const marked = document.getElementById("marked");
  const findingsList = document.getElementById("findings");
  const coachForm = document.getElementById("coach");
  const coachFields = document.getElementById("coach-fields");
  const coachStatus = document.getElementById("coach-status");
  const coachResult = document.getElementById("coach-result");
  const coachAsk = document.getElementById("coach-ask");
  const coachScore = document.getElementById("coach-score");
  const coachApply = document.getElementById("coach-apply");

  let timer = null;
  let inFlight = null;
  let sequence = 0;
  let lintedText = null;  // the text the findings on the page refer to
  let pausedAt = 0;
  // The coach: the writer's answers by slot (kept while the questions change), the answers the
  // coach did not recognise (sent again unchanged, they are kept as written, as in the terminal),
  // and the draft the composed ask was made for.
  const coachAnswers = {};
  let coachUnrecognised = {};
  let coachInFlight = null;
  let coachSequence = 0;
  let coachedText = null;
  let coachComposed = null;

  // el("a", {href: "/x"}, "text", child): attributes by setAttribute, children as text or nodes.
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      node.setAttribute(name, value);
    }
    for (const child of children) {
      node.append(child);  // a string becomes a text node
    }
    return node;
  }

  // The API counts characters (code points); JavaScript strings count UTF-16 units.
  function unitOffsets(text) {
    const offsets = [0];
    let units = 0;
    for (const ch of text) {
      units += ch.length;
      offsets.push(units);
    }
    return offsets;
  }

  function schedule() {
    pausedAt = performance.now();
    clearTimeout(timer);
    timer = setTimeout(lint, DEBOUNCE_MS);
  }

  async function lint() {
    const text = draft.value;
    if (!text.trim()) {
      clearReport("Type or paste a draft to check it.");
      return;
    }
    const mine = ++sequence;
    if (inFlight) inFlight.abort();
    inFlight = new AbortController();
    const headers = authHeaders();
    status.textContent = "Checking…";
    let response, body;
    try {
      response = await fetch("/v1/lint", {
        method: "POST", headers, signal: inFlight.signal,
        body: JSON.stringify({text, channel: channel.value}),
      });
      body = await response.json();
    } catch (error) {
      if (error.name === "AbortError") return;
      if (mine === sequence) status.textContent = "pitchlint could not be reached: " + error.message;
      return;
    }
    if (mine !== sequence) return;  // a newer draft is on its way
    if (response.status === 401) {
      tokenBox.hidden = false;
      status.textContent = "This server needs its token: enter it below.";
      return;
    }
    if (!response.ok) {
      clearReport(body && body.error ? body.error : "pitchlint could not check this draft.");
      return;
    }
    show(text, body);
    coach(false);
    const took = Math.round(performance.now() - pausedAt);
    document.body.dataset.lastLintMs = String(took);
    document.body.dataset.lints = String(Number(document.body.dataset.lints || 0) + 1);
  }

  function clearReport(message) {
    lintedText = null;
    status.textContent = message;
    score.textContent = "–";
    breakdown.replaceChildren();
    readerView.textContent = "–";
    marked.replaceChildren();
    findingsList.replaceChildren();
  }

  function show(text, report) {
    lintedText = text;
    const count = report.findings.length;
    status.textContent = count === 0 ? "No findings." : count === 1 ? "1 finding." : count + " findings.";
    score.textContent = report.score + "/100 · " + report.verdict;
    score.dataset.verdict = report.verdict;
    breakdown.replaceChildren();
    for (const [part, points] of Object.entries(report.breakdown)) {
      breakdown.append(el("div", {}, el("dt", {}, part), el("dd", {}, String(points))));
    }
    readerView.textContent = report.reader_view;
    readerView.dataset.empty = report.targets.length === 0 ? "true" : "false";
    showMarked(text, report.findings);
    showFindings(report.findings);
  }

  // The draft with each finding's words in a <mark>; where findings overlap, the words carry each.
  function showMarked(text, findings) {
    const offsets = unitOffsets(text);
    const spans = findings
      .map((finding, index) => ({finding, index, start: offsets[finding.start], end: offsets[finding.end]}))
      .filter((span) => span.start !== undefined && span.end !== undefined && span.end > span.start);
    const cuts = new Set([0, text.length]);
    for (const span of spans) { cuts.add(span.start); cuts.add(span.end); }
    const points = [...cuts].sort((a, b) => a - b);
    const nodes = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const [from, to] = [points[i], points[i + 1]];
      const words = text.slice(from, to);
      const covering = spans.filter((span) => span.start <= from && span.end >= to);
      if (covering.length === 0) {
        nodes.push(words);
        continue;
      }
      const tipId = "tip-" + i;
      const tip = el("span", {class: "tip", role: "tooltip", id: tipId});
      for (const {finding} of covering) {
        tip.append(el("span", {class: "tip-line"}, finding.message + " ",
                      el("a", {href: "/rules/" + encodeURIComponent(finding.rule)}, "About " + finding.rule)));
      }
      const rules = covering.map(({finding}) => finding.rule).join(" ");
      const severity = SEVERITIES[Math.max(...covering.map(({finding}) => SEVERITIES.indexOf(finding.severity)))]
        || "warning";
      nodes.push(el("mark", {class: "finding severity-" + severity, tabindex: "0", "data-rules": rules,
                             "aria-describedby": tipId}, el("span", {class: "words"}, words), tip));
    }
    marked.replaceChildren(...nodes);
  }

  function showFindings(findings) {
    findingsList.replaceChildren();
    findings.forEach((finding) => {
      const item = el("li", {class: "finding-item severity-" + finding.severity, "data-rule": finding.rule},
        el("span", {class: "severity"}, finding.severity), " ",
        el("a", {href: "/rules/" + encodeURIComponent(finding.rule)}, finding.rule), ": ",
        finding.message);
      if (finding.fix) {
        const apply = el("button", {type: "button", class: "apply"}, "Apply this rewrite");
        apply.addEventListener("click", () => applyFix(finding.fix));
        item.append(el("blockquote", {class: "rewrite"}, finding.fix.replacement), apply);
      } else if (finding.suggestion) {
        item.append(el("p", {class: "suggestion"}, "Try: " + finding.suggestion));
      }
      findingsList.append(item);
    });
  }

  function applyFix(fix) {
    if (lintedText === null || draft.value !== lintedText) {
      status.textContent = "The draft changed since it was checked; checking it again first.";
      lint();
      return;
    }
    const offsets = unitOffsets(lintedText);
    const start = offsets[fix.start];
    const end = offsets[fix.end];
    draft.value = lintedText.slice(0, start) + fix.replacement + lintedText.slice(end);
    draft.focus();
    draft.setSelectionRange(start + fix.replacement.length, start + fix.replacement.length);
    status.textContent = "Rewrite applied; checking again.";
    pausedAt = performance.now();
    lint();
  }

  function authHeaders() {
    const headers = {"Content-Type": "application/json"};
    if (token.value) headers["Authorization"] = "Bearer " + token.value;
    return headers;
  }

  // Ask the coach: with `compose`, the answers typed so far (it composes the ask when none is
  // open); without, only which questions the draft leaves open.
  async function coach(compose) {
    const text = draft.value;
    const mine = ++coachSequence;
    if (coachInFlight) coachInFlight.abort();
    coachInFlight = new AbortController();
    readCoachFields();
    const request = {text, channel: channel.value};
    if (compose) {
      request.answers = Object.fromEntries(Object.entries(coachAnswers).filter(([, answer]) => answer.trim()));
      request.keep = Object.keys(request.answers).filter((slot) => coachUnrecognised[slot] === request.answers[slot]);
      coachStatus.textContent = "Composing…";
    }
    let response, body;
    try {
      response = await fetch("/v1/coach", {method: "POST", headers: authHeaders(), signal: coachInFlight.signal,
                                           body: JSON.stringify(request)});
      body = await response.json();
    } catch (error) {
      if (error.name === "AbortError") return;
      if (mine === coachSequence) coachStatus.textContent = "pitchlint could not be reached: " + error.message;
      return;
    }
    if (mine !== coachSequence) return;
    if (!response.ok) {
      coachStatus.textContent = body && body.error ? body.error : "pitchlint could not coach this draft.";
      return;
    }
    showCoach(text, body, compose);
    document.body.dataset.coached = String(Number(document.body.dataset.coached || 0) + 1);
  }

  function readCoachFields() {
    for (const field of coachFields.querySelectorAll("[data-slot]")) {
      coachAnswers[field.dataset.slot] = field.value;
    }
  }

  function showCoach(text, answer, composed) {
    coachFields.replaceChildren(...answer.questions.map((question) => coachField(question, composed)));
    coachUnrecognised = {};
    for (const question of answer.questions) {
      if (question.unrecognised) coachUnrecognised[question.slot] = question.answer;
    }
    coachedText = text;
    coachComposed = composed && answer.ask !== null ? answer : null;
    coachResult.hidden = coachComposed === null;
    if (coachComposed) {
      coachAsk.textContent = answer.ask;
      const before = answer.before ? answer.before.verdict + " " + answer.before.score + "/100 → " : "";
      coachScore.textContent = "Score: " + before + answer.after.verdict + " " + answer.after.score +
        "/100. A reader can act on: " + answer.after.reader_view + ".";
      coachStatus.textContent = "The ask is ready: read it, then apply it to your draft.";
      return;
    }
    if (!composed) {
      const count = answer.questions.length;
      coachStatus.textContent = (count === 1 ? "1 question" : count + " questions") +
        " for what your draft does not say.";
      return;
    }
    const open = answer.questions.filter((question) => question.status === "open");
    coachStatus.textContent = open.length === 1 ? "1 question still needs an answer."
      : open.length + " questions still need an answer.";
    const first = open.find((question) => question.note) || open[0];
    if (first) document.getElementById("coach-" + first.slot.replace(/ /g, "-")).focus();
  }

  // One question: its label is the question (what a screen reader announces), then the input,
  // the example and, after composing, why an answer was not taken.
  function coachField(question, composed) {
    const id = "coach-" + question.slot.replace(/ /g, "-");
    const exampleId = id + "-example";
    const noteId = id + "-note";
    const label = el("label", {for: id}, question.question);
    if (question.optional) label.append(el("span", {class: "optional"}, " (optional)"));
    let input;
    if (question.slot === "action") {
      input = el("select", {});
      for (const choice of question.choices) {
        input.append(el("option", {value: choice.value}, choice.label));
      }
      input.value = coachAnswers.action || question.default || question.choices[0].value;
    } else {
      input = el(question.slot === "reason" ? "textarea" : "input", {autocomplete: "off"});
      if (question.slot === "reason") input.setAttribute("rows", "2");
      else input.setAttribute("type", "text");
      input.value = coachAnswers[question.slot] !== undefined ? coachAnswers[question.slot] : question.default;
    }
    input.id = id;
    input.dataset.slot = question.slot;
    const note = composed && question.note ? question.note : "";
    const example = question.slot === "action" ? null  // its choices say it all
      : el("p", {class: "example", id: exampleId}, "For example: " + question.example);
    const described = [note ? noteId : null, example ? exampleId : null].filter(Boolean).join(" ");
    if (described) input.setAttribute("aria-describedby", described);
    if (note) input.setAttribute("aria-invalid", "true");
    const field = el("div", {class: "coach-field" + (note ? " has-note" : ""), "data-status": question.status},
      label, input);
    if (example) field.append(example);
    if (note) field.append(el("p", {class: "note", id: noteId}, note));
    if (question.slot !== "action" && question.choices.length) {
      const listId = id + "-choices";
      input.setAttribute("list", listId);
      field.append(el("datalist", {id: listId}, ...question.choices.map((c) => el("option", {value: c.value}))));
    }
    return field;
  }

  function applyAsk() {
    if (coachComposed === null || draft.value !== coachedText) {
      coachStatus.textContent = "The draft changed since the ask was composed; compose it again.";
      coachResult.hidden = true;
      return;
    }
    draft.value = coachComposed.text;
    coachComposed = null;
    coachResult.hidden = true;
    draft.focus();
    coachStatus.textContent = "The ask is in your draft; checking it again.";
    pausedAt = performance.now();
    lint();
  }

  coachForm.addEventListener("submit", (event) => { event.preventDefault(); coach(true); });
  coachApply.addEventListener("click", applyAsk);
  draft.addEventListener("input", schedule);
  channel.addEventListener("change", () => { pausedAt = performance.now(); lint(); });
  tokenBox.addEventListener("submit", (event) => { event.preventDefault(); pausedAt = performance.now(); lint(); });
  if (draft.value.trim()) schedule();
})();
