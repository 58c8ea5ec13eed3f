"""Messages fluent by construction: frames, addressing rules and the checks (scripted model)."""

from __future__ import annotations

import pytest

from debrief.core.domain import (
    Debrief,
    EvidencedPerson,
    Extraction,
    Item,
    Person,
    Priority,
    Role,
)
from debrief.core.text import typed_out
from debrief.features import frames
from debrief.features.compose import Composer, details_for
from debrief.features.frames import Recipient, body_sentence, promise_line, shape
from debrief.features.message_checks import run_checks
from debrief.features.message_details import SENSITIVE, others_turns, row_text, title_key
from debrief.features.phrasing import (
    checked_phrase,
    default_phrase,
    face,
    promise_action,
    their_words_to_you,
)
from tests.fakes import FakeModel

NOTE = ("Panel with Dana Reyes (hiring manager) and the charge nurse.\n"
        "Dana asked how I'd handle a deteriorating patient during shift change.\n"
        "She told me the unit is moving to self-scheduling next spring.\n"
        "Dana said there are 3 other candidates in the final round.\n"
        "I'm worried my med-surg experience is too short.\n"
        "I promised to send Dana my ACLS certificate.\n\n"
        "The charge nurse asked about my preceptor experience.\n")


def debrief(people: list[Person] | None = None, role: str | None = "Sales position") -> Debrief:
    return Debrief(id="d1", company="Harbor General", role=role, date="2024-05-01",
                   stage="panel", notes=NOTE, people=people or [
                       Person(name="Dana Reyes", title="hiring manager"),
                       Person(name=None, title="charge nurse")])


def panel(note: str, company: str, people: list[Person]) -> Debrief:
    """A panel interview's debrief with the given note and people."""
    return Debrief(id="d3", company=company, role="Electrician", date="2024-05-01",
                   stage="panel", notes=note, people=people)


def checks(message: str, to: Recipient, kind: str = "thank-you") -> dict[str, bool]:
    return {c.name: c.passed for c in run_checks(message, to, kind, "warm")}  # type: ignore[arg-type]


# --- frames -----------------------------------------------------------------------------

def test_role_is_not_doubled() -> None:
    assert frames.role_phrase("Sales position") == "the Sales position"
    assert frames.role_phrase("Registered Nurse") == "the Registered Nurse role"
    assert frames.role_phrase("Senior backend engineer, observability pipeline") == \
        "the Senior backend engineer role"
    assert frames.role_phrase(None) == "the role"


@pytest.mark.parametrize("kind,tone,to,expected", [
    ("thank-you", "warm", Recipient("Dana Reyes"), "Hi Dana,"),
    ("thank-you", "formal", Recipient("Dana Reyes"), "Dear Dana Reyes,"),
    ("thank-you", "warm", Recipient(None, "the hiring manager"), "Dear Hiring Manager,"),
    ("follow-up", "brief", Recipient(None, "DC general manager"), "Dear DC General Manager,"),
    ("connect", "warm", Recipient(None, "charge nurse"), "Hi,"),
    ("thank-you", "warm", Recipient(None), "Dear Hiring Team,"),
    ("thank-you", "brief", Recipient(None, "tax partner from the Leeds office"),
     "Dear Tax Partner,"),
    ("thank-you", "formal", Recipient(None, "compliance"), "Hello,"),
    # a name said with a title: the title and surname, never "Hi Mr,"
    ("connect", "brief", Recipient("Mr Hendry", "Legal Director"), "Hi Mr Hendry,"),
    ("thank-you", "warm", Recipient("Dr. Ama Okafor"), "Hi Dr. Okafor,"),
    ("thank-you", "formal", Recipient("Dr. Ama Okafor"), "Dear Dr. Ama Okafor,"),
    ("thank-you", "warm", Recipient("Mrs", "head of science"), "Dear Head of Science,"),
])
def test_greeting_by_name_or_by_role_never_hi_the(kind, tone, to, expected) -> None:
    assert frames.greeting(kind, tone, to) == expected


def test_frames_vary_with_kind_tone_and_detail_kind() -> None:
    seen = {frames.body_sentence(k, t, dk, "alert fatigue")  # type: ignore[arg-type]
            for k in ("thank-you", "follow-up") for t in ("warm", "formal", "brief")
            for dk in ("question", "topic", "told", "opening", "concern")}
    assert len(seen) >= 15
    assert frames.body_sentence("thank-you", "warm", "question", "alert fatigue", 0) != \
        frames.body_sentence("thank-you", "warm", "question", "alert fatigue", 1)
    clause = frames.body_sentence("thank-you", "warm", "topic", "you liked the demo")
    assert clause.endswith("where you liked the demo.")
    task = frames.body_sentence("thank-you", "brief", "question", "design webhook delivery")
    assert "how to design webhook delivery" in task


def test_promise_is_the_closing_line_in_the_users_voice() -> None:
    assert promise_action("send Dana the deck as a PDF", Recipient("Dana Reyes"), []) == \
        "send you the deck as a PDF"
    assert promise_action("I mentioned my alert-routing script and promised to send it.",
                          Recipient("Aiko Tanabe"), []) == "send you my alert-routing script"
    assert promise_action("study graph algorithms", Recipient("Dana Reyes"), []) is None
    assert frames.promise_line("thank-you", "send you the deck") == \
        "As promised, I'll send you the deck."


def test_a_promise_to_do_something_or_a_plan_made_together() -> None:
    marcus, jools = Recipient("Marcus"), Recipient("Jools")
    # a to-do list's box is no part of the row
    assert promise_action("[ ] owe Gareth my queen rearing records for the last 3 seasons by "
                          "Monday", Recipient("Gareth"), []) == \
        "send you my queen rearing records for the last 3 seasons by Monday"
    assert promise_action("[ ] need to get a copy of my licence to Ms Venning by Fri 18th",
                          Recipient("Ms Venning", "HR"), []) == \
        "get a copy of my licence to you by Fri 18th"
    # to do, not to send: told to the reader, "him" and "his" are theirs
    assert promise_action("I told Marcus I'd come and sit in with him on a concert night",
                          marcus, []) == "come and sit in with you on a concert night"
    assert promise_action("told terry id lend him my book on burial customs", Recipient("Terry"),
                          []) == "lend you my book on burial customs"
    assert promise_action("I told Marcus I'd do my best", marcus, []) is None
    # made together: "let's", and "As we said" in the message
    assert promise_action("Jools and me said we'll go for a drink whatever happens", jools,
                          []) == "let's go for a drink whatever happens"
    assert promise_action("Jools and me said we'll go for a drink whatever happens", marcus,
                          []) is None
    assert frames.promise_line("connect", "let's go for a drink whatever happens") == \
        "As we said, let's go for a drink whatever happens."


def test_what_they_asked_for_or_the_user_owes_is_a_promise_too() -> None:
    shona = Recipient("Shona Blake")
    assert promise_action("Shona wants two references & a copy of my driving licence\nby "
                          "Wednesday.", shona, []) == \
        "send you two references and a copy of my driving licence by Wednesday"
    assert promise_action("I owe them a PDF of the deck by Friday", shona, []) == \
        "send you a PDF of the deck by Friday"
    assert promise_action("Shona asked me to email over the slides by Friday", shona, []) == \
        "email over the slides by Friday"
    assert promise_action("I should also send Shona the streaks article I mentioned", shona,
                          []) == "send you the streaks article I mentioned"
    # someone else's request, and a wish that is nothing to send
    assert promise_action("Colin asked me to email over the slides by Friday", shona,
                          ["Colin"]) is None
    assert promise_action("She wants someone who can start in June", shona, []) is None
    # asked whether the user would, and a yes written after it (no yes: no promise)
    assert promise_action("- Shona asked if I'd put together half a page on disclosure. Said "
                          "yes, by Thursday.", shona, []) == \
        "put together half a page on disclosure by Thursday"
    assert promise_action("Shona asked whether I could send my writing sample and I said yes",
                          shona, []) == "send you my writing sample"
    assert promise_action("Shona asked if I'd relocate to Leeds.", shona, []) is None
    assert promise_action("Colin asked if I'd send the deck. Said yes.", shona,
                          ["Colin"]) is None
    # a cut phrase does not end on a dangling word
    long = ("they want two references, one from a manager and one from an engineer I worked "
            "with closely")
    assert not promise_action(long, shona, []).endswith((" I", " an"))


def test_promises_written_loosely_are_promises_still() -> None:
    """A request with its subject cut off, a promise told in reported speech, and a step after
    an arrow whose object is what arrived before it."""
    kerry = Recipient("Kerry Blatchford")
    assert promise_action("asked me to send a copy of the certificate from the course", kerry,
                          []) == "send you a copy of the certificate from the course"
    assert promise_action("asked me to think about the night rota", kerry, []) is None
    assert promise_action("I promised Duncan I'd type up the\nwelcome standard and email it "
                          "tonight", Recipient("Duncan Aird"), []) == \
        "type up the welcome standard and email it tonight"
    hr = Recipient(None, "HR generalist")
    assert promise_action("HR emails MVR consent form + background check auth -> sign + "
                          "return by Fri", hr, []) == \
        "sign and return the MVR consent form and background check auth by Fri"
    # an arrow whose step is the user's own (nothing goes back) is no promise to them
    assert promise_action("recruiter sends contract -> read it", hr, []) is None


def test_what_someone_else_said_is_no_detail_for_this_reader() -> None:
    """"Moira said I came across as very polished" is Moira's remark, not Duncan's."""
    note = ("Second round with the owners, Moira Strachan and Ewan, and Duncan Aird sitting in.\n"
            "Duncan asked how I'd run the morning check-out with two people off sick.\n"
            "Moira said I came across as very polished for the role.\n")
    d = panel(note, "Harrowmere Lodge", [Person(name="Moira Strachan", title="owner"),
                                          Person(name="Duncan Aird", title="General Manager")])
    d = d.model_copy(update={"extraction": Extraction(interviewer_priorities=[Priority(
        text="polish", evidence="Moira said I came across as very polished")])})
    texts = [x.text for x in details_for(d, "Duncan Aird", "thank-you")]
    assert any("check-out" in t for t in texts)
    assert not [t for t in texts if "polished" in t]
    # to Moira herself, her words are hers to be thanked for
    assert any("polished" in x.text for x in details_for(d, "Moira Strachan", "thank-you"))


def test_a_promise_in_the_to_do_list_closes_the_message_the_readers_own_first() -> None:
    from debrief.core.domain import Extraction, Item
    from debrief.features.message_details import details_for

    note = NOTE + ("\nTo do:\n- They want two references by Friday\n"
                   "- I should also send Dana the unit staffing article\n"
                   "- send my transcript to Colette by Monday\n")
    d = debrief().model_copy(update={"notes": note, "extraction": Extraction(follow_ups=[
        Item(text="references", evidence="They want two references by Friday"),
        Item(text="article", evidence="I should also send Dana the unit staffing article"),
        Item(text="transcript", evidence="send my transcript to Colette by Monday")])})
    got = [(x.kind, x.phrase) for x in details_for(d, "Dana Reyes", "thank-you")]
    promises = [phrase for k, phrase in got if k == "promise"]
    # after the other details (their cap does not apply), the reader's own first; one made to
    # someone else (a name the header does not list) is not theirs
    assert promises[-2:] == ["send you the unit staffing article",
                             "send you two references by Friday"]
    assert got[-2:] == [("promise", p) for p in promises[-2:]]
    assert not [p for p in promises if "Colette" in p]
    assert promise_action("send my transcript to Colette by Monday", Recipient("Dana Reyes"),
                          []) is None
    assert promise_action("send the slides to Dana by Monday", Recipient("Dana Reyes"),
                          []) == "send you the slides by Monday"
    # a connection note to someone else takes no promise made to "them"
    connect = details_for(d, "charge nurse", "connect")
    assert not [x for x in connect if x.kind == "promise"]


# --- addressing and perspective ---------------------------------------------------------

def test_phrases_face_the_reader_and_stay_in_the_notes_words() -> None:
    dana = Recipient("Dana Reyes")
    src = "Dana asked how I'd handle a deteriorating patient during shift change."
    assert checked_phrase("how I'd handle a deteriorating patient", src, dana, []) == \
        "how I'd handle a deteriorating patient"
    assert checked_phrase("how I'd calm an angry family", src, dana, []) is None  # not its words
    # Only the spacing of a word differs: the phrase is taken as the note writes it.
    assert checked_phrase("how I'd handle a deteriorating patient during shiftchange", src, dana,
                          []) == "how I'd handle a deteriorating patient during shift change"
    assert face("she wants clear handoffs and her team trusts it", dana, "") == \
        "you want clear handoffs and your team trusts it"
    # a "he" after someone else named as the subject is theirs
    assert face("Winston would have told me off if he could still follow it", dana, "") == \
        "Winston would have told me off if he could still follow it"


def test_no_third_person_no_company_news_no_candidates_or_doubts() -> None:
    d = debrief()
    details = details_for(d, "Dana Reyes", "thank-you")
    text = " ".join(x.text for x in details)
    assert "other candidates" not in text and "worried" not in text
    assert "charge nurse asked" not in text  # someone else's part of the note
    picks = [{"detail": x.number, "phrase": x.phrase} for x in details if x.kind != "promise"]
    model = FakeModel(replies=[{"picks": picks[:3]}])
    out = Composer(model, _prompts()).compose(d, "thank-you", "Dana Reyes", user_name="Sam")
    body = out.message.split("\n", 1)[1]
    assert "Dana" not in body and "Reyes" not in body
    assert body.lower().count("thank") == 1
    assert "self-scheduling" in body and "your unit is" not in body.lower()
    assert out.message.split("\n\n")[-2] == "As promised, I'll send you my ACLS certificate."
    assert all(c.passed for c in out.checks), [c for c in out.checks if not c.passed]


def test_an_unnamed_interviewer_is_greeted_by_role(make_service) -> None:
    d = debrief()
    model = FakeModel(replies=[{"picks": []}])
    out = Composer(model, _prompts()).compose(d, "thank-you", "charge nurse", user_name="Sam")
    assert out.message.startswith("Dear Charge Nurse,")
    assert "preceptor" in out.message  # code's own choice from their part of the note
    assert "Hi the" not in out.message and "position role" not in out.message


def test_ticked_details_rewrite_without_the_model() -> None:
    d = debrief()
    composer = Composer(FakeModel(replies=[{"picks": []}]), _prompts())
    first = composer.compose(d, "thank-you", "Dana Reyes", user_name="Sam")
    asked = len(composer.model.calls)  # type: ignore[attr-defined]
    told = next(x for x in first.details if "self-scheduling" in x.label)
    again = composer.compose(d, "thank-you", "Dana Reyes", user_name="Sam", use=[told.number])
    assert "self-scheduling" in again.message and "ACLS" not in again.message
    assert [x.number for x in again.details if x.chosen] == [told.number]
    assert len(composer.model.calls) == asked  # type: ignore[attr-defined]


# --- checks -----------------------------------------------------------------------------

def test_each_check_fires() -> None:
    dana = Recipient("Dana Reyes", "hiring manager")
    ok = ("Hi Dana,\n\nThank you for talking with me about the Sales position at Acme. "
          "I enjoyed our chat about onboarding.\n\nBest,\nSam")
    assert all(checks(ok, dana).values())
    assert not checks(ok.replace("onboarding.", "onboarding. Thanks again!"),
                      dana)["repeated_thanks"]
    assert not checks(ok.replace("onboarding", "onboarding with Dana Reyes"), dana)["third_person"]
    assert not checks(ok.replace("I enjoyed", "Your hospital only hires new grads. I enjoyed"),
                      dana)["company_claims"]
    assert not checks(ok.replace("Sam", "[your name]"), dana)["placeholders"]
    assert not checks("Hi the,\n\nThanks.", dana)["placeholders"]
    assert not checks(ok.replace("onboarding", "onboarding " * 130), dana)["length"]
    assert not checks(ok.replace("onboarding", "the other candidates"), dana)["private"]
    assert not checks("Hi, " + "x" * 320, Recipient(None, "recruiter"), "connect")["length"]
    role = Recipient(None, "QA manager")
    assert not checks("Hi, the QA manager asked about GDP.", role, "connect")["third_person"]


def _prompts():
    from debrief.adapters.prompts import PromptLibrary
    from debrief.core.config import CHECKOUT

    return PromptLibrary(CHECKOUT / "prompts")


@pytest.mark.parametrize(("phrase", "want"), [
    ("they're also hiring a PM for the analytics product", "clause"),
    ("the ICU float pool is hiring", "clause"),
    ("you liked the demo", "clause"),
    ("could ask to be considered for both", "fragment"),
    ("clearly cares about observability", "fragment"),
    ("how the team is structured", "phrase"),
    ("the team that is growing", "phrase"),
    ("their on-call rotation", "phrase"),
    ("how did we detect it", "direct"),
    ("a time I had to deliver bad news to leadership", "phrase"),  # no "that" before "I had"
    ("the project you're proudest of", "phrase"),
    ("the board is very involved", "clause"),
    # the noun's own clause, then the noun's verb: a clause, not a topic to talk "about"
    ("the brief they sent on Tuesday was about courier acceptance rates", "clause"),
    ("the thing she said was key", "clause"),
    ("a time you had to tell someone they were wrong", "phrase"),
])
def test_a_phrase_is_told_apart_by_its_shape(phrase: str, want: str) -> None:
    assert shape(phrase) == want


def test_a_clause_they_told_you_gets_a_that_frame_and_a_fragment_is_not_used() -> None:
    told = body_sentence("thank-you", "warm", "told", "the ICU float pool is hiring")
    assert told == "It was good to hear that the ICU float pool is hiring."
    ours = body_sentence("thank-you", "warm", "told", "I pitch at minute 25")
    assert "hear that I" not in ours
    note = "Renata said I could ask to be considered for both roles."
    assert checked_phrase("could ask to be considered for both", note, Recipient("Renata"),
                          []) is None


def test_a_follow_up_never_opens_two_sentences_with_the_same_words() -> None:
    first = body_sentence("follow-up", "warm", "told", "the night shift rota", 0)
    second = body_sentence("follow-up", "warm", "question", "the night shift rota", 1)
    assert first.split()[:4] != second.split()[:4]
    asked = body_sentence("follow-up", "warm", "question", "what's a launch that flopped", 0)
    assert "“What's a launch that flopped?”" in asked


def test_a_long_line_with_no_clause_end_gives_no_phrase() -> None:
    line = ("which of your launch tiers would you drop if you had half the team and "
            "the same number of launches next year")
    assert default_phrase(line, Recipient("Ana"), []) is None
    assert default_phrase("We talked about the launch tiers, which I liked.",
                          Recipient("Ana"), []) == "the launch tiers"


def dana_details(rest: str) -> str:
    """The details offered for a thank-you to Dana, from a note of hers that goes on with rest."""
    note = ("Interview with Dana Reyes (hiring manager).\n"
            "Dana asked how I'd handle a deteriorating patient during shift change.\n" + rest)
    d = Debrief(id="d2", company="Harbor General", role="RN", date="2024-05-01", stage="panel",
                notes=note, people=[Person(name="Dana Reyes", title="hiring manager")])
    return " ".join(x.text for x in details_for(d, "Dana Reyes", "thank-you"))


def test_private_views_slips_and_lines_in_another_language_are_never_offered() -> None:
    text = dana_details("Honestly the step-down job is my fallback if this one goes nowhere.\n"
                        "I stumbled on the staffing ratio question and rambled.\n"
                        "Ela perguntou se eu já trabalhei com telemetria.\n"
                        "Writing this on the bus home after the panel.\n")
    assert "deteriorating patient" in text
    assert "fallback" not in text and "stumbled" not in text and "perguntou" not in text
    assert "bus home" not in text


def test_short_lines_in_another_language_and_a_detail_reached_twice_are_left_out() -> None:
    from debrief.features.phrasing import foreign

    assert foreign("eles abriram a conversa pelo memo") and foreign("sem startup, sem lab")
    assert foreign("Aqui eu me enrolei")
    assert not foreign("55-60k pro rata, fully remote")
    assert not foreign("that thing that keeps me up at night")
    text = dana_details("Dana asked how I'd handle a deteriorating patient during shift change, "
                        "again.\nShe said the new unit's opening slipped from May to October.\n")
    assert text.count("deteriorating patient") == 1
    assert "slipped" not in text  # their internal delays are not repeated back to them


def test_terms_of_the_job_and_an_opening_the_user_holds_in_reserve_are_never_offered() -> None:
    text = dana_details(
        "No vacation in November, they said it kindly but firmly.\n"
        "Hybrid, Tues/Wed/Thu in office.\n"
        "oh and Dana mentioned they're also hiring a unit educator which is a bit more junior "
        "and more of a day job with no weekends at all and she said if this one doesn't "
        "work out that might suit me and I should keep it in mind\n"
        "Dana said the step-down unit is also recruiting for a charge nurse next spring.\n"
        "Dana mentioned the Eastside clinic is hiring a night supervisor, if this one didn't\n"
        "work out. I don't want nights again, but noted.\n")
    assert "deteriorating patient" in text
    assert "vacation" not in text and "Hybrid" not in text
    assert "unit educator" not in text  # the note holds it in reserve: not for this message
    assert "night supervisor" not in text  # the same, across a line break
    assert "charge nurse next spring" in text  # an opening with no such view stays


def test_a_name_that_opens_a_line_keeps_its_capital() -> None:
    dana = Recipient("Dana Reyes")
    note = "Daventry are recruiting a night manager.\nThe Daventry site is bigger.\n"
    assert face("Daventry are recruiting a night manager", dana, note.splitlines()[0], note) \
        .startswith("Daventry")
    assert face("Working nights would suit the site", dana, "Working nights would suit") \
        .startswith("working")


def test_a_behavioural_question_becomes_a_phrase_in_the_users_voice() -> None:
    dana = Recipient("Dana Reyes")
    assert default_phrase("tell me about a time you calmed an angry family member", dana, []) \
        == "the time when I calmed an angry family member"
    assert default_phrase("give an example where you\nchanged a rota & staff pushed back",
                          dana, []) == "an example where I changed a rota and staff pushed back"
    assert default_phrase("Walk us through your discharge teaching", dana, []) == \
        "my discharge teaching"
    sentence = body_sentence("thank-you", "warm", "question",
                             "the time when I calmed an angry family member", 1)
    assert sentence == ("Your question about the time when I calmed an angry family member has "
                        "stayed with me.")


