"""The shared story filter: the allow-list, dates, organisations, slider and triad bins, word search
(with LIKE wildcards taken literally), reviewed versions, and combinations, on stored stories."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import Session
from werkzeug.datastructures import MultiDict

from coalitions.models import Coalition
from sensemaking import filters
from sensemaking.filters import FilterError, StoryFilter
from sensemaking.models import StoryMark, StoryReview
from tests.factories import local_today, make_coalition, make_organisation
from tests.sensemaking._stories import make_story
from vertelpunt import questionnaire, services
from vertelpunt.questionnaire import Definition

DEFINITION = questionnaire.parse(questionnaire.read_file())


def parse(pairs: list[tuple[str, str]], **kwargs: object) -> StoryFilter:
    return filters.parse(MultiDict(pairs), DEFINITION, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def definition(session: Session) -> Definition:
    return services.current_questionnaire(session)[1]


def titles(session: Session, coalition: Coalition, flt: StoryFilter, definition: Definition, **kw) -> set:
    return {r.title for r in filters.stories(session, [coalition.id], flt, definition, **kw)}


# Parsing: the allow-list ---------------------------------------------------------------------------


def test_known_questions_and_values_are_read() -> None:
    flt = parse([("a.feeling", "good"), ("a.feeling", "bad"), ("a.helpers", "family"), ("page", "3")])
    assert flt.answers == {"feeling": frozenset({"good", "bad"}), "helpers": frozenset({"family"})}
    assert not flt.is_empty()


@pytest.mark.parametrize(
    "pairs",
    [
        [("a.nope", "x")],  # unknown question
        [("a.feeling", "great")],  # unknown value
        [("a.story", "x")],  # the story text itself is not a filter
        [("a.organisation", "Wijkteam")],  # free text answers are not filters
        [("a.who_decided", "0.5")],  # sliders are filtered by third, not by position
        [("a.what_mattered", "0")],  # triads by corner
        [("a.feeling", "good"), ("a.feeling", "good' OR 1=1 --")],
    ],
)
def test_unknown_fields_and_values_are_refused(pairs: list[tuple[str, str]]) -> None:
    with pytest.raises(FilterError):
        parse(pairs)


def test_an_empty_field_does_not_restrict() -> None:
    # A form sent with nothing ticked, or an empty value, must not filter everything away.
    assert parse([("a.feeling", "")]).is_empty()
    assert parse([("a.feeling", ""), ("a.feeling", "good")]).answers == {"feeling": frozenset({"good"})}
    with pytest.raises(FilterError):
        parse([("a.nope", "")])


def test_with_a_prefix_unknown_keys_are_refused_and_others_ignored() -> None:
    flt = parse([("g1-a.feeling", "good"), ("g2-a.feeling", "bad"), ("page", "2")], prefix="g1-")
    assert flt.answers == {"feeling": frozenset({"good"})}
    with pytest.raises(FilterError):
        parse([("g1-sort", "x")], prefix="g1-")


def test_dates_are_iso_and_inclusive_bounds() -> None:
    flt = parse([("van", "2026-01-01"), ("tot", "2026-03-31")])
    assert (flt.since, flt.until) == (date(2026, 1, 1), date(2026, 3, 31))
    assert parse([("van", ""), ("tot", "")]).is_empty()
    for bad in ("31-12-2026", "2026-02-30", "gisteren", "2026-13-01"):
        with pytest.raises(FilterError):
            parse([("van", bad)])


def test_organisations_must_be_the_coalitions_own() -> None:
    assert parse([("org", "3"), ("org", "")], organisation_ids=[3, 4]).organisations == {3}
    for bad in ("5", "abc", "-3", "3.0", "²", "٣"):
        with pytest.raises(FilterError):
            parse([("org", bad)], organisation_ids=[3, 4])


def test_search_text_is_normalised_and_limited() -> None:
    assert parse([("q", "  thuis   school ")]).query == "thuis school"
    with pytest.raises(FilterError):
        parse([("q", "x" * 201)])


def test_reading_pack_flag() -> None:
    assert parse([("leespakket", "1")]).marked
    assert not parse([("leespakket", "")]).marked


@given(
    answers=st.dictionaries(
        st.sampled_from(["feeling", "helpers", "prompt", "who_decided", "what_mattered"]),
        st.sets(st.sampled_from(["good", "bad", "family", "safe", "left", "middle", "listened"]), min_size=1),
    ),
    query=st.text(alphabet="ab %_\\'\"", max_size=20),
    marked=st.booleans(),
)
def test_args_read_back_to_the_same_filter(answers: dict, query: str, marked: bool) -> None:
    allowed = {f.question.id: {v for v, _ in f.values} for f in filters.filter_fields(DEFINITION)}
    answers = {q: frozenset(v & allowed[q]) for q, v in answers.items() if v & allowed[q]}
    flt = StoryFilter(
        answers=answers,
        organisations=frozenset({7}),
        since=date(2026, 1, 2),
        query=" ".join(query.split()),
        marked=marked,
    )
    assert parse(flt.args(), organisation_ids=[7]) == flt


# Filtering stored stories -------------------------------------------------------------------------


def test_choice_answers_any_of_the_values(session: Session, coalition: Coalition, definition) -> None:
    make_story(session, coalition, title="goed", answers={"feeling": "good", "helpers": ["family", "care"]})
    make_story(session, coalition, title="slecht", answers={"feeling": "bad", "helpers": ["school"]})
    make_story(session, coalition, title="zonder", answers={})
    assert titles(session, coalition, parse([("a.feeling", "good")]), definition) == {"goed"}
    both = parse([("a.feeling", "good"), ("a.feeling", "bad")])
    assert titles(session, coalition, both, definition) == {"goed", "slecht"}
    assert titles(session, coalition, parse([("a.helpers", "care")]), definition) == {"goed"}
    assert titles(session, coalition, StoryFilter(), definition) == {"goed", "slecht", "zonder"}


def test_slider_thirds(session: Session, coalition: Coalition, definition) -> None:
    for title, position in (("links", 0.0), ("bijna-links", 0.2), ("midden", 0.5), ("rechts", 1.0)):
        make_story(session, coalition, title=title, answers={"who_decided": position})
    make_story(session, coalition, title="geen", answers={})
    flt = parse([("a.who_decided", "left")])
    assert titles(session, coalition, flt, definition) == {"links", "bijna-links"}
    assert titles(session, coalition, parse([("a.who_decided", "middle")]), definition) == {"midden"}
    assert titles(session, coalition, parse([("a.who_decided", "right")]), definition) == {"rechts"}


def test_triad_strongest_corner(session: Session, coalition: Coalition, definition) -> None:
    make_story(session, coalition, title="luisteren", answers={"what_mattered": [0.6, 0.2, 0.2]})
    make_story(session, coalition, title="samen", answers={"what_mattered": [0.1, 0.2, 0.7]})
    make_story(session, coalition, title="gelijk", answers={"what_mattered": [0.4, 0.4, 0.2]})
    make_story(session, coalition, title="kapot", answers={"what_mattered": "veel"})
    flt = parse([("a.what_mattered", "listened")])
    assert titles(session, coalition, flt, definition) == {"luisteren", "gelijk"}  # a tie: the first
    assert titles(session, coalition, parse([("a.what_mattered", "together")]), definition) == {"samen"}


def test_period_is_inclusive(session: Session, coalition: Coalition, definition) -> None:
    for day in (date(2026, 1, 31), date(2026, 2, 1), date(2026, 2, 28), date(2026, 3, 1)):
        make_story(session, coalition, title=day.isoformat(), day=day)
    flt = parse([("van", "2026-02-01"), ("tot", "2026-02-28")])
    assert titles(session, coalition, flt, definition) == {"2026-02-01", "2026-02-28"}
    assert titles(session, coalition, parse([("van", "2026-02-28")]), definition) == {
        "2026-02-28",
        "2026-03-01",
    }


def test_organisation_filter(session: Session, coalition: Coalition, definition) -> None:
    school = make_organisation(session, coalition, name="School")
    team = make_organisation(session, coalition, name="Wijkteam")
    make_story(session, coalition, title="s", organisation=school)
    make_story(session, coalition, title="w", organisation=team)
    make_story(session, coalition, title="algemeen")
    flt = parse([("org", str(school.id))], organisation_ids=[school.id, team.id])
    assert titles(session, coalition, flt, definition) == {"s"}


def test_other_coalitions_stories_never_come_along(session: Session, coalition: Coalition, definition):
    other = make_coalition(session)
    make_story(session, other, title="van een ander", answers={"feeling": "good"})
    make_story(session, coalition, title="van ons", answers={"feeling": "good"})
    assert titles(session, coalition, parse([("a.feeling", "good")]), definition) == {"van ons"}


def test_words_all_must_occur_case_insensitive(session: Session, coalition: Coalition, definition):
    make_story(session, coalition, title="School", text="De mentor op school hielp mij thuis.")
    make_story(session, coalition, title="Thuis", text="Thuis ging het beter.")
    assert titles(session, coalition, parse([("q", "THUIS")]), definition) == {"School", "Thuis"}
    assert titles(session, coalition, parse([("q", "thuis mentor")]), definition) == {"School"}
    assert titles(session, coalition, parse([("q", "school")]), definition) == {"School"}  # in the title


def test_like_wildcards_are_taken_literally(session: Session, coalition: Coalition, definition) -> None:
    make_story(session, coalition, title="procent", text="Ik was 100% zeker.")
    make_story(session, coalition, title="duizend", text="Ik heb het 1000 keer gezegd.")
    make_story(session, coalition, title="underscore", text="Mijn naam was a_b in de chat.")
    make_story(session, coalition, title="axb", text="Er stond axb op het bord.")
    make_story(session, coalition, title="backslash", text="Een pad als c:\\map stond er.")
    assert titles(session, coalition, parse([("q", "100%")]), definition) == {"procent"}
    assert titles(session, coalition, parse([("q", "%")]), definition) == {"procent"}
    assert titles(session, coalition, parse([("q", "a_b")]), definition) == {"underscore"}
    assert titles(session, coalition, parse([("q", "_")]), definition) == {"underscore"}
    assert titles(session, coalition, parse([("q", "c:\\map")]), definition) == {"backslash"}
    assert titles(session, coalition, parse([("q", "' OR 1=1 --")]), definition) == set()


def test_reviewed_stories_come_and_are_searched_as_reviewed(
    session: Session, coalition: Coalition, definition
) -> None:
    story = make_story(session, coalition, title="Met Jansen", text="Meneer Jansen belde 0612345678.")
    session.add(
        StoryReview(
            story_id=story.id,
            title="Met [naam]",
            text="Meneer [naam] belde [telefoon].",
            reviewed_on=local_today(),
        )
    )
    session.commit()
    [record] = filters.stories(session, [coalition.id], StoryFilter(), definition)
    assert (record.title, record.text, record.reviewed) == (
        "Met [naam]",
        "Meneer [naam] belde [telefoon].",
        True,
    )
    # A name taken out of a story must not find it.
    assert titles(session, coalition, parse([("q", "Jansen")]), definition) == set()
    assert titles(session, coalition, parse([("q", "belde")]), definition) == {"Met [naam]"}
    # Administrators, while originals are kept, get (and search) the original.
    assert titles(session, coalition, parse([("q", "Jansen")]), definition, originals=True) == {"Met Jansen"}


def test_reading_pack_lists_only_this_coalitions_marks(
    session: Session, coalition: Coalition, definition
) -> None:
    marked = make_story(session, coalition, title="gemarkeerd")
    make_story(session, coalition, title="niet")
    session.add(StoryMark(story_id=marked.id, coalition_id=coalition.id, marked_on=local_today()))
    session.commit()
    assert titles(session, coalition, parse([("leespakket", "1")]), definition) == {"gemarkeerd"}


def test_combination_must_satisfy_every_part(session: Session, coalition: Coalition, definition) -> None:
    school = make_organisation(session, coalition, name="School")
    base = {"feeling": "good", "perspective": "parent", "who_decided": 0.9}
    make_story(session, coalition, title="raak", text="thuis", organisation=school, answers=base)
    make_story(
        session,
        coalition,
        title="andere dag",
        text="thuis",
        organisation=school,
        day=date(2025, 1, 1),
        answers=base,
    )
    make_story(session, coalition, title="ander woord", text="school", organisation=school, answers=base)
    make_story(session, coalition, title="geen org", text="thuis", answers=base)
    make_story(
        session,
        coalition,
        title="ander gevoel",
        text="thuis",
        organisation=school,
        answers={**base, "feeling": "bad"},
    )
    make_story(
        session,
        coalition,
        title="links",
        text="thuis",
        organisation=school,
        answers={**base, "who_decided": 0.1},
    )
    flt = parse(
        [
            ("a.feeling", "good"),
            ("a.perspective", "parent"),
            ("a.who_decided", "right"),
            ("org", str(school.id)),
            ("van", "2026-01-01"),
            ("q", "thuis"),
        ],
        organisation_ids=[school.id],
    )
    assert titles(session, coalition, flt, definition) == {"raak"}


def test_slider_thirds_are_symmetric_for_stored_positions() -> None:
    from sensemaking.filters import dyad_bin
    from vertelpunt.questionnaire import dyad_position

    bins = [dyad_bin(dyad_position(step, 7)) for step in range(7)]
    assert bins == ["left", "left", "middle", "middle", "middle", "right", "right"]
    assert [dyad_bin(dyad_position(step, 4)) for step in range(4)] == ["left", "middle", "middle", "right"]


def test_triad_corner_reads_the_stored_shape() -> None:
    from sensemaking.filters import triad_corner
    from vertelpunt.questionnaire import parse, read_file

    question = parse(read_file()).get("what_mattered")
    assert question is not None
    first, second, third = question.values()
    assert triad_corner({first: 0.2, second: 0.7, third: 0.1}, question) == second
    assert triad_corner([0.5, 0.25, 0.25], question) == first
    assert triad_corner({first: 0.5}, question) is None
    assert triad_corner(None, question) is None
