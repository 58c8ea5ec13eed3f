"""Who a message is for: a title is nobody's first name, in the app and in the eval."""

from __future__ import annotations

import pytest

from debrief.core.domain import Debrief, Person
from debrief.features.eval_compose import _addressed
from debrief.features.message_details import recipient_for

PANEL = Debrief(id="x", notes="n", company="Ferrowen", date="2025-10-22", people=[
    Person(name="Dr Imke Sollas", title="Head of Computational Biology"),
    Person(name="Dr Rosalind Albrecht", title="group leader"),
    Person(name="Fraser Tilley", title="talent partner")])


@pytest.mark.parametrize(("to", "name"), [
    ("Dr Rosalind Albrecht", "Dr Rosalind Albrecht"),  # not the first "Dr" of the list
    ("Rosalind", "Dr Rosalind Albrecht"),
    ("Dr Albrecht", "Dr Rosalind Albrecht"),  # a title and a surname
    ("Imke", "Dr Imke Sollas"),
    ("Fraser", "Fraser Tilley"),
])
def test_the_person_a_message_is_for_is_found_by_name_not_by_title(to: str, name: str) -> None:
    assert recipient_for(PANEL, to).name == name


@pytest.mark.parametrize(("greet", "to", "right"), [
    ("Hi Dr Sollas,", {"name": "Dr Rosalind Albrecht"}, False),
    ("Dear Dr Albrecht,", {"name": "Dr Rosalind Albrecht"}, True),
    ("Hi Rosalind,", {"name": "Dr Rosalind Albrecht"}, True),
    ("Hi Fraser,", {"name": "Fraser Tilley"}, True),
    ("Dear Hiring Manager,", {"name": None, "title": "hiring manager"}, True),
    ("Hi Dana Reyes,", {"name": None, "title": "manager"}, False),
])
def test_the_eval_counts_a_greeting_right_only_when_it_names_the_addressee(
        greet: str, to: dict, right: bool) -> None:
    assert _addressed(greet, to) is right
