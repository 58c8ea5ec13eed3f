"""Cross-interview questions answered in code from records and extractions (no model runs)."""

from __future__ import annotations

import pytest

from debrief.core.domain import Debrief, Extraction, Item, Person, Role
from debrief.features.ask import Asker, Filters
from debrief.service import DebriefService
from tests.fakes import FakeModel

NOTES = {
    "Acme": ("Met Dana Reyes, engineering manager.\n"
             "She asked: design a rate limiter for a public API.\n"
             "She asked why I am leaving my current job.\n"
             "Team is 6 engineers.\n"
             "Base band is 150k plus equity.\n"
             "TODO: send Dana the rate limiter write-up."),
    "Globex": ("Interviewer: Dana Reyes, now Director at Globex.\n"
               "System design: a URL shortener with analytics.\n"
               "Why are you leaving your current role?\n"
               "They also have a Developer Relations opening that might fit me better."),
    "Initech": ("Talked to Sam about on-call.\n"
                "Behavioural: tell me about a conflict with a coworker.\n"
                "Lunch was nice."),
}
QUESTIONS = {
    "Acme": ["design a rate limiter for a public API", "why I am leaving my current job"],
    "Globex": ["System design: a URL shortener with analytics",
               "Why are you leaving your current role?"],
    "Initech": ["tell me about a conflict with a coworker"],
}


def line_with(note: str, needle: str) -> str:
    return next(line for line in note.splitlines() if needle in line)


def route_only(prompts) -> Asker:  # noqa: ANN001
    """An asker whose model may break a routing tie (it takes the nearest route) but never answers."""

    def respond(messages, schema):  # noqa: ANN001, ANN202
        if schema is None or "route" not in schema.get("properties", {}):
            pytest.fail("the model path was used")
        return {"route": schema["properties"]["route"]["enum"][0]}

    return Asker(None, FakeModel(responder=respond), prompts)  # type: ignore[arg-type]


@pytest.fixture
def svc(store, tmp_path, prompts) -> DebriefService:
    service = DebriefService(store, lambda: None,  # type: ignore[arg-type, return-value]
                             asker_factory=lambda: route_only(prompts), insights_dir=tmp_path)
    for n, (company, note) in enumerate(NOTES.items()):
        people = [Person(name="Dana Reyes", title="Engineering Manager" if company == "Acme"
                         else "Director")] if company != "Initech" else [Person(name="Sam")]
        d = service.add(note, company=company, date=f"2024-03-0{n + 1}", stage="onsite loop",
                        people=people)
        ext = Extraction(questions_asked=[Item(text=q, evidence=line_with(note, q[:20]))
                                          for q in QUESTIONS[company]])
        if company == "Acme":
            ext.follow_ups = [Item(text="send the write-up", evidence=line_with(note, "TODO"))]
        if company == "Globex":
            line = line_with(note, "Developer Relations")
            ext.better_fit_roles = [Role(text="Developer Relations", evidence=line)]
        d.extraction, d.extraction_status = ext, "done"
        store.save_record_only(d)
    yield service
    service.close()


@pytest.fixture
def records(store, tmp_path) -> DebriefService:
    """A service over the store with no model: cross-interview answers come from code."""
    return DebriefService(store, lambda: None, insights_dir=tmp_path)  # type: ignore[arg-type, return-value]


def test_which_companies_asked_about_a_topic_lists_them_with_their_own_words(svc) -> None:
    out = svc.ask("Which companies asked me system design questions?")
    assert out.supported and out.prompt_tokens == 0
    cited = {c.company for c in out.citations}
    assert "Globex" in cited and "Initech" not in cited
    for c in out.citations:  # every quote is the user's own words in that debrief
        assert c.quote in svc.get(c.debrief_id).notes


def test_most_asked_questions_group_paraphrases_across_interviews(svc) -> None:
    out = svc.ask("What do interviewers ask me most often?")
    assert out.supported
    lead = out.answer.splitlines()[0]
    assert "leaving" in lead.casefold() and "2 interviews" in lead
    assert {c.company for c in out.citations} == {"Acme", "Globex"}


def test_counts_and_repeat_people_come_from_the_records(svc) -> None:
    out = svc.ask("How many different companies have I interviewed with?")
    assert "3 companies" in out.answer
    same = svc.ask("Have I met the same interviewer at more than one company?")
    assert same.supported and "Dana Reyes" in same.answer
    assert {c.company for c in same.citations} == {"Acme", "Globex"}


def test_other_openings_come_from_extracted_roles(svc) -> None:
    out = svc.ask("Which interviewers mentioned other openings that might fit me better?")
    assert [c.company for c in out.citations] == ["Globex"]
    assert "Developer Relations" in out.answer


def test_filters_limit_the_debriefs_read(svc) -> None:
    out = svc.ask("Which companies asked me why I am leaving?", Filters(company="Acme"))
    assert {c.company for c in out.citations} == {"Acme"}


def test_one_company_over_time_is_in_date_order(records) -> None:
    svc = records
    svc.add("Recruiter said the team is 8 engineers.\nParking is free.", company="Northwind",
            date="2024-01-10", stage="recruiter screen")
    svc.add("Manager said the team is now 12 after a merger.\nOffice has plants.",
            company="Northwind", date="2024-02-10", stage="hiring manager")
    out = svc.ask("How did the size of the Northwind team change between my interviews?")
    quotes = [c.quote for c in out.citations]
    eight = quotes.index("Recruiter said the team is 8 engineers.")
    twelve = quotes.index("Manager said the team is now 12 after a merger.")
    assert eight < twelve and out.answer.index("8 engineers") < out.answer.index("now 12")
    assert [c.date for c in out.citations] == sorted(c.date for c in out.citations)
    svc.close()


def test_what_changed_at_a_company_described_or_chosen_is_its_rounds_over_time(records) -> None:
    """'What changed at the freight place between my first call and the site visit?' names no
    company; with the one it points at on the filters, the rounds are read as for a named one."""
    svc = records
    svc.add("Recruiter said the team is 8 engineers.\nParking is free.", company="Northwind",
            date="2024-01-10", stage="recruiter screen")
    svc.add("Manager said the team is now 12 after a merger.\nOffice has plants.",
            company="Northwind", date="2024-02-10", stage="hiring manager")
    out = svc.ask("what changed about the team between my first call and the second one?",
                  Filters(company="Northwind"))
    assert out.answer.startswith("Between your recruiter screen")
    assert [c.date for c in out.citations] == sorted(c.date for c in out.citations)
    svc.close()


def test_pay_over_time_quotes_the_pay_lines_of_each_round(records) -> None:
    svc = records
    svc.add("- pay band 34-38k + 15% nights allowance.\n"
            "- he said most supervisors stay for the money and the shift pattern",
            company="Tolland Cross", date="2025-05-12", stage="hiring manager")
    svc.add("- GM asked about agency staff on the night shift.\n"
            "- ayo said the band can go to 37.2k + the 15% allowance.",
            company="Tolland Cross", date="2025-05-22", stage="second round")
    out = svc.ask("did the pay on offer at tolland go up between the 1st and 2nd interview?")
    quotes = [c.quote for c in out.citations]
    assert quotes == ["pay band 34-38k + 15% nights allowance.",
                      "ayo said the band can go to 37.2k + the 15% allowance."]
    svc.close()


def two_rounds(svc: DebriefService, company: str, first: tuple[str, str, str],
               later: tuple[str, str, str]):  # noqa: ANN201
    """Two debriefs of one company, each (notes, date, stage); returns the later one."""
    svc.add(first[0], company=company, date=first[1], stage=first[2])
    return svc.add(later[0], company=company, date=later[1], stage=later[2])


