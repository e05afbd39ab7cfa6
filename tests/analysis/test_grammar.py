"""What the writer wants, read from the parse (pitchlint/analysis/grammar.py), on the patterns the
real messages showed: wants with verbs and nouns no list of phrasings holds, request objects with
relative clauses, conditional requests, verbless lists a question points back to, and the false
targets (addresses, channels, the writer's product, negated and excluded wants)."""

from pathlib import Path

import pytest

from pitchlint.analysis.grammar import head_kind, read_words, singular, verb_forms
from pitchlint.checks.paths import builtin_pack_dir

WORDS = read_words(builtin_pack_dir() / "grammar")


def wanted(analysis):
    """(label, text, statement, guessed) of each target."""
    return [(e.label, e.text, e.statement, e.source == "guess") for e in analysis.targets()]


def stated(analysis):
    """(label, text, statement) of each target."""
    return [(e.label, e.text, e.statement) for e in analysis.targets()]


def said(report):
    """(text, statement) of each entity of a lint report, background included."""
    return [(e.text, e.statement) for e in report.entities]


@pytest.mark.parametrize("text, expected", [
    # a want-frame with a noun of seeking, and a head noun no lexicon holds
    ("I'm on the hunt for a co-op in a data-related field. Any leads welcome!",
     [("SECTOR", "data-related", "goal", False)]),
    ("We're looking for growers to try our soil sensor. Know anyone?",
     [("ROLE", "growers", "goal", True)]),
    ("I'd like to write for a consumer-tech review site. Who should I talk to?",
     [("COMPANY", "consumer-tech review site", "goal", True)]),
    ("I'm working out how to grow into an engineering manager one day. Any advice?",
     [("ROLE", "engineering manager", "goal", False)]),
    # a post's fragment that opens with the want, and a generic job word whose modifier is the role
    ("Keen for bar work, nights and weekends fine. Give us a shout!", [("ROLE", "bar", "goal", True)]),
    ("We're opening a wine bar and we're on the lookout for a head sommelier. Know anyone?",
     [("ROLE", "sommelier", "goal", False)]),
    # an offer aimed at people: the experts are generic, what qualifies them is the target
    ("I have a paid opportunity for experts who've sold into school districts. Anyone come to mind?",
     [("SECTOR", "school districts", "goal", False)]),
])
def test_a_want_the_phrase_lists_never_held(analyze, text, expected):
    analysis = analyze(text)
    assert wanted(analysis) == expected
    assert analysis.specific


@pytest.mark.parametrize("text, expected", [
    # the target is inside the relative clause that qualifies the people asked for
    ("Could you introduce me to anyone who knows water-meter telemetry?",
     [("SECTOR", "water-meter telemetry", "request", True)]),
    # a conditional request: the role is inside its if-clause
    ("If you hear of a claims or underwriting opening that would suit me, please tell me.",
     [("ROLE", "claims", "request", False), ("ROLE", "underwriting", "request", False)]),
])
def test_what_qualifies_the_object_of_a_request(analyze, text, expected):
    assert wanted(analyze(text)) == expected


def test_a_request_for_people_named_by_a_kind_no_lexicon_holds(analyze):
    analysis = analyze("Would you know any commercial beekeepers or migratory apiarists who rent hives to growers?")
    assert [(e.text, e.statement, e.source == "guess") for e in analysis.targets()] == [
        ("commercial beekeepers", "request", True), ("migratory apiarists", "request", True), ("growers", "request", True)]


def test_a_one_word_question_points_back_to_the_line_before_it(analyze):
    analysis = analyze("Dental practice owners in Leeds. Anyone? Would love an intro if you know one.")
    assert [(e.text, e.statement) for e in analysis.targets()] == [("Dental", "request"), ("practice owners", "request")]


def test_a_verbless_list_that_a_question_points_back_to(analyze):
    analysis = analyze("Plant managers or ops directors at food makers over $20M. Who comes to mind?")
    # the role lexicon knows the managers and directors; the food makers are guessed from their head
    assert wanted(analysis) == [("ROLE", "Plant managers", "request", False), ("ROLE", "ops directors", "request", False),
                                ("ROLE", "food makers", "request", True)]


def test_items_listed_under_a_want_are_wanted(analyze):
    analysis = analyze("I'm hiring two people:\n1. a senior data engineer\n2. a part-time bookkeeper\n\nAnyone you'd vouch for?")
    # the question after the list points back to its last item as well: either way both are targets
    assert [e.text for e in analysis.targets()] == ["senior data engineer", "bookkeeper"]
    assert analysis.targets()[0].statement == "goal"


@pytest.mark.parametrize("text", [
    # negated and excluded wants
    "I'm after something new, just not at Oracle. Know anyone?",
    "I'm finished with insurance and never want to touch banking again. Who should I talk to?",
    "I'm pivoting out of hotels and trying to figure out what comes next. Any ideas?",
    "I want out, somewhere, anywhere that isn't a big bank. Know anyone I should talk to?",
    # the writer's own product is not a wanted sector
    "We're building a scheduling tool for dental offices. Any advice for a first-time founder?",
    # a channel or an address is never a company
    "If you know anyone, send them to myname.dev or message me on LinkedIn.",
    # who the writer is ("I'm a fast learner") is background, even in the sentence that asks
    "I'm a fast learner and I'm open to anything, so if you know anyone I should talk to, I'd love an intro!",
    # money and time are never a company or a role ("3M", "HR"), and a job just taken is news
    "We've got 40 paying customers and we're raising a $3M seed. Any intros welcome!",
    "I'm setting up a paid 1-hr call. Anyone come to mind?",
    "Excited to share that I've joined BrightOps as an Account Executive! Any leads welcome.",
    # generic people and bare organisations are the cattle call, not targets
    "I'd love to connect with professionals in your network. Any intros welcome!",
    "I have a paid opportunity for experts and thought of your network. Anyone?",
    "Looking for a mentor! Any leads appreciated.",
])
def test_nothing_to_act_on(analyze, text):
    analysis = analyze(text)
    assert analysis.targets() == []
    assert not analysis.specific


