"""Theme runs in the database: start a run, execute it (in a job), save its themes, edit them.

A run covers the stories of a coalition (optionally filtered, optionally several coalitions for a
cross-regional evaluation). Representations are stored per story (``StoryRepresentation``) the first
time they are needed, so a re-run only clusters. The coalition's theme edits are replayed on every new
run, so a rename, merge, split or move survives new stories.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlmodel import Session, col, delete, select

from coalitions.models import Coalition
from coalitions.monitoring import MISSING, PERSPECTIVES, Shown, suppress
from sensemaking import filters, observations
from sensemaking import representation as representations
from sensemaking.clustering import ClusteringError
from sensemaking.filters import StoryRecord
from sensemaking.models import StoryRepresentation, Theme, ThemeEdit, ThemeMember, ThemeRun
from sensemaking.themes import ThemeInfo, ThemeResult, apply_edit, apply_edits, discover
from vertelpunt.models import Answer
from vertelpunt.services import current_questionnaire
from vertelpunt.timeutil import utcnow

MIN_STORIES = 10  # below this, themes say more about single tellers than about patterns
Progress = Callable[[int, str], None]


class RunError(ValueError):
    """The run cannot be done; the message is for the facilitator (Dutch)."""


@dataclass(frozen=True)
class Prepared:
    """The stories of a run with their representation and content lemmas."""

    records: list[StoryRecord]
    prepared: list[bytes]
    lemmas: list[list[str]]


def start_run(
    session: Session,
    coalition: Coalition,
    *,
    k: int | None = None,
    seed: int = 0,
    filter_args: Sequence[tuple[str, str]] = (),
    coalition_ids: Sequence[int] = (),
    representation: str = "lemmas",
    user_id: int | None = None,
) -> ThemeRun:
    """Record a queued run with its parameters; ``execute_run`` does the work."""
    ids = sorted({coalition.id or 0, *coalition_ids})
    run = ThemeRun(
        coalition_id=coalition.id or 0,
        coalition_ids=ids,
        params={
            "k": k,
            "seed": seed,
            "filter": [list(p) for p in filter_args],
            "representation": representation,
        },
        status="queued",
        created_by_id=user_id,
    )
    session.add(run)
    session.commit()
    return run


def _report(session: Session, run: ThemeRun) -> Progress:
    def report(percent: int, message: str) -> None:
        run.progress = percent
        run.message = message
        session.add(run)
        session.commit()

    return report


def execute_run(session: Session, run_id: int) -> ThemeRun:
    """Do a queued run: prepare representations, cluster, replay edits, save; failures are recorded."""
    run = session.get(ThemeRun, run_id)
    if run is None:
        raise RunError("Deze themaronde bestaat niet (meer).")
    run.status = "running"
    report = _report(session, run)
    report(1, "Verhalen ophalen")
    try:
        result, data = _compute(session, run, report)
    except (RunError, ClusteringError) as exc:
        run.status, run.message = "failed", str(exc)
        run.finished_at = utcnow()
        session.add(run)
        session.commit()
        return run
    report(95, "Thema's opslaan")
    _save(session, run, result, data)
    run.status, run.progress, run.message = "done", 100, ""
    run.story_count = len(data.records)
    run.theme_count = len(result.themes)
    run.finished_at = utcnow()
    session.add(run)
    session.commit()
    return run


def _compute(session: Session, run: ThemeRun, report: Progress) -> tuple[ThemeResult, Prepared]:
    _, definition = current_questionnaire(session)
    args = _multidict(run.params.get("filter", []))
    try:
        flt = filters.parse(args, definition, organisation_ids=_organisation_ids(args))
    except filters.FilterError as exc:
        raise RunError(f"Het filter van deze ronde klopt niet: {exc}") from None
    records = filters.stories(session, run.coalition_ids or [run.coalition_id], flt, definition)
    if len(records) < MIN_STORIES:
        raise RunError(
            f"Er zijn {'minder dan 5' if 0 < len(records) < 5 else len(records)} verhalen; "
            f"voor thema's zijn er minstens {MIN_STORIES} nodig."
        )
    k = run.params.get("k")
    if k is not None and k > len(records):
        raise RunError(f"Er zijn minder verhalen dan het gevraagde aantal thema's ({k}).")
    rep = representations.load(run.params.get("representation") or "lemmas")
    report(5, f"{len(records)} verhalen voorbereiden")
    data = prepare(
        session, records, rep, report=lambda share: report(5 + int(share * 45), "Verhalen voorbereiden")
    )
    report(50, "Thema's zoeken")
    ids = [r.id for r in data.records]

    def choosing(done: int, total: int) -> None:
        report(50 + int(40 * done / total), f"Aantal thema's kiezen ({done}/{total})")

    seed = int(run.params.get("seed") or 0)
    result, vectors = discover(ids, data.prepared, rep, lemmas=data.lemmas, k=k, seed=seed, report=choosing)
    edits = session.exec(
        select(ThemeEdit).where(ThemeEdit.coalition_id == run.coalition_id).order_by(col(ThemeEdit.id))
    ).all()
    apply_edits(result, [e.payload for e in edits], _by_id(ids, vectors), _by_id(ids, data.lemmas), seed=seed)
    return result, data


def _multidict(pairs: Sequence[Sequence[str]]) -> Any:
    from werkzeug.datastructures import MultiDict

    return MultiDict([(str(a), str(b)) for a, b in pairs])


def _organisation_ids(args: Any) -> list[int]:
    return [int(v) for v in args.getlist("org") if str(v).isdigit()]


def _by_id(ids: Sequence[str], rows: Sequence[Any] | np.ndarray) -> dict[str, Any]:
    return {story: rows[i] for i, story in enumerate(ids)}


def prepare(
    session: Session,
    records: Sequence[StoryRecord],
    rep: representations.Representation,
    *,
    report: Callable[[float], None] | None = None,
    batch: int = 500,
) -> Prepared:
    """Stored representations (and lemmas) of the stories, computing and storing what is missing."""
    lemma_rep = representations.LemmaRepresentation("nl")
    kinds = [rep] if rep.kind == lemma_rep.kind else [rep, lemma_rep]
    stored: dict[str, dict[str, bytes]] = {}
    hashes = {
        kind.kind: {r.id: representations.text_hash(kind.kind, _text(r)) for r in records} for kind in kinds
    }
    ids = [r.id for r in records]
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        for row in session.exec(
            select(StoryRepresentation).where(col(StoryRepresentation.story_id).in_(chunk))
        ):
            if hashes.get(row.kind, {}).get(row.story_id) == row.text_hash:
                stored.setdefault(row.kind, {})[row.story_id] = row.data
    session.commit()  # end the read before the slow part: SQLite writers (tellers) must not wait on it
    for kind in kinds:
        have = stored.setdefault(kind.kind, {})
        missing = [r for r in records if r.id not in have]
        for start in range(0, len(missing), batch):
            pending = missing[start : start + batch]
            for record, data in zip(pending, kind.prepare([_text(r) for r in pending]), strict=True):
                have[record.id] = data
                session.merge(
                    StoryRepresentation(
                        story_id=record.id, kind=kind.kind, text_hash=hashes[kind.kind][record.id], data=data
                    )
                )
            session.commit()
            if report:
                report(min(1.0, (start + len(chunk)) / max(1, len(missing))))
    return Prepared(
        records=list(records),
        prepared=[stored[rep.kind][i] for i in ids],
        lemmas=[representations.lemma_words(stored[lemma_rep.kind][i]) for i in ids],
    )


def _text(record: StoryRecord) -> str:
    return f"{record.title}. {record.text}"


def _save(
    session: Session,
    run: ThemeRun,
    result: ThemeResult,
    data: Prepared,
    kept: Mapping[int, str] | None = None,
) -> None:
    """Store the themes of ``result``; ``kept`` gives observations (by theme number) to keep as they are.

    A theme keeps its row (and id) while its number lives on, so pages opened before an edit still
    point at the same theme; themes merged away are deleted, split-off themes added.
    """
    kept = kept or {}
    _, definition = current_questionnaire(session)
    by_id = {r.id: r for r in data.records}
    session.exec(delete(ThemeMember).where(col(ThemeMember.run_id) == run.id))
    existing = {t.number: t for t in session.exec(select(Theme).where(Theme.run_id == run.id))}
    numbers = {info.number for info in result.themes}
    for number, theme in existing.items():
        if number not in numbers:
            session.delete(theme)
    session.flush()
    for info in result.themes:
        theme = existing.get(info.number) or Theme(
            run_id=run.id or 0, number=info.number, label="", proposed_label=""
        )
        theme.label = info.label
        theme.proposed_label = info.proposed_label
        theme.keywords = info.keywords
        theme.representatives = info.representatives
        theme.size = info.size
        theme.observations = (
            kept[info.number]
            if info.number in kept
            else observations.draft(
                [by_id[m] for m in info.members], data.records, definition, keywords=info.keywords
            )
        )
        session.add(theme)
        session.flush()
        session.add_all(
            ThemeMember(
                run_id=run.id or 0,
                story_id=story,
                theme_id=theme.id or 0,
                score=result.scores.get(story, 0.0),
            )
            for story in info.members
        )
    session.commit()


# --- Reading and editing a finished run -----------------------------------------------------------


def themes_of(session: Session, run: ThemeRun) -> list[Theme]:
    """The run's themes, largest first."""
    return list(
        session.exec(
            select(Theme).where(Theme.run_id == run.id).order_by(col(Theme.size).desc(), col(Theme.number))
        )
    )


