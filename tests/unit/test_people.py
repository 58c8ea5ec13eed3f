"""Is it someone? Names and roles are people; events, things, section words and the user are not."""

from __future__ import annotations

import pytest

from debrief.core.domain import Person
from debrief.core.people import is_person, writer_names


@pytest.mark.parametrize(("name", "title", "want"), [
    ("Gloria Ashdown", "Nurse Manager", True),
    (None, "the engineering director", True),
    ("Todd Summers", None, True),
    ("Notes", None, False),  # a section word the model once listed as someone met
    ("Coding Challenge", None, False),
    (None, "limo ride", False),
])
def test_people_are_names_or_roles_never_things(name: str | None, title: str | None,
                                                 want: bool) -> None:
    assert is_person(Person(name=name, title=title), set()) is want


def test_the_user_is_never_someone_they_met() -> None:
    assert not is_person(Person(name="Sam"), {"Sam Rivera"})
    assert writer_names("Great chat overall.\n\nSam here, signing off.") == {"Sam"}
