"""Messages with a scripted fake model: invented and foreign details removed, limits, secrets."""

from __future__ import annotations

import pytest

from debrief.core.domain import Debrief, Extraction, Person
from debrief.core.errors import UserError
from debrief.features.compose import Composer, details_for, person_units
from debrief.features.message_details import employer_words
from tests.conftest import eval_note
from tests.fakes import FakeModel


def a_debrief(company: str, role: str, notes: str, *people: tuple[str | None, str]) -> Debrief:
    """A debrief as stored, with the people met as (name, title) pairs."""
    return Debrief(id=company.casefold().replace(" ", "-"), company=company, role=role,
                   date="2024-01-01", notes=notes,
                   people=[Person(name=n, title=t) for n, t in people])


NOTE12 = eval_note("12-larkspur-analytics.txt")
PEOPLE = [Person(name=n, title=t) for n, t in (
    ("Marcus Feld", "Staff Engineer"), ("Aiko Tanabe", "Senior SRE"),
    ("Oluwaseun Adeyemi", "Senior Engineer"), ("Jonah Brill", "Director of Engineering"))]


def detail_number(details, needle: str) -> int:
    return next(x.number for x in details if needle in x.text)


@pytest.fixture
def svc(make_service):
    return make_service


def test_thank_you_uses_only_this_persons_part_of_the_note(make_service, prompts) -> None:
    svc = make_service(FakeModel())
    d = svc.add(NOTE12, company="Larkspur Analytics", role="Senior Backend Engineer",
                people=PEOPLE)
    units = " ".join(u.text for u in person_units(d, "Aiko Tanabe"))
    assert "alert" in units and "Merge overlapping" not in units
    details = details_for(d, "Aiko Tanabe", "thank-you")
    text = " ".join(x.text for x in details)
    assert "hiring freeze" not in text and "185k" not in text  # sensitive or someone else's


def test_invented_and_foreign_details_are_removed_with_a_warning(make_service, prompts) -> None:
    svc = make_service(FakeModel())
    d = svc.add(NOTE12, company="Larkspur Analytics", role="Senior Backend Engineer",
                people=PEOPLE)
    details = details_for(d, "Aiko Tanabe", "thank-you")
    n_alerts = detail_number(details, "300 alerts")
    n_fatigue = detail_number(details, "alert fatigue")
    model = FakeModel(replies=[{"picks": [
        {"detail": n_alerts, "phrase": "~300 alerts"},
        {"detail": n_fatigue, "phrase": "your Kubernetes migration at Corvanta"}],
        "sentences": [
        {"text": "I loved hearing about your Kubernetes migration at Corvanta.", "detail": n_alerts},
        {"text": "Your salary band of 185k sounds great.", "detail": n_alerts},
    ]}])
    out = Composer(model, prompts).compose(d, "thank-you", "Aiko Tanabe", user_name="Sam Rivera")
    assert "300 alerts" in out.message
    assert "Corvanta" not in out.message and "Kubernetes" not in out.message
    assert "185k" not in out.message
    # the invented phrase fell back to code's own phrase; both free sentences were removed
    assert sum("not the note's words" in w for w in out.warnings) == 1
    assert sum("removed a sentence" in w for w in out.warnings) == 2
    assert all(g.quote in d.notes for g in out.grounding)
    assert out.message.rstrip().endswith("Sam Rivera")
    assert out.message.startswith("Hi Aiko,")


def test_missing_name_is_never_invented(make_service, prompts) -> None:
    svc = make_service(FakeModel())
    d = svc.add(NOTE12, company="Larkspur Analytics", people=PEOPLE)
    out = Composer(FakeModel(replies=[{"sentences": []}]), prompts).compose(
        d, "thank-you", "Aiko Tanabe")
    assert "[your name]" in out.message
    assert any("set your name" in w for w in out.warnings)


def test_length_limits_are_enforced_in_code(make_service, prompts) -> None:
    svc = make_service(FakeModel())
    d = svc.add(NOTE12, company="Larkspur Analytics", role="Senior Backend Engineer",
                people=PEOPLE)
    details = details_for(d, "Aiko Tanabe", "thank-you")
    long = [{"text": x.text, "detail": x.number} for x in details]
    composer = Composer(FakeModel(replies=[{"sentences": long[:4]}] * 3), prompts)
    brief = composer.compose(d, "thank-you", "Aiko Tanabe", tone="brief", user_name="Sam")
    body = brief.message.split("\n\n")[1] + " " + brief.message.split("\n\n")[2]
    assert len(body.split()) <= 70
    connect = composer.compose(d, "connect", "Aiko Tanabe", user_name="Sam")
    assert len(connect.message) <= 300


def test_sensitive_details_never_reach_a_message(make_service, prompts) -> None:
    svc = make_service(FakeModel())
    d = svc.add("Met Jonah Brill, director. He said there's a hiring freeze from April 1 and "
                "base band tops out at 185k. We talked about tech lead growth within 6 months.",
                company="Larkspur Analytics", people=[Person(name="Jonah Brill")])
    details = details_for(d, "Jonah Brill", "thank-you")
    assert all("freeze" not in x.text and "185k" not in x.text for x in details)
    model = FakeModel(replies=[{"picks": [{"detail": 1, "phrase": "the hiring freeze"}],
                                "sentences": [{"text": "Good luck with the hiring freeze.",
                                               "detail": 1}]}])
    out = Composer(model, prompts).compose(d, "thank-you", "Jonah Brill", user_name="Sam")
    assert "freeze" not in out.message.lower()


