"""The route table, matched by meaning: phrasings written for this test (not the route examples,
not the question set's test half) must reach their route with the real MiniLM embedder."""

from __future__ import annotations

import pytest

from debrief.core.errors import ModelError
from debrief.features.routes import (
    ONE_INTERVIEW,
    ROUTE_REPLY,
    ROUTES,
    Route,
    Router,
    mask_companies,
    model_chooser,
    route_schema,
)
from tests.fakes import FakeModel

COMPANIES = ["Quillfeather Analytics", "Bramblecote Hospital", "Osprey & Vane", "Tarnhelm Bank",
             "Cobalt Finch"]
ONE = ONE_INTERVIEW
PHRASINGS: list[tuple[str, str]] = [
    # one interview: facts, people, dates, reasons
    ("what salary did Quillfeather quote me", ONE),
    ("how much was the base at Tarnhelm Bank", ONE),
    ("who ran my interview at Bramblecote", ONE),
    ("when is the Osprey & Vane decision due", ONE),
    ("why did Cobalt Finch turn me down", ONE),
    # a shift as work and "in the first place" are no change; a day asked with what became of it
    ("why was Bramblecote after night shift leads in the first place", ONE),
    ("By what date did Tarnhelm Bank want my reply, and was that date moved?", ONE),
    ("what stack is the Quillfeather data team on", ONE),
    ("how many nights a month would I be on call at Bramblecote", ONE),
    ("how many different sessions were there at the Bramblecote onsite", ONE),
    ("did Tarnhelm say anything about working from home", ONE),
    ("what was the homework task Osprey & Vane set", ONE),
    ("who is the recruiter handling the Cobalt Finch role", ONE),
    ("whats the start date at bramblecote hospital", ONE),
    ("what did they say about the probation period at Quillfeather", ONE),
    ("where would I be based if Tarnhelm hires me", ONE),
    ("what mistakes did I make in the Cobalt Finch technical test", ONE),
    ("how long was the Osprey & Vane final", ONE),
    ("which ward would I be on at Bramblecote", ONE),
    ("what's the parental leave policy at Quillfeather", ONE),
    ("what was the feedback from Tarnhelm after round two", ONE),
    ("who would I report to at Cobalt Finch", ONE),
    ("how big is the design team at Osprey & Vane", ONE),
    ("did the Bramblecote manager mention a sign-on bonus", ONE),
    ("what was the scenario in the Quillfeather case interview", ONE),
    ("when did I have my phone screen with Tarnhelm", ONE),
    ("what did the Cobalt Finch founder say about runway", ONE),
    ("is there a dress code at Osprey & Vane", ONE),
    ("what happened at the end of the Bramblecote panel", ONE),
    ("how much holiday does Quillfeather give", ONE),
    ("what's the team lead's name at Tarnhelm", ONE),
    ("what did i get asked to prepare for the cobalt finch presentation", ONE),
    ("why is the Osprey & Vane role open", ONE),
    # which interviews mention a topic / compare across jobs
    ("which of my interviews had a whiteboard exercise", "which_interviews"),
    ("which companies offered me a hybrid setup", "which_interviews"),
    ("which job has the biggest salary", "which_interviews"),
    ("where did they make me present to a group", "which_interviews"),
    ("which employers mentioned a four-day week", "which_interviews"),
    ("which places asked about my notice period", "which_interviews"),
    ("which jobs involve night shifts", "which_interviews"),
    ("compare the pay between all the roles", "which_interviews"),
    ("which of the firms want me on site five days", "which_interviews"),
    ("how many companies brought up relocation", "which_interviews"),
    ("which interviews included a personality test", "which_interviews"),
    ("what jobs would need me to travel a lot", "which_interviews"),
    ("which recruiters told me the budget for the role", "which_interviews"),
    ("which of these positions pays the least", "which_interviews"),
    ("in which interviews did they bring up diversity", "which_interviews"),
    ("which employers asked me about conflict at work", "which_interviews"),
    ("which jobs offer the best training budget", "which_interviews"),
    ("which companies want a portfolio", "which_interviews"),
    ("how many of the jobs mention a pension", "which_interviews"),
    ("which of my interviews were with several people at once", "which_interviews"),
    # one company over time
    ("how did the Quillfeather role change from the first call to the final", "over_time"),
    ("did Tarnhelm's pay range move between interviews", "over_time"),
    ("did the band at Cobalt Finch creep up between round 1 and round 2?", "over_time"),
    ("did the salary at Bramblecote go up from round 1 to round 2?", "over_time"),
    ("what's different about the Bramblecote job now versus the screening call", "over_time"),
    ("has anything changed at Osprey & Vane since round one", "over_time"),
    ("how has the team at Cobalt Finch changed over my interviews", "over_time"),
    ("is the Quillfeather start date still what they first said", "over_time"),
    ("what shifted at Tarnhelm between the recruiter chat and the last round", "over_time"),
    ("compare my first and second Bramblecote interviews", "over_time"),
    # "changed / different / shifted", one company named, however the rest is put
    ("tarnhelm switched stuff on me after the first chat - money, hours. what changed exactly",
     "over_time"),
    ("quillfeather round 1 vs the panel day: whats different about the job", "over_time"),
    ("o que mudou na Cobalt Finch desde a primeira entrevista?", "over_time"),
    # counts of companies and repeat interviews
    ("how many employers have I spoken to so far", "company_count"),
    ("in total how many interviews are in my notes", "company_count"),
    ("did I interview anywhere more than once", "company_count"),
    ("what's my interview count", "company_count"),
    ("how many different agencies have i actually interviewed with? not the second rounds",
     "company_count"),
    ("how many schools have I interviewed at so far", "company_count"),
    ("how many firms am I talking to", "company_count"),
    ("which employers have I had more than one interview with", "company_count"),
    # the same person at several companies
    ("is there an interviewer I met at two companies", "same_person"),
    ("did anyone interview me at more than one employer", "same_person"),
    ("have any of my interviewers moved between the companies I applied to", "same_person"),
    ("did I bump into the same recruiter for two different firms", "same_person"),
    ("who have I met at more than one company", "same_person"),
    # other openings
    ("did any company suggest a better-suited role", "other_openings"),
    ("which interviewers pointed me at another vacancy", "other_openings"),
    ("what other jobs did people recommend I apply for", "other_openings"),
    ("how many companies offered to move me to a different position", "other_openings"),
    ("were any other roles mentioned that I'd fit", "other_openings"),
    ("has anyone floated a different team for me", "other_openings"),
    ("list every alternative opening that came up", "other_openings"),
    # most asked
    ("what questions come up the most", "most_asked"),
    ("which question do I get asked in nearly every interview", "most_asked"),
    ("what do employers ask me again and again", "most_asked"),
    ("what are my most frequent interview questions", "most_asked"),
    ("which interview questions repeat across companies", "most_asked"),
    ("what should I prepare for since it's asked everywhere", "most_asked"),
    # most valued
    ("what do hiring managers seem to value most", "most_valued"),
    ("what traits are interviewers looking for across the board", "most_valued"),
    ("what matters most to the people interviewing me", "most_valued"),
    ("what do interviewers keep stressing is important", "most_valued"),
    ("overall what do employers prioritise in candidates", "most_valued"),
    # the questions of one interview
    ("what did Tarnhelm ask me in the interview", "questions_of_one"),
    ("list the interview questions from Quillfeather", "questions_of_one"),
    ("what questions came up at Bramblecote", "questions_of_one"),
    ("what was I quizzed on at Osprey & Vane", "questions_of_one"),
    ("which questions did the Cobalt Finch panel put to me", "questions_of_one"),
    ("remind me what the Tarnhelm interviewers asked", "questions_of_one"),
    # promises and follow-ups
    ("what did I say I'd send the Quillfeather recruiter", "promises"),
    ("what do I still owe Bramblecote", "promises"),
    ("who was I going to email after the Osprey & Vane interview", "promises"),
    ("what follow-up did I promise Tarnhelm", "promises"),
    ("did I agree to send Cobalt Finch anything", "promises"),
    ("what do I need to get back to them with", "promises"),
    ("what's on my list of things to send after the interviews", "promises"),
    ("did I promise my references to anyone", "promises"),
    ("what was the document I told the manager I'd forward", "promises"),
    # what one interview cared about
    ("what did the Quillfeather interviewers care about", "priorities_of_one"),
    ("what moved at Tarnhelm between the first interview and the practical", "over_time"),
    ("what is Tarnhelm looking for in a hire", "priorities_of_one"),
    ("what qualities did Bramblecote value in me", "priorities_of_one"),
    ("what was most important to the Osprey & Vane panel", "priorities_of_one"),
    # one employer told by the kind of place it is, not named
    ("where does the noodle bar buy its rice from", ONE),
    ("how long is the commute to the bakery job", ONE),
    ("booking a dentist - how many days leave do i get at the charity place", ONE),
]