def test_what_changed_lists_the_later_interviews_changes_under_their_heading(
        records) -> None:
    svc = records
    two_rounds(svc, "Merrow City", (
        "Recruiter call. Base range is 88 to 102k.\nTwo days from home.\nParking is free.",
        "2024-01-10", "recruiter screen"), (
        "Final with the director.\nwhat changed since round 1 (!!)\n"
        "position reclassified III -> II\nbase range is 79 to 91k\n\n"
        "She asked about budget variance.\nThe office has plants.", "2024-02-10", "final"))
    out = svc.ask("What changed at Merrow City between the recruiter call and the final?")
    quotes = [c.quote for c in out.citations]
    assert out.supported and out.answer.startswith("Between your recruiter screen")
    assert "position reclassified III -> II" in quotes and "base range is 79 to 91k" in quotes
    assert "The office has plants." not in quotes  # not a change
    assert "Base range is 88 to 102k." in quotes  # what it changed from
    svc.close()


def test_a_long_sentence_ending_in_a_colon_heads_the_changes(records) -> None:
    svc = records
    two_rounds(svc, "Wrenmoor Hospital", (
        "Met Colleen. Hiring 6 nurses for the new tower, rotating shifts.", "2024-01-10",
        "hiring manager"), (
        "Round two.\n\nBefore anything, Colleen told me a bunch had changed since round 1:\n"
        "- they're hiring 3 nurses, not 6\n- the cohort moved from June to September\n\n"
        "Q: tell me about a mistake.\nA: The insulin timing one. She nodded a lot.\n",
        "2024-02-19", "second round"))
    out = svc.ask("wrenmoor: whats different now compared to what colleen told me first time?")
    quotes = [c.quote for c in out.citations]
    assert out.answer.startswith("Between your hiring manager")
    assert "they're hiring 3 nurses, not 6" in quotes and "She nodded a lot." not in quotes
    # A long line ending in a colon over prose, not a list, heads nothing.
    two_rounds(svc, "Tallis Freight", (
        "Screen with Ivo. Base is 50k.", "2024-01-10", "recruiter screen"), (
        "Final.\nI keep thinking about what changed in how they see the role since then:\n"
        "They asked about my hobbies for ten minutes.\nBase is now 55k, not 50k.\n",
        "2024-02-10", "final"))
    tallis = [c.quote for c in svc.ask("what changed at Tallis Freight since the screen?")
              .citations]
    assert "Base is now 55k, not 50k." in tallis
    assert "They asked about my hobbies for ten minutes." not in tallis
    svc.close()


def test_a_numbered_changes_section_is_found_past_lines_that_only_say_change(records) -> None:
    """My own wording: a report-style note whose first line mentions a change in passing and
    whose panel asks "… or change?" before its numbered "CHANGES SINCE" section, each item of
    which is two sentences."""
    svc = records
    two_rounds(svc, "Haverleigh College", (
        "Panel. Band is £40,000 to £44,000. The minibus fleet is 9.", "2026-09-01", "panel"), (
        "1. AIM. Selection as Facilities Officer. (Title now changed, see para 3.)\n\n"
        "2. PANEL.\n- Mr. Brant: the cleaning contract, keep it or change?\n"
        "- I said tender it fairly.\n\n"
        "3. CHANGES SINCE ROUND 1\n"
        "a. Title now Estates Officer. Grounds staff report to the post.\n"
        "b. Band now £43,000 to £47,000. Pension the same.\n\n"
        "4. SUSTAIN. Short answers.\n", "2026-10-01", "second round"))
    out = svc.ask("what changed with the haverleigh job between round 1 and round 2")
    quotes = [c.quote for c in out.citations]
    assert "Title now Estates Officer. Grounds staff report to the post." in quotes
    assert "Band now £43,000 to £47,000. Pension the same." in quotes
    assert not any("keep it or change?" in q or "I said tender" in q for q in quotes)
    svc.close()


def test_changes_in_a_note_half_in_portuguese_are_found_by_their_own_words(records) -> None:
    """"agora", "na verdade", "antes era" say something moved; a plain "não" does not."""
    svc = records
    two_rounds(svc, "Colegio Alvorada", (
        "Primeira conversa com a diretora. A vaga é de 6th grade science.\n"
        "Start date late August.", "2024-01-10", "hiring manager"), (
        "Segunda rodada com o head of school.\n"
        "Não peguei o nome da moça do RH.\n"
        "Start date: antes era late August, agora é dia 11 de agosto.\n"
        "Na verdade a professora atual está saindo da escola.\n"
        "Não sei se gostei da sala.", "2024-02-10", "final"))
    out = svc.ask("Colegio Alvorada: what shifted between the two rounds?")
    quotes = [c.quote for c in out.citations]
    assert out.answer.startswith("Between your hiring manager")
    assert "Start date: antes era late August, agora é dia 11 de agosto." in quotes
    assert "Na verdade a professora atual está saindo da escola." in quotes
    assert "Não peguei o nome da moça do RH." not in quotes
    assert "Não sei se gostei da sala." not in quotes
    svc.close()


def test_when_an_interview_was_comes_from_its_debrief(records) -> None:
    svc = records
    svc.add("Phone screen with Tilde, twenty minutes.", company="Corrow Bay",
            date="2024-03-01", stage="recruiter screen")
    svc.add("Onsite at the Leith office, Wednesday. Four interviews back to back.",
            company="Corrow Bay", date="2024-03-20", stage="onsite loop")
    out = svc.ask("When did I do the Corrow Bay onsite?")
    assert out.supported
    assert out.answer.startswith("Your onsite loop with Corrow Bay was on Wednesday 20 March 2024.")
    assert [c.quote for c in out.citations] == [
        "Onsite at the Leith office, Wednesday."]
    both = svc.ask("when was my interview at Corrow Bay?")
    assert both.answer.startswith("You had two interviews with Corrow Bay: your recruiter screen "
                                  "on Friday 1 March 2024 and your onsite loop on Wednesday 20 "
                                  "March 2024.")
    svc.close()


def test_a_change_written_as_a_wrapped_bullet_is_quoted_whole(records) -> None:
    svc = records
    svc.add("Phone screen with Tilde. Team of six, hybrid.", company="Corrow Bay",
            date="2024-03-01", stage="recruiter screen")
    svc.add("Round two.\n\nThings that changed since the screen:\n"
            "- the team is now eight because they merged with\n"
            "  the analytics pod last month\n- hybrid is three days in, not two\n",
            company="Corrow Bay", date="2024-03-20", stage="second round")
    out = svc.ask("What changed at Corrow Bay between the screen and round two?")
    quotes = [c.quote for c in out.citations]
    # Quoted as the note has it (a citation is the note's own text), shown on one line.
    assert "the team is now eight because they merged with\n  the analytics pod last month" in quotes
    assert "“the team is now eight because they merged with the analytics pod last month”" in \
        out.answer
    svc.close()


def test_a_topic_word_only_some_jobs_share_finds_their_lines_and_pays_finds_pay(
        records) -> None:
    svc = records
    for company, note in (
            ("Velden Group", "Consulting case interview.\nExpect 80% travel, mostly plant floors."
                             "\nRange is $92-108k."),
            ("Ashby Partners", "Consulting partner chat.\nThe case was a market sizing."),
            ("Corrin & Co", "Consulting screen with HR.\nThe case was about a bank merger.")):
        svc.add(note, company=company, date="2024-03-01", stage="hiring manager")
    travel = svc.ask("which of these consulting jobs has the heaviest travel?")
    assert [c.quote for c in travel.citations] == ["Expect 80% travel, mostly plant floors."]
    pay = svc.ask("which of the jobs I interviewed for pays best?")
    assert [c.quote for c in pay.citations] == ["Range is $92-108k."]
    svc.close()


