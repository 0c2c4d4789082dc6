"""Staff forms: sign-in, passwords, coalitions and accounts."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    EqualTo,
    InputRequired,
    Length,
    Optional,
    Regexp,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from coalitions.accounts import password_problem

CYCLES = (("startup", _l("Opstart-cyclus")), ("tempo", _l("Tempo-cyclus")), ("action", _l("Actie-cyclus")))
TARGET_GROUPS = (
    ("0-12", _l("Kinderen (0 tot 12 jaar)")),
    ("12-18", _l("Jongeren (12 tot 18 jaar)")),
    ("parent", _l("Ouders, verzorgers en familie")),
    ("professional", _l("Professionals")),
)


class CheckboxList(SelectMultipleField):
    """Several choices as checkboxes."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class LoginForm(FlaskForm):
    """E-mail and password."""

    email = EmailField(
        _l("E-mailadres"), validators=[InputRequired(_l("Vul je e-mailadres in.")), Length(max=254)]
    )
    password = PasswordField(
        _l("Wachtwoord"), validators=[InputRequired(_l("Vul je wachtwoord in.")), Length(max=256)]
    )


class SetPasswordForm(FlaskForm):
    """Choose a password (twice)."""

    password = PasswordField(
        _l("Nieuw wachtwoord"),
        validators=[InputRequired(_l("Kies een wachtwoord."))],
        description=_l(
            "Minstens 10 tekens. Een zin van een paar woorden is sterk en makkelijk te onthouden."
        ),
    )
    confirm = PasswordField(
        _l("Nog een keer"),
        validators=[
            InputRequired(_l("Typ het wachtwoord nog een keer.")),
            EqualTo("password", message=_l("De twee wachtwoorden zijn niet hetzelfde.")),
        ],
    )

    def validate_password(self, field: PasswordField) -> None:
        problem = password_problem(field.data or "")
        if problem:
            raise ValidationError(problem)


class CoalitionForm(FlaskForm):
    """A coalition's name, focus, target groups, success criteria and Vertelpunt dates."""

    name = StringField(
        _l("Naam"), validators=[InputRequired(_l("Geef de coalitie een naam.")), Length(max=200)]
    )
    slug = StringField(
        _l("Korte naam voor links"),
        validators=[
            InputRequired(_l("Kies een korte naam.")),
            Length(min=3, max=64),
            Regexp(r"^[a-z0-9]+(-[a-z0-9]+)*$", message=_l("Gebruik kleine letters, cijfers en streepjes.")),
        ],
        description=_l("Bijvoorbeeld samen-thuis-veenhaven. Kan later niet meer veranderen."),
    )
    region = StringField(_l("Regio"), validators=[Optional(), Length(max=200)])
    focus = TextAreaField(
        _l("Focus: waar gaat dit traject over?"),
        validators=[Optional(), Length(max=2000)],
        description=_l("In jullie eigen woorden. Vertellers zien deze tekst boven het formulier."),
    )
    target_groups = CheckboxList(
        _l("Van wie willen jullie verhalen horen?"),
        choices=[SelectChoice(v, label) for v, label in TARGET_GROUPS],
    )
    success_criteria = TextAreaField(
        _l("Wanneer is het traject geslaagd?"), validators=[Optional(), Length(max=4000)]
    )
    current_cycle = SelectField(_l("Huidige cyclus"), choices=[SelectChoice(v, label) for v, label in CYCLES])
    opens_on = DateField(_l("Vertelpunt open vanaf"), validators=[Optional()])
    closes_on = DateField(_l("Vertelpunt open tot en met"), validators=[Optional()])

    def validate_closes_on(self, field: DateField) -> None:
        if field.data and self.opens_on.data and field.data < self.opens_on.data:
            raise ValidationError(_l("De einddatum ligt vóór de begindatum."))


class AccountForm(FlaskForm):
    """A new staff account (an administrator sends the set-password link)."""

    email = EmailField(
        _l("E-mailadres"),
        validators=[
            InputRequired(_l("Vul een e-mailadres in.")),
            Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message=_l("Vul een geldig e-mailadres in.")),
            Length(max=254),
        ],
    )
    name = StringField(_l("Naam"), validators=[Optional(), Length(max=200)])
    role = SelectField(
        _l("Rol"),
        choices=[
            SelectChoice("member", _l("Coalitielid")),
            SelectChoice("facilitator", _l("Begeleider")),
            SelectChoice("admin", _l("Beheerder")),
        ],
    )
    coalitions = CheckboxList(_l("Coalities"), choices=[])
    is_lead = BooleanField(_l("Trekker van de coalitie"))


AGE_CATEGORIES = (
    ("0-12", _l("Kinderen (0 tot 12 jaar)")),
    ("12-18", _l("Jongeren (12 tot 18 jaar)")),
    ("18plus", _l("Jongvolwassenen (18 jaar en ouder)")),
)
PERSPECTIVES = (
    ("youth", _l("Kinderen en jongeren")),
    ("parent", _l("Ouders, verzorgers en familie")),
    ("professional", _l("Professionals")),
    ("other", _l("Anderen")),
)


def _strip(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class OrganisationForm(FlaskForm):
    """An organisation: name, type (choices come from the questionnaire), contact person, ages served."""

    name = StringField(
        _l("Naam van de organisatie"),
        filters=[_strip],
        validators=[DataRequired(_l("Vul de naam van de organisatie in.")), Length(max=200)],
    )
    kind = SelectField(_l("Soort organisatie"), choices=[])
    contact_name = StringField(
        _l("Contactpersoon"), filters=[_strip], validators=[Optional(), Length(max=200)]
    )
    age_categories = CheckboxList(
        _l("Met welke leeftijden werkt de organisatie?"),
        choices=[SelectChoice(v, label) for v, label in AGE_CATEGORIES],
        description=_l("Bij één leeftijd vult de link die alvast in; bij meer vraagt het formulier ernaar."),
    )


class LinkForm(FlaskForm):
    """A new invite link for an organisation: its label and the answers it fills in."""

    label = StringField(
        _l("Naam van de link"),
        filters=[_strip],
        validators=[Optional(), Length(max=200)],
        description=_l("Alleen voor jullie eigen overzicht, bijvoorbeeld 'Ouders' of 'Team Noord'."),
    )
    age_category = SelectField(
        _l("Leeftijd"),
        choices=[
            *(SelectChoice(v, label) for v, label in AGE_CATEGORIES),
            SelectChoice("unknown", _l("Verschilt: het formulier vraagt ernaar")),
        ],
    )
    perspective = SelectField(
        _l("Voor wie is de link?"),
        choices=[
            SelectChoice("", _l("Iedereen: het formulier vraagt ernaar")),
            *(SelectChoice(v, label) for v, label in PERSPECTIVES),
        ],
    )


class ImportForm(FlaskForm):
    """A table of organisations: pasted from a spreadsheet, or an uploaded .xlsx or .csv file."""

    table = TextAreaField(
        _l("Plak hier de tabel"),
        description=_l(
            "Kopieer de cellen in Excel of een ander rekenblad, met de kopregel erbij, en plak ze hier."
        ),
    )
    upload = FileField(_l("Of kies een bestand (.xlsx of .csv, hooguit 1 MB)"))
