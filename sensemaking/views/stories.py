"""The narrative database: a coalition's stories, filterable by every question, one story with its
answers, the reading-pack marks and the personal-data review."""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from coalitions.auth import safe_next
from coalitions.monitoring import shown_total
from coalitions.views import coalition_blueprint, coalition_url, current_coalition
from sensemaking import filters, redaction
from sensemaking import stories as service
from sensemaking.filters import ANSWER_PREFIX, OTHER_KEYS, FilterError, StoryFilter
from vertelpunt.db import get_session
from vertelpunt.i18n import current_language
from vertelpunt.models import Story
from vertelpunt.questionnaire import Definition
from vertelpunt.services import current_questionnaire
from vertelpunt.timeutil import today

bp = coalition_blueprint("sensemaking_stories", __name__)
sensemaking_stories = bp
# Query-string keys the list understands besides the filter's own (``lang`` is the page language).
LIST_KEYS = frozenset({*OTHER_KEYS, "page", "sort", "lang"})
SORT_LABELS = {
    "newest": _l("Nieuwste eerst"),
    "oldest": _l("Oudste eerst"),
    "title": _l("Op titel (A-Z)"),
}
# The kinds ``sensemaking.redaction`` finds, as the review page names them.
FINDING_KINDS = {
    "name": _l("naam"),
    "phone": _l("telefoonnummer"),
    "email": _l("e-mailadres"),
    "address": _l("adres"),
    "postcode": _l("postcode"),
    "bsn": _l("burgerservicenummer (BSN)"),
    "url": _l("link of webadres"),
    "date_of_birth": _l("geboortedatum"),
}


@bp.before_request
def load_story() -> None:
    """Find the story in the URL within this coalition, else 404 (runs after the coalition check)."""
    args = request.view_args or {}
    if "story_id" in args:
        g.story = service.get_story(get_session(), current_coalition(), args["story_id"]) or abort(404)


def current_story() -> Story:
    """The story in this request's URL (found by ``load_story``)."""
    story: Story = g.story
    return story


# The list ----------------------------------------------------------------------------------------


@bp.get("/<slug>/verhalen")
def stories(slug: str) -> ResponseReturnValue:
    """The coalition's stories as cards, 25 to a page, with a filter on every question."""
    session = get_session()
    coalition = current_coalition()
    definition = _definition()
    organisations = service.organisations(session, coalition)
    try:
        flt, sort = _read_list_args(definition, [oid for oid, _name in organisations])
    except FilterError:
        return render_template("sensemaking/stories/bad_filter.html", coalition=coalition), 400
    page = service.browse(
        session,
        coalition,
        flt,
        definition,
        user=current_user.user,
        keep_original=_keep_original(),
        sort=sort,
        page=request.args.get("page", 1, type=int) or 1,
    )
    lang = current_language()
    own = service.definitions_of(session, [record.id for record in page.items])
    cards = [
        {
            "record": record,
            "excerpt": service.excerpt(record.text),
            "month": month_year(record.day),
            "prompt": service.answer_label(
                own.get(record.id, definition), "prompt", record.answers.get("prompt"), lang
            ),
            "perspective": service.answer_label(
                own.get(record.id, definition), "perspective", record.answers.get("perspective"), lang
            ),
        }
        for record in page.items
    ]
    return render_template(
        "sensemaking/stories/list.html",
        coalition=coalition,
        page=page,
        cards=cards,
        shown_count=shown_total(page.total),
        flt=flt,
        sort=sort,
        sorts=SORT_LABELS,
        fields=filters.filter_fields(definition, lang),
        organisations=organisations,
        marked=service.marked_ids(session, coalition),
        state=_state(flt, sort, page.page),
        prev_url=_list_url(flt, sort, page.page - 1) if page.page > 1 else None,
        next_url=_list_url(flt, sort, page.page + 1) if page.page < page.pages else None,
        filtered=not flt.is_empty(),
        theme_state=_state(flt, service.DEFAULT_SORT, 1),
    )


# One story ---------------------------------------------------------------------------------------


@bp.get("/<slug>/verhalen/<story_id>")
def story(slug: str, story_id: str) -> ResponseReturnValue:
    """One story: its title and text in the version this account may see, and all its answers."""
    session = get_session()
    coalition = current_coalition()
    item = current_story()
    title, text, reviewed = service.shown_version(
        session, item, current_user.user, keep_original=_keep_original()
    )
    answers = service.shown_answers(
        service.story_answers(session, item),
        service.story_definition(session, item),
        _definition(),
        current_language(),
    )
    state = _carried_state()
    return render_template(
        "sensemaking/stories/story.html",
        coalition=coalition,
        story=item,
        title=title,
        paragraphs=service.paragraphs(text),
        reviewed=reviewed,
        original_shown=reviewed and service.may_see_original(current_user.user, _keep_original()),
        review=service.get_review(session, item),
        month=month_year(item.day),
        answers=answers,
        marked=service.is_marked(session, coalition, item),
        state=state,
        here=request.full_path.rstrip("?"),
    )


@bp.post("/<slug>/verhalen/<story_id>/leespakket")
def mark(slug: str, story_id: str) -> ResponseReturnValue:
    """Put the story in the reading pack or take it out (``actie``: aan, uit, or toggle), then go back."""
    session = get_session()
    coalition = current_coalition()
    item = current_story()
    action = request.form.get("actie", "wissel")
    if action not in ("aan", "uit", "wissel"):
        abort(400)
    if action == "wissel":
        action = "uit" if service.is_marked(session, coalition, item) else "aan"
    if action == "aan":
        service.mark(session, coalition, item, today=today(current_app.config["TIMEZONE"]))
        message = _("Het verhaal staat in het leespakket.")
    else:
        service.unmark(session, coalition, item)
        message = _("Het verhaal is uit het leespakket gehaald.")
    session.commit()
    flash(message)
    default = coalition_url(".story", story_id=item.id)
    # Only a path on this site: never an open redirect.
    return redirect(safe_next(request.form.get("next"), default))