def test_service_saves_the_message_and_checks_the_person(make_service, prompts) -> None:
    from debrief.features.compose import Composer as C
    from debrief.service import DebriefService

    base = make_service(FakeModel())
    model = FakeModel(replies=[{"sentences": []}])
    svc = DebriefService(base.store, lambda: None,  # type: ignore[arg-type,return-value]
                         composer_factory=lambda: C(model, prompts), user_name="Sam")
    d = svc.add(NOTE12, company="Larkspur Analytics", people=PEOPLE)
    with pytest.raises(UserError, match="not among the people"):
        svc.compose(d.id, "thank-you", "Zed Nobody")
    svc.compose(d.id, "thank-you", "aiko tanabe")
    saved = svc.get(d.id).messages
    assert len(saved) == 1 and saved[0].kind == "thank-you" and saved[0].to == "Aiko Tanabe"
    svc.close()


def test_message_streams_in_with_only_checked_phrases(make_service, prompts) -> None:
    svc = make_service(FakeModel())
    d = svc.add(NOTE12, company="Larkspur Analytics", role="Senior Backend Engineer",
                people=PEOPLE)
    details = details_for(d, "Aiko Tanabe", "thank-you")
    n_alerts = detail_number(details, "300 alerts")
    n_post = detail_number(details, "postmortems")
    reply = {"picks": [{"detail": n_alerts, "phrase": "~300 alerts"},
                       {"detail": n_post, "phrase": "blameless postmortems"}]}
    model = FakeModel(replies=[reply])
    snapshots = list(Composer(model, prompts).compose_stream(
        d, "thank-you", "Aiko Tanabe", user_name="Sam Rivera"))
    # The frame first (before the model has written anything), then each checked pick as
    # soon as its JSON object closed, then the final message.
    assert len(snapshots) >= 3
    assert snapshots[0].message.startswith("Hi Aiko,") and "300 alerts" not in snapshots[0].message
    assert any("300 alerts" in s.message and "postmortems" not in s.message
               for s in snapshots[1:-1])
    assert model.calls[0]["schema"]["properties"]["picks"]["maxItems"] == 3
    final = snapshots[-1]
    assert "300 alerts" in final.message and "blameless postmortems" in final.message
    assert [x.number for x in final.details if x.chosen][:2] == sorted([n_alerts, n_post])[:2] \
        or {n_alerts, n_post} <= {x.number for x in final.details if x.chosen}


def test_the_model_picks_numbers_and_code_phrases_them(make_service, prompts) -> None:
    """By default the model's reply is detail numbers only (half the tokens of a phrase per
    pick); each picked detail goes in under code's own checked phrase."""
    svc = make_service(FakeModel())
    d = svc.add(NOTE12, company="Larkspur Analytics", role="Senior Backend Engineer",
                people=PEOPLE)
    details = details_for(d, "Aiko Tanabe", "thank-you")
    n_alerts = detail_number(details, "300 alerts")
    model = FakeModel(replies=[{"picks": [{"detail": n_alerts}]}])
    out = Composer(model, prompts).compose(d, "thank-you", "Aiko Tanabe", user_name="Sam Rivera")
    pick = model.calls[0]["schema"]["properties"]["picks"]["items"]
    assert set(pick["properties"]) == {"detail"} and pick["required"] == ["detail"]
    phrase = details[n_alerts - 1].phrase
    assert phrase and phrase in out.message
    assert [x.number for x in out.details if x.chosen and x.kind != "promise"] == [n_alerts]
    assert not any("not the note's words" in w for w in out.warnings)


def test_in_order_picks_take_codes_first_details_and_ask_no_model(make_service, prompts) -> None:
    """picks="order" (the app's default): the first MAX_PICKS details of code's list, the
    promise closing the message as always, and the model is never called."""
    svc = make_service(FakeModel())
    d = svc.add(NOTE12, company="Larkspur Analytics", role="Senior Backend Engineer",
                people=PEOPLE)
    details = details_for(d, "Aiko Tanabe", "thank-you")
    model = FakeModel()  # no scripted reply: a call would fail the test
    out = Composer(model, prompts, picks="order").compose(d, "thank-you", "Aiko Tanabe",
                                                          user_name="Sam Rivera")
    assert model.calls == []
    first = [x for x in details if x.kind != "promise" and x.phrase][:3]
    assert [x.number for x in out.details if x.chosen and x.kind != "promise"] == \
        [x.number for x in first]
    assert all(x.phrase in out.message for x in first)


class RankingFake(FakeModel):
    """A scripted model that can rank options from its logits: returns a scripted order and
    records what it was asked."""

    def __init__(self, order: list[str]) -> None:
        super().__init__()
        self.order = order
        self.ranked: list[tuple[list[str], str]] = []
        self.read: list[list[dict[str, str]]] = []

    def rank(self, messages, options, *, prefix=""):  # noqa: ANN001, ANN201
        self.ranked.append((list(options), prefix))
        self.read.append(list(messages))
        return [o for o in self.order if o in options] + [o for o in options
                                                          if o not in self.order]


