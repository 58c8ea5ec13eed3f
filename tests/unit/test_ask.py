"""Ask with a scripted fake model: filters, checked citations, refusals, history."""

from __future__ import annotations

import re

import pytest

from debrief.adapters.prompts import PromptLibrary
from debrief.core.domain import Person
from debrief.features.ask import Asker, Filters, Turn
from debrief.service import DebriefService
from tests.conftest import eval_note
from tests.fakes import FakeModel


def seed(svc: DebriefService) -> dict[str, str]:
    ids = {}
    for name, company, date, stage in (
        ("01-larkspur-analytics.txt", "Larkspur Analytics", "2024-03-04", "recruiter screen"),
        ("13-ferrowave-robotics.txt", "Ferrowave Robotics", "2024-03-25", "technical screen"),
        ("10-pebblestone-studio.txt", "Pebblestone Studio", "2024-04-02", "portfolio review"),
    ):
        ids[company] = svc.add(eval_note(name), company=company, date=date, stage=stage).id
    return ids


def asker(svc: DebriefService, model: FakeModel, prompts: PromptLibrary) -> Asker:
    return Asker(svc.store, model, prompts)


def test_answer_cites_passages_that_exist_in_their_debrief(make_service, prompts) -> None:
    svc = make_service(FakeModel())
    ids = seed(svc)
    model = FakeModel(replies=["They use Go, Postgres and Kafka on k8s [1]."])
    ans = asker(svc, model, prompts).ask("What tech stack does the Larkspur team use?")
    assert ans.supported
    assert ans.citations and all(c.debrief_id == ids["Larkspur Analytics"] for c in ans.citations)
    notes = svc.get(ids["Larkspur Analytics"]).notes
    assert all(c.quote in notes for c in ans.citations)
    prompt = model.calls[0]["messages"][-1]["content"]
    assert "Kafka" in prompt and "Ferrowave" not in prompt  # the named company narrows it


def test_filters_limit_retrieval(make_service, prompts) -> None:
    svc = make_service(FakeModel())
    seed(svc)
    model = FakeModel(replies=["x [1]"])
    a = asker(svc, model, prompts)
    a.ask("what did they ask me?", Filters(stage="technical screen"))
    assert "Ferrowave" in model.calls[0]["messages"][-1]["content"]
    assert "Larkspur" not in model.calls[0]["messages"][-1]["content"]
    model.replies.append("y [1]")
    a.ask("what did they ask me?", Filters(since="2024-04-01"))
    assert "Pebblestone" in model.calls[1]["messages"][-1]["content"]
    assert "Ferrowave" not in model.calls[1]["messages"][-1]["content"]


def test_invented_citation_is_removed_and_unsupported_answer_refused(make_service, prompts) -> None:
    svc = make_service(FakeModel())
    seed(svc)
    model = FakeModel(replies=["Pebblestone pays 250k [9]."])
    ans = asker(svc, model, prompts).ask("What salary does Pebblestone Studio pay?")
    assert not ans.supported and ans.citations == []
    assert ans.answer.startswith("Your notes don't say")


@pytest.mark.parametrize("reply", [
    "NOT IN NOTES",
    "The recruiter's name is not mentioned in the given notes [1].",
    "Your notes do not say what the base salary is.",
])
def test_model_saying_not_in_notes_is_a_refusal(make_service, prompts, reply: str) -> None:
    svc = make_service(FakeModel())
    seed(svc)
    model = FakeModel(replies=[reply])
    ans = asker(svc, model, prompts).ask("Did I get an offer from Larkspur Analytics?")
    assert not ans.supported and ans.citations == []


def test_empty_store_refuses_without_calling_the_model(make_service, prompts) -> None:
    svc = make_service(FakeModel())
    model = FakeModel()
    ans = asker(svc, model, prompts).ask("Which companies asked about system design?")
    assert not ans.supported and model.calls == []


def test_quote_that_is_no_longer_in_the_debrief_is_dropped(make_service, prompts) -> None:
    svc = make_service(FakeModel())
    ids = seed(svc)
    a = asker(svc, FakeModel(), prompts)
    passages, _ = a.prepare("What tech stack does the Larkspur team use?")
    svc.edit(ids["Larkspur Analytics"], notes="completely different text now")
    ans = a.finish("Go and Kafka [1]", passages, 0.0, 10)
    assert not ans.supported


def test_follow_up_question_uses_history(make_service, prompts) -> None:
    svc = make_service(FakeModel())
    seed(svc)
    model = FakeModel(replies=["On-call is 1 week in 8 [1]."])
    hist = [Turn("What is on-call like at Larkspur Analytics?", "1 week in 8 [1]")]
    asker(svc, model, prompts).ask("and the office?", history=hist)
    content = model.calls[0]["messages"][-1]["content"]
    assert "Earlier question: What is on-call like" in content
    assert "Larkspur" in content


def test_streaming_yields_text_then_the_checked_answer(make_service, prompts) -> None:
    svc = make_service(FakeModel())
    seed(svc)
    model = FakeModel(replies=["Perception team is 6 people [1]."])
    parts = list(asker(svc, model, prompts).stream("How big is the Ferrowave perception team?"))
    texts = [p for p in parts if isinstance(p, str)]
    assert len(texts) > 1 and "".join(texts).startswith("Perception team")
    assert parts[-1].supported


def test_keyword_search_finds_the_line_vectors_miss_and_the_passage_is_focused(
        make_service, prompts) -> None:
    svc = make_service(FakeModel())
    filler = "\n".join(f"- the team talked about topic number {i} at some length today"
                       for i in range(12))
    note = f"Acme onsite\n{filler}\n- runtime: Erlang on bare metal, Mnesia for state\n{filler}"
    d = svc.add(note, company="Acme", date="2024-05-01")
    hits = svc.store.keyword_search(["runtime", "team"], k=3)
    assert hits and "Erlang" in hits[0].text  # the rarer word decides the order
    model = FakeModel(replies=["Erlang on bare metal [1]."])
    ans = asker(svc, model, prompts).ask("Which runtime does Acme use?")
    prompt = model.calls[0]["messages"][-1]["content"]
    assert "Erlang on bare metal" in prompt
    assert ans.citations and all(c.quote in svc.get(d.id).notes for c in ans.citations)
    assert all(len(c.quote) <= prompts.get("answer").defaults["passage_chars"]
               for c in ans.citations)


def test_stemmed_keywords_find_the_line_and_its_neighbour_comes_with_it(make_service) -> None:
    from debrief.features.retrieval import Filters, retrieve

    svc = make_service(FakeModel())
    filler = "\n".join(f"- we chatted about item {i} of the agenda for a while" for i in range(15))
    note = (f"Kestrel Labs onsite\n{filler}\nThe panelists gave quizzes on a language feature. "
            "Then the live coding: the tooling was odd. The faults were an off-by-one and a "
            f"missing null check.\n{filler}")
    d = svc.add(note, company="Kestrel Labs", date="2024-05-01")
    got = retrieve(svc.store, "what was in the panel quiz?", Filters(), k=6)
    assert any("gave quizzes" in c.text for c in got.passages)
    wrong = retrieve(svc.store, "what tooling did the live coding use?", Filters(), k=6)
    hit = next(c for c in wrong.passages if "tooling was odd" in c.text)
    assert "off-by-one" in hit.text and hit.text in svc.get(d.id).notes


def test_an_answer_that_says_nothing_is_refused_with_the_closest_passages(
        make_service, prompts) -> None:
    svc = make_service(FakeModel())
    seed(svc)
    model = FakeModel(replies=["The recruiter who called you at Larkspur Analytics is named [1]."])
    ans = asker(svc, model, prompts).ask("What is the name of the Larkspur director I'll meet?")
    assert not ans.supported and ans.citations == []
    assert ans.answer.startswith("Your notes don't say.") and "You may mean:" in ans.answer
    assert ans.suggestions and all(s.quote in svc.get(s.debrief_id).notes for s in ans.suggestions)
    # An answer whose new words are not in the passage it cites is not supported either.
    model.replies.append("They use Haskell and Cobol on mainframes [1].")
    other = asker(svc, model, prompts).ask("What tech stack does the Larkspur team use?")
    assert not other.supported


def test_a_question_for_a_name_needs_a_name_in_the_answer(make_service, prompts) -> None:
    svc = make_service(FakeModel())
    seed(svc)
    question = "What was the name of the Larkspur office manager?"
    model = FakeModel(replies=["The office manager from Larkspur Analytics [1]."])
    assert not asker(svc, model, prompts).ask(question).supported
    model.replies.append("Dana Whitcombe, the technical recruiter [1].")
    named = asker(svc, model, prompts).ask("What was the name of the Larkspur recruiter?")
    assert named.supported and any("Dana Whitcombe" in c.quote for c in named.citations)


def test_a_who_question_the_model_could_not_answer_gets_the_line_that_names_them(
        make_service, prompts) -> None:
    svc = make_service(FakeModel())
    seed(svc)
    for reply in ("NOT IN NOTES", "The technical recruiter from Larkspur Analytics [1]."):
        ans = asker(svc, FakeModel(replies=[reply]), prompts).ask(
            "who was the recruiter at Larkspur?")
        assert ans.supported and "Dana Whitcombe - technical recruiter" in ans.answer
        assert ans.answer.split("“")[1].split("”")[0] in svc.get(ans.citations[0].debrief_id).notes
    # The note names nobody who holds every word of the question: still a refusal.
    none = asker(svc, FakeModel(replies=["NOT IN NOTES"]), prompts).ask(
        "who was the Larkspur director I'll meet onsite?")
    assert not none.supported and none.answer.startswith("Your notes don't say.")


def test_a_pay_question_needs_a_number_from_a_pay_line() -> None:
    from debrief.adapters.store import Chunk
    from debrief.features.ask import tells_pay

    pay = Chunk("d1", "base 165-180 + RSUs, flexible on level", 0, 1.0, {})
    other = Chunk("d1", "team of 6, two in Lisbon", 0, 1.0, {})
    assert tells_pay("The base is 165-180 plus RSUs [1].", [pay, other])
    assert not tells_pay("They mentioned a flexible level [1].", [pay, other])  # no number
    assert not tells_pay("6 [2].", [pay, other])  # a number, but not from a pay line
    hourly = Chunk("d2", "They pay £23 an hour for tutors, more for A level", 0, 1.0, {})
    grants = Chunk("d3", "$140M active federal grants, mostly dredging", 0, 1.0, {})
    assert tells_pay("£23 an hour [1].", [hourly])
    assert not tells_pay("$140M [1].", [grants])  # money, but not pay


def test_a_company_named_in_full_is_not_mixed_with_one_sharing_a_word() -> None:
    from debrief.features.retrieval import named_companies

    companies = ["Northwind Tabs", "Northwind Labs", "Quillfeather"]
    assert named_companies("How did Northwind Tabs change between rounds?", companies) == [
        "Northwind Tabs"]
    assert sorted(named_companies("what did northwind say about pay", companies)) == [
        "Northwind Labs", "Northwind Tabs"]
    # Another company named by its own word stays named beside one named in full.
    assert named_companies("between quillfeather and northwind tabs, which team is bigger?",
                           companies) == ["Northwind Tabs", "Quillfeather"]
    assert named_companies("between Loomcraft, tidewell and the e-bike startup, who is bigger?",
                           ["Loomcraft", "Tidewell Health", "Sprocketry"]) == [
        "Loomcraft", "Tidewell Health"]


def test_a_kind_of_place_asked_about_names_no_company_of_that_kind() -> None:
    """"which shipyard" asks which one: the word names Tarnside Shipyard only weakly, and not
    beside a company named by its own word."""
    from debrief.features.retrieval import named_companies

    companies = ["Ardent Ship Management", "Tarnside Shipyard & Drydock"]
    assert named_companies("Which Chinese shipyard is building Ardent's new bulkers?",
                           companies) == ["Ardent Ship Management"]
    assert named_companies("what did the shipyard pay", companies) == [
        "Tarnside Shipyard & Drydock"]


def test_a_company_named_by_its_initials_in_capitals() -> None:
    from debrief.features.retrieval import named_companies

    companies = ["Halloran Whitby & Partners", "Thornbury and Vail", "Harbor Regional", "Quillon"]
    assert named_companies("did anyone at HW say which rival?", companies) == [
        "Halloran Whitby & Partners"]
    assert named_companies("my second round at T&V - what did Priti say?", companies) == [
        "Thornbury and Vail"]
    assert named_companies("what did HR say about pay?", companies) == []  # a job's letters
    assert named_companies("what did hw say?", companies) == []  # not written as initials


def test_a_company_described_not_named_narrows_the_search_to_its_notes(make_service) -> None:
    from debrief.features.retrieval import Filters, retrieve, sentence_index

    svc = make_service(FakeModel())
    notes = {
        "Pellmore Ops": "Ops boutique, office up in Derby. They said no after round two: they "
                        "went with someone with more shop-floor time.",
        "Brightwell Advisory": "Healthcare boutique, forty people. They said no after round "
                               "two because I had no healthcare story.",
        "Castlerow Group": "Big audit firm. They said no after round two, the partner wanted "
                           "a sharper so-what.",
        "Tenby Rail": "Rail operator, control room tour. Still waiting after round two.",
    }
    for company, note in notes.items():
        svc.add(note, company=company, date="2024-05-01")
    index = sentence_index(svc.store)
    question = "why did the ops place up in derby say no after round two?"
    assert index.described(question) == ("pellmore ops", ["derbi", "op"])
    got = retrieve(svc.store, question, Filters(), k=6)
    assert got.passages and {c.metadata["company"] for c in got.passages} == {"Pellmore Ops"}
    # across interviews, a count, or words every note holds: nothing is narrowed
    assert index.described("which places in derby said no after round two?") is None
    assert index.described("how many said no in derby?") is None
    assert index.described("why did they say no after round two?") is None


def test_a_size_question_needs_a_count_not_a_duration_or_money() -> None:
    from debrief.features.ask import ASKS_FOR_SIZE, tells_size

    assert ASKS_FOR_SIZE.search("how big is the planning team at tallis valley transit?")
    assert ASKS_FOR_SIZE.search("how many nurses are on the unit")
    assert not ASKS_FOR_SIZE.search("how big is the budget?")
    assert not tells_size("The planning team is 4 days onsite, no exceptions. [1]")
    assert not tells_size("They spend £90 a month [2]")
    assert tells_size("The team is nine engineers [2]")
    assert tells_size("22 people across reception, concierge and activities")


def test_a_name_answers_only_from_a_sentence_about_what_was_asked() -> None:
    from debrief.adapters.store import Chunk
    from debrief.features.ask import names_someone

    meta = {"company": "Castellan Quay Energy", "role": "Legal Counsel"}
    passages = [Chunk("d1", "Lunch with two junior lawyers, Caoimhe and Rhys, both nice.", 0, 1.0,
                      meta),
                Chunk("d1", "He gave me the name of the head of regulatory affairs: Marguerite "
                      "Osei.", 100, 1.0, meta)]
    question = "who heads the regulatory affairs team at castellan quay?"
    assert names_someone("Marguerite Osei [2]", question, passages)
    assert not names_someone("Rhys", question, passages)  # a name from another line
    assert not names_someone("The head of the team.", question, passages)  # no name at all
    # A question's word, misspelt or in the note's other language, is found by its start.
    vote = [Chunk("d2", "O comitê vota em duas semanas, mas quem decide mesmo é o Dean, com a "
                  "recomendação do comitê.", 0, 1.0, {"company": "University of Kestrel Bay"})]
    assert names_someone("The Dean decides.", "at kestrel bay who has the final say, the comittee?",
                         vote)
    # A sentence that says someone's name is not known names nobody for a question about them.
    room = [Chunk("d3", "Na sala: a chair, Dr. Moira Ruiz, moderando, e um cara de evolução que "
                  "fazia as perguntas mais duras (não sei o nome, barba branca).", 0, 1.0,
                  {"company": "Greywater University"})]
    assert not names_someone("Dr. Moira Ruiz", "what's the name of the evolution guy at "
                             "greywater who asked the hardest stuff", room)


def test_a_sentence_that_says_the_name_was_not_given_is_no_answer() -> None:
    from debrief.adapters.store import Chunk
    from debrief.features.ask import named_line

    meta = {"company": "Orchard Lane", "role": "PM"}
    line = ("Three on the panel: Hollis Graves (director of product), an engineering manager "
            "called Suki, and a data analyst who didn't give her name.")
    passages = [Chunk("d1", line, 0, 1.0, meta)]
    assert named_line("what was the name of the data analyst on the panel?", passages) is None
    assert named_line("what was the name of the engineering manager on the panel?",
                      passages) is not None


def test_the_one_who_said_it_is_not_the_name_asked_for() -> None:
    from debrief.adapters.store import Chunk
    from debrief.features.ask import named_line

    meta = {"company": "Halvern Medical", "role": "Sales rep"}
    line = "Next: Curt said round 2 is a panel plus a half-day ride-along with a senior rep."
    passages = [Chunk("d1", line, 0, 1.0, meta)]
    assert named_line("what was the name of the senior rep I did the ride-along with?",
                      passages) is None
    assert named_line("who said round 2 is a ride-along with a senior rep?", passages) is not None


def test_a_name_given_a_sentence_later_on_its_line_answers_who() -> None:
    from debrief.adapters.store import Chunk
    from debrief.features.ask import named_line

    meta = {"company": "Brackwater Grid", "role": "Projects lawyer"}
    text = ("Panel info:\n- Teodor said the tariffs team has an opening too, less deal work. "
            "It's mostly 9 to 5. He passed me the name of that team's head: Ilse Varga.\n"
            "- Salary 70k.")
    passages = [Chunk("d1", text, 0, 1.0, meta)]
    found = named_line("who heads the tariffs team at brackwater?", passages)
    assert found is not None and found[1].startswith("- Teodor said the tariffs team")
    assert found[1].endswith("Ilse Varga.")
    assert named_line("who runs the billing team at brackwater?", passages) is None
    # "I'm" names nobody, even on a line that says "recruiter"
    memo = [Chunk("d2", "brackwater recruiter call, base is fine um she asked if I'm "
                  "interviewing anywhere else", 0, 1.0, meta)]
    assert named_line("what was the brackwater recruiter's name again", memo) is None


def test_a_reply_that_only_points_at_a_passage_gets_the_line_that_holds_the_question(
        make_service, prompts) -> None:
    svc = make_service(FakeModel())
    note = ("Final round is with the two founders.\n"
            "- Odette asked for a code sample. Send the parser from the billing job, not the "
            "toy compiler.\n- parking is free on site")
    svc.add(note, company="Quillfeather Labs", date="2024-05-02", stage="onsite loop")
    ans = asker(svc, FakeModel(replies=["Passage [1]"]), prompts).ask(
        "what code sample did I say I'd send Odette?")
    assert ans.supported
    assert "Send the parser from the billing job" in ans.answer  # the sentence after it, too
    quote = ans.answer.split("“")[1].split("”")[0]
    assert quote in svc.get(ans.citations[0].debrief_id).notes
    # No sentence holds every word of the question: a refusal, not the nearest line.
    none = asker(svc, FakeModel(replies=["Passage [1]"]), prompts).ask(
        "what reading list did I promise the founders?")
    assert not none.supported