def test_an_unnamed_interviewer_is_found_by_a_title_word_the_job_does_not_share() -> None:
    note = ("Harbor General, interview for the Nurse Manager role on the cardiac step-down "
            "floor, which covers nights too.\n\n"
            "Then twenty minutes with the ward manager.\n"
            "She asked how I would teach a new grad to titrate a drip.\n")
    d = Debrief(id="d4", company="Harbor General", role="Nurse Manager", date="2024-05-01",
                stage="panel", notes=note, people=[Person(name=None, title="ward manager")])
    assert title_key(d, "ward manager") == "ward"  # "manager" is a word of the job
    text = " ".join(x.text for x in details_for(d, "ward manager", "thank-you"))
    assert "titrate" in text and "cardiac step-down" not in text


def test_a_models_phrase_cut_from_its_subject_is_refused_and_a_question_as_asked_is_voiced() -> None:
    dana = Recipient("Dana Reyes")
    source = "tell me about a time you calmed\nan angry family member & what you learned"
    assert checked_phrase("calmed an angry family member", source, dana, []) is None
    assert checked_phrase("Walk us through your discharge teaching",
                          "Walk us through your discharge teaching", dana, []) == \
        "my discharge teaching"


CHEF_NOTE = ("Met Ines Duarte, head chef, for a trial shift.\n"
             "We talked about the new tasting menu and the fermentation room.\n"
             "Ines said the tips pot is about 1.5k a month. then she laughed about the old owner.\n"
             "Ines asked how I would run the pass on a full Saturday.\n")


def details_used(note: str) -> str:
    """The note lines a thank-you to the head chef may use."""
    d = Debrief(id="d9", company="Copperpot", role="Sous chef", date="2024-05-02", stage="trial",
                notes=note, people=[Person(name="Ines Duarte", title="head chef")])
    return " ".join(x.text for x in details_for(d, "Ines Duarte", "thank-you"))


def test_a_sentence_leaning_on_an_unsayable_one_is_left_out_with_it() -> None:
    used = details_used(CHEF_NOTE)
    assert "pass on a full Saturday" in used and "tasting menu" in used
    assert "laughed" not in used and "1.5k" not in used
    # On a line of its own, the same words are a detail like any other.
    assert "laughed" in details_used(CHEF_NOTE.replace("a month. then", "a month.\nThen"))


def test_a_question_after_an_unsayable_sentence_on_its_line_is_still_a_detail() -> None:
    """"She asked whether …" opens a report of its own: it does not lean on the aside before
    it, as "then she laughed about …" does."""
    note = CHEF_NOTE.replace("then she laughed about the old owner.",
                             "She asked whether I can drive to the market at six.")
    used = details_used(note)
    assert "drive to the market" in used and "1.5k" not in used
    # A question about the aside itself still leans on it.
    assert "1.5k" not in details_used(CHEF_NOTE.replace(
        "then she laughed about the old owner.", "She asked about it twice."))


@pytest.mark.parametrize("line", [
    "Aí veio a primeira notícia ruim.",            # the old word list knew none of these words
    "Próximo passo: segunda rodada com a diretora.",
    "mandar recibos (hotel, Uber) pra Pauline, a admin do departamento",
    "Después hablamos del equipo de datos en Valencia.",
    # no letter or listed word tells these (Swahili, Malay), nor a phrase cut from such a line
    "Mwanachama wa miaka 50 anataka kuchukua lump sum yote.",
    "semua benda dia nak dalam dollars",
    "plan 7 hari concert-to-football, bertulis",
])
def test_a_line_in_another_language_is_told_by_the_language_identifier(line: str) -> None:
    from debrief.features.phrasing import foreign

    assert foreign(line)


@pytest.mark.parametrize("line", [
    "Tobias Achterberg, eng mgr, routing API",     # names the identifier alone takes for Dutch
    "Part 1 – group exercise (45 min)",
    "I brought a printed résumé and the café sketches.",
    "Recruiter screen - standard.",
    # words of turf, names and an English word or two rare on the web are English still
    "the paspalum greens and zoysia fairways, Ravi or Ravin on soil tests",
    "Grey suit very calm.",
    "Akasema nimesahau investment returns below the assumed rate",  # mostly English
    "propperly recieved the documnets",  # typos are no language's words
])
def test_an_english_line_with_names_or_accents_is_still_english(line: str) -> None:
    from debrief.features.phrasing import foreign

    assert not foreign(line)


@pytest.mark.parametrize(("phrase", "form"), [
    ("that keeps me up at night", "fragment"),      # cut from "the one thing that keeps …"
    ("which covers nights too", "fragment"),
    ("who runs the lab", "fragment"),
    ("that the team is remote", "fragment"),
    ("with the owner-driver the whole time", "fragment"),  # a phrase that lost its head
    ("who I would report to", "phrase"),            # a question as a noun phrase stays
    ("which team I would join", "phrase"),
    ("the team that is growing", "phrase"),
    ("that project on ice", "phrase"),
])
def test_a_relative_clause_cut_from_its_noun_fits_no_frame(phrase: str, form: str) -> None:
    assert shape(phrase) == form


@pytest.mark.parametrize(("line", "action"), [
    ("I'll send Harriet the link to my load-testing write-up tomorrow",
     "send you the link to my load-testing write-up tomorrow"),
    ("promised Harriet the slides from my conference talk",
     "send you the slides from my conference talk"),
    ("owe Harriet a short write-up of the caching idea",
     "send you a short write-up of the caching idea"),
    ("I said I would share the reading list I mentioned",
     "share the reading list I mentioned with you"),
    ("going to send her the paper I mentioned on sepsis screening",
     "send you the paper I mentioned on sepsis screening"),
    ("she asked for my lesson plan, will send it tonight", "send you my lesson plan"),
    ("Promised to circle back with my notice period", "circle back with my notice period"),
    ("sending her the code sample tmrw", "send you the code sample tmrw"),
    ("gotta send Harriet the GitHub link", "send you the GitHub link"),
    ("I agreed to send a list of references by Wednesday",
     "send you a list of references by Wednesday"),
    ("She'd like me to send two references by Monday", "send you two references by Monday"),
])
def test_promises_in_many_phrasings_become_the_users_action(line: str, action: str) -> None:
    from debrief.features.message_details import OWN_TODO
    from debrief.features.phrasing import PROMISED, REQUEST, promise_action

    to = Recipient("Harriet Vole", "engineering manager")
    assert promise_action(line, to, []) == action
    assert OWN_TODO.match(line) or PROMISED.search(line) or REQUEST.match(line)


def test_a_promise_to_someone_else_stays_out() -> None:
    from debrief.features.phrasing import promise_action

    to = Recipient("Harriet Vole", "engineering manager")
    assert promise_action("must remember to send the salary form to Colm", to, []) is None


def test_a_long_question_is_kept_whole_not_dropped() -> None:
    note = ("Wren from finance joined late. Wren then asked how I'd choose between cutting the "
            "night shift or the weekend cover when the budget shrinks by a fifth.\n"
            "Wren again: how would you tell a ward sister her best agency nurse has to go?")
    to = Recipient("Wren Adair", "finance partner")
    reported = ("Wren then asked how I'd choose between cutting the night shift or the weekend "
                "cover when the budget shrinks by a fifth")
    phrase = default_phrase(reported, to, [], note)
    assert phrase == ("how I'd choose between cutting the night shift or the weekend cover when "
                      "the budget shrinks by a fifth")
    direct = "how would you tell a ward sister her best agency nurse has to go?"
    assert default_phrase(direct, to, [], note) is not None
    sentence = body_sentence("thank-you", "formal", "question", phrase, 1)
    assert sentence == f"I valued your question about {phrase}."


def test_a_task_that_starts_with_its_verb_reads_as_how_to() -> None:
    sentence = body_sentence("thank-you", "brief", "question",
                             "replace a receptacle in an occupied patient room", 1)
    assert sentence == ("I liked your question about how to replace a receptacle in an occupied "
                        "patient room.")
    assert body_sentence("connect", "brief", "question", "read a tide table off a chart") == \
        "I enjoyed our conversation about how to read a tide table off a chart."


def test_a_behavioural_prompt_without_you_and_a_direct_question_with_a_noun_subject() -> None:
    from debrief.features.phrasing import in_my_voice, is_question

    assert in_my_voice("Tell us about a time a vendor let you down") == (
        "the time when a vendor let me down")
    assert in_my_voice("Tell us about a time budget cuts killed a project you loved") == (
        "the time when budget cuts killed a project I loved")
    # "how did testing change …" is their question as asked: quoted, not "working through …".
    assert frames.shape("how did testing change what I shipped") == "direct"
    # their "I" is the user's "you"; an "am" inside a hyphened word is no verb
    assert body_sentence("thank-you", "formal", "question",
                         "What is the one thing that can make the pro-am fail?", 0) == (
        "Your question “What is the one thing that can make the pro-am fail?” was a valuable "
        "one to consider.")
    assert "What would you change about your notes?" in body_sentence(
        "thank-you", "formal", "question", "What would I change about my notes?", 0)
    assert is_question("what I'd do if the budget were halved")
    assert body_sentence("thank-you", "brief", "topic",
                         "I said a debt service cover covenant and", 1) == (
        "I enjoyed the part where I said a debt service cover covenant.")
    assert body_sentence("thank-you", "brief", "question",
                         "to work out the DSCR roughly from the numbers", 0) == (
        "I enjoyed working through how to work out the DSCR roughly from the numbers.")


@pytest.mark.parametrize("line", [
    "I answered the second one much better than the first.",
    "my safeguarding answer was too general",
    "I clearly get the customer side which they like",
    "she liked that I said stay with the patient first",
    "the demo went really badly in the middle",
])
def test_how_the_user_thinks_they_did_is_never_a_phrase(line: str) -> None:
    from debrief.features.phrasing import checked_phrase

    assert checked_phrase(line, line, Recipient("Gareth Pryce"), [], line) is None


def test_a_line_with_a_verdict_still_gives_its_topic() -> None:
    from debrief.features.message_details import unsayable
    from debrief.features.phrasing import checked_phrase

    line = "and I think I did okay I talked about seasonality and customer concentration"
    assert not unsayable(line)  # the detail stays; the verdict never reaches a phrase
    assert checked_phrase("seasonality and customer concentration", line,
                          Recipient("Gareth Pryce"), [], line) is not None
    assert checked_phrase(line, line, Recipient("Gareth Pryce"), [], line) is None
    assert not unsayable("the migration to the new warehouse system went well for them")


def test_a_phrase_that_names_the_reader_is_no_phrase_for_them() -> None:
    """"when Hamish asked about pricing" in a note to Hamish speaks of him; to Bea it is fine."""
    from debrief.features.phrasing import checked_phrase

    line = "I didn't know where the base rate was sitting when Hamish asked about pricing"
    phrase = "when Hamish asked about pricing"
    assert checked_phrase(phrase, line, Recipient("Hamish Tennant"), [], line) is None
    assert checked_phrase(phrase, line, Recipient("Bea Lindqvist"), [], line) is not None


@pytest.mark.parametrize(("line", "sayable"), [
    ("MHRA inspection is due & she was open that the last warehouse manager left after a finding",
     False),
    ("she's acting director since the previous director quit", False),
    ("a homegrown loyalty thing that the analyst openly hates", False),
    ("people moan about the new portal", False),
    ("Got it, but forgot to dedupe users across devices until she hinted.", False),
    ("I liked her enormously and I am a little afraid of her.", False),
    ("Top three go to reference check and medical.", False),
    ("The third partner was from the airport office and I have lost his name.", False),
    ("I think lesson was okay but not perfect.", False),
    ("and um I completely mixed it up with interest cover out loud", False),
    ("I think it went well, she smiled a lot", False),
    # a read of the interviewer is not a verdict on the interview
    ("lovely, very nervous, I think it was his first time interviewing", True),
    # the same words in a question they asked are its topic
    ("she asked how I'd handle a colleague who moans about every rota change", True),
    ("how I'd keep morale up during the branch closure", True),
    ("they're closing the Millbrook branch in the summer", True),
    # someone getting the user's name wrong is an awkward moment, not a topic
    ("she called me Tiago all the day, I did not correct her", False),
    ("kept calling me Renee, not Renata", False),
    ("She said my name wrong twice", False),
    # a call they will make is not that
    ("Dana will call me Monday with feedback", True),
    ("she called me in for a second round with the director", True),
    # a shortlist by the user's place in it, the user's own circumstances, a reservation
    ("Fraser said at the end that I'm one of two finalists, and the other is internal", False),
    ("I'm one of three people they are seeing again", False),
    ("My fellowship ends in March, and Anders's job is in the north", False),
    ("tracker on the van tho.", False),
    ("the team is one of three in the division", True),
    ("she asked how I would handle one of two urgent deadlines", True),
    # how they took it, and the weather, are asides
    ("She nodded a lot.", False),
    ("pissing down all afternoon", False),
    ("Rain, umbrella broke, I came wet to interview.", False),
    ("she smiled at my answer about the rota", True),
    ("I'm pretending I didn't find that tempting.", False),
    ("he asked how I would plan work in the rain on a roof", True),
])
def test_insider_talk_and_the_users_slips_are_never_details(line: str, sayable: bool) -> None:
    from debrief.features.message_details import unsayable

    assert unsayable(line) is not sayable


@pytest.mark.parametrize(("line", "sayable"), [
    ("which is why I'm only putting it on this blog, nobody else reads it", False),
    ("ok that's everything, end of memo, time for a nap", False),
    ("sorry about the traffic noise, recording this at the lights", False),
    ("Pickle (the cat) walked across the keyboard mid-answer", False),
    ("my dog started howling when the doorbell went", False),
    ("Lesson learned: bring printed copies of the portfolio.", False),
    ("[ask Jonas whether that counts as a stretch assignment]", False),
    # the same words about the work stay
    ("the clinic sees mostly dogs and cats, with an exotic-pets evening on Thursdays", True),
    ("she asked how I'd write up a lessons-learned review after an outage", True),
    ("she asked how I run lessons learned sessions after a big launch", True),
    ("she said this post reports to the head of operations", True),
    ("they keep a memo template for every incident", True),
])
def test_asides_about_the_note_or_the_call_are_never_details(line: str, sayable: bool) -> None:
    from debrief.features.message_details import unsayable

    assert unsayable(line) is not sayable


def test_their_question_quoted_from_the_users_notes_asks_you() -> None:
    assert body_sentence("thank-you", "warm", "question",
                         "how would i design a rota for my night team", 1) == (
        "“How would you design a rota for your night team?” was a great question.")


def test_promises_in_non_native_and_spoken_phrasings() -> None:
    colm = Recipient("Colm Byrne")
    # an adverb before the modal
    assert promise_action("I also must send copy of my QTS letter.", colm, []) == \
        "send copy of my QTS letter"
    # they wait for the user's answer: the user owes one
    assert promise_action("Colm say he will wait my answer until next Friday.", colm, []) == \
        "give you my answer by next Friday"
    assert promise_action("Tomek will wait for my answer until Friday.", colm, ["Tomek"]) is None
    # the user's own clause later in the line
    assert promise_action("we talked about the ward and I will email him the rota article",
                          colm, []) == "email you the rota article"
    assert promise_action("she said I will hear by Friday", colm, []) is None


def test_a_surname_inside_the_company_name_is_not_the_third_person() -> None:
    to = Recipient("Augustin Whitby")
    msg = "Hi Augustin,\nI enjoyed our talk about the associate role at Delacroix Whitby.\nSam"
    got = {c.name: c.passed for c in run_checks(msg, to, "connect", "warm", "Delacroix Whitby")}
    assert got["third_person"]
    talked = "Hi Augustin,\nMr Whitby was kind to call me.\nSam"
    assert not {c.name: c.passed for c in run_checks(talked, to, "connect", "warm",
                                                     "Delacroix Whitby")}["third_person"]


def test_the_jobs_own_title_is_not_its_pay() -> None:
    to = Recipient("Oonagh Ferris")
    msg = ("Dear Dr Ferris,\nThank you for speaking with me about the Band 7 surgical pharmacist "
           "role at Eskbridge General.\nSam")
    assert {c.name: c.passed for c in run_checks(msg, to, "thank-you", "formal", "Eskbridge General",
                                                 "Band 7 surgical pharmacist")}["private"]
    pay = msg.replace("Sam", "I hope the band is as you said.\nSam")
    assert not {c.name: c.passed for c in run_checks(pay, to, "thank-you", "formal",
                                                     "Eskbridge General",
                                                     "Band 7 surgical pharmacist")}["private"]


def test_a_promise_stops_where_someone_else_takes_over_and_never_ends_on_plus() -> None:
    lorraine = Recipient("Lorraine Pike")
    assert promise_action("If they offer, I must bring original documents, my diploma and the "
                          "ENIC statement, and they will do new DBS.", lorraine, []) == \
        "bring original documents, my diploma and the ENIC statement"
    cut = promise_action("Lorraine wants a writing sample of no more than ten pages, redacted, "
                         "plus my law school transcript, by Friday.", lorraine, [])
    assert cut is not None and not cut.endswith(("plus", ","))


def test_a_task_to_talk_about_is_asked_about_in_the_users_voice() -> None:
    said = frames.body_sentence("follow-up", "brief", "question",
                                "Describe one practical experiment you designed")
    assert said == "Since we spoke, I've kept thinking about one practical experiment I designed."
    told = frames.body_sentence("thank-you", "warm", "topic",
                                "tell about a time you stop the work because of you")
    assert "a time I stop the work because of me" in told and "tell about" not in told
    task = frames.body_sentence("follow-up", "brief", "question", "Design webhook delivery")
    assert "how to design webhook delivery" in task


def test_a_question_typed_as_a_statement_is_asked_about_with_whether() -> None:
    said = body_sentence("thank-you", "formal", "question", "I have experience with VFD? which brand")
    assert said == "I appreciated the chance to work through whether I have experience with VFD."
    frame = body_sentence("thank-you", "formal", "question",
                          "a time I had to deliver bad news to leadership")
    assert "part of our conversation where" not in frame and "bad news to leadership." in frame
    told = body_sentence("thank-you", "warm", "question", "I said I pitch at minute 25")
    assert "whether" not in told


@pytest.mark.parametrize(("note", "company", "people", "title", "kind", "kept", "never"), [
    # an interviewer the note only lists gets the whole panel's details
    ("Panel at Tern Hydro, three of them:\n"
     "- Gordon, the maintenance supervisor\n"
     "- safety coordinator, young guy, he did not say his name\n\n"
     "They asked what I do if my supervisor tells me to skip a step because we are late.\n"
     "They ask about safety three times in different ways.\n", "Tern Hydro",
     [Person(name="Gordon", title="supervisor"), Person(title="safety coordinator")],
     "safety coordinator", "connect", ["skip a step"], []),
    # an unnamed panelist gets the panel's "they asked" lines and is found by a nickname ("the
    # fleet guy"), but not another panelist's question
    ("Panel was three: Marta Kowal the depot lead, the fleet auditor and a trainer.\n\n"
     "They asked how I'd plan a week of routes when two vans are off the road.\n\n"
     "Marta wanted to know about my forklift ticket.\n\n"
     "The fleet guy asked me what I'd check first on a missing pallet.\n\n"
     "Lunch was sandwiches in the yard, very windy.\n", "Brindle Freight",
     [Person(name="Marta Kowal", title="depot lead"), Person(name=None, title="fleet auditor")],
     "fleet auditor", "thank-you", ["routes when two vans", "missing pallet"], ["forklift"]),
])
def test_an_unnamed_panelist_gets_the_panels_details(
        note: str, company: str, people: list[Person], title: str, kind: str, kept: list[str],
        never: list[str]) -> None:
    d = panel(note, company, people)
    got = " ".join(x.text for x in details_for(d, title, kind))  # type: ignore[arg-type]
    assert all(k in got for k in kept)
    assert not any(n in got for n in never)


def test_a_to_do_marker_of_the_note_never_reaches_the_message() -> None:
    said = frames.body_sentence("thank-you", "warm", "topic", "the new rota TODO check nights")
    assert "TODO" not in said and "the new rota check nights" in said
    assert frames.promise_line("thank-you", "TODO: send you the deck") == \
        "As promised, I'll send you the deck."


@pytest.mark.parametrize(("line", "action"), [
    # verbs beyond sending: applying, telling, asking, completing a form
    ("I need to apply on the careers page for the night post too he said by the 12th",
     "apply on the careers page for the night post too by the 12th"),
    ("she offered to pass my CV on so I think I'm gonna tell her yes to that offer",
     "tell you yes to that offer"),
    ("I should fill in the equal-opportunities form before Thursday",
     "fill in the equal-opportunities form before Thursday"),
    # a deadline written "until" is "by" in a promise
    ("I will send them my portfolio link until Wednesday",
     "send you my portfolio link by Wednesday"),
])
def test_promises_beyond_sending_and_said_by_non_native_writers(line: str, action: str) -> None:
    assert promise_action(line, Recipient("Ines Okafor"), []) == action


@pytest.mark.parametrize("line", [
    "I will ask more about this.",  # "this" was the line before: alone it says nothing
    "I'm gonna need to think about that",
    "I should ask about the pay being so flat",  # pay never goes in a message
])
def test_a_promise_that_points_back_or_is_private_is_no_closing_line(line: str) -> None:
    assert promise_action(line, Recipient("Ines Okafor"), []) is None


def test_a_question_reported_with_then_and_a_long_opening_line_still_give_phrases() -> None:
    note = ("Three on the panel: the clinic lead, a data engineer and a coordinator.\n"
            "The data engineer then asked how I'd reconcile two feeds that disagree on a "
            "patient's weight.\n"
            "On the way out the clinic lead said the outreach team is opening a community "
            "health analyst post for the winter clinics.\n")
    d = panel(note, "Brightwater Clinic", [Person(title="data engineer"),
                                           Person(title="clinic lead")])
    engineer = {x.phrase for x in details_for(d, "data engineer", "thank-you")}
    assert "how I'd reconcile two feeds that disagree on a patient's weight" in engineer
    lead = details_for(d, "clinic lead", "connect")
    # the opening first in a connection note, as its own noun phrase (the line is too long)
    assert (lead[0].kind, lead[0].phrase) == (
        "opening", "a community health analyst post for the winter clinics")
    # A spoken line with no stops: the opening's noun phrase, cut where it only qualifies it.
    memo = ("ok so at the end Wendell said they're about to post a warehouse and inventory "
            "supervisor job in the maintenance department for all the parts and appliances "
            "across like thirty properties and he said that's closer to my background")
    d = panel(memo, "Port Anselm Housing", [Person(name="Wendell Ashby", title="procurement "
                                                   "manager")])
    evidence = memo[memo.index("they're"):memo.index(" for all")]
    d.extraction = Extraction(better_fit_roles=[Role(text="warehouse and inventory supervisor",
                                                     evidence=evidence)])
    d.extraction_status = "done"
    (opening,) = [x for x in details_for(d, "Wendell Ashby", "follow-up") if x.kind == "opening"]
    assert opening.phrase == ("a warehouse and inventory supervisor job in the maintenance "
                              "department")