@pytest.mark.parametrize("text, expected", [
    # the writer's past is background, a want after it is not
    ("I spent eight years at Amazon and I'm now looking for a role at a fintech. Know anyone?",
     [("SECTOR", "fintech", "goal")]),
    ("Moving from teaching into instructional design. Anyone I should meet?",
     [("ROLE", "instructional design", "goal")]),
    # the reader's job is background, but "if you work in X" says who is asked
    ("Since you lead the data team at Stripe, do you know anyone in payments risk?",
     [("SECTOR", "payments", "request")]),
])
def test_background_by_grammar(analyze, text, expected):
    assert stated(analyze(text)) == expected


@pytest.mark.parametrize("word, kind", [
    ("owner", None),  # generic alone ("plant managers" needs its modifier)
    ("estimator", "ROLE"), ("grower", "ROLE"),  # a person by the shape of the word
    ("summer", None), ("computer", None),  # ... unless the list of look-alikes holds it
    ("clinic", "COMPANY"), ("manufacturer", "COMPANY"),
    ("telemetry", "SECTOR"), ("robotics", "SECTOR"), ("underwriting", "SECTOR"),
    ("impact", None), ("initiative", None), ("growth", None), ("chance", None),  # abstract
    ("anyone", None), ("lead", None), ("opportunity", None),  # the closed generic set
])
def test_typed_heads(word, kind):
    assert head_kind(word, WORDS) == kind


def test_word_forms():
    assert verb_forms("plan") == {"plan", "plans", "planning", "planned", "plannin", "plannin'"}
    assert verb_forms("hope") >= {"hope", "hopes", "hoping", "hoped"}  # never "hop": the lists carry the forms
    assert verb_forms("apply") == {"apply", "applies", "applying", "applied", "applyin", "applyin'"}
    assert [singular(w) for w in ("growers", "companies", "analytics", "people", "boxes")] == [
        "grower", "company", "analytics", "person", "box"]


def test_the_word_lists_are_the_packs(tmp_path):
    folder = tmp_path / "grammar"
    folder.mkdir()
    for path in (builtin_pack_dir() / "grammar").glob("*.txt"):
        (folder / path.name).write_text(path.read_text())
    (folder / "person-heads.txt").write_text("# one extra\nwidgetsmith\n")
    (tmp_path / "lexicons").mkdir()
    (tmp_path / "lexicons" / "generic-modifiers.txt").write_text("big\n")
    assert head_kind("widgetsmith", read_words(Path(folder))) == "ROLE"
    assert head_kind("owner", read_words(Path(folder))) is None


@pytest.mark.parametrize("text, expected", [
    # a wish in the conditional, whatever its verb
    ("I'd kill to get into post-production at a scripted TV house. Any chance you'd chat?",
     [("SECTOR", "post-production", "goal"), ("SECTOR", "TV", "goal")]),
    # a noun of wanting that a light verb carries: what the verb says after it is wanted
    (("I've set my sights on instructional design, specifically learning experience designer roles at "
      "ed-tech companies. Would you have 15 minutes?"),
     [("ROLE", "instructional design", "goal"), ("ROLE", "learning experience designer", "goal"),
      ("SECTOR", "ed-tech", "goal")]),
    # a want held in the present perfect is now, not the writer's past
    ("I've decided to move into supply chain planning at a food manufacturer. Know anyone?",
     [("ROLE", "supply chain planning", "goal"), ("SECTOR", "food", "goal"), ("SECTOR", "manufacturer", "goal")]),
])
def test_wants_in_the_conditional_and_the_present_perfect(analyze, lint, text, expected):
    assert stated(analyze(text)) == expected
    assert lint(text).verdict == "specific"


def test_the_past_stays_the_past_when_a_word_in_it_looks_like_a_want(analyze, lint):
    # "planning" is a form of "plan", a verb of wanting; here it names the writer's old job
    text = "I spent seven years in merchandise planning at Best Buy. If you hear of anything, let me know."
    assert analyze(text).targets() == []
    assert lint(text).verdict == "vague"


def test_a_question_points_back_to_every_verbless_line_before_it(analyze):
    text = ("Building out our advisory bench.\nOps leaders at regional cold-storage operators.\n"
            "Maintenance supervisors at poultry processors.\nWho comes to mind?")
    analysis = analyze(text)
    assert [(e.text, e.statement) for e in analysis.targets()] == [
        ("Ops leaders", "request"), ("cold-storage operators", "request"),
        ("Maintenance supervisors", "request"), ("poultry", "request")]
    # the lines and the question are one request
    assert [text[a.start:a.end].strip() for a in analysis.asks] == [text[text.index("Ops"):].strip()]


def test_a_line_with_a_clause_of_its_own_is_not_pointed_back_to(analyze, lint):
    text = "Friends: we're hiring at Juniper & Salt, our bakery!\nKnow someone?\nSend them my way"
    assert [e.text for e in analyze(text).targets()] == []
    assert lint(text).verdict == "vague"


@pytest.mark.parametrize("text, expected", [
    # a shape reads words: the parse takes the verb or the preposition off its edge
    ("I'm hoping to meet HR business partners at mid-size tech companies. Could you introduce me?",
     ["HR business partners", "tech"]),
    ("I'd love to talk to whoever runs finance at a regional grocer. Know anyone?", ["finance", "grocer"]),
])
def test_a_pattern_span_loses_the_verbs_at_its_edge(analyze, text, expected):
    assert [e.text for e in analyze(text).targets()] == expected