def test_a_model_that_can_rank_picks_from_one_read_without_generating(make_service,
                                                                      prompts) -> None:
    svc = make_service(FakeModel())
    d = svc.add(NOTE12, company="Larkspur Analytics", role="Senior Backend Engineer",
                people=PEOPLE)
    details = details_for(d, "Aiko Tanabe", "thank-you")
    plain = [str(x.number) for x in details if x.kind != "promise"]
    model = RankingFake(order=list(reversed(plain)))
    out = Composer(model, prompts).compose(d, "thank-you", "Aiko Tanabe", user_name="Sam Rivera")
    assert model.calls == []  # nothing generated
    options, prefix = model.ranked[0]
    assert options == plain and prefix.endswith('"detail": ')
    assert {x.number for x in out.details if x.chosen and x.kind != "promise"} == \
        {int(n) for n in list(reversed(plain))[:3]}


def test_a_detail_naming_another_company_of_the_user_is_never_offered(store, prompts) -> None:
    from debrief.service import DebriefService

    model = FakeModel(replies=[{"picks": [{"detail": 1}, {"detail": 2}]}])
    svc = DebriefService(store, lambda: None,  # type: ignore[arg-type, return-value]
                         composer_factory=lambda: Composer(model, prompts))
    svc.add("Recruiter screen with Nadia.", company="Saffron Circuit")
    d = svc.add("Callum Reid asked what I'd put in the weekly business review.\n"
                "Their carrier desk runs the same daily sizing practice as Saffron does.\n"
                "Callum walked me through their carrier scorecards and the Q3 roadmap.",
                company="Oxbow Freight", people=[Person(name="Callum Reid")])
    alone = details_for(d, "Callum Reid", "thank-you")
    assert any("Saffron" in x.text for x in alone)  # without the user's other companies
    out = svc.compose(d.id, "thank-you", "Callum Reid")
    assert all("Saffron" not in x.label for x in out.details)
    assert "Saffron" not in out.message and "weekly business review" in out.message
    # its own company's words, and its people's names, are never taken for another company
    other = svc.add("Met Dana Oxbow at the Freight Summit.", company="Summit Freight",
                    people=[Person(name="Dana Oxbow")])
    assert employer_words(other, {"Oxbow Freight", "Summit Freight"}) == set()
    assert employer_words(other, {"Saffron Circuit", "Oxbow Freight"}) == {"Saffron", "Circuit"}
    svc.close()


def test_service_stream_saves_only_the_final_message(store, prompts) -> None:
    from debrief.service import DebriefService

    reply = {"picks": [{"detail": 1, "phrase": "on-call alert work"}]}
    model = FakeModel(replies=[reply])
    svc = DebriefService(store, lambda: None,  # type: ignore[arg-type, return-value]
                         composer_factory=lambda: Composer(model, prompts))
    d = svc.add("Aiko Tanabe told me about on-call alert work and the pager rotation.",
                company="Larkspur Analytics", people=[Person(name="Aiko Tanabe")])
    snapshots = list(svc.compose_stream(d.id, "thank-you", "Aiko Tanabe"))
    stored = svc.get(d.id).messages
    assert len(stored) == 1 and stored[0].message == snapshots[-1].message
    assert "on-call alert work" in stored[0].message
    svc.close()


# More details than a message takes (MAX_PICKS), so the model has a choice to make.
PRIYA_TALKED = ("Priya Raman walked me through the backfill tooling project.\n"
                "Priya asked how I would page fewer people at night.\n"
                "Priya asked how I test the retry budget on the ingestion workers.\n"
                "She told me the on-call rotation moves to follow-the-sun in spring.\n")


def test_with_no_more_details_than_a_message_takes_the_model_is_not_asked(make_service,
                                                                          prompts) -> None:
    """Ranking two details only orders them; the message takes both either way, so the
    prompt is not read at all."""
    svc = make_service(FakeModel())
    d = svc.add("Priya Raman walked me through the backfill tooling project.\n"
                "Priya asked how I would page fewer people at night.\n",
                company="Larkspur Analytics", people=[Person(name="Priya Raman")])
    model = RankingFake(order=[])
    out = Composer(model, prompts).compose(d, "thank-you", "Priya Raman", user_name="Sam")
    assert model.calls == [] and model.ranked == []
    assert "backfill tooling project" in out.message and "page fewer people" in out.message
    more = svc.add(PRIYA_TALKED, company="Larkspur Analytics", people=[Person(name="Priya Raman")])
    Composer(model, prompts).compose(more, "thank-you", "Priya Raman", user_name="Sam")
    assert len(model.ranked) == 1 and len(model.ranked[0][0]) == 4


def test_the_users_own_to_dos_are_not_read_by_the_model_but_close_the_message(
        make_service, prompts) -> None:
    """Code closes with the user's promise whatever the model picks, so the prompt (read at
    about 12 tokens a second on the slowest machine) leaves it out."""
    svc = make_service(FakeModel())
    d = svc.add(PRIYA_TALKED + "send Priya the link to my blog post on idempotent consumers\n",
                company="Larkspur Analytics", people=[Person(name="Priya Raman")])
    model = FakeModel(replies=[{"sentences": []}])
    out = Composer(model, prompts).compose(d, "thank-you", "Priya Raman", user_name="Sam")
    prompt = model.calls[0]["messages"][-1]["content"]
    assert any("backfill" in line for line in prompt.splitlines())
    assert "blog post" not in prompt
    assert "blog post on idempotent consumers" in out.message