@pytest.fixture(scope="module")
def router(embedder) -> Router:  # noqa: ANN001
    return Router(embedder)


def test_the_set_is_large_and_covers_every_route() -> None:
    assert len(PHRASINGS) >= 100
    assert {r for _, r in PHRASINGS} == {r.name for r in ROUTES}
    examples = {e.casefold() for r in ROUTES for e in r.examples}
    assert not [q for q, _ in PHRASINGS if q.casefold() in examples]


@pytest.mark.parametrize(("question", "route"), PHRASINGS, ids=[q for q, _ in PHRASINGS])
def test_phrasing_reaches_its_route(router: Router, question: str, route: str) -> None:
    assert router.route(question, companies=COMPANIES).route == route


def test_company_names_are_masked_and_counted() -> None:
    text, named = mask_companies("what did Tarnhelm's panel and Osprey & Vane ask", COMPANIES)
    assert named == 2 and "Tarnhelm" not in text and "Osprey" not in text
    assert mask_companies("a group interview", ["Velden Group"]) == ("a group interview", 0)


def test_the_kind_of_place_only_one_company_is_names_it_with_the() -> None:
    saved = ["Thornmoor College", "Harbridge University", "Openhand Access", "Velden Group"]
    assert mask_companies("whats changed with the college job since round one", saved) == (
        "whats changed with the company job since round one", 1)
    assert mask_companies("do any of them need a college degree", saved)[1] == 0  # no "the"
    # a kind two companies share names neither
    assert mask_companies("the college pay", [*saved, "Brackley College"])[1] == 0