@pytest.mark.parametrize(("lines", "title", "kept", "never"), [
    # the user's guesses about them, an aside about the note, half sentences
    (["ok quick, let me get this down before the bus comes.",
      "The depot manager asked how I'd plan cover for three drivers off sick on a Monday.",
      "I think they wanted the union agreement quoted back at them.",
      "I could tell that mattered a lot to the depot manager.",
      "and then the depot manager asked the scenario ones and",
      "which I guess is how the council runs every panel so it stays fair.",
      "He lit up at the rota software. \"That's the bit that keeps me busy all winter\", he said."],
     "depot manager", "how I'd plan cover for three drivers off sick on a Monday",
     ("get this down", "union agreement", "mattered", "scenario ones", "I guess", "keeps")),
    # the user's homework, a bare condition, a report turned twice ("you asked you")
    (["The yard foreman asked how I'd sequence three rush repairs on one crane.",
      "I should learn how the union grievance steps work before the next one.",
      "If I get through, the next stage is a ride-along with the night crew.",
      "who's on which shift and he asked me about it after",
      "he I think was there to check I could read a load chart",
      "Slew ring wear limits. Something to read up on tonight."],
     "yard foreman", "how I'd sequence three rush repairs on one crane",
     ("grievance", "If I get", "if I get", "asked you", "I think", "read up")),
])
def test_guesses_asides_homework_and_half_sentences_are_never_offered(
        lines: list[str], title: str, kept: str, never: tuple[str, ...]) -> None:
    d = panel("\n".join(lines) + "\n", "Marl Valley Buses", [Person(title=title)])
    got = [x.phrase or "" for x in details_for(d, title, "thank-you")]
    assert kept in got
    assert not [p for p in got if any(w in p for w in never)]


def test_the_users_own_next_step_closes_without_as_promised() -> None:
    assert frames.promise_line("follow-up", "tell you yes to both") == \
        "I also wanted to tell you yes to both."
    assert frames.promise_line("connect", "apply on the careers page by Friday") == \
        "I'll also apply on the careers page by Friday."
    assert frames.promise_line("thank-you", "send you the deck").startswith("As promised")


def test_their_own_i_and_we_inside_a_quote_are_the_readers_you() -> None:
    note = ("Second round with Priya Raman, the ops director.\n"
            "She asked how I would cover the night shift when two pickers call in sick.\n"
            "\"The night rota is the thing that keeps me awake at night\", she said.\n"
            "Her last words: \"we would want to see more numbers in the pitch\".\n"
            "When she pushed on the forecast I said \"I will check it against last winter\".\n")
    d = panel(note, "Larchmont Foods", [Person(name="Priya Raman", title="ops director")])
    joined = " ".join(x.phrase or "" for x in details_for(d, "Priya Raman", "thank-you"))
    assert "keeps me awake" not in joined and "we would want" not in joined
    assert "keeps you awake" in joined and "you would want" in joined
    assert "cover the night shift" in joined  # the user's own report stays
    assert their_words_to_you("I will check it against last winter", note) == \
        "I will check it against last winter"  # the user quoting themselves


def test_a_first_clause_that_points_ahead_gives_way_to_the_one_it_points_to() -> None:
    line = ("She said that's exactly what they want, that this depot has a \"stop the line\" "
            "rule and they'd rather you call it than guess.")
    phrase = default_phrase(line, Recipient("Hana Ito"), [])
    assert phrase == "this depot has a stop the line rule"


def test_two_details_of_one_kind_never_get_the_same_frame() -> None:
    from debrief.features.frames import BODY, CONNECT_BODY, FOLLOW_UP_BODY

    lists = [f for tones in BODY.values() for f in tones.values()]
    lists += [*FOLLOW_UP_BODY.values(), *CONNECT_BODY.values()]
    assert all(len(f) >= 2 and len(set(f)) == len(f) for f in lists)
    # Two of their questions quoted in one formal thank-you: two different frames.
    first = body_sentence("thank-you", "formal", "question", "Why would you leave SaaS?", 0)
    second = body_sentence("thank-you", "formal", "question", "How do you market to members?", 1)
    assert first.split()[:2] != second.split()[:2]


def test_an_opening_with_as_well_gives_the_clause_that_says_who_is_hiring() -> None:
    memo = ("right so on the stairs Odile said the payments squad is hiring a data analyst as "
            "well at the moment and it's less client facing")
    d = panel(memo, "Quaystone Bank", [Person(name="Odile Brand", title="analyst")])
    (opening,) = [x for x in details_for(d, "Odile Brand", "connect") if x.kind == "opening"]
    assert opening.phrase == "the payments squad is hiring a data analyst"


def test_a_question_the_user_had_no_answer_for_is_not_a_detail() -> None:
    note = ("Marlow Tate ran the session.\n"
            'He asked, "Which experiment would you kill first?" and we went through my list.\n'
            "And when he asked what the churn work actually saved, I didn't have numbers.\n")
    d = panel(note, "Ferrous Labs", [Person(name="Marlow Tate", title="head of product")])
    d.extraction = Extraction(questions_asked=[
        Item(text="Which experiment to kill first", evidence='asked, "Which experiment would '
             'you kill first?"'),
        Item(text="What the churn work saved",
             evidence="when he asked what the churn work actually saved")])
    d.extraction_status = "done"
    phrases = [x.phrase or "" for x in details_for(d, "Marlow Tate", "thank-you")]
    assert phrases[0].casefold() == "which experiment would you kill first"  # no "asked,"
    assert not any("churn" in p for p in phrases)


def test_a_line_about_a_name_the_user_missed_is_never_a_detail() -> None:
    memo = ("Rufus asked how I'd price a loan to a farm with two bad harvests behind it.\n"
            "Then a woman from risk joined, she said her name once, and asked about covenants "
            "on a dairy herd.\n")
    d = panel(memo, "Wheatley Bank", [Person(name="Rufus Dale", title="head of lending")])
    texts = [x.text for x in details_for(d, None, "thank-you")]
    assert len(texts) == 1 and "price a loan" in texts[0]


def test_in_a_mixed_language_note_only_lines_read_as_english_are_details() -> None:
    note = ("Visita à Tidewater University, conversa com o Ravi Osei.\n"
            "Ele perguntou muito sobre o meu pós-doc e os dados de campo.\n"
            "Ravi walked me through the oyster reef survey design they run each spring.\n"
            "Depois fomos almoçar perto do porto com dois alunos.\n"
            "levantar custo real de ship time\n")
    d = panel(note, "Tidewater University", [Person(name="Ravi Osei", title="faculty")])
    texts = [x.text for x in details_for(d, "Ravi Osei", "thank-you")]
    assert any("oyster reef" in t for t in texts)
    assert not any("levantar" in t for t in texts)


def test_a_verdict_before_a_question_in_a_spoken_run_on_sentence_does_not_hide_it() -> None:
    memo = ("okay so the first one was why this job, I think that went okay, and Dana asked how "
            "I'd run a tabletop exercise for the school district and I said start small")
    d = panel(memo, "Harlan County", [Person(name="Dana Pruitt", title="planner")])
    evidence = "Dana asked how I'd run a tabletop exercise for the school district"
    d.extraction = Extraction(questions_asked=[Item(text="Running a tabletop exercise",
                                                    evidence=evidence)])
    d.extraction_status = "done"
    assert any(x.text == evidence for x in details_for(d, "Dana Pruitt", "thank-you"))


def test_a_she_after_someone_else_in_the_phrase_is_not_turned_to_the_reader() -> None:
    from debrief.features.phrasing import face

    to = Recipient("Mira Holt")
    line = "a pupil tells you she is scared to go home, what you do"
    assert face(line, to, line) == line
    said = "she wanted a plan for her first month"
    assert face(said, to, said) == "you wanted a plan for your first month"


@pytest.mark.parametrize("kind", ["thank-you", "follow-up"])
def test_no_two_sentences_of_a_message_share_a_lead(kind: str) -> None:
    from debrief.features.frames import body_sentence

    body: list[str] = []
    for detail, phrase in [("question", "why I moved from retail to payroll"),
                           ("question", "how I would audit a vendor file"),
                           ("told", "the move to a shared ledger"),
                           ("question", "what I would cut first")]:
        body.append(body_sentence(kind, "formal", detail, phrase, len(body), before=body))
    openings = [" ".join(s.split()[:4]) for s in body]
    assert len(set(openings)) == len(openings), body
    assert sum("kept thinking" in s for s in body) <= 1, body


@pytest.mark.parametrize(("phrase", "kept"), [
    ("since I keep asking about the customers they", False),  # leans on words cut away
    ("very calm, very dry", False),  # a manner, not a topic
    ("how to plan", False),  # names almost nothing
    ("Looker", True),  # one name of a thing
    ("300 alerts a night", True),
    ("the depot's move to electric vans", True),
])
def test_a_phrase_that_cannot_stand_alone_gives_no_sentence(phrase: str, kept: bool) -> None:
    assert bool(body_sentence("follow-up", "warm", "topic", phrase)) is kept


def test_their_question_reported_in_a_message_is_in_the_users_voice() -> None:
    out = body_sentence("thank-you", "formal", "question",
                        "how you would staff the weekend shifts with your budget")
    assert "how I would staff the weekend shifts with my budget" in out
    told = body_sentence("follow-up", "warm", "told", "told me the night team is short")
    assert "told me" not in told and "the night team is short" in told


def test_a_short_question_as_asked_still_stands_alone() -> None:
    out = body_sentence("follow-up", "brief", "question", "what would you NOT ship in v1?")
    assert "“What would you NOT ship in v1?”" in out


def test_a_company_named_pay_is_not_a_mention_of_pay() -> None:
    msg = ("Hi Hedda,\n\nThank you for talking with me about the designer role at Brightmoor Pay."
           "\n\nBest,\nSam")
    checks = {c.name: c.passed for c in run_checks(msg, Recipient("Hedda Lund"), "thank-you",
                                                   "warm", "Brightmoor Pay")}
    assert checks["private"]
    said = msg.replace("Brightmoor Pay.", "Brightmoor Pay. The pay sounded fine.")
    assert not {c.name: c.passed for c in run_checks(said, Recipient("Hedda Lund"), "thank-you",
                                                     "warm", "Brightmoor Pay")}["private"]


def test_a_step_with_someone_else_is_no_promise_to_the_person_written_to() -> None:
    from debrief.features.phrasing import promise_action

    to = Recipient("Ines Moura", "recruiter")
    assert promise_action("I need to check with the visa office whether a March start works",
                          to, []) is None
    assert promise_action("I should email her my transcript", to, []) == "email you my transcript"


def test_a_request_by_the_readers_title_is_a_promise_to_them_only() -> None:
    chair = Recipient("Helena Moss", "search committee chair")
    line = ("- the chair asked me to send the outline of a new course that I would design for "
            "the Institute, until next Friday")
    # cut short, the relative clause goes whole and the deadline stays
    assert promise_action(line, chair, []) == "send you the outline of a new course by next Friday"
    assert promise_action(line, Recipient("Marc Feld", "institute director"), []) is None


def test_a_capitalised_adverb_is_nobodys_request() -> None:
    to = Recipient("Flora Hask", "ICU manager")
    assert promise_action("Also need to send her my BLS and ACLS cards", to, []) == \
        "send you my BLS and ACLS cards"


def test_a_plan_to_message_them_keeps_what_the_message_asks() -> None:
    to = Recipient("Tess Ade", "consultant")
    act = promise_action("- Message Tess to thank her and ask about how staffing works in "
                         "January.", to, [])
    assert act == "ask about how staffing works in January"
    assert frames.promise_line("follow-up", act) == \
        "I also wanted to ask about how staffing works in January."
    assert promise_action("- Message Tess to thank her.", to, []) is None


def test_a_word_with_capitals_inside_keeps_its_case_at_a_phrase_start() -> None:
    note = "PMs here write their own queries. Everyone uses Looker."
    out = default_phrase("PMs here write their own queries.", Recipient("Ines Moura"), [], note)
    assert out is not None and out.startswith("PMs here")


def test_the_readers_title_finds_their_lines_and_no_meta_lines_are_details() -> None:
    note = ("Interview was Thursday June 5th with the search chair, Prof. Helena Moss, and "
            "Dr. Marc Feld, the institute director.\n"
            "He introduced himself as the director of the institute and never sat down.\n"
            "- the chair: she said the department needs someone to teach General Microbiology "
            "every fall\n"
            "- the chair asked me to send the outline of a new course, until next Friday\n"
            "- Dr. Feld wants public outreach, extension and workshops\n")
    d = Debrief(id="x", notes=note, company="Kelder University", role="Assistant Professor",
                date="2025-06-05",
                people=[Person(name="Helena Moss", title="search committee chair"),
                        Person(name="Marc Feld", title="institute director")],
                extraction=Extraction(follow_ups=[Item(
                    text="Send course outline",
                    evidence="the chair asked me to send the outline of a new course, "
                             "until next Friday")]))
    details = details_for(d, "Helena Moss", "follow-up")
    text = " ".join(x.text for x in details)
    assert "General Microbiology" in text
    assert "public outreach" not in text and "Interview was" not in text
    assert any(x.kind == "promise" and "outline" in (x.phrase or "") for x in details)
    from debrief.features.message_details import person_units

    feld = " ".join(u.text for u in person_units(d, "Marc Feld", title="institute director"))
    assert "public outreach" in feld and "General Microbiology" not in feld  # "the chair" ends his
    assert "introduced himself" not in " ".join(x.text for x in details_for(d, "Marc Feld",
                                                                            "thank-you"))


def test_a_to_do_for_her_is_not_offered_to_a_reader_the_note_calls_he() -> None:
    note = ("Panel with the ICU manager, Flora Hask, and the unit educator, Dev Shah.\n\n"
            "Dev Shah asked about sepsis bundles. He said the course is online. He was kind.\n\n"
            "Flora asked why ICU. She said orientation is 16 weeks. She'll call HR.\n\n"
            "Next steps: also need to send her my BLS and ACLS cards.\n")
    d = Debrief(id="x", notes=note, company="Corrow Hospital", role="RN", date="2025-06-05",
                people=[Person(name="Flora Hask", title="ICU manager"),
                        Person(name="Dev Shah", title="unit educator")],
                extraction=Extraction(follow_ups=[Item(
                    text="Send cards", evidence="also need to send her my BLS and ACLS cards")]))
    def promised(who: str) -> list[str | None]:
        return [x.phrase for x in details_for(d, who, "follow-up") if x.kind == "promise"]

    assert promised("Flora Hask") == ["send you my BLS and ACLS cards"]
    assert promised("Dev Shah") == []


def test_who_was_in_the_room_and_the_users_job_loss_are_not_details() -> None:
    note = ("There was one ecologist, one chemist and one engineer from the civil school.\n"
            "Bertrand asked why a startup after I just got laid off.\n"
            "Bertrand asked how I would debug a flaky ingest job at night.\n")
    d = Debrief(id="x", notes=note, company="Snowquill Data", role="Backend engineer",
                date="2025-06-05", people=[Person(name="Bertrand", title="recruiter")])
    text = " ".join(x.text for x in details_for(d, "Bertrand", "follow-up"))
    assert "flaky ingest job" in text
    assert "ecologist" not in text and "laid off" not in text


def test_phrases_cut_from_their_sentence_make_no_sentence() -> None:
    for cut in ("rang this afternoon with the feedback", "after the live brief",
                "it's different, it's faster"):
        assert body_sentence("thank-you", "brief", "topic", cut) == ""
    assert "hearing that marketing wants a streaks feature" in body_sentence(
        "thank-you", "brief", "topic", "marketing wants a streaks feature", 1)
    # two clauses of the user's own: the second does not open like the first
    first = body_sentence("thank-you", "brief", "topic", "I went with a backhaul flow")
    second = body_sentence("thank-you", "brief", "topic", "we show loads for the return leg",
                           1, before=[first])
    assert first.startswith("I enjoyed the part where") and not second.startswith(
        "I enjoyed the part where")


def test_the_users_own_step_away_from_the_readers_part_is_no_closing_line() -> None:
    note = ("Ama from compliance asked what a financial promotion is.\n\n"
            "Gwilym said the pet brand is hiring a CRM manager.\n\n"
            "To do: apply for pet CRM role this wk\n")
    d = Debrief(id="x", notes=note, company="Mossfield Insurance", role="Content lead",
                date="2025-06-05", people=[Person(name="Ama", title="compliance"),
                                           Person(name="Gwilym Rhys", title="head of brand")],
                extraction=Extraction(follow_ups=[Item(text="Apply for CRM role",
                                                       evidence="apply for pet CRM role this wk")]))
    assert not [x for x in details_for(d, "Ama", "thank-you") if x.kind == "promise"]
    from debrief.features.phrasing import tidy

    assert tidy("How do you get content thru sign-off w/o it turning to mush?") == \
        "How do you get content through sign-off without it turning to mush?"
    # shorthand for a function word is spelled out; a capital letter is an initial, and a
    # word the note typed short that is no function word stays the note's
    assert tidy("Roz: how wd u get 72hrs down to 48") == "how would you get 72hrs down to 48"
    assert tidy("Dr. W said u-turns cost us") == "Dr. W said u-turns cost us"


def test_the_reader_named_inside_a_promise_is_you() -> None:
    to = Recipient("Gwen Pryce", "centre manager")
    assert promise_action("I'll dig out my first aid certificate and send Gwen a scan", to,
                          []) == "dig out my first aid certificate and send you a scan"


def test_one_thing_said_twice_or_read_as_a_placeholder_is_offered_once_or_not_at_all() -> None:
    note = ("Ama, compliance lead.\n"
            "Ama: we want ppl who bring us in early.\n"
            "Ama said the interviewer was a principal engineer.\n"
            "Ama asked what a financial promotion is.\n")
    d = Debrief(id="x", notes=note, company="Mossfield Insurance", role="Content lead",
                date="2025-06-05", people=[Person(name="Ama", title="compliance lead")],
                extraction=Extraction(interviewer_priorities=[Priority(
                    text="Brought in early", evidence="we want ppl who bring us in early")]))
    phrases = [x.phrase or "" for x in details_for(d, "Ama", "thank-you")]
    assert sum("bring" in p for p in phrases) == 1
    assert not any("the interviewer" in p for p in phrases)


def test_how_the_interview_went_and_when_it_was_are_not_details() -> None:
    note = ("and I had a panel interview on Tuesday: Ros Whit, curriculum manager.\n"
            "The questions were fair.\n"
            "Ros asked how I would teach moles to a class that hates maths.\n")
    d = Debrief(id="x", notes=note, company="Larch College", role="Chemistry lecturer",
                date="2025-06-05", people=[Person(name="Ros Whit", title="curriculum manager")])
    text = " ".join(x.text for x in details_for(d, "Ros Whit", "follow-up"))
    assert "teach moles" in text
    assert "panel interview on Tuesday" not in text and "were fair" not in text


def test_a_plan_to_email_them_a_question_away_from_their_part_is_still_the_closing_line() -> None:
    note = ("Panel: Ros Whit (curriculum manager) and someone from HR.\n"
            "Ros asked why sixth form and not an 11-18 school.\n\n"
            "The good news: she said they'll advertise a Level 3 post after Easter.\n\n"
            "I'm going to email her to ask when it goes live.\n")
    d = Debrief(id="x", notes=note, company="Larch College", role="Chemistry lecturer",
                date="2025-06-05", people=[Person(name="Ros Whit", title="curriculum manager"),
                                           Person(name=None, title="HR")],
                extraction=Extraction(follow_ups=[Item(
                    text="Email Ros", evidence="I'm going to email her to ask when it goes live.")]))
    promised = [x.phrase for x in details_for(d, "Ros Whit", "follow-up") if x.kind == "promise"]
    assert promised == ["ask when it goes live"]


def test_what_the_user_could_not_name_is_private_even_without_i() -> None:
    from debrief.features.message_details import unsayable

    assert unsayable("accessibility answer ok but couldnt name actual WCAG level")
    assert not unsayable("she could not say when the post goes live")


def test_a_phrase_that_points_to_words_outside_it_is_no_detail() -> None:
    """'nobody uses it' or 'three questions in this direction' leave the reader asking what."""
    src = ("Tomasz walked me through the old rota tool and said nobody uses it, it's all phone "
           "calls. Then he asked three questions in this direction about weekend cover.")
    tomasz = Recipient("Tomasz")
    assert checked_phrase("nobody uses it", src, tomasz, []) is None
    assert checked_phrase("three questions in this direction", src, tomasz, []) is None
    kept = checked_phrase("the old rota tool", src, tomasz, [])
    assert kept is not None and "rota tool" in kept
    # an "it" that opens the phrase and is not its subject: "it yourself at lunch"
    said = "He said it himself at lunch. It is a small team, six people."
    assert checked_phrase("it himself at lunch", said, Recipient("Duncan Aird"), []) is None
    # who someone was is no topic; an opinion with its subject cut off points outside too
    met = ("Then a young guy from the product team who built their guest app. A guy wanted a "
           "quote for a 200 amp service upgrade. The channel job is worth a look honestly.")
    nico = Recipient("Nico")
    assert checked_phrase("a young guy from the product team", met, nico, []) is None
    assert checked_phrase("worth a look honestly", met, nico, []) is None
    assert checked_phrase("a guy wanted a quote for a 200 amp service upgrade", met, nico,
                          []) is not None


def test_what_the_user_thought_of_them_and_who_sat_in_are_no_details() -> None:
    src = ("He is very funny man. He said they will hire a second electrician in spring. The DON "
           "interviewed me herself. Couple things are different from what they said last time. "
           "Then the exhibit with cost per store by category. What jumps out for the CEO?")
    ron = Recipient("Ron")
    assert checked_phrase("he is very funny man", src, ron, []) is None
    assert checked_phrase("The DON interviewed me herself", src, ron, []) is None
    assert checked_phrase("couple things are different from what they said last time", src,
                          ron, []) is None
    kept = checked_phrase("they will hire a second electrician in spring", src, ron, [])
    assert kept is not None and "second electrician" in kept
    # a phrase that runs into the next sentence keeps its first
    cut = checked_phrase("the exhibit with cost per store by category. What jumps out", src,
                         ron, [])
    assert cut is not None and cut.endswith("by category") and "What" not in cut