def test_single_note_questions_still_go_to_the_model(store, prompts) -> None:
    from debrief.features.ask import Asker

    model = FakeModel(replies=["The team is 6 engineers [1].", "The rate limiter [1].",
                               "NOT IN NOTES"])
    svc = DebriefService(store, lambda: None,  # type: ignore[arg-type, return-value]
                         asker_factory=lambda: Asker(store, model, prompts))
    d = svc.add(NOTES["Acme"], company="Acme", date="2024-03-01")
    out = svc.ask("What is the Acme team size?")
    assert len(model.calls) == 1 and out.supported
    d.extraction = Extraction(questions_asked=[Item(
        text="rate limiter", evidence="She asked: design a rate limiter for a public API.")])
    d.extraction_status = "done"
    store.save_record_only(d)
    assert svc.ask("What questions did they ask me at Acme?").answer.startswith("You noted")
    # "which question did I bomb?" asks for the user's slips, not the list of questions;
    # "what was I gonna ask them?" for the user's own to-do
    svc.ask("Which question did I bomb at Acme?")
    assert len(model.calls) == 2
    svc.ask("after Acme, what was I gonna ask them in writing?")
    assert len(model.calls) == 3
    svc.close()


def test_one_interviews_items_of_one_kind_are_listed(svc) -> None:
    asked = svc.ask("What questions did the Acme team ask me?")
    assert [c.quote for c in asked.citations] == [
        "She asked: design a rate limiter for a public API.",
        "She asked why I am leaving my current job."]
    promised = svc.ask("What did I promise to send Dana after the Acme interview?")
    assert [c.quote for c in promised.citations] == ["TODO: send Dana the rate limiter write-up."]
    assert promised.supported and promised.prompt_tokens == 0


def test_warm_up_reads_splits_and_embeds_ahead_without_answering(svc, store, tmp_path) -> None:
    from debrief.core.evidence import segment
    from debrief.features import retrieval

    assert retrieval._indexes.get(store) is None
    svc.warm_up()
    cached = svc._vector_cache()._vecs
    lines = [u.text for note in NOTES.values() for u in segment(note) if len(u.text) > 12]
    assert lines and all(line in cached for line in lines)
    assert (tmp_path / "insight-vectors.npz").is_file()  # kept for the next start
    assert retrieval._indexes.get(store) is not None
    assert not svc.asker.model.calls  # the fake cannot pick: no model call is made to warm it


def _service_with(model, store, prompts, tmp_path) -> DebriefService:  # noqa: ANN001
    """A service over one debrief whose asker uses the given (fake) chat model."""
    svc = DebriefService(store, lambda: None,  # type: ignore[arg-type, return-value]
                         asker_factory=lambda: Asker(store, model, prompts),  # type: ignore[arg-type]
                         insights_dir=tmp_path)
    svc.add(NOTES["Acme"], company="Acme", date="2024-03-01")
    return svc


def test_warm_up_reads_the_route_prompt_with_a_model_that_picks(store, prompts, tmp_path) -> None:
    from tests.unit.test_routes import PickingModel

    model = PickingModel()
    svc = _service_with(model, store, prompts, tmp_path)
    svc.warm_up()
    assert len(model.picks) == 1 and "QUESTION:" in model.picks[0]["messages"][-1]["content"]
    svc.close()


def test_warm_up_reads_the_answer_prompts_fixed_start_into_the_chat_model(
        store, prompts, tmp_path) -> None:
    from tests.unit.test_routes import PickingModel

    class Prefilling(PickingModel):
        def __init__(self) -> None:
            super().__init__()
            self.loaded = False
            self.prefilled: list = []

        def load(self) -> None:
            self.loaded = True

        def prefill(self, messages) -> int:  # noqa: ANN001
            self.prefilled.append(messages)
            return 1

    model = Prefilling()
    svc = _service_with(model, store, prompts, tmp_path)
    svc.warm_up()
    assert model.loaded and len(model.prefilled) == 1
    sent = model.prefilled[0]
    real = svc.asker.prepare("what did Acme say about the team?")[1]
    assert sent[:-1] == real[:-1]  # the system text: the start every question shares
    assert sent[0]["role"] == "system" and not model.calls
    svc.close()


def test_a_failing_warm_up_only_logs(svc, store, monkeypatch, caplog) -> None:
    def broken() -> list:
        raise OSError("disk went away")

    monkeypatch.setattr(store, "snapshot", broken)
    svc.warm_up()  # no exception reaches the caller
    assert "warm-up stopped: disk went away" in caplog.text


def test_which_job_pays_best_ranks_the_figures_and_cites_the_top_one(records) -> None:
    from debrief.features.question_patterns import pay_figure

    svc = records
    for company, role, note in (
            ("Copperkettle", "Cafe manager", "Met the owner.\nPay is 29k flat, no tips for managers."),
            ("Ravensgarth Lodge", "Guest services manager",
             "Panel with two managers.\nfacts\n- £36k\n- 48 hour weeks in peak season"),
            ("Dunmore Inn", "Night porter", "Rate is 16 per hour, nights only.")):
        svc.add(note, company=company, role=role, date="2024-03-01", stage="panel")
    best = svc.ask("which of the jobs I went for pays the most?")
    assert best.answer.startswith("Ravensgarth Lodge pays the most in your notes: £36k "
                                  "(Guest services manager). Then ")
    assert [c.quote for c in best.citations] == ["£36k"]  # a short line under "facts" counts
    assert "Copperkettle, 29k (Cafe manager)" in best.answer and "hourly" in best.answer
    least = svc.ask("which one pays the least")
    assert least.answer.startswith("Copperkettle pays the least")  # 16 an hour is 33,280 a year
    ends = svc.ask("which job pays the best and which one pays the worst?")
    assert ends.answer.startswith("Ravensgarth Lodge pays the most in your notes: £36k")
    assert "Copperkettle pays the least: 29k (Cafe manager). In between: Dunmore Inn" \
        in ends.answer
    assert {c.company for c in ends.citations} == {"Ravensgarth Lodge", "Copperkettle"}
    # the pay of each job, or the difference between two, listed without a ranking word
    from debrief.features.aggregate import AggregateAnswerer

    answerer = AggregateAnswerer(svc.store.snapshot, svc._insights_of, svc._vector_cache(),
                                 svc.router())
    # (as routed to one interview, the route the router chose on the unseen probe)
    each = answerer.answer("jodie keeps asking so - whats the money like at each of the hotel "
                           "jobs", route="one_interview")
    assert each is not None
    assert each.answer.startswith("All three companies in your notes say something "
                                  "about pay")
    assert {c.company for c in each.citations} == {"Copperkettle", "Ravensgarth Lodge",
                                                   "Dunmore Inn"}
    # a situation told first that says "asking" asks for no question lines
    for d in svc.store.snapshot():
        d.extraction = Extraction(questions_asked=[Item(text="why hotels", evidence=d.notes[:20])])
        d.extraction_status = "done"
        svc.store.save_record_only(d)
    mum = svc.ask("mum keeps asking about money - which of the jobs pays the most")
    assert mum.answer.startswith("Ravensgarth Lodge pays the most in your notes: £36k")
    # Asked for an hourly rate: only the rates given by the hour are ranked.
    svc.add("Rate is 12 per hour plus tips. The training payback is a flat £8,000, prorated.",
            company="Harbour Cafe", role="Barista", date="2024-03-02", stage="panel")
    hourly = svc.ask("of the places that told me an hourly rate, which one pays the most?")
    assert hourly.answer.startswith("Dunmore Inn pays the most in your notes: 16 per hour")
    assert "Then Harbour Cafe, 12 per hour (Barista)." in hourly.answer
    assert "£36k" not in hourly.answer and "8,000" not in hourly.answer
    # Two jobs set side by side ("A or B") are ranked, even when only one is named outright.
    either = svc.ask("is the salary better at copperkettle or at the lodge?")
    assert "pays the most in your notes" in either.answer and "Copperkettle" in either.answer
    # Two named side by side, one with no figure: nothing to compare.
    svc.add("Met the head porter. Nights and weekends.", company="Tollgate Hostel",
            role="Porter", date="2024-03-03", stage="panel")
    one_side = svc.aggregate_answer("does the tollgate hostel job pay more or less than "
                                    "copperkettle's 29k?")
    assert one_side is not None and not one_side.supported  # the passages are asked instead
    assert one_side.answer == "Your notes don't say."
    svc.close()
    # A payback, sign-on or start-up sum is not pay.
    assert pay_figure("the payback is now a flat $8,000, prorated") is None
    assert pay_figure("Base 75k, sign-on 10k")[:2] == (75000.0, "75k")  # type: ignore[index]
    assert pay_figure("bonus up to 15%, 3 days in office from 2025") is None
    assert pay_figure("£78-85k now, was £72k")[:2] == (85000.0, "£78-85k")  # type: ignore[index]


