"""Retention (RELIABILITY row 32): closing a coalition's data, purging it after the retention period with
nothing left behind (no rows, no orphans, no story bytes in SQLite's files), and the lead's screen."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
import time_machine
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, SQLModel, select

from coalitions import retention
from coalitions import services as coalition_services
from coalitions.models import Coalition, InvitationText, User
from sensemaking.models import StoryReview, Theme, ThemeEdit, ThemeMember, ThemeRun
from tests.coalitions.conftest import login
from tests.conftest import PG_URL
from tests.factories import local_today, make_coalition, make_link
from vertelpunt import db, demo, services
from vertelpunt.models import Answer, Story, import_all_models

TODAY = date(2026, 3, 2)
CANARY = "KANARIE-7f3c91-bewaartermijn"


def add_story(
    session: Session, coalition: Coalition, text: str = "Een gewoon verhaal over de jeugdzorg."
) -> str:
    link = make_link(session, coalition)
    questionnaire, _ = services.current_questionnaire(session)
    result = services.submit_story(
        session,
        link=link,
        questionnaire=questionnaire,
        submission_id=str(uuid.uuid4()),
        title=f"Titel {text[:20]}",
        text=text,
        answers={"feeling": "good"},
        language="nl",
        day=TODAY,
    )
    assert result.story_id is not None
    return result.story_id


def rows_of(session: Session, coalition_id: int) -> dict[str, int]:
    """Rows of every table with a coalition_id column that belong to ``coalition_id``."""
    import_all_models()
    counts = {}
    for table in SQLModel.metadata.sorted_tables:
        if "coalition_id" in table.c:
            query = sa.select(sa.func.count()).select_from(table).where(table.c.coalition_id == coalition_id)
            counts[table.name] = int(session.execute(query).scalar_one())
    counts["answer"] = int(
        session.execute(
            sa.select(sa.func.count())
            .select_from(Answer)
            .join(Story, Story.id == Answer.story_id)
            .where(Story.coalition_id == coalition_id)
        ).scalar_one()
    )
    return counts


def sqlite_files(app: Flask) -> list[Path]:
    path = Path(sa.make_url(app.config["DATABASE_URL"]).database or "")
    return [p for p in (path, path.with_name(path.name + "-wal")) if p.exists()]


@pytest.fixture
def world(app: Flask) -> dict[str, int]:
    """The demo coalition (workshops, themes, actions, lessons…) plus what the demo lacks: a canary story
    with a review, a theme edit and an invitation text; and a second coalition whose cross-regional theme
    run holds one of the demo's stories. The demo's data is closed on TODAY with 30 days' retention."""
    with app.app_context():
        session = db.get_session()
        old = demo.seed(session, today=TODAY)
        session.commit()
        canary = add_story(session, old, f"Mijn verhaal {CANARY} over de hulp die ik kreeg.")
        session.add(
            StoryReview(story_id=canary, title="Nagekeken", text=f"Nagekeken {CANARY}", reviewed_on=TODAY)
        )
        session.add(InvitationText(coalition_id=old.id, audience="youth", language="nl", body="Vertel!"))
        members = session.exec(select(ThemeMember).limit(2)).all()
        session.add(
            ThemeEdit(
                coalition_id=old.id,
                kind="rename",
                payload={"kind": "rename", "anchor": [m.story_id for m in members], "label": "x"},
            )
        )
        other = make_coalition(session, slug="blijft")
        kept = [add_story(session, other) for _ in range(3)]
        run = ThemeRun(coalition_id=other.id, coalition_ids=[other.id, old.id], status="done", story_count=2)
        session.add(run)
        session.flush()
        theme = Theme(
            run_id=run.id, number=1, label="t", proposed_label="t", representatives=[canary, kept[0]], size=2
        )
        session.add(theme)
        session.flush()
        session.add_all(
            ThemeMember(run_id=run.id, story_id=s, theme_id=theme.id)
            for s in (canary, kept[0])  # type: ignore[arg-type]
        )
        retention.close_data(session, old, today=TODAY, retention_days=30)
        session.commit()
        return {"old": old.id, "other": other.id, "run": run.id, "theme": theme.id}  # type: ignore[dict-item]


def test_purge_after_retention_leaves_nothing_and_spares_the_rest(
    app: Flask, session: Session, world: dict[str, int]
) -> None:
    old_id, other_id = world["old"], world["other"]
    before_old, before_other = rows_of(session, old_id), rows_of(session, other_id)
    users = len(session.exec(select(User)).all())
    assert before_old["story"] == 166 and before_old["workshop"] == 2 and before_old["themeedit"] == 1
    session.rollback()
    if not PG_URL:  # the byte grep at the end can fail: before the purge, the canary is on disk
        assert sum(p.read_bytes().count(CANARY.encode()) for p in sqlite_files(app)) >= 1
    runner = app.test_cli_runner()

    # The last day of the retention period: nothing goes yet.
    with time_machine.travel(datetime(2026, 4, 1, 10, tzinfo=UTC), tick=False):
        result = runner.invoke(args=["purge-expired"])
    assert result.exit_code == 0, result.output
    assert "0 coalition(s) purged" in result.output
    assert rows_of(session, old_id) == before_old
    session.rollback()

    with time_machine.travel(datetime(2026, 4, 2, 10, tzinfo=UTC), tick=False):
        dry = runner.invoke(args=["purge-expired", "--dry-run"])
        assert f"would purge {demo.DEMO_SLUG}" in dry.output and "story" in dry.output
        assert rows_of(session, old_id) == before_old
        session.rollback()
        result = runner.invoke(args=["purge-expired"])
    assert result.exit_code == 0, result.output
    assert "story" in result.output and "166" in result.output and "no orphan rows left" in result.output
    assert CANARY not in result.output and "luisterde" not in result.output
    session.rollback()
    assert session.get(Coalition, old_id) is None
    assert all(n == 0 for n in rows_of(session, old_id).values()), rows_of(session, old_id)
    assert rows_of(session, other_id) == before_other
    assert len(session.exec(select(User)).all()) == users
    assert retention.orphan_counts(session) == {}
    run = session.get(ThemeRun, world["run"])
    theme = session.get(Theme, world["theme"])
    assert run is not None and run.coalition_ids == [other_id] and run.story_count == 1
    assert theme is not None and len(theme.representatives) == 1 and theme.size == 1
    assert session.exec(select(sa.func.count()).select_from(StoryReview)).one() == 0
    assert session.exec(select(sa.func.count()).select_from(Story)).one() == 3
    session.close()

    if not PG_URL:
        files = sqlite_files(app)
        assert files, "no database file found"
        assert sum(p.read_bytes().count(CANARY.encode()) for p in files) == 0