def test_steps_owed_to_someone_else_are_no_promise_to_the_reader() -> None:
    staff = Recipient(None, "finance office staff")
    assert promise_action("so I should give my references a heads up", staff, []) is None
    assert promise_action("I should give Marcus and Lena a heads up tonight",
                          Recipient("Harper"), []) is None
    assert promise_action("I'll check back with him in a month if I don't hear anything",
                          Recipient("Yusra Halloway"), []) is None
    assert promise_action("give Harper a heads up about my notice date", Recipient("Harper"),
                          []) == "give you a heads up about my notice date"


@pytest.mark.parametrize("phrase,has,never", [
    ("ever written a fiscal note", "whether I had ever written a fiscal note", "Considering ever"),
    ("Quick one — what's the difference between ARPDAU and ARPPU",
     "“What's the difference between ARPDAU and ARPPU?”", "Quick one"),
])
def test_a_question_reads_as_a_question(phrase: str, has: str, never: str) -> None:
    out = frames.body_sentence("thank-you", "formal", "question", phrase, 2)
    assert has in out and never not in out


def test_a_verb_whose_subject_was_cut_off_is_no_detail() -> None:
    assert frames.body_sentence("thank-you", "formal", "question", "ran the scenario part") == ""


def test_an_opening_said_as_a_clause_is_not_put_after_considered_for() -> None:
    phrase = "the Environmental Studies program needs a half-time coordinator starting next year"
    assert frames.shape(phrase) == "clause"
    assert frames.shape("the needs of the team") == "phrase"
    out = frames.body_sentence("follow-up", "formal", "opening", phrase)
    assert "considered for the Environmental" not in out and phrase in out


def test_the_reader_named_by_title_or_he_turns_to_you_with_the_verb_agreeing() -> None:
    from debrief.features.phrasing import face, swaps_person

    connor = Recipient("Connor Vasey", "MD")
    assert face("he really wants someone who'll stick around", connor, "") == \
        "you really want someone who'll stick around"
    anders = Recipient("Anders", "data analyst, e-commerce")
    assert face("the analyst pushed hard on test design", anders, "") == \
        "you pushed hard on test design"
    brand = Recipient("Oyelaran", "Head of Brand")
    assert face("review of the take-home with the Head of Brand", brand, "") == \
        "review of the take-home with you"
    chef = Recipient(None, "head chef")
    assert face("the head chef's rule that members come first", chef, "") == \
        "your rule that members come first"
    # "I" where the note has "him" between the same words is another claim
    note = "he asked me to talk him through how i'd route three drops he pointed at"
    assert swaps_person("talk I through how I'd route three drops I pointed at", note)
    assert not swaps_person("talk him through how i'd route three drops he pointed at", note)
    assert not swaps_person("an example where I changed a rota",
                            "give an example where you changed a rota")


def test_a_reported_question_with_an_i_keeps_its_you_for_the_reader() -> None:
    said = frames.body_sentence("follow-up", "warm", "question",
                                "how to talk you through how I'd route three drops you pointed at")
    assert "talk you through how I'd route three drops you pointed at" in said
    mine = frames.body_sentence("thank-you", "warm", "question",
                                "what you do if your first proposal is not funded")
    assert "what I do if my first proposal is not funded" in mine


def test_her_after_a_family_member_is_theirs_and_a_contraction_opener_is_no_name() -> None:
    from debrief.features.phrasing import face, proper_noun

    maureen = Recipient("Maureen Doyle", "DON")
    assert face("how i'd talk to a family who wants IV fluids for their mom in her last days",
                maureen, "") == \
        "how I'd talk to a family who wants IV fluids for their mom in her last days"
    assert not proper_noun("They'll", "They'll take up references after.")
    assert proper_noun("Ormsby", "Ormsby is a tiny college.")


@pytest.mark.parametrize("asked,has", [
    ("do I have 1 yr of acute care experience (no)", "whether I have 1 yr of acute care experience"),
    ("am I comfortable driving 100+ miles a day", "whether I'm comfortable driving 100+ miles a day"),
    ("are you OK with your weekends on call?", "whether I'm OK with my weekends on call"),
    ("would you relocate to Leeds", "whether I would relocate to Leeds"),
])
def test_a_yes_no_question_listed_without_its_mark_is_reported_with_whether(asked: str,
                                                                            has: str) -> None:
    for kind in ("question", "asked"):
        out = body_sentence("follow-up", "brief", kind, asked)
        assert has in out and "(no)" not in out
        assert "where do I" not in out and "about am I" not in out


@pytest.mark.parametrize("kind,asked", [
    ("question", "did you lead a team before"),  # its verb would need a past form
    ("told", "should I just do a yr of hospital first"),  # the user's own question, not theirs
])
def test_a_yes_no_question_that_cannot_be_reported_is_no_detail(kind: str, asked: str) -> None:
    assert body_sentence("thank-you", "warm", kind, asked) == ""


def test_a_task_the_reader_was_walked_through_is_their_question_in_my_voice() -> None:
    beau = Recipient("Beau", "crew lead")
    line = "walk Beau through how I'd tie in to a main panel that's already full"
    assert default_phrase(line, beau, ["Dana"]) == \
        "how I'd tie in to a main panel that's already full"
    assert default_phrase(line.replace("Beau", "Dana"), beau, ["Dana"]) is None  # not theirs
    task = "the task was work out the gearing and the interest cover spot anything odd"
    phrase = default_phrase(task, Recipient(None, "team leader"), [])
    assert phrase is not None
    assert "how to work out the gearing." in body_sentence("connect", "brief", "question", phrase)
    # "the test was whether I could …" tells no task to do
    odd = default_phrase("the test was whether I could wire a three-way switch blind",
                         Recipient(None, "lead"), [])
    assert odd is None or not odd.startswith("to ")


@pytest.mark.parametrize("kind,phrase", [
    ("topic", "the 90 was fine"),  # a verdict on how it went
    ("topic", "final was with the two founders"),  # the scene
    ("topic", "everyone interrupts everyone"),  # the user's view of the room
    ("topic", "I'm sat in the car outside the school"),  # where the note was written
    ("topic", "I got the gearing fine"),
    ("topic", "not sure that's me"),  # a hedge
    ("told", "you kinda made a face"),  # the reader's manner, as the user saw it
    ("told", "later that they had an OSHA visit last spring"),  # their past, told as news
])
def test_the_notes_own_story_is_no_part_of_the_talk(kind: str, phrase: str) -> None:
    for tone in ("warm", "brief"):
        assert body_sentence("thank-you", tone, kind, phrase) == ""
        assert body_sentence("connect", tone, kind, phrase) == ""


def test_the_readers_part_and_their_sides_way_keep_their_frames() -> None:
    assert "where you took me down the pick aisles" in body_sentence(
        "thank-you", "warm", "topic", "you took me down the pick aisles")
    said = body_sentence("thank-you", "brief", "topic", "marketing wants a streaks feature")
    assert "marketing wants a streaks feature" in said and "where" not in said
    assert "where I went with a backhaul suggestions flow" in body_sentence(
        "thank-you", "warm", "topic", "I went with a backhaul suggestions flow")


def test_a_contracted_she_is_the_reader_unless_someone_else_came_first() -> None:
    fen = Recipient("Fenella Drury", "hiring manager")
    line = "she'll send me a slot by the end of the week"
    assert face(line, fen, line) == "you'll send me a slot by the end of the week"
    assert face("she's big on the good/better/best thing", fen, "") == \
        "you're big on the good/better/best thing"
    kid = "the student said she'll come back"
    assert face(kid, fen, kid) == kid


def test_who_sat_in_and_for_how_long_is_the_interview_not_a_topic() -> None:
    from debrief.features.message_details import INTERVIEW_ITSELF
    assert INTERVIEW_ITSELF.search("so two people about an hour and fifteen minutes")
    assert not INTERVIEW_ITSELF.search("two people on the team handle all the audits")


def part_of(note: str, reader: Person, other: Person) -> str:
    """The text of the reader's part of a two-person note (message_details.person_units)."""
    from debrief.features.message_details import person_units

    d = Debrief(id="d7", company="Gannet Freight", role="Planner", date="2024-05-01",
                stage="onsite loop", notes=note, people=[other, reader])
    return " ".join(u.text for u in person_units(d, reader.name or "", title=reader.title))


def test_a_shared_lists_lines_told_of_someone_else_by_pronoun_are_not_the_readers() -> None:
    note = ("Met Kerry Blatchford, the transport manager. After that I sat with one of the "
            "planners, Ravi, for half an hour and watched him work.\n\n"
            "What they asked me:\n"
            "- she wanted to know how I'd handle a driver who refuses a load at 5am\n"
            "- what I'd do if a customer's pallets got left on the dock\n"
            "- he asked how I'd plan twelve drops on three trucks\n")
    ravi = part_of(note, Person(name="Ravi", title="planner"),
                   Person(name="Kerry Blatchford", title="transport manager"))
    assert "watched him work" in ravi and "twelve drops" in ravi
    assert "refuses a load" not in ravi and "pallets" not in ravi  # hers, as the list goes on


def test_a_told_me_about_question_keeps_its_whole_ask_and_its_object_you_is_me() -> None:
    naomi = Recipient("Naomi Achterberg", "chief of staff")
    line = "Naomi: tell me about a time you told a dept head no and they went over your head"
    assert default_phrase(line, naomi, ["Felix"]) == \
        "the time when I told a dept head no and they went over my head"
    kid = "tell me about a time you cared for someone who couldn't tell you what was wrong"
    assert default_phrase(kid, Recipient("Trevor"), []) == \
        "the time when I cared for someone who couldn't tell me what was wrong"
    assert frames.as_mine("what you'd do if a parent told you to leave") == \
        "what I'd do if a parent told me to leave"


def test_their_need_is_no_past_and_a_next_step_of_yours_is_no_part_where() -> None:
    need = body_sentence("thank-you", "warm", "told", "they need people who can work alone")
    assert "they need people who can work alone" in need
    step = body_sentence("follow-up", "brief", "topic", "you will send me the contract by Friday")
    assert "you will send me the contract by Friday" in step and "where" not in step
    assert "my hero idea was strong" in body_sentence(
        "thank-you", "warm", "told", "my hero idea was strong but the pillars were generic")


def test_what_they_told_the_user_of_their_answer_is_thanked_as_feedback() -> None:
    said = body_sentence("thank-you", "formal", "told", "I pitched way too early and skipped "
                         "discovery")
    assert said == "I valued your feedback that I pitched way too early and skipped discovery."
    assert "where" not in body_sentence("follow-up", "warm", "told", "I rushed the close")


def test_a_new_paragraph_that_opens_on_the_reader_by_pronoun_is_still_theirs() -> None:
    note = ("It was Angela Fitch, the area sales director, and Rob, a clinical specialist.\n"
            "Angela played the materials manager and she was tough.\n\n"
            "afterwards she gave me feedback right there: I pitched too early.\n\n"
            "Rob asked how I'd reach a wound care nurse.\n\n"
            "The site has free parking.\n")
    angela = part_of(note, Person(name="Angela Fitch", title="area sales director"),
                     Person(name="Rob", title="clinical specialist"))
    assert "gave me feedback" in angela
    assert "wound care nurse" not in angela and "parking" not in angela


@pytest.mark.parametrize(("line", "sayable"), [
    ("Title: rejected in 10 mins lol", False),  # a post's title, and a vent
    ("Advice: ask about the lending book before applying.", False),  # advice to the post's reader
    ("Ok so slightly freaking out in a good way.", False),
    ("Same job, different payslip.", False),
    ("and he's right: I saw three blank faces and ploughed on anyway", False),
    ("Update: the role now covers two depots, including Coldharbour", True),
    ("re-engagement plan for users lapsed 30+ days. 5 slides max", True),
    ("Update from my first round post: thanks to everyone who replied!", False),
    ("- what do I know about ESRD (not much, she helped me out lol)", True),  # an aside
    ("the lending team lends against art and yachts", True),
])
def test_vents_titles_and_feelings_are_never_details(line: str, sayable: bool) -> None:
    from debrief.features.message_details import unsayable

    assert unsayable(line) is not sayable


def test_what_the_user_saw_of_the_reader_is_no_topic_of_the_talk() -> None:
    from debrief.features.phrasing import checked_phrase, tidy

    arnav = Recipient("Arnav")
    for line in ["but he barely talked the whole time just typed",  # how he sat through it
                 "He said that twice.",  # what "that" was, it does not say
                 "yes, within reason",  # an answer, not what it answered
                 "and one professor of physiology that was very quiet but took many notes"]:
        assert checked_phrase(line, line, arnav, [], line) is None, line
    talked = "but he talked about the live ops events every weekend"
    assert checked_phrase(talked, talked, arnav, [], talked) is not None
    walked = "asked me to talk him through how i'd route three drops he pointed at"
    assert checked_phrase(walked, walked, Recipient("Connor Vasey"), [], walked) == \
        "how I'd route three drops you pointed at"
    assert tidy("Feedback at the door, from Benedetta: Casimir liked the plan") == \
        "Casimir liked the plan"


def test_frames_fit_a_task_a_feedback_and_a_cut_clause() -> None:
    assert shape("pulled out an actual paper map") == "fragment"  # its subject was cut
    assert shape("detailed plans for the launch") != "fragment"
    task = body_sentence("follow-up", "formal", "question",
                         "to teach microbial metabolism like they are first-year students")
    assert "how to teach microbial metabolism" in task and "noted that" not in task
    assert "whether" not in body_sentence("thank-you", "formal", "question",
                                          "I shadowed the Sunday lunch")
    assert "feedback that the pace was good" in body_sentence("thank-you", "warm", "told",
                                                              "the pace was good")
    assert body_sentence("follow-up", "warm", "topic", "you sent me link already") == ""
    assert body_sentence("connect", "warm", "topic", "we went to their depot this morning") == ""
    assert body_sentence("thank-you", "brief", "told", "they score on leadership presence more "
                         "than anything else today")  # the day of the talk: still theirs


def test_asking_someone_of_ones_own_is_no_promise_and_the_wait_no_detail() -> None:
    from debrief.features.message_details import _line_kind
    from debrief.features.phrasing import promise_action

    colm = Recipient("Colm Brannigan")
    assert promise_action("I need to email my supervisor and the two others this evening.",
                          colm, []) is None
    assert promise_action("I need to email him the slides this evening.", colm, []) is not None
    assert _line_kind("The chair said decision in two weeks.", colm, []) == "own"
    assert _line_kind("He'll let me know by Friday, and I've got to email him a copy of my "
                      "personal licence.", colm, []) == "promise"


def test_their_words_after_a_transcripts_colon_are_theirs_too() -> None:
    """A Q&A transcript gives someone's words after "Delphine asked:", with no quotes: their
    "our sales cycle" is the reader's company's, never told back as "our"."""
    note = ("Panel, Brackwater Civic.\n"
            "Delphine asked: our sales cycle is 12-18 months and most deals come through public "
            "RFPs. Does that frustrate you?\n"
            "I said: our team shipped the permit portal in a year.\n")
    assert their_words_to_you("our sales cycle is 12-18 months", note) == \
        "your sales cycle is 12-18 months"
    assert their_words_to_you("our team shipped the permit portal", note) == \
        "our team shipped the permit portal"  # the user's own words after "I said:"



def test_a_transcripts_their_words_are_turned_in_the_message_too() -> None:
    """The model's phrase is checked against its line, which a transcript's "Delphine asked:"
    does not open; the whole note tells whose words they are."""
    note = ("Brackwater Civic, round 2. Delphine Osei (COO).\n\n"
            "Delphine asked: our sales cycle is 12-18 months and most deals come through public "
            "RFPs. Does that frustrate you?\n"
            "I said: honestly, it's slower than I'm used to.\n")
    line = ("our sales cycle is 12-18 months and most deals come through public RFPs. Does that "
            "frustrate you?")
    assert checked_phrase("our sales cycle is 12-18 months", line, Recipient("Delphine Osei"), [],
                          note) == "your sales cycle is 12-18 months"


@pytest.mark.parametrize(("kind", "tone", "detail", "phrase", "has", "never"), [
    # a person's job named as the opening: the post, not the person
    ("follow-up", "warm", "opening", "a senior engineer", "for the senior engineer opening",
     "for a senior engineer"),
    ("connect", "brief", "opening", "a data analyst", "the data analyst opening", "a data analyst"),
    # their worry about the user is a concern to answer, never news told back to them
    ("thank-you", "formal", "told", "you worry that I will leave for a research university",
     "your concern that I will leave", "learn that you worry"),
    ("connect", "warm", "concern", "you were worried about my lack of ICU time",
     "your concern about my lack of ICU time", "conversation about you"),
    ("follow-up", "brief", "told", "you were unsure whether I can handle nights",
     "your concern about whether I can handle nights", "concern that I can"),
    # a question as asked, without the note's story after it
    ("thank-you", "warm", "question", "who's telling people what and he asked me about it after",
     "“Who's telling people what?”", "asked you"),
    # a phrase running into the note's next sentence stops at its end
    ("follow-up", "brief", "topic", "bookings from mobile are up 12% but cancellations are up "
     "20%. Diagnose.", "cancellations are up 20%.", "Diagnose"),
])
def test_openings_concerns_and_questions_read_as_sent(kind: str, tone: str, detail: str,
                                                      phrase: str, has: str, never: str) -> None:
    out = body_sentence(kind, tone, detail, phrase)  # type: ignore[arg-type]
    assert has in out and never not in out, out


@pytest.mark.parametrize("phrase", [
    "strong on structure and stakeholder stuff",  # a verdict, its "I was" cut away
    "wants to see more comfort with numbers under pressure",  # its subject cut away
    "last year we raised the price of the starter pack",  # their past, told as news to them
])
def test_feedback_fragments_and_their_past_are_no_detail(phrase: str) -> None:
    assert body_sentence("follow-up", "brief", "told", phrase) == ""
    assert body_sentence("thank-you", "formal", "question", phrase) == ""


def test_a_noun_phrase_with_its_own_preposition_is_a_clause_only_with_a_verb() -> None:
    assert shape("bookings from mobile are up 12%") == "clause"
    assert shape("examples of times you had to push back") == "phrase"
    assert shape("leads from the website") == "phrase"
    assert body_sentence("thank-you", "warm", "opening", "a new clinic") \
        == "I'd love to hear more about a new clinic."


def test_the_users_own_turn_in_a_transcript_is_no_question_of_theirs() -> None:
    from debrief.features.message_details import _line_kind

    sanne = Recipient("Sanne")
    assert _line_kind("Me: What's the team?", sanne, []) == "own"
    assert _line_kind("Sanne: what would you cut first?", sanne, []) == "question"
    assert _line_kind("She worry that I will leave for research university.", sanne, []) \
        == "concern"


def test_what_they_need_that_the_user_admits_lacking_is_no_detail() -> None:
    note = ("Final round with Kwame Asante-Hale, head of product.\n"
            "He asked how I would price a marketplace fee change.\n"
            "Feedback from Kwame: they really need someone who's been close to a two-sided\n"
            "marketplace before, which I haven't, not properly.\n")
    d = panel(note, "Saffron Circuit", [Person(name="Kwame Asante-Hale", title="head of product")])
    gap = "they really need someone who's been close to a two-sided\nmarketplace before"
    d = d.model_copy(update={"extraction": Extraction(interviewer_priorities=[
        Priority(text="marketplace experience", evidence=gap),
        Priority(text="pricing", evidence="He asked how I would price a marketplace fee change")])})
    texts = [x.text for x in details_for(d, "Kwame Asante-Hale", "follow-up")]
    assert any("price a marketplace fee" in t for t in texts)
    assert not [t for t in texts if "two-sided" in t]


@pytest.mark.parametrize(("detail", "phrase", "has", "never"), [
    ("question", "something about trust structures", "about trust structures", "something"),
    ("told", "you kept talking about discretion and attention to detail",
     "about discretion and attention to detail", "kept talking"),
])
def test_a_vague_or_repeated_topic_is_named_by_its_topic(detail: str, phrase: str, has: str,
                                                         never: str) -> None:
    out = body_sentence("follow-up", "brief", detail, phrase)  # type: ignore[arg-type]
    assert has in out and never not in out, out


def test_the_users_indecision_is_private() -> None:
    from debrief.features.message_details import unsayable

    assert unsayable("She'll send a take-home brief by Wednesday. Undecided whether I'll do it.")
    assert unsayable("Honestly on the fence about the commute.")
    assert not unsayable("She'll send a take-home brief by Wednesday.")


@pytest.mark.parametrize(("line", "action", "closing"), [
    ("If yes, I need two references, one of them a former client.",
     "gladly provide two references, one of them a former client",
     "If you decide to move forward, I'll gladly provide two references, one of them a former "
     "client."),
    ("if it's a yes they'll need two references and a background check before I can start",
     "gladly provide two references and a background check",
     "If you decide to move forward, I'll gladly provide two references and a background check."),
    ("They'll need my portfolio if I go through.", "gladly provide my portfolio",
     "If you decide to move forward, I'll gladly provide my portfolio."),
])
def test_what_the_next_step_needs_is_offered_if_they_go_on(line: str, action: str,
                                                           closing: str) -> None:
    from debrief.features.message_details import _line_kind

    remy = Recipient("Remy Achterberg", "co-founder")
    assert _line_kind(line, remy, []) == "promise"
    assert promise_action(line, remy, []) == action
    for kind in ("thank-you", "follow-up"):
        assert promise_line(kind, action) == closing  # never "As promised"


@pytest.mark.parametrize(("line", "action"), [
    ("She wants two references by Friday", "send you two references by Friday"),  # asked now
    ("I need to send 3 references by Monday", "send you 3 references by Monday"),  # a to-do
    ("I need better examples for behavioural questions", None),  # no papers: the user's own
])
def test_a_request_or_a_to_do_is_no_need_of_the_next_step(line: str, action: str | None) -> None:
    assert promise_action(line, Recipient("Dana Reyes"), []) == action


def test_a_need_cut_short_from_its_line_gives_way_to_the_fuller_one() -> None:
    note = ("final round with Sebastian Crewe head of the private office he asked what I'd do if a "
            "client rang late on a Friday and I said I'd verify it properly he said they'd decide "
            "by Wednesday and if it's a yes they'll need two references and a background check "
            "before I can start\n")
    d = panel(note, "Halcyon Ridge", [Person(name="Sebastian Crewe",
                                             title="head of the private office")])
    d = d.model_copy(update={"extraction": Extraction(follow_ups=[Item(
        text="Two references and a background check if yes",
        evidence="they'll need two references and a background check before I can start")])})
    promised = [x.phrase for x in details_for(d, "Sebastian Crewe", "follow-up")
                if x.kind == "promise"]
    assert promised == ["gladly provide two references and a background check"]