def test_the_prompt_reads_fixed_text_once_and_the_users_choices_last(make_service,
                                                                     prompts) -> None:
    """Everything fixed is in the system text (kept read); of the rest, the person's details
    come first and the kind last, so a message of another kind to the same person reads only
    its last line. The tone, the company and the role change no choice: they are not read."""
    svc = make_service(FakeModel())
    d = svc.add(PRIYA_TALKED, company="Larkspur Analytics", people=[Person(name="Priya Raman")])
    seen = []
    for kind, tone in (("thank-you", "warm"), ("follow-up", "brief")):
        model = FakeModel(replies=[{"sentences": []}])
        Composer(model, prompts).compose(d, kind, "Priya Raman", tone=tone, user_name="Sam")
        seen.append(model.calls[0]["messages"])
    (sys_a, user_a), (sys_b, user_b) = ([m["content"] for m in ms] for ms in seen)
    assert sys_a == sys_b and '"picks"' in sys_a and '"picks"' not in user_a
    lines_a, lines_b = user_a.strip().splitlines(), user_b.strip().splitlines()
    assert lines_a[:-1] == lines_b[:-1] and "follow-up" in lines_b[-1]
    assert lines_a[-1] == "A thank-you to Priya Raman."
    assert any("page fewer people" in line for line in lines_a[:-1])
    assert not any(w in user_a + user_b for w in ("brief", "warm", "Larkspur"))


def test_the_model_ranks_at_most_six_details(make_service, prompts) -> None:
    """Each detail in the prompt costs about a second of reading on 2 cores: the model is
    offered the first MAX_OFFERED of code's list; the rest stay in the user's list."""
    from debrief.features.compose import MAX_OFFERED

    svc = make_service(FakeModel())
    lines = [f"Priya asked about the {w} migration plan for the team." for w in
             ("billing", "search", "ledger", "payments", "reporting", "alerting", "auth", "queue")]
    d = svc.add("\n".join(lines), company="Larkspur Analytics",
                people=[Person(name="Priya Raman")])
    model = FakeModel(replies=[{"picks": [{"detail": 1}]}])
    out = Composer(model, prompts).compose(d, "thank-you", "Priya Raman", user_name="Sam")
    offered = [x for x in out.details if x.kind != "promise"]
    user = model.calls[0]["messages"][-1]["content"]
    assert len(offered) > MAX_OFFERED == 6
    assert [n for n in range(1, len(offered) + 1) if f"[{n}]" in user] == list(range(1, 7))


def test_the_message_prompt_is_read_ahead_where_the_model_ranks(store, prompts) -> None:
    """The web app's warm-up has the ranking model read the message prompt's system text, so
    the first thank-you waits only for its own details."""
    from debrief.service import DebriefService

    model = RankingFake(order=[])
    svc = DebriefService(store, lambda: None,  # type: ignore[arg-type, return-value]
                         composer_factory=lambda: Composer(model, prompts))
    svc.warm_messages()
    assert model.calls == [] and len(model.ranked) == 1
    system = prompts.get("message").messages(kind="thank-you", person="x", details="")[0]
    assert model.read[0][0] == system
    # with code's order there is no model to warm
    order = RankingFake(order=[])
    assert Composer(order, prompts, picks="order").warm() is False and order.ranked == []
    svc.close()


def test_a_repeated_sentence_is_kept_once(make_service, prompts) -> None:
    svc = make_service(FakeModel())
    d = svc.add("Priya Raman walked me through the backfill tooling project.\n",
                company="Larkspur Analytics", people=[Person(name="Priya Raman")])
    same = {"text": "I enjoyed walking through the backfill tooling project with you.",
            "detail": 1}
    model = FakeModel(replies=[{"sentences": [same, same]}])
    out = Composer(model, prompts).compose(d, "thank-you", "Priya Raman", user_name="Sam")
    assert out.message.count("backfill tooling project") == 1 and len(out.grounding) == 1


PANEL_OF_TWO = """Video call with Brackwater School.

Two people: Dr Ruth Adebayo, head of science, and Tomas Kell, the coordinator.

Questions they asked me:
1. How I would teach wave-particle duality to sixth formers.
2. How I support students with English as an additional language.

Dr Adebayo said what they need most is a teacher strong in practical work.

Tomas talked a lot about the new syllabus and asked what I knew about it.
"""


def test_a_persons_part_holds_their_surname_and_the_panels_questions(make_service) -> None:
    svc = make_service(FakeModel())
    d = svc.add(PANEL_OF_TWO, company="Brackwater School", people=[
        Person(name="Ruth Adebayo", title="head of science"),
        Person(name="Tomas Kell", title="coordinator")])
    ruth = " ".join(u.text for u in person_units(d, "Ruth Adebayo"))
    assert "strong in practical work" in ruth  # "Dr Adebayo said …"
    assert "wave-particle duality" in ruth  # the panel's questions are hers too
    assert "new syllabus" not in ruth  # Tomas's own line is not