def test_a_role_that_only_says_how_it_feels_is_no_target(analyze, lint):
    text = "I am seeking a challenging role. If you know of anything, please let me know."
    assert analyze(text).targets() == []
    assert lint(text).verdict == "vague"


def test_statements_start_at_the_clause_that_asks_or_wants(analyze):
    text = ("Hi Nadia!\nI've been a project engineer at a concrete sub for 4 yrs and I'm on the hunt for an "
            "estimator role at a commercial GC. I know you're busy, but do you know anyone at Turner?")
    analysis = analyze(text)
    assert [(s.statement, s.text) for s in analysis.statements] == [
        ("goal", "and I'm on the hunt for an estimator role at a commercial GC."),
        ("request", "but do you know anyone at Turner?")]
    # the goals and asks the rules read stay whole sentences ("I know you're busy, but ..." is a hedge)
    assert [a.text for a in analysis.asks] == ["I know you're busy, but do you know anyone at Turner?"]
    assert analysis.goals[0].text.endswith("at a commercial GC.")


@pytest.mark.parametrize("text, expected", [
    # "always wanted" in the present perfect is still wanted; "I've loved being a teacher" is the past
    ("I've always wanted to work in sports broadcasting. Any advice on breaking in?",
     [("SECTOR", "sports broadcasting", "goal")]),
    ("I've loved being a teacher. If you know anyone I should talk to, let me know.", []),
    # an adjective that names the field belongs to it; one that describes does not
    ("My next chapter is clinical informatics at a children's hospital. Could you point me to anyone?",
     [("ROLE", "clinical informatics", "goal"), ("SECTOR", "hospital", "goal")]),
    # names given as examples of a kind of organisation or product are companies, one by one
    (("I'm setting up paid calls with specialists who know dental practice software such as Dentrix, Eaglesoft "
      "or Open Dental. Anyone come to mind?"),
     [("SECTOR", "dental", "goal"), ("SECTOR", "practice software", "goal"), ("COMPANY", "Dentrix", "goal"),
      ("COMPANY", "Eaglesoft", "goal"),
      ("COMPANY", "Open Dental", "goal")]),
    ("I'm moving to cities like Austin or Denver. Any leads?", []),
])
def test_still_wanted_field_adjectives_and_named_examples(analyze, text, expected):
    assert stated(analyze(text)) == expected


@pytest.mark.parametrize("text, expected", [
    # what a want says something is the kind of is wanted, admired or not
    (("I've always loved how teams like Supergiant and Motion Twin get so much out of so few people, and that's "
      "the kind of place I'd love to land next. If you hear of anything, let me know."),
     [("COMPANY", "Supergiant and Motion Twin", "goal")]),
    ("I admire what Patagonia has built. That's the kind of place I'd love to land. Any ideas?",
     [("COMPANY", "Patagonia", "goal")]),
    # the verbless lines a post opens with name whom it is for when the rest speaks to "any of you"
    ("Arborists. Tree surgeons.\n\nI'm retraining and would love a coffee with any of you. South London.",
     [("ROLE", "Arborists", "request"), ("ROLE", "surgeons", "request")]),
    # ... not after a greeting: the readers are not what the writer wants
    ("Hello fellow nurses! I'm looking for a new job. Anyone know of openings?", []),
    # ... nor when the line is the writer's headline
    ("Seasoned operator relocating to Raleigh this fall. Open to conversations with anyone building something.",
     []),
])
def test_wants_that_point_to_what_they_are_a_kind_of_and_posts_that_name_whom_they_are_for(analyze, text, expected):
    assert stated(analyze(text)) == expected


@pytest.mark.parametrize("text, expected", [
    # a want by an adjective of impatience, with the writer as subject
    ("I'm itching to get back into live events. Could we talk?", [("SECTOR", "live events", "goal")]),
    # a verbless line that says what the writer would prefer, after an excluded field
    ("Six years as a recruiter.\nAnything but recruiting next.\nIdeally people analytics at a bank where I can "
     "use SQL.\nWho should I talk to?",
     [("ROLE", "people analytics", "request"), ("SECTOR", "bank", "request")]),
    # a heading that states a goal takes in its paragraph
    ("Priya Raman\n\nIdeal next role\n\nProcurement manager at a hospital network.\n\nAbout me\n\nI run purchasing "
     "at a clinic.",
     [("ROLE", "Procurement manager", "goal"), ("SECTOR", "hospital", "goal")]),
    # people wanted for what they have done, then named by kind on the lines right after
    ("Paid calls: looking for people who have run a hospital pharmacy.\nDirectors of pharmacy at health systems.\n"
     "If someone comes to mind, please send them my way.",
     [("SECTOR", "hospital pharmacy", "goal"), ("ROLE", "Directors of pharmacy", "goal"),
      ("SECTOR", "health systems", "goal")]),
])
def test_impatient_wants_preferences_headings_and_people_named_after_a_want(analyze, text, expected):
    assert stated(analyze(text)) == expected


@pytest.mark.parametrize("text", [
    # the writer's product, described with "it's a tool", is what a pointer reaches: no target
    "We just launched Rosterly. It's a tool that helps school nurses track allergies.\n\nKnow anyone who'd be a fit?\n",
    # the reader's openings, whatever they are
    "I see you're a recruiter. I'd love to be considered for any roles you're recruiting for.",
    # the writer's experience said without a verb, before a short question
    "4 years as an analyst at Deloitte.\nWho should I talk to?",
])
def test_the_writers_product_the_readers_openings_and_past_without_a_verb_are_background(analyze, text):
    assert [(e.text, e.statement) for e in analyze(text).targets()] == []