def test_quoted_line_for_pay_needs_a_pay_amount() -> None:
    from debrief.adapters.store import Chunk
    from debrief.features.ask import quoted_line

    meta = {"company": "Bramblecote Clinic", "role": "Practice nurse"}
    vague = [Chunk("d1", "Pay for the practice nurse post is on their own scale, she said.", 0,
                   1.0, meta)]
    assert quoted_line("what does the practice nurse post pay on their scale?", vague) is None
    money = [Chunk("d1", "Pay on their own scale starts at £31,500 for the post.", 0, 1.0, meta)]
    found = quoted_line("what does the post pay on their scale?", money)
    assert found is not None and "£31,500" in found[1]


def test_a_very_short_answer_comes_with_the_sentence_it_is_from() -> None:
    from debrief.features.ask import answer_context

    quotes = ["Met the ward manager. A charge nurse named Tobiah would mentor me for the first "
              "month if I get it. Parking is awful."]
    context = answer_context("Tobiah [1]", "who would mentor me on the ward?", quotes)
    assert context is not None and context.startswith("A charge nurse named Tobiah")
    # A full answer is left as it is; so is one whose sentence adds nothing.
    assert answer_context("Tobiah, a charge nurse, would mentor me for the first month [1]",
                          "who would mentor me?", quotes) is None
    assert answer_context("Tobiah", "who would mentor me?", ["Tobiah"]) is None


def test_a_short_answer_gets_the_sentence_that_says_its_words_together() -> None:
    from debrief.features.ask import answer_context, held_pairs

    # Both sentences hold "two" and "year" ("first-years"); only one says "two years".
    sentences = ["Two modules: BSL 1 for about 60 first-years, and a Deaf Studies option.",
                 "The role: 0.5, fixed term for two years, to August 2028."]
    assert answer_context("Two years.", "how long would the fellowship have run?", [],
                          sentences=sentences) == sentences[1]
    assert held_pairs(["two", "year"], sentences[1]) == 1
    assert held_pairs(["two", "year"], sentences[0]) == 0


def test_a_longer_answer_gets_the_sentence_with_its_figures_and_then_the_next_one() -> None:
    from debrief.features.ask import answer_context

    sentences = ["Fully remote apart from 3 evening trustee meetings a year.",
                 "Verdict after the 6/12 trustee mtg.",
                 "Trustees sign off every senior hire and refs are taken the week before."]
    answer = "They decide after the 6/12 trustee meeting [1]."
    context = answer_context(answer, "when does Farrowdale decide?", [], sentences=sentences)
    # Not the sentence sharing "trustee meetings" but the one with the date, and, since it
    # says little more than the answer, the sentence after it.
    assert context == f"{sentences[1]} {sentences[2]}"


def test_a_paraphrased_answer_comes_with_the_sentence_it_rests_on() -> None:
    from debrief.features.ask import answer_context

    quotes = ["Heard back today. They went with someone who had run a night shift on a stroke "
              "unit before, and Imelda said my delegation answer was too vague. Parking is awful."]
    answer = "They chose another candidate with more stroke unit experience [1]."
    context = answer_context(answer, "why didn't I get the Cresswell job?", quotes)
    assert context is not None and context.startswith("They went with someone who had run")
    # A sentence that shares only one word with the answer is not its source.
    assert answer_context("Parking was the issue there, honestly [1].",
                          "why didn't I get it?", quotes) is None


def one_note(make_service, note: str, company: str, stage: str = "panel"):  # noqa: ANN001, ANN201
    """A service with a fake model and one saved debrief: (service, debrief)."""
    svc = make_service(FakeModel())
    return svc, svc.add(note, company=company, date="2024-05-02", stage=stage)


WRAPPED_REJECTION = """Marlowe Dental -- practice nurse, what happened after the panel.

The panel went fine, I thought. Quentin asked about infection control and
I rambled. Three days later the practice manager rang. They went with
someone who had run a sterilisation room on their own, which I never have.
She said Quentin wanted a clearer answer on audits, not the policy. Fair.

Also heard the paper charts are going away, they move to a system called
Toothwise in the spring and everyone is dreading it.
"""


def test_why_they_passed_on_me_quotes_the_decision_and_its_feedback(make_service,
                                                                     prompts) -> None:
    svc, d = one_note(make_service, WRAPPED_REJECTION, "Marlowe Dental")
    model = FakeModel(replies=["They felt my infection control answer was weak [1]."])
    ans = asker(svc, model, prompts).ask("why did marlowe dental pass on me?")
    assert ans.supported and all(c.debrief_id == d.id for c in ans.citations)
    said = ans.answer.split("Your notes say: “")[1].rstrip("”")
    # The whole decision sentence across its line breaks, then the feedback after it.
    assert said.startswith("They went with someone who had run a sterilisation room")
    assert "clearer answer on audits" in said
    assert all(c.quote in svc.get(d.id).notes for c in ans.citations)
    # Not a "why did they pass on me" question: no decision quoted.
    model.replies.append("Toothwise [1].")
    other = asker(svc, model, prompts).ask("what system are marlowe dental switching to?")
    assert "went with someone" not in other.answer


def test_the_decision_is_found_in_the_cited_note_when_no_passage_holds_it(make_service,
                                                                          prompts) -> None:
    from debrief.adapters.store import Chunk
    from debrief.features.ask import Citation

    svc, d = one_note(make_service, WRAPPED_REJECTION, "Marlowe Dental")
    note = svc.get(d.id).notes
    line = "Quentin asked about infection control and"
    passage = Chunk(d.id, line, note.index(line), 1.0, {"company": "Marlowe Dental"})
    cited = [Citation(debrief_id=d.id, company="Marlowe Dental", role=None, date="2024-05-02",
                      quote=line)]
    a = asker(svc, FakeModel(), prompts)
    a._read = {}
    found = a._decision("why did marlowe dental turn me down?", [passage], cited)
    assert found is not None and found[1].startswith("They went with someone who had run")
    assert found[0].text in note and found[0].text != note  # the lines, not the whole note
    assert found[0].metadata["company"] == "Marlowe Dental"


def test_the_sentence_under_an_answer_is_whole_when_the_passage_starts_mid_sentence(
        make_service, prompts) -> None:
    from debrief.features.ask import Citation, answer_context

    svc, d = one_note(make_service, WRAPPED_REJECTION, "Marlowe Dental")
    # A passage slice that starts inside a wrapped sentence, as a chunk boundary can.
    quote = "are going away, they move to a system called\nToothwise in the spring"
    assert quote in d.notes
    cited = Citation(debrief_id=d.id, company="Marlowe Dental", role=None, date="2024-05-02",
                     quote=quote)
    sentences = asker(svc, FakeModel(), prompts)._sentences([cited])
    context = answer_context("Toothwise in the spring", "whats the new charting system?", [quote],
                             sentences=sentences)
    assert context is not None and context.startswith("Also heard the paper charts are going")


SIGN_OFF = """Peakwater Freight, final round.

Met Hollis and then the VP. Every senior hire gets approved by the CFO personally, no
exceptions. They'd decide by Thursday and call me either way.
"""


def test_a_title_answers_who_decides_and_an_echoing_reply_is_attributed(make_service,
                                                                       prompts) -> None:
    svc, d = one_note(make_service, SIGN_OFF, "Peakwater Freight", "final")
    # No citation marker, and most words echo the question: the one new word decides.
    model = FakeModel(replies=["Peakwater Freight decides by Thursday."])
    when = asker(svc, model, prompts).ask("when does peakwater freight decide?")
    assert when.supported and [c.debrief_id for c in when.citations] == [d.id]
    # "The CFO" answers who signs off, as a name would; a title the question holds does not.
    model.replies.append("The CFO personally approves every senior hire.")
    who = asker(svc, model, prompts).ask("who has to sign off on hiring me at peakwater?")
    assert who.supported and "CFO" in who.answer
    model.replies.append("The VP [1].")
    echoed = asker(svc, model, prompts).ask("who was the VP at peakwater?")
    assert not echoed.answer.startswith("The VP")  # refused, or the note's line that names them


def test_what_was_she_called_needs_a_name(make_service, prompts) -> None:
    svc, _ = one_note(make_service, "Quick one: the HR lady from Peakwater Freight rang me back "
                      "about the lending role.", "Peakwater Freight", "recruiter screen")
    model = FakeModel(replies=["The HR lady rang me back about the lending role [1]."])
    ans = asker(svc, model, prompts).ask("what was the peakwater hr woman called again")
    assert not ans.supported and ans.answer.startswith("Your notes don't say.")


def test_a_lone_figure_needs_a_sentence_about_the_question(make_service, prompts) -> None:
    svc = make_service(FakeModel())
    svc.add("Values assessment link comes in 48 hours and I have 5 days to complete it.\n"
            "The team sits on the third floor.", company="Tallowmere Bank", date="2024-06-03",
            stage="recruiter screen")
    model = FakeModel(replies=["5 days a week at Tallowmere Bank."])
    ans = asker(svc, model, prompts).ask("how many days a week would I be in the office at "
                                         "Tallowmere?")
    assert not ans.answer.startswith("5 days")  # "5 days to complete it" is not office days
    model.replies.append("5 days [1].")
    ok = asker(svc, model, prompts).ask("how long do I have to complete the Tallowmere "
                                        "assessment?")
    assert ok.supported and ok.answer.startswith("5 days")
    from debrief.adapters.store import Chunk
    from debrief.features.ask import answers

    line = "Values assessment link comes in 48 hours and I have 5 days to complete it."
    passages = [Chunk("d1", line, 0, 1.0, {"company": "Tallowmere Bank"})]
    assert not answers("5 days a week", "how many days a week in the office?", [line], passages)
    assert answers("5 days", "how long to complete the assessment?", [line], passages)
    # A pay figure answers a pay question although the sentence says "start on", not "pay".
    pay = "The recruiter said tutors start on £23 an hour, evenings only."
    tutors = [Chunk("d2", pay, 0, 1.0, {"company": "Pennywhistle Tutors", "role": "Tutor"})]
    assert answers("£23 an hour", "how much does Pennywhistle pay tutors an hour?", [pay], tutors)
    assert not answers("evenings", "how much does Pennywhistle pay tutors an hour?", [pay], tutors)
    # A sentence with no subject of its own goes on from the ones before it on its line.
    call = ("20 min call with their in-house recruiter. Salary £50-55k, no bonus. "
            "Wants to know by Monday if I'm proceeding.")
    boutique = [Chunk("d3", call, 0, 1.0, {"company": "Brightfen Advisory"})]
    asked = "what do I need to get back to the recruiter about, and by when?"
    assert answers("By Monday.", asked, [call], boutique)
    apart = call.replace("recruiter. ", "recruiter.\n")  # on a line of its own: not the same talk
    assert not answers("By Monday.", asked, [apart], boutique)


TODO_NOTE = """Brackenfield Children's - panel, May 7.

Janelle ran it with Oscar. Lots of questions about upset parents.

Next:
- decisions in about 3 weeks, by email
- thank-you card to Oscar and Janelle (Hana too)
- email Janelle yes please on the adolescent unit
"""


def test_a_promise_the_model_could_not_find_is_read_from_the_to_do_items(make_service,
                                                                         prompts) -> None:
    from debrief.core.domain import Extraction

    svc, d = one_note(make_service, TODO_NOTE, "Brackenfield Children's")
    d.extraction = Extraction.model_validate({"follow_ups": [
        {"text": "Thank-you card to Oscar and Janelle", "evidence":
         "thank-you card to Oscar and Janelle (Hana too)"},
        {"text": "Email Janelle about the adolescent unit", "evidence":
         "email Janelle yes please on the adolescent unit"},
        {"text": "Decision in 3 weeks", "evidence": "decisions in about 3 weeks, by email"}]})
    d.extraction_status = "done"
    svc.store.save_record_only(d)
    model = FakeModel(replies=["NOT IN NOTES"])
    ans = asker(svc, model, prompts).ask("after the kids hospital panel what did i need to "
                                         "do for janelle")
    assert ans.supported and "email Janelle yes please on the adolescent unit" in ans.answer
    assert "decisions in about 3 weeks" not in ans.answer  # shares no word of the question
    # A to-do that shares only a word every to-do has ("email", "need") is not what it is about.
    from debrief.adapters.store import Chunk

    block = TODO_NOTE[TODO_NOTE.index("Next:"):]
    passages = [Chunk(d.id, block, 0, 1.0, {"company": d.company})]
    reader = asker(svc, FakeModel(), prompts)
    assert reader._promised_line("what do i need to email the recruiter about?", passages) is None
    found = reader._promised_line("what did I say I'd email Janelle?", passages)
    assert found is not None and "email Janelle yes please" in found[1]
    assert all(c.quote in svc.get(d.id).notes for c in ans.citations)
    # The person asked about by their title: their name finds their to-do.
    d.people = [Person(name="Janelle Ortiz", title="nurse manager")]
    svc.store.save_record_only(d)
    reader = asker(svc, FakeModel(), prompts)
    found = reader._promised_line("what was i supposed to email the nurse manager?", passages)
    assert found is not None and "email Janelle yes please" in found[1]


def test_the_one_who_said_it_is_not_the_person_asked_about() -> None:
    from debrief.adapters.store import Chunk
    from debrief.features.ask import names_someone

    meta = {"company": "Halvorsen Surgical"}
    line = "Next: Curt said round 2 is a panel plus a half-day ride-along with a senior rep."
    passages = [Chunk("d1", line, 0, 1.0, meta)]
    assert not names_someone("Curt", "what was the name of the senior rep i did the ride-along "
                             "with?", passages)
    assert names_someone("Curt", "who said round 2 is a ride-along?", passages)
    assert names_someone("Curt", "who reckoned round 2 would be a ride-along?", passages)
    named = [Chunk("d1", "The ride-along was with Bianca, a senior rep.", 0, 1.0, meta)]
    assert names_someone("Bianca", "what was the name of the senior rep on the ride-along?",
                         named)


SURGERY_NOTE = """Brightwater Surgery Center, OR nurse, second round.
Met Doug and Priya. Doug makes the call on who gets hired, HR only does the paperwork.
The CRO approves every clinical hire over band 6 anyway, which slows things down.
"""


def test_who_answers_say_who_the_person_is(make_service, prompts) -> None:
    svc = make_service(FakeModel())
    svc.add(SURGERY_NOTE, company="Brightwater Surgery Center", date="2024-05-02", people=[
        Person(name="Doug Ferris", title="clinical manager"), Person(name="Priya", title=None),
        Person(name="Annelise Voronkova", title="CRO")])
    model = FakeModel(replies=["Doug makes the hiring decision at the surgery center [1]."])
    ans = asker(svc, model, prompts).ask("who actually makes the hiring decision at brightwater?")
    assert ans.supported
    assert ans.answer.endswith("In your notes: Doug Ferris, clinical manager.")
    # Named by title only: the person with that title.
    model.replies.append("The CRO approves every clinical hire [1].")
    ans = asker(svc, model, prompts).ask("who signs off on clinical hires at brightwater?")
    assert ans.answer.endswith("In your notes: Annelise Voronkova, CRO.")
    # Not a "who" question: no such line.
    model.replies.append("Doug makes the call on who gets hired [1].")
    ans = asker(svc, model, prompts).ask("what does HR do at brightwater?")
    assert "In your notes:" not in ans.answer


def test_a_cross_interview_route_that_finds_nothing_leaves_the_question_to_the_passages(
        store, prompts, monkeypatch) -> None:
    from debrief.features.ask import Answer, refusal

    note = "Final round done. They want 3 references by Monday, one a former direct manager."
    model = FakeModel(replies=["3 references by Monday, one a former direct manager [1]."])
    svc = DebriefService(store, lambda: None,  # type: ignore[arg-type, return-value]
                         asker_factory=lambda: Asker(store, model, prompts))
    svc.add(note, company="Halden Surgical", date="2024-05-02", stage="final")
    monkeypatch.setattr(svc, "aggregate_answer", lambda q, f=None: refusal(0.0, 0))
    ans = svc.ask("refs for the surgical device job - how many and when are they due?")
    assert ans.supported and "by Monday" in ans.answer and ans.citations
    # An answer from the records without citations (a count) is kept as it is.
    count = Answer(answer="You have debriefs from 1 companies (1 interviews).", supported=False,
                   citations=[], seconds=0.0, prompt_tokens=0)
    monkeypatch.setattr(svc, "aggregate_answer", lambda q, f=None: count)
    assert svc.ask("how many companies have I interviewed with?").answer == count.answer
    assert not model.replies  # the model answered the first question only
    svc.close()


def test_who_among_other_asks_does_not_need_a_name(make_service, prompts) -> None:
    svc, _ = one_note(make_service, "Next steps: they want 2 references by Thursday, and one of "
                      "them must be a charge nurse I worked under.", "Oakhollow Clinic",
                      "panel")
    model = FakeModel(replies=["2 references by Thursday, one must be a charge nurse I worked "
                               "under [1]."])
    ans = asker(svc, model, prompts).ask("refs for oakhollow - how many, when are they due and "
                                         "any rule about who?")
    assert ans.supported and "Thursday" in ans.answer
    model.replies.append("a charge nurse I worked under [1].")
    named = asker(svc, model, prompts).ask("who do I need as a reference for oakhollow?")
    # "who" where the note names no one: what it says of them is the answer (the name
    # itself asked for still needs a name: test_who_with_no_name_in_the_note_…)
    assert named.supported and named.answer.startswith("a charge nurse")


def test_an_answer_that_points_back_gets_the_sentence_it_points_to(make_service, prompts) -> None:
    svc, _ = one_note(make_service, "Then a dosage quiz, mostly pediatric weight-based doses. "
                      "I was slow on the mg/kg dilutions and ran out of time on the last four. "
                      "Need to practise those, I haven't done them by hand in years.",
                      "Fairlight Children's", "onsite loop")
    model = FakeModel(replies=["I said I need to practise those [1]."])
    ans = asker(svc, model, prompts).ask("what did I say I should practise after fairlight?")
    assert ans.supported and "mg/kg dilutions" in ans.answer


def test_an_answer_without_markers_is_attributed_across_languages() -> None:
    from debrief.core.text import stems
    from debrief.features.ask import held_stems

    line = "quem decide mesmo é o Dean, com a recomendação do comitê. Decisão em março."
    said = set(stems("The Dean makes the decision"))
    assert held_stems(said, line) >= 2  # dean, and decision as Decisão
    assert held_stems(set(stems("the budget was cut")), line) == 0