def members_of(session: Session, run: ThemeRun) -> dict[int, list[str]]:
    """Theme id → its stories, most typical first."""
    rows = session.exec(
        select(ThemeMember.theme_id, ThemeMember.story_id)
        .where(ThemeMember.run_id == run.id)
        .order_by(col(ThemeMember.score).desc(), col(ThemeMember.story_id))
    ).all()
    result: dict[int, list[str]] = {}
    for theme_id, story_id in rows:
        result.setdefault(theme_id, []).append(story_id)
    return result


def latest_run(session: Session, coalition: Coalition, *, finished: bool = True) -> ThemeRun | None:
    """The coalition's newest (finished) run."""
    query = select(ThemeRun).where(ThemeRun.coalition_id == coalition.id)
    if finished:
        query = query.where(ThemeRun.status == "done")
    return session.exec(query.order_by(col(ThemeRun.created_at).desc(), col(ThemeRun.id).desc())).first()


def runs_of(session: Session, coalition: Coalition) -> list[ThemeRun]:
    """The coalition's runs, newest first."""
    return list(
        session.exec(
            select(ThemeRun)
            .where(ThemeRun.coalition_id == coalition.id)
            .order_by(col(ThemeRun.created_at).desc(), col(ThemeRun.id).desc())
        )
    )


