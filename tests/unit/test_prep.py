"""`debrief prep COMPANY`: the brief for the next round, through the CLI and the service."""

from __future__ import annotations

import json

import pytest

from debrief.core.config import Settings
from debrief.core.domain import Debrief, EvidencedPerson, Extraction, Item, Message, Person, Priority
from debrief.features.insights.brief import brief_markdown
from debrief.ui.cli import main
from debrief.wiring import build_service
from tests.fakes import FakeModel

FIRST = ("Met Dana Reyes, the nurse manager. She cared most about patient safety.\n"
         "She asked how I handle a deteriorating patient?\n"
         "Unit has 24 beds, ratio 1:4.\n"
         "I will send my references by Friday.\n"
         "Send a thank-you note to Dana.\n")
SECOND = ("Second round with Dana and Raj Patel, charge nurse. Raj wanted calm under pressure.\n"
          "Raj asked about a conflict with a physician?\n"
          "Unit now has 30 beds, ratio 1:5.\n"
          "Email Raj the certificate copy.\n"
          "Need to practise SBAR handoffs.\n")


def _item(note: str, quote: str, text: str | None = None) -> Item:
    assert quote in note
    return Item(text=text or quote, evidence=quote)


@pytest.fixture
def stored(app_model: FakeModel) -> None:
    """Two Harbor General debriefs (one thanked) and one elsewhere, with done extractions."""
    svc = build_service(Settings())
    first = Debrief(id="hg1", company="Harbor General", role="RN, telemetry", date="2025-03-04",
                    stage="hiring manager", notes=FIRST,
                    people=[Person(name="Dana Reyes", title="nurse manager")],
                    messages=[Message(kind="thank-you", to="Dana Reyes", message="Thanks!")])
    first.extraction = Extraction(
        interviewer_priorities=[Priority(text="Patient safety", evidence="She cared most about "
                                         "patient safety.", interviewer="Dana Reyes")],
        questions_asked=[_item(FIRST, "She asked how I handle a deteriorating patient?")],
        insider_info=[_item(FIRST, "Unit has 24 beds, ratio 1:4.")],
        follow_ups=[_item(FIRST, "I will send my references by Friday."),
                    _item(FIRST, "Send a thank-you note to Dana.")])
    second = Debrief(id="hg2", company="Harbor General", role="RN, telemetry", date="2025-03-20",
                     stage="panel", notes=SECOND)
    second.extraction = Extraction(
        people=[EvidencedPerson(name="Dana", evidence="Dana"),
                EvidencedPerson(name="Raj Patel", title="charge nurse", evidence="Raj Patel")],
        interviewer_priorities=[Priority(text="Raj: calm under pressure",
                                         evidence="Raj wanted calm under pressure.")],
        questions_asked=[_item(SECOND, "Raj asked about a conflict with a physician?")],
        insider_info=[_item(SECOND, "Unit now has 30 beds, ratio 1:5.")],
        follow_ups=[_item(SECOND, "Email Raj the certificate copy.")],
        practice_points=[_item(SECOND, "Need to practise SBAR handoffs.")])
    other = Debrief(id="ot1", company="Quillon Hospice", date="2025-02-01", notes="Why hospice?")
    other.extraction = Extraction(questions_asked=[_item("Why hospice?", "Why hospice?")])
    for d in (first, second, other):
        d.extraction_status = "done"
        svc.store.save(d, reindex=False)
    svc.close()


def test_prep_lists_both_dates_people_and_every_follow_up_with_its_state(stored, capsys) -> None:
    assert main(["prep", "harbor general", "--json"]) == 0
    brief = json.loads(capsys.readouterr().out)
    assert [i["date"] for i in brief["interviews"]] == ["2025-03-04", "2025-03-20"]
    people = {p["name"]: p for p in brief["people"]}
    assert set(people) == {"Dana Reyes", "Raj Patel"}
    assert people["Dana Reyes"]["debrief_ids"] == ["hg1", "hg2"]
    assert [c["text"] for c in people["Dana Reyes"]["cared_about"]] == ["Patient safety"]
    assert [c["date"] for c in people["Raj Patel"]["cared_about"]] == ["2025-03-20"]
    assert [(f["quote"], f["sent"]) for f in brief["follow_ups"]] == [
        ("I will send my references by Friday.", False),
        ("Send a thank-you note to Dana.", True),  # a thank-you was saved
        ("Email Raj the certificate copy.", False)]
    assert [q["date"] for q in brief["questions"]] == ["2025-03-04", "2025-03-20"]
    assert [a["text"] for a in brief["asked_elsewhere"]] == ["Why hospice?"]
    facts = brief["facts"]
    assert facts[0]["changed_from"] is None
    assert facts[1]["changed_from"] == "Unit has 24 beds, ratio 1:4. (2025-03-04)"
    assert [p["quote"] for p in brief["practice"]] == ["Need to practise SBAR handoffs."]

    key = brief["follow_ups"][0]["key"]
    assert main(["prep", "Harbor", "--markdown", "--sent", key]) == 0
    md = capsys.readouterr().out
    assert md.startswith("# Next round at Harbor General")
    assert "2025-03-04" in md and "2025-03-20" in md and "**Raj Patel**" in md
    assert "references by Friday.” " not in md
    assert "- I will send my references by Friday. — sent (2025-03-04)" in md
    assert "- Email Raj the certificate copy. — NOT sent (2025-03-20)" in md
    assert "changed, was: Unit has 24 beds" in md
    assert main(["prep", "Harbor"]) == 0
    assert "Next round at Harbor General" in capsys.readouterr().out


def test_prep_of_an_unknown_company_is_a_user_error(stored, capsys) -> None:
    assert main(["prep", "Nowhere"]) == 2
    err = capsys.readouterr().err
    assert "no single company matches 'Nowhere'" in err and "Harbor General" in err


def test_brief_markdown_says_none_yet_for_empty_sections(stored) -> None:
    svc = build_service(Settings())
    md = brief_markdown(svc.prep("Quillon Hospice"))
    svc.close()
    assert "## Other openings\n- none yet" in md