def test_a_count_in_digits_is_held_by_the_same_count_in_words(make_service, prompts) -> None:
    """The model answers "4"; the note says "Four exercises": one count, not a made-up one."""
    from debrief.core.text import counts_in_words, stems
    from debrief.features.ask import held_stems

    assert counts_in_words("4, not 3-2 or 10% or $5 or 12:30") == "four, not 3-2 or 10% or $5 or 12:30"
    assert held_stems(set(stems(counts_in_words("3"))), "Three of them round a table") == 1
    assert held_stems(set(stems(counts_in_words("5"))), "Three of them round a table") == 0
    svc = make_service(FakeModel())
    svc.add("Assessment day at the depot.\nFour exercises in all: a group task, an in-tray, "
            "a role play and a short interview.\nLunch was sandwiches.",
            company="Hobcastle Retail", date="2024-02-19", stage="onsite loop")
    model = FakeModel(replies=["4"])
    ans = asker(svc, model, prompts).ask("how many tasks did Hobcastle set on the assessment day")
    assert ans.supported and ans.answer.startswith("4")
    assert "Four exercises in all" in ans.answer  # the sentence it rests on, shown under it
    model.replies.append("7")  # a count no line gives is still refused
    assert not asker(svc, model, prompts).ask(
        "how many tasks did Hobcastle set on the assessment day").supported


FINAL_SAY = """Brennick Mechanical, second interview, practical test.

I come 10 minutes early anyway, good.

This time there was Dale (foreman, same like before) and also service manager Carla
Nygaard. She is the boss of Dale and she make final decision, Dale told me this only today.

I need to decide if I want the night rota. There's one more person next week, so no
decision till after that. Carla said the end of the month at the latest.
"""


def test_who_decides_a_wrong_guess_gives_way_to_the_line_that_records_the_decision(
        make_service, prompts) -> None:
    svc, d = one_note(make_service, FINAL_SAY, "Brennick Mechanical")
    # The small model names the wrong person, with no passage to back it: refused, and the
    # note's own line answers, its "She" read with the sentence before it.
    model = FakeModel(replies=["Dale is the final decision maker at Brennick."])
    ans = asker(svc, model, prompts).ask("who has the final say at brennick, dale or his boss?")
    assert ans.supported and "Carla Nygaard. She is the boss of Dale" in ans.answer
    assert [c.debrief_id for c in ans.citations] == [d.id]
    assert all(c.quote in svc.get(d.id).notes for c in ans.citations)
    assert "night rota" not in ans.answer  # the user's own decision is not the company's


def test_a_right_answer_to_who_decides_gets_the_line_that_records_the_decision(
        make_service, prompts) -> None:
    note = ("Halvard Freight, ops lead interview.\n\nMet Priya Raman, head of operations, and "
            "two shift leads.\nPriya makes the final call on hires, HR only books the rooms.\n")
    svc, d = one_note(make_service, note, "Halvard Freight")
    model = FakeModel(replies=["Priya Raman, head of operations [1]."])
    ans = asker(svc, model, prompts).ask("who has the final say at halvard?")
    assert ans.supported and ans.answer.startswith("Priya Raman, head of operations [1].")
    assert "Priya makes the final call on hires" in ans.answer
    assert {c.debrief_id for c in ans.citations} == {d.id}
    assert all(c.quote in svc.get(d.id).notes for c in ans.citations)


@pytest.mark.parametrize(("question", "who", "when"), [
    ("who has the final say at brennick?", True, False),
    ("who gets to decide at the bilingual school?", True, False),
    ("who can block my hire at tangerine yard", True, False),
    ("who actually makes the call on the grangeford job now", True, False),
    ("who has to sign off on hiring me", True, False),
    ("when will ravensway make up their minds", False, True),
    ("when did the virtual school say i'd hear back", False, True),
    ("how soon did they say they'd let me know", False, True),
    ("when is the mine going to tell me yes or no", False, True),
    ("when could the council office make me an offer", False, True),
    ("did the surgery center say when I'd find out?", False, True),
    ("who was the recruiter I spoke to?", False, False),
    ("when's the take home due?", False, False),
    ("when would I start?", False, False),
])
def test_questions_about_the_decision_are_told_apart(question: str, who: bool, when: bool) -> None:
    from debrief.features.decisions import asks_decider, asks_decision_time

    assert (asks_decider(question), asks_decision_time(question)) == (who, when)


def test_an_interview_pointed_at_by_its_date_is_one_code_may_answer_from(store, prompts) -> None:
    """"When did they say I'd hear back after the panel I did on May 7th?" names no company; the
    date points at the interview, whose decision line answers when the model could not."""
    model = FakeModel(replies=["NOT IN NOTES", "NOT IN NOTES"])
    svc = DebriefService(store, lambda: None,  # type: ignore[arg-type, return-value]
                         asker_factory=lambda: Asker(store, model, prompts))
    svc.add("Screen with Dot from HR. Pay band and shifts.\nDot said she'd email in a week.\n",
            company="Lindenfall Children's", date="2025-04-10", stage="recruiter screen")
    panel = svc.add("Panel with Janelle and Oscar.\nJanelle asked about peds experience.\n"
                    "Next:\n- decisions in about 3 weeks, by email\n",
                    company="Lindenfall Children's", date="2025-05-07", stage="panel").id
    svc.add("Kestrel Rehab screen.\nThey said they decide by Friday.\n",
            company="Kestrel Rehab", date="2025-05-01", stage="recruiter screen")
    ans = svc.ask("When did they say I'd hear back after the panel I did on May 7th?")
    assert ans.supported and "decisions in about 3 weeks, by email" in ans.answer
    assert [c.debrief_id for c in ans.citations] == [panel]
    other = svc.ask("When did they say I'd hear back?")  # no interview pointed at: no line
    assert "3 weeks" not in other.answer.split("You may mean")[0]
    svc.close()


def test_a_decision_line_is_the_companys_not_the_users_nor_a_question_asked() -> None:
    from debrief.features.decisions import Scope, decision_line

    def line(note: str, question: str = "who decides at acme?") -> str | None:
        found = decision_line(question, [Scope("d1", note, "Acme Tools", "2024-01-01", [])])
        return found[3] if found else None

    assert line("I must decide what I really want. Tom was nice.") is None
    assert line("I never asked who else would be involved in the decision, which Hollis "
                "pointed out afterward.") is None
    assert line("She asked how do I decide what to work on?") is None
    assert line("Acme Tools decides fast.") is None  # the company is nobody
    assert line("Gwen and the education director decide together.") == \
        "Gwen and the education director decide together."
    assert line("quem decide é a diretora junto com o head of school.") is not None
    when = "when will acme let me know?"
    assert line("They said decisions come by email within 48 hours.", when) is not None
    assert line("The panel decides on the eligibility list.", when) is None  # no time
    assert line("What's next: scores come by mail in four to six weeks.", when) is not None
    assert line("Result within 5 working days apparently.", when) is not None
    assert line("- offers held until after the board's March vote 3/20, so not before", when) \
        == "offers held until after the board's March vote 3/20, so not before"


HANDS_ON = """Brennick Mechanical, practical test in the shop.

Drawing was with NEMA symbols, in Ukraine we use IEC symbols, so I was slow in beginning.
Three faults to find. Third one was reversed wire on a relay contact, I find it but take
long time, Carla was watching the clock. I think she want faster.
Practise reading NEMA drawings before the next one.
"""


def test_what_did_i_do_wrong_quotes_the_slips_the_note_records(make_service, prompts) -> None:
    from debrief.core.domain import Extraction

    svc, d = one_note(make_service, HANDS_ON, "Brennick Mechanical", "second round")
    d.extraction = Extraction.model_validate({"practice_points": [
        {"text": "Slow reading NEMA symbols", "evidence":
         "Drawing was with NEMA symbols, in Ukraine we use IEC symbols, so I was slow in beginning"},
        {"text": "Took long on the relay fault", "evidence":
         "Third one was reversed wire on a relay contact, I find it but take\nlong time"},
        {"text": "Practise NEMA drawings", "evidence":
         "Practise reading NEMA drawings before the next one."}]})
    d.extraction_status = "done"
    svc.store.save_record_only(d)
    # The model could not say: both slips, in the note's words, each cited; advice to self is not
    # a slip.
    model = FakeModel(replies=["NOT IN NOTES"])
    ans = asker(svc, model, prompts).ask("what did i do wrong on the brennick hands-on test?")
    assert ans.supported and ans.answer.startswith("Your notes say: “Drawing was with NEMA")
    assert "reversed wire on a relay contact, I find it but take long time” [2]" in ans.answer
    assert "Practise reading" not in ans.answer
    assert len(ans.citations) == 2 and all(c.quote in svc.get(d.id).notes for c in ans.citations)
    # A right answer keeps its words, and the slip it left out comes under it.
    model.replies.append("You were slow at the beginning because of the NEMA symbols [1].")
    kept = asker(svc, model, prompts).ask("where did i lose points on the brennick test?")
    assert kept.answer.startswith("You were slow at the beginning")
    assert "relay contact" in kept.answer
    assert kept.answer.count("Drawing was with NEMA symbols") == 1  # its sentence, once
    # Not a question about slips: nothing added.
    model.replies.append("Carla [1].")
    other = asker(svc, model, prompts).ask("who watched the clock at brennick?")
    assert "relay contact" not in other.answer


def _panel_service(make_service, model: FakeModel, prompts, note: str,
                   company: str) -> DebriefService:
    """A service whose Asker is `model` (the service reads the question's filters), holding one
    panel note."""
    store = make_service(FakeModel()).store
    svc = DebriefService(store, lambda: None,  # type: ignore[arg-type, return-value]
                         asker_factory=lambda: Asker(store, model, prompts))
    svc.add(note, company=company, date="2024-05-02", stage="panel")
    return svc


def test_an_answer_from_what_the_question_left_out_is_no_answer(make_service, prompts) -> None:
    """What a question leaves out is read once, by the service, and carried on its filters."""
    note = ("Panel with Hamish.\nHe said expect to be out on the road three days a week.\n"
            "There's a hybrid thing for the office days but most RMs are barely in.\n")
    model = FakeModel(replies=["Three days a week [1].", "Three days a week [1]."])
    svc = _panel_service(make_service, model, prompts, note, "Ardenmoor Capital")
    left = svc.ask("leaving aside the days out on the road, how many days a week would "
                   "ardenmoor want me in the office?")
    assert not left.supported
    asked = svc.ask("how many days a week on the road at ardenmoor?")
    assert asked.supported and asked.answer.startswith("Three days a week")
    # The Asker takes it from the filters, never from the question's words again.
    model.replies.append("Three days a week [1].")
    kept = asker(svc, model, prompts).ask("how many days a week would ardenmoor want me in?",
                                          Filters(leave_thing="the days out on the road"))
    assert not kept.supported
    svc.close()


def test_what_the_question_left_out_beside_the_answer_in_its_passage_is_no_bar(
        make_service, prompts) -> None:
    """"not counting the second paralegal they might hire": the passage names the hire, but
    the sentence the answer rests on is the team as it is now."""
    note = ("Panel with Ngozi.\nIf it works they'll hire a second paralegal in the autumn. "
            "Right now the legal team is Ngozi, one solicitor on maternity leave, and an admin "
            "assistant.\n")
    model = FakeModel(replies=["Three: Ngozi, one solicitor on maternity leave and an admin "
                               "assistant [1]."])
    svc = _panel_service(make_service, model, prompts, note, "Castlegate Housing")
    ans = svc.ask("how many people are in the castlegate legal team right now, not counting "
                  "the second paralegal they might hire?")
    assert ans.supported and "admin assistant" in ans.answer
    svc.close()


def test_an_unmarked_answer_with_one_word_of_its_own_is_attributed(make_service,
                                                                    prompts) -> None:
    """"… is scheduled for the 14th of May" with no marker: the passage holds "14th" and "May";
    "scheduled" is the model's word, not a claim."""
    note = ("panel with Rohan\nsecond stage is a cook off on the 14th of May they'll confirm by "
            "email\n")
    model = FakeModel(replies=["The cook-off at Wrenhallow is planned for the 14th of May."])
    svc = _panel_service(make_service, model, prompts, note, "Wrenhallow House")
    ans = svc.ask("On what date is the cook-off at Wrenhallow House?")
    assert ans.supported and "14th of May" in ans.answer and ans.citations
    svc.close()


def test_someones_line_is_what_they_said_not_a_thing_to_name() -> None:
    from debrief.features.ask import asked_thing

    assert asked_thing("what was the GC's line about what he wants more than legal "
                       "perfection?", []) == set()


def test_a_bare_pointer_to_the_interview_chooses_its_slips(make_service, prompts) -> None:
    """"the one where I got soaked - what went wrong?" names no company; a reply that only
    points at a passage ("Passage [1]") chooses that interview, whose slips then answer."""
    from debrief.core.domain import Extraction

    svc, d = one_note(make_service, HANDS_ON, "Brennick Mechanical", "second round")
    d.extraction = Extraction.model_validate({"practice_points": [
        {"text": "Took long on the relay fault", "evidence":
         "Third one was reversed wire on a relay contact, I find it but take\nlong time"}]})
    d.extraction_status = "done"
    svc.store.save_record_only(d)
    question = "the one where i got soaked on the way - what went wrong on the faults?"
    model = FakeModel(replies=["Passage [1]", "NOT IN NOTES"])
    pointed = asker(svc, model, prompts).ask(question)
    assert pointed.supported and "reversed wire on a relay contact" in pointed.answer
    assert pointed.citations[0].quote in svc.get(d.id).notes
    refused = asker(svc, model, prompts).ask(question)  # nothing chosen, nothing named
    assert not refused.supported


def test_a_time_in_a_when_answer_must_be_one_the_passages_hold() -> None:
    from debrief.features.decisions import tells_time

    quotes = ["no decision till after that. Fiona said the end of the month at the latest."]
    assert tells_time("They will make up their minds soon.")
    assert not tells_time("They will make up their minds soon.", quotes)  # a guess
    assert tells_time("By the end of the month [1].", quotes)
    assert not tells_time("Fiona and Dean liked the application.", quotes)
    # A month is a time in any language the note is written in.
    assert tells_time("After the board meeting in January.", ["depois da reunião em janeiro"])


def test_a_company_not_in_the_notes_gets_no_decision_line_or_slips_of_another(
        make_service, prompts) -> None:
    svc, _ = one_note(make_service, FINAL_SAY, "Brennick Mechanical")
    svc.add(HANDS_ON, company="Halvard Freight", date="2024-05-09", stage="second round")
    model = FakeModel(replies=["NOT IN NOTES", "NOT IN NOTES"])
    who = asker(svc, model, prompts).ask("who has the final say at zentrix labs?")
    assert not who.supported and "Carla" not in who.answer.split("You may mean")[0]
    slips = asker(svc, model, prompts).ask("what did i do wrong at zentrix labs?")
    assert not slips.supported


def test_an_answer_whose_passage_never_names_the_thing_asked_for_is_refused(
        make_service, prompts) -> None:
    """"whats the OTE at Brindlecopy" answered from a line about rep tenure cites a real
    passage, but the passage names no OTE: the notes do not say."""
    svc = make_service(FakeModel())
    svc.add("Brindlecopy, copier sales, first call with Dot.\n"
            "- avg rep tenure 9 yrs apparently, people stay\n"
            "- base 52k plus commission on gross profit, paid monthly\n",
            company="Brindlecopy", role="Account executive")
    model = FakeModel(replies=["9 yrs [1]."])
    ans = asker(svc, model, prompts).ask("whats the OTE at Brindlecopy?")
    assert not ans.supported and ans.answer.startswith("Your notes don't say.")
    model.replies.append("52k plus commission [1].")
    ans = asker(svc, model, prompts).ask("what's the base at Brindlecopy?")
    assert ans.supported and "52k" in ans.answer


@pytest.mark.parametrize(("question", "thing"), [
    ("whats the OTE at the copier company", {"ote"}),
    ("does stellanet pay accelerators above quota? what rate", {"acceler"}),
    ("is there a relocation package at acme?", {"reloc", "packag"}),
    ("what was I going to chase with the recruiter", set()),
    ("what's changed since the first call", set()),
    ("refs - how many, when are they due and is there any rule about who", set()),
    ("what's the catch with the lending officer thing", set()),
    ("what was the deputy head's feedback on my lesson", set()),
    ("what's the ops director's budget limit", {"budget"}),
    # a bound is told by an amount ("up to two million"), and two asks name no one thing
    ("whats the max they lend on one deal", set()),
    ("who signs off the big deals and whats the max they do", set()),
    # a few words without a question word name the thing
    ("wexmoor holiday allowance", {"wexmoor", "holiday", "allow"}),
    ("tolland wms", {"tolland", "wms"}),
])
def test_the_thing_a_question_asks_for_by_name(question: str, thing: set[str]) -> None:
    from debrief.features.ask import asked_thing

    assert asked_thing(question, []) == thing


@pytest.mark.parametrize(("question", "asks"), [
    ("hobnail decision when", True),
    ("hear back when?", True),
    ("when will they decide", True),
    ("what did the decision say", False),
    ("decision on when I start", False),
])
def test_a_question_asking_when_they_decide_in_either_word_order(question: str,
                                                                 asks: bool) -> None:
    from debrief.features.decisions import asks_decision_time

    assert asks_decision_time(question) is asks


def test_a_when_question_gets_the_line_with_a_time_that_holds_all_but_one_of_its_words() -> None:
    from debrief.adapters.store import Chunk
    from debrief.features.ask import quoted_line

    meta = {"company": "Quarrel Systems", "role": "AE"}
    text = "todo\n- screen w/ Odile Fri 11am\n- send the win/loss sheet to Odile before then"
    passages = [Chunk("d1", text, 0, 1.0, meta)]
    found = quoted_line("when was my screen with odile booked for", passages)
    assert found is not None and found[1] == "screen w/ Odile Fri 11am"
    assert quoted_line("what was my screen with odile booked for", passages) is None
    assert quoted_line("when was my panel with odile booked for", passages) is None


def test_who_was_the_guy_is_answered_by_the_sentence_naming_the_guy() -> None:
    from debrief.adapters.store import Chunk
    from debrief.features.ask import named_line

    meta = {"company": "Tarnhill Timber", "role": "Yard sales"}
    text = ("just left tarnhill um it's raining the guy was Bram Oduya he runs the yard sales "
            "side\n\nthe job is inside sales for builders merchants")
    passages = [Chunk("d1", text, 0, 1.0, meta)]
    found = named_line("who was the guy at tarnhill timber", passages)
    assert found is not None and "Bram Oduya" in found[1]
    assert named_line("who was at tarnhill timber", passages) is None


@pytest.mark.parametrize(("question", "thing"), [
    ("when is the brackenford panel of four happening", {"panel", "brackenford"}),
    ("how much is the signing bonus actually worth", {"sign", "bonus"}),
    ("when's my second interview at the dairy co-op", set()),  # "second interview": no thing
    ("what do i have to send the partners after the callback", set()),  # a to-do, not a thing
])
def test_when_and_worth_questions_name_their_thing(question: str, thing: set[str]) -> None:
    from debrief.features.ask import asked_thing

    assert asked_thing(question, []) == thing