@pytest.mark.parametrize("text, expected", [
    # an inverted condition says what the request is about
    ("Should anything open up for a claims adjuster at Hiscox, I'd be grateful for a nudge.",
     [("ROLE", "claims adjuster", "request"), ("COMPANY", "Hiscox", "request")]),
    # a light verb with "my eye on"
    ("I've got my eye on a dispatcher role at a regional airline. Any pointers?",
     [("ROLE", "dispatcher", "goal"), ("COMPANY", "airline", "goal")]),
    # a person noun by the shape of its head, and an organisation that hires by name
    ("Fernwood Garage is hiring a parts counterperson. Know someone?",
     [("ROLE", "parts counterperson", "goal")]),
    # setting up calls with people qualified by what they know
    ("I'm lining up calls with someone familiar with how dairy cooperatives price milk. Any names?",
     [("COMPANY", "dairy cooperatives", "goal")]),
])
def test_conditions_light_verbs_shapes_and_calls_lined_up(analyze, text, expected):
    assert stated(analyze(text)) == expected


@pytest.mark.parametrize("text", [
    "We pay $200/hr for a short call. If anyone might be interested, please pass my details along.",
    "We need donors, volunteers, anyone who cares. Please share this post.",
])
def test_rates_and_relational_nouns_name_no_one(analyze, text):
    assert [(e.text, e.statement) for e in analyze(text).targets()] == []


@pytest.mark.parametrize("text, expected", [
    # the reader's work in an if-clause is whom the request is for
    ("If you work in grid storage, or know someone who does, I'd love a short chat.",
     [("SECTOR", "grid storage", "request")]),
    # a want joined to the writer's past decision
    ("I've decided to leave the lab and would like to move into a field application scientist role. Any tips?",
     [("ROLE", "field application scientist", "goal")]),
    # a condition on a wish names the writer's own service, not a target
    ("I'm a wedding florist. If you ever meet anyone who needs a florist, I'd love it if you passed my name on.", []),
])
def test_conditions_on_the_readers_work_and_wants_after_a_decision(analyze, text, expected):
    assert stated(analyze(text)) == expected


def test_someone_who_uses_a_product_is_still_whom_the_writer_asks_for(analyze):
    targets = analyze("Do you know anyone who uses Salesforce at a hospital?").targets()
    assert [(e.text, e.statement) for e in targets] == [("Salesforce", "request"), ("hospital", "request")]


@pytest.mark.parametrize("text, expected", [
    # a label line of wanting
    ("Estimator, 8 yrs, civils. Want: a site manager role at a construction firm. Based in Leeds.",
     [("ROLE", "site manager", "goal"), ("SECTOR", "construction", "goal")]),
    # the plural lines a post opens with, then "if that's you"
    ("Roasters. Café owners. If that's you, or you know someone who fits, let's talk.",
     [("ROLE", "Roasters", "request"), ("ROLE", "Café owners", "request")]),
])
def test_label_lines_and_posts_that_say_if_thats_you(analyze, text, expected):
    assert stated(analyze(text)) == expected


@pytest.mark.parametrize("text", [
    # the writer's leaving, said without "I'm"
    "Hi Sam, leaving KPMG after 6 yrs and never doing tax again. Would love to catch up and hear your ideas.",
    # a job word, a season and an unnamed field name nothing
    "Looking for internship opportunities for Summer 2026! Any help appreciated.",
    "I've decided I'd like to move into industry. Who should I talk to?",
    "We're trying to widen our circle of support. Any ideas?",
])
def test_leaving_job_words_seasons_and_unnamed_fields_are_no_targets(analyze, text):
    assert [(e.text, e.statement) for e in analyze(text).targets()] == []


def test_a_named_organisation_looking_for_people_names_whom_to_think_of(analyze):
    analysis = analyze("Hiring: Birchway Landscapes is looking for a groundsperson. Share with anyone interested!")
    assert [t for t in stated(analysis) if t[0] == "ROLE"] == [("ROLE", "groundsperson", "goal")]


@pytest.mark.parametrize("text, expected", [
    ("Former district curriculum directors would also be incredibly helpful.",
     [("ROLE", "district curriculum directors", "goal")]),
    ("Your advice would be really helpful.", []),
])
def test_what_would_be_helpful_is_wanted(analyze, text, expected):
    assert stated(analyze(text)) == expected


def test_a_duration_inside_a_headline_does_not_make_it_the_writers_past(analyze):
    text = "Former Navy supply officer (6 years) moving into demand planning at Unilever or Clorox."
    assert [(e.text, e.statement) for e in analyze(text).targets()] == [
        ("demand planning", "goal"), ("Unilever", "goal"), ("Clorox", "goal")]


@pytest.mark.parametrize("text, expected", [
    # an imperative no pattern holds asks, and what it points at is asked for
    ("Steer me toward anybody in stone fabrication who'd train an apprentice.",
     [("SECTOR", "stone fabrication", "request"), ("ROLE", "apprentice", "request")]),
    # a label before a colon that wants or looks ahead
    ("Where I'd love to land: a dispatcher job with a regional airline.",
     [("ROLE", "dispatcher", "goal"), ("COMPANY", "airline", "goal")]),
    ("Nurse for six years. Next chapter for me: utilization review at a health plan.",
     [("ROLE", "utilization review", "goal"), ("SECTOR", "health plan", "goal")]),
    # a wish whose infinitive the parse hangs as a purpose, texting's "tryna", and "my heart is in"
    ("I'd give my right arm to get onto the data team at Duolingo. Up for a chat?",
     [("ROLE", "data", "goal"), ("COMPANY", "Duolingo", "goal")]),
    ("im tryna get into audit after i graduate. would u be down to chat?", [("SECTOR", "audit", "goal")]),
    ("Happy to take anything, but my heart is in wildlife rehab. Any contacts?",
     [("SECTOR", "wildlife rehab", "goal")]),
    # "former" inside what is asked for describes the people asked for
    ("Would you know a former buyer at Petco who'd talk to me?",
     [("ROLE", "buyer", "request"), ("COMPANY", "Petco", "request")]),
    # plural lines naming people, then a short question a line later in the same paragraph
    ("Tile setters or stone fabricators around Knoxville.\nWe need two by March.\nWho you got?",
     [("ROLE", "Tile setters", "request"), ("ROLE", "stone fabricators", "request")]),
])
def test_imperatives_labels_and_people_a_question_is_about(analyze, text, expected):
    analysis = analyze(text)
    assert stated(analysis) == expected
    assert analysis.specific