def test_the_users_own_answers_and_asides_are_never_details(make_service) -> None:
    """"I said: …" is the user's answer, not what they were told; an extracted item quoting part
    of a bracketed aside is the aside; "Random: …" is a side note."""
    from debrief.core.domain import Extraction, Priority

    svc = make_service(FakeModel())
    d = svc.add("Met Jonah Brill, director.\n"
                "He asked how I'd roll back a bad deploy on a Friday night.\n"
                "I said: pause the pipeline first, then check the canary dashboards.\n"
                "[he came back to on-call twice more later. It clearly matters to them]\n"
                "Random: the office dog sleeps under the standing desks all day.\n"
                "He explained that the team runs a game day every second week.",
                company="Larkspur Analytics", people=[Person(name="Jonah Brill")])
    d.extraction = Extraction(interviewer_priorities=[
        Priority(text="on-call matters", evidence="It clearly matters to them",
                 interviewer="Jonah Brill")])
    details = details_for(d, "Jonah Brill", "thank-you")
    text = " ".join(x.text for x in details)
    assert "roll back a bad deploy" in text and "game day" in text
    assert "pause the pipeline" not in text
    assert "clearly matters" not in text and "office dog" not in text


def test_a_mixed_language_note_gives_the_english_words_its_label_shares(make_service,
                                                                         prompts) -> None:
    """A line in another language is never quoted, but the English words that line and its
    extracted item share ("Looker", "data modeling and Airflow") are code's fixed phrase: the
    model's own phrase for it is not used, and pay stays out."""
    from debrief.core.domain import Extraction

    svc = make_service(FakeModel())
    d = svc.add("Call com a Marta Quiroga, head of data.\n"
                "Ela perguntou se eu já usei Looker em produção (pouco, na verdade).\n"
                "Ela quer alguém forte em data modeling e Airflow.\n"
                "O salário é uns 90k, ela disse que não tem muita margem.",
                company="Vidraça Analytics", role="Analytics Engineer",
                people=[Person(name="Marta Quiroga", title="head of data")])
    d.extraction = Extraction.model_validate({
        "questions_asked": [{"text": "Experience with Looker in production",
                             "evidence": "Ela perguntou se eu já usei Looker em produção"}],
        "interviewer_priorities": [
            {"text": "Strong in data modeling and Airflow",
             "evidence": "Ela quer alguém forte em data modeling e Airflow"},
            {"text": "Salary around 90k with little room",
             "evidence": "O salário é uns 90k, ela disse que não tem muita margem"}]})
    details = details_for(d, "Marta Quiroga", "thank-you")
    assert {x.phrase for x in details} == {"Looker", "data modeling and Airflow"}
    assert all(x.fixed for x in details)
    model = FakeModel(replies=[{"picks": [
        {"detail": 1, "phrase": "usei Looker em produção"},
        {"detail": 2, "phrase": "alguém forte em data modeling"}]}])
    out = Composer(model, prompts).compose(d, "thank-you", "Marta Quiroga",
                                           user_name="Sam Rivera")
    assert "data modeling and Airflow" in out.message and "Looker" in out.message
    assert not any(w in out.message for w in ("produção", "forte", "alguém", "90k", "salário"))
    assert {g.quote for g in out.grounding} == {x.text for x in details}


@pytest.mark.parametrize("line", ["mataas na pass rate sa assessment",
                                  "Bakit ka bababa sa barko"])
def test_taglish_is_another_language_though_no_letter_tells_it(line: str) -> None:
    from debrief.features.phrasing import foreign

    assert foreign(line)
    assert not foreign("the PA said the pass rate is high")


def test_english_part_keeps_only_words_the_foreign_line_holds() -> None:
    from debrief.features.phrasing import english_part

    assert english_part("Strong in R and Bayesian models",
                        "Ela quer alguém forte em R e Bayesian models") == "R and Bayesian models"
    assert english_part("Decision by Friday", "Ela decide sozinha, até sexta") is None
    assert english_part("Whiteboard plan: goals, timeline, budget",
                        "Pediram no quadro: goals, timeline, budget") == "goals, timeline, budget"
    assert english_part("Pay of 90k", "o salário é 90k") is None  # a number is not a topic
    assert english_part("Needs a clean dataset", "precisa de um dataset limpo") is None
    # a label's first word is capitalised as its first, not as a name
    assert english_part("Cadet caught copying", "ano gagawin ko sa cadet na nangongopya") is None
    assert english_part("Ray wants a collaborator", "O Ray quer um colaborador",
                        frozenset({"ray"})) is None  # a person is not a topic


def test_lines_about_the_interview_itself_or_the_users_own_words_are_no_details() -> None:
    from debrief.core.domain import Debrief, Extraction, Item

    refs = "send Ted my 3 references (you, Janet, and the charge nurse from my first"
    cards = "scan and send my ACLS and BLS cards, Ted asked for copies"
    note = ("Final with Ted (30 min, video, a week later)\n"
            "Ted asked how I would handle a surgeon who wants to push patients out early.\n"
            "Short interview, no case stuff.\n"
            "Me: I would hold the line on the discharge criteria every time.\n"
            "Wording below is my best reconstruction.\n"
            "Embarrassing for a final round, the airway answer was thin.\n"
            f"{cards}\n{refs}\n")
    d = Debrief(id="n1", company="Tamsin Lake", role="PACU RN", date="2024-01-01", notes=note,
                people=[Person(name="Ted", title="HR")],
                extraction=Extraction(follow_ups=[Item(text="references", evidence=refs),
                                                  Item(text="cards", evidence=cards)]))
    details = details_for(d, "Ted", "follow-up")
    texts = " ".join(x.text for x in details)
    assert "surgeon" in texts
    for aside in ("30 min", "Short interview", "Me:", "reconstruction", "Embarrassing"):
        assert aside not in texts
    # the to-dos are promises only (never a topic), in the user's voice, asides cut off
    assert {x.kind for x in details if "ACLS" in x.text or "references" in x.text} == {"promise"}
    phrases = {x.phrase for x in details if x.kind == "promise"}
    assert "send you my 3 references" in phrases
    assert "scan and send my ACLS and BLS cards" in phrases