def test_an_amount_must_be_said_of_the_thing_asked_in_its_own_clause() -> None:
    from debrief.features.ask import names_the_thing

    band = ("At last she gave me the range: 70 to 76k, plus a relocation allowance she called "
            "modest.")
    q = "how much is the relocation allowance worth"
    assert not names_the_thing(q, "70 to 76k [1]", [band], [])  # the range, not the allowance
    stated = "Range 70 to 76k, relocation allowance of 5k paid in the first month."
    assert names_the_thing(q, "5k [1]", [stated], [])
    assert names_the_thing("how much is the base", "61-68 [1]", ["base 61-68 + overtime"], [])
    # an amount joined to the thing by "plus" or "+" is another thing's amount
    assert not names_the_thing("how much is the shift allowance", "£41k + shift allowance [1]",
                               ["£41k + shift allowance, less than I'm on now."], [])
    assert not names_the_thing("how big is the per-install bonus", "$30 an hour plus a bonus",
                               ["$30 an hour plus a bonus for every install done early."], [])


def test_hours_are_not_pay() -> None:
    from debrief.adapters.store import Chunk
    from debrief.features.ask import tells_pay

    hours = Chunk("d1", "the bonus now starts at 1,850 to 1,950 hours billed", 0, 1.0, {})
    assert not tells_pay("from 1,850 to 1,950 hours [1].", [hours])
    money = Chunk("d1", "bonus is 6,000 once you pass 1,850 hours", 0, 1.0, {})
    assert tells_pay("6,000 [1].", [money])


@pytest.mark.parametrize(("question", "text", "told"), [
    ("what day is my final with Odile", "final w/ Odile, recruiter booking it for next wk", False),
    ("what day is my final with Odile", "final w/ Odile Weds", True),
    ("what day is my final with Odile", "final with Odile on the 14th", True),
    ("what time is the site visit", "site visit Tuesday, time tbc", False),
    ("what time is the site visit", "site visit Tuesday 9:30", True),
    ("when is the site visit", "site visit next week", True),
    ("hospice ride along when", "HR is supposed to call about a ride-along", False),
    ("hospice ride along when", "ride-along after the panel", True),
    ("when is the ride along", "ride-along on the 14th", True),
    ("when I said I had no PALS, what did they say", "they said it is fine", True),
])
def test_what_day_and_what_time_need_a_day_and_a_time(question: str, text: str,
                                                      told: bool) -> None:
    from debrief.features.ask import tells_asked_when

    assert tells_asked_when(question, text) is told


def test_a_when_line_must_tell_the_time_in_the_sentence_about_what_is_asked() -> None:
    from debrief.adapters.store import Chunk
    from debrief.features.ask import quoted_line

    meta = {"company": "Ostrander Freight", "role": "Planner"}
    text = ("Next comes a case study, sent next Tuesday, due two days later. Then a panel of "
            "three with the ops leads.")
    found = quoted_line("when is the ostrander panel of three happening",
                        [Chunk("d1", text, 0, 1.0, meta)])
    assert found is None  # the time is the case study's


@pytest.mark.parametrize(("text", "names", "question", "said"), [
    ("Round two was with Tomasz Brel, their head of data, and the COO, who listened in.",
     {"tomasz", "brel"}, "what was the name of the coo who listened in", False),
    ("The COO, Marisol Quint, listened in.", {"marisol", "quint"},
     "what was the name of the coo who listened in", True),
    ("Ines Barta, the tax partner, ran the case.", {"ines", "barta"},
     "what was the harbour office partner's name", False),
    ("Ines Barta, the harbour office partner, ran the case.", {"ines", "barta"},
     "what was the harbour office partner's name", True),
    ("Ines Barta ran the case.", {"ines", "barta"}, "who ran the case", True),  # no title asked
])
def test_a_name_answers_a_title_only_when_said_of_that_title(
        text: str, names: set[str], question: str, said: bool) -> None:
    from debrief.features.ask import said_of_title

    assert said_of_title(text, names, question, "") is said


def test_a_title_asked_with_words_the_note_does_not_use_still_finds_the_name() -> None:
    from debrief.features.ask import said_of_title

    q = "who'd be my direct supervisor at the depot"
    assert said_of_title("Noor Haddad, supervisor of the tyre bay, showed me round.",
                         {"noor", "haddad"}, q, "")
    assert not said_of_title("Noor Haddad, the night shift supervisor, showed me round.",
                             {"noor", "haddad"}, q, "")


def test_a_bare_citation_to_a_when_question_quotes_the_cited_sentence_with_a_time(
        make_service, prompts) -> None:
    svc = make_service(FakeModel())
    svc.add("Written test went fine.\nThe partner will mark it herself and ring me within ten "
            "days. Parking was a nightmare.", company="Pellow & Strand", role="Trainee")
    ans = asker(svc, FakeModel(replies=["[1]"]), prompts).ask(
        "when are pellow & strand supposed to ring me?")
    assert ans.supported
    assert "ring me within ten days" in ans.answer and "Parking" not in ans.answer
    # A time in the cited passage, but said of something else: no answer.
    other = asker(svc, FakeModel(replies=["[1]"]), prompts).ask(
        "when is the pellow & strand assessment centre?")
    assert not other.supported


@pytest.mark.parametrize(("text", "told"), [
    ("the brand team wants 3 emails a wk", False),  # how often, not when
    ("office two days a week", False),
    ("she'll ring me within a week", True),
    ("decision next week; 2 days a week onsite", True),
])
def test_how_often_is_not_when(text: str, told: bool) -> None:
    from debrief.features.decisions import tells_time

    assert tells_time(text) is told


def test_an_answer_that_joins_the_question_to_an_unrelated_line_is_not_about_it() -> None:
    from debrief.adapters.store import Chunk
    from debrief.features.ask import about_question

    meta = {"company": "Gullwing Outdoor", "role": "CRM lead"}
    passages = [Chunk("d1", "Parking was easy. They asked how I would fix a loyalty program "
                      "nobody uses. Then a question on churn.", 0, 1.0, meta),
                Chunk("d1", "In the lift Bronwyn said my case studies were strong, the best she "
                      "has seen.", 200, 1.0, meta)]
    quotes = [p.text for p in passages]
    question = "what feedback did bronwyn give me in the lift after round 2"
    # the question's "lift" glued to a line about something else
    assert not about_question("Bronwyn gave feedback that the loyalty program nobody uses had "
                              "a lift.", question, quotes[:1], passages)
    # the line that holds the answer shares the question's words
    assert about_question("Bronwyn said in the lift that my case studies were strong [2]",
                          question, quotes[1:], passages)
    # an answer that repeats none of the question's words is judged by the other checks
    assert about_question("The case studies were the best she has seen [2]", question,
                          quotes[1:], passages)


def test_a_name_glued_to_the_question_is_not_about_it() -> None:
    from debrief.adapters.store import Chunk
    from debrief.features.ask import about_question

    meta = {"company": "Thornbury College", "role": "Lecturer"}
    passages = [Chunk("d1", "Mr Platt asked how I'd grow numbers so a Level 3 runs every year.",
                      0, 1.0, meta),
                Chunk("d1", "From January I'd report to Nessa, who becomes curriculum lead.",
                      100, 1.0, meta)]
    question = "who'd i be answering to at thornbury from january"
    # a short name with three of the question's words after it, from a line about growth
    assert not about_question("Mr Platt would be answering to Thornbury College from January.",
                              question, [passages[0].text], passages)
    # a short name alone is left to the other checks
    assert about_question("Mr Platt [1]", question, [passages[0].text], passages)


def test_a_question_said_in_other_words_finds_its_line() -> None:
    from debrief.adapters.store import Chunk
    from debrief.core.text import same_phrased
    from debrief.features.ask import named_line, quoted_line

    assert "report to" in same_phrased("who do I answer to?")
    assert "report to" not in same_phrased("the answer to the pay question")
    meta = {"company": "Thornbury College", "role": "Lecturer"}
    passages = [Chunk("d1", "Start on the 11th. From January I'd report to Nessa, who becomes "
                      "curriculum lead.", 0, 1.0, meta)]
    found = named_line("who'd i be answering to at thornbury from january", passages)
    assert found is not None and found[1].startswith("From January I'd report to Nessa")
    # a keyword question: "work from home" is said "remote"
    meta = {"company": "Larkmoor State University", "role": "Captioner"}
    passages = [Chunk("d1", "- Staff tuition waiver.\n- Remote captioning allowed two days a week "
                      "once I'm settled in.", 0, 1.0, meta)]
    found = quoted_line("larkmoor work from home days", passages)
    assert found is not None and found[1].startswith("Remote captioning allowed")
    # one reading for both: a named line may also hold each word or another word for it
    from debrief.features.ask import as_asked

    holds = as_asked({"work", "home", "day"}, "larkmoor work from home days", passages)
    assert holds({"remot", "day", "week"}) and not holds({"remot", "week"})
    assert not as_asked({"pay"}, "what's the pay", passages)({"salari"})  # said no other way


def test_a_bare_citation_to_a_when_question_quotes_the_timed_sentence_with_its_verb() -> None:
    from debrief.adapters.store import Chunk
    from debrief.features.ask import timed_line

    chunk = Chunk("d1", "Next\n\nShe'll have a partner read my memo and call me within a week. "
                  "She asked me to email a case list by Monday.", 0, 1.0,
                  {"company": "Hollin & Marsh"})
    found = timed_line("when's hollin & marsh supposed to call me back", [chunk], [chunk])
    assert found is not None and found[1].endswith("call me within a week.")
    assert timed_line("when's hollin & marsh supposed to ring me back", [chunk], [chunk]) is None


def test_a_misspelt_company_name_still_names_it() -> None:
    from debrief.features.retrieval import named_companies

    companies = ["Kestrel Mutual", "Ardenmoor Capital Partners", "Grangeford Distribution",
                 "Thornbury and Vail"]
    assert named_companies("ardenmore roleplay with the angry cafe guy - feedback?",
                           companies) == ["Ardenmoor Capital Partners"]
    assert named_companies("grangford first interview, what went wrong", companies) == [
        "Grangeford Distribution"]
    assert named_companies("which of the banks pays best", companies) == []
    # a name split in two by speech-to-text
    assert named_companies("who did i speak to at the consultancy kest rel", companies) == [
        "Kestrel Mutual"]
    assert named_companies("thorn bury and vail panel who", companies) == ["Thornbury and Vail"]


def test_typed_shorthand_is_spelled_out_before_a_question_is_read() -> None:
    from debrief.core.text import spelled_out
    from debrief.features.retrieval import named_companies

    assert spelled_out("after grangeford rd 2, who was i gonna ring + what was the q") == \
        "after grangeford round 2, who was i gonna ring and what was the question"
    assert spelled_out("the savings bank mgr said b4 the 2nd interview w the ppl") == \
        "the savings bank manager said before the second interview with the people"
    assert spelled_out("what did Dr. W say about R") == "what did Dr. W say about R"
    # a question word typed without its apostrophe still asks when
    assert spelled_out("whens the harbour master need my answer by") == \
        "when's the harbour master need my answer by"
    assert spelled_out("how big is the team at the uni") == \
        "how big is the team at the university"
    assert named_companies(spelled_out("the uni team size"),
                           ["Invercarron University", "Dunmarrow Archives"]) == \
        ["Invercarron University"]


def test_what_is_asked_comes_after_a_but_that_opens_a_question(make_service, prompts) -> None:
    """"They said they'd pay for it, but what did I decide?" asks for no pay: an answer without
    an amount is not refused for want of one."""
    from debrief.features.ask import main_ask

    assert main_ask("the kids hospital said theyd pay for it but what did i decide to do") == \
        "what did i decide to do"
    assert main_ask("how much does the Larkspur job pay") == "how much does the Larkspur job pay"
    svc = make_service(FakeModel())
    svc.add("Brackenridge peds fellowship.\n- PALS within 90 days, hospital pays for it\n"
            "- decided: do PALS on my own anyway, don't wait\n", company="Brackenridge",
            date="2024-03-01")
    model = FakeModel(replies=["You decided to do PALS on your own anyway [1]."])
    ans = asker(svc, model, prompts).ask(
        "brackenridge said theyd pay for pals but what did i decide to do")
    assert ans.supported and "PALS on my own" in " ".join(c.quote for c in ans.citations)
    # asked for the pay itself, the same answer is refused (it gives no amount)
    model.replies.append("You decided to do PALS on your own anyway [1].")
    assert not asker(svc, model, prompts).ask("how much will brackenridge pay for pals").supported


def test_a_promise_to_someone_described_not_named_is_found_when_the_model_is_lost(
        make_service, prompts) -> None:
    """"Do I owe the box company guy anything?": the to-do that names anyone met there."""
    from debrief.core.domain import Extraction, Item, Person

    svc = make_service(FakeModel())
    d = svc.add("Final at the packaging firm with the owner and Ray Szymanski, sales manager.\n"
                "Status: offer letter next week or so. I owe Ray a thank-you note, he gave me a "
                "box sample kit.\n", company="Quenby Packaging", date="2024-02-05",
                people=[Person(name="Ray Szymanski", title="sales manager")])
    d.extraction = Extraction(follow_ups=[Item(text="thank Ray",
                                               evidence="I owe Ray a thank-you note")])
    d.extraction_status = "done"
    svc.store.save_record_only(d)
    svc.store.index_facts(d)
    ans = asker(svc, FakeModel(replies=["NOT IN NOTES"]), prompts).ask(
        "do i owe the quenby guy anything")
    assert ans.supported and "I owe Ray a thank-you note" in ans.answer
    # asked of no one in particular and of nothing the to-do holds: still a refusal
    none = asker(svc, FakeModel(replies=["NOT IN NOTES"]), prompts).ask(
        "do i owe quenby the signed contract")
    assert not none.supported


@pytest.mark.parametrize(("question", "answer", "line", "company", "ok"), [
    # the amount next to the one asked for is no answer
    ("hydro north allowance how much per month", "47.80 per hour plus northern allowance [1]",
     "union job, pay 47.80 per hour plus northern allowance, defined benefit pension",
     "Northern Tern Hydro", False),
    ("blue heron raise after 6 month how much", "$35 an hour, raise after six months [1]",
     "$35 an hour to start, with a review and raise after six months once I'm up to speed.",
     "Blue Heron Controls", False),
    ("how much shares they give me in glimmerpost offer", "$152k base, standard equity [1]",
     "The offer: Backend II, $152k base, standard equity, 3 days in office.", "Glimmerpost",
     False),
    ("castellan car allowance - how much?",
     "68-75k plus bonus 10% and car allowance, pension 8% [1]",
     "Salary I asked Imogen later: 68-75k plus bonus 10% and car allowance, pension 8%.",
     "Castellan Quay Energy", False),
    # the amount said of the thing, in its clause, or of what the sentence before named
    ("castellan signing bonus how much", "£5k [1]",
     "Pay is £52k plus a £5k signing bonus, which is lower", "Castellan Group", True),
    ("how much holiday at blue heron", "25 days holiday [1]", "25 days holiday plus bank holidays",
     "Blue Heron Controls", True),
    ("How much would the staff accommodation cost me at the lodge?", "£90 a month [1]",
     "Eddie showed me the staff accommodation. It comes off your wages at £90 a month.",
     "Ravensgarth Lodge", True),
    # a date typed as keywords is the date of that thing
    ("kittredge fingerprints appointment date", "It is June 10th [1]",
     "the board approves the hire at a meeting and the next one is June 10th", "Kittredge County",
     False),
    ("ninefold tech screen link when", "Friday [1]",
     "Ninefold will send the tech screen link by Friday.", "Ninefold", True),
    ("ironbark owner call with offer what day", "Friday [1]",
     "She said she'd call Friday with an offer either way.", "Ironbark Electric", True),
])
def test_an_amount_or_a_date_must_be_said_of_the_thing_asked(question: str, answer: str,
                                                             line: str, company: str,
                                                             ok: bool) -> None:
    from debrief.adapters.store import Chunk
    from debrief.features.ask import names_the_thing

    passage = Chunk("d1", line, 0, 1.0, {"company": company, "role": "Engineer"})
    quote = line.split(". ")[-1] if "It comes" in line else line
    assert names_the_thing(question, answer, [quote], [passage]) is ok


def test_a_name_said_as_whose_is_no_name_for_the_person_asked(make_service, prompts) -> None:
    svc = make_service(FakeModel())
    svc.add("Halloran panel.\nfinal = lunch w/ Brent's boss (area VP), date tbd\n"
            "I'm supposed to bring the territory plan to that lunch.", company="Halloran Medical")
    model = FakeModel(replies=["Brent's boss (area VP) [1]"])
    ans = asker(svc, model, prompts).ask(
        "whats the name of the area vp i'm supposed to have lunch with at halloran")
    assert not ans.supported and ans.answer.startswith("Your notes don't say.")


def test_an_amount_a_line_does_not_give_a_yes_to_a_figure_and_a_decider_by_title() -> None:
    """"profit share how much" is not answered by a line whose amount is the pay's; "yes" to a
    figure no cited quote holds is no answer; "how much of them are new" asks no pay; "the
    founder … she's the one who decides" names who decides."""
    from debrief.adapters.store import Chunk
    from debrief.features.ask import (
        ASKS_FOR_PAY,
        confirms_unheld_figure,
        names_someone,
        quoted_line,
    )

    meta = {"company": "Tandem Pickle", "role": "CRM lead"}
    pay = [Chunk("d1", 'pay 65-72k, no bonus, profit share "in good yrs". lower than client side',
                 0, 1.0, meta)]
    assert quoted_line("tandem pickle profit share how much", pay) is None
    share = [Chunk("d1", "profit share is 5% of salary in good yrs", 0, 1.0, meta)]
    found = quoted_line("tandem pickle profit share how much", share)
    assert found is not None and "5%" in found[1]
    quote = ["Pay is $78,000 to start, with loan forgiveness eligibility."]
    assert confirms_unheld_figure("Yes, loan forgiveness eligibility [1].",
                                  "was it 10k a year they'd forgive?", quote)
    assert not confirms_unheld_figure("Yes, $78,000 to start [1].", "was it 78,000 to start?",
                                      quote)
    assert not confirms_unheld_figure("Loan forgiveness eligibility [1].",
                                      "was it 10k a year they'd forgive?", quote)
    assert not ASKS_FOR_PAY.search("how many engineers has the team and how much of them are new")
    assert ASKS_FOR_PAY.search("how much do they pay an hour")
    founder = [Chunk("d2", "the founder does the last interview herself and she's the one who "
                     "decides", 0, 1.0, {"company": "Snowquill Data", "role": "Engineer"})]
    assert names_someone("The founder does the last interview herself.",
                         "at the tiny data startup who is making the final decision?", founder)
    assert not names_someone("The founder does the last interview herself.",
                             "at the tiny data startup who ran the coding exercise?", founder)