def test_a_word_several_companies_share_names_none_of_them() -> None:
    # The e2e store holds "Northwind Data" beside the test's "Northwind 848cd7": the question
    # names one company (over time), not two (which once sent it off the over-time route).
    saved = ["Northwind Data", "Northwind Tabs 1a2b3c", "Northwind 848cd7"]
    text, named = mask_companies("How did the team size at Northwind 848cd7 change?", saved)
    assert (text, named) == ("How did the team size at the company change?", 1)
    assert mask_companies("what did Northwind ask", saved) == ("what did Northwind ask", 0)
    assert mask_companies("what did Northwind ask", ["Northwind Data"])[1] == 1


def test_a_weak_match_on_one_place_told_by_its_kind_is_one_interview(router: Router) -> None:
    """'where the noodle bar buys its rice' matched weakly: one interview, without asking the
    model (which had chosen a listing across interviews); a question that sets two places side
    by side still goes to the model."""
    asked: list[str] = []

    def choose(question: str, options: list[Route]) -> str | None:
        asked.append(question)
        return "which_interviews"

    strict = Router(router.embedder, strong=1.01)  # every match counts as weak
    got = strict.route("where does the noodle place buy its rice from", choose, COMPANIES)
    assert got.route == ONE and not got.tie_broken and not asked
    both = strict.route("which pays more, the noodle place or the bakery job", choose, COMPANIES)
    assert asked and both.tie_broken
    # any "the …" the question ends on after "at" is such a place, but not a moment of it
    kind_unlisted = strict.route("how much leave do the drivers get at the coach operator?",
                                 choose, COMPANIES)
    assert kind_unlisted.route == ONE and not kind_unlisted.tie_broken and len(asked) == 1
    strict.route("what were the questions at the end", choose, COMPANIES)
    assert len(asked) == 2
    strict.route("i dont think i promised anyone at the museum anything?", choose, COMPANIES)
    assert len(asked) == 3  # "anything" is no place: asked across, as the model picks