def test_orphan_counts_finds_a_planted_orphan(app: Flask, session: Session) -> None:
    assert retention.orphan_counts(session) == {}
    session.rollback()
    answer = (str(uuid.uuid4()), "feeling", '"good"', False)
    theme = (424242, 1, "x", "x", 0, "[]", "[]", "")
    insert_answer = "INSERT INTO answer (story_id, question_id, value, prefilled) VALUES (%s)"
    insert_theme = (
        "INSERT INTO theme (run_id, number, label, proposed_label, size, keywords, representatives,"
        " observations) VALUES (%s)"
    )
    raw = app.extensions["engine"].raw_connection()
    try:
        cursor = raw.cursor()
        if PG_URL:  # foreign keys off for this transaction only (needs a superuser, as in the test setup)
            cursor.execute("SET LOCAL session_replication_role = replica")
            marks = "%s"
        else:  # the pragma only works outside a transaction, which the raw connection (autocommit) is in
            cursor.execute("PRAGMA foreign_keys=OFF")
            marks = "?"
        cursor.execute(insert_answer % ", ".join([marks] * 4), answer)
        cursor.execute(insert_theme % ", ".join([marks] * 8), theme)
        if not PG_URL:
            cursor.execute("PRAGMA foreign_keys=ON")
        raw.commit()
    finally:
        raw.close()
    assert retention.orphan_counts(session) == {"answer.story_id": 1, "theme.run_id": 1}


def test_expired_counts_from_the_close_date(session: Session) -> None:
    coalition = make_coalition(session)
    assert retention.expired(session, today=TODAY + timedelta(days=1000)) == []
    retention.close_data(session, coalition, today=TODAY, retention_days=10)
    retention.close_data(session, coalition, today=TODAY + timedelta(days=5))  # closing again changes nothing
    session.commit()
    assert coalition.data_closed_on == TODAY and retention.purge_after(coalition) == TODAY + timedelta(
        days=10
    )
    assert retention.expired(session, today=TODAY + timedelta(days=10)) == []
    assert [c.slug for c in retention.expired(session, today=TODAY + timedelta(days=11))] == [coalition.slug]


def test_closed_data_stops_the_links(client: FlaskClient, session: Session) -> None:
    link = make_link(session)
    assert client.get(f"/i/{link.token}").status_code == 200
    coalition = session.get(Coalition, link.coalition_id)
    assert coalition is not None
    retention.close_data(session, coalition, today=local_today(), retention_days=365)
    session.commit()
    assert client.get(f"/i/{link.token}").status_code == 410
    with pytest.raises(coalition_services.LinkClosed):
        coalition_services.resolve_link(session, token=link.token, today=local_today())


def test_lead_closes_the_data_after_confirming(app: Flask, client: FlaskClient, session: Session) -> None:
    app.config["RETENTION_DAYS"] = 90
    coalition = make_coalition(session)
    login(client, session, coalition=coalition, lead=True)
    settings = client.get(f"/coalitions/{coalition.slug}/instellingen").get_data(as_text=True)
    assert f"/coalitions/{coalition.slug}/gegevens-sluiten" in settings
    page = client.get(f"/coalitions/{coalition.slug}/gegevens-sluiten")
    assert page.status_code == 200
    session.rollback()
    session.expire_all()
    assert session.get(Coalition, coalition.id).data_closed_on is None  # type: ignore[union-attr]
    sent = client.post(f"/coalitions/{coalition.slug}/gegevens-sluiten")
    assert sent.status_code == 302, sent.get_data(as_text=True)
    assert sent.headers["Location"].endswith(f"/coalitions/{coalition.slug}/instellingen"), sent.headers
    session.rollback()  # end the read snapshot, and read the coalition again
    session.expire_all()
    closed = session.get(Coalition, coalition.id)
    assert closed is not None and closed.data_closed_on is not None and closed.retention_days == 90
    assert "gesloten op" in client.get(f"/coalitions/{coalition.slug}/instellingen").get_data(as_text=True)


def test_members_who_are_not_lead_cannot_close(client: FlaskClient, session: Session) -> None:
    coalition = make_coalition(session)
    login(client, session, coalition=coalition, lead=False)
    assert client.get(f"/coalitions/{coalition.slug}/gegevens-sluiten").status_code == 403
    assert client.post(f"/coalitions/{coalition.slug}/gegevens-sluiten").status_code == 403
    session.rollback()
    session.expire_all()
    assert session.get(Coalition, coalition.id).data_closed_on is None  # type: ignore[union-attr]