def get_run(session: Session, coalition: Coalition, run_id: int) -> ThemeRun | None:
    """The run if it belongs to this coalition (else None: the view answers 404)."""
    run = session.get(ThemeRun, run_id)
    return run if run is not None and run.coalition_id == coalition.id else None


def edit_run(session: Session, run: ThemeRun, edit: Mapping[str, Any]) -> bool:
    """Apply an edit (see ``sensemaking.themes.apply_edit``) to a finished run and keep it for later runs.

    ``edit`` names themes by id (``theme``, ``themes``, ``target``); they are turned into anchors (the
    stories the themes hold now), which is how a later run recognises them.
    """
    if run.status != "done":
        raise RunError("Deze ronde is nog niet klaar.")
    themes = {t.id: t for t in themes_of(session, run)}
    members = members_of(session, run)
    payload = _anchored(edit, themes, members)
    if payload is None:
        return False
    records = {r.id: r for r in filters.stories(session, run.coalition_ids or [run.coalition_id])}
    ids = [s for t in themes.values() for s in members.get(t.id or 0, []) if s in records]
    rep = representations.load(run.params.get("representation") or "lemmas")
    data = prepare(session, [records[i] for i in ids], rep)
    seed = int(run.params.get("seed") or 0)
    vectors = rep.matrix(data.prepared, seed=seed)
    result = ThemeResult(
        themes=[
            ThemeInfo(
                number=t.number,
                members=[m for m in members.get(t.id or 0, []) if m in records],
                keywords=list(t.keywords),
                proposed_label=t.proposed_label,
                label=t.label,
            )
            for t in themes.values()
        ]
    )
    if not apply_edit(result, payload, _by_id(ids, vectors), _by_id(ids, data.lemmas), seed=seed):
        return False
    session.add(ThemeEdit(coalition_id=run.coalition_id, kind=str(payload["kind"]), payload=payload))
    # A theme whose stories did not change keeps its (perhaps hand-edited) observations; the others get
    # a fresh draft, as their counts no longer hold.
    before = {t.number: (set(members.get(t.id or 0, [])), t.observations) for t in themes.values()}
    kept = {
        info.number: before[info.number][1]
        for info in result.themes
        if info.number in before and set(info.members) == before[info.number][0]
    }
    _save(session, run, result, data, kept)
    run.theme_count = len(result.themes)
    session.add(run)
    session.commit()
    return True