# The personal-data review ------------------------------------------------------------------------


def _text_length(form: FlaskForm, field: TextAreaField) -> None:
    limit = int(current_app.config["STORY_MAX_CHARS"])
    if field.data and len(field.data) > limit:
        raise ValidationError(_("Gebruik hooguit %(n)s tekens.", n=limit))


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


class ReviewForm(FlaskForm):
    """The reviewed title and text of a story."""

    title = StringField(
        _l("Titel"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Vul een titel in.")),
            Length(max=service.TITLE_MAX, message=_l("Gebruik hooguit 200 tekens.")),
        ],
    )
    text = TextAreaField(
        _l("Tekst van het verhaal"),
        filters=[_strip],
        validators=[DataRequired(_l("Vul de tekst van het verhaal in.")), _text_length],
    )


@bp.route("/<slug>/verhalen/<story_id>/controleren", methods=["GET", "POST"])
def review(slug: str, story_id: str) -> ResponseReturnValue:
    """Check a story for personal data: see what was found, edit the proposed version, save it."""
    session = get_session()
    item = current_story()
    keep = _keep_original()
    existing = service.get_review(session, item)
    if request.method == "GET":
        if existing is not None:
            data = {"title": existing.title, "text": existing.text}
        else:
            data = {
                "title": redaction.propose_redaction(item.title),
                "text": redaction.propose_redaction(item.text),
            }
        form = ReviewForm(data=data)
    else:
        form = ReviewForm()
        if form.validate_on_submit():
            service.save_review(
                session,
                item,
                title=form.title.data or "",
                text=form.text.data or "",
                reviewer=current_user.user,
                today=today(current_app.config["TIMEZONE"]),
                keep_original=keep,
            )
            session.commit()
            flash(_("De gecontroleerde versie is opgeslagen. Iedereen ziet nu deze versie."))
            return redirect(
                url_for(".story", slug=current_coalition().slug, story_id=item.id, **_carried_state())
            )
    # The base the findings are shown on: the version this account may see (the original until reviewed).
    title, text, reviewed = service.shown_version(session, item, current_user.user, keep_original=keep)
    title_findings = redaction.find_personal_data(title)
    text_findings = redaction.find_personal_data(text)
    return render_template(
        "sensemaking/stories/review.html",
        coalition=current_coalition(),
        story=item,
        form=form,
        reviewed=reviewed,
        review=existing,
        keep_original=keep,
        original_shown=not reviewed or service.may_see_original(current_user.user, keep),
        title_segments=service.segments(title, title_findings),
        text_segments=service.segments(text, text_findings),
        findings=[{"kind": finding_kind(f.kind), "text": f.text} for f in [*title_findings, *text_findings]],
        finding_kind=finding_kind,
        state=_carried_state(),
    ), 422 if form.errors else 200


def finding_kind(kind: str) -> str:
    """A kind of personal data in the reader's language."""
    return str(FINDING_KINDS.get(kind, kind))


# Helpers -----------------------------------------------------------------------------------------


def month_year(day: Any) -> str:
    """A story's day as month and year only ("november 2026"), in the page language."""
    return service.month_year(day, current_language())


def _definition() -> Definition:
    return current_questionnaire(get_session())[1]


def _keep_original() -> bool:
    return bool(current_app.config.get("KEEP_ORIGINAL_STORIES", True))


def _read_list_args(definition: Definition, organisation_ids: list[int]) -> tuple[StoryFilter, str]:
    """The filter and sort order of the list; ``FilterError`` for any key or value not allowed."""
    for key in request.args:
        if not key.startswith(ANSWER_PREFIX) and key not in LIST_KEYS:
            raise FilterError(f"unknown filter {key}")
    args = MultiDict(request.args)
    for key, last in (("van", False), ("tot", True)):
        if key in args:
            args[key] = service.month_as_day(args[key], last=last)
    flt = filters.parse(args, definition, organisation_ids=organisation_ids)
    return service.whole_months(flt), service.check_sort(request.args.get("sort"))


def _state(flt: StoryFilter, sort: str, page: int) -> dict[str, list[str]]:
    """The list's filter, sort and page (and the page language) as URL values, to carry through links."""
    state: dict[str, list[str]] = {}
    if request.args.get("lang"):
        state["lang"] = [request.args["lang"]]
    for key, value in flt.args():
        state.setdefault(key, []).append(value)
    if sort != service.DEFAULT_SORT:
        state["sort"] = [sort]
    if page > 1:
        state["page"] = [str(page)]
    return state


def _list_url(flt: StoryFilter, sort: str, page: int) -> str:
    return url_for(".stories", slug=current_coalition().slug, **_state(flt, sort, page))


def _carried_state() -> dict[str, list[str]]:
    """The list state a story page was opened with; dropped whole when it is not a valid filter."""
    try:
        organisation_ids = [oid for oid, _name in service.organisations(get_session(), current_coalition())]
        flt, sort = _read_list_args(_definition(), organisation_ids)
    except FilterError:
        return {}
    return _state(flt, sort, request.args.get("page", 1, type=int) or 1)
