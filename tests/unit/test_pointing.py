"""Which one interview a question names by its date or its order (features/pointing.py)."""

from __future__ import annotations

import pytest

from debrief.core.domain import Debrief
from debrief.features.pointing import month_days, pointed_debrief
from debrief.features.retrieval import Filters


def _d(i: str, company: str, date: str, notes: str = "notes", stage: str = "other") -> Debrief:
    return Debrief(id=i, company=company, role="engineer", date=date, stage=stage, notes=notes)


USER = [
    _d("a", "Brackwater Systems", "2024-01-01", "brackwater -- recruiter screen, tue 10/8\n- Jenna"),
    _d("b", "Tindrel", "2024-01-08", "tindrel tech screen\n- rate limiter in Go"),
    _d("c", "Tindrel", "2024-01-15", "tindrel onsite\n- 4 sessions + lunch"),
    _d("d", "Halloran Medical Supply", "2025-03-06", "panel, three people"),
    _d("e", "Wrenfield Academy", "2024-02-05", "first talk with the head"),
    _d("f", "Wrenfield Academy", "2024-02-19", "Head of School, second round"),
    _d("g", "Wrenfield Academy", "2024-03-04", "offer call"),
]


@pytest.mark.parametrize(("text", "pairs"), [
    ("the recruiter screen i did on october 8th", {(10, 8)}),
    ("tue 10/8", {(10, 8), (8, 10)}),
    ("the two hour zoom on april 22nd", {(4, 22)}),
    ("on the 8th of March", {(3, 8)}),
    ("sept 3 and 12 Dec", {(9, 3), (12, 12)}),
    ("a 2/3 split, 70 percent", {(2, 3), (3, 2)}),
    ("no dates here, 24/7 support", set()),
])
def test_month_days_reads_dates_as_people_write_them(text: str, pairs: set) -> None:
    assert month_days(text) == pairs


@pytest.mark.parametrize(("question", "want"), [
    # a date: the stored date or one the note's first lines write
    ("the recruiter screen i did on october 8th when did she say id hear back", "a"),
    ("at the march 6th panel who has to okay me", "d"),
    # an order among one company's interviews, by date
    ("in my second round at tindrel where did i go wrong in the role play", "c"),
    ("first round at tindrel what did they have me build", "b"),
    ("tindrel round 2 who was the principal", "c"),
    ("in the first call with tindrel, which part could I not explain", "b"),
    ("wrenfield latest round what is the start date", "g"),
    ("the second interview at wrenfield, who went through benefits", "f"),
    # without a company, only the user's own first or most recent interview
    ("what did they ask in my most recent interview", "d"),
    ("my first interview, who called me", "a"),
    # nothing to narrow: one interview with the company, no order, across interviews, changes
    ("at halloran who has to okay me", None),
    ("what did tindrel ask", None),
    ("which companies had a second round", None),
    ("what is different at wrenfield now from the first interview", None),
    ("between round 1 and round 2 at tindrel what changed", None),
    ("the second round at tindrel and the march 6th panel: those two", None),
    ("what did i do on december 25th", None),  # no interview on that day
    ("second round at tindrel, first meetings needed per quarter", "c"),
])
def test_pointed_debrief_finds_the_one_interview_named_by_date_or_order(
        question: str, want: str | None) -> None:
    one = pointed_debrief(question, USER)
    assert (one.id if one else None) == want


@pytest.mark.parametrize(("question", "want"), [
    ("my second round, where did i go wrong", "c"),
    ("what did they ask in the first round", "b"),
    ("what did they ask in the latest interview", "c"),
    ("what did they ask", None),
    ("which rounds had a role play", None),
])
def test_a_company_chosen_in_the_app_lets_the_order_alone_point(
        question: str, want: str | None) -> None:
    tindrel = [d for d in USER if Filters(company="tindrel").keeps(d)]
    one = pointed_debrief(question, tindrel, company="tindrel")
    assert (one.id if one else None) == want
    assert pointed_debrief("my second round, where did i go wrong", USER) is None


def test_filters_for_one_debrief_keep_only_it() -> None:
    f = Filters(debrief="c")
    assert [d.id for d in USER if f.keeps(d)] == ["c"]
    assert f.where() == {"debrief_id": "c"}
    assert Filters(company="tindrel").where() == {"company_lc": "tindrel"}
    assert [d.id for d in USER if Filters(company="Tindrel", since="2024-01-10").keeps(d)] == ["c"]