def test_weak_match_is_settled_by_the_model_with_an_enum_choice(router: Router) -> None:
    model = FakeModel(replies=[{"route": "which_interviews"}])

    def choose(question: str, options: list[Route]) -> str | None:
        out = model.complete([{"role": "user", "content": question}],
                             schema=route_schema(options))
        import json
        return str(json.loads(out.text)["route"])

    strict = Router(router.embedder, strong=1.01)  # every match counts as weak
    got = strict.route("which panel questions came up again?", choose, COMPANIES)
    assert got.tie_broken and got.route == "which_interviews"
    enum = model.calls[0]["schema"]["properties"]["route"]["enum"]
    assert "which_interviews" in enum and len(enum) == 3
    # A choice outside the offered names, or a failing model, falls back to the nearest route.
    bad = strict.route("which panel questions came up again?", lambda q, o: "delete_everything", COMPANIES)
    fitting = [r.name for r in ROUTES if r.fits("which panel questions came up again?")]
    assert not bad.tie_broken and bad.route == max(fitting, key=lambda n: bad.scores[n])


class PickingModel(FakeModel):
    """A fake with `pick`: records what it was offered and picks the last option."""

    def __init__(self, fail: bool = False) -> None:
        super().__init__()
        self.fail = fail
        self.picks: list[dict] = []

    def pick(self, messages, options, *, prefix="", suffix=""):  # noqa: ANN001, ANN201
        self.picks.append({"messages": messages, "options": options, "prefix": prefix})
        if self.fail:
            raise ModelError("no chat template")
        return options[-1]


def test_the_chooser_lists_every_route_and_offers_only_the_nearest(prompts) -> None:  # noqa: ANN001
    model = PickingModel()
    choose = model_chooser(model, prompts)
    offered = list(ROUTES[2:5])
    assert choose("panel stuff?", offered) == offered[-1].name
    sent = model.picks[0]
    assert sent["options"] == [r.name for r in offered]
    assert sent["prefix"] == ROUTE_REPLY and not model.calls
    prompt = sent["messages"][-1]["content"]
    assert all(f"- {r.name}: " in prompt for r in ROUTES)
    # The same listing for another question and other options: the prompt's start is fixed.
    choose("who else?", list(ROUTES[:3]))
    again = model.picks[1]["messages"][-1]["content"]
    assert again.split("QUESTION:")[0] == prompt.split("QUESTION:")[0]


def test_a_model_that_cannot_pick_completes_under_the_schema(prompts) -> None:  # noqa: ANN001
    model = PickingModel(fail=True)
    model.replies.append({"route": ROUTES[3].name})
    offered = list(ROUTES[2:5])
    assert model_chooser(model, prompts)("panel stuff?", offered) == ROUTES[3].name
    assert model.calls[0]["schema"] == route_schema(offered)