def _anchored(
    edit: Mapping[str, Any], themes: Mapping[int | None, Theme], members: Mapping[int, list[str]]
) -> dict[str, Any] | None:
    def anchor(theme_id: Any) -> list[str] | None:
        return list(members.get(int(theme_id), [])) if int(theme_id) in themes else None

    kind = edit.get("kind")
    try:
        if kind == "rename":
            ids = anchor(edit["theme"])
            label = " ".join(str(edit.get("label", "")).split())[:200]
            return {"kind": kind, "anchor": ids, "label": label} if ids and label else None
        if kind == "merge":
            anchors = [anchor(t) for t in edit["themes"]]
            return {"kind": kind, "anchors": anchors} if len(anchors) >= 2 and all(anchors) else None
        if kind == "split":
            ids = anchor(edit["theme"])
            return {"kind": kind, "anchor": ids} if ids and len(ids) >= 2 else None
        if kind == "move":
            ids = anchor(edit["target"])
            story = str(edit["story"])
            known = any(story in m for m in members.values())
            return {"kind": kind, "story": story, "anchor": ids} if ids and known else None
    except (KeyError, TypeError, ValueError):
        return None
    return None


def save_observations(session: Session, run: ThemeRun, theme_id: int, text: str) -> Theme | None:
    """Store the facilitator's observations of one theme of ``run``; None when the theme is not the run's."""
    theme = session.get(Theme, theme_id)
    if theme is None or theme.run_id != run.id:
        return None
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    theme.observations = "\n".join(lines).strip()
    session.add(theme)
    session.commit()
    return theme


def perspective_spread(
    session: Session, themes: Sequence[Theme], members: Mapping[int, list[str]]
) -> dict[int, dict[str, Shown]]:
    """Per theme id, how many of its stories each perspective told, as they may be shown (small-cell rule);
    stories without a known perspective count under ``MISSING``."""
    ids = [s for t in themes for s in members.get(t.id or 0, [])]
    told: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        query = select(Answer.story_id, Answer.value).where(
            col(Answer.question_id) == "perspective", col(Answer.story_id).in_(chunk)
        )
        for story_id, value in session.exec(query).all():
            told[story_id] = str(value) if value in PERSPECTIVES else MISSING
    result = {}
    for theme in themes:
        counts = Counter(told.get(s, MISSING) for s in members.get(theme.id or 0, []))
        result[theme.id or 0] = suppress({key: counts.get(key, 0) for key in (*PERSPECTIVES, MISSING)})
    return result