def test_questions_read_from_the_whole_note_are_never_called_the_readers() -> None:
    from debrief.features import frames

    note = ("Panel, three of them.\n"
            "- what would you do differently if you had two more weeks?\n"
            "- how do you design for users who are tired and interrupted all the time?\n\n"
            "Femi Oduya, design manager.\n")  # her part names nothing: the whole note is read
    d = a_debrief("Quillpath", "Product Designer", note, ("Femi Oduya", "design manager"),
                  ("Marek", "UX researcher"))
    details = details_for(d, "Femi Oduya", "thank-you")
    asked = [x for x in details if x.kind == "asked"]
    assert asked and not [x for x in details if x.kind == "question"]
    said = frames.body_sentence("thank-you", "warm", "asked", asked[0].phrase or "")
    assert "the question “" in said.casefold() and "your question" not in said.casefold()


def test_a_short_hr_part_keeps_its_next_sentences_and_both_promises_close(prompts) -> None:
    """'He said …' after the line naming him is still his, though it names someone else; how
    many others are interviewed is never a detail; an opening someone else pointed to is not
    offered when the whole note is read; two promises share the closing line."""
    note = ("First was Carmen, the nurse manager. She asked how I handle a surgeon in a rush.\n\n"
            "Last was a quick HR chat with a man named Ted who did the paperwork talk. He said "
            "they do a background check and a drug screen, and offers come from the "
            "administrator, not Carmen. He said they're interviewing 3 people and want to "
            "decide by the 20th.\n\n"
            "While I was with Carmen a nurse came over. She said they're hiring a part-time "
            "phone nurse.\n\n"
            "To do:\n- send Ted my 3 references\n"
            "- scan and send my ACLS and BLS cards, Ted asked for copies\n")
    d = a_debrief("Tamsin Lake", "PACU RN", note, ("Carmen", "nurse manager"), ("Ted", "HR"))
    details = details_for(d, "Ted", "follow-up")
    told = [x.phrase or "" for x in details if x.kind == "told"]
    assert any("background check" in t for t in told)
    assert not [x for x in details if "3 people" in x.text or x.kind == "opening"]
    out = Composer(FakeModel(), prompts, picks="order").compose(d, "follow-up", "Ted",
                                                                user_name="Sam Rivera")
    close = out.message.split("\n\n")[2]
    assert "my 3 references" in close and "ACLS and BLS cards" in close
    assert close.startswith("As promised,") and close.count("As promised") == 1
    # with nothing of his own but promises, the whole note is read, its opening left out
    thin = d.model_copy(update={"notes": note.replace(
        "He said they do a background check and a drug screen, and offers come from the "
        "administrator, not Carmen. He said they're interviewing 3 people and want to "
        "decide by the 20th.", "")})
    assert not [x for x in details_for(thin, "Ted", "follow-up") if x.kind == "opening"]
    assert [x.number for x in details_for(thin, "Ted", "follow-up")] == \
        list(range(1, len(details_for(thin, "Ted", "follow-up")) + 1))


def test_self_notes_departures_and_clashes_stay_out_and_a_late_promise_is_kept(prompts) -> None:
    """The user's note to themselves, how long the last manager lasted and a clash the user is
    weighing are never details; "and I've got to email him …" mid-sentence is a promise; a
    second promise that is the user's own step never joins the closing line."""
    note = ("Met Lucian, the hotel manager. He was massive on safety and security. Then he had "
            "me talk through a night audit. The balancing bit was shaky. Need to properly revise "
            "that.\nLast night manager lasted 8 months, the nights chewed him up.\n"
            "Loads of late arrivals off the sleeper train so 2am is busy.\n"
            "I'm doing my management course Weds evenings and can't see how it fits.\n"
            "He'll let me know by Friday, and I've got to email him a copy of my personal "
            "licence.\n- apply for the spa supervisor job this week\n")
    d = a_debrief("Hotel Ondine", "Night Manager", note, ("Lucian Achterberg", "hotel manager"))
    details = details_for(d, "Lucian Achterberg", "follow-up")
    texts = " ".join(x.text for x in details)
    assert "revise" not in texts and "lasted" not in texts and "course" not in texts
    assert "sleeper train" in texts
    promises = [x.phrase for x in details if x.kind == "promise"]
    assert "email you a copy of my personal licence" in promises
    out = Composer(FakeModel(), prompts, picks="order").compose(d, "follow-up",
                                                                "Lucian Achterberg",
                                                                user_name="Sam Rivera")
    close = out.message.split("\n\n")[2]
    assert "personal licence" in close and "spa supervisor" not in out.message


