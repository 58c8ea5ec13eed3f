"""`debrief items`, `debrief correct` and `debrief retrain`: ids, corrections, exit codes."""

from __future__ import annotations

import json

import pytest

from debrief.ui.cli import main
from tests.conftest import EVAL
from tests.fakes import FakeModel, echo_notes

NOTE = EVAL / "notes" / "01-larkspur-analytics.txt"


@pytest.fixture(autouse=True)
def model(app_model: FakeModel) -> FakeModel:
    """The scripted model (it finds nothing itself) and the hashing embedder, from settings."""
    app_model.responder = echo_notes
    return app_model


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def added(capsys) -> str:
    code, out, err = run(capsys, "add", str(NOTE), "--company", "Larkspur Analytics")
    assert code == 0, err
    return out.strip()


def items(capsys, debrief_id: str) -> list[dict]:
    code, out, err = run(capsys, "items", debrief_id, "--json")
    assert code == 0, err
    return json.loads(out)


def test_items_and_corrections_from_the_command_line(capsys) -> None:
    did = added(capsys)
    for quote, cat in (("on-call is 1 week in 8", "insider_info"),
                       ("usually done in ~3 wks", "follow-ups"),
                       ("k8s on AWS", "insider_info")):
        code, _, err = run(capsys, "correct", did, "--add", quote, cat)
        assert code == 0, err
    got = {(i["category"], i["evidence"]): i for i in items(capsys, did)}
    oncall = got[("insider_info", "on-call is 1 week in 8")]
    assert oncall["id"].startswith("ins-") and oncall["text"]
    code, out, err = run(capsys, "correct", did, "--move", oncall["id"], "practice_points",
                         "--json")
    assert code == 0, err
    moved = json.loads(out)
    assert ("practice_points", "on-call is 1 week in 8") in {
        (i["category"], i["evidence"]) for i in moved["items"]}
    k8s = got[("insider_info", "k8s on AWS")]["id"]
    assert run(capsys, "correct", did, "--remove", k8s)[0] == 0
    assert run(capsys, "correct", did, "--headline",
               got[("follow_ups", "usually done in ~3 wks")]["id"], "Usually done in 3 wks"
               )[0] == 0
    code, _, err = run(capsys, "extract", did)  # a re-extraction keeps every correction
    assert code == 0, err
    after = {(i["category"], i["evidence"]): i["text"] for i in items(capsys, did)}
    assert ("insider_info", "k8s on AWS") not in after
    assert ("practice_points", "on-call is 1 week in 8") in after
    assert after[("follow_ups", "usually done in ~3 wks")] == "Usually done in 3 wks"
    code, out, _ = run(capsys, "items", did)
    assert code == 0 and "[follow_ups] Usually done in 3 wks" in out
    code, out, _ = run(capsys, "show", did, "--json")
    assert [c["op"] for c in json.loads(out)["corrections"]] == ["add", "add", "add", "move",
                                                                "remove", "headline"]


@pytest.mark.parametrize("argv, needle", [
    (["--add", "they offered me 300k on the spot", "insider_info"], "not in the note"),
    (["--add", "k8s on AWS", "gossip"], "unknown category"),
    (["--remove", "ins-00000"], "no item"),
])
def test_bad_corrections_exit_2_with_one_line(capsys, argv, needle) -> None:
    did = added(capsys)
    code, out, err = run(capsys, "correct", did, *argv)
    assert code == 2 and needle in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err and out == ""


def test_an_ungrounded_headline_is_refused(capsys) -> None:
    did = added(capsys)
    assert run(capsys, "correct", did, "--add", "k8s on AWS", "insider_info")[0] == 0
    item = next(i for i in items(capsys, did) if i["evidence"] == "k8s on AWS")
    code, _, err = run(capsys, "correct", did, "--headline", item["id"], "Runs on Azure")
    assert code == 2 and "headline is refused" in err


def test_retrain_reset_without_corrections(capsys) -> None:
    code, out, err = run(capsys, "retrain", "--json")
    assert code == 0, err
    assert json.loads(out)["personal"] is False
    code, out, _ = run(capsys, "retrain", "--reset")
    assert code == 0 and "shipped" in out