@pytest.mark.parametrize(("question", "not_route"), [
    ("how many of the firms said they'd want references from me", "company_count"),
    ("how many companies have turned me down so far", "company_count"),
    ("quantas entrevistas tiveram uma aula teste?", "company_count"),
    ("what did I say I'd email the Tarnhelm recruiter about", "questions_of_one"),
    ("refs for the Cobalt Finch job - how many and when are they due", "other_openings"),
    ("how many shadow shifts have I done", "other_openings"),
    ("who has to sign off on hiring me at Tarnhelm", "promises"),
    ("who am I asking for the Tarnhelm reference letters", "questions_of_one"),
    ("how many of my interviews had a back-of-envelope estimate question", "most_asked"),
])
def test_a_route_is_not_taken_when_the_question_lacks_its_words(router: Router, question: str,
                                                                 not_route: str) -> None:
    """Likeness to a route's examples is not enough: "how many firms want references?" is not a
    count of companies, whatever its nearest examples say."""
    route = {r.name: r for r in ROUTES}[not_route]
    assert not route.fits(question)
    assert router.route(question, None, COMPANIES).route != not_route


@pytest.mark.parametrize("question", [
    "how many shadow shifts have I done so far",
    "how many mock lessons did I do",
    "how many take-homes have I had to date",
    "quantos chalk talks eu já fiz até agora?",
])
def test_a_count_of_what_i_have_done_naming_no_company_is_across_interviews(
        router: Router, question: str) -> None:
    assert router.route(question, None, COMPANIES).route != ONE
    # Naming one company, it is that interview's count.
    assert router.route("how many rounds have I done at Tarnhelm Bank", None, COMPANIES).route \
        == ONE


@pytest.mark.parametrize("question", [
    "how many people were on the panel four round two at the icu",
    "how many people were sat on the panel in minnie apple us",
    "how many ppl were in the room for the scored one",
    "how much people was in panel of bus garage job",
])
def test_a_count_of_the_people_met_in_one_described_interview_is_one_interview(
        router: Router, question: str) -> None:
    assert router.route(question, None, COMPANIES).route == ONE
    # said across interviews, it is not
    assert router.route("how many people have I met in total across all my interviews", None,
                        COMPANIES).route != ONE


def test_a_question_that_fits_no_cross_interview_route_goes_to_one_interview(
        router: Router) -> None:
    got = router.route("when does the Tarnhelm thing kick off", None, COMPANIES)
    assert got.route == ONE


@pytest.mark.parametrize("question", [
    "the interview where the fire alarm went off halfway - what did they ask about budgets?",
    "that video call with the two founders, what did they say about equity",
    "the panel in the portakabin where everyone wore hi-vis: who chaired it",
    "the job where they showed me round the kitchens first - whats the pay",
    "so the one where I forgot my reading glasses, which question threw me",
])
def test_one_interview_told_by_what_happened_in_it_is_one_interview(
        router: Router, question: str) -> None:
    """Never asked of the model: the question names one interview by a scene, not a company."""
    asked: list[str] = []

    def choose(q: str, options: list[Route]) -> str:
        asked.append(q)
        return "which_interviews"

    assert router.route(question, choose, COMPANIES).route == ONE
    assert asked == []


def test_a_described_interview_asked_across_the_others_is_not_forced_to_one(
        router: Router) -> None:
    got = router.route("the one where I was late: which other companies also asked about "
                       "punctuality?", None, COMPANIES)
    assert got.route != ONE


def test_said_twice_is_no_person_met_twice_and_a_date_to_come_is_no_interview_date(
        router: Router) -> None:
    from debrief.features.question_patterns import INTERVIEW_DATE
    same = {r.name: r for r in ROUTES}["same_person"]
    assert not same.fits("who was the manager that said twice she wants calm under pressure")
    assert same.fits("have I run into any interviewer twice")
    assert not INTERVIEW_DATE.search("when were the Tarnhelm panel invites supposed to go out")
    assert not INTERVIEW_DATE.search("when was the recruiter meant to send the loop schedule")
    assert INTERVIEW_DATE.search("when was my panel at Tarnhelm")