def test_asking_about_the_second_round_reads_only_that_interview(store, prompts, tmp_path) -> None:  # noqa: ANN001
    from debrief.features.ask import Asker
    from debrief.service import DebriefService
    from tests.fakes import FakeModel

    model = FakeModel(replies=["The role play with the product lead [1]."])
    svc = DebriefService(store, lambda: None,  # type: ignore[arg-type, return-value]
                         asker_factory=lambda: Asker(store, model, prompts), insights_dir=tmp_path)
    first = svc.add("Tindrel tech screen.\nBuilt a rate limiter in Go with a fake clock.\n"
                    "The role play was skipped for time.", company="Tindrel", date="2024-01-08")
    second = svc.add("Tindrel onsite.\nThe last session was a role play with the product lead.\n"
                     "He played an angry shipper and I had no number ready.",
                     company="Tindrel", date="2024-01-15")
    out = svc.ask("in my second round at tindrel what went wrong in the role play")
    prompt = model.calls[-1]["messages"][-1]["content"]
    assert "angry shipper" in prompt and "rate limiter" not in prompt
    assert out.citations and {c.debrief_id for c in out.citations} == {second.id}
    model.replies.append("It was skipped [1].")
    svc.ask("first round at tindrel, what happened to the role play")
    prompt = model.calls[-1]["messages"][-1]["content"]
    assert "rate limiter" in prompt and "angry shipper" not in prompt
    assert first.id != second.id
    # the company chosen in the app: "my second round" is that company's second
    model.replies.append("The role play with the product lead [1].")
    out = svc.ask("my second round, what went wrong in the role play", Filters(company="Tindrel"))
    prompt = model.calls[-1]["messages"][-1]["content"]
    assert "angry shipper" in prompt and "rate limiter" not in prompt
    svc.close()


def test_the_words_that_point_at_an_interview_are_not_asked_of_its_lines() -> None:
    from debrief.core.text import spelled_out
    from debrief.features.ask import _asked_words
    from debrief.features.pointing import without_pointers
    from debrief.features.question_patterns import TimeAsked, time_asked

    q = spelled_out("the recruiter screen i did on october 8th when did she say id get times "
                    "for the tech screen")
    assert "I'd get" in q and "8th" not in without_pointers(q)
    assert _asked_words(q, []) == {"recruit", "screen", "tech", "time"}
    assert TimeAsked.ANY in time_asked(q)  # a "when" in the middle, dictated without a comma
    assert "second" not in without_pointers("in my second round at tindrel who was there")
    assert spelled_out("what photo id do i need") == "what photo id do i need"


def test_a_name_said_as_whose_is_not_the_name_asked_for() -> None:
    from debrief.adapters.store import Chunk
    from debrief.features.ask import named_line

    meta = {"company": "Halloran Medical Supply", "role": "rep"}
    q = "who is the area vp for the lunch"
    boss = Chunk("x", "final = lunch w/ Brent's boss (area VP), date tbd", 0, 1.0, meta)
    named = Chunk("x", "final = lunch with the area VP, Dana Whitfield", 0, 1.0, meta)
    assert named_line(q, [boss]) is None
    assert named_line(q, [boss, named]) == (named, named.text)


def test_a_session_named_before_the_count_asks_for_its_people() -> None:
    from debrief.features.question_patterns import PEOPLE_COUNT

    assert PEOPLE_COUNT.search("the deal review at cobalt line how many people were on that")
    assert not PEOPLE_COUNT.search("how many people work in the review team")


def test_a_company_name_heard_as_two_words_is_named() -> None:
    from debrief.features.retrieval import named_companies

    companies = ["Stellanet", "Cobaltline Security", "Pipewren"]
    assert named_companies("at stellar net who played the CIO", companies) == ["Stellanet"]
    assert named_companies("the deal review at cobalt line", companies) == ["Cobaltline Security"]
    assert named_companies("what did the team say about the tin roof", companies) == []


def test_my_final_round_is_the_one_interview_at_that_stage() -> None:
    staged = [_d("p", "Orrin", "2024-02-01", stage="panel"), _d("q", "Halcyon", "2024-02-19",
                                                                 stage="final"),
              _d("r", "Orrin", "2024-03-01", stage="second round")]
    one = pointed_debrief("who was my final round with, and what does he care about?", staged)
    assert one is not None and one.id == "q"
    assert pointed_debrief("in my panel what did they ask", staged).id == "p"  # type: ignore[union-attr]
    two = [*staged, _d("s", "Brindle", "2024-03-09", stage="final")]
    assert pointed_debrief("who was my final round with?", two) is None  # two finals: which?
    assert pointed_debrief("which of my finals went best?", staged) is None


def test_a_round_is_counted_at_the_company_where_the_person_named_was_met() -> None:
    """"after the first round" with no company: the one company Fiona was met at counts."""
    from debrief.core.domain import Person

    def met(i: str, company: str, date: str, *names: str) -> Debrief:
        return Debrief(id=i, company=company, role="archivist", date=date, notes="notes",
                       people=[Person(name=n) for n in names])

    pool = [met("a", "Dunmarrow Archives", "2025-11-04", "Fiona Baird", "Catriona"),
            met("b", "Invercarron University", "2025-11-12", "Hamish Dale"),
            met("c", "Dunmarrow Archives", "2025-11-18", "Fiona Baird", "Douglas Ure")]
    q = "i didnt tell fiona i'd send her anything after the first round did i"
    assert pointed_debrief(q, pool).id == "a"
    assert pointed_debrief("what did douglas ask in the last round", pool).id == "c"
    # a name met at two companies, or no name, points at nothing
    pool.append(met("d", "Invercarron University", "2025-11-20", "Fiona Lee"))
    assert pointed_debrief(q, pool) is None
    assert pointed_debrief("what came up in the first round", pool) is None
