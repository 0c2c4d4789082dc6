"""The story form, built from the questionnaire questions a teller is asked."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask_babel import format_number
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from wtforms import (
    Field,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from vertelpunt.questionnaire import Question, applies, dyad_position, triad_weights
from vertelpunt.text import without_controls

TRIAD_MAX = 10


class CheckboxListField(SelectMultipleField):
    """Multiple choice rendered as a list of checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class StoryForm(FlaskForm):
    """Base class of every generated story form: the submission id and the chosen language.

    The public form carries no session CSRF token (it must work with cookies blocked); the view checks
    Origin / Sec-Fetch-Site instead, and the signed submission id makes a replay harmless.
    """

    class Meta:
        csrf = False

    submission = HiddenField()
    questions: Sequence[Question] = ()

    def answers(self) -> dict[str, Any]:
        """The teller's answers by question id, leaving out empty ones (the story itself excluded)."""
        answers: dict[str, Any] = {}
        for question in self.questions:
            if question.kind == "story":
                continue
            value = answer_value(question, self[question.id])
            if value not in (None, "", []):
                answers[question.id] = value
        return answers

    def validate_conditions(self, prefill: dict[str, Any]) -> dict[str, Any]:
        """Answers, minus those to conditional questions that do not apply (link answers count too)."""
        answers = self.answers()
        known = {**prefill, **answers}
        return {
            qid: value
            for qid, value in answers.items()
            if applies(next(q for q in self.questions if q.id == qid), known)
        }


class MinWords:
    """The story needs a few words, so that a title alone is not a story."""

    def __init__(self, count: int) -> None:
        self.count = count

    def __call__(self, form: Form, field: Field) -> None:
        if len((field.data or "").split()) < self.count:
            raise ValidationError(_("Vertel iets meer: schrijf minstens %(n)s woorden.", n=self.count))


class TriadForm(Form):
    """Three scores from 0 to 10, one per corner: all empty (skipped) or all filled, not all zero."""

    def validate(self, extra_validators: Any = None) -> bool:
        if not super().validate(extra_validators):
            return False
        scores = [field.data for field in self]
        if all(s is None for s in scores):
            return True
        if any(s is None for s in scores) or triad_weights([float(s) for s in scores]) is None:
            self.form_errors.append(_("Geef alle drie een cijfer van 0 tot 10, en niet allemaal 0."))
            return False
        return True


def _triad_subform(question: Question, lang: str) -> type[Form]:
    attrs: dict[str, Any] = {}
    for corner in question.options:
        attrs[corner.value] = IntegerField(
            corner.label[lang],
            validators=[Optional(), NumberRange(0, TRIAD_MAX, message=_("Kies een cijfer van 0 tot 10."))],
            render_kw={"min": 0, "max": TRIAD_MAX, "inputmode": "numeric"},
        )
    return type(f"Triad_{question.id}", (TriadForm,), attrs)


def _field_for(question: Question, lang: str, limits: dict[str, int]) -> dict[str, Field]:
    label = question.text[lang]
    description = question.help.get(lang, "")
    required = [InputRequired(message=_("Kies een antwoord."))] if question.required else [Optional()]
    if question.kind in ("prompt", "single"):
        choices = [SelectChoice(o.value, o.label[lang]) for o in question.options]
        return {question.id: RadioField(label, choices=choices, validators=required, description=description)}
    if question.kind == "multi":
        choices = [SelectChoice(o.value, o.label[lang]) for o in question.options]
        return {
            question.id: CheckboxListField(
                label, choices=choices, validators=[Optional()], description=description
            )
        }
    if question.kind == "dyad":
        choices = [SelectChoice(str(i), str(i + 1)) for i in range(question.steps)]
        return {
            question.id: RadioField(label, choices=choices, validators=[Optional()], description=description)
        }
    if question.kind == "triad":
        return {question.id: FormField(_triad_subform(question, lang), label=label, description=description)}
    if question.kind == "text":
        return {
            question.id: StringField(
                label,
                description=description,
                filters=[without_controls],
                validators=[
                    Optional(),
                    Length(
                        max=question.max_length,
                        message=_("Gebruik hooguit %(n)s tekens.", n=format_number(question.max_length)),
                    ),
                ],
            )
        }
    # The story itself: a title and the text.
    return {
        "title": StringField(
            question.extra["title"][lang],
            filters=[without_controls],
            description=question.extra.get("title_help", {}).get(lang, ""),
            validators=[
                InputRequired(message=_("Geef je verhaal een korte titel.")),
                Length(
                    max=limits["title"],
                    message=_(
                        "Maak de titel korter: hooguit %(n)s tekens.", n=format_number(limits["title"])
                    ),
                ),
            ],
        ),
        "text": TextAreaField(
            label,
            description=description,
            filters=[without_controls],
            validators=[
                InputRequired(message=_("Je hebt nog geen verhaal geschreven.")),
                Length(
                    max=limits["text"],
                    message=_(
                        "Je verhaal is te lang voor één keer: hooguit %(n)s tekens. Verdeel het over twee verhalen.",
                        n=format_number(limits["text"]),
                    ),
                ),
                MinWords(limits["min_words"]),
            ],
        ),
    }


def answer_value(question: Question, field: Field) -> Any:
    """Turn a field's data into the stored answer for its question kind."""
    data = field.data
    if question.kind == "dyad":
        return None if data in (None, "") else dyad_position(int(data), question.steps)
    if question.kind == "triad":
        scores = [data.get(c.value) for c in question.options]
        if any(s is None for s in scores):
            return None
        weights = triad_weights([float(s) for s in scores])
        return None if weights is None else dict(zip(question.values(), weights, strict=True))
    if question.kind == "text":
        return (data or "").strip()
    if question.kind == "multi":
        return list(data or [])
    return data


def build_story_form(questions: Sequence[Question], *, lang: str, limits: dict[str, int]) -> type[StoryForm]:
    """Build a StoryForm subclass with one field per asked question (two for the story)."""
    attrs: dict[str, Any] = {"questions": tuple(questions)}
    for question in questions:
        attrs.update(_field_for(question, lang, limits))
    return type("GeneratedStoryForm", (StoryForm,), attrs)