def test_how_many_people_interviewed_me_at_one_company_lists_the_people_met(svc) -> None:
    out = svc.ask("how many people interviewed me at Acme?")
    assert out.answer.startswith("Your notes name 1 person who interviewed you at Acme (onsite "
                                 "loop, Mar 1, 2024): Dana Reyes (Engineering Manager).")
    assert [c.quote for c in out.citations] == ["Met Dana Reyes, engineering manager."]
    # A recruiter who set it up is named apart from the interviewers.
    d = next(d for d in svc.list() if d.company == "Acme")
    d.people = [*d.people, Person(name="Kim Oyelaran", title="Recruiter")]
    svc.store.save_record_only(d)
    assert "interviewed you at Acme (onsite loop, Mar 1, 2024): Dana Reyes (Engineering " \
           "Manager), besides Kim Oyelaran (Recruiter)." in svc.ask("how many people did I meet "
                                                                 "at Acme").answer
    # A safety coordinator on the panel interviewed; an interview coordinator set it up.
    d.people = [*d.people, Person(name="Ola Brant", title="Safety Coordinator"),
                Person(name="Mei Soto", title="Interview Coordinator")]
    svc.store.save_record_only(d)
    sat = svc.ask("how many people did I sit down with at Acme").answer
    assert sat.startswith("Your notes name 2 people who interviewed you at Acme")
    assert "Ola Brant (Safety Coordinator)" in sat.split("besides")[0]
    assert "Mei Soto (Interview Coordinator)" in sat.split("besides")[1]
    # someone the question leaves out is named apart, not counted (the company's name between)
    left = svc.ask("not counting ola how many acme ppl did i sit down with").answer
    assert left.startswith("Your notes name 1 person who interviewed you at Acme (onsite loop, "
                           "Mar 1, 2024): Dana Reyes (Engineering Manager), not counting Ola "
                           "Brant (Safety Coordinator)")
    # Without a company it is still the count of companies.
    counted = svc.ask("how many companies have I interviewed with?").answer
    assert counted.startswith("You have debriefs from 3 companies")
    assert "Acme" in counted.split(".")[0]  # the companies counted are named
    # People known by their job ("how many partners did I meet at …") are a count of people.
    assert svc.ask("how many partners did I end up meeting at Acme").answer.startswith(
        "Your notes name 2 people who interviewed you at Acme")
    # A stage the question names picks that interview's people only.
    svc.add("Zoom panel first: Priya Nair and Tom Bell, both senior engineers.", company="Acme",
            date="2024-02-01", stage="panel",
            people=[Person(name="Priya Nair", title="Senior Engineer"),
                    Person(name="Tom Bell", title="Senior Engineer")])
    panel = svc.ask("how many ppl did I talk to on the Acme zoom panel?").answer
    assert panel.startswith("Your notes name 2 people who interviewed you at Acme (panel, "
                            "Feb 1, 2024): Priya Nair") and "Dana Reyes" not in panel
    # "Who did I speak to at …" is answered from the same lists, the stage it names first.
    assert svc.ask("who did i speak to on the acme zoom panel").answer.startswith(
        "Your notes name 2 people who interviewed you at Acme (panel, Feb 1, 2024)")


def test_changes_without_a_heading_put_the_asked_topic_first(records) -> None:
    svc = records
    later = two_rounds(svc, "Halvard Ames", (
        "First round with Rhys. Consultant level, band £58-62k. Three office days.",
        "2024-01-08", "technical screen"), (
        "Partner round.\n"
        "Why consulting now, after audit?\n"
        "Now the interesting bits:\n"
        "The ops lead left last month, so ops is being folded into transformation.\n"
        "Rhys is staying but reports into a new partner now.\n"
        "They moved to 2 office days, not 3.\n"
        "The graduate scheme is now run from Leeds.\n"
        "The coffee machine moved to the fourth floor.\n"
        "Their rail client pushed the go-live to spring.\n"
        "Their bid for the water contract was dropped.\n"
        "The Bristol office is moving to a new building.\n"
        "They'd hire me as Senior Associate, not Consultant.\n"
        "And the band is £55-60k instead of £58-62k, because I have no consulting years.\n",
        "2024-01-15", "second round"))
    out = svc.ask("halvard ames - what changed on my level + pay between the first round and "
                  "the partner round?")
    quotes = [c.quote for c in out.citations if c.debrief_id == later.id]
    assert out.supported and out.answer.startswith("Between your")
    # The level and the band are among the changes although 8 other lines say something moved.
    assert "They'd hire me as Senior Associate, not Consultant." in quotes
    assert any(q.startswith("And the band is £55-60k") for q in quotes)
    assert "Now the interesting bits:" not in quotes  # a line that only heads others
    assert len(quotes) <= 8
    svc.close()


def test_what_i_promised_lists_my_to_dos_not_what_they_will_do(svc) -> None:
    note = ("Recruiter call with Fenella Drury.\nShe'll send me a slot by the end of the week.\n"
            "I said I'd email her my updated CV with the lending figures tonight.")
    d = svc.add(note, company="Thornbury and Vail", date="2024-01-08", stage="recruiter screen",
                people=[Person(name="Fenella Drury", title="Recruiter")])
    d.extraction = Extraction(follow_ups=[
        Item(text="slot from Fenella", evidence="She'll send me a slot by the end of the week."),
        Item(text="email updated CV", evidence="I said I'd email her my updated CV with the "
                                               "lending figures tonight.")])
    d.extraction_status = "done"
    svc.store.save_record_only(d)
    mine = svc.ask("what did i promise fenella i'd send after the thornbury and vail call?")
    assert mine.answer.startswith("You noted one thing to send or do from Thornbury and Vail")
    assert [c.quote for c in mine.citations] == [d.extraction.follow_ups[1].evidence]
    # Asked what is coming, not what I owe, their line is not left out.
    from debrief.features.aggregate import MY_PART, THEIR_PART

    assert not MY_PART.search("what follow-ups came out of the thornbury and vail call?")
    assert THEIR_PART.match("Colette said she'd email times next week")
    assert not THEIR_PART.match("I'll send the deck by Friday")
    from debrief.features.aggregate import theirs

    assert theirs("Rhys: they decide by the 1st, he will phone")
    assert theirs("she'll send me a slot") and not theirs("they want my refs, I said fine")
    assert MY_PART.search("what i said i will do for the orrells")


def test_did_i_say_id_do_something_answers_yes_with_those_to_dos(svc) -> None:
    note = ("Panel at Ostrava Freight with three ops leads.\nTo do: finish the forklift refresher."
            "\nI should email Marit the depot photos she asked about.\nRead the safety report.")
    d = svc.add(note, company="Ostrava Freight", date="2024-01-08", stage="panel",
                people=[Person(name="Marit Olsen", title="Ops lead")])
    d.extraction = Extraction(follow_ups=[
        Item(text="forklift refresher", evidence="finish the forklift refresher"),
        Item(text="photos to Marit", evidence="I should email Marit the depot photos she asked "
                                              "about."),
        Item(text="safety report", evidence="Read the safety report.")])
    d.extraction_status = "done"
    svc.store.save_record_only(d)
    ans = svc.ask("did i say i'd email anybody after the ostrava freight panel?")
    assert ans.answer.startswith("Yes. You noted one thing to send or do from Ostrava Freight")
    assert [c.quote for c in ans.citations] == [d.extraction.follow_ups[1].evidence]
    every = svc.ask("what did i promise to send after the ostrava freight panel?")
    assert len(every.citations) == 3 and not every.answer.startswith("Yes")
    # the same asked as a denial with a tag
    denied = svc.ask("i didnt say i'd email anybody after the ostrava freight panel did i")
    assert denied.answer.startswith("Yes. You noted one thing to send or do from Ostrava")
    assert [c.quote for c in denied.citations] == [d.extraction.follow_ups[1].evidence]