@pytest.mark.parametrize("text", [
    # telling, not wanting, before the colon
    "I wanted to share some news: I left Deloitte to build an app for photographers.\nAny feedback welcome!",
    # a label that refuses, and a label followed by news, not a goal
    "What I don't want: anything in retail banking.\nIf you hear of something, let me know.",
    "What's next: we're onboarding our first ten farms in Saskatchewan. If anyone comes to mind, we'd love an intro.",
    # sympathy, not a want
    "My heart goes out to everyone at Intel affected by the layoffs. If you know of anything, let me know.",
    # a want while doing something in the past
    "I found your profile while looking for product managers at Stripe. Any advice for me?",
    # "Let me introduce myself" is no request about anyone
    "Let me introduce myself as a nurse at Mercy. If you hear of anything, let me know.",
    # a refusal with "any industry", and a quarter of the year
    "I'm open to any industry, honestly. Booking projects for Q1! If anything comes up, tell me.",
])
def test_telling_refusing_and_the_past_are_no_wants(analyze, text):
    assert [(e.text, e.statement) for e in analyze(text).targets()] == []


def test_a_greeting_and_a_sign_off_are_not_part_of_a_statement(analyze):
    analysis = analyze("Hi Pete, could you point me to anyone who buys for bike shops?\n\n"
                       "Thank you for considering it,\nTess\n")
    assert [(s.statement, s.text) for s in analysis.statements if s.by == "grammar"] == [
        ("request", "could you point me to anyone who buys for bike shops?")]


@pytest.mark.parametrize("text, expected", [
    # a pseudo-cleft keeps its object, however the parse splits it
    ("What I'm chasing now is a revenue operations lead role at a B2B SaaS company. Any intros?",
     [("ROLE", "revenue operations lead", "goal"), ("SECTOR", "B2B SaaS", "goal")]),
    # a want noun as the copula's complement wants its subject
    ("Hospital procurement is the long-term plan. Any advice for me?", [("ROLE", "Hospital procurement", "goal")]),
    # a named organisation that needs people
    ("Millbrook Ambulance needs two overnight dispatchers. Know anyone?", [("ROLE", "dispatchers", "goal")]),
    # "I'd be thrilled to get / join ..."
    ("I'd be over the moon to get a summer analyst spot in equity research. Any advice?",
     [("ROLE", "analyst", "goal"), ("ROLE", "equity research", "goal")]),
])
def test_clefts_plans_needs_and_conditional_delight(analyze, text, expected):
    analysis = analyze(text)
    assert stated(analysis) == expected
    assert analysis.specific


@pytest.mark.parametrize("text", [
    # the writer's own career, in the same clause as the ask
    "I'm early in my supply chain career and would love to connect and learn from your path.",
    # what might fit is the thing, not a pointer back to the writer's past
    ("After fourteen years at Northfield, most recently as Director of Member Services, my position was eliminated. "
     "Please keep me in mind should you hear of anything that might be a fit."),
    # an offer, not a wish
    "I'd be happy to help your team with onboarding. If you know anyone, let me know.",
])
def test_the_writers_career_a_thing_that_fits_and_an_offer_are_no_targets(analyze, text):
    assert [(e.text, e.statement) for e in analyze(text).targets()] == []


@pytest.mark.parametrize("text, expected", [
    # someone the writer speaks for
    ("My brother-in-law Jorge is hunting for HVAC tech work. Anyone hiring?", [("ROLE", "HVAC tech", "goal")]),
    ("One of our clients is looking for calls with former plant managers at creameries. Any names?",
     [("ROLE", "plant managers", "goal"), ("SECTOR", "creameries", "goal")]),
    # the writer steers their career somewhere
    ("I'm steering my career toward instructional design at an ed-tech company.",
     [("ROLE", "instructional design", "goal"), ("SECTOR", "ed-tech", "goal")]),
    # a salesperson's buyers
    ("Our buyers tend to be the fleet manager at a housing association. Who looks after yours?",
     [("ROLE", "fleet manager", "goal"), ("COMPANY", "housing association", "goal")]),
    # an offer aimed at people, in a sentence with no word of wanting but the offer's
    ("We have a paid consulting opportunity for benefits leaders at self-insured employers.",
     [("SECTOR", "consulting", "goal"), ("ROLE", "benefits leaders", "goal"), ("SECTOR", "self-insured", "goal")]),
])
def test_people_the_writer_speaks_for_careers_steered_and_buyers(analyze, text, expected):
    assert stated(analyze(text)) == expected


def test_the_end_of_a_hyphenated_word_is_no_phrase(analyze):
    analysis = analyze("I'm hunting for a job in my sister-in-law's field, ideally in fintech. Any leads?")
    assert stated(analysis) == [("SECTOR", "fintech", "goal")]