def test_a_slip_asked_in_other_words_is_a_slip_question() -> None:
    """"which question I was blank on", "not able to explain", "couldn't answer" ask for the
    user's slips as "what went wrong" does."""
    from debrief.features.ask import MISSTEP

    for q in ("in the insurance panel, which question from the compliance woman I was blank on?",
              "which part of the rate limiter I was not able to explain?",
              "what couldn't I answer at the hospital", "where did I freeze in the final",
              "which bit of the night audit question went wobbly?",
              "where did the case go pear-shaped", "the shaky part of my pitch"):
        assert MISSTEP.search(q), q
    assert not MISSTEP.search("which question did the compliance woman ask?")


@pytest.mark.parametrize(("question", "asked"), [
    ("at gullwing who wrote the abandoned cart email i called sad, was it bronwyn?",
     "at gullwing who wrote the abandoned cart email i called sad"),
    ("who took me out for lunch at the farrow callback, kwame and sonia?",
     "who took me out for lunch at the farrow callback"),
    ("the hiring manager at the transit place, Odile something? whats her actual title",
     "the hiring manager at the transit place whats her actual title"),
    # a guessed figure is the question; a second ask, a description or no question stays
    ("the chief deputy kept bringing up loan forgiveness, was it 10k a year they'd forgive?",
     None),
    ("who was there, and what did they ask?", None),
    ("at kestrel bay who has the final say, the comittee?", None),
    ("what did they ask about pay, bonus?", None),
    ("kestrel, was it?", None),
])
def test_a_name_the_user_guessed_is_left_out_of_the_question(question: str,
                                                             asked: str | None) -> None:
    from debrief.core.text import without_guess

    assert without_guess(question) == (asked or question)


def test_the_model_is_asked_without_the_guessed_name(make_service, prompts) -> None:
    svc = make_service(FakeModel())
    seed(svc)
    model = FakeModel(replies=["Dana Whitcombe [1]."])
    asker(svc, model, prompts).ask("who was the recruiter at Larkspur, was it bronwyn?")
    prompt = model.calls[-1]["messages"][-1]["content"]
    assert "recruiter at Larkspur" in prompt and "bronwyn" not in prompt


def test_a_reply_sentence_whose_words_the_notes_lack_is_dropped() -> None:
    from debrief.adapters.store import Chunk
    from debrief.features.ask import held_sentences

    line = ("- FMV lease vs $1 buyout - explain to a customer -> no clue. guessed. he corrected "
            "me. LEARN LEASING")
    passages = [Chunk("d1", line, 0, 0.5, {"company": "Oxbury Office Systems",
                                            "role": "Account Executive"})]
    question = "what was the lease question i had no clue about"
    kept = "The lease question was about FMV vs $1 buyout; I guessed [1]."
    made_up = ("The account executive explained that FMV is a more accurate valuation of the "
               "company's assets.")
    assert held_sentences(f"{kept} {made_up}", question, passages) == (kept, 1)
    # a sentence of the note's own words stays, and so does a reply of one sentence
    assert held_sentences(f"{kept} He corrected me [1].", question, passages)[1] == 0
    assert held_sentences(made_up, question, passages) == (made_up, 0)


def test_a_reply_that_adds_only_a_word_of_time_answers_nothing() -> None:
    from debrief.adapters.store import Chunk
    from debrief.features.ask import answers

    line = ("Anand was lovely. To do: move my IB Chemistry course to the top of my CV before "
            "the call, and get two references lined up.")
    passages = [Chunk("d1", line, 0, 1.0, {"company": "Thornwick International School"})]
    question = "What did I tell myself I'd sort out after the call with Anand?"
    echo = "I told myself I'd sort out the homework before the call with Anand."
    assert not answers(echo, question, [line], passages)
    assert answers("Move my IB Chemistry course to the top of my CV.", question, [line], passages)


def test_a_name_beside_a_title_whose_name_was_never_caught_answers_no_who() -> None:
    from debrief.adapters.store import Chunk
    from debrief.features.ask import names_someone

    line = ("Who I met: Gwen Pryce-Adair, the centre manager, who did most of the talking, and a "
            "senior instructor with a magnificent beard, whose name I never caught.")
    passages = [Chunk("d1", line, 0, 1.0, {"company": "Ravensclough Outdoor Learning Trust"})]
    assert not names_someone("Gwen Pryce-Adair", "ravensclough: name of senior instructor w/ "
                             "beard?", passages)
    said = [Chunk("d1", "Gwen Pryce-Adair, the centre manager, did most of the talking.", 0, 1.0,
                  {"company": "Ravensclough Outdoor Learning Trust"})]
    assert names_someone("Gwen Pryce-Adair", "ravensclough: name of the centre manager?", said)
    # a title the note gives someone else is not hers
    both = [Chunk("d1", "Met Gwen Pryce-Adair, the centre manager, and a senior instructor.", 0,
                  1.0, {"company": "Ravensclough Outdoor Learning Trust"})]
    assert not names_someone("Gwen Pryce-Adair", "name of the senior instructor?", both)


def test_a_point_on_a_pay_scale_answers_which_pay_point() -> None:
    from debrief.adapters.store import Chunk
    from debrief.features.ask import tells_pay

    line = ("The catch: they've offered M5, not M6. Mrs Hollins said the trust's pay policy puts "
            "external appointments one point below where they'd otherwise start.")
    passages = [Chunk("d1", line, 0, 1.0, {"company": "Harrowgate Fen Academy"})]
    assert tells_pay("They offered M5, not M6 [1].", passages)
    assert not tells_pay("They offered M7 [1].", passages)  # a point the notes do not hold
    other = [Chunk("d1", "Room B4 for the interview, then lunch.", 0, 1.0, {})]
    assert not tells_pay("B4 [1].", other)  # no pay line


def test_the_notes_are_searched_with_what_is_asked_and_the_names_told_before_it() -> None:
    from debrief.core.text import search_words

    told = ("Still waiting and the recruiter at Kellerman Ruiz has gone quiet. What's the name of "
            "the director she was checking with?")
    assert search_words(told) == \
        "What's the name of the director she was checking with? Kellerman Ruiz"
    plain = "harrowgate offer: which pay pt + why not 1 higher"
    assert search_words(plain) == plain


def test_a_who_that_tells_which_person_is_no_question_for_a_name(make_service, prompts) -> None:
    from debrief.features.ask import asks_only_for_name

    svc = make_service(FakeModel())
    note = ("Short phone call with the clinical director (didn't get her name, the voicemail "
            "just said clinical services). She kept asking how I'd talk to a family about "
            "stopping IV fluids at end of life, that's clearly her thing.\n")
    did = svc.add(note, company="Quillon Valley Hospice", date="2024-01-22", stage="recruiter screen").id
    question = ("that short phone call with the director whose voicemail just said clinical "
                "services - what did she keep pushing me on?")
    assert not asks_only_for_name(question)
    assert asks_only_for_name("the guy who kept checking his phone - who was he?")
    model = FakeModel(replies=["She kept pushing you on how to talk to a family about stopping "
                               "IV fluids at the end of life."])
    ans = asker(svc, model, prompts).ask(question)
    assert ans.supported and [c.debrief_id for c in ans.citations] == [did]


def test_two_asks_in_one_question_are_answered_in_turn_at_the_same_company(
        store, prompts) -> None:
    marrow = ("Panel with Ines (nurse manager), Dario (charge nurse) and an educator.\n"
              "Ines said they'll decide before the end of the month.\n"
              "Dario was the nicest one, he asked about my chemo certification.\n")
    other = "Recruiter screen. Colette said she'd email times sometime next week.\n"
    model = FakeModel(replies=["They'll decide before the end of the month [1].",
                               "Dario, the charge nurse [1].",
                               "They'll decide before the end of the month [1].",
                               "NOT IN NOTES"])
    svc = DebriefService(store, lambda: None,  # type: ignore[arg-type, return-value]
                         asker_factory=lambda: Asker(store, model, prompts))
    mid = svc.add(marrow, company="Marrowgate Cancer Institute", date="2024-02-05",
                  stage="panel").id
    svc.add(other, company="Quillon Valley Hospice", date="2024-01-22",
            stage="recruiter screen")
    svc.add("Recruiter screen. The nicest one was the parking attendant, Joe.\n",
            company="Marrowgate Cancer Institute", date="2024-01-10", stage="recruiter screen")
    ans = svc.ask("When did Marrowgate say they'd make a decision, and who on the panel was "
                  "the nicest one?")
    answered = [c for c in model.calls if c["schema"] is None]
    assert len(answered) == 2  # one answer each
    assert "end of the month [1]" in ans.answer and "Dario, the charge nurse [2]" in ans.answer
    assert [c.debrief_id for c in ans.citations] == [mid, mid]
    # the second ask names no company: it stays with the first answer's interview
    assert "Colette" not in answered[1]["messages"][-1]["content"]
    assert "parking attendant" not in answered[1]["messages"][-1]["content"]
    # one ask the notes don't answer is said by its own words, the other still answered
    ans = svc.ask("When did Marrowgate say they'd decide? And is the panel job unionised?")
    assert ans.supported and "end of the month" in ans.answer
    assert "On “is the panel job unionised?”: your notes don't say." in ans.answer
    svc.close()


@pytest.mark.parametrize("question,parts", [
    ("When did they say they'd decide, and who on the panel was the nicest?", 2),
    ("Tom's worried. What duties does everyone do? And is the boarding evening paid?", 2),
    ("what time is the assessment and do I need to bring ID?", 2),
    ("Which companies warned me about crunch, and what did each one say?", 1),  # leans on it
    ("refs for the device job: how many, and by when?", 1),
    ("refs for the device job - how many and when are they due?", 1),  # one line answers both
    ("harrowgate offer: which pay pt and why not 1 higher", 1),  # the second has no thing
    ("what did Kerry say about pay and hours", 1),
])
def test_two_asks_are_told_apart_from_one(question: str, parts: int) -> None:
    from debrief.core.text import split_asks

    got = split_asks(question)
    assert len(got) == parts
    if parts == 2 and question.startswith("Tom"):
        assert all(p.startswith("Tom's worried.") for p in got)  # the situation goes with each


def test_two_asks_keep_a_count_from_the_records_that_cites_nothing() -> None:
    from debrief.features.ask import Answer, refusal
    from debrief.service.asking import both_asks

    count = Answer(answer="You have debriefs from 2 companies (3 interviews).", supported=False,
                   citations=[], seconds=0.0, prompt_tokens=0)
    both = both_asks(["how many companies have I seen?", "and is the Acme job remote?"],
                     [count, refusal(0.0, 0)], 0.0)
    assert both.answer.startswith("You have debriefs from 2 companies")
    assert "On “is the Acme job remote?”: your notes don't say." in both.answer
    assert both_asks(["a?", "b?"], [refusal(0.0, 0), refusal(0.0, 0)], 0.0).answer \
        .startswith("Your notes don't say.")


def test_a_line_about_the_role_is_no_answer_about_another_opening(make_service, prompts) -> None:
    """"what's the pay on the breast program navigator job?" - the staff RN pay range is about
    the job interviewed for; the note's other opening has no pay, so the notes don't say."""
    from debrief.core.domain import Extraction

    note = ("Infusion center, second visit.\nPay range she gave was $44 to $52 an hour.\n"
            "They're also hiring a nurse navigator for the breast program, Mon-Fri 8 to 4:30.\n")
    svc, d = one_note(make_service, note, "Marrowgate Cancer Institute")
    d.role = "Staff RN, outpatient infusion center"
    d.extraction = Extraction.model_validate({"better_fit_roles": [
        {"text": "Nurse navigator, breast program", "evidence":
         "They're also hiring a nurse navigator for the breast program, Mon-Fri 8 to 4:30."}]})
    d.extraction_status = "done"
    svc.store.save_record_only(d)
    model = FakeModel(replies=["$44 to $52 an hour [1].", "$44 to $52 an hour [1].",
                               "Mon-Fri 8 to 4:30 [1]."])
    other = asker(svc, model, prompts).ask(
        "going to look at the Marrowgate breast program navigator job tonight. what's the pay?")
    assert not other.supported
    own = asker(svc, model, prompts).ask("what's the pay for the infusion center job?")
    assert own.supported and "$44 to $52" in own.answer
    hours = asker(svc, model, prompts).ask("what hours is the breast program navigator job?")
    assert hours.supported and "Mon-Fri" in hours.answer


def test_a_day_or_a_title_in_capitals_is_no_name() -> None:
    from debrief.adapters.store import Chunk
    from debrief.features.ask import named_line

    meta = {"company": "Kettlewick Health", "role": "PM"}
    line = ("Panel was last Friday (Head of Product, a clinical safety officer who is also a "
            "practising GP two days a week, and a UX researcher).")
    passages = [Chunk("d1", line, 0, 1.0, meta)]
    assert named_line("kettlewick head of product name", passages) is None
    named = [Chunk("d1", "Panel was last Friday with Odette Marsh, Head of Product.", 0, 1.0,
                   meta)]
    assert named_line("kettlewick head of product name", named) is not None


def test_a_figure_in_digits_is_held_by_its_words_and_a_typo_still_asks_its_word() -> None:
    from debrief.adapters.store import Chunk
    from debrief.features.ask import answers, held_stems, stems_of

    meta = {"company": "St Aldric's", "role": "Teacher"}
    size = Chunk("d1", "Everyone does one evening of boarding duty. Maximum class size is eighteen.",
                 0, 1.0, meta)
    assert "18" in stems_of(size.text)
    assert held_stems({"18"}, size.text) == 1
    assert answers("18", "st aldrics max class size", [size.text], [size])
    meta = {"company": "Oxbow Freight", "role": "PM"}
    line = Chunk("d2", "Follow-ups: recruiter (Aisling) said feedback by Monday.", 0, 1.0, meta)
    assert answers("Aisling", "oxbow recrutier name?", [line.text], [line])
    # a lone word in a sentence that shares no word of the question, misspelt or not, is no answer
    assert not answers("Aisling", "oxbow hiring manager name?", [line.text], [line])


def test_a_weekday_said_as_a_habit_answers_what_day() -> None:
    from debrief.features.ask import tells_asked_when

    assert tells_asked_when("saffron hiring committee - what day does it meet",
                            "The hiring committee meets on Thursdays.")
    assert not tells_asked_when("what day does it meet", "The hiring committee meets weekly.")


def test_a_slip_takes_the_line_before_only_when_it_opens_by_pointing_back() -> None:
    from debrief.features.ask import _with_line_before

    note = ("They asked how I would size the market for a new bike lock.\n"
            "Aqui eu fui fraca, no numbers.\n"
            "I forgot to say what they would do with it.\n")
    weak = "Aqui eu fui fraca, no numbers."
    start, end = _with_line_before(note, weak)  # type: ignore[misc]
    assert note[start:end].startswith("They asked how I would size") and note[start:end].endswith(weak)
    # "they"/"it" inside the line point nowhere: the line stands alone
    alone = "I forgot to say what they would do with it."
    start, end = _with_line_before(note, alone)  # type: ignore[misc]
    assert note[start:end] == alone


@pytest.mark.parametrize(("question", "pay"), [
    ("How much vacation is in the offer?", False),  # an amount of leave, not of money
    ("IB training for new teachers, school is paying or i pay?", False),  # who pays
    ("do they pay for the move", False),
    ("is paid time off generous?", False),
    ("what is the pay", True),
    ("how much do they pay", True),
    ("how much will I get paid", True),
    ("will they pay me more than now", True),
])
def test_pay_is_asked_for_as_an_amount_not_who_pays(question: str, pay: bool) -> None:
    from debrief.features.ask import ASKS_FOR_PAY

    assert bool(ASKS_FOR_PAY.search(question)) is pay


def test_a_when_that_opens_a_clause_asks_no_time() -> None:
    from debrief.features.question_patterns import TimeAsked, time_asked

    assert TimeAsked.OPENS not in time_asked("when a child misbehaves in class what are the steps?")
    assert TimeAsked.OPENS not in time_asked("when a parent complains, what do I do?")
    assert TimeAsked.OPENS in time_asked("when will they tell me what they decided")
    # a search typed as keywords that ends on what it asks for
    assert TimeAsked.KEYWORDS in time_asked("openhand answer deadline")
    assert TimeAsked.KEYWORDS in time_asked("hallbrook workshop offer reply by")
    assert TimeAsked.KEYWORDS in time_asked("council forms due?")
    assert not time_asked("who was the report written by")
    assert not time_asked("what was the deadline like for the case study, tight?")


YES_NO_NOTE = """Lumenhart Credit Union, final with the CEO.

She flagged that every ad goes through compliance review. Nadia wants someone who'll go to
branch events on Saturdays (about one a month).
Stack: Go, Kafka, Postgres. Some Python left over for bounce processing.
"""


@pytest.mark.parametrize(("question", "line"), [
    ("would the credit union job have me working some saturdays?", "branch events on Saturdays"),
    ("lumenhart - any python still around or is it all go", "Some Python left over"),
    ("does lumenhart do a 401k match?", None),  # the note never says
    ("is there a signing bonus or is it just the base", None),
    ("what do they use for the pipeline?", None),  # no yes/no question
])
def test_a_yes_no_question_gets_the_line_on_its_thing(question: str, line: str | None) -> None:
    from debrief.adapters.store import Chunk
    from debrief.features.ask import yes_no_line

    passages = [Chunk("d1", YES_NO_NOTE, 0, 1.0, {"company": "Lumenhart Credit Union"})]
    found = yes_no_line(question, passages)
    if line is None:
        assert found is None
    else:
        assert found is not None and line in found[1] and found[0] is passages[0]


def test_a_yes_no_reply_that_only_says_yes_is_answered_with_the_note_s_line(
        make_service, prompts) -> None:
    svc, d = one_note(make_service, YES_NO_NOTE, "Lumenhart Credit Union", "final")
    for reply in ("Yes, the job would have me working some Saturdays.", "NOT IN NOTES"):
        ans = asker(svc, FakeModel(replies=[reply]), prompts).ask(
            "would the lumenhart job have me working some saturdays?")
        assert ans.supported and "branch events on Saturdays" in ans.answer
        assert not ans.answer.startswith("Yes")  # the model's bare "yes" is not shown
        assert [c.debrief_id for c in ans.citations] == [d.id]
    no = asker(svc, FakeModel(replies=["Yes, there is a 401k match."]), prompts).ask(
        "does lumenhart do a 401k match?")
    assert not no.supported


def test_who_with_no_name_in_the_note_is_answered_by_what_it_says_of_them(
        make_service, prompts) -> None:
    svc, _ = one_note(make_service, "System design, 75 min. The interviewer was Odalys, plus a "
                      "second engineer shadowing who was in training and stayed silent the whole "
                      "time.\n", "Bellwether Freight", "technical screen")
    reply = "The second engineer shadowing, who was in training and stayed silent [1]."
    ans = asker(svc, FakeModel(replies=[reply]), prompts).ask(
        "bellwether: who was the extra person who just sat there the whole time")
    assert ans.supported and "shadowing" in ans.answer
    named = asker(svc, FakeModel(replies=[reply]), prompts).ask(
        "bellwether: what was the name of the extra person who sat there")
    assert not named.supported  # the name itself was asked, and the note gives none