def test_what_the_user_did_not_know_is_private() -> None:
    from debrief.features.message_details import unsayable

    assert unsayable("and I didn't really know the difference between the types")
    assert unsayable("Honestly had no clue what a sinking fund was.")
    assert not unsayable("He wanted to know how I would verify a payment.")


def test_a_clause_that_only_explains_the_one_before_is_no_detail_nor_others_lunch() -> None:
    note = ("Onsite with Remy Achterberg, co-founder.\n"
            "which he said like it was a warning about the quiet months\n"
            "+ lunch with three people from the content team, no managers\n"
            "Remy asked how I would estimate hours for a newsletter scope.\n")
    d = panel(note, "Tangerine Yard", [Person(name="Remy Achterberg", title="co-founder")])
    texts = [x.text for x in details_for(d, "Remy Achterberg", "thank-you")]
    assert any("estimate hours" in t for t in texts)
    assert not [t for t in texts if "warning" in t or "lunch" in t]


def test_a_yes_no_question_as_asked_is_a_question_and_a_labelled_line_gives_its_gist() -> None:
    remy = Recipient("Remy Achterberg", "co-founder")
    assert shape("Are you okay with utilization targets?") == "direct"
    assert shape("are you okay with utilization targets") == "direct"
    assert shape("it is a quiet office") != "direct"
    assert (default_phrase("Are you okay with utilization targets?", remy, []) or "").casefold() \
        == "are you okay with utilization targets"
    line = ('Remy: commercial awareness — he said the strategists who succeed there '
            '"understand that an hour is money."')
    assert default_phrase(line, remy, ["Ingrid"], line) == "commercial awareness"


def test_their_quote_wrapped_over_two_lines_is_still_theirs() -> None:
    """Wrapped prose breaks a quote across lines; the first person inside it is still the
    speaker's. A blank line ends a quote that was never closed."""
    note = ("in peak the agency share goes up to about 40% and she said it was \"the part\n"
            "that keeps me busiest\". The ops manager has three shift managers.\n")
    assert their_words_to_you("the part that keeps me busiest", note) == \
        "the part that keeps you busiest"
    unclosed = 'she said "we are hiring\n\nI told them my notice is "a month" long'
    assert their_words_to_you("I told them my notice", unclosed) == "I told them my notice"


def test_only_what_someone_called_a_thing_is_no_detail() -> None:
    """"which she called “the number that keeps me up at night”": the phrase says no number,
    so it points outside itself; the same words said as a thing of its own are a detail."""
    nadia = Recipient("Nadia Hussain", "operations manager")
    note = ("in peak the agency share goes up to about 40% which she called \"the number\n"
            "that keeps me up at night\". The ops manager has three shift managers.\n")
    assert default_phrase("the number that keeps me up at night", nadia, [], note) is None
    plain = "She said the agency share in peak keeps her up at night."
    assert default_phrase("the agency share in peak keeps her up at night", nadia, [], plain) \
        == "the agency share in peak keeps you up at night"  # "her" the object, not "your"
    named = 'She said the agency share in peak is "the number that keeps me up at night".'
    assert default_phrase("the agency share in peak", nadia, [], named) == \
        "the agency share in peak"


def test_a_promise_about_the_note_itself_is_no_promise_to_them() -> None:
    """"Promised I'd write it all down while it's fresh, so here it is" is said to the note's
    readers (a forum, a friend), not a thing owed to the interviewer."""
    nadia = Recipient("Nadia Hussain", "operations manager")
    assert promise_action("Promised I'd write it all down while it's fresh, so here it is, sorry "
                          "it's long.", nadia, []) is None
    assert promise_action("will post an update here once I hear back", nadia, []) is None
    assert promise_action("I'll write up the case study and send it to Nadia by Friday", nadia,
                          []) == "write up the case study and send it to you by Friday"
    assert (promise_action("promised to write it up for Nadia by Friday", nadia, []) or "") \
        .startswith("write it up")  # a write-up for her is a thing owed


def test_their_you_inside_their_quote_is_the_user() -> None:
    """In their quoted words "you" is the user: told back to them, it is "me" (or "I" opening
    a clause), as their "I" is "you"."""
    note = ('He said, word for word, "I can teach you troubleshooting, I can\'t teach you not '
            'to be a jerk in somebody\'s kitchen."\n'
            'Janelle said "we\'d rather teach you than un-teach you" about peds.\n'
            'I said "you will not regret it" and he laughed.\n')
    assert their_words_to_you("I can teach you troubleshooting", note) == \
        "you can teach me troubleshooting"
    assert their_words_to_you("we'd rather teach you than un-teach you", note) == \
        "you'd rather teach me than un-teach me"
    assert their_words_to_you("you will not regret it", note) == "you will not regret it"
    asked = 'Janelle said "what peds experience do you have?" first.'
    assert their_words_to_you("what peds experience do you have", asked) == \
        "what peds experience do I have"


def test_phrases_that_point_away_or_hang_are_no_details_and_about_is_the_topic() -> None:
    """"I need you to be fine with that" (with what?) and "Not the calm entrance I'd planned"
    (a negation cut from its clause) say nothing alone; "Mostly about how I work with
    engineers" is the topic "how I work with engineers", so no frame says "about mostly
    about"."""
    colin = Recipient("Colin Pargeter", "operations manager")
    said = '"you\'ll be running peak on the old system & I need you to be fine with that."'
    assert default_phrase("I need you to be fine with that.", colin, [], said) is None
    aside = "Got there late, the gate was shut and the two of us were already rubbing. Not " \
            "the calm entrance I'd planned."
    assert default_phrase("Not the calm entrance I'd planned.", colin, [], aside) is None
    talk = "Second round with the CPO. Mostly about how I work with engineers."
    assert default_phrase("Mostly about how I work with engineers.", colin, [], talk) == \
        "how I work with engineers"
    assert default_phrase("not just the numbers but how the team feels about them", colin, [],
                          "she said it is not just the numbers but how the team feels about "
                          "them") is not None


def test_the_users_verdict_on_the_job_and_view_of_the_person_stay_in_the_notes() -> None:
    """"Live-in flat comes with it. Lovely woman, but I think this is a step back for me.":
    what comes with what, the phrase does not say; the rest is the user's private view."""
    from debrief.features.message_details import unsayable

    pennock = Recipient("Mrs Pennock", "owner")
    note = ("She asked whether I can drive and whether I'd mind doing breakfasts.\n"
            "Live-in flat comes with it. Lovely woman, but I think this is a step back\n"
            "for me. She'll ring on Friday either way.\n")
    assert default_phrase("Live-in flat comes with it.", pennock, [], note) is None
    assert unsayable("Lovely woman, but I think this is a step back for me.")
    assert unsayable("I think this is a step back")
    assert not unsayable("She asked how I would step back and look at the whole week.")


@pytest.mark.parametrize(("phrase", "source"), [
    ("Same level, different product", "Same level, different product."),  # a note-to-self
    ("safety coordinator, young guy with beard",
     "safety coordinator, young guy with beard, he not say his name"),
    ("the best questions of the day", "then asked the best questions of the day"),
    ("questions I ask", "Questions I ask them: is there a chance to transfer later?"),
    ("Quick one at the end", "Quick one at the end: what happens to queued sends?"),
    ("I should call her okay that's it", "so I should call her okay that's it I'm starving"),
    ("that given how much I'd talked about component libraries",
     "that given how much I'd talked about component libraries"),
])
def test_a_label_a_summary_or_a_to_do_is_no_phrase(phrase: str, source: str) -> None:
    assert checked_phrase(phrase, source, Recipient("Dana Reyes"), []) is None


def test_a_short_question_with_a_comma_is_still_a_phrase() -> None:
    assert checked_phrase("why agency, after years in-house", "why agency, after years in-house",
                          Recipient("Dana Reyes"), []) == "why agency, after years in-house"


def test_the_reader_as_the_subject_of_what_they_want_is_you() -> None:
    tariq = Recipient("Tariq", "senior associate")
    line = "Tariq wants someone who can run disclosure without hand holding"
    assert checked_phrase(line, line, tariq, []) == \
        "you want someone who can run disclosure without hand holding"
    # how they looked is never told back to them
    assert checked_phrase("Tariq nodded a lot", "Tariq nodded a lot", tariq, []) is None
    # someone known by title, talking about a thing: the thing
    line = "HR woman went on about the wellbeing programme, fine"
    assert checked_phrase("HR woman went on about the wellbeing programme", line,
                          Recipient(None, "HR"), []) == "the wellbeing programme"


def test_a_promise_said_to_someone_else_is_theirs_and_why_is_no_part_of_it() -> None:
    line = ("I said to Mr Quayle I'd email him a copy of my food safety certificate because HR "
            "need it")
    assert promise_action(line, Recipient("Mr Quayle"), ["Rohan"]) == \
        "email you a copy of my food safety certificate"
    assert promise_action(line, Recipient("Rohan Pillai"), ["Quayle"]) is None


def test_a_promise_without_its_apostrophe_and_with_an_aside_after_a_dash() -> None:
    line = ("promised Tariq id send him the disclosure checklist template i built - scrub the "
            "client names first")
    assert promise_action(line, Recipient("Tariq"), []) == \
        "send you the disclosure checklist template"


@pytest.mark.parametrize(("line", "private"), [
    ("privilege review on 5k emails, no guidance", False),  # a count, not pay
    ("salary 34-37k, top of band", True),
    ("they offered me 40k", True),
    ("the M5 offer was a surprise", True),
    ("write the email making the case for M6", True),
    ("I have to hand my notice in by 31 May", True),
    ("office now 3 days not 2", True),
    ("pattern is 4 nights on 4 off", True),
    ("the M1 motorway junction was closed", False),
])
def test_pay_points_notice_and_office_days_are_unsayable(line: str, private: bool) -> None:
    from debrief.features.message_details import unsayable

    assert unsayable(line) == private


def test_the_users_own_story_of_the_day_is_no_detail() -> None:
    note = CHEF_NOTE + "I was back at the car by half past three, shaking slightly.\n"
    used = details_used(note)
    assert "back at the car" not in used and "pass on a full Saturday" in used


def test_an_unnamed_reader_known_by_an_acronym_is_found_by_it() -> None:
    note = ("Tariq: any e-disclosure platforms?\nHR: notice period, holiday booked\n"
            "HR woman went on about the wellbeing programme, fine\n")
    d = Debrief(id="d1", company="Pellow", date="2025-03-11", notes=note,
                people=[Person(name="Tariq", title="senior associate"),
                        Person(name=None, title="HR")])
    assert title_key(d, "HR") == "hr"
    used = [x.phrase for x in details_for(d, "HR", "thank-you")]
    assert used == ["the wellbeing programme"]  # not Tariq's question


def test_a_promise_whose_thing_is_named_only_before_it_is_none() -> None:
    fern = Recipient("Fern")
    # "them" was the references, named before the promise: never "send you by wed"; her
    # request (her name typed in lower case) says what
    assert promise_action("fern wants 2 references, told fern id send them by wed", fern,
                          []) == "send you 2 references by wed"
    assert promise_action("I said I'd forward her the one we wrote with the practice nurses",
                          fern, []) is None
    assert promise_action("I promised to send her the one-page summary", fern, []) == \
        "send you the one-page summary"
    assert promise_action("I'll send her one sample lesson plan and two references by Monday",
                          fern, []) == "send you one sample lesson plan and two references by Monday"
    # shorthand verb spelled out; a cut never ends on "how"
    assert promise_action("told fern id fwd her the link to the short safety vids we use",
                          fern, []) == "forward you the link to the short safety vids we use"
    assert promise_action("agreed to email her a rough sketch of the lane layout idea + how we "
                          "did it at halbrook, by mon", fern, []) == \
        "email you a rough sketch of the lane layout idea by mon"


def test_who_someone_is_and_the_shortlist_are_no_details() -> None:
    from debrief.core.domain import EvidencedPerson

    note = ("video call thurs 15 may, 45 min\n"
            "- Marguerite Lyle, site GM. sharp, quick, asks the q then waits\n"
            "- she wanted to know how agency staff are briefed on nights\n"
            "- Ayo from HR, did the paperwork bit\n"
            "- its down to me + 1 internal. ayo let that slip\n")
    people = [Person(name="Marguerite Lyle", title="site GM"), Person(name="Ayo", title="HR")]
    intros = Extraction(people=[
        EvidencedPerson(name="Marguerite Lyle", title="site GM", evidence="Marguerite Lyle, site GM"),
        EvidencedPerson(name="Ayo", title="HR", evidence="Ayo from HR")])
    d = Debrief(id="x", notes=note, company="Tolland Cross DC", role="Night Shift Supervisor",
                date="2025-05-15", people=people, extraction=intros)
    said = [x.text for x in details_for(d, "Marguerite Lyle", "thank-you")]
    assert said == ["she wanted to know how agency staff are briefed on nights"]
    # what she asked, on the line that introduces her, stays
    asked = note.replace("sharp, quick, asks the q then waits",
                         "asked me about the chilled dock")
    d = d.model_copy(update={"notes": asked})
    assert any("chilled dock" in x.text for x in details_for(d, "Marguerite Lyle", "thank-you"))
    for line in ("its down to me + 1 internal", "down to two of us now"):
        assert SENSITIVE.search(line), line


def _sheet(note: str, company: str, met: list[tuple[str, str]], **extra) -> Debrief:
    """An actuarial analyst's debrief of `company` with the people met as (name, title)
    pairs and an extraction of `extra`'s items."""
    return Debrief(id="x", notes=note, company=company, role="Pricing Analyst",
                   date="2026-09-08", people=[Person(name=n, title=t) for n, t in met],
                   extraction=Extraction(**extra))


def test_a_numbered_or_spreadsheet_introduction_and_a_nickname_are_no_details() -> None:
    from debrief.core.domain import EvidencedPerson

    note = ("date,company,stage,who,what\n"
            '08/09/2026,Tausi Life,panel,"Mr. Peter Langat, Head of Actuarial",Chaired. Grey suit '
            "very calm and kind. Outside the room everybody calls him PK\n"
            "08/09/2026,Tausi Life,info,PK,the new hire prices the hospital cash product with him\n"
            "Panel:\n"
            "  (1) Mr. Brian Kiptoo, CEO and co-founder. Ex-banker, sneakers with a smart suit.\n"
            "  Brian asked what I would do when funeral cover claims hit 23%.\n")
    d = _sheet(note, "Tausi Life", [("Peter Langat", "Head of Actuarial"), ("Brian Kiptoo", "CEO")],
               people=[EvidencedPerson(name="Peter Langat", title="Head of Actuarial",
                                       evidence="Mr. Peter Langat, Head of Actuarial"),
                       EvidencedPerson(name="Brian Kiptoo", title="CEO",
                                       evidence="Mr. Brian Kiptoo, CEO and co-founder.")])
    said = " / ".join(x.text for x in [*details_for(d, "Peter Langat", "thank-you"),
                                       *details_for(d, "Brian Kiptoo", "thank-you")])
    assert "funeral cover" in said
    for words in ("Grey suit", "calls him PK", "sneakers"):
        assert words not in said


def test_a_spreadsheet_rows_who_cell_says_whose_row_it_is() -> None:
    from debrief.core.domain import EvidencedPerson, Item

    note = ("date,company,type,who,what,to_do\n"
            "08/09/2026,Ruvu Life,Q,Peter Langat,how I would price a hospital cash product,\n"
            "08/09/2026,Ruvu Life,info,Faith,the onboarding week runs in the Mombasa office,\n"
            "08/09/2026,Ruvu Life,promise,Peter Langat,,send a sample of my R code by Fri 11th\n"
            "08/09/2026,Ruvu Life,promise,Faith,,copies of my ID and degree certificate by Monday\n")
    d = _sheet(note, "Ruvu Life", [("Peter Langat", "Head of Actuarial"), ("Faith", "HR")],
               people=[EvidencedPerson(name="Faith", title="HR", evidence="Faith")],
               insider_info=[Item(text="Onboarding in Mombasa",
                                  evidence="the onboarding week runs in the Mombasa office")],
               follow_ups=[Item(text="R code to Peter",
                                evidence="send a sample of my R code by Fri 11th"),
                           Item(text="ID to Faith",
                                evidence="copies of my ID and degree certificate by Monday")])
    faith = [x for x in details_for(d, "Faith", "follow-up")]
    said = " / ".join(x.text for x in faith)
    assert "R code" not in said and "hospital cash" not in said  # Peter's rows
    assert any(x.kind == "promise" and "ID and degree certificate" in x.text for x in faith)
    peter = " / ".join(x.text for x in details_for(d, "Peter Langat", "thank-you"))
    assert "R code" in peter and "degree certificate" not in peter and "Mombasa" not in peter


def test_a_screening_question_is_no_topic() -> None:
    note = ("Phone screen today with the housing unit supervisor.\n"
            "She asked how many hearings I'd handled alone and whether I speak Spanish. One and no.\n"
            "She asked how I would prepare a tenant for their first hearing.\n")
    d = Debrief(id="x", notes=note, company="Ambrose Kettering Legal Aid", role="attorney",
                date="2025-05-15", people=[Person(name=None, title="housing unit supervisor")])
    said = " ".join(x.phrase or x.text for x in details_for(d, "housing unit supervisor",
                                                               "connect"))
    assert "prepare a tenant" in said
    assert "Spanish" not in said and "hearings I" not in said


@pytest.mark.parametrize(("line", "action"), [
    # an answer they want by a day, or the user has until a day to give one
    ("Written offer coming by email Monday and they want an answer by Thursday",
     "give you my answer by Thursday"),
    ("I have until next Friday to answer.", "give you my answer by next Friday"),
    ("they want a decision by the 20th", "give you my decision by the 20th"),
    ("I have till the 3rd to decide", "give you my answer by the 3rd"),
    # the day with its month or its date ("by 10" is no day)
    ("they need my answer by 10 October.", "give you my answer by 10 October"),
    ("Dana rang: they need my answer by Friday.", "give you my answer by Friday"),
    ("Recruiter called: they want an answer by Friday.", "give you my answer by Friday"),
    ("she wants a reply by Friday 13th, she said", "give you my answer by Friday 13th"),
    # a first step that gives nothing, then the promise
    ("I said I'd think about it and let her know by Monday", "let you know by Monday"),
    # what the user is supposed to do is theirs to do
    ("I'm supposed to send a copy of my driving\nrecord", "send you a copy of my driving record"),
])
def test_answers_owed_and_promises_after_a_first_step(line: str, action: str) -> None:
    assert promise_action(line, Recipient("Dana Reyes", "recruiter"), ["Tomek"]) == action


@pytest.mark.parametrize("line", [
    "Tomek wants an answer by Friday",  # owed to someone else
    "she said I will hear by Friday",  # theirs to give
    "I said I'd think about it",  # nothing promised
])
def test_no_answer_is_owed_where_the_line_owes_none(line: str) -> None:
    assert promise_action(line, Recipient("Dana Reyes", "recruiter"), ["Tomek"]) is None


@pytest.mark.parametrize(("line", "to", "others", "action"), [
    # non-native present tense: "I promise X to send", "X ask for …"
    ("I promise Mrs Penrose to send copy of CILEx certificate and my passport for ID check, "
     "until Friday.", "Mrs Fay Penrose", [],
     "send copy of CILEx certificate and my passport for ID check, by Friday"),
    ("Owen ask for example of bundle index I did. I say I send him one with client names "
     "removed", "Owen Sandiford", [], "send you example of bundle index"),
    # the reader named with a title
    ("Told Dr Sollas I'd send her the preprint of the perturbation paper as soon as it's up on "
     "bioRxiv next week", "Dr Imke Sollas", [],
     "send you the preprint of the perturbation paper as soon as it's up"),
    # a reason after "since I" is not part of the promise
    ("I promised Dr Malmberg a short note on the two-year question since I fumbled it",
     "Dr Signe Malmberg", [], "send you a short note on the two-year question"),
    # "said id send both by tues": the things are in the sentence before
    ("send rhodri the dates i cant do for the assessment day (hols 20-24 oct) + a list of the "
     "instrument kit ive used. said id send both by tues", "Rhodri Pugh", [],
     "send you the dates I cant do for the assessment day by tues"),
    # a name typed in lower case asks all the same; "on it" stands for the thing named
    ("sam wants my cv updated w the 2391 on it, said id do it tonight and send it him", "Sam",
     ["Trish"], "send you my cv updated w the 2391 on it"),
    ("I must answer until Monday 3 November.", "Lorna Beckwith", [],
     "give you my answer by Monday"),
    # promised to someone else, in lower case too
    ("told trish id send 2 refs by fri, hensall + the cold store job", "Sam", ["Trish"], None),
    # asked if I'd share it, and said I'd: the thing asked for
    ("Dr Albrecht asked if I'd share the plotting code from my talk; said I'd put it in a "
     "public repo and send her the link", "Dr Rosalind Albrecht", ["Sollas"],
     "share the plotting code from my talk with you"),
    # a promise that only points back names nothing ("send both by tues")
    ("said id send both by tues", "Rhodri Pugh", [], None),
    ("I will send them all over tonight", "Rhodri Pugh", [], None),
    # what they need, then the user's word that they will send it (my own wordings)
    ("Teodor needs a scan of my forklift licence for their records and I told him he'd have "
     "it by Thursday", "Teodor", ["Mirela"],
     "send you a scan of my forklift licence for their records by Thursday"),
    ("Mrs Okafor need the reference letter from my old ward, I tell her I send it when it come",
     "Grace Okafor", [], "send you the reference letter from my old ward when it come"),
    ("Mr Dalby needs my first aid certificate number and I agreed to email it to him tonight.",
     "Mr Dalby", ["Ruth"], "send you my first aid certificate number tonight"),
    ("I promise to Ilse I will send her the rota template from my old ward", "Ilse Maas",
     ["Karl"], "send you the rota template from my old ward"),
    ("I promise to Ilse I will send her the rota template from my old ward", "Karl Brandt",
     ["Ilse"], None),
    # a table or list of what is owed whom, by name or initials (my own rows)
    ("Petra | copy of my HGV medical | said \"you'll have it by Thursday\"", "Petra Lind", [],
     "send you a copy of my HGV medical by Thursday"),
    ("PL: my two referees' phone numbers by Fri.", "Petra Lind", [],
     "send you my two referees' phone numbers by Fri"),
    # (one already done is said as sent: "As promised, I've sent you …")
    ("Petra: rota spreadsheet, same night (DONE)", "Petra Lind", [],
     "have sent you the rota spreadsheet"),
    ("PL: my two referees' phone numbers by Fri.", "Oskar Berg", [], None),
    ("Gwen wants to see my equine module certificate and I said I'd email it to her by Friday",
     "Gwen", [], "send you my equine module certificate by Friday"),
    # the story of a thing goes, what the promise says after it stays
    ("I promise Aled to send him example of lift plan I wrote before, without the client names, "
     "by Monday.", "Aled Morgan", [], "send you example of lift plan, without the client names, "
     "by Monday"),
    ("I told Ines I'd write up the handling protocol we used at Brookvale and get it to her "
     "next week", "Dr Ines Carraway", [], "write up the handling protocol and get it to you next "
     "week"),
    # someone the reader is not, asked: the user's own step
    ("ask lou if the 7am start works with the school run", "Hannah Lister", [], None),
    ("ask Dr Okonjo first!!", "Fiona Baird", [], None),
    # a thing made from another, then sent: the other as the line names it
    ("she liked the rota planner I built at Harlow so I offered to cut it down to a blank "
     "template and email it across tomorrow", "Jen Saul", [],
     "email you a blank template of the rota planner tomorrow"),
])
def test_promises_written_by_hurried_and_non_native_writers(
        line: str, to: str, others: list[str], action: str | None) -> None:
    assert promise_action(line, Recipient(to), others) == action