@pytest.mark.parametrize("text, expected", [
    # a question that ends its line ends its sentence, whatever the segmenter joins after it
    (("- Controllers at construction companies\n- Ops managers at electrical subcontractors\n\n"
      "Anyone in your world fit that bill?\nWe built a job-costing tool for them.\n"),
     [("ROLE", "Controllers", "request"), ("SECTOR", "construction", "request"), ("ROLE", "Ops managers", "request"),
      ("ROLE", "electrical subcontractors", "request")]),
    # a favour asked in an if-clause, whatever its verb
    ("If you can steer me toward a fleet manager at a school district, I'd owe you one.",
     [("ROLE", "fleet manager", "request"), ("SECTOR", "school district", "request")]),
    # the people who buy the writer's product
    ("We built ShiftSwap. The people who buy this are directors of nursing, and I need ten of them on the phone.",
     [("ROLE", "directors of nursing", "goal")]),
])
def test_questions_that_end_a_line_favours_asked_if_and_who_buys(analyze, text, expected):
    analysis = analyze(text)
    assert stated(analysis) == expected
    assert analysis.specific


@pytest.mark.parametrize("text, expected", [
    # an imperative after an if-clause addressed to the reader, however the parse hangs it
    ("If you grow berries, or know a farm manager who'd try it, comment or send me a DM.",
     [("ROLE", "farm manager", "request")]),
    # thanks in advance for what is asked
    ("Could we talk next week? I'd also be grateful for the names of any loan officers you rate.",
     [("ROLE", "loan officers", "request")]),
    # a wish in the conditional whose object is a job
    ("I would honestly crawl over broken glass for a junior colourist job at a post house.",
     [("ROLE", "junior colourist", "goal")]),
])
def test_requests_after_a_condition_thanks_for_and_wishes_for_a_job(analyze, lint, text, expected):
    assert stated(analyze(text)) == expected
    assert lint(text).verdict == "specific"


def test_a_fragment_on_the_lookout_wants_what_follows(analyze):
    analysis = analyze("end of term brain dump 🎉 on the lookout for a summer gig as a wildland firefighter, ideally out west.")
    assert ("ROLE", "wildland firefighter", "goal") in stated(analysis)
    # a move someone made is no want
    assert analyze("Congrats on the move to Canva, Ivy!! Well deserved.").targets() == []


def test_plural_people_the_model_reads_as_verbs_make_a_verbless_line(analyze):
    text = "Shift leads, line cooks, kitchen managers at hotel restaurants in Ohio. Who comes to mind?"
    assert [(e.text, e.statement) for e in analyze(text).targets()][:3] == [
        ("Shift leads", "request"), ("line cooks", "request"), ("kitchen managers", "request")]


def test_a_fit_for_the_writer_points_back_to_nothing(lint):
    text = ("We back seed-stage software for dentists, orthodontists and oral surgeons. Since you've spent years "
            "around dental practices, who do you know that might be a fit for us?")
    assert lint(text).verdict == "vague"


@pytest.mark.parametrize("text, expected", [
    # a note's "I" dropped before the light verb of a want (when the parse makes "Have" the root:
    # with "a product designer move", it reads "move" as the verb and finds no want)
    ("Have my eye on a sales engineer move to a database company. Any advice welcome.",
     [("ROLE", "sales engineer", "goal"), ("SECTOR", "database", "goal")]),
    # a step ahead named as a job
    ("The first step is a line cook job at a hotel kitchen. Any names welcome.",
     [("ROLE", "line cook", "goal"), ("SECTOR", "hotel kitchen", "goal")]),
])
def test_a_dropped_i_and_a_step_ahead_named_as_a_job(analyze, text, expected):
    assert stated(analyze(text)) == expected


def test_the_job_the_writer_holds_is_no_step_ahead(lint):
    report = lint("My current role is a PM job at Stripe. Any advice welcome.")
    assert said(report) == [("PM", "background"), ("Stripe", "background")]


def test_bullets_under_a_line_that_wants_are_wanted(analyze):
    text = "**What I'm aiming for**\n- Payroll specialist or HRIS analyst\n- Fully remote\n\nDMs open!\n"
    assert [(e.text, e.statement) for e in analyze(text).targets()] == [
        ("Payroll specialist", "goal"), ("HRIS analyst", "goal")]


def test_a_fit_for_something_like_this_points_back_to_nothing(lint):
    text = ("We're both in the Dayton Rotary group. We build scheduling software for small clinics. "
            "Who do you know that might be a good fit for something like this?")
    assert lint(text).verdict == "vague"


@pytest.mark.parametrize("text, expected", [
    # "hear from" says whom, it leaves nothing; a sign-off's "Cheers" is no person
    ("Keen to hear from anyone who hires estimators at a general contractor. Cheers!",
     [("ROLE", "estimators", "request"), ("ROLE", "general contractor", "request")]),
    # "I've got" is now, not the writer's past: what hangs from it is not left out
    (("Hi Jo, loved your talk. I graduate from UAL in June and I've got my heart set on sound post, ideally as a "
      "dialogue editor or foley artist. Would you point me towards anyone at Halo, Molinare or one of the smaller "
      "houses in Soho? Cheers!"),
     [("ROLE", "sound", "goal"), ("ROLE", "dialogue editor", "request"), ("ROLE", "foley artist", "request"),
      ("COMPANY", "Halo", "request"), ("COMPANY", "Molinare", "request")]),
    # a welcome in the future tense
    ("Referrals for Ryder or any 3PL warehouse will be highly appreciated.",
     [("COMPANY", "Ryder", "request"), ("SECTOR", "3PL", "request"), ("SECTOR", "warehouse", "goal")]),
])
def test_hearing_from_having_got_and_a_future_welcome(analyze, text, expected):
    assert stated(analyze(text)) == expected