def test_a_fragment_is_answered_only_by_a_line_that_names_its_thing() -> None:
    from debrief.features.ask import names_the_thing

    standby = "standby 1 wk in 6, £300 a wk + callout hrs 38,500 basic + van + 10% pension match"
    assert not names_the_thing("wexmoor holiday allowance",
                               "Standby 1 wk in 6, £300 a wk + callout hrs [1]", [standby], [])
    assert names_the_thing("tolland wms", "Palletra [1]",
                           ["WMS is Palletra, handhelds + voice picking on ambient only"], [])


def test_the_users_answer_owed_is_a_line_for_when_i_must_answer() -> None:
    from debrief.features.decisions import Scope, decision_line

    def line(note: str) -> str | None:
        found = decision_line("until when do i have to answer acme",
                              [Scope("d1", note, "Acme Tools", "2024-01-01", [])])
        return found[3] if found else None

    assert line("Lunch was fine.\nacme rang sat, offer up, wants yes or no by 25 nov\n") == \
        "acme rang sat, offer up, wants yes or no by 25 nov"
    assert line("Offer came. I must answer until Monday 3 November.") == \
        "I must answer until Monday 3 November."
    assert line("i asked for till mon 9 june") == "i asked for till mon 9 june"
    assert line("They want someone who answers the phone.") is None  # no time, no answer owed


def test_a_decision_told_in_another_interviews_note_answers_for_the_company_it_names(
        make_service, prompts) -> None:
    """'casa almendro: … wants yes or no by 25 nov', written in the note of a later interview
    elsewhere, answers when the user must answer Casa Almendro when the model cannot."""
    svc = make_service(FakeModel())
    svc.add("Trial shift. Iñaki asked about allergens.\nThe fish comes from the harbour.\n",
            company="Casa Almendro", role="Sous Chef", date="2025-11-04")
    svc.add("Hotel kitchen tour.\nNews:\n- casa almendro: rosalind rang sat, offer now 35, wants "
            "yes or no by 25 nov\n- nothing from the others\n",
            company="Grey Heron Hotel", role="Junior Sous Chef", date="2025-11-18")
    svc.add("Chain head office. Burgers.\n", company="Ember Grill", role="Sous Chef",
            date="2025-11-11")
    out = asker(svc, FakeModel(replies=["Not in notes"]), prompts).ask(
        "until when i must answer to casa almendro now")
    assert out.supported and "wants yes or no by 25 nov" in out.answer
    assert {c.company for c in out.citations} == {"Grey Heron Hotel"}


def test_a_count_of_days_of_a_thing_must_be_said_of_that_thing() -> None:
    from debrief.features.ask import asked_thing, names_the_thing

    # my own wording, after a probe's miss: the leave asked for is not the probation's months
    q = "how many days of annual leave does Harrowgate Care give"
    assert {"annual", "leav"} <= asked_thing(q, [])
    pay = "Salary 24,800, and after probation of 6 months it goes to 25,900."
    assert not names_the_thing(q, "6 months [1]", [pay], [])
    # "annual leave" is the note's "holiday" said another way
    assert names_the_thing(q, "27 days [1]", ["27 days holiday, rising with service."], [])
    # a count of something else is still a count question with no one thing asked
    assert asked_thing("how many people were on the panel and who led it", []) == set()


def test_questions_typed_by_people_who_write_unlike_us() -> None:
    """My own wordings of what probe21's unseen run missed."""
    from debrief.adapters.store import Chunk
    from debrief.features.ask import (
        ASKS_FOR_PAY,
        asked_thing,
        asks_yes_no,
        yes_no_line,
    )
    from debrief.features.retrieval import named_companies

    # a kind of job is no company's name, even when one company's name holds the word
    companies = ["Tollbridge Museums & Archives", "Kirkhope College", "Glenmoss Brewery"]
    assert named_companies("which of the archive jobs pays best", companies) == []
    assert named_companies("what did tollbridge say about pay", companies) == \
        ["Tollbridge Museums & Archives"]
    # a thing owned by a described place is no company's name ("the brewery's archive")
    assert named_companies("where does the beer company's archive live", companies) == []
    assert named_companies("what's tollbridge's archive like", companies) == \
        ["Tollbridge Museums & Archives"]
    assert named_companies("where's tollbridge", companies) == ["Tollbridge Museums & Archives"]
    # a statement with a tag is a yes/no question; the place it names is where, not what
    question = "they dont put me on weekends at the mill lane clinic do they"
    assert asks_yes_no(question)
    note = ("mill lane clinic, thurs.\n- ask Ros if the rota is fixed or weekends too\n"
            "- rota is mon-fri 8 to 6, weekends go to the out of hours vets so no weekends!!\n")
    chunk = Chunk("d1", note, 0, 0.0, {"company": "Dunlin Vets", "role": "RVN"})
    found = yes_no_line(question, [chunk])
    assert found is not None and "so no weekends" in found[1]  # not the line still to ask
    # non-native "how much late", "how much houses" are no pay questions; "hours" are a thing
    assert not ASKS_FOR_PAY.search("how much late is the school job")
    assert not ASKS_FOR_PAY.search("how much houses they build there")
    assert ASKS_FOR_PAY.search("how much is the bonus")
    assert "hour" in asked_thing("dunlin working hours", [])
    assert asked_thing("what's the hourly rate at dunlin", []) == {"rate"}


def test_a_figure_in_the_roles_brackets_is_an_answer_not_its_name(make_service, prompts) -> None:
    """"Site Manager, Millbrook Fields (120 houses)": what the brackets add is a detail of the
    job, so "120 houses" answers "how many houses" from the note's header line."""
    svc = make_service(FakeModel())
    svc.add("Interview - Harwood Homes, Site Manager for Millbrook Fields (120 houses)\n"
            "Gareth asked about handovers and snagging.\n", company="Harwood Homes",
            role="Site Manager, Millbrook Fields (120 houses)", date="2025-11-05")
    model = FakeModel(replies=["120 houses"])
    ans = asker(svc, model, prompts).ask("how much houses they build on millbrook")
    assert ans.supported and "(120 houses)" in ans.citations[0].quote
    # the role's name outside its brackets still proves nothing
    model.replies.append("Site Manager")
    assert not asker(svc, model, prompts).ask("what is the job at harwood homes").supported


def test_working_hours_are_named_by_the_notes_timing_or_shift() -> None:
    from debrief.features.ask import names_the_thing

    line = "2.2 Timing is UK shift only, 12:30 pm to 9:30 pm. Cab drop is provided after 9 pm."
    assert names_the_thing("What are the working hours for the Harcourt position?",
                           "UK shift only, 12:30 pm to 9:30 pm [1]", [line], [])
    assert not names_the_thing("What are the working hours for the Harcourt position?",
                               "9 people in Pune [1]", ["Team is of 9 people in Pune."], [])


def test_later_news_about_a_company_goes_first_and_replaces_a_stale_answer(
        make_service, prompts) -> None:
    """A later note that says 'the depot is now 40 drivers, not 25' about an earlier interview's
    company is the latest word: it is listed first, marked as news, and an answer that gives
    the old figure is replaced by that line."""
    svc = make_service(FakeModel())
    svc.add("Met Gwen, the depot lead.\nThe depot has 25 drivers on two shifts.\n",
            company="Ashcombe Coaches", role="Route Planner", date="2025-09-02")
    svc.add("Control room visit.\nUpdate: Ashcombe rang. The depot is now 40 drivers, not 25, "
            "since they took over the school runs.\n",
            company="Brindle Transit", role="Controller", date="2025-09-20")
    svc.add("Small office by the ring road.\n", company="Cotter Travel", role="Scheduler",
            date="2025-09-10")
    model = FakeModel(replies=["25 drivers [2]."])
    out = asker(svc, model, prompts).ask("how many drivers at the ashcombe depot")
    prompt = model.calls[0]["messages"][-1]["content"]
    assert "[1] (Brindle Transit, Controller, 2025-09-20; later news about Ashcombe Coaches)" \
        in prompt
    assert out.supported and "now 40 drivers, not 25" in out.answer
    assert "25 drivers on two shifts" not in out.answer.split("Your notes say")[0]
    assert {c.company for c in out.citations} == {"Brindle Transit"}
    # an answer with the new figure is kept as the model said it
    kept = asker(svc, FakeModel(replies=["40 drivers now [1]."]), prompts).ask(
        "how many drivers at the ashcombe depot")
    assert kept.answer.startswith("40 drivers now")


def test_what_later_news_replaced_is_read_as_a_word_a_figure_or_a_day() -> None:
    from debrief.adapters.store import Chunk
    from debrief.features.ask import says_replaced, superseded

    assert says_replaced("Four salons.", "four")
    assert says_replaced("The base is £27,800.", "27.8")
    assert says_replaced("You start on the 5th of January.", "5-Jan")
    assert not says_replaced("You start on the 12th of January.", "5-Jan")
    assert not says_replaced("28.4k", "27.8")
    assert not says_replaced("It is the same.", "the")  # a function word is no value
    news = Chunk("d2", "Rang today. Start is 3 March, not 17 Feb, and pay stays.", 0, 1.0,
                 {"news_about": "Ashcombe Coaches"})
    old = Chunk("d1", "Start would be 17 Feb.", 0, 1.0, {})
    assert superseded("You start on 17 Feb [2].", [news, old]) == (
        1, "Start is 3 March, not 17 Feb, and pay stays.")
    naira = Chunk("d2", "The offer came: ₦520,000 a month, not ₦450,000.", 0, 1.0,
                  {"news_about": "Ikoyi Hospital"})
    assert superseded("It pays ₦450,000 a month [2].", [naira, old]) == (1, naira.text)
    # the same line in a passage not marked as news replaces nothing
    assert superseded("You start on 17 Feb [1].", [old, Chunk("d2", news.text, 0, 1.0, {})]) \
        is None


def test_a_later_rounds_not_replaces_the_first_rounds_value_the_answer_cites() -> None:
    """'Start is now 2 March, not 9 Feb' in the second round's note replaces an answer that
    cites the first round's '9 Feb'; the same line dated earlier, or cited itself, does not."""
    from debrief.adapters.store import Chunk
    from debrief.features.ask import superseded

    first = Chunk("r1", "Start date would be 9 Feb if all goes well.", 0, 1.0,
                  {"date": "2025-10-01"})
    second = Chunk("r2", "Lots changed. Start is now 2 March, not 9 Feb, as the site moves.", 0,
                   1.0, {"date": "2025-10-20"})
    assert superseded("You start on 9 Feb [1].", [first, second]) == (
        2, "Start is now 2 March, not 9 Feb, as the site moves.")
    assert superseded("You start on 9 Feb [2].", [first, second]) is None  # it cites the change
    earlier = Chunk("r0", second.text, 0, 1.0, {"date": "2025-09-01"})
    assert superseded("You start on 9 Feb [1].", [first, earlier]) is None
    assert superseded("You start on 9 Feb.", [first, second]) is None  # cites nothing


def test_later_pay_news_replaces_no_other_figure_the_question_asks_for() -> None:
    """'£33,200, cathedral pension, 10% employer' answers what the pension is; 'the money has
    gone up to £35,900, not £33,200' replaces the salary, not that answer; for the salary it
    does."""
    from debrief.adapters.store import Chunk
    from debrief.features.ask import superseded

    meta = {"company": "Kellingford Minster"}
    first = Chunk("r1", "money | £33,200, minster pension, 10% employer", 0, 1.0,
                  {**meta, "date": "2026-10-19"})
    second = Chunk("r2", "The money has gone up to £35,900, not £33,200, because of the lead.",
                   0, 1.0, {**meta, "date": "2026-11-12"})
    answer = "£33,200, minster pension, 10% employer [1]"
    assert superseded(answer, [first, second],
                      "How much does the minster put towards the pension?") is None
    assert superseded("£33,200 [1]", [first, second], "what's the money at the minster")[0] == 2


def test_news_labelled_by_the_company_at_a_lines_start_is_news_to_its_end(
        make_service, prompts) -> None:
    """'Ashcombe news: …' opens a long line whose last sentence ('Start moved to 9th June, not
    2nd June') no longer names the company: it is still later news about it."""
    svc = make_service(FakeModel())
    svc.add("Met Gwen, the depot lead.\nStart would be 2nd June if the checks are quick.\n",
            company="Ashcombe Coaches", role="Route Planner", date="2025-05-02")
    filler = " ".join(f"Point {n} about the rota was fine." for n in range(12))
    svc.add(f"Control room visit.\nAshcombe news: they rang on Monday. {filler} "
            "Start moved to 9th June, not 2nd June, because the depot is being rebuilt.\n",
            company="Brindle Transit", role="Controller", date="2025-05-20")
    svc.add("Small office by the ring road.\n", company="Cotter Travel", role="Scheduler",
            date="2025-05-10")
    model = FakeModel(replies=["June 2nd [2]."])
    out = asker(svc, model, prompts).ask("when would i start at ashcombe")
    prompt = model.calls[0]["messages"][-1]["content"]
    assert "; later news about Ashcombe Coaches)" in prompt
    assert out.answer.startswith("Start moved to 9th June, not 2nd June")


def test_a_day_no_cited_line_says_is_no_answer_and_a_company_is_no_replaced_value() -> None:
    from debrief.adapters.store import Chunk
    from debrief.features.ask import superseded, unheld_day
    from debrief.features.question_patterns import TimeAsked, time_asked

    line = "They offer me the keeper post instead, and I must answer until 10th April."
    assert unheld_day("4th April [1]", [line])  # the note's own date, copied from its heading
    assert not unheld_day("By the 10th of April [1]", [line])
    assert not unheld_day("April 10 [1]", [line])
    assert not unheld_day("Next week [1]", [line])
    # "we are not Ashcombe" says nothing replaced Ashcombe
    news = Chunk("d2", 'Carys on money: "every pound counts, we are not Ashcombe".', 0, 1.0,
                 {"company": "Brackenfold Zoo", "news_about": "Ashcombe Wildlife Park"})
    assert superseded("Ashcombe did not say [1].", [news]) is None
    assert TimeAsked.DECISION in time_asked("By which date must I give Ashcombe my answer?")


def test_a_bare_pointer_gets_the_pointed_sentence_that_holds_all_but_one_asked_word(
        make_service, prompts) -> None:
    """'janine's asking about weekends - how many would I be doing in the control room': the
    sentence of the passage the model pointed at that says it, though Janine is not in it; a
    sentence missing two of the asked words is no answer."""
    svc = make_service(FakeModel())
    note = ("so Hetty ran it, calm as anything. stuff she told me. the control room runs five "
            "till one, six controllers, earlies and lates, one weekend in three. they're getting "
            "new radios in the summer. money is under what I take home now, I worked it out at "
            "the lights. she's seeing five people and one of them is internal, she'll ring by "
            "the end of next week, and if it's a yes there's a shadow shift on a Saturday.")
    svc.add(note, company="Mossway Buses", date="2026-03-05", stage="hiring manager")
    ans = asker(svc, FakeModel(replies=["[1]"]), prompts).ask(
        "janine's asking about weekends - how many would i be doing in the mossway control room")
    assert ans.supported
    assert "one weekend in three" in ans.answer
    quote = ans.answer.split("“")[1].split("”")[0]
    assert quote in svc.get(ans.citations[0].debrief_id).notes
    none = asker(svc, FakeModel(replies=["[1]"]), prompts).ask(
        "janine's asking about bank holidays - how many would i be doing in the depot canteen")
    assert not none.supported


def test_a_long_dictated_line_is_focused_on_its_sentence_not_its_head() -> None:
    """A note dictated as one paragraph: the passage keeps the sentence that answers, not the
    paragraph's first 360 characters."""
    from debrief.features.ask import Asker

    line = ("first thing she asked was why after fourteen years I want off the road, and I said "
            "my back mostly but I didn't say that. then a breakdown scenario on the ring road, "
            "full load, next bus twelve minutes behind, what do you do. I said hazards on, "
            "passengers off safe, send the fitter. she said fine but you forgot two things. "
            "stuff she told me. the control room runs five till one, one weekend in three. "
            "they're putting a new radio system in over the summer.")

    class Embedder:
        def embed(self, texts: list[str]) -> list[list[float]]:
            import numpy as np
            return np.array([[1.0, float("weekend" in t)] for t in texts])

    class Store:
        embedder = Embedder()

    asker_ = Asker.__new__(Asker)
    asker_.store = Store()  # type: ignore[assignment]
    text = f"Heading\n{line}\n- a last line"
    focused = Asker._focus(asker_, "how many weekends in the control room", text, 200)
    assert "one weekend in three" in focused
    assert focused in text
    assert len(focused) <= 200


def test_a_kind_of_problem_is_told_by_the_line_the_problem_sits_in() -> None:
    """'what was the safety problem I didn't spot in the risk assessment': the problem ('the
    barrier is too low') does not say 'safety'; the line it sits in names a risk assessment."""
    from debrief.adapters.store import Chunk
    from debrief.features.ask import kind_of_issue, names_the_thing

    line = ("Practical: Maggie gave me twenty minutes to write a risk assessment for the keeper "
            "entrance at the otter enclosure. I checked the double doors, the locks, the radio "
            "log. What I missed: the stand-off barrier on the visitor side is too low, a child "
            "could reach through to the mesh.")
    sentence = line[line.index("What I missed"):]
    passages = [Chunk("d1", sentence, 0, 1.0, {"company": "Ashby Wildlife Park"})]
    asked = "what was the safety problem i didnt spot in the risk asessment"
    reply = "The stand-off barrier on the visitor side is too low, a child could reach through."
    assert kind_of_issue(asked)
    assert not names_the_thing(asked, reply, [sentence], passages)
    assert names_the_thing(asked, reply, [line], passages)
    # a thing that is no kind of problem still has to be named in its sentence
    assert not kind_of_issue("what was the pension scheme at ashby")
    assert not names_the_thing("what was the pension scheme at ashby", "The keeper rota.",
                               ["They talked about the new keeper rota."], passages)


def test_a_name_cited_to_the_wrong_passage_is_cited_to_the_one_that_holds_it(
        make_service, prompts) -> None:
    """'Dr Nikhil Mehra [2]' where passage [2] only says 'Dr Mehra' and another says 'Dr Nikhil
    Mehra, the clinical director': the answer stands, cited to the passage that holds it."""
    svc = make_service(FakeModel())
    first = ("There were three of them. Rhiannon Doyle, the practice manager. Dr Nikhil Mehra, "
             "the clinical director, quiet, reads your CV while you're talking.\n"
             "- They started with a practical on the decon room.")
    second = ("Panel: Gareth Lowe, regional operations manager, and Dr Mehra again.\n"
              "- Q (Gareth): what would you change in the first month?")
    svc.add(first, company="Brightmoor Dental", date="2026-03-06", stage="hiring manager")
    svc.add(second, company="Brightmoor Dental", date="2026-03-24", stage="second round")
    ans = asker(svc, FakeModel(replies=["Dr Nikhil Mehra [9]"]), prompts).ask(
        "whats the clinical directors name at brightmoor?")
    assert ans.supported, ans.answer
    assert "Nikhil Mehra, the clinical director" in ans.citations[0].quote