def test_a_reader_known_by_title_is_found_by_the_section_their_title_heads() -> None:
    note = ("Kto był:\n- Owen Sandiford, senior associate.\n"
            "- After, secretary from the team show me the floor. Very nice lady, long grey hair.\n"
            "\nO firmie:\n- Team is 3 partners and 2 secretaries.\n"
            "\nPytania:\n- Owen: what is court bundle and how you prepare index.\n"
            "\nSecretary on the floor:\n- She show me the bundle room and the archive.\n"
            "\nDla mnie:\n- Read the e-filing guidance again.\n"
            "- they will tell me by the twentieth\n")
    d = Debrief(id="d1", company="Quaile Ashworth LLP", role="legal secretary",
                date="2025-10-21", notes=note,
                people=[Person(name="Owen Sandiford", title="senior associate"),
                        Person(name=None, title="team secretary")],
                extraction=Extraction(follow_ups=[
                    Item(text="Reread e-filing guidance", evidence="Read the e-filing guidance again."),
                    Item(text="Answer by the 20th", evidence="they will tell me by the twentieth")],
                    people=[EvidencedPerson(
                        name=None, title="team secretary",
                        evidence="secretary from the team show me the floor. Very nice lady, "
                                 "long grey hair")]),
                extraction_status="done")
    # the section "Secretary on the floor:" is hers, though the job is a secretary's too
    assert title_key(d, "team secretary") == "secretary"
    used = [x.text for x in details_for(d, "team secretary", "thank-you")]
    assert used and all("bundle room" in t for t in used)
    # the user's own to-do and what happens next are no topic, even when the whole note is read
    whole = [x.text for x in details_for(d, None, "thank-you")]
    assert not any("e-filing" in t or "twentieth" in t for t in whole)


def test_one_of_several_with_the_readers_title_is_the_reader() -> None:
    note = ("Panel: Prof Heng (Head of School) and Dr Kavanagh. Before the panel I gave a talk to "
            "about fifteen people, two of them PhD students.\n\n"
            "One of the PhD students, I didn't get her name, asked: how would you support "
            "students who come from a wet-lab background and have never coded?\n"
            "I said: pair them with a computational student. She nodded a lot.\n\n"
            "Kavanagh said: the second-year module has 180 students.\n")
    q = "how would you support students who come from a wet-lab background and have never coded?"
    d = Debrief(id="d1", company="University of Carrowmere", role="Lecturer", date="2025-10-29",
                notes=note, people=[Person(name="Prof Heng", title="Head of School"),
                                    Person(name="Dr Kavanagh", title="Director of Teaching"),
                                    Person(name=None, title="PhD student")],
                extraction=Extraction(questions_asked=[Item(text="Supporting wet-lab students",
                                                            evidence=q)]),
                extraction_status="done")
    used = [x.text for x in details_for(d, "PhD student", "connect")]
    assert used == [q]  # her question; not her nod, not Kavanagh's module


def test_a_sentence_after_an_introduction_in_the_same_paragraph_is_still_a_detail() -> None:
    intro = "Rosalind Achebe-Ford, who chairs the employment group"
    note = (f"The big case ended last Friday. {intro}, mentioned it in the first five minutes. "
            "So the seat has been "
            "reshaped: it's now split half employment and half commercial litigation.\n\n"
            "+ lunch with three people from the content team, no managers\n")
    d = Debrief(id="d1", company="Farrow Ketteridge LLP", role="associate", date="2024-02-01",
                notes=note, people=[Person(name="Rosalind Achebe-Ford", title="chair"),
                                    Person(name=None, title="content team members")],
                extraction=Extraction(people=[
                    EvidencedPerson(name="Rosalind Achebe-Ford", title="chair", evidence=intro),
                    EvidencedPerson(name=None, title="content team members",
                                    evidence="lunch with three people from the content team")]),
                extraction_status="done")
    used = " ".join(x.text for x in details_for(d, "Rosalind Achebe-Ford", "thank-you"))
    assert "seat has been reshaped" in used
    # time spent with them is what a note to them recalls
    lunch = [x.text for x in details_for(d, "content team members", "connect")]
    assert any("lunch with three people" in t for t in lunch)


@pytest.mark.parametrize(("line", "kept"), [
    # the employer wants an answer: owed to whoever writes for it
    ("Written offer coming by email Monday and they want an answer by Thursday", True),
    ("I have until next Friday to answer.", True),
    # one person wants it, away from the reader's part: owed to that person
    ("He wants an answer by Friday 14 November", False),
])
def test_an_answer_owed_goes_to_the_reader_unless_someone_else_wants_it(
        line: str, kept: bool) -> None:
    note = f"Final round with the finance director, Dana Reyes.\n\nLater:\n{line}\n"
    d = Debrief(id="d1", company="Halvard", role="analyst", date="2024-03-01", notes=note,
                people=[Person(name="Dana Reyes", title="finance director"),
                        Person(name="Connor Vasey", title="MD")],
                extraction=Extraction(follow_ups=[Item(text="answer", evidence=line)]),
                extraction_status="done")
    promises = [x.phrase for x in details_for(d, "Dana Reyes", "follow-up")
                if x.kind == "promise"]
    assert bool(promises) is kept


@pytest.mark.parametrize("kind", ["thank-you", "follow-up", "connect"])
def test_an_answer_owed_is_said_as_what_the_user_will_do_not_as_a_promise(kind: str) -> None:
    assert promise_line(kind, "give you my answer by next Friday") == \
        "I'll give you my answer by next Friday."
    assert promise_line(kind, ["give you my answer by Thursday", "send you the deck"]).startswith(
        "I'll give you my answer by Thursday. As promised, ")


@pytest.mark.parametrize(("typed", "sent"), [
    ("every 20 mins whats yr fault finding", "every 20 minutes what's your fault finding"),
    ("by thurs", "by Thursday"),
    ("fri 10 oct", "Friday 10 October"),
    ("what id done on panel builds", "what I'd done on panel builds"),
    ("theyre going for the contract in jan", "they're going for the contract in January"),
    ("send 2 refs", "send 2 references"),
    ("for a yr, 10 yrs", "for a year, 10 years"),
    ("cos of the new line", "because of the new line"),
    # words that are words too stay as typed
    ("sat down with the sun behind us", "sat down with the sun behind us"),
    ("its fine, photo id check, well done", "its fine, photo id check, well done"),
])
def test_typed_out_spells_shorthand_for_a_reader(typed: str, sent: str) -> None:
    assert typed_out(typed) == sent


def _met(note: str, *people: tuple[str | None, str], **extra) -> Debrief:
    """A debrief whose people were met as (name, title) pairs, with their evidence."""
    return Debrief(id="x", company="Wrenfold Trust", role="Family Worker", date="2025-10-20",
                   notes=note, people=[Person(name=n, title=t) for n, t in people],
                   extraction=Extraction(**extra))


def test_a_section_titled_private_never_reaches_a_message() -> None:
    from debrief.features.message_details import private_sections

    note = ("3. What they asked\n   3.1 Mrs Oduya asked how I would run a family group.\n\n"
            "4. Private observations (not for discussion with them)\n"
            "   4.1 Mrs Oduya said the last worker and the manager never got on.\n"
            "   4.2 The shorter week would let me do the school run.\n\n"
            "5. Next steps\n   5.1 They decide by Friday.\n")
    spans = private_sections(note)
    assert len(spans) == 1 and "never got on" in note[spans[0].start:spans[0].end]
    assert "decide by Friday" not in note[spans[0].start:spans[0].end]
    d = _met(note, ("Mrs Grace Oduya", "manager"))
    text = " ".join(x.text for x in details_for(d, "Mrs Grace Oduya", "thank-you"))
    assert "family group" in text
    assert "never got on" not in text and "school run" not in text
    # a name with "Private" in it is no such title
    assert not private_sections("Fairmead Private Clinic - nurse\nThey asked about rotas.\n")


def test_transcript_lines_the_user_or_the_reader_in_role_said_are_no_topics() -> None:
    note = ("ROLE PLAY\n"
            "Bo (as an upset father): Nobody told me anything. You just moved her.\n"
            "Me: I'm sorry. Can we go through what was decided and why?\n"
            "Bo: She hates it there.\n\n"
            "Bo, after: asked how I would explain the move to the father's sister.\n")
    d = _met(note, ("Bo", "senior practitioner"), ("Ana Pike", "manager"))
    details = details_for(d, "Bo", "thank-you")
    text = " ".join(x.text for x in details)
    assert "Can we go through" not in text and "She hates it" not in text
    assert "Nobody told me" not in text
    assert "explain the move" in text


def test_the_title_as_the_note_says_it_finds_an_unnamed_reader() -> None:
    note = ("Who was there: the area head chef and Kerry from the people team.\n"
            "- The area chef asked how I keep standards on a busy Saturday.\n"
            "- The area chef asked for two winter specials. I promise to send him a photo and "
            "a spec for each, through Kerry because I don't have his email.\n"
            "- The head office is huge.\n")
    d = Debrief(id="x", company="Ember Grill", role="Sous Chef", date="2025-11-11",
                notes=note, people=[Person(name=None, title="area head chef"),
                                    Person(name="Kerry", title="people team")],
                extraction=Extraction(follow_ups=[Item(
                    text="Winter specials", evidence="The area chef asked for two winter "
                    "specials. I promise to send him a photo and a spec for each, through "
                    "Kerry")]))
    assert title_key(d, "area head chef") == "area chef"
    chef = details_for(d, "area head chef", "thank-you")
    assert any(x.kind == "promise" and x.phrase == "send you a photo and a spec for each"
               for x in chef)
    kerry = details_for(d, "Kerry", "thank-you")
    assert not any(x.kind == "promise" for x in kerry)  # she only carries it


@pytest.mark.parametrize(("line", "to", "action"), [
    ("I undertook to provide Mrs Oduya with a written reflection on a case by Friday 31 "
     "October.", "Mrs Grace Oduya",
     "provide you with a written reflection on a case by Friday 31 October"),
    ("Told Siân I'd reply about the ops role by next Friday, and send her my portfolio link.",
     "Siân Kerr", "reply about the ops role by next Friday, and send you my portfolio link"),
    ("I told her I'd love to and would send her a couple of dates in December.", "Dr Ana Rao",
     "send you a couple of dates in December"),
])
def test_promises_in_formal_and_plain_wordings(line: str, to: str, action: str) -> None:
    assert promise_action(line, Recipient(to), []) == action


def test_a_promise_to_someone_known_by_title_is_theirs() -> None:
    assert promise_action("I also promised the HR woman my update service number",
                          Recipient(None, "HR"), []) == "send you my update service number"


def test_a_her_after_a_sentence_naming_someone_else_is_that_person() -> None:
    note = ("Undertakings\nPriya asked about the grief course I did.\n"
            "I agreed to forward her the details of the course provider.\n")
    d = _met(note, ("Priya", "coordinator"), ("Mrs Grace Oduya", "head of service"),
             follow_ups=[Item(text="Forward course details", evidence="I agreed to forward "
                              "her the details of the course provider.")])
    assert not any(x.kind == "promise" for x in details_for(d, "Mrs Grace Oduya", "follow-up"))
    assert any(x.kind == "promise" for x in details_for(d, "Priya", "thank-you"))


def test_news_under_another_employers_header_is_theirs() -> None:
    note = ("Questions\nCallum asked how I prioritise discharges.\n\n"
            "PELLINGHAM\nThey're offering and they want an answer by 10 November.\n")
    d = _met(note, ("Callum Reid", "service manager"),
             follow_ups=[Item(text="Answer Pellingham", evidence="they want an answer by 10 "
                              "November")])
    details = details_for(d, "Callum Reid", "thank-you", {"Pellingham Council"})
    assert not any("answer" in (x.phrase or "") for x in details)


def test_a_case_they_set_is_what_the_user_would_do() -> None:
    sentence = body_sentence("thank-you", "warm", "question",
                             "a ward sister wants a patient out before your assessment is done")
    assert "what I would do when a ward sister wants a patient out before my assessment" \
        in sentence


def test_a_quoted_question_in_their_voice_keeps_its_me() -> None:
    sentence = body_sentence("follow-up", "formal", "question",
                             "how would you convince me if your findings said the opposite?")
    assert "convince me" in sentence and "convince you" not in sentence
    assert run_checks(f"Dear Ravi,\n\n{sentence}\n\nSam", Recipient("Ravi Mensah"),
                      "follow-up", "formal")[2].passed  # a quote is no claim about them


def test_two_letter_names_and_a_chefs_title() -> None:
    assert Recipient("Jo").names() == ["Jo"] and Recipient("Li Wei").names() == ["Li", "Wei"]
    assert Recipient("Anna de Wit").names() == ["Anna", "Wit"]
    assert frames.greeting("thank-you", "warm", Recipient("Chef Iñaki Berrondo")) == \
        "Hi Chef Berrondo,"  # as "Hi Dr Rao,"


def test_a_readers_question_typed_as_a_noun_phrase_stays_a_question() -> None:
    note = "Questions:\n- Phil: time you disagreed w/ a senior stakeholder + outcome\n"
    d = _met(note, ("Phil", "HR"), ("Ama Boateng", "brand lead"))
    assert any("disagreed with a senior stakeholder" in (x.phrase or "")
               for x in details_for(d, "Phil", "follow-up"))


def test_what_goes_on_from_pay_on_its_line_and_a_familys_care_stay_out() -> None:
    note = ("- Ruth asked how I prioritise two urgent deadlines.\n"
            "- 31,000 is the best money. But the days are long, and it is close. Mama operation "
            "in November still.\n")
    d = _met(note, ("Ruth Bell", "partner"))
    text = " ".join(x.text for x in details_for(d, "Ruth Bell", "thank-you"))
    assert "two urgent deadlines" in text and "Mama" not in text and "days are long" not in text


def test_a_promise_under_private_notes_still_closes_the_message() -> None:
    note = ("Talk went fine. Ruth asked about my plotting.\n\n"
            "Private notes (not for the review):\n"
            "- Ruth asked if I'd share the plotting code; said I'd send her the link.\n"
            "- The lab manager and Ruth do not get on.\n")
    d = _met(note, ("Dr Ruth Bell", "group leader"), ("Sam Ode", "lab manager"))
    details = details_for(d, "Dr Ruth Bell", "thank-you")
    assert any(x.kind == "promise" and "plotting code" in (x.phrase or "") for x in details)
    assert not any("get on" in x.text for x in details)


def test_own_study_and_a_promise_in_another_persons_part_do_not_close_a_note() -> None:
    """"get a refresher on tia portal before rnd 2" is the user's own study; "told him id send
    him the photos", in the part about Moss, is owed to Moss, not to Declan."""
    from debrief.core.domain import Item
    from debrief.features.phrasing import promise_action

    assert promise_action("get a refresher on tia portal before rnd 2, youtube or ask lee",
                          Recipient("Declan Furey"), []) is None
    assert promise_action("- read up on vsd fault codes", Recipient("Declan Furey"), []) is None
    note = ("declan furey, eng manager. asked about PLC faults and permits.\n"
            "- said id email declan my 18th ed cert by thurs\n\n"
            "moss (days shift engineer)\n"
            "- on the qt moss said nights are short staffed\n"
            "- he asked what id done on panel builds. told him id send him the proper photos\n\n"
            "me\n- get a refresher on tia portal before rnd 2\n")
    todo = ["said id email declan my 18th ed cert by thurs",
            "told him id send him the proper photos", "get a refresher on tia portal before rnd 2"]
    d = _met(note, ("Declan Furey", "engineering manager"), ("Moss", "shift engineer"),
             follow_ups=[Item(text=t, evidence=t) for t in todo])
    promised = [x.phrase or "" for x in details_for(d, "Declan Furey", "follow-up")
                if x.kind == "promise"]
    assert any("18th ed cert" in p for p in promised)
    assert not any("photos" in p or "refresher" in p for p in promised)
    to_moss = [x.phrase or "" for x in details_for(d, "Moss", "follow-up") if x.kind == "promise"]
    assert any("photos" in p for p in to_moss)


@pytest.mark.parametrize(("line", "to", "action"), [
    # told by name to someone else: not the reader's
    ("told priya i'd give her an answer by monday 3rd", "Bev Antrobus", None),
    ("told priya i'd give her an answer by monday 3rd", "Priya", "give you an answer by monday 3rd"),
    # the reader named before "i said i'd", then "her": the reader
    ("bev asked about the first aid refresher, i said i'd dig out the details and send them to "
     "her", "Bev Antrobus", "dig out the details and send them to you"),
    # Indian English: "kindly", "do the needful" pointing back, "revert with", numbered lines
    ("6.1 Ms. Deepthi asked me to kindly send last 3 payslips and Form 16.", "Deepthi Rao",
     "send you last 3 payslips and Form 16"),
    ("kindly send last 3 payslips and Form 16. I have told I will do the needful by Thursday.",
     "Deepthi Rao", "send you last 3 payslips and Form 16 by Thursday"),
    ("I promised Mr. Kulkarni that I will revert with the payroll checklist I made at Tarangan, "
     "after removing the employee data.", "Ashwin Kulkarni",
     "send you the payroll checklist, after removing the employee data"),
    ("I told Neil I will send him one sample client email", "Neil Fothergill",
     "send you one sample client email"),
    # what they need, then the user's word: any thing, not only the known sendables
    ("priya needs my five year employment history for the airside pass, told her she'd have it "
     "by monday, doing it sunday.", "Priya",
     "send you my five year employment history for the airside pass by monday"),
])
def test_promises_told_in_more_voices(line: str, to: str, action: str | None) -> None:
    from debrief.features.phrasing import promise_action

    assert promise_action(line, Recipient(to), []) == action


def test_the_users_own_list_and_whose_part_a_line_is_in_a_run_on_note() -> None:
    from debrief.core.domain import Item
    from debrief.features.message_details import own_sections, person_units

    note = ("6.2 Ms. Rao asked about my notice period.\n"
            "6.3 For myself: study NI letters properly. Check CIPP course fees.\n"
            "MY STUFF\n- re-read the closure rules\n\nOther news: none.\n")
    spans = [note[s.start:s.end] for s in own_sections(note)]
    assert any("Check CIPP course fees." in s for s in spans)
    assert any("re-read the closure rules" in s for s in spans)
    assert not any("notice period" in s or "Other news" in s for s in spans)
    # a hard-wrapped paragraph under "For me only:" is the user's own, its family news too
    wrapped = ("Promises. The depot lead wants my rota idea by Monday.\n\n"
               "For me only: look up the union rules before round two. Dad phoned at\n"
               "lunch about his hospital letter again. Not now.\n\nAfter that, home.\n")
    own = [wrapped[s.start:s.end] for s in own_sections(wrapped)]
    assert any("Dad phoned at\nlunch about his hospital letter" in s for s in own)
    assert not any("rota idea" in s or "home" in s for s in own)
    assert [wrapped[s.start:s.end] for s in own_sections(
        wrapped.replace("For me only:", "Just for me:"))] == own
    d = _met(note, ("Deepthi Rao", "HR"),
             follow_ups=[Item(text="fees", evidence="Check CIPP course fees.")])
    assert not any("CIPP" in x.text for x in details_for(d, "Deepthi Rao", "follow-up"))
    # one paragraph: "he" after Priya is the station manager, whom she is not
    run_on = ("the station manager ran it, grey moustache. priya from hr sat in and did the forms. "
              "first thing he asked was why i want the ramp. then priya asked about a time i "
              "decided alone. the ramp supervisor walked me round airside after. "
              "priya needs my history, told her she'd have it by monday.")
    d = _met(run_on, (None, "station manager"), ("Priya", "HR"), (None, "ramp supervisor"))
    mine = " ".join(u.text for u in person_units(d, "Priya"))
    assert "priya asked about a time" in mine and "forms" in mine
    assert "why i want the ramp" not in mine and "walked me round" not in mine


def test_a_name_with_a_title_after_it_is_someone_and_a_title_stop_ends_no_sentence() -> None:
    from debrief.features.phrasing import INNER_END

    note = ("Neil asked me to explain P45 and P60 to someone outside payroll.\n"
            "- The checklist I had promised Ashwin sir in round 1 is already sent.\n")
    d = _met(note, ("Neil Fothergill", "director"))
    text = " ".join(x.text for x in details_for(d, "Neil Fothergill", "thank-you"))
    assert "P45" in text and "Ashwin" not in text
    assert not INNER_END.search("Panel was Ms. Farzana Qureshi and Mr. Neil Fothergill")
    assert INNER_END.search("the panel was kind. Farzana asked first")


def test_a_note_told_in_the_second_person_is_read_in_the_first() -> None:
    from debrief.core.domain import Item
    from debrief.features.message_details import first_person, second_person

    note = ("You get to the ops centre early. You buzz twice. Marek walks you past the desks.\n"
            "Oona asks why you'd leave the flying side. You say you're tired of nights away. "
            "You talk about CRM and she perks up.\n"
            "You tell Oona you'll send her a copy of your CRM certificate, and you won't let "
            "the weekend go by.\n")
    assert second_person(note)
    assert not second_person("I got there early. You know how it is. I buzzed twice.\n")
    assert first_person("Marek walks you past the desks and says you have forty minutes") == \
        "Marek walks me past the desks and says I have forty minutes"
    assert first_person("how would you feel about your rota") == "how would I feel about my rota"
    promise = "You tell Oona you'll send her a copy of your CRM certificate"
    d = _met(note, ("Oona Kessel", "head of operations control"), ("Marek", "dispatcher"),
             follow_ups=[Item(text="certificate", evidence=promise)])
    details = details_for(d, "Oona Kessel", "thank-you")
    assert any(x.kind == "promise" and x.phrase == "send you a copy of my CRM certificate"
               for x in details)
    # how she took it is the user's read of her, never told back
    assert not any("perk" in (x.phrase or "") for x in details)