def test_a_clause_of_the_past_under_a_want_stays_the_past(lint):
    report = lint("After my summer internship at Vanguard ended, I'm still searching. Any openings you know of?")
    assert [(e.text, e.statement) for e in report.entities if e.label == "COMPANY"] == [("Vanguard", "background")]
    assert report.verdict == "vague"


def test_a_courtesy_is_no_sector(lint):
    report = lint("Kindly let me know if there is any vacancy suitable for my profile in your esteemed organisation.")
    assert [e.text for e in report.entities] == [] and report.verdict == "vague"


def test_a_student_alone_is_whoever_writes(lint):
    text = "I'm a junior at Kent State. If you know anyone who'd be willing to talk with a student, I'd be grateful."
    assert lint(text).verdict == "vague"
    # with a field before it the message names whom it wants
    assert lint("Do you know any nursing students who want a summer job?").verdict == "specific"


def test_a_preposition_the_parser_left_without_its_object(analyze):
    # "calls" is tagged a verb and the "for" left empty: the rest of the sentence is what is looked for
    analysis = analyze("We have a client looking for paid 1-hr calls with cranberry growers in Wisconsin, "
                       "or plant managers at a juice or dried fruit processor.")
    assert ("ROLE", "plant managers", "goal") in stated(analysis)


@pytest.mark.parametrize("word", ["following", "sharing", "selling", "drawing", "learner", "waitlist", "neighbor"])
def test_words_no_shape_makes_a_target(word):
    assert head_kind(word, WORDS) is None


@pytest.mark.parametrize("text, expected", [
    # a round the writer wants to come from some people: "from" names a source, not a departure
    ("We're raising a pre-seed and want it to come mostly from angels who have run restaurant groups.",
     [("ROLE", "angels", "goal"), ("SECTOR", "restaurant", "goal")]),
    # "anything" with an infinitive after it is the wish
    ("Honestly I'd give anything to do data work at a football club. Could we talk for 10 mins?",
     [("SECTOR", "data", "goal")]),
])
def test_a_source_and_a_wish_through_anything(analyze, text, expected):
    assert stated(analyze(text)) == expected


def test_what_would_suit_the_writer_is_wanted(lint):
    report = lint("Had my fill of retail. Office admin or warehouse work would suit me, days ideally. Keep me in mind?")
    assert ("warehouse", "goal") in said(report)


def test_the_field_of_a_degree_is_the_writers_studies(lint):
    report = lint("I am pursuing B.Tech in Civil Engineering from VIT. Kindly guide me for any internship opportunity.")
    assert report.verdict == "vague"
    # a want joined to the studies is still a want
    report = lint("I'm finishing my accounting degree and working toward a staff auditor role at a regional CPA firm.")
    assert "staff auditor" in [e.text for e in report.entities if e.statement == "goal"]


@pytest.mark.parametrize("text", [
    # a club's chapter is no "next chapter"
    "I'm a senior majoring in marketing. I also lead our chapter of the American Marketing Association. "
    "I'd love to learn more about what opportunities you have!",
    # a liking without "would" says what the writer enjoys, not what they want
    "I've been an architect for eight years. I love the research side of architecture, interviewing teachers. "
    "I would love any insight you could share about your path.",
    # the reason for a want is the writer's situation: the partner is nobody to find
    "My contract with Inditex ends in December. I would like to stay in UK because my partner is here. "
    "If you know of some opportunity, please tell me.",
])
def test_a_club_a_liking_and_a_reason_are_no_wants(lint, text):
    report = lint(text)
    assert report.verdict == "vague"
    assert [e.text for e in report.entities if e.statement != "background"] == []


def test_a_want_the_tagger_took_for_an_interjection(lint):
    # "like" after "'d" tagged UH in a pseudo-cleft: what the copula says is still wanted
    report = lint("I'm a CPA with eight years in tax. What I'd like next is to be the person who runs the books "
                  "inside one of them — a controller at a family-owned manufacturer.")
    assert ("controller", "goal") in said(report)


def test_an_imperative_the_tagger_took_for_an_interjection(lint):
    # "Tag/UH a shop owner who ...": a kind of person as its object makes the opening word the verb
    report = lint("Tag a shop owner who needs an extra pair of hands, salamat!")
    assert said(report) == [("shop owner", "request")]
    # a greeting with a person after it stays a greeting
    greeting = lint("Dear hiring manager, I am applying for the analyst role.")
    assert "request" not in [s.statement for s in greeting.statements]


@pytest.mark.parametrize("text, expected", [
    # the parser hung "I" from the auxiliary: the want is still the writer's
    ("What I'm itching to do next is food-service work at a contract caterer like Sodexo.", ("Sodexo", "goal")),
    # whom the writer plans to work with, said of the writer's own pilots
    ("We make frost sensors. Our first paid pilots should be with citrus growers in Tulare County.",
     ("citrus growers", "goal")),
    # "going after" and "zeroing in on" X want X; a pseudo-cleft of steering says where to
    ("Next I'm going after AE roles at security companies.", ("AE", "goal")),
    ("I'm zeroing in on underwriting roles at specialty insurers.", ("underwriting", "goal")),
    ("Where I'm steering now is the color suite: an assistant colorist seat at a finishing house.",
     ("assistant colorist", "goal")),
    # "putting in for" a job is applying for it
    ("I'm putting in for a DC manager job at C&S and want to hear what it's like.", ("DC manager", "goal")),
    # an if-clause to the reader, after a "P.S.", then the writer offered
    ("P.S. if you're connected to a family-owned winery in Sonoma that needs a cellar hand, I'm your guy.",
     ("winery", "request")),
    # what the people asked for are in, at an employer, is their function
    ("If you know someone in collections at a museum, could you put us in touch?", ("collections", "request")),
])
def test_wants_and_asks_from_batch_1641_1700(lint, text, expected):
    assert expected in said(lint(text))


