"""The demo coalition's stories: made-up experiences told through its invite links.

Everything here is invented for the demo: the stories, the people in them and their first names. The
stories are grouped by what they are mainly about, with the natural overlap real stories have, so that
theme discovery and the pattern pages have something to show. Their answers are stored the way the story
form stores a teller's answers: option values, a triad as three weights summing to 1, a slider as a
position from 0.0 to 1.0. A story answers only the questions its link asks (see ``LINKS`` in
``vertelpunt.demo``): a link that prefills the perspective or age category is not asked them again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from vertelpunt.questionnaire import dyad_position, triad_weights


@dataclass(frozen=True)
class DemoStory:
    """A made-up story told through one of the demo links."""

    link: int
    days_ago: int
    title: str
    text: str
    answers: dict[str, Any]


# Indexes into the demo links: ``vertelpunt.demo.LINKS`` in order, then the coalition's general link.
JEUGDTEAM_YOUTH = 0  # youth 12-18 (perspective and age prefilled)
JEUGDTEAM_PARENTS = 1  # parents and carers (perspective prefilled, age asked)
JEUGDTEAM_STAFF = 2  # professionals (perspective prefilled, age asked)
FOSTER_CARE = 3  # foster youths and foster parents (perspective and age asked)
SCHOOL_PUPILS = 4  # pupils (perspective and age 12-18 prefilled)
FAMILY_HOME = 5  # family home (age 0-12 prefilled, perspective asked)
GENERAL = 6  # the general link: nothing prefilled, organisation type asked too

TRIAD_CORNERS = ("listened", "quick", "together")
SLIDER_STEPS = 7


def triad(listened: int, quick: int, together: int) -> dict[str, float]:
    """The what-mattered triad as the form stores it, from the teller's three scores (0-10)."""
    weights = triad_weights([float(listened), float(quick), float(together)])
    if weights is None:
        raise ValueError("a triad needs at least one score above 0")
    return dict(zip(TRIAD_CORNERS, weights, strict=True))


def slider(step: int) -> float:
    """A slider answer as the form stores it: step 0 (left pole) to 6 (right pole) as 0.0 to 1.0."""
    return dyad_position(step, SLIDER_STEPS)