def test_a_line_goes_on_with_the_reader_by_their_subject_pronoun_only() -> None:
    """"the pre-admission testing nurse came over to ask him something": "him" is Wendell, so
    her next line ("She said they're hiring …") is still hers."""
    from debrief.features.message_details import person_units

    note = ("While I was with Wendell, the pre-admission testing nurse came over to ask him "
            "something and we got talking.\nShe said they're hiring a part-time PAT phone nurse, "
            "3 days a week.\nWendell showed me the bays.\n")
    d = _met(note, ("Wendell", "PACU nurse"), (None, "pre-admission testing nurse"))
    mine = " ".join(u.text for u in person_units(d, "pre-admission testing nurse",
                                                 key="testing"))
    assert "hiring a part-time PAT phone nurse" in mine


@pytest.mark.parametrize(("line", "action"), [
    ("I'll get the certificate copy to her by Friday that's Sandy she needs my vaccination "
     "training certificate", "get the certificate copy to you by Friday"),
    ("said I'd bring my portfolio to her on Monday", "bring my portfolio to you on Monday"),
])
def test_a_thing_brought_to_the_reader_by_name_or_pronoun(line: str, action: str) -> None:
    from debrief.features.phrasing import promise_action

    assert promise_action(line, Recipient("Sandy"), []) == action


def test_a_reader_known_by_a_titles_word_keeps_lines_another_ones_pronoun_would_end() -> None:
    from debrief.features.message_details import person_units

    note = ("The third partner was from the airport office and I have lost his name. He asked "
            "me to describe a mistake I'd made in a filing.\n\n"
            "The fourth slot was the group's other senior partner, but she's leaving.\n")
    d = _met(note, (None, "partner from the airport office"), ("Martin Sewell", "partner"))
    mine = " ".join(u.text for u in person_units(d, "partner from the airport office",
                                                 key="partner"))
    assert "describe a mistake" in mine


@pytest.mark.parametrize(("line", "to", "action"), [
    # my own wordings of what probe20's unseen run missed
    ("Promised R.T. my vaccination record and my driving licence scan by Monday.", "R.T.",
     "send you my vaccination record and my driving licence scan by Monday"),
    ("→ Mrs P: two references from the old depot by Thurs", "Mrs P",
     "send you two references from the old depot by Thurs"),
    # a name written with one letter different is the same person
    ("Dr Kaplin wants to see the cleaning checklist I wrote at Fernhill, so I said I'd send it "
     "over once I've taken the names off it.", "Ruth Kaplan", "send you the cleaning checklist"),
    # what the word hangs on stays with it
    ("if Tomas is keen I'll pass Ollie his number", "Ollie", "pass you his number if Tomas is keen"),
    ("Gwen wants the risk assessment I did for the school trips, so she sees how I write one.",
     "Gwen", "send you the risk assessment"),
    # the day said after it, and what it hangs on said whole past the cut
    ("Gwen wants the risk assessment I did for the school trips, so she sees how I write one. "
     "I said by Friday.", "Gwen", "send you the risk assessment, by Friday"),
    ("I said I'd send him a copy of the rota we use for the night buses, but only if my manager "
     "says that's fine", "Ollie",
     "send you a copy of the rota we use for the night buses if my manager says that's fine"),
])
def test_promises_to_readers_called_by_initials_or_spelt_two_ways(line: str, to: str,
                                                                   action: str) -> None:
    from debrief.features.phrasing import promise_action

    assert promise_action(line, Recipient(to), []) == action


@pytest.mark.parametrize(("line", "to", "title", "action"), [
    # whom a promise is to is read as a row's reader is: a nickname, a title said in short
    ("Promised Geoff the ladder inspection log by Friday.", "Geoffrey Marsh", "",
     "send you the ladder inspection log by Friday"),
    ("Geoff gets my Level 3 certificate by Friday.", "Geoffrey Marsh", "",
     "send you my Level 3 certificate by Friday"),
    ("Promised the tech manager two photos of the rack by Monday.", "Ayo Bello",
     "Classroom Technology Manager", "send you two photos of the rack by Monday"),
    # and a row starting with "the" and a word of their title is theirs
    ("The director: a copy of my key register by Monday.", "Ruth Amadi", "Director of Estates",
     "send you a copy of my key register by Monday"),
])
def test_a_promise_names_its_reader_as_a_row_does(line: str, to: str, title: str,
                                                  action: str) -> None:
    from debrief.features.phrasing import promise_action

    assert promise_action(line, Recipient(to, title=title or None), []) == action


def test_initials_and_a_title_with_one_letter_are_what_a_reader_is_called() -> None:
    assert Recipient("K.M.").names() == ["K.M"]
    assert Recipient("Mrs O").names() == ["Mrs O"]
    assert Recipient("JP").names() == ["JP"]
    assert Recipient("Nikhil Mehra").names() == ["Nikhil", "Mehra"]


def test_what_a_line_says_is_off_the_record_is_hidden_to_the_lines_end() -> None:
    """My own wordings: the marker mid-line, and after what it covers."""
    from debrief.features.message_details import off_record_spans

    note = ("Marta said, don't repeat this, but the depot is moving out to Harlow Cross next "
            "year. Harlow Cross would be a long bus ride for me.\nThe yard tour was good.\n"
            "Ned at the gate: the audit found nine faults and none are fixed. Don't tell "
            "anyone, he said.\nThe canteen is new.\n")
    spans = [note[s.start:s.end] for s in off_record_spans(note)]
    assert spans[0].startswith("Marta said") and spans[0].endswith("a long bus ride for me.")
    assert spans[1].startswith("Ned at the gate") and "Don't tell anyone" in spans[1]
    assert not any("yard tour" in s or "canteen" in s for s in spans)
    quoted = ('The canteen is new.\nThen Sian, at the coffee machine: "don\'t quote me, but two '
              'of the four jobs are really for the farm next door".\nThe yard tour was good.\n')
    spans = [quoted[s.start:s.end] for s in off_record_spans(quoted)]
    assert len(spans) == 1 and "farm next door" in spans[0] and "canteen" not in spans[0]


def test_a_promise_to_a_reader_called_by_initials_or_spelt_two_ways_closes_their_note() -> None:
    from debrief.core.domain import Item

    note = ("R.T., the depot manager, asked about my licence.\n\n"
            "Dr Kaplan from occupational health asked about night shifts.\n\n"
            "Joanne showed me the yard and the wash bay, and the new ramp.\n\n"
            "Promised R.T. my vaccination record by Monday. Joanne invited me to the open day.\n"
            "Dr Kaplin wants to see the first aid certificate, so I said I'd send it over.\n")
    d = _met(note, ("R.T.", "depot manager"), ("Ruth Kaplan", "occupational health"),
             ("Joanne", "yard supervisor"),
             follow_ups=[Item(text="record", evidence="Promised R.T. my vaccination record by "
                              "Monday."),
                         Item(text="certificate", evidence="Dr Kaplin wants to see the first aid "
                              "certificate, so I said I'd send it over.")])
    rt = [x.phrase for x in details_for(d, "R.T.", "thank-you") if x.kind == "promise"]
    assert rt == ["send you my vaccination record by Monday"]
    kaplan = [x.phrase for x in details_for(d, "Ruth Kaplan", "thank-you") if x.kind == "promise"]
    assert kaplan == ["send you the first aid certificate"]


@pytest.mark.parametrize(("line", "to", "want"), [
    # a thing promised with no verb of its own, on a timeline's line
    ("14:30  promised Joanna copies of my GWO certs (BST and BTT) and the HV ticket by Friday",
     Recipient("Joanna Whitlow", "Operations Manager North"),
     "send you copies of my GWO certs and the HV ticket by Friday"),
    # to an unnamed reader called by a word of their title
    ("Promised the director two references, my current manager and the Larkspur GP, by Friday.",
     Recipient(None, "director of patient and family services"),
     "send you two references, my current manager and the Larkspur GP, by Friday"),
    # a row under a "Promises:" heading, "to" the reader, due "until" a day
    ("- to Dominic: two references from my agency clients, until Wednesday",
     Recipient("Dominic Faraday-Lowe", "Head of Client Services"),
     "send you two references from my agency clients, by Wednesday"),
])
def test_a_thing_promised_to_the_reader_without_a_verb_is_sent(line, to, want) -> None:
    from debrief.features.phrasing import promise_action

    assert promise_action(line, to, []) == want


def test_a_thing_promised_to_someone_else_is_not_the_readers() -> None:
    from debrief.features.phrasing import promise_action

    to = Recipient(None, "director of patient and family services")
    assert promise_action("Promised Dev two references, by Friday.", to, []) is None
    assert promise_action("- to Dominic: two references, until Wednesday",
                          Recipient("A.T.", "compliance"), []) is None


@pytest.mark.parametrize(("kind", "detail", "phrase", "want"), [
    # a case they set, told in the present: what the user would do
    ("thank-you", "question", "one of my techs keeps ignoring the two-person rule for quick jobs",
     "I appreciated the chance to work through what I would do when one of my techs keeps "
     "ignoring the two-person rule for quick jobs."),
    ("follow-up", "question", "the autoclave fails its daily test at five to eight",
     "Since we spoke, I've kept thinking about what I would do when the autoclave fails its "
     "daily test at five to eight."),
    # their advice, as the thing to do
    ("thank-you", "told", "be nice to everybody on this tour",
     "I appreciated learning more about how to be nice to everybody on this tour."),
])
def test_a_case_or_advice_is_framed_as_one(kind, detail, phrase, want) -> None:
    assert body_sentence(kind, "formal", detail, phrase) == want


@pytest.mark.parametrize("phrase", [
    "afterwards, say minibeasts, and slow down by half",  # leans on what came before
    "first thing they took me into the lounge",
    "the boss = speed at the chair",  # the note's shorthand
    "consults → starts at 60%",
])
def test_a_phrase_that_leans_back_or_is_shorthand_is_no_sentence(phrase) -> None:
    assert body_sentence("thank-you", "formal", "told", phrase) == ""
    assert body_sentence("follow-up", "warm", "topic", phrase) == ""


def test_a_promise_already_kept_is_said_as_sent() -> None:
    """A row owed to the reader and marked done: 'As promised, I've sent you …' (not 'I'll send
    you'); a done row to someone else is not the reader's."""
    from debrief.features.phrasing import promise_action

    rk = Recipient("R.K.", "Service Development Officer")
    row = ("- R.K.: the link to the wellbeing star thing we use at Larkspur. Sent it from the "
           "station, done")
    action = promise_action(row, rk, [])
    assert action == "have sent you the link to the wellbeing star thing we use at Larkspur"
    assert promise_line("thank-you", action) == (
        "As promised, I've sent you the link to the wellbeing star thing we use at Larkspur.")
    assert promise_line("follow-up", [action, "send you my references by Friday"]) == (
        "As promised, I've sent you the link to the wellbeing star thing we use at Larkspur. "
        "I also wanted to send you my references by Friday.")
    assert promise_action(row, Recipient("Bernadette", "manager"), []) is None


def test_a_promise_row_under_a_heading_is_owed_to_its_reader() -> None:
    # a list's number, a title before the name, a name shortened, initials, "to" in Dutch
    geoff = Recipient(name="Geoffrey Lusk", title="chair of the trust")
    assert promise_action("1. Geoff: a one-page plan for my first 90 days, by Wednesday.", geoff,
                          []) == "send you a one-page plan for my first 90 days, by Wednesday"
    olatunji = Recipient(name="Mrs Olatunji", title="trustee")
    assert promise_action("2. Mrs Olatunji: my two referees' details by Monday.", olatunji,
                          []) == "send you my two referees' details by Monday"
    greaves = Recipient(name="Dr. Philippa Greaves", title="Public Analyst")
    assert promise_action("- to Dr. Greaves: a copy of my MSc diploma, before Friday", greaves,
                          []).startswith("send you a copy of my MSc diploma")
    # a row that says what to do for them, in the user's voice
    ritchie = Recipient(name="Mr Ritchie", title="head of centre")
    assert promise_action("Ritchie: let him know the canoe course dates once I've booked one.",
                          ritchie, []) == "let you know the canoe course dates once I've booked one"
    # owed only if someone else allows it: no promise to make in a message
    brandt = Recipient(name="Dr Ilse Brandt", title="Technical Director")
    assert promise_action("IB: my pitching-rate trial data, anonymised. ONLY if Dave (QA mgr) "
                          "OKs.", brandt, []) is None
    # someone else's row, and a short name that is no start of theirs
    assert promise_action("Geoff: a one-page plan, by Wednesday.", olatunji, []) is None
    assert promise_action("Ge: a one-page plan, by Wednesday.", geoff, []) is None
    # the heading on the same line is no part of it; a clause cut short goes whole
    rachel = Recipient(name="Rachel Oduya", title="Route Operations Manager")
    assert promise_action("What I've promised: Rachel wants the occupational health questionnaire "
                          "back by Monday, with the leave I've already booked.", rachel, []) \
        == "send you the occupational health questionnaire back by Monday"


def test_a_nickname_is_greeted_whole_and_dutch_is_another_language() -> None:
    from debrief.features.phrasing import foreign

    assert frames.greeting("connect", "warm", Recipient(name="Big Lou", title="line lead")) \
        == "Hi Big Lou,"
    assert frames.greeting("connect", "warm", Recipient(name="Lou Bigg")) == "Hi Lou,"
    assert foreign("zijn echte naam heb ik niet gehoord")
    assert foreign("wat is acceptabele dissolved oxygen pick-up bij de canner")
    assert not foreign("I missed the diacetyl in round three")


def test_a_name_never_caught_is_no_topic() -> None:
    from debrief.core.people import NAME_NOT_GIVEN

    assert NAME_NOT_GIVEN.search("A trainee controller sat in. Never got his name.")
    assert NAME_NOT_GIVEN.search("a senior instructor who never said her name")
    assert not NAME_NOT_GIVEN.search("He said his name is Ade.")


def test_a_pasted_chat_gives_only_the_users_own_turns() -> None:
    chat = ("Rob 18:52: well?? did you get it\n"
            "Me 18:54: no idea yet. Fenella asked about the humidity system again\n"
            "Rob 18:55: the chair!! tell your mate on the board\n"
            "Me 18:57: standby is only for piano recitals now, about sixty a year\n"
            "Rob 19:05: sounds better tbh\n")
    theirs = [chat[s.start:s.end] for s in others_turns(chat)]
    assert theirs == ["Rob 18:52: well?? did you get it", "Rob 18:55: the chair!! tell your mate "
                      "on the board", "Rob 19:05: sounds better tbh"]
    # without "Me", the user is whoever wrote the most
    export = chat.replace("Me ", "Wen ")
    assert len(others_turns(export)) == 3
    # the user's own turn, as a detail, without its stamp
    assert row_text("me 19:04: standby is only for piano recitals now", []) == \
        "standby is only for piano recitals now"
    # labels without a time are no chat ("Skills: …", "Q: …")
    assert others_turns("Q: why us\nA: the pianos\nQ: when\nA: May\nQ: who\nA: Fenella\n") == []


def test_a_line_about_her_in_the_part_of_a_reader_called_he_is_not_theirs() -> None:
    """My own wording: "She wanted a plan" sits in Kofi's part, which calls him "he"; it is
    someone else's and never turns to "you wanted a plan"."""
    from debrief.core.domain import Debrief, Extraction, Person
    from debrief.features.message_details import details_for

    notes = ("Panel with Kofi Mensah, the director.\nKofi asked how I price a clinic after a "
             "currency fall. He said accuracy matters more than speed. He wants the cost report "
             "on the 5th every month. She wanted a plan for the juniors.\n\nLunch after.")
    d = Debrief(id="x", notes=notes, company="Brightfield", role="QS", date="2026-01-01",
                people=[Person(name="Kofi Mensah", title="Director")])
    said = [x.phrase or x.text for x in details_for(d, "Kofi Mensah", "thank-you")]
    assert "accuracy matters more than speed" in said
    assert not any("plan for the juniors" in s for s in said)
    # nor a line about "him" in the part of a reader called "she"; nor a promise of a bare verb
    notes = ("Panel with Ama Boateng, the director.\nAma asked how I price a clinic after a "
             "currency fall. She said accuracy matters more than speed. She wants the cost "
             "report on the 5th. Kwesi's company may transfer him to Takoradi. Ama invites me to "
             "their breakfast seminar. I say I will come.\n\nLunch after.")
    d = Debrief(id="y", notes=notes, company="Brightfield", role="QS", date="2026-01-01",
                people=[Person(name="Ama Boateng", title="Director")])
    d.extraction = Extraction.model_validate({"follow_ups": [
        {"text": "go to the seminar", "evidence": "I say I will come."}]})
    said = [x.phrase or x.text for x in details_for(d, "Ama Boateng", "thank-you")]
    assert "accuracy matters more than speed" in said
    assert not any("Takoradi" in s for s in said) and "come" not in said


def test_a_phrase_is_cut_at_its_sentence_end_not_at_a_title() -> None:
    from debrief.features.frames import ONE_SENTENCE

    assert ONE_SENTENCE.split("Mrs. Q: a junior QS keeps missing deadlines. What do you do?")[
        0] == "Mrs. Q: a junior QS keeps missing deadlines"
    assert ONE_SENTENCE.split("revenue up 20%. Diagnose.")[0] == "revenue up 20%"


def test_a_name_the_note_says_someone_goes_by_is_theirs_in_a_row() -> None:
    """My own wording: "just call him Sir Danny" makes the row "Sir Danny: …" Danilo's."""
    from debrief.core.domain import Debrief, Extraction, Person
    from debrief.features.message_details import details_for, nicknames

    notes = ("Panel of two. Engr. Danilo Pascual, Fleet Manager, he said just call him Sir Danny, "
             "everybody does. Capt. Rodolfo Lim, \"Cap Rudy\" to everyone.\nSir Danny asked how "
             "I plan a docking.\n\nTo do:\n- Sir Danny: my docking checklist, by Friday.\n")
    assert nicknames(notes, "Danilo Pascual") == ("Danny",)
    assert nicknames(notes, "Rodolfo Lim") == ("Rudy",)
    assert nicknames(notes, "Ana Cruz") == ()
    d = Debrief(id="x", notes=notes, company="Pascual Lines", role="Superintendent",
                date="2026-01-01", people=[Person(name="Danilo Pascual", title="Fleet Manager"),
                                           Person(name="Rodolfo Lim", title="Captain")])
    d.extraction = Extraction.model_validate({"follow_ups": [
        {"text": "Send Danny the docking checklist", "evidence": "Sir Danny: my docking "
         "checklist, by Friday."}]})
    promised = [x.phrase for x in details_for(d, "Danilo Pascual", "follow-up")
                if x.kind == "promise"]
    assert promised == ["send you my docking checklist, by Friday"]


def test_an_answer_another_firm_waits_for_or_how_the_user_feels_is_no_promise_to_the_reader(
        ) -> None:
    """My own wordings: news "texted" by another firm is theirs; "feels awkward now" is the
    user's own feeling, cut from the promise."""
    assert promise_action("Harrow Tankers texted again: they need my answer by 10 October.",
                          Recipient("Dana Reyes", "recruiter"), []) is None
    assert promise_action("Still owe Dana the drill video, feels awkward now.",
                          Recipient("Dana Reyes", "recruiter"), []) == "send you the drill video"


def test_a_name_with_to_inside_it_is_no_one_else_a_promise_goes_to() -> None:
    """My own wording: "the Access to Work letter" is a letter, not one sent to a "Work"."""
    from debrief.features.phrasing import to_someone_else

    assert not to_someone_else("send you the Access to Work letter")
    assert to_someone_else("send the deck to Priya by Friday")
    assert promise_action("HR man: Access to Work letter, confirming my interpreter.",
                          Recipient(None, "HR"), []) == (
        "send you the Access to Work letter, confirming my interpreter")


def test_a_name_with_its_title_alone_is_no_topic() -> None:
    from debrief.features.message_details import NAME_ONLY

    assert NAME_ONLY.fullmatch("Mr. H. Rahimi")
    assert NAME_ONLY.fullmatch("Dr Ama Boateng")
    assert not NAME_ONLY.fullmatch("Mr. Rahimi's plan for the key safes")


@pytest.mark.parametrize(("line", "to", "action"), [
    # a deadline said as a sentence of its own after the promise
    ("Mrs. Okafor: a summary of the audit checklist, client names taken out. By Monday 9th.",
     Recipient("Ruth Okafor", "Head of Audit"), "send you a summary of the audit checklist, "
     "client names taken out by Monday 9th"),
    ("Priya: the corrected rota spreadsheet. Tonight.", Recipient("Priya Das", "Ward Manager"),
     "send you the corrected rota spreadsheet tonight"),
    ("Bursar: two pages, how I would run the open day. NLT Fri 2 Oct.",
     Recipient("Colin Marsh", "Bursar"), "send you two pages on how I would run the open day "
                                         "by Fri 2 Oct"),
    # a row's number or a report's code before the reader ("4.1", "CAR-2", "b.")
    ("4.1 Tomas: copy of my forklift licence. PRIORITY 1: by Thursday 3rd.",
     Recipient("Tomas Reyes", "Depot Manager"), "send you a copy of my forklift licence, by "
                                                "Thursday 3rd"),
    ("CAR-2 Hana: the fixed stock formula in the weekly sheet. Tomorrow.",
     Recipient("Hana Ito", "Analyst"), "send you the fixed stock formula in the weekly sheet "
                                       "tomorrow"),
    # a reader known by a nickname of two words, or "the" and a nickname
    ("Abu Karim: my safety passport. By Friday.",
     Recipient("Samir Haddad", "Site Lead", ("Abu Karim",)), "send you my safety passport, by Friday"),
    ("The Gaffer: come and talk to the apprentices about scaffolding, Tuesday 4 May.",
     Recipient("Frank Doyle", "Contracts Manager", ("Gaffer",)),
     "come and talk to the apprentices about scaffolding, Tuesday 4 May"),
    # someone's thing named by a possessive is no one the promise is to
    ("Ms. Adeyemi: copies of Tunde's and the kids' birth certificates for the file. By Monday.",
     Recipient("Folake Adeyemi", "HR Lead"), "send you copies of Tunde's and the kids' birth "
                                             "certificates by Monday"),
])
def test_a_promise_row_with_its_deadline_code_or_nickname(line: str, to: Recipient,
                                                           action: str) -> None:
    from debrief.features.phrasing import promise_action

    assert promise_action(line, to, ["Tunde"]) == action