@pytest.mark.parametrize("text", [
    "I'm going after graduation, so any tips would help.",
    "Would you know anyone in the area who is hiring?",
    "I'd love to connect with anyone in the room.",
])
def test_a_time_or_a_place_is_no_want(lint, text):
    assert [e.text for e in lint(text).entities if e.statement != "background"] == []


def test_a_kind_of_practice_is_a_sector_and_a_team_a_function(lint):
    report = lint("Do you know anyone at a dental practice, or on the data team at Stripe?")
    assert [(e.text, e.label) for e in report.entities] == [("dental", "SECTOR"), ("data", "ROLE"), ("Stripe", "COMPANY")]


@pytest.mark.parametrize("text, expected", [
    # asides around an ask ask too, without an asking verb
    ("Know a night pharmacist? Send them my way. Referrals very much appreciated 💊",
     ("Referrals very much appreciated", "request")),
    ("I'm looking for a summer internship in audit. Feel free to reach out 😊", ("Feel free to reach out", "request")),
    ("Great chatting at the summit about cold starts! Let's stay in touch 🙂", ("Let's stay in touch", "request")),
    # the writer's own product is no goal, and a greeting no part of what follows
    ("We're building scheduling software for veterinary clinics. We'd love to meet anyone who can help us grow.",
     ("We're building scheduling software for veterinary clinics.", None)),
    ("Respected Sir, I am seeking for a job opportunity.", ("Respected Sir,", None)),
])
def test_what_each_sentence_states(lint, text, expected):
    words, statement = expected
    stated = {text[s.start:s.end].strip(): s.statement for s in lint(text).statements}
    found = next((v for k, v in stated.items() if k.startswith(words)), None)
    assert found == statement, stated


@pytest.mark.parametrize("text, expected", [
    # a recruiter's search names whom the client wants; the writer's own company is no target
    ("I'm recruiting for a Director of Revenue Cycle at a 400-bed hospital in Spokane.", ("hospital", "goal")),
    # the writer pictured in a field, and what draws the writer, said in a cleft
    ("Long term I see myself in grower relations at a packer like Mission Produce.", ("grower relations", "goal")),
    ("What's pulling me now is HR, specifically talent acquisition roles at a hospital.", ("talent acquisition", "goal")),
    # a Markdown label in bold states the goal of the names after it
    ("**What I'm after:** anything hands-on in battery manufacturing\n**Dream list:** Magna, Linamar\n",
     ("manufacturing", "goal")),
])
def test_wants_from_batch_1761_1820(lint, text, expected):
    report = lint(text, path="draft.md" if text.startswith("**") else "message.txt")
    assert expected in said(report)



@pytest.mark.parametrize("text, expected", [
    # a want opening a line that the parse hung from the aside after it
    ("Looking at compliance roles in crypto or payments (saw you're at Circle).", ("crypto", "goal")),
    # "lookin" as people type it
    ("got laid off last month. lookin for a CNC machinist job, 2nd shift if possible.", ("CNC machinist", "goal")),
    # a client the writer has, wanting through a participle; the writer named by a noun, then wanting
    ("We have a client looking to speak with people who have run procurement at a hospital system.",
     ("hospital system", "goal")),
    ("I'm a wedding videographer trying to wiggle my way into post-production for scripted TV.",
     ("post-production", "goal")),
    # an imperative to tag a friend who is a kind of person, hung from the clause after it
    ("Tag a friend who's a pharmacist and sick of day shifts — we need two of those too.", ("pharmacist", "request")),
    # the reader's job does not swallow the writer's request joined to it
    ("You sit on a couple of boards in that world, so if there's an executive director you think would "
     "welcome an extra set of hands, I'd love an introduction.", ("executive director", "request")),
])
def test_wants_and_asks_from_batch_1821_1880(lint, text, expected):
    assert expected in said(lint(text))


@pytest.mark.parametrize("text", [
    # what the writer hopes to get out of an opening names no one
    "I'm looking for opportunities where I can grow, learn from great people and gain real-world experience.",
    # a career told in the past, however it climbed
    "Before that I spent time at Sears, starting as a stock associate and working my way up to store manager. "
    "If you know of anything, let me know.",
    # a place the writer stays in is no company
    "My family and I plan to stay in the Norfolk area. Any contacts at all would help.",
])
def test_growth_a_past_climb_and_a_place_are_no_targets(lint, text):
    report = lint(text)
    assert [e.text for e in report.entities if e.statement != "background"] == []
    assert report.verdict == "vague"


@pytest.mark.parametrize("text, expected", [
    # a verbless line offering paid work names whom it is for
    ("Paid 1-hr phone consult ($300) for a current or recent revenue cycle director at a US hospital system.",
     ("hospital system", "goal")),
    # a want adjective on the copula: what the parse made its attribute is wanted, not who the writer is
    ("I am very eager to join in VLSI domain, specially physical design or verification in companies like "
     "Qualcomm, Intel or any semiconductor MNC.", ("Qualcomm", "goal")),
    # a credential names a role
    ("If you know a PharmD who'd rather work nights than deal with retail chaos, send them my way.",
     ("PharmD", "request")),
])
def test_wants_and_asks_from_batch_1881_1940(lint, text, expected):
    assert expected in said(lint(text))


@pytest.mark.parametrize("text", [
    "We're growing fast and I'm on the lookout for great talent across the board. If anyone comes to mind, "
    "send them my way.",
    "If you know anyone who might like to support the Eastside Boys & Girls Club, please forward this along!",
])
def test_talent_and_a_cause_to_support_are_no_targets(lint, text):
    report = lint(text)
    assert [e.text for e in report.entities if e.statement != "background"] == []
    assert report.verdict == "vague"