def test_an_amount_that_moved_between_interviews_is_decided_without_the_tie_break(
        router: Router) -> None:
    # the model's tie-break is not asked: one company and an amount that went up between rounds
    def one(question: str, options: list) -> str:  # noqa: ANN001, ARG001
        return ONE

    for q in ("did the pay on offer at tarnhelm go up between the 1st and 2nd interview?",
              "has the band at Cobalt Finch dropped since round one?"):
        assert router.route(q, one, companies=COMPANIES).route == "over_time", q


def test_a_place_a_fragment_starts_on_and_a_panel_counted() -> None:
    from debrief.features.question_patterns import PEOPLE_COUNT
    from debrief.features.routes import THE_PLACE

    assert THE_PLACE.search("braces place - what i owe who")
    assert THE_PLACE.search("steam railway interview how many on the panel")
    assert THE_PLACE.search("what did i promise the wetland people")
    assert not THE_PLACE.search("what did the interview cover")
    assert PEOPLE_COUNT.search("steam railway interview how many on the panel")
    assert not PEOPLE_COUNT.search("how many rounds are there")


def test_a_word_of_a_name_said_of_several_counted_jobs_names_no_company(router: Router) -> None:
    saved = ["Kelbrook Minster", "Sallowfield Council", "Dunmere Stone"]
    assert mask_companies("line up the money from the three stone jobs", saved)[1] == 0
    assert mask_companies("what did the stone place offer", saved)[1] == 1
    # several jobs counted out, no company named: across them, not one interview
    assert router.route("can you line up the money from the three stone jobs?",
                        companies=saved).route == "which_interviews"
    # "what they're all paying", however weak the best match, is far ahead of the rest
    assert router.route("what they're all paying", companies=saved).route == "which_interviews"


def test_each_of_the_jobs_of_a_kind_names_no_company() -> None:
    saved = ["The Anandam Palace", "Vinaya Wine Imports", "Devrai Hills Vineyards"]
    assert mask_companies("what is the salary at each of the wine jobs?", saved)[1] == 0
    assert mask_companies("what did the wine job pay?", saved)[1] == 1


def test_what_i_undertook_to_do_is_my_promises(router: Router) -> None:
    saved = ["The Anandam Palace", "Vinaya Wine Imports", "Devrai Hills Vineyards"]
    assert router.route("What did I undertake to do for Mrs. Khandekar?",
                        companies=saved).route == "promises"


def test_whether_a_promise_went_is_asked_of_the_users_promises() -> None:
    """"i didnt get camilla that list on time did i", "did I ever send Gwion those references":
    the user's promises and what became of them; getting something oneself is not giving it."""
    from debrief.features.routes import ASKS_IF_SENT, ASKS_OWN_PROMISE

    for q in ("i didnt get camilla that list of amateur orchestras on time did i",
              "did i ever actually send him those references?",
              "I never sent Councillor Stubbs that lime article did i"):
        assert ASKS_IF_SENT.search(q) and ASKS_OWN_PROMISE.search(q), q
    for q in ("did I get the job", "did i get an offer from them", "did they send the contract",
              "have i heard back from the hotel"):
        assert not ASKS_OWN_PROMISE.search(q), q


def test_whether_a_thing_got_to_someone_is_a_promise_question() -> None:
    from debrief.features.routes import ASKS_OWN_PROMISE

    for q in ("i never got that near miss card to the beard guy at linebrook did i",
              "i never did get my father's catalogue to rodney, did i",
              "i never connected tolu with bisi abi?",
              "Have I sent Mr. Bowyer the photographs I promised him?"):
        assert ASKS_OWN_PROMISE.search(q), q
    for q in ("did I get to the office on time", "did i get the offer letter"):
        assert not ASKS_OWN_PROMISE.search(q), q