def test_an_invitation_taken_up_is_said_back_in_the_users_voice() -> None:
    from debrief.features.phrasing import promise_action

    line = "he asked me to the open evening at his brewery in Hexham, Friday 6 March. I said yes."
    assert promise_action(line, Recipient(None, "head brewer"), [], "he") == \
        "come to the open evening at your brewery in Hexham, Friday 6 March"
    # asked, and no yes written: nothing promised
    assert promise_action(line.removesuffix(" I said yes."), Recipient(None, "head brewer"),
                          [], "he") is None


def test_a_nickname_after_a_rank_or_own_title_and_a_numbered_introduction() -> None:
    from debrief.core.domain import EvidencedPerson
    from debrief.features.message_details import nicknames

    note = ("1. Gareth Pryce, Site Manager. Captain. Everyone calls him Gaz, even the agency lads. "
            "Loud laugh, quick temper I think.\n"
            "2) Mr. Callum Reid, Chief Engineer, from Fife. \"call me Cal\".\n"
            "(3) Colonel (Retd) Hugh Barton, trustee. The staff all call him \"the Colonel\".\n"
            "Gaz asked how I would handle a crane lift in high wind.\n")
    assert nicknames(note, "Gareth Pryce", "Site Manager") == ("Gaz",)
    assert nicknames(note, "Callum Reid", "Chief Engineer") == ("Cal",)
    assert nicknames(note, "Hugh Barton", "trustee") == ("Colonel",)
    d = _sheet(note, "Pryce Build", [("Gareth Pryce", "Site Manager")],
               people=[EvidencedPerson(name="Gareth Pryce", title="Site Manager",
                                       evidence="1. Gareth Pryce, Site Manager.")])
    said = " / ".join(x.text for x in details_for(d, "Gareth Pryce", "thank-you"))
    assert "crane lift" in said
    assert "quick temper" not in said and "Loud laugh" not in said


def test_a_request_by_she_is_not_for_a_reader_a_sentence_before_names_someone_else() -> None:
    from debrief.core.domain import Item

    note = ("Voice note two. Dr Patel ran it, he asked why I want to teach and I said home at "
            "night for the kids.\n\nVoice note three. So I promised two things Dr Patel wants "
            "my lesson plan again by Thursday and then the events lady Greene she asked me to run "
            "the welding demo at their open day Saturday and I said yes\n")
    demo = "she asked me to run the welding demo at their open day Saturday and I said yes"
    d = _met(note, ("Raj Patel", "Head of Training"), ("Greene", "events"),
             follow_ups=[Item(text="Welding demo at the open day", evidence=demo)])
    d = d.model_copy(update={"company": "Tyne College", "role": "Instructor"})
    for_patel = [x for x in details_for(d, "Raj Patel", "thank-you") if x.kind == "promise"]
    assert not any("welding demo" in (x.phrase or "") for x in for_patel)
    for_greene = [x for x in details_for(d, "Greene", "thank-you") if x.kind == "promise"]
    assert any("welding demo" in (x.phrase or "") for x in for_greene)


def test_a_report_code_is_no_part_of_a_line() -> None:
    from debrief.core.evidence import segment

    units = [u.text for u in segment("B2 Hana found my formula was wrong.\nCAR-1 Tomas: one page. "
                                     "By Friday.\nA4 paper is fine.\n")]
    assert units[0].startswith("Hana found") and units[1].startswith("Tomas:")
    assert any(u.startswith("A4 paper") for u in units)  # (a code needs a capital after it)


def test_a_send_with_nothing_to_send_and_what_someone_calls_everybody_are_no_details() -> None:
    from debrief.core.domain import Item
    from debrief.features.phrasing import promise_action

    to = Recipient("Owen Price", "Head of Estates")
    assert promise_action("Must send before I start or he will remember.", to, []) is None
    assert promise_action("Owen: the key log we kept at the depot. Tomorrow.", to, []) == \
        "send you the key log we kept at the depot tomorrow"
    note = ("Mr. Owen Price, Head of Estates. Calls everybody \"chief\", even the governors.\n"
            "He asked how I would plan summer works around the lettings.\n")
    d = _met(note, ("Owen Price", "Head of Estates"),
             follow_ups=[Item(text="key log", evidence="Must send before I start or he will "
                                                        "remember.")])
    said = [x for x in details_for(d, "Owen Price", "follow-up")]
    assert any("summer works" in x.text for x in said)
    assert not any("chief" in x.text for x in said) and not any(x.kind == "promise" for x in said)


def test_rows_of_promises_go_to_the_person_each_row_names() -> None:
    """My own wording: a to-do list whose rows are headed by whom each is for, one of them a
    hyphenated name, one a deed, one to someone known only by a description."""
    note = ("PANEL\n- Maren Holt, yard manager. calm, asks follow up questions you cant dodge\n"
            "- Jo-Beth from HR.\n\nOWED\n- Maren: send her a copy of my forklift licence by "
            "friday\n- Jo-Beth: do the online health form tonight\n"
            "- Mrs K: set up a shared rota calendar for the crew\n"
            "- To the man in the red cap: I said I will show him the long splice\n")
    d = _met(note, ("Maren Holt", "yard manager"), ("Jo-Beth", "HR"),
             ("Ilse Kowalczyk", 'crew chief ("Mrs K")'),
             follow_ups=[Item(text=t, evidence=e) for t, e in (
                 ("Licence to Maren", "Maren: send her a copy of my forklift licence by friday"),
                 ("Health form", "Jo-Beth: do the online health form tonight"),
                 ("Rota calendar", "Mrs K: set up a shared rota calendar for the crew"),
                 ("Splice", "To the man in the red cap: I said I will show him the long "
                  "splice"))],
             people=[EvidencedPerson(name="Maren Holt", title="yard manager",
                                    evidence="Maren Holt, yard manager.")])
    maren = details_for(d, "Maren Holt", "follow-up")
    assert [x.phrase for x in maren if x.kind == "promise"] == [
        "send you a copy of my forklift licence by friday"]
    # her introduction's description is no question of hers
    assert not any("follow up questions" in x.text for x in maren)
    crew = details_for(d, "Ilse Kowalczyk", "follow-up")
    assert [x.phrase for x in crew if x.kind == "promise"] == [
        "set up a shared rota calendar for the crew"]
    assert promise_action("Jo-Beth: do the online health form tonight", Recipient("Maren Holt"),
                          ["Jo-Beth"]) is None
    # her own row is hers, a deed, her hyphenated name no one else's
    jo = details_for(d, "Jo-Beth", "connect")
    assert [x.phrase for x in jo if x.kind == "promise"] == ["do the online health form tonight"]
    assert promise_action("To the man in the red cap: I said I will show him the long splice",
                          Recipient("Maren Holt"), []) is None


def test_a_row_for_someone_known_by_a_name_like_a_title_is_theirs() -> None:
    """My own wording: "Dom" is also a title ("Dom Pedro"), but here it is what everyone calls
    the centre manager."""
    note = ("Mr Dominic Ferreira, the centre manager. everyone calls him Dom.\n"
            "Kit, technical manager, showed me the machines.\n\nTO DO\n"
            "- Kit: send him the link to the repair videos tonight\n"
            "- Dom: come in for a paid trial shift on saturday\n")
    d = _met(note, ("Kit", "technical manager"), ("Dominic Ferreira", 'centre manager ("Dom")'),
             follow_ups=[Item(text="Link", evidence="Kit: send him the link to the repair "
                              "videos tonight"),
                         Item(text="Trial", evidence="Dom: come in for a paid trial shift on "
                              "saturday")])
    kit = [x.phrase for x in details_for(d, "Kit", "follow-up") if x.kind == "promise"]
    assert kit and not any("trial shift" in p for p in kit)


def test_a_promise_in_a_story_after_lines_about_someone_else_is_theirs() -> None:
    """My own wording: a note told as a story, hard-wrapped; the promise follows two sentences
    about another person met, and the reader is the owner, named elsewhere."""
    note = ("The yard belongs to Mrs. Edda Lunn, and everybody calls her\nthe Skipper.\n\n"
            "Then Old Brann showed Grandad the crane that had jammed. He said\nit needs two "
            "people to free it. Grandad said: \"I'll come down on\nSunday and give you a hand.\" "
            "Old Brann said: \"Grand.\"\n")
    d = _met(note, ("Edda Lunn", 'owner ("the Skipper")'), ("Brann", "crane driver"),
             follow_ups=[Item(text="Help with the crane", evidence="\"I'll come down on\n"
                              "Sunday and give you a hand.\"")])
    assert not any(x.kind == "promise" for x in details_for(d, "Edda Lunn", "thank-you"))


def test_a_title_with_one_letter_the_reader_asked_to_be_called_names_their_row() -> None:
    """My own wording: 'call me Mrs T, everyone does'; her row comes after another's row, and
    she is never named in it but by that title."""
    from debrief.features.message_details import _aliases

    assert _aliases('"call me Mrs T, everyone does"') == ["Mrs T"]
    assert _aliases("just call me Mrs, dear") == []  # a title alone is no name
    note = ("- Mrs Thorne, club secretary. Agatha Thorne, but \"call me Mrs T, everyone "
            "does\". asked about weekend cover\n\nSTUFF I SAID ID DO\n"
            "- Hamish: come to the open session on sunday at 2pm\n"
            "- Mrs T: set up a page for the club on the noticeboard site\n")
    d = _met(note, ("Agatha Thorne", "club secretary"), ("Hamish", "ice maker"),
             follow_ups=[Item(text="Session", evidence="Hamish: come to the open session on "
                              "sunday at 2pm"),
                         Item(text="Page", evidence="Mrs T: set up a page for the club on the "
                              "noticeboard site")])
    promises = [x.phrase for x in details_for(d, "Agatha Thorne", "follow-up")
                if x.kind == "promise"]
    assert promises == ["set up a page for the club on the noticeboard site"]


def test_what_a_rows_reader_asked_the_user_to_do_is_promised_to_them() -> None:
    """My own wording: numbered rows, one whose extracted words leave out its head ("To
    Osric: "), one asking the user to speak at the reader's own party, one to someone else."""
    note = ("PROMISES\n- To Osric: he asked me to come on Saturday to help him clear the old "
            "kiln shed, thirty years of junk.\n"
            "6.2 Marit: I will teach her to cut a bevel on plate glass, Friday lunchtime.\n"
            "6.3 Osric: he asked me to say a few words at his leaving do on 31 March.\n")
    d = _met(note, ("Osric Fenn", "retiring glazier"), ("Marit Vos", "researcher"),
             follow_ups=[Item(text=t, evidence=e) for t, e in (
                 ("Kiln shed", "he asked me to come on Saturday to help him clear the old kiln "
                  "shed, thirty years of junk."),
                 ("Bevel", "6.2 Marit: I will teach her to cut a bevel on plate glass, Friday "
                  "lunchtime."),
                 ("Speech", "6.3 Osric: he asked me to say a few words at his leaving do on 31 "
                  "March."))])
    promises = [x.phrase for x in details_for(d, "Osric Fenn", "thank-you")
                if x.kind == "promise"]
    assert any("come on Saturday to help you clear the old kiln shed" in p for p in promises)
    assert any("say a few words at your leaving do on 31 March" in p for p in promises)
    assert not any("bevel" in p for p in promises)  # Marit's


@pytest.mark.parametrize(("line", "to", "action"), [
    # a clause about the thing is no report that it went
    ("6.1 To Mr. Varga: a sample of a written report I've done, any report, by Friday.",
     "Endre Varga", "send you a sample of a written report I've done, any report, by Friday"),
    # a script's line of theirs asking the user for something
    ("HILDE: Tomas, could you send me the photos of the repair? For the board.", "Hilde",
     "send you the photos of the repair"),
])
def test_rows_that_owe_the_reader_a_thing_in_other_shapes(line: str, to: str,
                                                          action: str) -> None:
    assert promise_action(line, Recipient(to), []) == action


@pytest.mark.parametrize("line", [
    "red scarf woman asked what I think about night shifts on the ward.",
    "hi vis fella asked what I think about night shifts on the ward.",
])
def test_a_question_asked_by_someone_described_is_the_question_alone(line: str) -> None:
    """My own wording: the note knows the asker only by how they looked; the phrase keeps the
    question, never the description."""
    phrase = default_phrase(line, Recipient(None, "woman in a red scarf"), [])
    assert phrase == "what I think about night shifts on the ward"


def test_a_row_to_someone_known_by_a_description_is_theirs_in_a_connection_note() -> None:
    """My own wording: the reader was never introduced; the note's row of promises speaks to
    her by how she looked, far from the lines about her."""
    note = ("PANEL\n- Hugo Brandt, head of works.\n- a woman in a red scarf brought the tea and "
            "stayed.\n\nPROMISES\n- To Hugo: my certificates by Friday.\n"
            "- To red scarf woman: I said I will show her the long splice, one day when I am "
            "there.\n")
    d = _met(note, ("Hugo Brandt", "head of works"), (None, "woman in a red scarf (not "
                                                           "introduced)"),
             follow_ups=[Item(text="Certificates", evidence="To Hugo: my certificates by "
                              "Friday."),
                         Item(text="Splice", evidence="To red scarf woman: I said I will show "
                              "her the long splice, one day when I am there.")])
    her = details_for(d, "woman in a red scarf (not introduced)", "connect")
    assert [x.phrase for x in her if x.kind == "promise"] == [
        "show you the long splice, one day when I am there"]


def test_rows_headed_by_the_readers_nickname_are_their_part_and_a_title_row_ends_it() -> None:
    """My own wording: the reader goes by "Stu"; his question sits in a row headed "Stu:", and
    the next row is headed by someone else's title. A to-do row to the reader follows the title
    row's promise."""
    from debrief.features.message_details import _units_for

    note = ("PANEL\n1) Mr. Stuart Kerr, Chief Engineer. \"call me Stu\".\n"
            "2) a grower director from the board, never said his name.\n\n"
            "QUESTIONS\n- Stu: \"A warning light on the gearbox at 6pm and the crew want home. "
            "What do you do?\" I said ground it.\n"
            "- Grower director: he asked me to the field day at his farm on Saturday. I said "
            "yes.\n")
    d = _met(note, ("Stuart Kerr", "Chief Engineer"),
             (None, "grower director on the board (name not given)"))
    texts = " ".join(u.text for u in _units_for(d, Recipient("Stuart Kerr", "Chief Engineer",
                                                             ("Stu",))))
    assert "A warning light on the gearbox" in texts
    assert "field day" not in texts


def test_advice_in_quotes_is_no_off_the_record_marker() -> None:
    """My own wording: "you don't say sorry for the hawk" is the reader's advice, told openly;
    "don't say I said" still keeps a line back."""
    from debrief.features.message_details import off_record_spans

    told = ("7. Mrs Quarrie said, \"And you don't say sorry for the hawk.\" She cares most, as "
            "far as I could see, about calm handling in front of a crowd.\n")
    kept = "7. Mrs Quarrie said the aviary roof leaks, but don't say I said.\n"
    assert off_record_spans(told) == []
    assert len(off_record_spans(kept)) == 1


@pytest.mark.parametrize(("line", "to", "action"), [
    # a deed row said with "to", about the reader ("meet him"): said to them
    ("To Mr Quarrie: to bring Juno in to meet him on Saturday 6th at 1400 hours.",
     Recipient("Angus Quarrie", "Director"),
     "bring Juno in to meet you on Saturday 6th at 1400 hours"),
    # a row to a reader the note only describes, by the words it describes them with
    ("To the woman with the ferret: the name of the blacksmith who makes my hoods.",
     Recipient(None, "falconer with a polecat ferret (name not given)"),
     "send you the name of the blacksmith who makes my hoods"),
    # a row of two things cut short inside the second: the first, with its deadline
    ("To Ms Ferrand: copies of my falconry handler certificates and the last four years of "
     "Juno's weight charts, anonymised, by Thursday 21st.", Recipient("Isla Ferrand", "Manager"),
     "send you copies of my falconry handler certificates by Thursday 21st"),
])
def test_rows_to_the_reader_in_report_speak(line: str, to: Recipient, action: str) -> None:
    assert promise_action(line, to, []) == action


def test_a_reports_own_view_aside_scenario_and_request_lines() -> None:
    """My own wording: a retired officer's statement. The reader's scenario in quotes speaks of
    a girl; "in my assessment" is the writer's aside; "He asked to meet …" is a request, no
    question; "I have not called him that" is the writer's own; a line holding the
    introduction of the woman with the ferret is no topic; a row about "my dog handler
    certificates" is no pet's aside."""
    note = ("3. Present was Mr Angus QUARRIE, Director. Staff call him \"the Laird\". I have not "
            "called him that to his face.\n"
            "4. A further person attended: a woman, approximately forty years of age, in a "
            "green gilet, with a polecat ferret on her shoulder. She gave no name.\n"
            "6. Mr Quarrie put the following to me: \"A hawk lands on a girl's pram at a fair. "
            "She is screaming and her mother is filming you. Talk me through it.\" I replied "
            "that I would call the bird down calmly. He places great weight, in my assessment, "
            "on calm handling in front of a crowd.\n"
            "10. Undertakings given:\n"
            "(a) To Mr Quarrie: to bring Juno in to meet him on Saturday 6th at 1400 hours.\n"
            "He asked to meet \"the old girl\".\n"
            "(b) To the woman with the ferret: my dog handler certificates, by Friday.\n")
    d = _met(note, ("Angus Quarrie", "Director"),
             (None, "falconer with a polecat ferret (name not given)"),
             people=[EvidencedPerson(name=None, title="falconer with a polecat ferret (name "
                                     "not given)",
                                     evidence="a woman, approximately forty years of age, in a "
                                     "green gilet, with a polecat ferret on her shoulder. She "
                                     "gave no name")],
             questions_asked=[Item(text="Hawk on a pram", evidence="\"A hawk lands on a "
                                   "girl's pram at a fair. She is screaming and her mother is "
                                   "filming you. Talk me through it.\"")],
             follow_ups=[Item(text="Juno", evidence="To Mr Quarrie: to bring Juno in to meet "
                              "him on Saturday 6th at 1400 hours."),
                         Item(text="Certs", evidence="To the woman with the ferret: my dog "
                              "handler certificates, by Friday.")])
    his = details_for(d, "Angus Quarrie", "thank-you")
    phrases = [x.phrase or "" for x in his]
    assert any(p.startswith("a hawk lands on a girl's pram") for p in phrases)
    assert "you place great weight on calm handling in front of a crowd" in phrases
    assert not any("old girl" in p or "to your face" in p for p in phrases)
    assert [x.phrase for x in his if x.kind == "promise"] == [
        "bring Juno in to meet you on Saturday 6th at 1400 hours"]
    hers = details_for(d, "falconer with a polecat ferret (name not given)", "thank-you")
    assert not any("further person" in (x.phrase or "") for x in hers)
    assert [x.phrase for x in hers if x.kind == "promise"] == [
        "send you my dog handler certificates, by Friday"]


@pytest.mark.parametrize(("phrase", "want"), [
    # a past verb with its subject cut, then a comma or "you": a piece, fitting no frame
    ("counted, openly, the number of times I used trade words", "fragment"),
    ("stopped you the first second and shown you the grip", "fragment"),
    # cut on both ends
    ("as well, if the head baker job isn't", "fragment"),
    # a clause may end on its verb "is"; "do" ends "what I would do"
    ("how big the team is", "phrase"),
    ("what I would do", "phrase"),
])
def test_pieces_cut_from_report_speak_fit_no_frame(phrase: str, want: str) -> None:
    assert shape(phrase) == want


def test_a_walk_round_with_me_is_theirs_and_a_to_do_after_its_topic_is_mine() -> None:
    """My own wording: a field-guide note. "Walked me round the bakery" (no subject) was the
    reader's doing; "Allergens, I need to send the matrix." is the user's to-do; a reader
    known by description is found by the acronym of their role, and by the name their title
    says they go by."""
    note = ("- Tomasz, night supervisor. Walked me round the bakery at the start in a paper hat.\n"
            "- A man from QA with a green clipboard. Never gave a name.\n"
            "- The QA man: allergens. Allergens, I need to send the matrix.\n"
            "- An older baker, introduced only as \"Dai\", the oven man.\n"
            "- Dai showed me the deck oven and said always check the back left corner.\n\n"
            "PROMISES\n- To the QA man: my allergen matrix by Monday.\n"
            "- To Dai: to go out with him on the early bake on Friday 5th, 0400 hours.\n")
    d = _met(note, ("Tomasz", "night supervisor"),
             (None, "QA officer with a green clipboard (name not given)"),
             (None, 'oven man, known only as "Dai"'),
             follow_ups=[Item(text="Matrix", evidence="To the QA man: my allergen matrix by "
                              "Monday."),
                         Item(text="Bake", evidence="To Dai: to go out with him on the early "
                              "bake on Friday 5th, 0400 hours.")])
    his = [x.phrase for x in details_for(d, "Tomasz", "thank-you")]
    assert "you walked me round the bakery at the start in a paper hat" in his
    qa = details_for(d, "QA officer with a green clipboard (name not given)", "follow-up")
    assert [x.phrase for x in qa if x.kind == "promise"] == ["send you my allergen matrix by Monday"]
    assert not any("need to send" in (x.phrase or "") for x in qa)
    dai = details_for(d, 'oven man, known only as "Dai"', "connect")
    assert [x.phrase for x in dai if x.kind == "promise"] == [
        "go out with you on the early bake on Friday 5th, 0400 hours"]


@pytest.mark.parametrize(("line", "action"), [
    # a catalogue's lot number before the row, and how it goes said after the thing
    ("Lot 9. Hamid: the name of the woman who re-tins our copper pans. Said I'd text it to him "
     "this week.", "send you the name of the woman who re-tins our copper pans"),
    ("Hamid: a copy of my knife skills certificate. Said I'd bring it on Monday.",
     "send you a copy of my knife skills certificate"),
])
def test_a_lot_numbered_row_owes_its_thing(line: str, action: str) -> None:
    assert promise_action(line, Recipient("Hamid Qureshi", "owner"), []) == action


def test_a_row_whose_second_sentence_is_the_promise_is_not_cut_to_its_first() -> None:
    """My own wording: the first sentence says what is wrong (no thing owed); the second is the
    promise itself, not how the first goes."""
    line = ("3.1 Imre: my forklift ticket ran out in June. I said I will book the refresher and "
            "send the new ticket. CAT B: by Friday 9 October.")
    assert promise_action(line, Recipient("Imre Balogh", "depot manager"), []) == (
        "book the refresher and send the new ticket, by Friday 9 October")