# Waiting lists and waiting times.
WAITING: list[DemoStory] = [
    DemoStory(
        JEUGDTEAM_YOUTH,
        25,
        "Wachten op een gesprek",
        "Ik moest zes weken wachten op een eerste gesprek. In die tijd werd het thuis alleen maar erger. "
        "Ik wist niet bij wie ik terecht kon. Mijn vriendin heeft me toen geholpen om het aan mijn oom te "
        "vertellen.",
        {
            "prompt": "not_helped",
            "feeling": "very_bad",
            "helpers": ["friends", "family"],
            "who_decided": 0.1667,
            "what_mattered": {"listened": 0.2, "quick": 0.7, "together": 0.1},
            "when": "months",
            "living_situation": "home",
            "life_went_on": 0.1667,
        },
    ),
    DemoStory(
        JEUGDTEAM_PARENTS,
        47,
        "Negen maanden op de wachtlijst",
        "Onze dochter van veertien heeft een eetstoornis. De huisarts verwees ons door naar de ggz, en "
        "daar kregen we te horen dat de wachttijd negen maanden was. Negen maanden! In die tijd viel ze "
        "nog zes kilo af. We belden elke week of er al plek was. Het antwoord was steeds hetzelfde: u "
        "staat op de lijst. Uiteindelijk is ze via de spoedeisende hulp toch binnengekomen, maar toen was "
        "ze er al heel slecht aan toe. Ik snap dat er te weinig mensen zijn, maar zo voelt het alsof je "
        "kind pas telt als het bijna te laat is.",
        {
            "prompt": "not_helped",
            "feeling": "very_bad",
            "helpers": ["care", "family"],
            "what_mattered": triad(2, 7, 1),
            "who_decided": slider(0),
            "life_went_on": slider(0),
            "age_category": "12-18",
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        JEUGDTEAM_YOUTH,
        8,
        "Nog even geduld",
        "Ik wacht nu al 4 maanden op een psycholoog. Ze zeggen steeds nog even geduld. ik heb geen geduld "
        "meer eerlijk gezegd",
        {
            "prompt": "not_helped",
            "feeling": "bad",
            "helpers": ["nobody"],
            "what_mattered": triad(1, 8, 1),
            "who_decided": slider(1),
            "life_went_on": slider(1),
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        JEUGDTEAM_STAFF,
        38,
        "Overbruggen",
        "Als wijkteam doen we steeds vaker 'overbruggingszorg'. Een gezin is aangemeld voor "
        "specialistische hulp, maar de wachtlijst is een half jaar. In de tussentijd ga ik elke week "
        "langs, maar ik ben geen specialist in traumabehandeling. Ik merk dat ouders het gevoel hebben "
        "dat er wel iets gebeurt, terwijl het eigenlijk stilstaat. Dat vind ik niet eerlijk tegenover "
        "hen. Soms denk ik dat we het wachten vooral minder zichtbaar maken, in plaats van het op te "
        "lossen.",
        {
            "prompt": "not_helped",
            "feeling": "bad",
            "helpers": ["neighbourhood", "family", "care"],
            "what_mattered": triad(2, 6, 2),
            "who_decided": slider(2),
            "life_went_on": slider(2),
            "professional_field": "neighbourhood",
            "age_category": "0-12",
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        GENERAL,
        71,
        "Een jaar op een diagnose",
        "Op school zeiden ze al in groep 4 dat er iets speelde met onze zoon. Voor een onderzoek naar "
        "autisme moesten we eerst naar de huisarts, toen naar het wijkteam voor een verwijzing, en toen "
        "kwam hij op een wachtlijst van elf maanden. Intussen moest hij van school twee keer per week "
        "eerder naar huis omdat het in de klas niet ging. Ik ben op dinsdag en donderdag gestopt met "
        "werken. Toen de diagnose er eindelijk was, was iedereen opgelucht. Maar dat jaar krijgen we niet "
        "meer terug.",
        {
            "prompt": "not_helped",
            "feeling": "bad",
            "helpers": ["school", "neighbourhood", "care", "family"],
            "what_mattered": triad(2, 6, 2),
            "who_decided": slider(1),
            "life_went_on": slider(1),
            "perspective": "parent",
            "age_category": "0-12",
            "living_situation": "home",
            "when": "months",
            "organisation_type": "health",
        },
    ),
    DemoStory(
        JEUGDTEAM_YOUTH,
        55,
        "Eindelijk een plek",
        "Na lang wachten (bijna een half jaar) mocht ik eindelijk beginnen bij een psycholoog. Het eerste "
        "gesprek was meteen goed, ze snapte waar ik het over had. Ik baal wel dat het zo lang duurde want "
        "ik heb in die tijd bijna een heel schooljaar gemist. Maar nu gaat het beter.",
        {
            "prompt": "helped",
            "feeling": "mixed",
            "helpers": ["care"],
            "what_mattered": triad(4, 4, 2),
            "who_decided": slider(4),
            "life_went_on": slider(3),
            "living_situation": "home",
            "when": "weeks",
        },
    ),
    DemoStory(
        JEUGDTEAM_STAFF,
        16,
        "Elke week bellen",
        "Ik begeleid een jongen van zestien die echt behandeling nodig heeft voor zijn angsten. Hij staat "
        "al vijf maanden op de wachtlijst. Ik bel elke week met de instelling om te vragen of hij naar "
        "voren kan. Ze zijn heel vriendelijk, maar er is gewoon geen plek. Hij vraagt me elke keer: weet "
        "je al iets? En elke keer moet ik nee zeggen. Ik voel me daar machteloos bij.",
        {
            "prompt": "not_helped",
            "feeling": "bad",
            "helpers": ["care", "neighbourhood"],
            "what_mattered": triad(3, 6, 1),
            "who_decided": slider(1),
            "life_went_on": slider(2),
            "professional_field": "neighbourhood",
            "age_category": "12-18",
            "living_situation": "home",
            "when": "weeks",
        },
    ),
    DemoStory(
        JEUGDTEAM_PARENTS,
        94,
        "Twee wachtlijsten",
        "Drie maanden wachten op een intakegesprek, en dan nog eens vier maanden op de behandeling zelf. "
        "Niemand had ons verteld dat dat twee aparte wachtlijsten waren.",
        {
            "prompt": "not_helped",
            "feeling": "bad",
            "helpers": ["care"],
            "what_mattered": triad(2, 7, 1),
            "who_decided": slider(1),
            "life_went_on": slider(2),
            "age_category": "12-18",
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        FOSTER_CARE,
        29,
        "Tot na de zomer",
        "Als pleegouders wachten we al maanden op speltherapie voor ons pleegkind. Hij heeft veel "
        "meegemaakt en slaapt slecht. De pleegzorgbegeleider doet wat ze kan, maar de therapeut heeft een "
        "wachtlijst tot na de zomer. Tot die tijd moeten wij het zelf zien op te vangen, 's nachts om "
        "drie uur.",
        {
            "prompt": "not_helped",
            "feeling": "bad",
            "helpers": ["care", "family"],
            "what_mattered": triad(3, 6, 1),
            "who_decided": slider(2),
            "life_went_on": slider(2),
            "perspective": "parent",
            "age_category": "0-12",
            "living_situation": "foster_family",
            "when": "months",
        },
    ),
    DemoStory(
        GENERAL,
        63,
        "Tussendoor een kwartiertje",
        "Als huisarts zie ik steeds meer jongeren met somberheid en angst. Ik kan ze verwijzen, maar ik "
        "weet dat ze dan maanden moeten wachten. Dus ik probeer ze tussendoor zelf te blijven zien, elke "
        "twee weken een kwartiertje. Dat is eigenlijk te weinig, maar beter dan niks. Wat zou helpen: een "
        "praktijkondersteuner jeugd die echt tijd heeft. Die is er sinds kort bij ons op dinsdag, en ik "
        "merk nu al verschil.",
        {
            "prompt": "other",
            "feeling": "mixed",
            "helpers": ["care"],
            "what_mattered": triad(4, 4, 2),
            "who_decided": slider(3),
            "life_went_on": slider(3),
            "perspective": "professional",
            "professional_field": "care",
            "age_category": "12-18",
            "living_situation": "home",
            "when": "months",
            "organisation_type": "health",
        },
    ),
    DemoStory(
        SCHOOL_PUPILS,
        102,
        "Eerst het onderzoek afwachten",
        "Ik had een aanvraag voor een dyslexieonderzoek maar dat duurde het hele jaar. Ondertussen haalde "
        "ik alleen maar onvoldoendes voor Engels en Frans. De mentor zei dat ik het onderzoek moest "
        "afwachten voordat ik extra tijd kreeg bij toetsen. Dat vond ik echt stom.",
        {
            "prompt": "school",
            "feeling": "bad",
            "helpers": ["school"],
            "what_mattered": triad(3, 6, 1),
            "who_decided": slider(1),
            "life_went_on": slider(3),
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        GENERAL,
        22,
        "Door de muur",
        "Ik ben de buurvrouw van een gezin met drie kinderen. De moeder vertelde me dat ze al maanden "
        "wacht op hulp voor de oudste, die soms enorm boos wordt. Ik hoor het door de muur. Ik heb "
        "aangeboden dat de kleintjes bij mij kunnen spelen als het thuis uit de hand loopt. Dat doen ze "
        "nu af en toe. Maar ik ben geen hulpverlener, en ik vraag me af hoe lang dit zo door kan gaan.",
        {
            "prompt": "safe",
            "feeling": "mixed",
            "helpers": ["other", "family"],
            "what_mattered": triad(3, 5, 2),
            "who_decided": slider(3),
            "life_went_on": slider(2),
            "perspective": "other",
            "age_category": "0-12",
            "living_situation": "home",
            "when": "weeks",
            "organisation_type": "none",
        },
    ),
    DemoStory(
        JEUGDTEAM_STAFF,
        77,
        "Niet eens meer een wachtlijst",
        "Vorige maand kregen we bericht dat een aanbieder voor jongeren met gedragsproblemen helemaal "
        "geen aanmeldingen meer aanneemt. Dus niet eens een wachtlijst meer. We hebben toen met drie "
        "collega's en de gemeente om tafel gezeten om te kijken wat wel kan. Uiteindelijk hebben we voor "
        "twee jongens een jongerenwerker en een ervaringsdeskundige ingezet. Dat was niet het plan, maar "
        "het werkt beter dan we dachten.",
        {
            "prompt": "other",
            "feeling": "mixed",
            "helpers": ["neighbourhood", "care", "other"],
            "what_mattered": triad(2, 4, 4),
            "who_decided": slider(4),
            "life_went_on": slider(3),
            "professional_field": "neighbourhood",
            "age_category": "12-18",
            "living_situation": "home",
            "when": "weeks",
        },
    ),
    DemoStory(
        JEUGDTEAM_PARENTS,
        4,
        "22 weken",
        "We wachten nu 22 weken op hulp voor onze zoon. Ik heb de tel bijgehouden op de kalender in de "
        "keuken.",
        {
            "prompt": "not_helped",
            "feeling": "very_bad",
            "helpers": ["nobody"],
            "what_mattered": triad(1, 9, 0),
            "who_decided": slider(0),
            "life_went_on": slider(1),
            "age_category": "0-12",
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        JEUGDTEAM_YOUTH,
        86,
        "Waarom eerst zo erg",
        "Ik stond op de wachtlijst en het ging steeds slechter met me. Pas toen mijn moeder een keer in "
        "paniek de crisisdienst belde, kwam er binnen een dag iemand. Toen ging alles ineens wel snel. "
        "Waarom moet het eerst zo erg worden?",
        {
            "prompt": "not_helped",
            "feeling": "very_bad",
            "helpers": ["family", "care"],
            "what_mattered": triad(3, 6, 1),
            "who_decided": slider(1),
            "life_went_on": slider(0),
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        FAMILY_HOME,
        112,
        "Naar de mevrouw voor de nare dromen",
        "Een meisje van acht woont bij ons in het gezinshuis en wacht al een jaar op traumabehandeling. "
        "Ze vraagt regelmatig wanneer ze 'naar de mevrouw voor de nare dromen' mag. Wij doen het met wat "
        "we hebben: vaste rituelen, een nachtlampje, veel voorlezen. Maar we zijn geen therapeuten.",
        {
            "prompt": "not_helped",
            "feeling": "bad",
            "helpers": ["care", "family"],
            "what_mattered": triad(3, 6, 1),
            "who_decided": slider(2),
            "life_went_on": slider(3),
            "perspective": "professional",
            "professional_field": "care",
            "living_situation": "family_home",
            "when": "months",
        },
    ),
]

# Being listened to by professionals, or not.
HEARD: list[DemoStory] = [
    DemoStory(
        JEUGDTEAM_YOUTH,
        3,
        "Eindelijk iemand die luisterde",
        "Ik zat al weken niet lekker in mijn vel en ging bijna niet meer naar school. Mijn mentor stuurde "
        "me naar het jeugdteam. De eerste keer dacht ik: dit wordt weer zo'n gesprek. Maar ze vroeg wat "
        "ik zelf wilde. We spraken af bij de bakker om de hoek in plaats van op kantoor.",
        {
            "prompt": "helped",
            "feeling": "good",
            "helpers": ["school", "care"],
            "who_decided": 0.8333,
            "what_mattered": {"listened": 0.6, "quick": 0.1, "together": 0.3},
            "when": "weeks",
            "living_situation": "home",
        },
    ),
    DemoStory(
        JEUGDTEAM_PARENTS,
        31,
        "De wijkcoach kwam gewoon thuis",
        "Onze dochter wilde niet meer praten. De wijkcoach kwam bij ons thuis in plaats van dat wij naar "
        "een kantoor moesten. Ze ging met haar wandelen met de hond. Daardoor durfde ze na een paar keer "
        "te vertellen wat er op school speelde.",
        {
            "prompt": "helped",
            "feeling": "good",
            "helpers": ["neighbourhood", "family"],
            "what_mattered": {"listened": 0.5, "quick": 0.1, "together": 0.4},
            "age_category": "12-18",
            "living_situation": "home",
            "when": "weeks",
            "who_decided": 0.6667,
        },
    ),
    DemoStory(
        JEUGDTEAM_YOUTH,
        13,
        "Ze praatten over mij alsof ik er niet was",
        "Ik zat bij een gesprek met mijn moeder, iemand van het jeugdteam en iemand van school. Ze hadden "
        "het de hele tijd over mij maar niemand vroeg wat ik er zelf van vond. Op het eind zei die vrouw "
        "'en jij bent het er toch ook mee eens?'. Ik zei ja want wat moest ik anders. Achteraf was ik "
        "echt boos. Het ging over MIJN leven.",
        {
            "prompt": "not_helped",
            "feeling": "bad",
            "helpers": ["family", "school", "neighbourhood"],
            "what_mattered": triad(8, 0, 2),
            "who_decided": slider(0),
            "life_went_on": slider(3),
            "living_situation": "home",
            "when": "weeks",
        },
    ),
    DemoStory(
        SCHOOL_PUPILS,
        41,
        "Echt luisteren",
        "Mijn mentor vroeg gewoon hoe het met me ging en luisterde echt naar het antwoord. Klinkt klein "
        "maar dat deed nog nooit iemand.",
        {
            "prompt": "helped",
            "feeling": "good",
            "helpers": ["school"],
            "what_mattered": triad(9, 0, 1),
            "who_decided": slider(4),
            "life_went_on": slider(4),
            "living_situation": "home",
            "when": "weeks",
        },
    ),
    DemoStory(
        JEUGDTEAM_PARENTS,
        58,
        "U kent uw kind het best",
        "Ik had al lang het gevoel dat er iets mis was met mijn zoon. Hij sloot zich op in zijn kamer en "
        "at nauwelijks. Bij de eerste hulpverlener kreeg ik te horen dat dat 'gewoon puberteit' was. Bij "
        "de tweede ook. Niemand luisterde echt. Pas de derde keer, bij een andere huisarts, werd ik "
        "serieus genomen. Ze zei: u kent uw kind het best. Dat zinnetje ben ik nooit vergeten.",
        {
            "prompt": "helped",
            "feeling": "mixed",
            "helpers": ["care"],
            "what_mattered": triad(8, 1, 1),
            "who_decided": slider(4),
            "life_went_on": slider(2),
            "age_category": "12-18",
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        JEUGDTEAM_STAFF,
        27,
        "Praten in de auto",
        "Sommige jongeren praten niet als je tegenover ze zit. Ik heb een meisje dat pas gaat vertellen "
        "als we samen in de auto zitten, op weg naar een afspraak. Naast elkaar, niet aankijken. Ik plan "
        "nu expres ritjes in. Op papier ziet dat er raar uit, maar daar gebeurt het. Ze zei laatst zelf "
        "dat ze zich in de auto meer gehoord voelt dan op kantoor.",
        {
            "prompt": "helped",
            "feeling": "good",
            "helpers": ["neighbourhood"],
            "what_mattered": triad(7, 0, 3),
            "who_decided": slider(4),
            "life_went_on": slider(4),
            "professional_field": "neighbourhood",
            "age_category": "12-18",
            "living_situation": "home",
            "when": "weeks",
        },
    ),
    DemoStory(
        FOSTER_CARE,
        67,
        "Tien mensen aan tafel",
        "Bij het gesprek over mijn perspectiefplan zaten wel tien mensen. Ik mocht aan het eind iets "
        "zeggen maar toen was alles al besloten, dus niemand luisterde echt. Mijn pleegmoeder zag dat ik "
        "boos was en heeft daarna gevraagd of er een nieuw gesprek kon komen, alleen met mij en de voogd. "
        "Dat gesprek was wel goed. Daar mocht ik zeggen dat ik wil blijven waar ik nu woon.",
        {
            "prompt": "other",
            "feeling": "mixed",
            "helpers": ["family", "care"],
            "what_mattered": triad(7, 1, 2),
            "who_decided": slider(3),
            "life_went_on": slider(4),
            "perspective": "youth",
            "age_category": "12-18",
            "living_situation": "foster_family",
            "when": "months",
        },
    ),
    DemoStory(
        GENERAL,
        99,
        "Vijf minuten na de les",
        "Ik ben docent en mentor in de onderbouw. Ik leer elk jaar opnieuw dat een leerling die 'lastig' "
        "is, vaak gewoon niet gehoord wordt. Eén keer vijf minuten na de les blijven vragen hoe het echt "
        "gaat en luisteren, levert meer op dan drie keer eruit sturen.",
        {
            "prompt": "school",
            "feeling": "good",
            "helpers": ["school"],
            "what_mattered": triad(7, 1, 2),
            "who_decided": slider(4),
            "life_went_on": slider(4),
            "perspective": "professional",
            "professional_field": "education",
            "age_category": "12-18",
            "living_situation": "home",
            "when": "years",
            "organisation_type": "school",
            "organisation": "Scholengemeenschap De Horizon",
        },
    ),
    DemoStory(
        JEUGDTEAM_PARENTS,
        19,
        "Op de grond met de poppetjes",
        "Mijn dochter van negen moest naar een gesprek bij het jeugdteam. Ik dacht dat ik het woord zou "
        "doen, maar de medewerker ging met mijn dochter op de grond zitten met een doos poppetjes. Ze "
        "liet haar zelf vertellen hoe het thuis ging en luisterde naar haar, niet naar mij. Ik was eerst "
        "een beetje beledigd, eerlijk gezegd. Maar mijn dochter zei dingen die ze tegen mij nooit had "
        "gezegd. Dat was confronterend, maar ook goed.",
        {
            "prompt": "helped",
            "feeling": "mixed",
            "helpers": ["neighbourhood", "family"],
            "what_mattered": triad(7, 1, 2),
            "who_decided": slider(3),
            "life_went_on": slider(4),
            "age_category": "0-12",
            "living_situation": "home",
            "when": "weeks",
        },
    ),
    DemoStory(
        JEUGDTEAM_YOUTH,
        6,
        "Praten tegen een formulier",
        "de hele tijd zat ze te typen op haar laptop terwijl ik praatte. ze keek me bijna niet aan. ik "
        "had het gevoel dat ik tegen een formulier zat te praten en niet dat iemand luisterde",
        {
            "prompt": "not_helped",
            "feeling": "bad",
            "helpers": ["care"],
            "what_mattered": triad(8, 1, 1),
            "who_decided": slider(1),
            "life_went_on": slider(3),
            "living_situation": "home",
            "when": "weeks",
        },
    ),
    DemoStory(
        GENERAL,
        52,
        "Bij jou hoef ik niks te bereiken",
        "Ik ben vrijwilliger bij een maatjesproject en spreek elke week af met een jongen van vijftien. "
        "Ik ben geen hulpverlener en dat weet hij. Ik luister vooral, en ik hoef niks met wat hij "
        "vertelt. Misschien vertelt hij me daarom meer dan aan zijn begeleiders. Laatst zei hij: bij jou "
        "hoef ik niks te bereiken. Dat vond ik mooi, en ook een beetje verdrietig.",
        {
            "prompt": "helped",
            "feeling": "good",
            "helpers": ["other"],
            "what_mattered": triad(8, 0, 2),
            "who_decided": slider(5),
            "life_went_on": slider(5),
            "perspective": "other",
            "age_category": "12-18",
            "living_situation": "home",
            "when": "weeks",
            "organisation_type": "other",
            "organisation": "maatjesproject",
        },
    ),
    DemoStory(
        JEUGDTEAM_STAFF,
        83,
        "Eerst de ouder aan het woord",
        "Ik zat in een overleg waar een moeder steeds iets probeerde te zeggen, en steeds werd "
        "onderbroken, ook door mij. Pas toen we terugliepen naar de auto vertelde ze wat er echt speelde: "
        "ze was bang dat haar kinderen uit huis geplaatst zouden worden als ze eerlijk was. Ze voelde "
        "zich niet gehoord, en dat klopte. Sindsdien begin ik elk overleg met de ouder, en komen de "
        "professionals pas daarna.",
        {
            "prompt": "other",
            "feeling": "mixed",
            "helpers": ["family", "care", "neighbourhood"],
            "what_mattered": triad(7, 0, 3),
            "who_decided": slider(3),
            "life_went_on": slider(4),
            "professional_field": "neighbourhood",
            "age_category": "0-12",
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        SCHOOL_PUPILS,
        118,
        "Twee jaar niks gezegd",
        "In de tweede klas zei ik tegen mijn mentor dat ik me niet veilig voelde in de gymles. Hij zei "
        "dat ik me niet zo moest aanstellen. Ik heb het daarna aan niemand meer gezegd. Nu zit ik in de "
        "vierde en heb ik een andere mentor, die vroeg er laatst zelf naar. Dat was de eerste keer in "
        "twee jaar.",
        {
            "prompt": "safe",
            "feeling": "mixed",
            "helpers": ["school"],
            "what_mattered": triad(8, 1, 1),
            "who_decided": slider(2),
            "life_went_on": slider(3),
            "living_situation": "home",
            "when": "years",
        },
    ),
    DemoStory(
        JEUGDTEAM_PARENTS,
        35,
        "Ze belde terug",
        "Eindelijk een hulpverlener die terugbelde wanneer ze zei dat ze terug zou bellen, en die "
        "luisterde zonder op de klok te kijken. Dat alleen al maakte dat ik haar ging vertrouwen.",
        {
            "prompt": "helped",
            "feeling": "good",
            "helpers": ["care"],
            "what_mattered": triad(5, 3, 2),
            "who_decided": slider(4),
            "life_went_on": slider(4),
            "age_category": "12-18",
            "living_situation": "home",
            "when": "weeks",
        },
    ),
    DemoStory(
        FAMILY_HOME,
        10,
        "Mijn kamer is groen",
        "Ik mocht zelf kiezen welke kleur mijn kamer werd. Ik koos groen. Niemand had dat ooit aan mij "
        "gevraagd.",
        {
            "prompt": "ordinary_life",
            "feeling": "very_good",
            "helpers": ["care"],
            "what_mattered": triad(7, 1, 2),
            "who_decided": slider(6),
            "life_went_on": slider(5),
            "perspective": "youth",
            "living_situation": "family_home",
            "when": "weeks",
        },
    ),
    DemoStory(
        GENERAL,
        74,
        "Op hun hoogte",
        "Als wijkagent kom ik vaak bij gezinnen na een melding. Ik heb geleerd om eerst naar de kinderen "
        "te gaan, op hun hoogte, en te vragen of ze iets willen drinken. Ik luister eerst naar hen, en "
        "pas daarna naar de volwassenen. Vaak kijkt niemand naar hen, terwijl zij alles gezien hebben. "
        "Een jongen van elf zei een keer tegen me: jij bent de eerste die vraagt hoe het met mij is.",
        {
            "prompt": "safe",
            "feeling": "mixed",
            "helpers": ["other", "family"],
            "what_mattered": triad(8, 2, 0),
            "who_decided": slider(3),
            "life_went_on": slider(2),
            "perspective": "professional",
            "professional_field": "police",
            "age_category": "0-12",
            "living_situation": "home",
            "when": "months",
            "organisation_type": "police",
        },
    ),
]

# School, absenteeism and mentors.
SCHOOL: list[DemoStory] = [
    DemoStory(
        SCHOOL_PUPILS,
        15,
        "Niemand vroeg waarom ik te laat was",
        "Ik kwam vaak te laat omdat ik eerst mijn kleine broertje naar school bracht. Ik kreeg steeds "
        "strafwerk. Pas toen een nieuwe docent vroeg hoe het thuis ging, veranderde er iets. Nu mag ik "
        "het eerste uur later beginnen.",
        {
            "prompt": "school",
            "feeling": "mixed",
            "helpers": ["school"],
            "who_decided": 0.5,
            "what_mattered": {"listened": 0.7, "quick": 0.1, "together": 0.2},
            "when": "months",
            "living_situation": "home",
            "life_went_on": 0.5,
        },
    ),
    DemoStory(
        SCHOOL_PUPILS,
        44,
        "Eerst één uur per dag",
        "Vorig jaar ben ik bijna vijf maanden niet naar school gegaan. Het begon met buikpijn 's "
        "ochtends, en dan bleef ik thuis. Na een tijdje durfde ik gewoon niet meer, want dan zou iedereen "
        "vragen waar ik was geweest. Mijn ouders kregen een brief van de leerplichtambtenaar en toen werd "
        "het thuis ook nog eens gezellig (niet dus). School stuurde steeds huiswerk mee maar daar deed ik "
        "niks mee. Wat uiteindelijk hielp was dat mijn mentor voorstelde om eerst één uur per dag te "
        "komen, alleen voor tekenen, want dat vind ik leuk. Daarna twee uur. Ik mocht via de achteringang "
        "naar binnen zodat ik niet door de aula hoefde. Het duurde lang maar nu zit ik er weer hele "
        "dagen. Op maandag is het soms nog steeds moeilijk. Wat ik anderen zou willen zeggen: ga niet "
        "meteen met brieven dreigen, vraag eerst wat er aan de hand is.",
        {
            "prompt": "school",
            "feeling": "mixed",
            "helpers": ["school", "family", "neighbourhood"],
            "what_mattered": triad(4, 1, 5),
            "who_decided": slider(4),
            "life_went_on": slider(2),
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        GENERAL,
        33,
        "Liever eerder aan tafel",
        "Als leerplichtambtenaar word ik vaak gezien als de boeman. Ik kom pas in beeld als een kind al "
        "weken thuiszit, en dan is het vertrouwen vaak al weg. Ik zou veel liever eerder aanschuiven, bij "
        "de eerste signalen, gewoon als gesprekspartner. Bij één school lukt dat nu: daar zit ik elke "
        "maand bij het zorgoverleg. Daar zien we kinderen al na een paar dagen verzuim, en dan is er nog "
        "van alles mogelijk.",
        {
            "prompt": "other",
            "feeling": "mixed",
            "helpers": ["school", "neighbourhood"],
            "what_mattered": triad(2, 4, 4),
            "who_decided": slider(4),
            "life_went_on": slider(3),
            "perspective": "professional",
            "professional_field": "neighbourhood",
            "age_category": "12-18",
            "living_situation": "home",
            "when": "months",
            "organisation_type": "municipality",
        },
    ),
    DemoStory(
        SCHOOL_PUPILS,
        7,
        "Een rustplek",
        "Ik heb een rustplek gekregen op school waar ik mag zitten als het in de klas te druk is. "
        "Sindsdien hoef ik niet meer naar huis als ik overprikkeld raak.",
        {
            "prompt": "school",
            "feeling": "good",
            "helpers": ["school"],
            "what_mattered": triad(4, 3, 3),
            "who_decided": slider(4),
            "life_went_on": slider(5),
            "living_situation": "home",
            "when": "weeks",
        },
    ),
    DemoStory(
        JEUGDTEAM_PARENTS,
        61,
        "Handelingsverlegen",
        "Mijn zoon heeft ADHD en zit op het vmbo. Hij is nu voor de derde keer geschorst, elke keer voor "
        "kleine dingen: te laat, petje op, een grote mond. De school zei dat ze 'handelingsverlegen' "
        "waren. Ik moest dat woord opzoeken. Het betekent dat ze het niet meer weten. Nu zit hij al zeven "
        "weken thuis en er is nog geen nieuwe school die hem wil hebben. Ik werk, dus hij zit de hele dag "
        "alleen te gamen. Iedereen zegt dat er passend onderwijs moet zijn, maar voor hem past er niks.",
        {
            "prompt": "school",
            "feeling": "very_bad",
            "helpers": ["school", "family"],
            "what_mattered": triad(3, 6, 1),
            "who_decided": slider(0),
            "life_went_on": slider(0),
            "age_category": "12-18",
            "living_situation": "home",
            "when": "weeks",
        },
    ),
    DemoStory(
        SCHOOL_PUPILS,
        90,
        "Vandaag ben je welkom",
        "Toen ik een tijdje niet op school kwam stuurde mijn mentor elke ochtend een appje: 'goedemorgen, "
        "vandaag ben je welkom'. Geen gezeur over waarom ik niet kwam. Na twee weken ben ik gewoon weer "
        "gegaan. Hij heeft er nooit iets over gezegd, alleen 'fijn dat je er bent'.",
        {
            "prompt": "helped",
            "feeling": "good",
            "helpers": ["school"],
            "what_mattered": triad(6, 1, 3),
            "who_decided": slider(5),
            "life_went_on": slider(3),
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        JEUGDTEAM_YOUTH,
        2,
        "niet voor mij gemaakt",
        "school is gewoon niet voor mij gemaakt. stilzitten, luisteren, toetsen. ik wil met mijn handen "
        "werken maar dat mag pas na de 4e",
        {
            "prompt": "school",
            "feeling": "bad",
            "helpers": ["nobody"],
            "what_mattered": triad(6, 2, 2),
            "who_decided": slider(1),
            "life_went_on": slider(4),
            "living_situation": "home",
            "when": "days",
        },
    ),
    DemoStory(
        JEUGDTEAM_PARENTS,
        106,
        "Ik herken haar weer",
        "Mijn dochter is hoogbegaafd en verveelde zich dood op school. Ze werd steeds stiller en wilde 's "
        "ochtends niet meer opstaan. Op haar nieuwe school krijgt ze één dag per week les in een "
        "plusklas. Ze komt thuis met verhalen over sterrenkunde en Latijn. Ik herken haar weer.",
        {
            "prompt": "school",
            "feeling": "very_good",
            "helpers": ["school", "family"],
            "what_mattered": triad(3, 2, 5),
            "who_decided": slider(4),
            "life_went_on": slider(5),
            "age_category": "0-12",
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        SCHOOL_PUPILS,
        23,
        "Stage bij de garage",
        "Voor school moest ik stage lopen maar niemand wilde mij hebben omdat ik een enkelband had gehad. "
        "Mijn stagebegeleider heeft toen zelf een garage gebeld waar hij iemand kende. Daar zit ik nu "
        "drie dagen per week en misschien krijg ik er een baan. Beste wat me dit jaar is overkomen.",
        {
            "prompt": "school",
            "feeling": "very_good",
            "helpers": ["school", "other"],
            "what_mattered": triad(2, 3, 5),
            "who_decided": slider(4),
            "life_went_on": slider(5),
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        JEUGDTEAM_STAFF,
        50,
        "De conciërge erbij",
        "Een meisje van vijftien zat al een jaar thuis. School, leerplicht, jeugdteam en ggz hadden "
        "allemaal een stukje. Ze had zes verschillende mensen om zich heen en niemand die het overzicht "
        "had. Toen ik haar overnam heb ik gevraagd wie van al die mensen ze vertrouwde. Het antwoord: de "
        "conciërge. Hij is nu bij elk gesprek op school, en ze gaat weer twee ochtenden per week.",
        {
            "prompt": "helped",
            "feeling": "good",
            "helpers": ["school", "neighbourhood", "care", "other"],
            "what_mattered": triad(6, 0, 4),
            "who_decided": slider(5),
            "life_went_on": slider(3),
            "professional_field": "neighbourhood",
            "age_category": "12-18",
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        JEUGDTEAM_YOUTH,
        68,
        "Gratis huiswerkbegeleiding",
        "ik haalde op school overal onvoldoendes voor. mijn ouders hebben geen geld voor bijles. via het "
        "buurthuis krijg ik nu 2x per week gratis huiswerkbegeleiding van studenten. ze zijn chill en "
        "leggen het beter uit dan de leraar haha",
        {
            "prompt": "school",
            "feeling": "good",
            "helpers": ["other", "friends"],
            "what_mattered": triad(3, 2, 5),
            "who_decided": slider(5),
            "life_went_on": slider(5),
            "living_situation": "home",
            "when": "weeks",
        },
    ),
    DemoStory(
        FOSTER_CARE,
        80,
        "Midden in het jaar",
        "Door mijn verhuizing naar het pleeggezin moest ik midden in het jaar naar een nieuwe school. Ik "
        "kende niemand en mijn rooster was compleet anders. De eerste week heb ik elke pauze op de wc "
        "gezeten. Een meisje uit mijn klas heeft me toen meegenomen naar haar groepje. Zonder haar was ik "
        "denk ik gestopt.",
        {
            "prompt": "school",
            "feeling": "mixed",
            "helpers": ["friends", "school"],
            "what_mattered": triad(4, 2, 4),
            "who_decided": slider(1),
            "life_went_on": slider(2),
            "perspective": "youth",
            "age_category": "12-18",
            "living_situation": "foster_family",
            "when": "months",
        },
    ),
    DemoStory(
        GENERAL,
        14,
        "Dertig leerlingen",
        "Ik heb dertig leerlingen in de klas en vijf met een eigen plan. Ik wil ze allemaal zien, maar "
        "eerlijk: soms lukt het gewoon niet.",
        {
            "prompt": "other",
            "feeling": "bad",
            "helpers": ["school"],
            "what_mattered": triad(5, 2, 3),
            "who_decided": slider(2),
            "life_went_on": slider(3),
            "perspective": "professional",
            "professional_field": "education",
            "age_category": "12-18",
            "when": "days",
            "organisation_type": "school",
        },
    ),
    DemoStory(
        JEUGDTEAM_PARENTS,
        39,
        "Alsof we verdacht werden",
        "Mijn dochter heeft migraine en mist daardoor veel lessen. Elke keer kreeg ik een mail dat het "
        "verzuim was gemeld. Het voelde alsof we verdacht werden. Na een gesprek met de jeugdarts is er "
        "nu een afspraak dat ze op slechte dagen de lessen online mag volgen. Dat had wat mij betreft een "
        "jaar eerder gekund.",
        {
            "prompt": "school",
            "feeling": "mixed",
            "helpers": ["school", "care"],
            "what_mattered": triad(5, 3, 2),
            "who_decided": slider(3),
            "life_went_on": slider(3),
            "age_category": "12-18",
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        GENERAL,
        57,
        "Zij kiest de radiozender",
        "Ik rijd elke dag een busje leerlingenvervoer. Een meisje van tien zat al maanden stil voorin en "
        "zei niks. Sinds ik haar elke ochtend laat kiezen welke zender we aanzetten, praat ze honderduit. "
        "Vorige week vertelde ze dat ze bang is voor een jongen in haar klas. Ik heb haar moeder gevraagd "
        "of zij dat aan school wil doorgeven.",
        {
            "prompt": "safe",
            "feeling": "good",
            "helpers": ["other", "school", "family"],
            "what_mattered": triad(7, 1, 2),
            "who_decided": slider(4),
            "life_went_on": slider(4),
            "perspective": "other",
            "age_category": "0-12",
            "living_situation": "home",
            "when": "weeks",
            "organisation_type": "other",
        },
    ),
]

# Changing case workers; telling your story again and again.
CASE_WORKERS: list[DemoStory] = [
    DemoStory(
        JEUGDTEAM_PARENTS,
        5,
        "Drie keer mijn verhaal vertellen",
        "Onze zoon had hulp nodig na de scheiding. We moesten bij drie verschillende mensen opnieuw "
        "uitleggen wat er aan de hand was. Elke keer begon het weer van voren af aan. Toen er eindelijk "
        "één vast persoon kwam, ging het snel beter.",
        {
            "prompt": "not_helped",
            "feeling": "bad",
            "helpers": ["care"],
            "who_decided": 0.3333,
            "what_mattered": {"listened": 0.3, "quick": 0.5, "together": 0.2},
            "when": "months",
            "age_category": "0-12",
            "living_situation": "home",
            "life_went_on": 0.3333,
        },
    ),
    DemoStory(
        JEUGDTEAM_YOUTH,
        18,
        "Mijn vijfde begeleider",
        "ik heb nu mijn vijfde begeleider in twee jaar. elke keer als ik aan iemand gewend ben gaat ze "
        "weg. zwangerschapsverlof, andere baan, ziek. en dan moet ik alles weer opnieuw vertellen. over "
        "mijn vader, over wat er gebeurd is. ik doe het gewoon niet meer, ik zeg nu gewoon dat het goed "
        "gaat.",
        {
            "prompt": "not_helped",
            "feeling": "very_bad",
            "helpers": ["care"],
            "what_mattered": triad(6, 0, 4),
            "who_decided": slider(1),
            "life_went_on": slider(3),
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        FOSTER_CARE,
        96,
        "De mevrouw van de gemeente",
        "Als pleegouders hebben we in drie jaar vier verschillende pleegzorgbegeleiders gehad en drie "
        "jeugdbeschermers. Elke nieuwe begeleider wil eerst 'kennismaken' en het dossier lezen. Onze "
        "pleegdochter van acht vraagt al niet meer hoe de nieuwe mevrouw heet. Ze noemt ze allemaal 'de "
        "mevrouw van de gemeente'. Dat zegt genoeg.",
        {
            "prompt": "not_helped",
            "feeling": "bad",
            "helpers": ["care", "family"],
            "what_mattered": triad(4, 1, 5),
            "who_decided": slider(2),
            "life_went_on": slider(4),
            "perspective": "parent",
            "age_category": "0-12",
            "living_situation": "foster_family",
            "when": "years",
        },
    ),
    DemoStory(
        JEUGDTEAM_STAFF,
        46,
        "Weer iemand",
        "Ik ben na vier jaar van baan gewisseld. Bij het afscheid van de gezinnen die ik begeleidde "
        "merkte ik pas hoe groot dat voor hen is. Een jongen gaf me geen hand en liep weg. Een moeder zei "
        "alleen: weer iemand. Ik heb voor elk gezin een warme overdracht gedaan, met de nieuwe collega "
        "erbij aan tafel. Dat kost tijd die eigenlijk niet in de planning zit, maar het is het minste wat "
        "ik kan doen.",
        {
            "prompt": "other",
            "feeling": "mixed",
            "helpers": ["neighbourhood", "family"],
            "what_mattered": triad(5, 0, 5),
            "who_decided": slider(4),
            "life_went_on": slider(4),
            "professional_field": "neighbourhood",
            "age_category": "12-18",
            "living_situation": "home",
            "when": "weeks",
        },
    ),
    DemoStory(
        JEUGDTEAM_PARENTS,
        72,
        "Vier keer dezelfde vragenlijst",
        "Vier keer een intake bij een nieuwe hulpverlener. Vier keer dezelfde vragenlijst, vier keer ons "
        "verhaal opnieuw vertellen. Kan dat niet gewoon één keer?",
        {
            "prompt": "not_helped",
            "feeling": "bad",
            "helpers": ["care", "neighbourhood"],
            "what_mattered": triad(4, 3, 3),
            "who_decided": slider(1),
            "life_went_on": slider(3),
            "age_category": "12-18",
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        GENERAL,
        37,
        "Vanaf het begin, op mijn achttiende",
        "Ik ben nu 19 en woon begeleid. Ik heb hulp sinds mijn elfde en mijn dossier is volgens mij "
        "dikker dan een telefoonboek. Toen ik 18 werd kreeg ik nieuwe begeleiders, van een andere "
        "organisatie, want de jeugdhulp stopt dan. Ik moest weer helemaal vanaf het begin beginnen. Ze "
        "hadden het dossier niet gekregen 'vanwege privacy'. Dus heb ik zelf uitgelegd wat er in mijn "
        "jeugd is gebeurd, aan een vreemde, voor de zoveelste keer. Toen heb ik gevraagd of ze het niet "
        "gewoon aan mijn oude begeleider konden vragen, met mijn toestemming. Dat kon wel, bleek. Waarom "
        "moest ik dat zelf bedenken?",
        {
            "prompt": "not_helped",
            "feeling": "bad",
            "helpers": ["care"],
            "what_mattered": triad(5, 2, 3),
            "who_decided": slider(3),
            "life_went_on": slider(3),
            "perspective": "youth",
            "age_category": "18plus",
            "living_situation": "supported_living",
            "when": "months",
            "organisation_type": "youth_care",
        },
    ),
    DemoStory(
        JEUGDTEAM_YOUTH,
        108,
        "Al drie jaar dezelfde",
        "Ik heb al drie jaar dezelfde begeleider, Kim. Ze weet alles al dus ik hoef niks uit te leggen. "
        "Als het slecht gaat ziet ze het al aan hoe ik binnenkom. Ik hoop echt dat ze nooit weggaat.",
        {
            "prompt": "helped",
            "feeling": "very_good",
            "helpers": ["care"],
            "what_mattered": triad(5, 1, 4),
            "who_decided": slider(5),
            "life_went_on": slider(5),
            "living_situation": "home",
            "when": "years",
        },
    ),
    DemoStory(
        FAMILY_HOME,
        53,
        "Hij heeft een broertje",
        "Mijn zoon woont in een gezinshuis. Ik ben blij dat de gezinshuisouders er altijd zijn, die "
        "wisselen niet. Maar om hen heen wisselt iedereen. Ik heb in een jaar drie verschillende "
        "gezinsvoogden gehad. Elke keer moest ik alles opnieuw vertellen. De laatste wist niet eens dat "
        "mijn zoon een broertje heeft.",
        {
            "prompt": "not_helped",
            "feeling": "bad",
            "helpers": ["care"],
            "what_mattered": triad(6, 1, 3),
            "who_decided": slider(1),
            "life_went_on": slider(3),
            "perspective": "parent",
            "living_situation": "family_home",
            "when": "months",
        },
    ),
    DemoStory(
        JEUGDTEAM_STAFF,
        3,
        "Veertig gezinnen",
        "Door het personeelstekort heb ik veertig gezinnen in mijn caseload, omdat twee collega's weg "
        "zijn. Al die gezinnen moesten hun verhaal opnieuw aan mij vertellen. Ik weet niet van alle "
        "kinderen meer hoe ze heten. Daar schaam ik me voor.",
        {
            "prompt": "other",
            "feeling": "very_bad",
            "helpers": ["neighbourhood"],
            "what_mattered": triad(3, 3, 4),
            "who_decided": slider(1),
            "life_went_on": slider(2),
            "professional_field": "neighbourhood",
            "age_category": "unknown",
            "when": "days",
        },
    ),
    DemoStory(
        JEUGDTEAM_PARENTS,
        26,
        "Alleen wat jij belangrijk vindt",
        "Toen onze vaste hulpverlener wegging was ik bang dat we weer van voren af aan moesten beginnen. "
        "Maar de nieuwe had haar al gebeld en wist de belangrijkste dingen. Ze zei: vertel me alleen wat "
        "jij belangrijk vindt dat ik weet. Dat scheelde zo veel.",
        {
            "prompt": "helped",
            "feeling": "good",
            "helpers": ["care"],
            "what_mattered": triad(5, 2, 3),
            "who_decided": slider(5),
            "life_went_on": slider(4),
            "age_category": "12-18",
            "living_situation": "home",
            "when": "weeks",
        },
    ),
    DemoStory(
        FOSTER_CARE,
        9,
        "Nog niet gezien",
        "Ik heb een nieuwe voogd. Alweer. Ik heb haar nog niet gezien, alleen een mail gehad. De vorige "
        "was leuk, die nam me mee patat eten en dan konden we praten. Ik weet niet of ik deze aardig ga "
        "vinden, en ik heb geen zin om alles opnieuw te vertellen.",
        {
            "prompt": "other",
            "feeling": "mixed",
            "helpers": ["care"],
            "what_mattered": triad(6, 1, 3),
            "who_decided": slider(2),
            "life_went_on": slider(4),
            "perspective": "youth",
            "age_category": "12-18",
            "living_situation": "foster_family",
            "when": "days",
        },
    ),
    DemoStory(
        GENERAL,
        88,
        "Elke keer korter",
        "Ik werk als tolk en zit bij veel gesprekken met gezinnen. Ik hoor dezelfde moeder soms vijf keer "
        "hetzelfde vertellen aan vijf verschillende hulpverleners. Dat is zwaar voor haar, en ik merk ook "
        "dat haar verhaal elke keer korter wordt. Op een gegeven moment vertelt ze alleen nog wat ze "
        "denkt dat ze willen horen.",
        {
            "prompt": "other",
            "feeling": "bad",
            "helpers": ["other", "care"],
            "what_mattered": triad(6, 1, 3),
            "who_decided": slider(2),
            "life_went_on": slider(3),
            "perspective": "other",
            "age_category": "0-12",
            "living_situation": "home",
            "when": "months",
            "organisation_type": "other",
        },
    ),
    DemoStory(
        JEUGDTEAM_YOUTH,
        60,
        "Geen afscheid",
        "Het ergste vond ik niet dat ik weer een nieuwe begeleider kreeg, maar dat ik het moest horen van "
        "mijn moeder. Niemand had het tegen mij gezegd. Mijn begeleider was gewoon weg, ik kreeg niet "
        "eens afscheid. Die nieuwe was best aardig, maar ik had geen zin om weer over alles te praten. We "
        "hebben de eerste drie keer alleen maar gewandeld en over voetbal gepraat. Toen ging het wel.",
        {
            "prompt": "not_helped",
            "feeling": "mixed",
            "helpers": ["care", "family"],
            "what_mattered": triad(6, 0, 4),
            "who_decided": slider(1),
            "life_went_on": slider(4),
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        JEUGDTEAM_STAFF,
        115,
        "Het plan is van het gezin",
        "We werken sinds kort met één gezinsplan dat het gezin zelf beheert. Ouders hebben het op papier "
        "en op hun telefoon. Nieuwe hulpverleners lezen eerst dat plan, en vragen dan alleen wat er nog "
        "ontbreekt. Een vader zei na de eerste keer: voor het eerst hoef ik niet opnieuw te beginnen.",
        {
            "prompt": "helped",
            "feeling": "good",
            "helpers": ["family", "neighbourhood", "care"],
            "what_mattered": triad(3, 2, 5),
            "who_decided": slider(5),
            "life_went_on": slider(4),
            "professional_field": "neighbourhood",
            "age_category": "12-18",
            "living_situation": "home",
            "when": "months",
        },
    ),
]

# Foster care, family homes and living away from home.
PLACEMENT: list[DemoStory] = [
    DemoStory(
        FAMILY_HOME,
        20,
        "Een vaste plek aan tafel",
        "Een jongen van negen kwam bij ons wonen na vier verhuizingen in één jaar. De eerste weken sliep "
        "hij met zijn schoenen aan. Nu heeft hij een vaste plek aan tafel en zijn eigen kast. Hij vraagt "
        "niet meer elke avond of hij morgen nog hier is.",
        {
            "prompt": "safe",
            "perspective": "professional",
            "professional_field": "care",
            "feeling": "very_good",
            "helpers": ["care"],
            "living_situation": "family_home",
            "when": "months",
            "life_went_on": 0.6667,
        },
    ),
    DemoStory(
        FOSTER_CARE,
        84,
        "Mijn knuffel vergeten",
        "Ik was twaalf toen ik uit huis werd geplaatst. Het gebeurde op een woensdag. Ik kwam uit school "
        "en er stonden twee mensen in de woonkamer. Mijn moeder huilde. Ik mocht een tas inpakken, één "
        "tas. Ik heb mijn knuffel vergeten, daar denk ik nog steeds aan. De eerste nacht sliep ik in een "
        "crisisopvang met allemaal kinderen die ik niet kende. Na drie weken ging ik naar een pleeggezin, "
        "dat ging niet goed, en daarna naar nog een. Waar ik nu woon ben ik al twee jaar. Mijn "
        "pleegouders zijn lief en ik heb een eigen kamer met een slot. Ik snap nu wel waarom het moest, "
        "thuis was het niet goed. Maar ik snap niet waarom niemand mij van tevoren iets heeft verteld. "
        "Dan had ik tenminste mijn knuffel kunnen meenemen. Als ik iets mocht zeggen tegen hulpverleners: "
        "vertel het kinderen, ook als het moeilijk is.",
        {
            "prompt": "safe",
            "feeling": "mixed",
            "helpers": ["care", "family"],
            "what_mattered": triad(7, 1, 2),
            "who_decided": slider(0),
            "life_went_on": slider(0),
            "perspective": "youth",
            "age_category": "12-18",
            "living_situation": "foster_family",
            "when": "years",
        },
    ),
    DemoStory(
        FOSTER_CARE,
        42,
        "Een vuilniszak met kleren",
        "Twee jaar geleden werden we pleegouders van een jongetje van vier. Hij kwam met een vuilniszak "
        "met kleren. De eerste maanden waren zwaar: hij gilde als we de kamer uit liepen en at alles wat "
        "hij kon vinden, ook uit de prullenbak. Onze pleegzorgbegeleider kwam elke week en was altijd "
        "bereikbaar. Nu is hij zes, zit hij op voetbal en heeft hij een vriendje in de straat. Soms "
        "vraagt hij naar zijn mama. Daar praten we dan gewoon over, met foto's erbij.",
        {
            "prompt": "helped",
            "feeling": "good",
            "helpers": ["care", "family"],
            "what_mattered": triad(3, 2, 5),
            "who_decided": slider(4),
            "life_went_on": slider(4),
            "perspective": "parent",
            "age_category": "0-12",
            "living_situation": "foster_family",
            "when": "years",
        },
    ),
    DemoStory(
        FAMILY_HOME,
        11,
        "Altijd samen eten",
        "In het gezinshuis woon ik met vijf andere kinderen. We eten altijd samen. Soms is het druk maar "
        "wel gezellig. Ik mis mijn mama wel.",
        {
            "prompt": "ordinary_life",
            "feeling": "mixed",
            "helpers": ["care", "friends"],
            "what_mattered": triad(3, 1, 6),
            "who_decided": slider(3),
            "life_went_on": slider(4),
            "perspective": "youth",
            "living_situation": "family_home",
            "when": "weeks",
        },
    ),
    DemoStory(
        JEUGDTEAM_PARENTS,
        66,
        "Een uur per twee weken",
        "Mijn dochter is vorig jaar uit huis geplaatst. Ik weet dat ik fouten heb gemaakt, ik had een "
        "slechte periode met drank. Wat me pijn deed was dat ik haar maar één keer per twee weken een uur "
        "mocht zien, onder begeleiding, in een kaal kamertje. Nu ik al acht maanden niet drink wil ik "
        "graag laten zien dat ik het kan. Maar het voelt alsof niemand nog in me gelooft. De gezinsvoogd "
        "zegt steeds: we gaan het evalueren. Wanneer dan?",
        {
            "prompt": "not_helped",
            "feeling": "very_bad",
            "helpers": ["care"],
            "what_mattered": triad(6, 2, 2),
            "who_decided": slider(0),
            "life_went_on": slider(1),
            "age_category": "12-18",
            "living_situation": "institution",
            "when": "months",
        },
    ),
    DemoStory(
        JEUGDTEAM_STAFF,
        100,
        "Een netwerkberaad",
        "Bij een gezin met drie jonge kinderen lag een uithuisplaatsing op tafel. We hebben in plaats "
        "daarvan een netwerkberaad georganiseerd: opa, een tante, de buurvrouw en de voetbaltrainer van "
        "de oudste kwamen. Iedereen nam een stukje op zich. Opa haalt de kinderen op woensdag uit school, "
        "de buurvrouw kookt op vrijdag. Het is een half jaar later en de kinderen wonen nog thuis. Moeder "
        "zei: ik wist niet dat zoveel mensen om ons gaven.",
        {
            "prompt": "helped",
            "feeling": "very_good",
            "helpers": ["family", "neighbourhood", "other"],
            "what_mattered": triad(2, 1, 7),
            "who_decided": slider(5),
            "life_went_on": slider(5),
            "professional_field": "neighbourhood",
            "age_category": "0-12",
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        FOSTER_CARE,
        21,
        "Te laat extra steun",
        "Vorige maand liep de plaatsing van een meisje van veertien stuk. Het pleeggezin kon het niet "
        "meer aan, na maanden van ruzie. Er was geen ander pleeggezin, dus ze woont nu in een leefgroep. "
        "Ik maak dit elk jaar vaker mee: te weinig pleeggezinnen voor pubers, en te laat extra steun voor "
        "de pleegouders. Achteraf hadden we veel eerder moeten ingrijpen, met een weekend per maand "
        "ergens anders of iemand die thuis meekijkt.",
        {
            "prompt": "not_helped",
            "feeling": "bad",
            "helpers": ["care", "family"],
            "what_mattered": triad(2, 5, 3),
            "who_decided": slider(2),
            "life_went_on": slider(1),
            "perspective": "professional",
            "professional_field": "care",
            "age_category": "12-18",
            "living_situation": "institution",
            "when": "weeks",
        },
    ),
    DemoStory(
        GENERAL,
        5,
        "Lichten uit om tien uur",
        "Op de groep gaan om 22:00 de lichten uit. Ook in het weekend. Ik ben 16. Mijn telefoon moet ik "
        "om half tien inleveren. Ik snap dat er regels moeten zijn maar ik voel me soms net een klein "
        "kind. Mijn mentor op de groep is wel chill, die laat me soms langer opblijven als we samen een "
        "film kijken.",
        {
            "prompt": "ordinary_life",
            "feeling": "mixed",
            "helpers": ["care"],
            "what_mattered": triad(6, 1, 3),
            "who_decided": slider(1),
            "life_went_on": slider(2),
            "perspective": "youth",
            "age_category": "12-18",
            "living_situation": "institution",
            "when": "days",
            "organisation_type": "youth_care",
        },
    ),
    DemoStory(
        FAMILY_HOME,
        76,
        "Gewoon onze kinderen",
        "Wij hebben vier kinderen in ons gezinshuis, naast onze eigen twee. Mensen vragen weleens of dat "
        "niet te veel is. Het mooiste vind ik als ik op het schoolplein sta en niemand weet welk kind van "
        "wie is. Dan zijn het gewoon onze kinderen.",
        {
            "prompt": "ordinary_life",
            "feeling": "very_good",
            "helpers": ["family", "care"],
            "what_mattered": triad(2, 1, 7),
            "who_decided": slider(5),
            "life_went_on": slider(5),
            "perspective": "professional",
            "professional_field": "care",
            "living_situation": "family_home",
            "when": "years",
        },
    ),
    DemoStory(
        FOSTER_CARE,
        111,
        "Terug naar huis",
        "Na anderhalf jaar pleeggezin mocht ik terug naar mijn moeder. Iedereen was blij, ik ook. Maar na "
        "een week wist ik niet meer hoe het moest, thuis. Mijn moeder was veranderd, ik ook. De "
        "begeleiding stopte meteen toen ik thuis was. Ik had graag gehad dat er nog een paar maanden "
        "iemand langskwam.",
        {
            "prompt": "not_helped",
            "feeling": "mixed",
            "helpers": ["family", "care"],
            "what_mattered": triad(5, 1, 4),
            "who_decided": slider(3),
            "life_went_on": slider(3),
            "perspective": "youth",
            "age_category": "12-18",
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        FOSTER_CARE,
        31,
        "Bellen op zaterdagavond",
        "Ik ben al twaalf jaar pleegmoeder. De kinderen die bij ons komen zijn steeds ouder en hebben "
        "steeds meer meegemaakt. Nu woont er een jongen van vijftien bij ons. Hij is slim en grappig, "
        "maar hij kan ook enorm boos worden, en dan gaat er weleens iets kapot. Ik heb om extra "
        "ondersteuning gevraagd: een cursus, of iemand die eens per week met hem praat. Het antwoord was "
        "dat er een wachtlijst is. Tegelijk krijg ik wel elke maand formulieren die ik moet invullen over "
        "zijn 'ontwikkeling'. Mijn man en ik houden het vol, omdat we van hem houden. Maar ik snap heel "
        "goed dat er pleegouders afhaken. We zijn geen professionals, we zijn een gewoon gezin. Wat zou "
        "helpen: iemand die je kunt bellen op zaterdagavond om elf uur, als het misgaat. Die is er nu "
        "niet.",
        {
            "prompt": "not_helped",
            "feeling": "bad",
            "helpers": ["care", "family"],
            "what_mattered": triad(4, 4, 2),
            "who_decided": slider(2),
            "life_went_on": slider(2),
            "perspective": "parent",
            "age_category": "12-18",
            "living_situation": "foster_family",
            "when": "weeks",
        },
    ),
    DemoStory(
        FAMILY_HOME,
        1,
        "Zaterdag naar het bos",
        "Ik woon nu in het gezinshuis. Ik mag elke zaterdag naar mijn papa. Dan gaan we naar het bos.",
        {
            "prompt": "ordinary_life",
            "feeling": "very_good",
            "helpers": ["family"],
            "what_mattered": triad(3, 1, 6),
            "who_decided": slider(4),
            "life_went_on": slider(5),
            "perspective": "youth",
            "living_situation": "family_home",
            "when": "days",
        },
    ),
    DemoStory(
        GENERAL,
        49,
        "Een eigen taart",
        "Ik ben vrijwilliger en bak taarten voor kinderen die hun verjaardag vieren in een leefgroep of "
        "in de crisisopvang. Laatst kreeg een jongen van tien zijn taart, en hij vroeg of hij hem mocht "
        "bewaren. Hij had nog nooit een eigen taart gehad. Ik ben daarna even in de auto gaan zitten "
        "huilen.",
        {
            "prompt": "other",
            "feeling": "mixed",
            "helpers": ["other"],
            "what_mattered": triad(4, 2, 4),
            "who_decided": slider(3),
            "life_went_on": slider(3),
            "perspective": "other",
            "age_category": "0-12",
            "living_situation": "institution",
            "when": "weeks",
            "organisation_type": "other",
        },
    ),
    DemoStory(
        JEUGDTEAM_STAFF,
        34,
        "Kwart over elf",
        "Vrijdagavond kwart over elf belde de politie: een moeder was opgenomen en de kinderen van drie "
        "en zes waren alleen thuis. Ik heb tot twee uur 's nachts gebeld om een plek te vinden. "
        "Uiteindelijk konden ze terecht bij een tante in een andere stad. Dat was beter dan een "
        "crisisopvang, maar ze moesten wel meteen van school wisselen.",
        {
            "prompt": "safe",
            "feeling": "mixed",
            "helpers": ["family", "other", "neighbourhood"],
            "what_mattered": triad(1, 7, 2),
            "who_decided": slider(3),
            "life_went_on": slider(1),
            "professional_field": "neighbourhood",
            "age_category": "0-12",
            "living_situation": "other",
            "when": "weeks",
        },
    ),
    DemoStory(
        FOSTER_CARE,
        119,
        "Eén keer per maand",
        "Mijn broertje en ik wonen in verschillende pleeggezinnen. We zien elkaar één keer per maand. Ik "
        "wil dat vaker maar de pleeggezinnen wonen ver uit elkaar. Laatst heb ik hem via videobellen "
        "geholpen met zijn huiswerk. Dat was leuk.",
        {
            "prompt": "ordinary_life",
            "feeling": "mixed",
            "helpers": ["family", "care"],
            "what_mattered": triad(6, 1, 3),
            "who_decided": slider(1),
            "life_went_on": slider(3),
            "perspective": "youth",
            "age_category": "12-18",
            "living_situation": "foster_family",
            "when": "weeks",
        },
    ),
]

# Anxiety, gloominess and mental health care (ggz).
MENTAL_HEALTH: list[DemoStory] = [
    DemoStory(
        JEUGDTEAM_YOUTH,
        17,
        "Weer alleen met de bus",
        "Vorig jaar kreeg ik ineens paniekaanvallen, in de bus, in de klas, in de supermarkt. Ik dacht "
        "echt dat ik doodging. Mijn huisarts legde uit wat er in mijn lijf gebeurde en dat het niet "
        "gevaarlijk is. Dat alleen hielp al een beetje. Nu heb ik een psycholoog en oefen ik met "
        "ademhalen en met dingen doen die ik eng vind. Gisteren ben ik voor het eerst weer alleen met de "
        "bus gegaan.",
        {
            "prompt": "helped",
            "feeling": "good",
            "helpers": ["care"],
            "what_mattered": triad(5, 2, 3),
            "who_decided": slider(4),
            "life_went_on": slider(3),
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        SCHOOL_PUPILS,
        28,
        "Niet lui",
        "Soms lig ik de hele middag op bed en weet ik niet waarom. Ik voel me somber en leeg. Mijn ouders "
        "denken dat ik lui ben.",
        {
            "prompt": "other",
            "feeling": "bad",
            "helpers": ["nobody"],
            "what_mattered": triad(8, 1, 1),
            "who_decided": slider(2),
            "life_went_on": slider(2),
            "living_situation": "home",
            "when": "days",
        },
    ),
    DemoStory(
        JEUGDTEAM_PARENTS,
        81,
        "Erbij zijn zonder te schreeuwen",
        "Onze dochter van zestien sneed zichzelf. We ontdekten het per ongeluk, in de zomer, toen ze een "
        "korte mouw droeg. Ik was in paniek en boos tegelijk, en ik heb dingen gezegd die ik niet had "
        "moeten zeggen. De huisarts heeft ons dezelfde week nog doorverwezen naar een ggz-team voor "
        "jongeren. Daar zat een behandelaar die eerst alleen met haar praatte en daarna met ons. Ze legde "
        "uit dat het snijden voor onze dochter een manier was om met enorme spanning om te gaan. Dat wij "
        "niet alles hoefden te begrijpen, maar wel konden leren hoe we erbij konden zijn zonder te "
        "schreeuwen. We hebben ook oudergesprekken gehad. Het gaat nu beter. Niet goed, wel beter. Ze "
        "vertelt het ons nu als ze het weer moeilijk heeft. Dat is meer dan ik een jaar geleden had "
        "durven hopen.",
        {
            "prompt": "helped",
            "feeling": "mixed",
            "helpers": ["care", "family"],
            "what_mattered": triad(5, 2, 3),
            "who_decided": slider(3),
            "life_went_on": slider(2),
            "age_category": "12-18",
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        GENERAL,
        45,
        "Die buikpijn was verdriet",
        "Een moeder kwam bij mij met haar zoon van negen, die al weken buikpijn had. Lichamelijk vond ik "
        "niks. Toen ik vroeg hoe het thuis ging, begon ze te huilen. De vader was net vertrokken. De "
        "jongen bleek al weken slecht te slapen en bang te zijn dat het zijn schuld was. Ik heb de tijd "
        "genomen, twintig minuten in plaats van tien, en de praktijkondersteuner jeugd erbij gehaald. Die "
        "buikpijn was verdriet.",
        {
            "prompt": "helped",
            "feeling": "mixed",
            "helpers": ["family", "care"],
            "what_mattered": triad(7, 2, 1),
            "who_decided": slider(3),
            "life_went_on": slider(3),
            "perspective": "professional",
            "professional_field": "care",
            "age_category": "0-12",
            "living_situation": "home",
            "when": "weeks",
            "organisation_type": "health",
        },
    ),
    DemoStory(
        JEUGDTEAM_YOUTH,
        93,
        "Hardlopen met mijn buurjongen",
        "ik ben al een tijd somber. niet depressief ofzo zegt de dokter, maar alles is grijs. wat helpt "
        "is hardlopen met mijn buurjongen. we zeggen bijna niks, we rennen alleen maar. daarna voel ik me "
        "even normaal",
        {
            "prompt": "ordinary_life",
            "feeling": "mixed",
            "helpers": ["friends"],
            "what_mattered": triad(4, 1, 5),
            "who_decided": slider(5),
            "life_went_on": slider(3),
            "living_situation": "home",
            "when": "weeks",
        },
    ),
    DemoStory(
        GENERAL,
        64,
        "Altijd een 5",
        "Ik was al maanden somber. Bij de ggz kreeg ik een app waarin ik elke dag moest invullen hoe ik "
        "me voelde, van 1 tot 10. Ik heb drie weken lang elke dag een 5 ingevuld omdat ik geen zin had om "
        "na te denken. Niemand heeft ooit gevraagd waarom het altijd 5 was.",
        {
            "prompt": "not_helped",
            "feeling": "bad",
            "helpers": ["care"],
            "what_mattered": triad(8, 1, 1),
            "who_decided": slider(2),
            "life_went_on": slider(3),
            "perspective": "youth",
            "age_category": "12-18",
            "living_situation": "home",
            "when": "months",
            "organisation_type": "health",
        },
    ),
    DemoStory(
        JEUGDTEAM_STAFF,
        70,
        "Binnen twee weken",
        "Sinds er een jeugd-ggz-behandelaar in ons wijkteam zit, kunnen we jongeren met lichte angst- en "
        "somberheidsklachten zelf helpen. Vroeger verwezen we ze door en stonden ze maanden op een lijst. "
        "Nu zien we ze binnen twee weken. Niet alles lukt in het wijkteam, maar veel meer dan we dachten.",
        {
            "prompt": "helped",
            "feeling": "good",
            "helpers": ["neighbourhood", "care"],
            "what_mattered": triad(2, 6, 2),
            "who_decided": slider(4),
            "life_went_on": slider(4),
            "professional_field": "care",
            "age_category": "12-18",
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        FOSTER_CARE,
        59,
        "Friet na de EMDR",
        "Ik heb PTSS door wat er thuis gebeurd is. Ik was altijd bang en kon niet slapen. Via de ggz "
        "kreeg ik EMDR. Het was heel zwaar, na elke sessie was ik kapot. Mijn pleegmoeder ging elke keer "
        "mee en wachtte in de wachtkamer. Daarna gingen we altijd samen friet eten. Nu heb ik bijna geen "
        "nachtmerries meer.",
        {
            "prompt": "helped",
            "feeling": "good",
            "helpers": ["care", "family"],
            "what_mattered": triad(4, 1, 5),
            "who_decided": slider(4),
            "life_went_on": slider(3),
            "perspective": "youth",
            "age_category": "12-18",
            "living_situation": "foster_family",
            "when": "months",
        },
    ),
    DemoStory(
        JEUGDTEAM_PARENTS,
        12,
        "Bij oma blijven slapen",
        "Onze zoon van zeven is erg angstig. Hij durft niet alleen naar boven, niet logeren, niet naar "
        "verjaardagen. Via het jeugdteam kregen we een oudercursus over angst bij kinderen. Ik had eerst "
        "geen zin, ik wilde dat iemand hém zou helpen. Maar wat we leerden werkte: niet alles voor hem "
        "oplossen, en kleine stapjes zetten. Vorige week is hij voor het eerst bij oma blijven slapen.",
        {
            "prompt": "helped",
            "feeling": "good",
            "helpers": ["neighbourhood", "family"],
            "what_mattered": triad(3, 2, 5),
            "who_decided": slider(4),
            "life_went_on": slider(4),
            "age_category": "0-12",
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        GENERAL,
        103,
        "Geen psycholoog",
        "Ik zie in mijn klassen steeds meer leerlingen die niet slapen, niet eten en zich zorgen maken. "
        "Ik ben docent aardrijkskunde, geen psycholoog. Maar ik ben vaak wel de eerste die het ziet.",
        {
            "prompt": "other",
            "feeling": "bad",
            "helpers": ["school"],
            "what_mattered": triad(6, 2, 2),
            "who_decided": slider(3),
            "life_went_on": slider(3),
            "perspective": "professional",
            "professional_field": "education",
            "age_category": "12-18",
            "when": "months",
            "organisation_type": "school",
        },
    ),
    DemoStory(
        JEUGDTEAM_YOUTH,
        36,
        "Gestopt",
        "Ik ben gestopt bij de psycholoog want ik vond het niks. Nu voel ik me schuldig, en nog steeds "
        "somber.",
        {
            "prompt": "other",
            "feeling": "bad",
            "helpers": ["care"],
            "what_mattered": triad(5, 2, 3),
            "who_decided": slider(5),
            "life_went_on": slider(3),
            "living_situation": "home",
            "when": "weeks",
        },
    ),
    DemoStory(
        GENERAL,
        116,
        "Thee om vier uur 's nachts",
        "Toen ik 17 was ben ik heel depressief geweest en heb ik een tijd op een gesloten afdeling van de "
        "ggz gelegen. Daar wil ik niet te veel over vertellen. Wat ik wel wil zeggen: de verpleegkundigen "
        "van de nachtdienst waren het belangrijkst. Niet de psychiater, niet de gesprekken. Die ene "
        "verpleegkundige die om vier uur 's nachts thee kwam brengen en gewoon op de rand van mijn bed "
        "ging zitten. Ze zei niks bijzonders. Maar ik was niet alleen. Nu ben ik 19 en gaat het een stuk "
        "beter. Ik woon op mezelf met begeleiding en ik werk in een bakkerij.",
        {
            "prompt": "safe",
            "feeling": "mixed",
            "helpers": ["care"],
            "what_mattered": triad(7, 1, 2),
            "who_decided": slider(1),
            "life_went_on": slider(0),
            "perspective": "youth",
            "age_category": "18plus",
            "living_situation": "supported_living",
            "when": "years",
            "organisation_type": "health",
        },
    ),
    DemoStory(
        GENERAL,
        24,
        "Na een potje tafeltennis",
        "Als jongerenwerker ben ik veel bij het skatepark en in het jongerencentrum. Jongens praten niet "
        "snel over hun gevoel. Maar na een potje tafeltennis komt het er soms ineens uit: dat ze niet "
        "slapen, dat ze piekeren over school of over thuis. Ik kan ze dan niet meteen doorsturen, want "
        "'naar de psycholoog' is voor veel van hen een brug te ver. Dus ik blijf gewoon in de buurt.",
        {
            "prompt": "other",
            "feeling": "mixed",
            "helpers": ["neighbourhood", "friends"],
            "what_mattered": triad(7, 1, 2),
            "who_decided": slider(5),
            "life_went_on": slider(4),
            "perspective": "professional",
            "professional_field": "other",
            "age_category": "12-18",
            "when": "weeks",
            "organisation_type": "other",
            "organisation": "Jongerenwerk Veenhaven",
        },
    ),
    DemoStory(
        SCHOOL_PUPILS,
        54,
        "Dacht dat alleen ik dat had",
        "In de toetsweek slaap ik bijna niet. Mijn hart gaat de hele tijd tekeer en ik ben zo bang dat ik "
        "het verpest dat ik bijna een paniekaanval krijg. Dit jaar had school een workshop over stress en "
        "toen hoorde ik voor het eerst dat meer mensen dat hebben. Ik dacht dat alleen ik dat had.",
        {
            "prompt": "school",
            "feeling": "mixed",
            "helpers": ["school", "friends"],
            "what_mattered": triad(5, 2, 3),
            "who_decided": slider(3),
            "life_went_on": slider(3),
            "living_situation": "home",
            "when": "weeks",
        },
    ),
    DemoStory(
        JEUGDTEAM_PARENTS,
        98,
        "Ineens volwassen",
        "Mijn zoon werd 18 midden in zijn behandeling voor depressie. Van de ene op de andere dag moest "
        "hij over naar de volwassenen-ggz. Nieuwe wachtlijst, nieuwe behandelaar, en ineens mocht ik niet "
        "meer bij de gesprekken zonder zijn toestemming. Die gaf hij niet, want hij was boos op de hele "
        "wereld. Ik stond erbuiten te kijken hoe het slechter ging.",
        {
            "prompt": "not_helped",
            "feeling": "very_bad",
            "helpers": ["care", "family"],
            "what_mattered": triad(4, 3, 3),
            "who_decided": slider(1),
            "life_went_on": slider(1),
            "age_category": "18plus",
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        FAMILY_HOME,
        15,
        "Een matrasje",
        "Als ik 's nachts bang ben mag ik een matrasje bij de slaapkamer van de grote mensen leggen. Dan "
        "is het niet meer zo eng. Het is al drie nachten niet meer nodig geweest.",
        {
            "prompt": "safe",
            "feeling": "good",
            "helpers": ["care"],
            "what_mattered": triad(5, 3, 2),
            "who_decided": slider(4),
            "life_went_on": slider(4),
            "perspective": "youth",
            "living_situation": "family_home",
            "when": "days",
        },
    ),
    DemoStory(
        GENERAL,
        79,
        "Het stilteplekje in de bieb",
        "Ik werk in de bibliotheek. Al maanden komt er elke middag een meisje van een jaar of vijftien, "
        "onder schooltijd. Ze zit altijd in hetzelfde hoekje te lezen. Op een dag vroeg ik of alles goed "
        "ging. Ze vertelde dat ze niet naar school kan omdat ze paniekaanvallen krijgt in drukke ruimtes, "
        "en dat de bieb de enige plek is waar ze rustig wordt. We hebben afgesproken dat ze het "
        "stilteplekje achterin mag gebruiken. Later vroeg ze of ik mee wilde naar een gesprek met haar "
        "mentor.",
        {
            "prompt": "safe",
            "feeling": "good",
            "helpers": ["other", "school"],
            "what_mattered": triad(7, 1, 2),
            "who_decided": slider(5),
            "life_went_on": slider(3),
            "perspective": "other",
            "age_category": "12-18",
            "living_situation": "home",
            "when": "months",
            "organisation_type": "other",
        },
    ),
]

# Money, debts and poverty at home.
MONEY: list[DemoStory] = [
    DemoStory(
        JEUGDTEAM_PARENTS,
        87,
        "Brieven met rode letters",
        "Na mijn scheiding bleef ik achter met twee kinderen en een berg schulden op mijn naam. Ik maakte "
        "de post niet meer open. Mijn zoon van tien vroeg waarom er steeds brieven met rode letters "
        "kwamen. Ik schaamde me zo dat ik het jeugdteam niks over het geld heb verteld, terwijl ze wel "
        "voor mijn dochter kwamen. Pas toen de energie werd afgesloten heb ik het durven zeggen. De "
        "medewerker schrok niet eens. Ze zei: dat zien we heel vaak, we gaan het samen uitzoeken. Binnen "
        "twee weken zat ik bij de schuldhulp. Ik wou dat ik het eerder had gezegd.",
        {
            "prompt": "helped",
            "feeling": "mixed",
            "helpers": ["neighbourhood", "family"],
            "what_mattered": triad(3, 3, 4),
            "who_decided": slider(3),
            "life_went_on": slider(1),
            "age_category": "0-12",
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        JEUGDTEAM_YOUTH,
        40,
        "Ziek gemeld voor de werkweek",
        "mijn moeder had geen geld voor de werkweek van school. ik heb gezegd dat ik ziek was zodat "
        "niemand het zou weten. later hoorde ik van een vriend dat school het had kunnen betalen uit een "
        "fonds. waarom zegt niemand dat",
        {
            "prompt": "ordinary_life",
            "feeling": "bad",
            "helpers": ["family", "friends"],
            "what_mattered": triad(4, 3, 3),
            "who_decided": slider(2),
            "life_went_on": slider(3),
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        GENERAL,
        73,
        "Ontbijt voor iedereen",
        "Ik ben leerkracht van groep 6. Een jongen in mijn klas kwam steeds zonder ontbijt en in dezelfde "
        "kleren. Ik heb het besproken met de intern begeleider en we hebben heel voorzichtig contact "
        "gezocht met zijn moeder. Ze bleek haar baan kwijt te zijn, had schulden en kwam met haar geld "
        "niet meer rond. Via school hebben we haar in contact gebracht met iemand van het wijkteam. Nu "
        "staat er op school elke ochtend een ontbijttafel voor alle kinderen, zodat niemand zich hoeft te "
        "schamen.",
        {
            "prompt": "helped",
            "feeling": "good",
            "helpers": ["school", "neighbourhood", "family"],
            "what_mattered": triad(3, 3, 4),
            "who_decided": slider(4),
            "life_went_on": slider(4),
            "perspective": "professional",
            "professional_field": "education",
            "age_category": "0-12",
            "living_situation": "home",
            "when": "months",
            "organisation_type": "school",
        },
    ),
    DemoStory(
        JEUGDTEAM_STAFF,
        104,
        "Hoe gaat het met geld?",
        "Bij ongeveer de helft van de gezinnen waar ik kom voor 'opvoedvragen' blijkt geld het echte "
        "probleem te zijn. Ouders met twee banen die 's avonds doodmoe zijn. Een huis dat te klein is. "
        "Stress over rekeningen die doorsijpelt naar de kinderen. Ik kan een opvoedcursus aanbieden, maar "
        "daarmee los ik het niet op. Sinds er een schuldhulpverlener in ons team zit, begin ik vaker met "
        "de vraag: hoe gaat het met geld?",
        {
            "prompt": "other",
            "feeling": "mixed",
            "helpers": ["neighbourhood", "family"],
            "what_mattered": triad(4, 2, 4),
            "who_decided": slider(4),
            "life_went_on": slider(3),
            "professional_field": "neighbourhood",
            "age_category": "12-18",
            "living_situation": "home",
            "when": "years",
        },
    ),
    DemoStory(
        SCHOOL_PUPILS,
        30,
        "Daarom ben ik moe",
        "Ik werk 3 avonden in de week bij de supermarkt zodat mijn moeder de huur kan betalen. Daarom ben "
        "ik zo moe in de les.",
        {
            "prompt": "school",
            "feeling": "bad",
            "helpers": ["family"],
            "what_mattered": triad(6, 2, 2),
            "who_decided": slider(3),
            "life_went_on": slider(2),
            "living_situation": "home",
            "when": "weeks",
        },
    ),
    DemoStory(
        GENERAL,
        65,
        "Hagelslag voor haar verjaardag",
        "Ik sta elke vrijdag bij de voedselbank. Er komen steeds meer jonge gezinnen die geen geld hebben "
        "voor boodschappen. Kinderen komen soms mee en helpen de tassen vullen. Eén meisje vroeg of ze "
        "het pak hagelslag mocht bewaren voor haar verjaardag. We hebben haar die week een hele "
        "verjaardagsdoos meegegeven, dat mag eigenlijk niet. Ik zou willen dat kinderen dit niet hoefden "
        "mee te maken.",
        {
            "prompt": "other",
            "feeling": "bad",
            "helpers": ["other"],
            "what_mattered": triad(3, 3, 4),
            "who_decided": slider(3),
            "life_went_on": slider(3),
            "perspective": "other",
            "age_category": "0-12",
            "living_situation": "home",
            "when": "weeks",
            "organisation_type": "other",
            "organisation": "Voedselbank Veenhaven",
        },
    ),
    DemoStory(
        JEUGDTEAM_PARENTS,
        114,
        "Kickboksen via een fonds",
        "Mijn zoon wilde heel graag op kickboksen, maar dat kostte 35 euro per maand. Dat hadden we niet. "
        "De jongerenwerker vertelde over een fonds dat de contributie betaalt. Het aanvragen was een "
        "gedoe met formulieren, maar het is gelukt. Hij traint nu drie keer per week en is thuis veel "
        "rustiger.",
        {
            "prompt": "helped",
            "feeling": "good",
            "helpers": ["neighbourhood", "family"],
            "what_mattered": triad(2, 3, 5),
            "who_decided": slider(4),
            "life_went_on": slider(5),
            "age_category": "12-18",
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        FOSTER_CARE,
        48,
        "Uit zijn schoenen gegroeid",
        "De pleegvergoeding is niet genoeg voor een puber die elk half jaar uit zijn schoenen groeit en "
        "een laptop nodig heeft voor school. We hebben dat van ons eigen geld betaald. Dat doen we graag, "
        "maar ik snap dat niet elk pleeggezin dat kan. Een extra aanvraag voor de laptop duurde vier "
        "maanden.",
        {
            "prompt": "other",
            "feeling": "mixed",
            "helpers": ["care"],
            "what_mattered": triad(3, 5, 2),
            "who_decided": slider(2),
            "life_went_on": slider(4),
            "perspective": "parent",
            "age_category": "12-18",
            "living_situation": "foster_family",
            "when": "months",
        },
    ),
    DemoStory(
        JEUGDTEAM_YOUTH,
        56,
        "Pasta met saus",
        "Mijn vader zegt dat het goed gaat met geld maar ik zie wel dat hij in de winkel alles drie keer "
        "omdraait. We eten vaak pasta met saus. Ik weet dat er schulden zijn, ik zie de brieven. Ik vraag "
        "niet meer om nieuwe kleren. Op school heb ik een telefoon met een barst erin en daar lachen ze "
        "om. Ik vertel dit aan niemand. Misschien is dit de eerste keer.",
        {
            "prompt": "ordinary_life",
            "feeling": "bad",
            "helpers": ["nobody"],
            "what_mattered": triad(7, 2, 1),
            "who_decided": slider(2),
            "life_went_on": slider(3),
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        GENERAL,
        92,
        "Zakgeld van mezelf",
        "Op mijn achttiende kreeg ik ineens te maken met zorgverzekering, belastingdienst, "
        "studiefinanciering, alles. Niemand had me uitgelegd hoe dat werkt. Binnen een jaar had ik 2000 "
        "euro schuld door boetes en aanmaningen. De gemeente heeft me nu gekoppeld aan een budgetcoach. "
        "Ze is streng maar eerlijk. Ik krijg nu zakgeld van mezelf, zegt ze altijd.",
        {
            "prompt": "helped",
            "feeling": "mixed",
            "helpers": ["neighbourhood"],
            "what_mattered": triad(3, 4, 3),
            "who_decided": slider(4),
            "life_went_on": slider(3),
            "perspective": "youth",
            "age_category": "18plus",
            "living_situation": "supported_living",
            "when": "months",
            "organisation_type": "municipality",
        },
    ),
    DemoStory(
        JEUGDTEAM_STAFF,
        4,
        "Elf pagina's",
        "Vandaag een moeder geholpen met het aanvragen van kwijtschelding. Het formulier was elf "
        "pagina's. Zij had het al drie keer geprobeerd en was steeds gestopt. Ze heeft al een jaar "
        "schulden en ziet door de bomen het bos niet meer.",
        {
            "prompt": "other",
            "feeling": "mixed",
            "helpers": ["neighbourhood"],
            "what_mattered": triad(3, 4, 3),
            "who_decided": slider(3),
            "life_went_on": slider(3),
            "professional_field": "neighbourhood",
            "age_category": "0-12",
            "living_situation": "home",
            "when": "days",
        },
    ),
    DemoStory(
        JEUGDTEAM_PARENTS,
        43,
        "Voor het eerst getrakteerd",
        "Mijn dochter wordt nooit meer uitgenodigd voor feestjes, denk ik omdat wij nooit een feestje "
        "geven. Dat kan ik niet betalen, want van de uitkering is het geld altijd op voor het eind van de "
        "maand. Via de kerk kregen we een verjaardagsbox met slingers en traktaties. Ze heeft voor het "
        "eerst getrakteerd in de klas. Ze straalde.",
        {
            "prompt": "ordinary_life",
            "feeling": "good",
            "helpers": ["other"],
            "what_mattered": triad(3, 2, 5),
            "who_decided": slider(4),
            "life_went_on": slider(4),
            "age_category": "0-12",
            "living_situation": "home",
            "when": "weeks",
        },
    ),
    DemoStory(
        GENERAL,
        117,
        "Het is maar papier",
        "Als vrijwillig maatje help ik gezinnen met hun post en administratie. Bij één gezin stonden er "
        "twee vuilniszakken vol ongeopende brieven. De moeder durfde ze niet open te maken, uit angst "
        "voor nog meer schulden. We hebben ze samen, brief voor brief, gesorteerd op de keukentafel. Het "
        "meeste waren oude rekeningen en reclame, minder erg dan ze dacht. Haar zoon van dertien zat "
        "erbij en zei aan het eind: mam, het is maar papier.",
        {
            "prompt": "helped",
            "feeling": "good",
            "helpers": ["other", "family"],
            "what_mattered": triad(3, 2, 5),
            "who_decided": slider(4),
            "life_went_on": slider(4),
            "perspective": "other",
            "age_category": "12-18",
            "living_situation": "home",
            "when": "months",
            "organisation_type": "other",
        },
    ),
    DemoStory(
        GENERAL,
        20,
        "Om negen uur naar huis",
        "Ik heb een snackbar en er werken vijf scholieren bij me. Eén jongen wilde ineens elke avond "
        "werken, ook doordeweeks tot sluitingstijd. Toen ik vroeg waarom, bleek dat hij zijn moeder hielp "
        "met de huur, omdat er thuis te weinig geld was. Ik heb gezegd dat hij doordeweeks om negen uur "
        "naar huis gaat, voor school, en ik heb zijn uurloon wat opgehoogd. En ik heb hem het nummer van "
        "het wijkteam meegegeven, voor zijn moeder.",
        {
            "prompt": "other",
            "feeling": "mixed",
            "helpers": ["other", "neighbourhood"],
            "what_mattered": triad(4, 3, 3),
            "who_decided": slider(4),
            "life_went_on": slider(4),
            "perspective": "other",
            "age_category": "12-18",
            "living_situation": "home",
            "when": "weeks",
            "organisation_type": "none",
        },
    ),
]

# Divorce and conflict in the family.
DIVORCE: list[DemoStory] = [
    DemoStory(
        JEUGDTEAM_YOUTH,
        32,
        "Ik ben geen postbode",
        "mijn ouders zijn gescheiden en ik woon een week bij mijn moeder en een week bij mijn vader. dat "
        "klinkt eerlijk maar ik moet steeds mijn spullen meesjouwen en ik vergeet altijd wel iets. en ze "
        "praten niet met elkaar dus ik moet alles doorgeven. 'zeg maar tegen je vader dat...'. ik ben "
        "geen postbode.",
        {
            "prompt": "ordinary_life",
            "feeling": "bad",
            "helpers": ["family"],
            "what_mattered": triad(8, 1, 1),
            "who_decided": slider(1),
            "life_went_on": slider(3),
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        JEUGDTEAM_PARENTS,
        101,
        "Een muur door het midden",
        "Mijn ex en ik zitten al twee jaar in een vechtscheiding. Ik ben er niet trots op. Er zijn "
        "advocaten, een bijzondere curator, de Raad en het jeugdteam bij betrokken. Iedereen schrijft "
        "rapporten over ons, en de kinderen zitten in het midden. Wat het meest hielp was een groep voor "
        "kinderen van gescheiden ouders, waar onze zoon van acht naartoe ging. Hij maakte daar een "
        "tekening van ons huis, met een muur door het midden. Toen ik die zag moest ik huilen. Daarna "
        "hebben mijn ex en ik voor het eerst in maanden normaal met elkaar gepraat, bij een mediator. Het "
        "is niet ineens goed, maar we maken nu tenminste samen de afspraken over school en sport.",
        {
            "prompt": "helped",
            "feeling": "mixed",
            "helpers": ["family", "care", "other"],
            "what_mattered": triad(4, 1, 5),
            "who_decided": slider(3),
            "life_went_on": slider(2),
            "age_category": "0-12",
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        SCHOOL_PUPILS,
        62,
        "Huilen in het kamertje",
        "Toen mijn ouders gingen scheiden en er thuis elke avond ruzie was, vroeg mijn mentor of ik even "
        "wilde praten. Ik heb de hele les gehuild in haar kamertje. Daarna ging het beter.",
        {
            "prompt": "helped",
            "feeling": "good",
            "helpers": ["school"],
            "what_mattered": triad(7, 1, 2),
            "who_decided": slider(4),
            "life_went_on": slider(3),
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        JEUGDTEAM_STAFF,
        85,
        "De kinderen als onderwerp",
        "Bij scheidingen zie ik vaak dat beide ouders een eigen hulpverlener willen, die hún kant ziet. "
        "Dan heb je ineens vier professionals voor één gezin, die elkaar tegenspreken. Wij proberen nu "
        "vanaf het begin één gezamenlijk gesprek te organiseren, met de kinderen als onderwerp in plaats "
        "van de ruzie. Dat lukt niet altijd. Maar als het lukt, is de sfeer anders.",
        {
            "prompt": "other",
            "feeling": "mixed",
            "helpers": ["family", "neighbourhood", "care"],
            "what_mattered": triad(3, 1, 6),
            "who_decided": slider(4),
            "life_went_on": slider(3),
            "professional_field": "neighbourhood",
            "age_category": "0-12",
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        JEUGDTEAM_YOUTH,
        10,
        "Naar mijn tante gefietst",
        "Bij ons thuis is het vaak ruzie tussen mijn stiefvader en mij. Laatst gooide hij een stoel. Ik "
        "ben naar mijn tante gefietst en daar blijven slapen. Zij heeft het jeugdteam gebeld. Nu hebben "
        "we gesprekken met zijn allen. Het is nog niet goed, maar hij gooit in elk geval geen dingen "
        "meer.",
        {
            "prompt": "safe",
            "feeling": "bad",
            "helpers": ["family", "neighbourhood"],
            "what_mattered": triad(4, 4, 2),
            "who_decided": slider(3),
            "life_went_on": slider(2),
            "living_situation": "home",
            "when": "weeks",
        },
    ),
    DemoStory(
        GENERAL,
        110,
        "Een kaart voor elke verjaardag",
        "Ik ben oma van twee kleinkinderen. Sinds de scheiding van mijn zoon mag ik ze bijna niet meer "
        "zien, omdat hun moeder boos is op onze hele familie. Ik heb geen rechten, zei de advocaat. Ik "
        "stuur elke verjaardag een kaart. Ik weet niet of ze die krijgen.",
        {
            "prompt": "other",
            "feeling": "very_bad",
            "helpers": ["family"],
            "what_mattered": triad(8, 1, 1),
            "who_decided": slider(0),
            "life_went_on": slider(2),
            "perspective": "parent",
            "age_category": "0-12",
            "living_situation": "home",
            "when": "years",
            "organisation_type": "none",
        },
    ),
    DemoStory(
        FAMILY_HOME,
        38,
        "Alleen om de afstandsbediening",
        "Mama en papa maakten veel ruzie. Daarom woon ik nu hier. Hier maakt niemand ruzie. Alleen om de "
        "afstandsbediening.",
        {
            "prompt": "safe",
            "feeling": "good",
            "helpers": ["care"],
            "what_mattered": triad(3, 2, 5),
            "who_decided": slider(2),
            "life_went_on": slider(4),
            "perspective": "youth",
            "living_situation": "family_home",
            "when": "months",
        },
    ),
    DemoStory(
        JEUGDTEAM_PARENTS,
        51,
        "Beter gescheiden dan getrouwd",
        "Mijn ex-man en ik zijn drie jaar gescheiden. In het begin ging het slecht, maar een cursus over "
        "ouderschap na een scheiding, via het wijkteam, heeft ons echt geholpen. We hebben nu een "
        "gedeelde agenda en een groepsapp alleen voor de kinderen, zonder gedoe. Onze dochter zei laatst: "
        "jullie zijn beter gescheiden dan getrouwd. Ik moest erom lachen.",
        {
            "prompt": "helped",
            "feeling": "good",
            "helpers": ["neighbourhood", "family"],
            "what_mattered": triad(2, 1, 7),
            "who_decided": slider(5),
            "life_went_on": slider(5),
            "age_category": "12-18",
            "living_situation": "home",
            "when": "years",
        },
    ),
    DemoStory(
        GENERAL,
        26,
        "Niet meer op het schoolplein",
        "Een meisje uit groep 7 werd om beurten door haar vader en haar moeder van school gehaald, en bij "
        "elke overdracht op het plein was er ruzie. Ze kwam daarna huilend de klas in. Als school hebben "
        "we gezegd: de overdracht doen jullie niet meer hier. Dat voelde streng, maar het meisje vertelde "
        "later dat ze er blij mee was.",
        {
            "prompt": "safe",
            "feeling": "mixed",
            "helpers": ["school", "family"],
            "what_mattered": triad(4, 3, 3),
            "who_decided": slider(3),
            "life_went_on": slider(3),
            "perspective": "professional",
            "professional_field": "education",
            "age_category": "0-12",
            "living_situation": "home",
            "when": "months",
            "organisation_type": "school",
        },
    ),
    DemoStory(
        JEUGDTEAM_YOUTH,
        78,
        "Gesprekken van twee minuten",
        "Sinds de scheiding woont mijn vader in een andere stad en ik zie hem bijna nooit. hij belt op "
        "zondag, maar dan weet ik niet wat ik moet zeggen. gesprekken van 2 minuten. ik mis hem wel",
        {
            "prompt": "other",
            "feeling": "bad",
            "helpers": ["family"],
            "what_mattered": triad(7, 1, 2),
            "who_decided": slider(1),
            "life_went_on": slider(4),
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        JEUGDTEAM_PARENTS,
        15,
        "Geen gezag, wel de was",
        "Als stiefmoeder sta ik er een beetje buiten. De kinderen van mijn partner zijn sinds de "
        "scheiding om het weekend bij ons. De oudste, van dertien, praat niet tegen me. Voor de "
        "gesprekken met het jeugdteam word ik niet uitgenodigd, omdat ik 'geen gezag' heb. Maar ik ben "
        "wel degene die hem elke vrijdag ophaalt en zijn was doet.",
        {
            "prompt": "not_helped",
            "feeling": "mixed",
            "helpers": ["family", "neighbourhood"],
            "what_mattered": triad(7, 1, 2),
            "who_decided": slider(1),
            "life_went_on": slider(4),
            "age_category": "12-18",
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        JEUGDTEAM_STAFF,
        69,
        "Hij beschermde zijn moeder",
        "Huiselijk geweld achter de voordeur, ruzie tussen vader en moeder, en een jongen van veertien "
        "die zijn moeder beschermt. Hij had die rol nooit moeten hebben.",
        {
            "prompt": "safe",
            "feeling": "very_bad",
            "helpers": ["family", "neighbourhood", "other"],
            "what_mattered": triad(3, 6, 1),
            "who_decided": slider(1),
            "life_went_on": slider(1),
            "professional_field": "neighbourhood",
            "age_category": "12-18",
            "living_situation": "home",
            "when": "weeks",
        },
    ),
    DemoStory(
        GENERAL,
        89,
        "In de kappersstoel",
        "Ik ben kapper. Een jongen van twaalf zit al jaren bij mij in de stoel. Sinds zijn ouders uit "
        "elkaar zijn, komt hij om de beurt met zijn moeder en met zijn vader. Laatst zei hij, terwijl ik "
        "zijn haar knipte: jij bent de enige die ze allebei nog zien. Als hij alleen komt, knip ik hem nu "
        "gratis. Meer kan ik niet doen.",
        {
            "prompt": "other",
            "feeling": "mixed",
            "helpers": ["other"],
            "what_mattered": triad(7, 1, 2),
            "who_decided": slider(3),
            "life_went_on": slider(4),
            "perspective": "other",
            "age_category": "12-18",
            "living_situation": "home",
            "when": "weeks",
            "organisation_type": "none",
        },
    ),
    DemoStory(
        JEUGDTEAM_PARENTS,
        58,
        "Weer in bed plassen",
        "Omgangsregeling via de rechter na de scheiding. Elke overdracht is een drama, met ruzie bij de "
        "deur. Onze zoon van zes plast weer in bed.",
        {
            "prompt": "safe",
            "feeling": "very_bad",
            "helpers": ["family"],
            "what_mattered": triad(4, 4, 2),
            "who_decided": slider(0),
            "life_went_on": slider(1),
            "age_category": "0-12",
            "living_situation": "home",
            "when": "months",
        },
    ),
]

# Cooperation between organisations; bureaucracy and forms.
COOPERATION: list[DemoStory] = [
    DemoStory(
        JEUGDTEAM_STAFF,
        9,
        "Samen met de school aan tafel",
        "Een leerling dreigde thuis te moeten vertrekken. We hebben met de ouders, de school en de "
        "huisarts één plan gemaakt. Niemand hoefde te wachten op een ander loket. Het meisje woont nog "
        "thuis en gaat weer elke dag naar school.",
        {
            "prompt": "ordinary_life",
            "feeling": "very_good",
            "helpers": ["family", "school", "care"],
            "professional_field": "care",
            "what_mattered": {"listened": 0.2, "quick": 0.3, "together": 0.5},
            "age_category": "12-18",
            "when": "months",
            "living_situation": "home",
            "life_went_on": 0.8333,
        },
    ),
    DemoStory(
        GENERAL,
        82,
        "Samen de gang over",
        "Als zorgcoördinator op een middelbare school heb ik elke week overleg met het jeugdteam. Sinds "
        "de jeugdteammedewerker op dinsdag gewoon in de school zit, lopen leerlingen zelf bij haar "
        "binnen. Vroeger moesten we een formulier invullen en dan duurde het weken. Nu lopen we samen de "
        "gang over.",
        {
            "prompt": "helped",
            "feeling": "good",
            "helpers": ["school", "neighbourhood"],
            "what_mattered": triad(2, 4, 4),
            "who_decided": slider(4),
            "life_went_on": slider(4),
            "perspective": "professional",
            "professional_field": "education",
            "age_category": "12-18",
            "living_situation": "home",
            "when": "months",
            "organisation_type": "school",
            "organisation": "Scholengemeenschap De Horizon",
        },
    ),
    DemoStory(
        JEUGDTEAM_PARENTS,
        113,
        "Alsof hij ineens beter kan worden",
        "Mijn zoon heeft een verstandelijke beperking en heeft begeleiding nodig. Elk jaar moet ik "
        "opnieuw een aanvraag doen bij de gemeente, alsof hij ineens beter geworden kan zijn. Dat "
        "betekent: formulieren, een gesprek met een consulent, een verslag, en wachten op de beschikking. "
        "Vorig jaar kwam de beschikking te laat, dus de begeleiding stopte drie weken. In die drie weken "
        "was mijn zoon totaal ontregeld, want voor hem is vaste structuur alles. Ik heb toen de gemeente, "
        "de zorgaanbieder en het jeugdteam gebeld. Alle drie zeiden ze dat het aan een ander lag. "
        "Uiteindelijk heeft een medewerker van het jeugdteam het rechtgezet, met één telefoontje naar de "
        "juiste persoon. Dit jaar heb ik een beschikking voor drie jaar gekregen. Dat scheelt zo veel "
        "stress. Waarom kon dat niet meteen?",
        {
            "prompt": "not_helped",
            "feeling": "bad",
            "helpers": ["neighbourhood", "care"],
            "what_mattered": triad(3, 4, 3),
            "who_decided": slider(1),
            "life_went_on": slider(1),
            "age_category": "0-12",
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        JEUGDTEAM_STAFF,
        2,
        "Negen professionals",
        "Vorige week hadden we een overleg met negen professionals van zes organisaties over één gezin. "
        "Het gezin zelf zat er niet bij.",
        {
            "prompt": "other",
            "feeling": "bad",
            "helpers": ["neighbourhood", "care", "school"],
            "what_mattered": triad(4, 1, 5),
            "who_decided": slider(1),
            "life_went_on": slider(3),
            "professional_field": "neighbourhood",
            "age_category": "12-18",
            "when": "days",
        },
    ),
    DemoStory(
        GENERAL,
        53,
        "Ontvangen, dit is de contactpersoon",
        "Als huisarts verwijs ik kinderen door naar het jeugdteam of de jeugd-ggz. Daarna hoor ik vaak "
        "niks meer: er gaat een formulier heen en er komt niks terug. Dan komt een moeder maanden later "
        "bij mij vragen hoe het zit met de behandeling, en ik weet van niks. Eén jeugdteam stuurt me nu "
        "na elke verwijzing een kort berichtje: ontvangen, dit is de contactpersoon. Meer hoeft niet.",
        {
            "prompt": "other",
            "feeling": "mixed",
            "helpers": ["care", "neighbourhood"],
            "what_mattered": triad(2, 3, 5),
            "who_decided": slider(3),
            "life_went_on": slider(4),
            "perspective": "professional",
            "professional_field": "care",
            "age_category": "unknown",
            "when": "months",
            "organisation_type": "health",
        },
    ),
    DemoStory(
        FOSTER_CARE,
        74,
        "Handtekening te laat",
        "Voor een schoolreisje van ons pleegkind hadden we toestemming nodig van de voogd, want wij "
        "hebben geen gezag. De voogd was op vakantie. De vervanger kende ons pleegkind niet en wilde "
        "eerst het dossier lezen. Het schoolreisje was al voorbij toen de handtekening kwam. Drie "
        "organisaties en een formulier, voor één handtekening.",
        {
            "prompt": "not_helped",
            "feeling": "bad",
            "helpers": ["care", "school"],
            "what_mattered": triad(2, 7, 1),
            "who_decided": slider(0),
            "life_went_on": slider(3),
            "perspective": "parent",
            "age_category": "0-12",
            "living_situation": "foster_family",
            "when": "months",
        },
    ),
    DemoStory(
        JEUGDTEAM_YOUTH,
        95,
        "Woorden die ik niet snapte",
        "Ik moest een formulier invullen over mijn eigen problemen. Er stonden woorden in die ik niet "
        "eens snapte.",
        {
            "prompt": "not_helped",
            "feeling": "bad",
            "helpers": ["care"],
            "what_mattered": triad(6, 1, 3),
            "who_decided": slider(2),
            "life_went_on": slider(4),
            "living_situation": "home",
            "when": "weeks",
        },
    ),
    DemoStory(
        JEUGDTEAM_STAFF,
        63,
        "Eén regisseur",
        "In ons deel van de gemeente hebben we met de huisartsen, de scholen en het wijkteam afgesproken "
        "dat er per gezin één regisseur is. Die regelt het, de rest volgt. In het begin werd er "
        "gemopperd: wie ben jij om mij te vertellen wat ik moet doen? Na een jaar zeggen ouders dat ze "
        "weten wie ze moeten bellen. En wij hebben minder overleg, niet meer.",
        {
            "prompt": "helped",
            "feeling": "good",
            "helpers": ["neighbourhood", "school", "care"],
            "what_mattered": triad(2, 3, 5),
            "who_decided": slider(4),
            "life_went_on": slider(4),
            "professional_field": "neighbourhood",
            "age_category": "0-12",
            "living_situation": "home",
            "when": "years",
        },
    ),
    DemoStory(
        JEUGDTEAM_PARENTS,
        19,
        "Van het kastje naar de muur",
        "Ik werd drie keer doorverwezen. Het wijkteam zei dat het iets voor de ggz was, de ggz zei dat "
        "het iets voor het wijkteam was, en de gemeente zei dat ik een nieuwe aanvraag moest doen. "
        "Ondertussen lag mijn zoon al maanden op de bank.",
        {
            "prompt": "not_helped",
            "feeling": "very_bad",
            "helpers": ["neighbourhood", "care"],
            "what_mattered": triad(2, 6, 2),
            "who_decided": slider(0),
            "life_went_on": slider(0),
            "age_category": "12-18",
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        GENERAL,
        44,
        "Niet op school graag",
        "Bij het gesprek over mijn hulp zaten iemand van de gemeente, iemand van school en iemand van de "
        "jeugdhulp. Ze hadden van tevoren samen al een voorstel gemaakt, maar ze vroegen wat ik ervan "
        "vond en ik mocht dingen veranderen. Dat heb ik gedaan: ik wilde geen hulp op school, want dan "
        "ziet iedereen het. Nu is het buiten school.",
        {
            "prompt": "helped",
            "feeling": "good",
            "helpers": ["school", "neighbourhood", "care"],
            "what_mattered": triad(5, 1, 4),
            "who_decided": slider(5),
            "life_went_on": slider(4),
            "perspective": "youth",
            "age_category": "12-18",
            "living_situation": "home",
            "when": "weeks",
            "organisation_type": "municipality",
        },
    ),
    DemoStory(
        GENERAL,
        107,
        "Van zorgmelding naar overleg",
        "Vanuit de politie zitten we nu elke maand met het wijkteam en het jongerenwerk om tafel over "
        "jongeren die bij ons in beeld komen. Vroeger schreven we een zorgmelding en hoorden we er nooit "
        "meer iets van. Nu weten we wie wat doet. Voor een jongen die steeds scooters jatte hebben we zo "
        "in een paar weken samen iets geregeld: een bijbaan bij een fietsenmaker en een jongerenwerker "
        "die hem volgt. Hij is sindsdien niet meer met ons in aanraking gekomen.",
        {
            "prompt": "helped",
            "feeling": "good",
            "helpers": ["neighbourhood", "other"],
            "what_mattered": triad(1, 3, 6),
            "who_decided": slider(4),
            "life_went_on": slider(4),
            "perspective": "professional",
            "professional_field": "police",
            "age_category": "12-18",
            "living_situation": "home",
            "when": "months",
            "organisation_type": "police",
        },
    ),
    DemoStory(
        FAMILY_HOME,
        17,
        "Moet de gemeente dat ook zeggen?",
        "Voor elke kleinigheid hebben wij toestemming nodig van drie partijen: de gemeente die betaalt, "
        "de jeugdbescherming, en onze eigen organisatie. Naar de kapper, zwemles, een logeerpartijtje. De "
        "kinderen merken dat. Een meisje vroeg laatst: moet de gemeente ook zeggen of ik een ijsje mag?",
        {
            "prompt": "other",
            "feeling": "mixed",
            "helpers": ["care", "neighbourhood"],
            "what_mattered": triad(2, 6, 2),
            "who_decided": slider(1),
            "life_went_on": slider(3),
            "perspective": "professional",
            "professional_field": "care",
            "living_situation": "family_home",
            "when": "weeks",
        },
    ),
    DemoStory(
        JEUGDTEAM_PARENTS,
        8,
        "Iedereen wist hetzelfde",
        "De school, het wijkteam en de fysiotherapeut werkten eindelijk samen, met een appgroep met mij "
        "erin. Voor het eerst wist iedereen hetzelfde.",
        {
            "prompt": "helped",
            "feeling": "very_good",
            "helpers": ["school", "neighbourhood", "care"],
            "what_mattered": triad(2, 2, 6),
            "who_decided": slider(5),
            "life_went_on": slider(5),
            "age_category": "0-12",
            "living_situation": "home",
            "when": "weeks",
        },
    ),
    DemoStory(
        GENERAL,
        67,
        "Als het je eigen kind was",
        "Als ervaringsdeskundige schuif ik aan bij overleggen over jongeren. Ik ben zelf opgegroeid in de "
        "jeugdzorg. Ik zie nog steeds dat professionals heel hard werken, maar vooral voor hun eigen "
        "organisatie. Iedereen heeft een eigen systeem, eigen formulieren, eigen regels over privacy. De "
        "jongere moet zich aanpassen aan al die systemen, in plaats van andersom. Soms zeg ik in zo'n "
        "overleg gewoon: wat zou je doen als dit je eigen kind was? Dan wordt het even stil.",
        {
            "prompt": "other",
            "feeling": "mixed",
            "helpers": ["care", "neighbourhood", "other"],
            "what_mattered": triad(4, 1, 5),
            "who_decided": slider(3),
            "life_went_on": slider(3),
            "perspective": "other",
            "age_category": "12-18",
            "when": "months",
            "organisation_type": "youth_care",
        },
    ),
    DemoStory(
        GENERAL,
        35,
        "Een vertrouwd gezicht mee",
        "Als diaken van onze kerk help ik gezinnen met kleine noodhulp. Veel gezinnen durven de weg naar "
        "de gemeente niet te vinden, uit angst dat 'ze je kinderen afpakken'. Ik ga nu soms mee naar het "
        "eerste gesprek bij het wijkteam, als vertrouwd gezicht. Dan durven ze wel.",
        {
            "prompt": "helped",
            "feeling": "good",
            "helpers": ["other", "neighbourhood", "family"],
            "what_mattered": triad(4, 1, 5),
            "who_decided": slider(4),
            "life_went_on": slider(4),
            "perspective": "other",
            "age_category": "0-12",
            "living_situation": "home",
            "when": "months",
            "organisation_type": "neighbourhood_team",
        },
    ),
]

# Sport, hobbies and friends that helped.
SPORT_FRIENDS: list[DemoStory] = [
    DemoStory(
        FOSTER_CARE,
        12,
        "Weer mijn eigen voetbalclub",
        "Toen ik naar mijn pleeggezin verhuisde, moest ik ook van club wisselen. Dat vond ik het ergste. "
        "Mijn pleegvader rijdt me nu elke zaterdag naar mijn oude club. Dat maakt echt verschil, want "
        "daar zitten mijn vrienden.",
        {
            "prompt": "ordinary_life",
            "perspective": "youth",
            "feeling": "good",
            "helpers": ["family", "friends"],
            "who_decided": 0.6667,
            "age_category": "12-18",
            "living_situation": "foster_family",
            "when": "weeks",
            "life_went_on": 0.6667,
        },
    ),
    DemoStory(
        JEUGDTEAM_YOUTH,
        52,
        "Vijftig push-ups",
        "Bij de boksschool in de wijk mag ik gratis trainen. De trainer is streng, als je te laat bent "
        "moet je 50 push-ups doen. Maar hij vraagt ook altijd hoe het op school gaat. Daar kan ik mijn "
        "energie kwijt en thuis ben ik minder boos. Ik heb er ook vrienden gemaakt.",
        {
            "prompt": "ordinary_life",
            "feeling": "very_good",
            "helpers": ["other", "friends"],
            "what_mattered": triad(3, 1, 6),
            "who_decided": slider(5),
            "life_went_on": slider(6),
            "living_situation": "home",
            "when": "weeks",
        },
    ),
    DemoStory(
        GENERAL,
        90,
        "Het enige wat hetzelfde bleef",
        "Ik ben vrijwilliger en train de onder-15 van onze voetbalclub. Een jongen uit mijn team kwam "
        "ineens niet meer. Na een paar weken hoorde ik dat hij in een pleeggezin woonde, aan de andere "
        "kant van de stad. Ik heb de pleegouders gebeld en nu neem ik hem elke training mee in de auto, "
        "samen met een ander jochie dat daar in de buurt woont. Het team is voor hem misschien het enige "
        "wat hetzelfde is gebleven.",
        {
            "prompt": "ordinary_life",
            "feeling": "good",
            "helpers": ["other", "friends"],
            "what_mattered": triad(2, 2, 6),
            "who_decided": slider(4),
            "life_went_on": slider(4),
            "perspective": "other",
            "age_category": "12-18",
            "living_situation": "foster_family",
            "when": "months",
            "organisation_type": "other",
        },
    ),
    DemoStory(
        SCHOOL_PUPILS,
        46,
        "De schoolband",
        "Sinds ik in de schoolband zit heb ik eindelijk vrienden. We oefenen elke woensdag na school.",
        {
            "prompt": "ordinary_life",
            "feeling": "very_good",
            "helpers": ["friends", "school"],
            "what_mattered": triad(2, 1, 7),
            "who_decided": slider(6),
            "life_went_on": slider(6),
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        JEUGDTEAM_PARENTS,
        6,
        "Medaille in bed",
        "Onze zoon is erg onzeker en werd gepest. Hij wilde nergens op. Via het wijkteam kwam hij in een "
        "klein zwemgroepje voor kinderen die het water spannend vinden. Hij heeft er een vriendje "
        "gemaakt, ze zwemmen nu samen op zaterdag. Vorige week heeft hij zijn A-diploma gehaald. Hij "
        "heeft de medaille nu elke dag om, ook in bed.",
        {
            "prompt": "ordinary_life",
            "feeling": "very_good",
            "helpers": ["neighbourhood", "family"],
            "what_mattered": triad(3, 1, 6),
            "who_decided": slider(4),
            "life_went_on": slider(5),
            "age_category": "0-12",
            "living_situation": "home",
            "when": "days",
        },
    ),
    DemoStory(
        FOSTER_CARE,
        97,
        "Vrijdagavond gamen",
        "Ik woon in een pleeggezin ver weg van mijn oude stad. Mijn vrienden van vroeger zie ik niet "
        "meer, maar elke vrijdagavond gamen we online samen. Mijn pleegouders vonden dat eerst niks, te "
        "veel schermtijd. Toen ik uitlegde dat dat mijn vrienden zijn, mocht het op vrijdag tot twaalf "
        "uur.",
        {
            "prompt": "ordinary_life",
            "feeling": "good",
            "helpers": ["friends", "family"],
            "what_mattered": triad(6, 1, 3),
            "who_decided": slider(5),
            "life_went_on": slider(5),
            "perspective": "youth",
            "age_category": "12-18",
            "living_situation": "foster_family",
            "when": "weeks",
        },
    ),
    DemoStory(
        JEUGDTEAM_STAFF,
        57,
        "Foto's te paard",
        "We hebben dit jaar bij een paar jongeren sport 'voorgeschreven' in plaats van nog een gesprek. "
        "Een meisje dat nergens zin in had, rijdt nu drie keer per week paard bij een manege die met ons "
        "samenwerkt. Ik krijg van haar moeder foto's van haar te paard, lachend. Dat kan ik in geen enkel "
        "rapport kwijt, maar het is wel het beste resultaat van dit jaar.",
        {
            "prompt": "helped",
            "feeling": "very_good",
            "helpers": ["neighbourhood", "other", "family"],
            "what_mattered": triad(3, 1, 6),
            "who_decided": slider(5),
            "life_went_on": slider(5),
            "professional_field": "neighbourhood",
            "age_category": "12-18",
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        JEUGDTEAM_YOUTH,
        105,
        "Hulp of voetbal",
        "ik moest stoppen met voetbal omdat de hulpverlening op woensdagmiddag is en dan is ook training. "
        "ik kon niet kiezen dus het werd de hulp",
        {
            "prompt": "ordinary_life",
            "feeling": "bad",
            "helpers": ["care"],
            "what_mattered": triad(6, 1, 3),
            "who_decided": slider(0),
            "life_went_on": slider(2),
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        GENERAL,
        13,
        "Tekenles",
        "Ik zit op tekenles. Daar mag ik alles tekenen wat ik wil. Ik teken vaak ons oude huis.",
        {
            "prompt": "ordinary_life",
            "feeling": "good",
            "helpers": ["other"],
            "what_mattered": triad(5, 1, 4),
            "who_decided": slider(5),
            "life_went_on": slider(4),
            "perspective": "youth",
            "age_category": "0-12",
            "living_situation": "home",
            "when": "weeks",
            "organisation_type": "other",
        },
    ),
    DemoStory(
        JEUGDTEAM_PARENTS,
        75,
        "Eén vriendin bleef",
        "Toen mijn dochter depressief was, verdwenen bijna al haar vriendinnen. Eén bleef. Ze kwam elke "
        "week langs, ook als mijn dochter niet eens uit bed wilde. Dan ging ze gewoon naast haar liggen "
        "met een serie. Die vriendin heeft meer gedaan dan drie hulpverleners bij elkaar, en dat meen ik.",
        {
            "prompt": "helped",
            "feeling": "good",
            "helpers": ["friends"],
            "what_mattered": triad(4, 1, 5),
            "who_decided": slider(4),
            "life_went_on": slider(3),
            "age_category": "12-18",
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        FAMILY_HOME,
        3,
        "De gele band",
        "Ik zit op judo met mijn vriend uit de klas. Ik heb nu de gele band. Iedereen van ons huis kwam "
        "kijken bij mijn examen.",
        {
            "prompt": "ordinary_life",
            "feeling": "very_good",
            "helpers": ["care", "friends"],
            "what_mattered": triad(3, 1, 6),
            "who_decided": slider(5),
            "life_went_on": slider(6),
            "perspective": "youth",
            "living_situation": "family_home",
            "when": "days",
        },
    ),
    DemoStory(
        GENERAL,
        28,
        "Een pooltafel en chips",
        "Als jongerenwerker zie ik elke avond jongeren die bij ons komen omdat er thuis geen plek is, "
        "letterlijk of figuurlijk. We hebben een pooltafel, een voetbalkooi, een kleine studio en chips. "
        "De meesten komen voor hun vrienden. Het klinkt niet als hulpverlening. Maar voor sommigen is dit "
        "de enige plek waar een volwassene ze gewoon ziet, zonder dat er een doel aan hangt. Onze "
        "subsidie wordt volgend jaar gehalveerd.",
        {
            "prompt": "ordinary_life",
            "feeling": "mixed",
            "helpers": ["friends", "other"],
            "what_mattered": triad(5, 1, 4),
            "who_decided": slider(5),
            "life_went_on": slider(4),
            "perspective": "professional",
            "professional_field": "neighbourhood",
            "age_category": "12-18",
            "when": "weeks",
            "organisation_type": "other",
        },
    ),
    DemoStory(
        SCHOOL_PUPILS,
        109,
        "Gewoon blijven komen",
        "Ik dans hiphop sinds ik elf ben. Het is het enige moment waarop ik niet nadenk, en mijn beste "
        "vriendinnen zitten er ook. Vorig jaar konden we het even niet betalen, toen zei mijn danslerares "
        "dat ik gewoon mocht blijven komen. Ze heeft er nooit meer iets over gezegd.",
        {
            "prompt": "ordinary_life",
            "feeling": "very_good",
            "helpers": ["other"],
            "what_mattered": triad(4, 1, 5),
            "who_decided": slider(5),
            "life_went_on": slider(6),
            "living_situation": "home",
            "when": "years",
        },
    ),
    DemoStory(
        FOSTER_CARE,
        4,
        "De eerste logeerpartij",
        "Ons pleegkind mocht lange tijd niet logeren bij vriendjes, omdat de ouders van die vriendjes "
        "eerst 'gescreend' moesten worden. Dat is inmiddels veranderd: als pleegouders mogen we dat nu "
        "zelf beslissen, net als gewone ouders. Afgelopen weekend was zijn eerste logeerpartij. Hij had "
        "zijn tas al drie dagen van tevoren ingepakt.",
        {
            "prompt": "ordinary_life",
            "feeling": "very_good",
            "helpers": ["family", "friends", "care"],
            "what_mattered": triad(2, 1, 7),
            "who_decided": slider(5),
            "life_went_on": slider(6),
            "perspective": "parent",
            "age_category": "0-12",
            "living_situation": "foster_family",
            "when": "days",
        },
    ),
    DemoStory(
        JEUGDTEAM_YOUTH,
        71,
        "Meegegaan naar het gesprek",
        "mijn vrienden wisten als eerste dat het thuis niet goed ging. zij hebben me overgehaald om het "
        "tegen de mentor te zeggen. een van hen is zelfs meegegaan naar het gesprek",
        {
            "prompt": "helped",
            "feeling": "good",
            "helpers": ["friends", "school"],
            "what_mattered": triad(5, 1, 4),
            "who_decided": slider(4),
            "life_went_on": slider(4),
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        GENERAL,
        42,
        "Spelen op het buurtfeest",
        "Ik geef als vrijwilliger gitaarles in het buurthuis, gratis. Een jongen van dertien kwam de "
        "eerste keer met zijn capuchon op en zei geen woord. Nu, een jaar later, heeft hij op het "
        "buurtfeest gespeeld voor honderd mensen. Zijn moeder stond vooraan te filmen en te huilen.",
        {
            "prompt": "ordinary_life",
            "feeling": "very_good",
            "helpers": ["other", "family"],
            "what_mattered": triad(3, 1, 6),
            "who_decided": slider(5),
            "life_went_on": slider(5),
            "perspective": "other",
            "age_category": "12-18",
            "living_situation": "home",
            "when": "months",
            "organisation_type": "other",
        },
    ),
]

# Online bullying and social media.
ONLINE: list[DemoStory] = [
    DemoStory(
        SCHOOL_PUPILS,
        37,
        "Een nepaccount",
        "Iemand had een nepaccount van mij gemaakt met foto's van mij en daar rare dingen bij gezet. Half "
        "de school volgde het. Ik wist niet wie het was. Ik durfde het eerst niet thuis te vertellen. "
        "Mijn beste vriendin heeft het gemeld bij de mentor, en school heeft contact gezocht met de "
        "politie. Het account is weg, maar ik kijk op de gang nog steeds of mensen naar me kijken.",
        {
            "prompt": "safe",
            "feeling": "bad",
            "helpers": ["friends", "school", "other"],
            "what_mattered": triad(4, 5, 1),
            "who_decided": slider(1),
            "life_went_on": slider(2),
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        JEUGDTEAM_YOUTH,
        14,
        "Klassenapp verwijderd",
        "In de klassenapp werden screenshots van mij gedeeld. Ik heb de app verwijderd en nu weet ik "
        "nooit wanneer we wat huiswerk hebben.",
        {
            "prompt": "school",
            "feeling": "bad",
            "helpers": ["nobody"],
            "what_mattered": triad(6, 3, 1),
            "who_decided": slider(2),
            "life_went_on": slider(3),
            "living_situation": "home",
            "when": "weeks",
        },
    ),
    DemoStory(
        JEUGDTEAM_PARENTS,
        24,
        "Buitengesloten in de groepsapp",
        "Mijn dochter kreeg op haar negende een telefoon omdat 'iedereen er een heeft'. Binnen een maand "
        "zat ze in een groepsapp waarin ze werd buitengesloten. Ze kwam huilend thuis maar wilde niet "
        "zeggen waarom. Ik vond de berichten pas later. Juf Noor heeft het met de hele klas besproken, "
        "zonder namen te noemen. De groepsapp is opgeheven en er is nu een klassenregel: geen groepsapp "
        "zonder de juf erin.",
        {
            "prompt": "safe",
            "feeling": "mixed",
            "helpers": ["school", "family"],
            "what_mattered": triad(4, 4, 2),
            "who_decided": slider(3),
            "life_went_on": slider(3),
            "age_category": "0-12",
            "living_situation": "home",
            "when": "weeks",
        },
    ),
    DemoStory(
        GENERAL,
        79,
        "Een zestienjarige vertelt het beter",
        "Na elke vakantie hetzelfde: ruzie die online is begonnen, komt op maandag de school in. Wij "
        "krijgen het probleem op ons bord zonder te weten wat er gebeurd is. We laten nu leerlingen uit "
        "de bovenbouw in de brugklas vertellen hoe je omgaat met groepsapps en filmpjes. Brugklassers "
        "luisteren beter naar een zestienjarige dan naar mij.",
        {
            "prompt": "school",
            "feeling": "mixed",
            "helpers": ["school", "friends"],
            "what_mattered": triad(3, 2, 5),
            "who_decided": slider(4),
            "life_went_on": slider(4),
            "perspective": "professional",
            "professional_field": "education",
            "age_category": "12-18",
            "when": "months",
            "organisation_type": "school",
        },
    ),
    DemoStory(
        JEUGDTEAM_YOUTH,
        99,
        "Niet mijn schuld",
        "Ik had een foto gestuurd naar een jongen die ik leuk vond. Ik vertrouwde hem. Twee weken later "
        "had de halve school hem. Ik wilde echt niet meer leven, eerlijk. Ik ben drie dagen niet naar "
        "school gegaan en heb mijn telefoon uitgezet. Mijn moeder merkte dat er iets was en liet me niet "
        "met rust tot ik het vertelde. Ze was niet boos, wat ik wel had verwacht. Ze heeft meteen de "
        "mentor gebeld en we zijn samen naar de politie gegaan om aangifte te doen. De agent zei dat ik "
        "niks fout had gedaan, dat hij degene was die strafbaar was. Zo had ik het nog niet bekeken. Die "
        "jongen heeft een taakstraf gekregen. Ik ga nu naar een psycholoog, want ik schaam me nog steeds. "
        "Ik vertel dit omdat ik wil dat andere meiden weten dat het niet hun schuld is.",
        {
            "prompt": "safe",
            "feeling": "very_bad",
            "helpers": ["family", "school", "other", "care"],
            "what_mattered": triad(6, 3, 1),
            "who_decided": slider(2),
            "life_went_on": slider(0),
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        GENERAL,
        55,
        "Moderator zonder handleiding",
        "Ik ben vrijwillig moderator van een online gameserver waar veel tieners op zitten. Soms komen er "
        "berichten voorbij van kinderen die schrijven dat ze zichzelf iets willen aandoen. Ik weet dan "
        "niet goed wat ik moet doen: ik ken hun echte naam niet, ik weet niet waar ze wonen. Ik heb zelf "
        "een cursus gezocht over hoe je zulke gesprekken voert. Er zou een plek moeten zijn waar mensen "
        "zoals ik terecht kunnen.",
        {
            "prompt": "other",
            "feeling": "bad",
            "helpers": ["other"],
            "what_mattered": triad(5, 4, 1),
            "who_decided": slider(2),
            "life_went_on": slider(3),
            "perspective": "other",
            "age_category": "12-18",
            "living_situation": "unknown",
            "when": "months",
            "organisation_type": "other",
        },
    ),
    DemoStory(
        SCHOOL_PUPILS,
        86,
        "Telefoonvrije pauze",
        "Bij ons op school mag je je telefoon niet meer gebruiken in de pauze. Eerst vond ik het echt "
        "stom, maar nu praten we tenminste weer met elkaar. En er worden minder filmpjes gemaakt als er "
        "ruzie is.",
        {
            "prompt": "school",
            "feeling": "good",
            "helpers": ["school", "friends"],
            "what_mattered": triad(3, 2, 5),
            "who_decided": slider(1),
            "life_went_on": slider(5),
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        JEUGDTEAM_STAFF,
        11,
        "Bang dat zijn moeder boos zou zijn",
        "Een jongen van vijftien werd online afgeperst met een filmpje. Hij had al drie keer betaald, met "
        "geld van zijn moeder, voordat hij het durfde te vertellen. Via school kwam hij bij mij. Samen "
        "met de wijkagent hebben we hem geholpen met aangifte en met het verwijderen van het account. Wat "
        "me opviel: hij was vooral bang dat zijn moeder boos zou zijn over het geld.",
        {
            "prompt": "safe",
            "feeling": "bad",
            "helpers": ["school", "neighbourhood", "other", "family"],
            "what_mattered": triad(3, 6, 1),
            "who_decided": slider(3),
            "life_went_on": slider(2),
            "professional_field": "neighbourhood",
            "age_category": "12-18",
            "living_situation": "home",
            "when": "weeks",
        },
    ),
    DemoStory(
        JEUGDTEAM_PARENTS,
        48,
        "Een folder",
        "Mijn zoon zit elke nacht tot drie uur op zijn telefoon. Filmpjes, filmpjes, filmpjes. 's "
        "Ochtends komt hij zijn bed niet uit. Als ik de telefoon afpak wordt hij woedend. Ik heb het "
        "jeugdteam om advies gevraagd en kreeg een folder over mediaopvoeding. Een folder. Ik wilde "
        "gewoon iemand die met ons aan tafel ging zitten.",
        {
            "prompt": "not_helped",
            "feeling": "bad",
            "helpers": ["neighbourhood", "family"],
            "what_mattered": triad(6, 2, 2),
            "who_decided": slider(2),
            "life_went_on": slider(2),
            "age_category": "12-18",
            "living_situation": "home",
            "when": "weeks",
        },
    ),
    DemoStory(
        FAMILY_HOME,
        66,
        "Gemene dingen op de tablet",
        "In een app op de tablet zeiden kinderen van mijn oude school gemene dingen over mij. Ik heb het "
        "hier in huis verteld. Nu mag ik alleen nog spelletjes doen met kinderen die ik echt ken.",
        {
            "prompt": "safe",
            "feeling": "mixed",
            "helpers": ["care"],
            "what_mattered": triad(5, 3, 2),
            "who_decided": slider(2),
            "life_went_on": slider(4),
            "perspective": "youth",
            "living_situation": "family_home",
            "when": "weeks",
        },
    ),
    DemoStory(
        JEUGDTEAM_YOUTH,
        120,
        "Mensen die het snappen",
        "Online vond ik een groep met andere jongeren die ook een ouder met een verslaving hebben. Voor "
        "het eerst praatte ik met mensen die het snappen. We appen bijna elke dag.",
        {
            "prompt": "helped",
            "feeling": "good",
            "helpers": ["friends", "other"],
            "what_mattered": triad(7, 1, 2),
            "who_decided": slider(5),
            "life_went_on": slider(4),
            "living_situation": "home",
            "when": "months",
        },
    ),
    DemoStory(
        GENERAL,
        16,
        "Buiten schooltijd",
        "Ik heb bij school gemeld dat mijn dochter online werd gepest door klasgenoten. Het antwoord was "
        "dat het buiten schooltijd gebeurde en dus niet hun verantwoordelijkheid was. Maar de kinderen "
        "zitten de volgende dag wel weer naast elkaar in de klas.",
        {
            "prompt": "not_helped",
            "feeling": "bad",
            "helpers": ["school"],
            "what_mattered": triad(5, 4, 1),
            "who_decided": slider(1),
            "life_went_on": slider(2),
            "perspective": "parent",
            "age_category": "12-18",
            "living_situation": "home",
            "when": "weeks",
            "organisation_type": "school",
        },
    ),
    DemoStory(
        GENERAL,
        39,
        "Erger dan de klappen",
        "Ik ben beveiliger in het winkelcentrum. Als er ruzie is tussen jongeren, staan er binnen een "
        "minuut tien telefoons omhoog om te filmen. Een jongen die in elkaar geslagen werd, zei tegen me "
        "dat het filmpje erger was dan de klappen. Dat filmpje gaat nooit meer weg, zei hij. Ik heb die "
        "dag iedereen weggestuurd en hem naar huis gebracht.",
        {
            "prompt": "safe",
            "feeling": "bad",
            "helpers": ["other"],
            "what_mattered": triad(5, 4, 1),
            "who_decided": slider(3),
            "life_went_on": slider(2),
            "perspective": "other",
            "age_category": "12-18",
            "living_situation": "unknown",
            "when": "weeks",
            "organisation_type": "none",
        },
    ),
]

# Stories by what they are mainly about (for checking theme discovery on the demo data).
STORIES_BY_SUBJECT: dict[str, list[DemoStory]] = {
    "waiting": WAITING,
    "heard": HEARD,
    "school": SCHOOL,
    "case_workers": CASE_WORKERS,
    "placement": PLACEMENT,
    "mental_health": MENTAL_HEALTH,
    "money": MONEY,
    "divorce": DIVORCE,
    "cooperation": COOPERATION,
    "sport_friends": SPORT_FRIENDS,
    "online": ONLINE,
}

STORIES: list[DemoStory] = [story for stories in STORIES_BY_SUBJECT.values() for story in stories]