def test_a_panel_readers_own_lines_come_first_and_their_title_finds_them() -> None:
    """Beside a panel's shared questions, what names the reader comes first ("the governor
    asked …"); a title word someone else's title shares is passed over ("deputy" beside "Head
    of Science"); "X's question was about …" is their question; the line introducing the
    reader is no detail; an opening is "needs a KS3 science teacher"."""
    panel = ("After lunch was formal panel: headteacher Mr Graham Oyelaran and one governor.\n\n"
             "Questions in panel:\n- why I want to teach in England\n"
             "- how I use data from tests to plan intervention\n"
             "- the governor asked how I will build relationship with difficult year 10 group\n")
    d = a_debrief("Willowmere Academy", "Teacher of Mathematics", panel,
                  ("Graham Oyelaran", "headteacher"), (None, "governor"))
    first = details_for(d, "governor", "connect")[0]
    assert "year 10 group" in (first.phrase or "")
    note = ("The interview was with Declan Ferris, Head of Science. A deputy head (curriculum, "
            "I think) popped her head in for the last ten minutes and asked one question.\n\n"
            "Declan wanted to know how I'd get a Year 9 set to finish a titration. The deputy's "
            "question was about a lesson that went badly and what I changed afterwards.\n")
    d2 = a_debrief("Harrowgate Fen Academy", "chemistry teacher", note,
                   ("Declan Ferris", "Head of Science"), (None, "deputy head (curriculum)"))
    got = [x.phrase for x in details_for(d2, "deputy head (curriculum)", "connect")]
    assert got == ["a lesson that went badly and what I changed afterwards"]
    d3 = a_debrief("Thornwick", "chemistry teacher",
                   "Call with Anand, the recruiter. He said a sister school in the same group "
                   "needs a KS3 science teacher who'd also take on a head of year role.\n",
                   ("Anand", "recruiter"))
    openings = [x.phrase for x in details_for(d3, "Anand", "follow-up") if x.kind == "opening"]
    assert openings == ["a KS3 science teacher"]


def test_their_own_place_a_reorganisation_a_shortlist_and_the_note_itself_are_no_details() -> None:
    note = ("Met Dr Kemi Adeyemi, the chair. She asked how I'd teach intro chemistry to "
            "non-majors.\nOrmsby is a tiny liberal arts college with no grad students.\n"
            "Legal is moving under the COO from July.\nHM call maybe next wk if shortlisted.\n"
            "I wrote this down in the car so I wouldn't forget.\n")
    d = a_debrief("Ormsby College", "faculty", note, ("Kemi Adeyemi", "chair"))
    texts = " ".join(x.text for x in details_for(d, "Kemi Adeyemi", "thank-you"))
    assert "intro chemistry" in texts
    for gone in ("tiny liberal arts", "moving under", "shortlisted", "wrote this down"):
        assert gone not in texts, gone


def test_next_steps_suspicions_and_a_low_view_of_their_tools_are_no_details() -> None:
    d = a_debrief("Kestrelmoor Resort", "Front of House Manager",
                  "Graham Tulloch, director of rooms, ran the interview.\n"
                  "He walked me through the paper rota for a 92 percent week.\n"
                  "Next step is interview with the general manager.\n"
                  "He said the Lodges job is open, so I suspect there's more to it.\n"
                  "Their booking system is ancient, green screen, and being replaced.\n"
                  "He asked how I'd cut front office turnover with specifics.",
                  ("Graham Tulloch", "director of rooms"))
    text = " ".join(x.text for x in details_for(d, "Graham Tulloch", "follow-up"))
    assert "paper rota" in text
    assert "Next step" not in text and "suspect" not in text and "ancient" not in text


def test_shorthand_typed_in_a_hurry_is_spelled_out_in_the_message(make_service,
                                                                   prompts) -> None:
    """'by thurs', 'whats yr', '2 refs': the reader gets the words in full."""
    svc = make_service(FakeModel())
    d = svc.add("walk round w moss\n- moss asked whats yr approach to a fault that comes back\n"
                "- told moss id send 2 refs by thurs\n",
                company="Brackwell Foods", people=[Person(name="Moss")])
    out = Composer(FakeModel(replies=[{"sentences": []}]), prompts).compose(
        d, "thank-you", "Moss", user_name="Sam")
    assert "What's your approach to a fault" in out.message
    assert "I'll send you 2 references by Thursday." in out.message
    assert "thurs" not in out.message and "refs" not in out.message


def test_a_question_the_user_says_they_answered_badly_elsewhere_is_no_detail() -> None:
    from debrief.core.evidence import segment
    from debrief.features.message_details import slipped_on

    note = ("Interview with Maren Oduya, workshop lead.\n"
            "- maren asked how i'd balance a drive shaft on the rig\n"
            "- she asked what torque settings we use on alloy wheels\n"
            "- and how i log defects on the tablet system\n"
            "Me: Said the tablet was fine, I had used one at Dunmore.\n\n"
            "for me\n- i was rusty on the drive shaft one, reread the manual\n")
    d = a_debrief("Pellow Motors", "technician", note, ("Maren Oduya", "workshop lead"))
    assert "shaft" in slipped_on(segment(note))
    texts = " ".join(x.text for x in details_for(d, "Maren Oduya", "thank-you"))
    assert "torque settings" in texts
    assert "drive shaft" not in texts
    # a slip line that names nothing ("Mixed them up.") is about the line before it
    turns = "Ines: What's the gap between gross and net margin?\nMe: Mixed them up.\n"
    assert {"gross", "margin"} <= slipped_on(segment(turns))