def test_the_situation_told_before_a_question_is_not_its_topic(svc) -> None:
    plain = svc.ask("Which companies asked me system design questions?")
    told = svc.ask("Lunch was nice at the last one but the on-call talk put me off. "
                   "Which companies asked me system design questions?")
    assert told.supported and told.prompt_tokens == 0
    assert [c.quote for c in told.citations] == [c.quote for c in plain.citations]
    from debrief.core.text import asking_part

    assert asking_part("Reorgs make me nervous. Which places are being restructured?") == \
        "Which places are being restructured?"
    assert asking_part("harrowgate offer: which pay pt + why not 1 higher") == \
        "harrowgate offer: which pay pt + why not 1 higher"
    # a question relayed from someone else is the question; what an interviewer asked is not
    assert asking_part("leanne keeps asking when i have to give tolland my answer on the offer") \
        == "when i have to give tolland my answer on the offer"
    assert asking_part("my mum wants to know how much the school pays") == \
        "how much the school pays"
    # a title's full stop ends no sentence
    from debrief.core.text import split_asks
    assert split_asks("What did I undertake to do for Mrs. Khandekar, and does it still stand "
                      "now?") == ["What did I undertake to do for Mrs. Khandekar?",
                                  "does it still stand now?"]
    # "him" in the question is the one named in what was told before it
    assert asking_part("going to see kabir tomorrow. what was it i promised him?") == \
        "going to see kabir tomorrow. what was it i promised him?"
    assert asking_part("the clerk has been so kind. what did i say i'd do for him?") == \
        "the clerk has been so kind. what did i say i'd do for him?"
    # a request that points back to the question relayed before it asks that question
    assert asking_part("my sister wants to know what they're all paying before we talk about "
                       "dad. can you put them side by side?") == "what they're all paying"
    for kept in ("the panel asked whether I would relocate, what did I say",
                 "Did Maria ask when I could start?",
                 "the recruiter kept asking what my notice period is, what did I tell her"):
        assert asking_part(kept) == kept
    # a situation told before a colon, or someone's word and ", so" what to do
    assert asking_part("mihai is on nights at the depot so this matters: which of the places "
                       "would want me on call overnight?") == \
        "which of the places would want me on call overnight?"
    assert asking_part("rob says just take whichever pays most, so line up the money for all "
                       "three piano jobs") == "line up the money for all three piano jobs"
    for kept in ("corvid lane final round: who was on the call?",  # no verb: names an interview
                 "Kestrel Labs: what did they ask?", "the pay is low, so what?",
                 # the question points back into what was told
                 "marcus is off at the end of november so before that: what did i promise him"):
        assert asking_part(kept) == kept
    # someone's ask told before a dash, then the question
    assert asking_part("jodies mum asked which nights shed need kayden - which of the jobs have "
                       "me on call and how often") == "which of the jobs have me on call and how often"
    for kept in ("corvid lane final - who was on the call",  # a company and an interview
                 "that short phone call with the director whose voicemail just said clinical "
                 "services - what did she keep pushing me on?"):  # a description of one
        assert asking_part(kept) == kept


def test_a_to_do_wrapped_over_two_lines_is_still_the_one_about_the_person_asked(svc) -> None:
    # Wrapped prose: the note's lines break mid-sentence at about 75 characters.
    note = ("Second round at Ravensway Parcel, an hour with Fiona Gallagher at the depot.\n\n"
            "They have one more person to see next week, so there is no decision until\n"
            "after that. Fiona said the end of the month at the latest, maybe sooner.\n\n"
            "To do: book the CPC refresher anyway, and the other thing, Fiona wants a\n"
            "copy of my latest appraisal, which is a bit odd, so I'll have to dig it out.\n")
    d = svc.add(note, company="Ravensway Parcel", date="2024-02-12", stage="second round",
                people=[Person(name="Fiona Gallagher", title="Regional director")])
    wrapped = "Fiona wants a\ncopy of my latest appraisal"
    d.extraction = Extraction(follow_ups=[
        Item(text="Decision by end of month", evidence="no decision until\nafter that. Fiona "
                                                        "said the end of the month at the latest, "
                                                        "maybe sooner."),
        Item(text="Send Fiona the appraisal", evidence=wrapped)])
    d.extraction_status = "done"
    svc.store.save_record_only(d)
    ans = svc.ask("ravensway - what am i meant to dig out and send fiona?")
    assert wrapped in [c.quote for c in ans.citations]
    assert "copy of my latest appraisal” [" in ans.answer  # quoted on one line


@pytest.mark.parametrize(("spoken", "digits"), [
    ("pay is sixty four to seventy two and the pension", "pay is 64 to 72 and the pension"),
    ("base would be ninety one thousand flat", "base would be 91000 flat"),
    ("grade nine which is fifty two six to sixty one three", "grade 9 which is 52.6 to 61.3"),
    ("we talked for an hour about two projects", "we talked for an hour about two projects"),
])
def test_numbers_said_in_words_are_written_in_digits(spoken: str, digits: str) -> None:
    from debrief.features.question_patterns import in_digits

    assert in_digits(spoken) == digits


@pytest.mark.parametrize(("line", "figure"), [
    ("pay is 64 to 72 and the pension", (72000.0, "64 to 72k")),
    ("base 140-155 + RSUs, flexible", (155000.0, "140-155k")),
    ("base would be 91000 flat", (91000.0, "91,000")),
    ("pay grade is 9 which is 52.6 to 61.3", (61300.0, "52.6 to 61.3k")),
    ("base 40 hours a week", None),  # hours, not pay
    ("the pay for the 2 roles", None),
    ("it's 85 base plus 60 variable", None),  # the variable part is not the base
])
def test_a_bare_figure_said_as_pay_is_in_thousands(line: str, figure: tuple | None) -> None:
    from debrief.features.question_patterns import pay_figure

    got = pay_figure(line)
    assert (got[:2] if got else None) == figure


def test_a_question_for_a_person_gets_no_list_of_questions_or_openings(svc) -> None:
    from debrief.features.aggregate import AggregateAnswerer

    answerer = AggregateAnswerer(svc.store.snapshot, svc._insights_of, svc._vector_cache(),
                                 svc.router())
    listed = answerer.answer("what did they ask me at Globex?", route="questions_of_one")
    assert listed is not None and listed.citations
    assert answerer.answer("um whats the name of the one who asked me about system design at "
                           "Globex", route="questions_of_one") is None
    assert answerer.answer("who was it at Globex that mentioned another job and what's their "
                           "title", route="other_openings") is None
    assert answerer.answer("which other jobs came up at Globex?", route="other_openings")


def test_a_to_do_that_points_back_is_listed_with_what_it_points_to(svc) -> None:
    note = ("Larchmere panel, rejected in the end.\nRos said they'll be advertising a Level 3 "
            "Applied Science post after Easter. I'm going to email her to ask when it goes live."
            "\nTo do: send Ros my timetable.")
    d = svc.add(note, company="Larchmere College", date="2024-01-22", stage="panel",
                people=[Person(name="Ros Adebayo", title="Head of Science")])
    d.extraction = Extraction(follow_ups=[
        Item(text="email Ros", evidence="I'm going to email her to ask when it goes live."),
        Item(text="timetable", evidence="send Ros my timetable.")])
    d.extraction_status = "done"
    svc.store.save_record_only(d)
    ans = svc.ask("what did i say i'd send or email after the larchmere panel?")
    quotes = [c.quote for c in ans.citations]
    assert any(q.startswith("Ros said they'll be advertising a Level 3") and
               q.endswith("when it goes live.") for q in quotes)
    assert "send Ros my timetable." in quotes  # no "it": as it is