def test_news_lines_that_bear_on_the_question_and_the_newest_deadline() -> None:
    """A later note's 'Ingrid gave me until 3 July for Quillfeather' bears on 'by which date do
    I have to give Quillfeather my answer?' (a day of a month, asked when), not on 'who ran the
    test'; as a line that records the answer owed, the first passage's line wins over the
    second passage's 'They want an answer by 19 June', whatever their places in their notes."""
    from debrief.features.ask import bears_on
    from debrief.features.decisions import Scope, decision_line

    line = "Ingrid gave me until 3 July for Quillfeather, start still 3 August."
    asked = "By which date do I have to give Quillfeather Games my answer?"
    assert bears_on(line, asked, "quillfeather games")
    assert not bears_on(line, "who ran the test", "quillfeather games")
    # a day of the month without its month bears on "when" too
    shop = "Stellan rang on Tuesday, the 6th. offered. he wants an answer by the 14th."
    assert bears_on(shop, "when does the piano shop need to hear back from me", "lindqvist")
    assert not bears_on(shop, "who ran the role play", "lindqvist")
    newest = "Test first.\n" * 20 + "News: Haverleigh offered. " + line
    older = "Quillfeather news: Ingrid emailed. They want an answer by 19 June."
    found = decision_line(asked, [Scope("d3", newest, "Castellane Bank", "2026-06-29", [line]),
                                  Scope("d2", older, "Haverleigh Dunn", "2026-06-16", [older])])
    assert found is not None and found[0] == "d3" and "3 July" in found[3]


def test_a_count_of_a_thing_names_the_thing_not_the_word_number() -> None:
    """'castellane number of italian clients' -> '1,200' from 'they have around 1,200 Italian
    clients', where the role ('Italian Client Communications Officer') takes 'italian' and
    'clients' out of the thing asked: 'number' alone names nothing."""
    from debrief.adapters.store import Chunk
    from debrief.features.ask import names_the_thing

    text = "What I learned about them:\n- they have around 1,200 Italian clients, many in London"
    passages = [Chunk("d1", text, 0, 1.0, {"company": "Castellane Private Bank",
                                             "role": "Italian Client Communications Officer"})]
    assert names_the_thing("castellane number of italian clients", "1,200", [text], passages)


def test_did_it_change_gets_the_line_that_says_what_it_is_now_not_what_it_was() -> None:
    """'did the offshore money change between the interview and when they offered' -> the
    line '… but £45 a day offshore, not £55', not a line that only names the offer."""
    from debrief.adapters.store import Chunk
    from debrief.features.ask import changed_line

    meta = {"company": "Brinsmead Training", "role": "Instructor"}
    passages = [
        Chunk("d1", "Home every night. Three candidates. Answer within ten days.", 0, 1.0, meta),
        Chunk("d1", "News from elsewhere. Nordvale offered on the 28th: £48,000 as Sian said, "
                    "but £45 a day offshore, not £55. Start still September.", 80, 1.0, meta),
    ]
    found = changed_line("did the offshore money change between the interview and when they "
                         "offered", passages)
    assert found is not None and found[1].endswith("not £55.")
    assert changed_line("what did the offshore money look like", passages) is None
    assert changed_line("did the start date change", passages[:1]) is None


def test_a_kind_of_problem_is_read_in_the_whole_line_of_its_quote(make_service, prompts) -> None:
    """For 'the safety problem': the cited quote's whole note line, where the kind is told."""
    from debrief.features.ask import Citation

    svc = make_service(FakeModel())
    line = ("Maggie gave me twenty minutes to write a risk assessment. I checked the locks. What "
            "I missed: the barrier on the visitor side is too low.")
    d = svc.add(f"Panel of two.\n{line}\nThen lunch.", company="Ashby Park", date="2026-03-19",
                stage="panel")
    quote = "What I missed: the barrier on the visitor side is too low."
    cited = [Citation(debrief_id=d.id, company="Ashby Park", role=None, date="2026-03-19",
                      quote=quote)]
    a = asker(svc, FakeModel(), prompts)
    assert a._kind_lines("what was the safety problem i missed", cited) == [line]
    assert a._kind_lines("what did i miss", cited) == [quote]


def test_a_day_of_the_month_without_its_month_is_dated_from_the_note() -> None:
    from debrief.features.ask import day_dates

    assert day_dates("Answer by Wednesday the 18th.", "2026-11-12") == [
        "That is Wednesday 18 November 2026."]
    # the next month when the day has passed; a weekday that fits no date dates nothing
    assert day_dates("They've given me until the 3rd.", "2026-10-18") == [
        "That is Tuesday 3 November 2026."]
    assert day_dates("until Monday the 18th", "2026-11-12") == []
    # a round, a month said, or a note without a date: nothing to add
    assert day_dates("the 2nd round was fine", "2026-10-18") == []
    assert day_dates("by the 25th of May", "2026-05-01") == []
    assert day_dates("Answer by Wednesday the 18th.", "") == []


def test_a_later_note_s_day_for_the_same_thing_replaces_the_answer_s() -> None:
    from debrief.adapters.store import Chunk
    from debrief.features.ask import later_date

    def chunk(text: str, date: str, company: str = "Caldbeck Rail") -> Chunk:
        return Chunk("d" + date, text, 0, 0.0, {"company": company, "date": date,
                                                 "role": "Signaller"})

    passages = [chunk("If I'm successful the training school starts on the 2nd of November.",
                      "2026-09-08"),
                chunk("It's 8-hour shifts now. Training school has moved to 11 January.",
                      "2026-10-01"),
                chunk("Training school at Pennine is 5 March.", "2026-10-20", "Pennine")]
    q = "When does the Caldbeck Rail training school start?"
    assert later_date(q, "It starts on the 2nd of November.", passages) == (
        2, "Training school has moved to 11 January.")
    # the later day already said, another company's day, or no "when": nothing replaced
    assert later_date(q, "It starts on 11 January.", passages) is None
    assert later_date(q, "It starts on the 2nd of November.", passages[:1] + passages[2:]) is None
    assert later_date("Who runs the training school?", "the 2nd of November", passages) is None


def test_the_thing_a_fragment_names_is_not_how_it_is_counted() -> None:
    from debrief.adapters.store import Chunk
    from debrief.features.ask import asked_thing

    p = [Chunk("x", "t", 0, 0.0, {"company": "Hebble Valley Railway Trust", "role": "Manager"})]
    assert asked_thing("hebble valley holidays per year", p) == {"holiday"}
    # a category the note need not say ("what stack does X use": Go, Kafka, Postgres)
    assert asked_thing("What stack does Hebble Valley use?", p) == set()


def test_a_length_of_time_no_cited_line_says_is_made_up() -> None:
    from debrief.features.ask import unheld_span

    assert unheld_span("4 weeks on full pay.", ["they interview four persons, answer in two weeks"])
    assert not unheld_span("Two weeks [1]", ["answer in 2 weeks"])
    assert not unheld_span("a 12-week course", ["the training school is 12 weeks"])
    assert not unheld_span("Grade 8 [1]", ["Grade 8, 37 hours"])  # no length of time said
    # (the asker looks in every passage: a length said under the wrong number is re-cited)
    assert not unheld_span("5 days [3]", ["Questions: …", "I have 5 days to complete it."])


def test_a_name_never_given_answers_i_never_got_her_name_did_i() -> None:
    from debrief.adapters.store import Chunk
    from debrief.features.ask import unnamed_line

    text = ("Stevie, the ops manager, first name only. And a senior instructor with a bun who "
            "never said her name, she just watched and scribbled.")
    p = [Chunk("d1", text, 0, 0.0, {"company": "Ridgeback Snow Centre", "role": "Supervisor"})]
    found = unnamed_line("i never got the name of the woman who watched my lesson did i", p)
    assert found is not None and found[1] == ("And a senior instructor with a bun who never said "
                                              "her name, she just watched and scribbled.")
    # a line of nobody the question describes answers nothing
    assert unnamed_line("i never got the name of the chef did i", p) is None


def test_a_word_cut_short_names_the_words_it_starts_and_per_says_how_it_is_counted() -> None:
    """'halsey crem yearly numbers': 'crem' is written whole nowhere in the notes, so it names
    'cremations'; a word the notes do write ('care') names no longer word ('career'). 'per'
    in 'northgate days per week' asks for no word of its own."""
    from debrief.adapters.store import Chunk
    from debrief.features.ask import answers, cut_short, starts_one

    line = "- 2 cremators, abt 1,900 cremations a yr"
    passages = [Chunk("d1", line, 0, 0.0, {"company": "Halsey Council"}),
                Chunk("d1", "they care about the register", 50, 0.0,
                      {"company": "Halsey Council"})]
    cut = cut_short({"crem", "care", "year"}, passages)
    assert cut == {"crem", "year"}  # ("care" is written whole)
    assert starts_one(cut, {"cremat", "yr"}) and not starts_one(cut, {"career"})
    four = [Chunk("d2", "The post: Instrument Technician (Pianos), 0.8, so four days.", 0, 0.0,
                  {"company": "Northgate Conservatoire"})]
    assert answers("Four days per week.", "northgate days per week", [four[0].text], four)


def test_a_leave_question_is_not_answered_by_a_line_of_other_days(make_service, prompts) -> None:
    svc = make_service(FakeModel())
    svc.add("Openfield call.\nTwo days a week in their city office, the rest from home.\n"
            "They want someone in the first week of January.", company="Openfield Access")
    model = FakeModel(replies=["Two days a week in their city office [1]"] * 2)
    ans = asker(svc, model, prompts).ask("how many days off a year would openfield give me")
    assert not ans.supported
    svc.add("Openfield second call.\n25 days holiday plus bank holidays.",
            company="Openfield Access")
    model = FakeModel(replies=["25 days holiday plus bank holidays [1]"])
    assert asker(svc, model, prompts).ask("how many days off a year at openfield").supported


def test_a_count_of_something_else_is_no_answer_to_how_many() -> None:
    from debrief.features.ask import wrong_unit

    question = "How many hours a week would the Ravenmoor post require?"
    assert wrong_unit("9,000 sets plus the archive [2]", question)
    assert not wrong_unit("36.5 hours, full time [1]", question)
    assert not wrong_unit("22 [1]", "how many court reporters does Brannock have")
    assert not wrong_unit("22 official reporters [1]", "how many court reporters does Brannock have")
    assert not wrong_unit("Three persons.", "council panel how many people")
    # things have other names: "labels" of wine count wines
    assert not wrong_unit("There are 600 labels in the cellar.",
                          "how many diffrent wines have they got in the cellar")


def test_rupees_are_pay() -> None:
    from debrief.features.question_patterns import PAY_LINE, PAY_QUESTION

    assert PAY_LINE.search("CTC is 18 lakh per annum plus share of service charge")
    assert PAY_LINE.search("Fixed ₹14 lakh + variable up to 30%")
    assert PAY_QUESTION.search("what's the ctc at the hotel")


def test_a_day_said_as_an_ordinal_finds_the_line_that_says_it_plainly() -> None:
    from debrief.features.ask import answer_context

    sentences = ["Vinaya: Anjali emailed the offer on Tuesday 27th.",
                 "Fixed pay up, variable the same.", "Answer by Wednesday 4 November."]
    assert answer_context("The deadline for Vinaya's offer reply is on the 4th of November.",
                          "vinaya offer reply deadline", [], sentences=sentences) == sentences[2]


def test_a_day_moved_in_the_next_sentence_is_the_answer() -> None:
    """"aurelle offer deadline" answered "Friday 16th": the note goes on "They moved it to
    Thursday 22nd when I asked", which is the answer, with the sentence that says what "it" is."""
    from debrief.adapters.store import Chunk
    from debrief.features.ask import moved_day

    chunk = Chunk("d1", "Aurelle: the offer came on Monday 12th, answer by Friday 16th.\n"
                  "They moved it to Thursday 22nd when I asked. Lunch was rice.", 0, 1.0,
                  {"company": "Aurelle"})
    found = moved_day("aurelle offer deadline", "The offer deadline was Friday 16th.", [chunk])
    assert found == (1, "Aurelle: the offer came on Monday 12th, answer by Friday 16th. They "
                        "moved it to Thursday 22nd when I asked.")
    # a later sentence that moves nothing, or a question that asks no time, is left alone
    assert moved_day("what's the pay at aurelle", "Friday 16th", [chunk]) is None
    still = Chunk("d1", "Answer by Friday 16th. The car is a Corolla until 2027.", 0, 1.0, {})
    assert moved_day("aurelle offer deadline", "Friday 16th", [still]) is None
    # "one more week" puts it back too; the quote starts at its line's start, which says what
    # the day is for ("OFFER")
    listed = Chunk("d1", "Other jobs:\n- Tamale Works: OFFER came on the 7th. Answer by the 14th. "
                   "I asked for one more week, Gifty agreed, now by Wednesday 21st.\n- Lunch.",
                   0, 1.0, {})
    assert moved_day("tamale offer answer deadline", "by the 14th [1]", [listed]) == (
        1, "Tamale Works: OFFER came on the 7th. Answer by the 14th. I asked for one more "
           "week, Gifty agreed, now by Wednesday 21st.")
    # another employer's day, written in this one's note, is not this one's deadline
    other = Chunk("d1", "- 16/02: Ketterby offer. £29k, answer by Friday 26th. She moved it to "
                  "Tuesday 2nd when I asked.", 0, 1.0, {"company": "Aurelle"})
    assert moved_day("aurelle offer deadline", "Friday 26th", [other],
                     {"Aurelle", "Ketterby Council"}) is None
    assert moved_day("aurelle offer deadline", "Friday 26th", [other]) is not None


FILLER = " ".join(f"The tour of bay {n} was long and the mechanics were friendly."
                  for n in range(2, 14))


def offer_then(make_service, prompts, update: str):  # noqa: ANN001, ANN201
    """The answer to "ridgeway reply by when" ("Fri 11th [1]") over an offer's note whose last
    paragraph, far down, is `update`."""
    svc = make_service(FakeModel())
    svc.add("Thu 3 Sep. Offer from Tolu at Ridgeway Plant: the depot job, £38k, reply by Fri "
            f"11th.\n\n{FILLER}\n\n{update}", company="Ridgeway Plant")
    return asker(svc, FakeModel(replies=["Fri 11th [1]"] * 2), prompts).ask(
        "ridgeway reply by when")


def test_a_day_moved_paragraphs_later_by_the_same_person_is_the_answer(make_service,
                                                                        prompts) -> None:
    """My own wording: the offer's day is put back in an update far down the note that names
    the person who gave it; the answer gives both lines, each cited."""
    ans = offer_then(make_service, prompts,
                     "UPDATE Tue 8 Sep: asked Tolu for till Mon 14th, she said ok.")
    assert "Mon 14th" in ans.answer and "Fri 11th" in ans.answer
    assert len({c.quote for c in ans.citations}) == 2


def two_notes(make_service, prompts, first: tuple[str, str, str],  # noqa: ANN001, ANN201
              second: tuple[str, str, str], reply: str, question: str):
    """The answer to `question` over two notes, each (notes, company, date), the model
    replying `reply`."""
    svc = make_service(FakeModel())
    for notes, company, date in (first, second):
        svc.add(notes, company=company, date=date)
    return asker(svc, FakeModel(replies=[reply] * 2), prompts).ask(question)


def test_a_day_moved_in_a_later_note_over_two_sentences_is_the_answer(make_service,
                                                                       prompts) -> None:
    """My own wording: the day's line opens on the name ("Canon rang."); the later note asks
    her in one sentence and gives the new day in the next."""
    ans = two_notes(make_service, prompts,
                    ("Mon 2 Nov. Canon rang. OFFER. 28 hours, start in January. Answer by Friday "
                     "6th.", "St Brannock's", "2026-11-02"),
                    ("Wed 4 Nov.\nAsked Canon for more time, to talk it over at home. She agreed: "
                     "Thursday 12th November.\nBought bread.", "Lantern Trust", "2026-11-04"),
                    "Friday 6th [1]", "st brannock's offer reply by")
    assert "Friday 6th" in ans.answer and "She agreed: Thursday 12th November." in ans.answer
    assert len({c.debrief_id for c in ans.citations}) == 2


def test_a_later_day_that_names_nobody_of_the_days_line_moves_nothing(make_service,
                                                                       prompts) -> None:
    ans = offer_then(make_service, prompts, "UPDATE Tue 8 Sep: asked the dentist for till Mon 14th.")
    assert "Fri 11th" in ans.answer and "Mon 14th" not in ans.answer


def test_a_day_moved_in_a_later_note_follows_the_quoted_line(make_service, prompts) -> None:
    """The model points at the day's passage only; the note written after it puts it back."""
    ans = two_notes(make_service, prompts,
                    ("Offer from Tolu at Ridgeway Plant: the depot job, £38k, reply by Fri 11th.",
                     "Ridgeway Plant", "2026-09-03"),
                    ("Kiln Lane interview. Ridgeway: asked Tolu for another week, she agreed to "
                     "Friday 18th.", "Kiln Lane Hire", "2026-09-08"),
                    "Passage [1]", "ridgeway offer reply by")
    assert "Fri 11th" in ans.answer and "Friday 18th" in ans.answer
    assert len(ans.citations) == 2


def test_a_name_learnt_later_or_a_name_someone_goes_by_is_quoted_with_its_line() -> None:
    """My own wordings: 'did i ever get his name' finds the line that says the name was learnt,
    for the person the question describes; 'who's this X' finds who is called X."""
    from debrief.adapters.store import Chunk
    from debrief.features.ask import alias_line, learnt_name_line

    second = Chunk("d2", "Panel again.\n- Ms. Ines Varga, Finance. The one on the phone last "
                   "time, and I finally got her name from the letter.\n- Porter: Name now: Ollie "
                   "Brand.\n- Mr. Tembo. The whole depot calls him Boss T, so I will too.", 0, 1.0,
                   {"company": "Harrow Freight"})
    found = learnt_name_line("the finance woman on the phone, did i ever get her name", [second])
    assert found is not None and found[1] == (
        "Ms. Ines Varga, Finance. The one on the phone last time, and I finally got her name "
        "from the letter.")
    found = learnt_name_line("the porter, what was his name in the end?", [second])
    assert found is not None and found[1] == "Porter: Name now: Ollie Brand."
    assert learnt_name_line("what did the porter ask me", [second]) is None
    alias = alias_line("who's this Boss T they keep mentioning", [second])
    assert alias is not None and alias[1].startswith("Mr. Tembo. The whole depot calls him Boss")
    assert alias_line("who's this Dave", [second]) is None
    # a name asked of a word the notes call someone, quoted or not
    quoted = Chunk("d3", 'Mr. Graham Whittaker, Director of Agronomy. Everybody calls him "Whit".',
                   0, 1.0, {"company": "Tenggara Bay"})
    alias = alias_line("whit tenggara full name + title", [quoted])
    assert alias is not None and alias[1].startswith("Mr. Graham Whittaker, Director")
    assert alias_line("whit tenggara greens speed", [quoted]) is None  # asks no name