def test_a_table_row_is_read_by_its_first_cell_and_whose_it_is() -> None:
    from debrief.features.message_details import row_text

    others = ["Bram", "KO"]
    assert row_text("QUESTION | WHO | WHAT I SAID", others) is None  # a header row
    assert row_text("flooded basement on a Sunday | Ilse | pumped it, logged it | forgot gloves",
                    others) == "flooded basement on a Sunday"
    assert row_text("the accession backlog | Bram | said 2 years", others) is None  # his
    assert row_text("the accession backlog | KO | said 2 years", others) is None  # initials
    assert row_text("no cells here", others) == "no cells here"
    note = ("WHO | ROLE | NOTES\nIlse Voss | conservator | ran the handling test\n\n"
            "QUESTION | WHO | WHAT I SAID\n"
            "flooded basement found on a Sunday night | Ilse | pump, bag, log | forgot gloves!!\n"
            "how to budget a digitisation grant | Bram | spoke about phasing\n")
    d = a_debrief("Tollmere Archives", "archivist", note, ("Ilse Voss", "conservator"),
                  ("Bram Kettle", "manager"))
    texts = [x.text for x in details_for(d, "Ilse Voss", "follow-up")]
    assert "flooded basement found on a Sunday night" in texts
    joined = " ".join(texts)
    assert "gloves" not in joined and "WHO" not in joined and "digitisation grant" not in joined


def test_a_half_remembered_name_finds_the_reader_and_private_family_lines_stay_out() -> None:
    from debrief.features.message_details import HEALTH, recipient_for, unsayable
    from debrief.features.phrasing import ABOUT_THE_NOTE, foreign

    note = ("Three people. Mr Ansel Grieve, director. And the site agent, I think his name is "
            "Tomasz or Tom, no surname.\n"
            "Tomasz ask me about crane lift plans for a tight town-centre site.\n"
            "Tomasz is big on the weekly look-ahead programme, he print it every Monday.\n"
            "I write this on the train because my wife say I forget things.\n"
            "my father in Gdansk is not well, maybe I need time in February.\n")
    d = a_debrief("Grieve Build", "site manager", note, ("Ansel Grieve", "director"),
                  (None, "site agent"))
    to = recipient_for(d, "site agent")
    assert to.name is None and set(to.aliases) == {"Tomasz", "Tom"}
    phrases = [x.phrase or "" for x in details_for(d, "site agent", "thank-you")]
    assert any("look-ahead programme" in p and p.startswith("you") for p in phrases)
    assert not any("Tomasz" in p or "father" in p or "train" in p for p in phrases)
    assert HEALTH.search("my grandmother died when I was eleven")
    assert HEALTH.search("The knee operation went well.")
    assert HEALTH.search("My father walks with a stick now.")
    assert ABOUT_THE_NOTE.search("so here is the long version, sorry in advance")
    assert foreign("Całkiem inaczej niż Harwood, small, everybody know everybody.")
    assert unsayable("forgot the PPE first!! she noticed")


def test_words_of_people_not_met_an_introduction_and_a_reaction_are_no_details() -> None:
    from debrief.features.message_details import PRIVATE_VIEW
    from debrief.features.phrasing import tidy

    note = ("Was three people. Mr Rory Venn, the director, he make most questions. And the "
            "quantity surveyor, I think his name is Dev, he come later, only 20 minutes, from "
            "another site.\n"
            "Rory asked how I run handover so the snagging list stays short.\n"
            "Agata say I explain like I am reading the report.\n")
    d = a_debrief("Venn Homes", "site manager", note, ("Rory Venn", "director"),
                  (None, "quantity surveyor")).model_copy(update={
        "extraction": Extraction.model_validate({"people": [
            {"name": None, "title": "quantity surveyor",
             "evidence": "the quantity surveyor, I think his name is Dev"}]}),
        "extraction_status": "done"})
    texts = " ".join(x.text for x in details_for(d, "Rory Venn", "thank-you"))
    assert "snagging list" in texts
    assert "Agata" not in texts and "quantity surveyor" not in texts
    assert PRIVATE_VIEW.search("she didn't look convinced")
    assert tidy("Gwen asked me first why horses when all my work is small animals") == \
        "why horses when all my work is small animals"


def test_initials_that_spell_a_word_and_a_slip_in_a_list_hide_nothing_else() -> None:
    from debrief.features.frames import Recipient
    from debrief.features.message_details import other_names

    d = a_debrief("Tandem Pickle", "CRM lead", "x", ("Oren Falk", "co-founder"),
                  ("Douglas Ure", "head of comms"), ("Lotte", "account director"))
    others = other_names(d, Recipient("Lotte", "account director"))
    assert "DU" in others and "OF" not in others
    note = ("Call with Dana Price, agency recruiter.\n"
            "- asked: attainment over the last 4 qtrs, avg deal size, ever sold to a CFO\n"
            "- fumbled Q3 (78%) - need cleaner story for the miss\n")
    d = a_debrief("Greyline", "AE", note, ("Dana Price", "agency recruiter"))
    texts = " ".join(x.text for x in details_for(d, "Dana Price", "follow-up"))
    assert "avg deal size" in texts and "fumbled" not in texts