def test_a_topic_whose_telling_word_is_in_no_line_is_found_by_its_common_word(
        store, tmp_path, prompts) -> None:
    """"booking software each place?": "booking" is in most notes (hotels), "software" in none;
    the lines about booking systems are still the answer, not a refusal."""
    svc = DebriefService(store, lambda: None,  # type: ignore[arg-type, return-value]
                         asker_factory=lambda: route_only(prompts), insights_dir=tmp_path)
    notes = {"Gullwing Inn": "Front desk is busy. They use Mews for bookings and guest profiles.",
             "Brambleford Centre": "No proper booking system, everything lives in spreadsheets.",
             "Ravensgarth Lodge": "Spa bookings go through a separate booking app.",
             "Ondine Hotel": "Night audit runs at 3am."}
    for n, (company, note) in enumerate(notes.items()):
        svc.add(note, company=company, date=f"2024-03-0{n + 1}", stage="final")
    out = svc.ask("booking software at each place?")
    assert out.supported
    assert {c.company for c in out.citations} >= {"Brambleford Centre", "Ravensgarth Lodge"}
    assert "Ondine Hotel" not in {c.company for c in out.citations}
    svc.close()


def test_somewhere_to_live_finds_each_place_s_own_word_for_it(store, tmp_path, prompts) -> None:
    """"which of the jobs give me somewhere to live": the notes say cottage, caravan,
    accommodation, none of them the question's words."""
    svc = DebriefService(store, lambda: None,  # type: ignore[arg-type, return-value]
                         asker_factory=lambda: route_only(prompts), insights_dir=tmp_path)
    notes = {"Ashwell Wildlife Park": "There is a staff caravan on site for £200 a month.",
             "Sedgeford Wetlands": "Schools programme, four days a week, no weekends.",
             "Brackley Zoo": "Salary £30,000, and the cottage at the back gate comes with the "
                             "job, free, bills too.",
             "Tamsbury Farm Park": "Night checks on the lambs in spring. The vet comes weekly."}
    for n, (company, note) in enumerate(notes.items()):
        svc.add(note, company=company, date=f"2026-03-0{n + 1}", stage="panel")
    out = svc.ask("jonas wants to come over, so - which of the jobs give me somewhere to live")
    assert out.supported
    assert {c.company for c in out.citations} == {"Ashwell Wildlife Park", "Brackley Zoo"}
    assert "accommodation" in out.answer.split("\n")[0]
    svc.close()


def test_a_question_leaves_out_what_it_says_to_leave_out(svc) -> None:
    """"Apart from the rate limiter, what did Acme ask me?" lists the rest; "leaving Acme out of
    it, which companies …" answers over the others."""
    asked = svc.ask("Apart from the rate limiter, what questions did the Acme team ask me?")
    assert [c.quote for c in asked.citations] == ["She asked why I am leaving my current job."]
    across = svc.ask("leaving Globex out of it, which companies asked me design questions?")
    assert {c.company for c in across.citations} == {"Acme"}
    assert {c.company for c in svc.ask("Which companies asked me design questions?").citations} \
        == {"Acme", "Globex"}


@pytest.mark.parametrize(("question", "rest", "thing"), [
    ("Apart from the bus case, what did she ask me?", "what did she ask me?", "the bus case"),
    ("what else did i get wrong, apart from the payback maths?", "what else did i get wrong?",
     "the payback maths"),
    ("leaving castellan out of it, which firms told me their size?",
     "which firms told me their size?", "castellan"),
    ("leaving the hospice out (they'd train me), how long is orientation at the others?",
     "how long is orientation at the others?", "the hospice"),
    ("On the hospice call, not the IV fluids one - which question stumped me?",
     "On the hospice call, which question stumped me?", "the IV fluids one"),
    ("not counting the contractors, how many SDRs would I manage?",
     "how many SDRs would I manage?", "the contractors"),
    ("what did she say, not that it matters, about pay?",
     "what did she say, not that it matters, about pay?", ""),
    ("which jobs are not remote?", "which jobs are not remote?", ""),
    # unpunctuated: the question proper starts at its question words
    ("not counting the canon how many were on the panel at round 2",
     "how many were on the panel at round 2", "the canon"),
    ("apart from the one who asked about pay what did they want", "what did they want",
     "the one who asked about pay"),
])
def test_what_a_question_leaves_out_is_told_from_the_rest(question: str, rest: str,
                                                         thing: str) -> None:
    from debrief.core.text import holds_left_out, left_out

    assert left_out(question) == (rest, thing)
    if thing == "the payback maths":
        assert holds_left_out("Where I struggled: the payback math.", thing)
        assert not holds_left_out("I ran 6 minutes over on the presentation", thing)


def test_who_was_on_the_panel_of_an_interview_pointed_at_by_its_date(records) -> None:
    svc = records
    svc.add("Panel at the regional office, 90 min.\nCurt again, and the area VP Marguerite "
            "Oyelaran flew in.\n", company="Halvorsen Surgical", date="2025-03-06", stage="panel",
            people=[Person(name="Curt Langholm", title="regional manager"),
                    Person(name="Marguerite Oyelaran", title="area VP")])
    svc.add("Screen with Curt.\n", company="Halvorsen Surgical", date="2025-02-10",
            stage="recruiter screen", people=[Person(name="Curt Langholm")])
    svc.add("Call with Dot.\n", company="Quenby & Marsh", date="2025-03-01",
            people=[Person(name="Dot Ferris")])
    out = svc.ask("who was on the panel at my march 6th interview?")
    assert "Marguerite Oyelaran" in out.answer and "Curt Langholm" in out.answer
    assert "Dot" not in out.answer


def test_a_question_about_one_company_is_no_topic_listing(svc) -> None:
    """"Sitting down to prep for Acme. Which ones talked about equity?" asks about one company's
    notes: the passages answer it (checked, or "Your notes don't say"), not a list of its lines
    under "Your notes on Acme say something about it"."""
    assert svc.aggregate_answer("Sitting down to prep for Acme. Which ones talked about "
                                "equity?") is None
    across = svc.aggregate_answer("Which of my interviews mentioned equity?")
    assert across is not None and "Acme" in across.answer  # across companies: still a listing


def test_a_superlative_ranks_the_figure_each_interview_states(records) -> None:
    svc = records
    for company, stage, note in (
            ("Brennick", "technical screen", "Practical test in their shop.\n"
             "Thursday, 8:00 until almost 11:30\nThe foreman watched me wire a panel."),
            ("Northern Tern", "panel", "Wednesday, 9:30, head office, 1 hour 15 min\n"
             "They hire 4 electricians now because 5 people retire next year."),
            ("Cobalt Ridge", "recruiter screen", "Phone call with Jenny, about 30 minutes.\n"
             "The mill is expanding so they need 6 more electricians.")):
        svc.add(note, company=company, role="Electrician", date="2024-05-02", stage=stage)
    longest = svc.ask("out of all my interviews which one ate the most hours of my day?")
    assert longest.answer.startswith("Brennick has the longest in your notes: 8:00 until "
                                     "almost 11:30 (technical screen, ")
    assert "Then Northern Tern (panel), 1 hour 15 min; Cobalt Ridge (recruiter screen), 30 " \
           "minutes." in longest.answer
    assert {c.company for c in longest.citations} == {"Brennick", "Northern Tern", "Cobalt Ridge"}
    assert "Thursday, 8:00 until almost 11:30" in [c.quote for c in longest.citations]
    ends = svc.ask("which interview ate the biggest chunk of my day, and which was the quickest?")
    assert ends.answer.startswith("Brennick has the longest in your notes: 8:00 until almost "
                                  "11:30 (technical screen, ")
    assert "The shortest: Cobalt Ridge, 30 minutes (recruiter screen, " in ends.answer
    assert ends.answer.split("\n")[0].endswith("Then Northern Tern (panel), 1 hour 15 min.")
    shortest = svc.ask("which was my shortest interview?")
    assert shortest.answer.startswith("Cobalt Ridge has the shortest in your notes")
    hiring = svc.ask("which of these companies is taking on the most electricians right now?")
    assert hiring.answer.startswith("Cobalt Ridge has the most in your notes: 6 more "
                                    "electricians")
    assert "Then Northern Tern (panel), 4 electricians." in hiring.answer
    # The line most about what is asked, even when a later one has a number near a word of it.
    for company, date, note in (
            ("Tidewell", "2024-06-01", "The design team is nine people split across two squads."),
            ("Tidewell", "2024-06-08", "Onsite went well.\nThey had 2 tablets for design demos."),
            ("Loomcraft", "2024-06-02", "Recruiter screen: a design team of four under the CTO.")):
        svc.add(note, company=company, role="Product designer", date=date, stage="panel")
    team = svc.ask("between loomcraft and tidewell, who's got the biggest design team?")
    assert team.answer.startswith("Tidewell has the biggest in your notes: team is 9 (panel, Jun "
                                  "1, 2024). Then Loomcraft (panel), team of 4.")


