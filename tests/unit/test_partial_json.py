"""A model reply cut at max_tokens: the finished parts are kept, the unfinished one is not."""

from __future__ import annotations

from debrief.core.partial_json import closed_objects, salvage

CUT = ('{"company": "St. Brigid\'s", "role": "RN, Cardiac", "stage": "panel",\n  "people": [\n'
       '    {"name": "Gloria Ashdown", "title": "Nurse Manager", "line": 5},\n'
       '    {"name": "Harold", "ti')


def test_a_cut_header_keeps_its_fields_and_the_people_already_closed() -> None:
    got = salvage(CUT, objects_key="people")
    assert got["company"] == "St. Brigid's" and got["role"] == "RN, Cardiac"
    assert got["stage"] == "panel"
    assert got["people"] == [{"name": "Gloria Ashdown", "title": "Nurse Manager", "line": 5}]
    assert "name" not in got  # the unfinished person is not read as a field of the header


def test_a_cut_list_of_lines_keeps_the_numbers_written() -> None:
    assert salvage('{"lines": [3, 5, 1') == {"lines": [3, 5, 1]}
    assert salvage("not json at all") == {}


def test_closed_objects_skips_what_is_not_json() -> None:
    assert closed_objects('[{"a": 1}, {bad}, {"b": "x"}') == [{"a": 1}, {"b": "x"}]