def test_what_they_send_the_user_is_no_promise_of_the_users() -> None:
    from debrief.features.routes import PROMISE

    assert re.search(PROMISE, "what did i promise to send Gifty", re.IGNORECASE)
    assert not re.search(PROMISE, "which district would the fund send me to first",
                         re.IGNORECASE)


def test_a_report_of_a_to_do_is_quoted_after_the_to_do_it_reports(make_service, prompts) -> None:
    """My own wording: "i never sent cora that video did i" finds "Still owe Cora the video"
    first; the answer starts from the to-do it reports on ("Cora: the drill video …"), by way of
    a "not yet" between, and goes on with what became of it."""
    from debrief.core.domain import Extraction, Item

    svc = make_service(FakeModel())
    todo = "Cora: the fire drill video we filmed on board."
    first = svc.add(f"Shipyard panel with Cora Lim, HSE.\n\nTo do:\n- {todo}\n",
                    company="Tidemark Yard", date="2026-10-01",
                    people=[Person(name="Cora Lim", title="HSE officer")])
    first.extraction = Extraction(follow_ups=[Item(text="drill video to Cora", evidence=todo)])
    first.extraction_status = "done"
    svc.store.save_record_only(first)
    svc.add("Other jobs:\n- Cora drill video: not yet.\n", company="Harbour Works",
            date="2026-10-08")
    svc.add("Round two elsewhere.\n- Still owe Cora the drill video, feels awkward now.\n",
            company="Kestrel Shipping", date="2026-10-20")
    ans = asker(svc, FakeModel(replies=["NOT IN NOTES"] * 3), prompts).ask(
        "i never sent cora that drill video did i")
    assert ans.citations[0].quote == todo, ans.answer
    assert "Still owe Cora the drill video" in ans.answer


def test_an_offers_deadline_with_the_time_asked_for_later_in_its_log(make_service,
                                                                     prompts) -> None:
    """My own wording: a dated log. The offer's line gives its figure and, two sentences on, the
    day to answer by; a later entry asks HR (named nowhere on the offer's line) for more time,
    and the reply is the next sentence. The answer quotes the offer's line to its deadline and
    the request with its reply; the model's bare day is enough when its line names the offer."""
    ans = two_notes(make_service, prompts,
                    ("- Mon 5/10: site visit went fine.\n- Tue 6/10: OFFER. Bryn rang at tea. "
                     f"£41k, van, phone, start 2 Nov. Answer by Fri 9 Oct.\n\n{FILLER}\n\n- Wed "
                     "7/10: asked Elin for more time, to talk it over at home. She gave me to Tue "
                     "13 Oct.\n", "Carreg Joinery", "2026-09-30"),
                    ("Other place, nothing to report.", "Tawe Timber", "2026-10-01"),
                    "Fri 9 Oct.", "carreg offer deadline")
    assert ans.answer.startswith("Your notes say: “Answer by Fri 9 Oct.”")
    assert "\nLater: “Wed 7/10: asked Elin for more time, to talk it over at home. She gave me " \
        "to Tue 13 Oct.”" in ans.answer
    # a request for another day that is no time to answer moves nothing
    ans = two_notes(make_service, prompts,
                    ("- Tue 6/10: OFFER. Bryn rang. £41k. Answer by Fri 9 Oct.\n\n"
                     f"{FILLER}\n\n- Wed 7/10: asked the garage for till Mon 12th.\n",
                     "Carreg Joinery", "2026-09-30"),
                    ("Other place, nothing to report.", "Tawe Timber", "2026-10-01"),
                    "Fri 9 Oct.", "carreg offer deadline")
    assert ans.answer.startswith("Your notes say: “Answer by Fri 9 Oct.”")
    assert "Mon 12th" not in ans.answer


def test_a_date_broken_by_a_hard_wrap_is_one_sentence() -> None:
    from debrief.core.evidence import segment

    note = ("19/11: Offer by email.\n"
            "20/11: Asked Ms. Kaur for time until 30 November. She gave Thursday 26\n"
            "November. \"We must book the course places.\" The start, 1 February\n"
            "2027, stands.\n")
    texts = [u.text for u in segment(note)]
    assert "She gave Thursday 26 November." in texts
    assert any("1 February 2027" in t for t in texts)


@pytest.mark.parametrize(("question", "parts"), [
    ("By what date did they want my answer, and was that date altered?", 1),
    ("When is the offer deadline and has it been extended?", 1),
    ("What was the band at Kestrel, and what did the panel ask about testing?", 2),
])
def test_a_second_ask_about_the_first_asks_answer_is_not_split(question: str, parts: int) -> None:
    from debrief.core.text import split_asks

    assert len(split_asks(question)) == parts


@pytest.mark.parametrize(("answer", "question", "quote", "known", "unheld"), [
    # the claim about the person rests on a line about someone else
    ("Corey Mataio ended up getting offered the Technical Trainer post [1].",
     "what did corey end up getting offered at ridgewell",
     "Losa said if QM isn't me, they'll advertise a Technical Trainer post.", [], True),
    ("The offer went to Dana [1].", "what did dana end up getting",
     "The offer went to the other candidate.", [], True),
    # the line names them, or the debrief records them as someone met
    ("The offer went to Dana [1].", "what did dana end up getting",
     "Dana got the offer, I heard.", [], False),
    ("The offer went to Dana Reyes [1].", "what did dana get",
     "the offer went to her", ["Dana Reyes"], False),
    # a sentence's opening word is no name; a company or a month is none either
    ("Salary was 50k [1].", "what salary", "pay 50k", [], False),
    ("The band at Kestrel is 50k [1].", "kestrel band", "band 50k", [], False),
    ("They decide in October [1].", "do they decide in october", "decision soon", [], False),
])
def test_an_answer_about_a_person_the_cited_lines_do_not_name_is_not_shown(
        answer: str, question: str, quote: str, known: list[str], unheld: bool) -> None:
    from debrief.features.ask import unheld_person

    assert unheld_person(answer, question, [quote], known, "Kestrel Labs Analyst") is unheld


def test_a_made_up_answer_about_another_candidate_is_refused(make_service, prompts) -> None:
    """My own wording: the note names the other candidate only in a line far from the one the
    model cites, and says nothing of an offer to him."""
    ans = two_notes(make_service, prompts,
                    ("- Round 2 is mid-October. Decision by end of October.\n- Losa said if it "
                     "isn't me, they'll advertise a Technical Trainer post for seasonal staff "
                     f"induction in January.\n\n{FILLER}\n\n- Jared Pike from Bayview was in "
                     "the car park. He's going for it too.", "Ridgefield Fresh", "2026-09-15"),
                    ("Other place, nothing to report.", "Tawa Orchards", "2026-10-01"),
                    "Jared Pike ended up getting offered the Technical Trainer position for "
                    "seasonal staff induction in January [2].",
                    "what did jared end up getting offered at ridgefield")
    assert not ans.supported and ans.answer.startswith("Your notes don't say.")


@pytest.mark.parametrize("question", [
    "who was the woman in the green scarf from finance who never gave her name",
    "the finance lady in the green scarf that never introduced herself, who was she",
])
def test_someone_unnamed_at_one_round_is_named_from_a_later_note(make_service, prompts,
                                                                   question: str) -> None:
    """My own wording: the first note says the person gave no name; the later round's note
    names someone by the first note's words for them."""
    ans = two_notes(make_service, prompts,
                    ("PANEL\n1. Okoro, the plant manager. Friendly.\n2. Tall woman in a green "
                     "scarf from the finance side. Never gave her name. Asked about budgets.\n\n"
                     f"{FILLER}", "Brackwater Mills", "2026-09-10"),
                    (f"ROUND 2\n- Okoro again.\n- The finance director is Ms. Ada Quill, the "
                     f"green scarf again. She chaired it.\n\n{FILLER}", "Brackwater Mills",
                     "2026-10-01"),
                    "The woman in the green scarf never gave her name [1].", question)
    assert ans.supported
    assert "Never gave her name." in ans.answer
    assert "Later: “- The finance director is Ms. Ada Quill, the green scarf again." in ans.answer
    assert len({c.debrief_id for c in ans.citations}) == 2


def test_a_later_line_naming_someone_else_does_not_answer_who_was_unnamed() -> None:
    from debrief.adapters.store import Chunk
    from debrief.features.ask import named_later_line

    meta1 = {"company": "Brackwater Mills", "date": "2026-09-10"}
    meta2 = {"company": "Brackwater Mills", "date": "2026-10-01"}
    first = Chunk("a", "2. Tall woman in a green scarf. Never gave her name.", 0, 1.0, meta1)
    other = Chunk("b", "- Mr. Okoro showed me the boiler house.", 0, 1.0, meta2)
    assert named_later_line("who was the woman in the green scarf who never gave her name",
                            [first, other]) is None
    earlier = Chunk("c", "- Ms. Ada Quill, green scarf, finance.", 0, 1.0,
                    {"company": "Brackwater Mills", "date": "2026-08-01"})
    assert named_later_line("who was the woman in the green scarf who never gave her name",
                            [first, earlier]) is None  # a note from before cannot name her later


def _todo_notes(make_service, todo: str, first: str, later: str):  # noqa: ANN001, ANN202
    """A store with a note holding a to-do (extracted as one) and a later note."""
    from debrief.core.domain import Extraction, Item

    svc = make_service(FakeModel())
    d = svc.add(first, company="Glenmoor Rink", date="2027-01-11")
    d.extraction = Extraction(follow_ups=[Item(text="the to-do", evidence=todo)])
    d.extraction_status = "done"
    svc.store.save_record_only(d)
    svc.add(later, company="Kettle Lanes", date="2027-02-15")
    return svc


@pytest.mark.parametrize("question", [
    "i never did that 6am sweeper ride with odile on the 23rd right",
    "did i ever do the sweeper ride with odile",
])
def test_a_to_do_said_as_a_deed_is_followed_to_what_became_of_it(make_service, prompts,
                                                                  question: str) -> None:
    """My own wording: a row of things the user said they would do, with no promise word in
    it, and a later note's line that reports it done on another day."""
    todo = "Odile: come in at 6am saturday 23rd and ride along on the sweeper for the first run."
    svc = _todo_notes(make_service, todo, f"THINGS I SAID ID DO\n- {todo}\n",
                      "OLD STUFF\n- Odile sweeper ride: moved by her to the 30th, done.\n")
    ans = asker(svc, FakeModel(replies=["NOT IN NOTES"] * 3), prompts).ask(question)
    assert ans.supported and todo in ans.answer
    assert "Later: “Odile sweeper ride: moved by her to the 30th, done.”" in ans.answer


def test_a_line_that_only_shares_the_questions_words_gives_way_to_the_to_do(make_service,
                                                                           prompts) -> None:
    """My own wording: the question's words are all in the line the thing was first spoken of
    in a dialogue; the promise is the next line and a later note says what became of it. A
    short form of a word ("insta") still finds the to-do."""
    todo = "ME: I will bring you one. A real copper kettle, from Fez, with a stand. Next week."
    svc = _todo_notes(make_service, todo,
                      f"MAJOR: Have you ever had tea from a proper copper kettle?\n{todo}\n",
                      "- Major, copper kettle: promised next week. Not yet.\n"
                      "- 24/2: posted the copper kettle to the Major, with a stand. Two weeks "
                      "late.\n")
    ans = asker(svc, FakeModel(replies=["NOT IN NOTES"] * 3), prompts).ask(
        "did the major ever get his copper kettle off me")
    assert ans.supported and "I will bring you one." in ans.answer
    assert "posted the copper kettle to the Major" in ans.answer
    todo = "Mrs P: set up an instagram page for the club, by the end of the month."
    svc = _todo_notes(make_service, todo, f"STUFF I SAID ID DO\n- {todo}\n",
                      "- 4/2: Mrs P rang. they picked someone else for the club job.\n"
                      "- mrs P instagram: still never done.\n")
    ans = asker(svc, FakeModel(replies=["NOT IN NOTES"] * 3), prompts).ask(
        "did i ever actually set up the club insta for mrs p")
    assert ans.supported and ans.answer.startswith(f"Your notes say: “{todo}")
    assert "still never done" in ans.answer


def test_a_line_that_says_it_did_not_happen_reports_on_the_to_do() -> None:
    from debrief.features.kept import REPORTS

    assert REPORTS.search("Maureen, tenants' meeting 2/2: DIDN'T GO.")
    assert not REPORTS.search("Maureen asked if I could go to the tenants' meeting.")


def test_never_said_who_he_was_is_a_name_not_given(make_service, prompts) -> None:
    ans = two_notes(make_service, prompts,
                    ("PANEL\n1. Rhona, the depot manager.\n2. Fella in a hi-vis vest with a "
                     "clipboard, sat by the door, never said who he was. Wrote the whole time.\n\n"
                     f"{FILLER}", "Harrowgate Lifts", "2027-01-12"),
                    ("ROUND 2\n3. Mystery man from round one, the hi-viz fella with the "
                     "clipboard. ANSWER: Mr. Angus Prentice, Health and Safety Manager.\n\n"
                     f"{FILLER}", "Harrowgate Lifts", "2027-02-10"),
                    "The man in the hi-vis vest never said who he was [1].",
                    "who was the hi vis bloke with the clipboard who never said who he was")
    assert ans.supported and "Mr. Angus Prentice, Health and Safety Manager" in ans.answer


@pytest.mark.parametrize(("reply", "supported"), [
    # the name given is another record of the note, described less like the question
    ("The woman with the green scarf who took you round the kitchens is Chef Dora [1].", False),
    # the note records the described person with a name: the name is theirs
    ("The woman with the green scarf is Wanjiru [1].", True),
])
def test_a_name_given_for_someone_the_note_records_without_one_is_refused(
        make_service, prompts, reply: str, supported: bool) -> None:  # noqa: ANN001
    """My own wording: a hotel kitchen's note records the head chef by name and the woman in the
    green scarf who showed the kitchens without one; a later note mentions the chef's name."""
    from debrief.core.domain import Person

    svc = make_service(FakeModel())
    named = supported
    svc.add("Met Chef Dora, the head chef, sharp and kind. A woman with a green scarf"
            f"{', Wanjiru,' if named else ''} took me round the kitchens and the cold store."
            f"{'' if named else ' Nobody said her name.'}\n\n{FILLER}",
            company="Harbourview Hotel", date="2026-10-05",
            people=[Person(name="Dora", title="head chef"),
                    Person(name="Wanjiru" if named else None,
                           title="woman with a green scarf who showed the kitchens")])
    svc.add("Chef Dora rang: the kitchens tour is written up, cold store next week.",
            company="Harbourview Hotel", date="2026-10-12")
    ans = asker(svc, FakeModel(replies=[reply] * 2), prompts).ask(
        "whats the name of the woman in the green scarf who took me round the kitchens")
    assert ans.supported is supported
    if not supported:
        assert ans.answer.startswith("Your notes don't say.")


@pytest.mark.parametrize(("question", "supported"), [
    # "how much work" is counted in jobs
    ("how much work does the print room actually get through in a year", True),
    # an amount of something else is still no answer
    ("how much overtime does the print room get through in a year", False),
])
def test_how_much_work_is_answered_by_a_count_of_jobs(make_service, prompts, question: str,
                                                       supported: bool) -> None:
    """My own wording: the note counts the print room's work in jobs, in a sentence of its
    own after the one that names the room."""
    svc, _ = one_note(make_service, "Shown round by Ivo. The print room serves four faculties. "
                      "Roughly 900 jobs a year. Turnaround is three days.\n\n" + FILLER,
                      "Castlereagh College")
    ans = asker(svc, FakeModel(replies=["Roughly 900 jobs a year [1]."] * 2), prompts).ask(
        question)
    assert ans.supported is supported
    if supported:
        assert "900 jobs" in ans.answer


def test_another_employers_offer_written_in_the_asked_ones_note_is_no_answer(
        make_service, prompts) -> None:
    """My own wording: the Fenlow note carries Brackwater's offer in a round-up line, and
    Fenlow's own offer three sentences into a dated entry; the model mixes the two."""
    svc = make_service(FakeModel())
    svc.add("Panel at Brackwater Dairy. Three on the panel, all kind.", company="Brackwater Dairy",
            date="2027-02-20")
    svc.add("Second round at Fenlow Mill.\n\nELSEWHERE\n- Brackwater offered on 3 March. £31k, "
            "start April, answer by Friday 12th.\n\nLATER\n- 9/3: Fenlow offered. Dee rang. "
            "£30k and a bonus, start May, answer by Monday 15th.\n\n" + FILLER,
            company="Fenlow Mill", date="2027-03-01")
    ans = asker(svc, FakeModel(replies=["Fenlow offered on 3 March [1]."] * 2), prompts).ask(
        "fenlow offer, answer by when")
    assert "Monday 15th" in ans.answer and "Friday 12th" not in ans.answer


@pytest.mark.parametrize(("question", "thing"), [
    ("What pension contribution does Fenlow Mill offer the miller?", {"pension", "contribut"}),
    ("which pension scheme does the job come with", {"pension", "scheme"}),
    ("what perks does the job give", {"perk"}),
])
def test_the_thing_offered_is_named_before_the_verb(question: str, thing: set[str]) -> None:
    from debrief.features.ask import asked_thing

    assert asked_thing(question, []) == thing


def test_a_second_ask_stays_with_the_company_a_refused_first_ask_named(store, prompts) -> None:
    """My own wording: the first ask (about the council warden's real name) is not answered;
    the second ("whats his surname") names no company and must not be asked of the other
    employer's note, which describes someone else."""
    council = ("Practical with the warden, introduced only as \"Gwyn\". No surname was offered.\n"
               "He showed me the chip reader.\n")
    kennels = ("A woman with a collie took the practical. Her dog was called Bramble. Nobody "
               "gave her surname.\n")
    model = FakeModel(replies=["NOT IN NOTES", "NOT IN NOTES", "NOT IN NOTES", "NOT IN NOTES"])
    svc = DebriefService(store, lambda: None,  # type: ignore[arg-type, return-value]
                         asker_factory=lambda: Asker(store, model, prompts))
    svc.add(council, company="Ashbury District Council", date="2027-01-26", stage="panel")
    svc.add(kennels, company="Holloway Kennels", date="2027-01-14", stage="panel")
    svc.ask("gwyn at the council never told me his real name did he? whats his surname")
    answered = [c for c in model.calls if c["schema"] is None]
    assert len(answered) == 2
    assert "Bramble" not in answered[1]["messages"][-1]["content"]
    assert "chip reader" in answered[1]["messages"][-1]["content"]
    svc.close()