def test_the_most_people_met_ranks_the_people_each_debrief_lists(records) -> None:
    svc = records
    svc.add("Onsite: Marcus Feld first, then Priscilla Oyama, then Renee Castellanos.",
            company="Cobaltline", date="2024-06-01", stage="onsite loop",
            people=[Person(name="Marcus Feld", title="RVP"), Person(name="Priscilla Oyama"),
                    Person(name="Renee Castellanos", title="VP of sales")])
    svc.add("Video call with Kendra, then her boss Omar joined for the end.",
            company="Ironleaf", date="2024-06-03", stage="second round",
            people=[Person(name="Kendra"), Person(name="Omar")])
    out = svc.ask("Which interview had me meeting the most people, and how many was it?")
    assert out.answer.startswith("You met the most people, 3, at Cobaltline (onsite loop, Jun "
                                 "1, 2024): Marcus Feld (RVP), Priscilla Oyama and Renee "
                                 "Castellanos (VP of sales).")
    assert "Then Ironleaf (second round), 2." in out.answer
    assert {c.company for c in out.citations} == {"Cobaltline"}
    # A tie names both.
    svc.add("Panel: Ines Varga, Dario and Hollis Tran.", company="Marrowgate", date="2024-06-05",
            stage="panel", people=[Person(name="Ines Varga"), Person(name="Dario"),
                                   Person(name="Hollis Tran")])
    tied = svc.ask("which of my panels had the most people on it?")
    assert tied.answer.startswith("You met the most people, 3 at each, at Cobaltline")
    assert "; and at Marrowgate (panel, Jun 5, 2024): Ines Varga, Dario and Hollis Tran." \
        in tied.answer
    assert {c.company for c in tied.citations} == {"Cobaltline", "Marrowgate"}


def test_topic_answer_starts_with_a_sentence_naming_the_topic_and_each_companys_headline(
        svc) -> None:
    out = svc.ask("Which companies asked me system design questions?")
    lead = out.answer.splitlines()[0]
    # The topic in the question's own words, and each company with its item's headline.
    assert lead.startswith("One of the three companies in your notes says something about "
                           "“system design”: ")
    assert "Globex (System design: a URL shortener with analytics)" in lead
    assert "Initech" not in lead


def test_pay_between_two_rounds_is_said_in_one_sentence(records) -> None:
    svc = records
    two_rounds(svc, "Merrow City", (
        "Recruiter call. Base range is 88 to 102k.\nTwo days from home.", "2024-01-10",
        "recruiter screen"), (
        "Final with the director.\nbase range is 79 to 91k\nShe asked about budget variance.",
        "2024-02-10", "final"))
    out = svc.ask("did the pay at merrow city go up between the recruiter call and the final?")
    assert out.supported
    assert out.answer.startswith(
        "The pay at Merrow City went down: 88 to 102k at your recruiter screen (Jan 10, 2024), "
        "79 to 91k at your final (Feb 10, 2024).")


def test_pay_is_not_compared_when_an_interview_states_two_figures(records) -> None:
    svc = records
    two_rounds(svc, "Merrow City", (
        "Recruiter call. Base range is 88 to 102k.", "2024-01-10", "recruiter screen"), (
        "Final with the director.\nbase is 95k, OTE 130k\nShe asked about budget variance.",
        "2024-02-10", "final"))
    out = svc.ask("did the pay at merrow city go up between the recruiter call and the final?")
    assert out.supported and "The pay at" not in out.answer


def test_a_companys_headline_in_the_lead_is_the_item_about_the_topic(records) -> None:
    svc = records
    line = "which eh base is 140 to 155 hybrid three days in the office downtown"
    for n, (company, note) in enumerate([("Gravelpoint Freight", f"Recruiter call.\n{line}\n"),
                                         ("Tiderunner Payments", "Panel.\nFully remote team.\n"),
                                         ("Orrery Health", "Screen.\nThey asked about Kafka.\n")]):
        d = svc.add(note, company=company, date=f"2024-01-2{n}", stage="recruiter screen")
        if company == "Gravelpoint Freight":
            d.extraction = Extraction(insider_info=[
                Item(text="Base $140-155k", evidence="base is 140 to 155"),
                Item(text="Hybrid, three office days", evidence="hybrid three days in the office")])
            d.extraction_status = "done"
            svc.store.save_record_only(d)
    out = svc.ask("which of these jobs would make me go into an office?")
    lead = out.answer.splitlines()[0]
    assert "Gravelpoint Freight (Hybrid, three office days)" in lead
    assert "140" not in lead  # the pay item of the same line is not about offices


def test_a_promise_listing_says_what_became_of_them(svc) -> None:
    d = svc.add("Panel at Quarrybank Mill with Esme Tolland.\n"
                "I said I'd send Esme the photos of my lime-mortar repairs by Friday.\n"
                "Also look up their open days.",
                company="Quarrybank Mill", date="2025-05-06", stage="panel",
                people=[Person(name="Esme Tolland", title="Conservation manager")])
    d.extraction = Extraction(follow_ups=[
        Item(text="photos to Esme", evidence="I said I'd send Esme the photos of my lime-mortar "
                                             "repairs by Friday.")])
    d.extraction_status = "done"
    svc.store.save_record_only(d)
    later = svc.add("Call with a recruiter from Stonecraft.\nThe lime-mortar photos went to Esme on "
                    "the Thursday, done.", company="Stonecraft", date="2025-05-12",
                    stage="recruiter screen")
    ans = svc.ask("did i ever send esme at quarrybank mill what i promised?")
    assert "Your notes also say what became of it." in ans.answer
    assert [c.quote for c in ans.citations] == [
        d.extraction.follow_ups[0].evidence,
        "The lime-mortar photos went to Esme on the Thursday, done."]
    assert ans.citations[1].debrief_id == later.id


def test_a_name_asked_by_title_comes_from_the_records(svc) -> None:
    d = svc.add("Onsite at Brightwort.\nIB = Dr Ilse Brandt, Tech Dir, runs the lab.\n"
                "GR = Gemma Ruckley, HoS (Head of Sales).",
                company="Brightwort Yeast", date="2025-05-06", stage="onsite loop",
                people=[Person(name="Dr Ilse Brandt", title="Technical Director"),
                        Person(name="Gemma Ruckley", title="Head of Sales")])
    ans = svc.ask("brightwort technical director name")
    assert ans.answer.startswith("Your notes name the Technical Director at Brightwort Yeast: "
                                 "Dr Ilse Brandt.")
    assert [c.quote for c in ans.citations] == ["IB = Dr Ilse Brandt, Tech Dir, runs the lab."]
    assert ans.citations[0].debrief_id == d.id
    # a second ask beside it is not answered by the name alone
    from debrief.features.aggregate import ALSO_ASKS

    assert ALSO_ASKS.search("who is the head of sales at brightwort and what did she ask?")
    assert not ALSO_ASKS.search("who is the head of sales at brightwort")


def with_to_dos(svc: DebriefService, d: Debrief, lines: list[str]) -> None:
    """Give a debrief these lines of its note as its extracted to-dos, and store it."""
    d.extraction = Extraction(follow_ups=[Item(text=x, evidence=x) for x in lines])
    d.extraction_status = "done"
    svc.store.save_record_only(d)


