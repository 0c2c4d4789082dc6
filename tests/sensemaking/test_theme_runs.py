"""Theme runs in the database: stored representations, saved themes, edits that survive a re-run."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlmodel import Session, select

from coalitions.models import Coalition
from sensemaking import theme_runs
from sensemaking.models import StoryRepresentation, StoryReview, ThemeEdit, ThemeRun
from sensemaking.representation import lemma_words
from tests.factories import make_coalition
from tests.sensemaking._stories import make_story
from tests.sensemaking._themes import subject_stories
from vertelpunt.models import Story


def _themes_by_subject(session: Session, run: ThemeRun) -> dict[str, int]:
    members = theme_runs.members_of(session, run)
    theme_of = {story: theme for theme, stories in members.items() for story in stories}
    return theme_of


def _seed(session: Session) -> tuple[Coalition, dict[str, str]]:
    coalition = make_coalition(session)
    subjects = {}
    for subject, text in subject_stories():
        story = make_story(session, coalition, text=text, title=subject.capitalize())
        subjects[story.id] = subject
    return coalition, subjects


def test_a_run_finds_the_subjects_and_stores_representations(session: Session) -> None:
    coalition, subjects = _seed(session)
    run = theme_runs.start_run(session, coalition, k=3)
    run = theme_runs.execute_run(session, run.id)
    assert run.status == "done", run.message
    assert run.story_count == 30 and run.theme_count == 3
    theme_of = _themes_by_subject(session, run)
    # Every subject lands (almost) wholly in one theme of its own.
    for subject in ("wachten", "school", "voetbal"):
        themes = Counter(theme_of[s] for s, subj in subjects.items() if subj == subject)
        assert themes.most_common(1)[0][1] >= 8, (subject, themes)
    assert len(session.exec(select(StoryRepresentation)).all()) == 30
    labels = [t.label for t in theme_runs.themes_of(session, run)]
    assert all(labels) and len(set(labels)) == 3
    assert all(t.observations.startswith("Dit thema telt") for t in theme_runs.themes_of(session, run))


def test_same_input_same_themes(session: Session) -> None:
    coalition, _ = _seed(session)
    first = theme_runs.execute_run(session, theme_runs.start_run(session, coalition, k=3, seed=4).id)
    second = theme_runs.execute_run(session, theme_runs.start_run(session, coalition, k=3, seed=4).id)
    a = {s: t for t, stories in theme_runs.members_of(session, first).items() for s in stories}
    b = {s: t for t, stories in theme_runs.members_of(session, second).items() for s in stories}
    number_a = {t.id: t.number for t in theme_runs.themes_of(session, first)}
    number_b = {t.id: t.number for t in theme_runs.themes_of(session, second)}
    assert {s: number_a[t] for s, t in a.items()} == {s: number_b[t] for s, t in b.items()}


def test_rename_and_move_survive_a_rerun_on_new_stories(session: Session) -> None:
    coalition, subjects = _seed(session)
    run = theme_runs.execute_run(session, theme_runs.start_run(session, coalition, k=3).id)
    themes = theme_runs.themes_of(session, run)
    members = theme_runs.members_of(session, run)
    school = next(t for t in themes if any(subjects[s] == "school" for s in members[t.id][:3]))
    sport = next(t for t in themes if any(subjects[s] == "voetbal" for s in members[t.id][:3]))
    assert theme_runs.edit_run(
        session, run, {"kind": "rename", "theme": school.id, "label": "School en mentor"}
    )
    # An edit keeps the themes' ids, so a page opened before it still points at the same themes.
    after = {t.id: t.label for t in theme_runs.themes_of(session, run)}
    assert after[school.id] == "School en mentor" and set(after) == {t.id for t in themes}
    moved = members[sport.id][-1]
    assert theme_runs.edit_run(session, run, {"kind": "move", "story": moved, "target": school.id})
    assert len(session.exec(select(ThemeEdit)).all()) == 2
    make_story(
        session, coalition, text="Mijn mentor op school hielp mij met plannen en huiswerk.", title="Plannen"
    )
    rerun = theme_runs.execute_run(session, theme_runs.start_run(session, coalition, k=3).id)
    new_themes = {t.id: t for t in theme_runs.themes_of(session, rerun)}
    new_members = theme_runs.members_of(session, rerun)
    renamed = [t for t in new_themes.values() if t.label == "School en mentor"]
    assert len(renamed) == 1
    assert moved in new_members[renamed[0].id]


def test_merge_and_split(session: Session) -> None:
    coalition, _ = _seed(session)
    run = theme_runs.execute_run(session, theme_runs.start_run(session, coalition, k=3).id)
    first, second, _third = theme_runs.themes_of(session, run)
    assert theme_runs.edit_run(session, run, {"kind": "merge", "themes": [first.id, second.id]})
    assert run.theme_count == 2
    biggest = theme_runs.themes_of(session, run)[0]
    assert theme_runs.edit_run(session, run, {"kind": "split", "theme": biggest.id})
    assert run.theme_count == 3
    # Unknown themes or missing fields are refused, not errors.
    assert not theme_runs.edit_run(session, run, {"kind": "rename", "theme": 999999, "label": "x"})
    assert not theme_runs.edit_run(session, run, {"kind": "merge", "themes": [biggest.id]})
    assert not theme_runs.edit_run(session, run, {"kind": "explode"})


def test_too_few_stories_is_a_clear_failure(session: Session) -> None:
    coalition = make_coalition(session)
    for _ in range(3):
        make_story(session, coalition)
    run = theme_runs.execute_run(session, theme_runs.start_run(session, coalition).id)
    assert run.status == "failed"
    assert "minder dan 5 verhalen" in run.message and "minstens 10" in run.message


def test_a_checked_story_is_themed_by_its_checked_text(session: Session) -> None:
    coalition, subjects = _seed(session)
    story_id = next(iter(subjects))
    session.add(
        StoryReview(
            story_id=story_id,
            title="Wachten",
            text="Wij wachtten lang op [naam].",
            reviewed_on=date(2026, 11, 1),
        )
    )
    session.commit()
    story = session.get(Story, story_id)
    story.text = "Wij wachtten lang op Evertje Zonnebloem."
    session.add(story)
    session.commit()
    run = theme_runs.execute_run(session, theme_runs.start_run(session, coalition, k=3).id)
    assert run.status == "done"
    stored = session.exec(select(StoryRepresentation).where(StoryRepresentation.story_id == story_id)).all()
    assert stored and all("zonnebloem" not in lemma_words(row.data) for row in stored)
    assert all("zonnebloem" not in " ".join(t.keywords) for t in theme_runs.themes_of(session, run))
