"""The evidence check: exact, folded, snapped near misses, invented quotes refused."""

from debrief.core.evidence import fold, locate, segment

NOTE = ("Dana Whitcombe - technical recruiter.\n"
        "- team is 8 engineers + EM, part of the Data Platform org\n"
        "- she said base band for senior \u201ctops out around 185k\u201d, plus RSUs\n")


def test_exact_quote_is_found_at_its_offsets() -> None:
    span = locate(NOTE, "team is 8 engineers + EM")
    assert span is not None and span.text(NOTE) == "team is 8 engineers + EM"


def test_case_whitespace_and_quote_marks_are_folded_to_the_notes_own_words() -> None:
    span = locate(NOTE, 'TEAM is 8   engineers\n+ em')
    assert span is not None and span.text(NOTE) == "team is 8 engineers + EM"
    span = locate(NOTE, 'base band for senior "tops out around 185k"')
    assert span is not None
    assert span.text(NOTE) == "base band for senior \u201ctops out around 185k\u201d"


def test_near_miss_is_snapped_to_the_exact_span() -> None:
    span = locate(NOTE, "team is 8 enginers + EM, part of the Data Platfrom org")
    assert span is not None
    assert span.text(NOTE) == "team is 8 engineers + EM, part of the Data Platform org"


def test_invented_quote_is_refused() -> None:
    assert locate(NOTE, "What are your strengths and weaknesses?") is None
    assert locate(NOTE, "team is 12 engineers in Berlin") is None
    assert locate(NOTE, "") is None


def test_segment_strips_bullets_and_keeps_offsets() -> None:
    units = segment(NOTE)
    assert [u.number for u in units] == [1, 2, 3]
    for u in units:
        assert NOTE[u.span.start : u.span.end] == u.text
    assert units[1].text.startswith("team is 8")


def test_segment_splits_long_lines_into_sentences_and_tracks_headers() -> None:
    long_line = " ".join(f"Sentence number {i} is here and it is long enough." for i in range(8))
    note = f"she asked:\n- why leaving\n\n{long_line}\n"
    units = segment(note)
    assert units[1].header == "she asked:"
    assert len(units) > 3
    assert all(note[u.span.start : u.span.end] == u.text for u in units)


def test_folding_ascii_takes_a_fast_path_with_the_same_result() -> None:
    import random

    from debrief.core.evidence import _fold, _fold_slow

    rnd = random.Random(2)
    alphabet = [chr(i) for i in range(128)]
    for _ in range(3000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40)))
        assert _fold(text) == _fold_slow(text), repr(text)
    folded, index = fold("  Dana SAID\t\n it’s  fine ")
    assert folded == "dana said it's fine" and index[0] == 2 and index[-1] == 23
    index.append(99)  # a caller's change to its list never reaches the kept result
    assert fold("  Dana SAID\t\n it’s  fine ")[1][-1] == 23