def test_a_promise_to_someone_known_by_title_lists_their_rows_only(svc) -> None:
    """"the clerk in the judge's courtroom … what did I say I'd do for him": the clerk is the
    "courtroom clerk, Dept. 4" (his title up to its comma); the told sentence says who "him"
    is; in a to-do list the rows led by other people's names are theirs, not his."""
    note = ("synced Thu Nov 5\n[x] interview in chambers. Judge Okoro, Hal and Ruben sat in.\n"
            "[x] lunch with Ruben at the noodle bar\n"
            "[ ] Ruben: if I get it, the first Friday lunch is on me.\n"
            "[ ] Hal: the overtime rota. Sent Oct 20\n"
            "[ ] Ms. Pryce: the parking form. Done Oct 12\n")
    d = svc.add(note, company="Marlow County Court", date="2024-02-05", stage="final",
                people=[Person(name="Ruben Sato", title="courtroom clerk, Dept. 4"),
                        Person(name="Hal Brenner", title="services manager"),
                        Person(name="Ms. Pryce", title="HR")])
    rows = [line for line in note.splitlines() if line.startswith("[ ]")]
    with_to_dos(svc, d, rows)
    out = svc.ask("the clerk in the judge's courtroom has been really kind. what did i say i'd "
                  "do for him?")
    assert [c.quote for c in out.citations] == [rows[0]], out.answer


def test_a_promise_asked_by_surname_leaves_out_what_is_owed_to_others(svc) -> None:
    """"what did I undertake to do for Mrs. Varga" finds Ilona Varga (the note calls her
    "Ilona ma'am"); a to-do naming someone else and not her is theirs; her own "she will" is
    not the user's."""
    note = ("Ilona ma'am walked me round the orchard.\n"
            "I promised Ilona ma'am that I will send her a plan for the cider week by Monday.\n"
            "I told Bence I will connect him with my friend at the market.\n"
            "Ilona ma'am said she will tell me by next Saturday.")
    d = svc.add(note, company="Tokaj Ridge", date="2024-02-06", stage="hiring manager",
                people=[Person(name="Ilona Varga", title="founder"),
                        Person(name="Bence Toth", title="cellar master")])
    lines = note.splitlines()[1:]
    with_to_dos(svc, d, lines)
    out = svc.ask("What did I undertake to do for Mrs. Varga?")
    assert [c.quote for c in out.citations] == [lines[0]], out.answer
    # a surname said without a title may be a word like any other
    from debrief.features.aggregate import _says_name

    assert _says_name(d, "what did i promise mrs. varga") == {"ilona"}
    d.people.append(Person(name="Ama Young", title="ops lead"))
    assert _says_name(d, "what did the young lad from the cellar want") == set()


def test_whether_a_promise_went_finds_the_person_named_not_a_company_a_word_seems_to_name(
        svc) -> None:
    """"i didnt get camilla that list of amateur orchestras on time did i": Camilla was met at
    the publisher, not at the orchestra "orchestras" seems to name; only the list is asked
    about, and what became of it comes with it."""
    first = svc.add("Camilla ran the panel.\nPromised Camilla a list of amateur orchestras that "
                    "hire from rivals, by the end of the month.\nPromised Camilla my notes on "
                    "late fees too.", company="Pellam Music", date="2024-02-07", stage="panel",
                    people=[Person(name="Camilla Foyle", title="hire manager")])
    lines = first.notes.splitlines()[1:]
    with_to_dos(svc, first, lines)
    later = svc.add("Fiona chaired.\nCamilla's amateur orchestras list: sent 1 Nov, a day late.",
                    company="Ashmoor Philharmonic Orchestra", date="2024-02-20", stage="panel",
                    people=[Person(name="Fiona Garside", title="orchestra manager")])
    with_to_dos(svc, later, ["Fiona chaired."])
    out = svc.ask("i didnt get camilla that list of amateur orchestras on time did i")
    assert [c.quote for c in out.citations] == [
        lines[0], "Camilla's amateur orchestras list: sent 1 Nov, a day late."], out.answer


def test_a_relayed_request_and_the_hours_asked() -> None:
    """"segun is asking me which job pays what. please list the money for all three" asks
    which job pays what; an answer to "the daily hours" that gives none is the wrong unit."""
    from debrief.core.text import asking_part
    from debrief.features.ask import wrong_unit

    assert asking_part("segun is asking me which job pays what. please list the money for "
                       "all three") == "which job pays what"
    question = "Rosie wants to know the daily hours of the workshop job. What would they be?"
    assert wrong_unit("It is 7 engineers for £34,000 per day, a night rota of one week in "
                      "four. [1]", question)
    assert not wrong_unit("8 till 4, Monday to Wednesday [1]", question)
    assert not wrong_unit("36.5 hours, full time [1]", "how many hours a week is the post?")


def test_each_jobs_pay_with_what_they_offered_and_the_employers_figures_first(records) -> None:
    """My own wording: three jobs. What each pays is listed by the employer's figures before the
    user's own ("I said £40k"), an hourly rate is pay, and, asked what they offered, each offer
    is quoted from its line's "offer" to its figure (one said in another job's note too)."""
    from debrief.features.aggregate import AggregateAnswerer

    svc = records
    for company, note, date in (
            ("Harrowgate Press", "Panel of three.\nI said £40k.\nI'm on £33k now.\nThe band is "
             "£36k to £39k, plus a bus pass.\n- Tue 6/10: OFFER. Mel rang. £37,500, start 2 Nov. "
             "Answer by Fri 9 Oct.", "2026-09-20"),
            ("Ferncliff Mill", "Tour of the floor.\nThey pay £14.20 an hour plus £2 an hour on "
             "nights.", "2026-09-25"),
            ("Oakhollow Books", "Met the owner.\nSalary £31,000, no bonus.\n- Thu 8/10: Ferncliff "
             "offered too! Raj rang. £14.60 an hour, start in January.", "2026-09-28")):
        svc.add(note, company=company, role="Print supervisor", date=date, stage="panel")
    answerer = AggregateAnswerer(svc.store.snapshot, svc._insights_of, svc._vector_cache(),
                                 svc.router())
    each = answerer.answer("mum wants it all in one place. what was each of the 3 paying and what "
                           "did they offer", route="one_interview")
    assert each is not None and each.answer.startswith("All three companies in your notes say "
                                                       "something about pay")
    quotes = [c.quote for c in each.citations]
    assert "The band is £36k to £39k, plus a bus pass." in quotes and "I said £40k." not in quotes
    assert "They pay £14.20 an hour plus £2 an hour on nights." in quotes
    assert "Tue 6/10: OFFER. Mel rang. £37,500, start 2 Nov." in quotes
    assert "Thu 8/10: Ferncliff offered too! Raj rang. £14.60 an hour, start in January." in quotes
    # "each place", said in the singular
    each = answerer.answer("what did each place pay and what got offered", route="one_interview")
    assert each is not None and each.answer.startswith("All three companies")


def test_people_met_the_first_time_are_those_of_the_earliest_interview(records) -> None:
    svc = records
    svc.add("Panel.\n- Mr. Ivor Lane, Bursar.\n- Mrs. Joan Pryce, Head.", company="Tollbridge School",
            date="2026-09-01", stage="panel", people=[Person(name="Ivor Lane", title="Bursar"),
                                                        Person(name="Joan Pryce", title="Head")])
    svc.add("Again.\n- Mr. Ivor Lane, Bursar.\n- Dr. Sita Rao, Governor.\n- Mr. Tom Hale, Estates.",
            company="Tollbridge School", date="2026-10-01", stage="other",
            people=[Person(name="Ivor Lane", title="Bursar"), Person(name="Sita Rao",
                                                                      title="Governor"),
                    Person(name="Tom Hale", title="Estates")])
    ans = svc.ask("how many people interviewed me at tollbridge the first time")
    assert ans.answer.startswith("Your notes name 2 people who interviewed you at Tollbridge "
                                 "School (panel, Sep 1, 2026)")
    assert "Sita Rao" not in ans.answer
