"""Demo content of the official board: a board at /uredni-deska/ with notices of three years.

``build_demo(municipality)`` is idempotent: the board is found by its slug, notice types by
their slug and notices by theirs (which do not depend on the day the demo is built), so a
second run changes nothing. The content is generated from the town's kind (obec, město,
městská část) with a random generator seeded by the town's IČO, so every town gets its own,
always the same, board.
"""

import datetime
import hashlib
import random
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model

from radnice.people.models import Person

from .archiving import archive_notices
from .models import (
    NoticeAttachment,
    NoticeResponsiblePerson,
    NoticeType,
    OfficialBoardIndexPage,
    OfficialNoticePage,
)
from .pdf import minimal_pdf
from .queries import today

BOARD_SLUG = "uredni-deska"
NOTICE_COUNTS = {"obec": 42, "mesto": 60, "mestska_cast": 52}
CURRENT_NOTICES = 9


@dataclass(frozen=True)
class Template:
    key: str
    type_slug: str
    title: str
    teaser: str
    agenda: str = ""
    department: str = ""
    personal: bool = False
    days: int = 15  # how long the notice hangs
    approved: bool = False  # has an approval date (resolutions, budgets)
    attachments: tuple = ("{title}",)


COMMON_TYPES = [
    ("vyhlasky-a-narizeni", "Vyhlášky a nařízení"),
    ("zastupitelstvo", "Zastupitelstvo"),
    ("rozpocet", "Rozpočet a hospodaření"),
    ("vyberova-rizeni", "Výběrová řízení a zakázky"),
    ("volby", "Volby"),
    ("majetek", "Majetek – záměry a smlouvy"),
    ("oznameni", "Oznámení"),
]
TYPES_BY_KIND = {
    "obec": [*COMMON_TYPES, ("jine-urady", "Písemnosti jiných úřadů")],
    "mesto": [
        *COMMON_TYPES,
        ("stavebni-rizeni", "Stavební řízení – veřejné vyhlášky"),
        ("uzemni-planovani", "Územní plánování"),
        ("dorucovani", "Doručování veřejnou vyhláškou"),
    ],
    "mestska_cast": [
        *COMMON_TYPES,
        ("rada", "Rada městské části"),
        ("doprava", "Doprava a přechodné úpravy provozu"),
        ("dorucovani", "Doručování veřejnou vyhláškou"),
    ],
}

COMMON_TEMPLATES = [
    Template(
        "ozv-odpad",
        "vyhlasky-a-narizeni",
        "Obecně závazná vyhláška č. {n}/{year} o místním poplatku za obecní systém "
        "odpadového hospodářství",
        "Vyhláška stanoví výši poplatku, splatnost a osvobození od poplatku pro rok {next_year}.",
        agenda="místní poplatky",
        department="{finance}",
        approved=True,
    ),
    Template(
        "ozv-psi",
        "vyhlasky-a-narizeni",
        "Obecně závazná vyhláška č. {n}/{year} o místním poplatku ze psů",
        "Poplatek ze psů činí 300 Kč za prvního psa; držitelé starší 65 let platí 150 Kč.",
        agenda="místní poplatky",
        department="{finance}",
        approved=True,
    ),
    Template(
        "zasedani",
        "zastupitelstvo",
        "Informace o konání zasedání zastupitelstva {of_town}",
        "Zasedání se koná {hall} od 18:00. Navržený program je přílohou oznámení.",
        agenda="samospráva",
        department="{office}",
        days=8,
        attachments=("Návrh programu zasedání",),
    ),
    Template(
        "usneseni",
        "zastupitelstvo",
        "Usnesení ze zasedání zastupitelstva {of_town} č. {n}/{year}",
        "Přehled usnesení přijatých na zasedání zastupitelstva.",
        agenda="samospráva",
        department="{office}",
        days=30,
        approved=True,
    ),
    Template(
        "rozpoctove-opatreni",
        "rozpocet",
        "Rozpočtové opatření č. {n}/{year}",
        "Změna rozpočtu schválená zastupitelstvem; oznámení o zveřejnění v elektronické podobě.",
        agenda="rozpočet; hospodaření obce",
        department="{finance}",
        days=30,
        approved=True,
    ),
    Template(
        "navrh-rozpoctu",
        "rozpocet",
        "Návrh rozpočtu {of_town} na rok {next_year}",
        "Připomínky k návrhu rozpočtu mohou občané uplatnit písemně nebo ústně na zasedání "
        "zastupitelstva.",
        agenda="rozpočet",
        department="{finance}",
        days=20,
        attachments=("Návrh rozpočtu", "Střednědobý výhled rozpočtu"),
    ),
    Template(
        "zaverecny-ucet",
        "rozpocet",
        "Návrh závěrečného účtu {of_town} za rok {prev_year}",
        "Součástí návrhu je zpráva o výsledku přezkoumání hospodaření.",
        agenda="rozpočet; hospodaření obce",
        department="{finance}",
        days=20,
        attachments=("Návrh závěrečného účtu", "Zpráva o výsledku přezkoumání hospodaření"),
    ),
    Template(
        "kontrola",
        "oznameni",
        "Oznámení o zahájení veřejnosprávní kontroly u příspěvkové organizace "
        "Mateřská škola {place}",
        "Kontrola hospodaření s veřejnými prostředky za rok {prev_year}.",
        agenda="finanční kontrola",
        department="{finance}",
    ),
    Template(
        "vr-referent",
        "vyberova-rizeni",
        "Výběrové řízení na obsazení pracovního místa referent/referentka {section}",
        "Přihlášky s životopisem přijímá {office_short} do konce měsíce.",
        agenda="personální agenda",
        department="{office}",
        days=21,
    ),
    Template(
        "vr-vysledek",
        "vyberova-rizeni",
        "Oznámení o výsledku výběrového řízení na pozici referent/referentka {section}",
        "Vybraný uchazeč nastoupí na pozici od prvního dne následujícího měsíce.",
        agenda="personální agenda",
        department="{office}",
        personal=True,
    ),
    Template(
        "vzmr-komunikace",
        "vyberova-rizeni",
        "Výzva k podání nabídek – veřejná zakázka malého rozsahu „Oprava místní komunikace "
        "{street}“",
        "Nabídky lze podat do 14 dnů od zveřejnění výzvy.",
        agenda="veřejné zakázky",
        department="{office}",
        days=15,
        attachments=("Výzva k podání nabídek", "Výkaz výměr"),
    ),
    Template(
        "volby-misto",
        "volby",
        "Oznámení o době a místě konání voleb",
        "Volby se konají {hall}; volební místnost je přístupná bezbariérově.",
        agenda="volby",
        department="{office}",
        days=20,
    ),
    Template(
        "volby-okrsky",
        "volby",
        "Informace o počtu a sídle volebních okrsků",
        "Seznam volebních okrsků a jejich sídel pro nadcházející volby.",
        agenda="volby",
        department="{office}",
        days=20,
    ),
    Template(
        "zamer-pronajem",
        "majetek",
        "Záměr pronajmout pozemek p. č. {parcel} v k. ú. {cadastre}",
        "Zájemci mohou podávat nabídky do 15 dnů od vyvěšení záměru.",
        agenda="správa majetku",
        department="{property}",
        attachments=("Záměr pronájmu", "Snímek katastrální mapy"),
    ),
    Template(
        "zamer-prodej",
        "majetek",
        "Záměr prodat pozemek p. č. {parcel} v k. ú. {cadastre}",
        "Záměr prodeje části pozemku o výměře {area} m² na základě žádosti vlastníka sousední "
        "nemovitosti.",
        agenda="správa majetku",
        department="{property}",
    ),
    Template(
        "dotace-smlouva",
        "majetek",
        "Veřejnoprávní smlouva o poskytnutí dotace – Tělocvičná jednota Sokol {place}",
        "Dotace na celoroční činnost oddílů mládeže ve výši {amount} Kč.",
        agenda="dotace",
        department="{finance}",
        days=30,
        approved=True,
    ),
    Template(
        "ulozeni-pisemnosti",
        "oznameni",
        "Oznámení o uložení písemnosti – adresát {initials}",
        "Písemnost si adresát může vyzvednout na podatelně úřadu v úředních hodinách.",
        agenda="doručování",
        department="{office}",
        personal=True,
    ),
    Template(
        "preruseni-elektriny",
        "oznameni",
        "Oznámení o plánovaném přerušení dodávky elektřiny – {street}",
        "Distributor oznamuje přerušení dodávky elektřiny od 7:30 do 15:00.",
        agenda="oznámení jiných subjektů",
        days=15,
        attachments=("Oznámení distributora",),
    ),
]

TEMPLATES_BY_KIND = {
    "obec": [
        *COMMON_TEMPLATES,
        Template(
            "jiny-urad-stavba",
            "jine-urady",
            "Veřejná vyhláška stavebního úřadu – oznámení o zahájení řízení o povolení stavby "
            "rodinného domu na pozemku p. č. {parcel}",
            "Písemnost stavebního úřadu obce s rozšířenou působností zveřejněná na žádost.",
            agenda="stavební řízení",
        ),
        Template(
            "mikroregion",
            "jine-urady",
            "Dobrovolný svazek obcí Mikroregion Pod Lesem – schválený rozpočet na rok {year}",
            "Oznámení o zveřejnění dokumentu svazku obcí v elektronické podobě.",
            agenda="rozpočet",
            days=30,
        ),
    ],
    "mesto": [
        *COMMON_TEMPLATES,
        Template(
            "stavebni-rizeni",
            "stavebni-rizeni",
            "Veřejná vyhláška – oznámení o zahájení řízení o povolení stavby „Bytový dům {street}“",
            "Účastníci řízení mohou uplatnit námitky do 15 dnů od doručení.",
            agenda="stavební řízení",
            department="Odbor výstavby a územního plánování",
            attachments=("Oznámení o zahájení řízení", "Situační výkres"),
        ),
        Template(
            "kolaudace",
            "stavebni-rizeni",
            "Veřejná vyhláška – rozhodnutí o povolení stavby „Přístavba hasičské zbrojnice "
            "{place}“",
            "Rozhodnutí nabývá právní moci dnem doručení posledním účastníkům řízení.",
            agenda="stavební řízení",
            department="Odbor výstavby a územního plánování",
        ),
        Template(
            "zmena-up",
            "uzemni-planovani",
            "Veřejná vyhláška – návrh změny č. {n} územního plánu {town}",
            "Veřejné projednání návrhu se koná ve velkém sále radnice.",
            agenda="územní plánování",
            department="Odbor výstavby a územního plánování",
            days=30,
            attachments=("Textová část změny", "Koordinační výkres"),
        ),
        Template(
            "doruceni-vv",
            "dorucovani",
            "Doručení veřejnou vyhláškou – výzva k odstranění vozidla, adresát {initials}",
            "Vozidlo bez platné technické prohlídky odstavené v ulici {street}.",
            agenda="silniční hospodářství",
            department="Odbor správních agend",
            personal=True,
        ),
    ],
    "mestska_cast": [
        *COMMON_TEMPLATES,
        Template(
            "rada-usneseni",
            "rada",
            "Usnesení Rady městské části {town} ze dne {posted}",
            "Výpis z usnesení rady městské části po anonymizaci osobních údajů.",
            agenda="samospráva",
            department="Kancelář starostky",
            days=30,
            approved=True,
        ),
        Template(
            "zamer-nebytove",
            "majetek",
            "Záměr pronajmout nebytový prostor v domě {street} {number}",
            "Nebytový prostor o výměře {area} m² vhodný pro kancelář nebo obchod.",
            agenda="správa majetku",
            department="Odbor majetku",
        ),
        Template(
            "pupp",
            "doprava",
            "Opatření obecné povahy – stanovení přechodné úpravy provozu v ulici {street}",
            "Přechodná úprava provozu z důvodu výměny vodovodního řadu.",
            agenda="doprava",
            department="Odbor dopravy",
            days=20,
            attachments=("Opatření obecné povahy", "Dopravně inženýrské opatření"),
        ),
        Template(
            "doruceni-vv",
            "dorucovani",
            "Doručení veřejnou vyhláškou – oznámení o zahájení řízení o přestupku, "
            "adresát {initials}",
            "Adresát se může seznámit s písemností na úřadu městské části.",
            agenda="přestupky",
            department="Odbor občanskosprávní",
            personal=True,
        ),
    ],
}

TOWN_WORDS = {
    "obec": {
        "of_town": "obce {name}",
        "hall": "v sále obecního úřadu",
        "office": "Obecní úřad",
        "office_short": "obecní úřad",
        "finance": "Obecní úřad – účetní",
        "property": "Obecní úřad",
        "section": "obecního úřadu",
        "places": ["Lhota pod Lesem", "Záhoří", "Podlesí"],
        "cadastres": ["Lhota pod Lesem", "Záhoří"],
        "streets": ["Návesní", "Lesní", "K Rybníku", "Polní"],
        "prefix": "OÚ",
    },
    "mesto": {
        "of_town": "města {name}",
        "hall": "ve velkém sále radnice",
        "office": "Kancelář tajemníka",
        "office_short": "městský úřad",
        "finance": "Finanční odbor",
        "property": "Odbor správy majetku",
        "section": "odboru výstavby",
        "places": ["Horní Dolní", "Podhájí", "Dolní Ves"],
        "cadastres": ["Horní Dolní", "Podhájí u Horní Dolní"],
        "streets": ["Nádražní", "Krkonošská", "Sportovní", "Zahradní", "Pod Zámkem"],
        "prefix": "MUHD",
    },
    "mestska_cast": {
        "of_town": "městské části {name}",
        "hall": "ve velkém sále úřadu městské části",
        "office": "Kancelář tajemníka",
        "office_short": "úřad městské části",
        "finance": "Ekonomický odbor",
        "property": "Odbor majetku",
        "section": "sociálního odboru",
        "places": ["Slunečnice", "Na Výsluní", "Horní Slunečnice"],
        "cadastres": ["Slunečnice", "Horní Slunečnice"],
        "streets": ["Sluneční", "Jarní", "Na Výsluní", "Letní", "Podzimní"],
        "prefix": "P99",
    },
}


def _kind(municipality):
    return municipality.kind if municipality.kind in TYPES_BY_KIND else "mesto"


def ensure_board(municipality):
    home = municipality.site.root_page.specific
    board = OfficialBoardIndexPage.objects.child_of(home).filter(slug=BOARD_SLUG).first()
    if board is None:
        board = OfficialBoardIndexPage(
            title="Úřední deska",
            slug=BOARD_SLUG,
            intro=(
                "<p>Elektronická úřední deska. Písemnosti jsou zároveň vyvěšeny na fyzické "
                "úřední desce před budovou úřadu. Sejmutá oznámení najdete v archivu.</p>"
            ),
        )
        home.add_child(instance=board)
        board.save_revision().publish()
    return board


def ensure_notice_types(municipality):
    types = {}
    for slug, name in TYPES_BY_KIND[_kind(municipality)]:
        types[slug], _created = NoticeType.objects.get_or_create(
            municipality=municipality, slug=slug, defaults={"name": name}
        )
    return types


def _posting_dates(rng, count, on_day):
    """(year, date posted) for ``count`` notices over three years, oldest first.

    The year is that of the notice's batch (it names the notice's slug); the newest few are
    moved to the last two weeks so that they hang now.
    """
    years = [on_day.year - 2, on_day.year - 1, on_day.year]
    per_year = [count * 35 // 100, count * 35 // 100]
    per_year.append(count - sum(per_year))
    dates = []
    for year, how_many in zip(years, per_year, strict=True):
        if year == on_day.year:
            first, last = datetime.date(year, 1, 1), on_day
        else:
            first, last = datetime.date(year, 1, 5), datetime.date(year, 12, 20)
        span = (last - first).days
        offsets = sorted(rng.randint(0, span) for _ in range(how_many))
        posted = [first + datetime.timedelta(days=offset) for offset in offsets]
        dates += [(year, day) for day in posted]
    for index in range(len(dates) - CURRENT_NOTICES, len(dates)):
        dates[index] = (dates[index][0], on_day - datetime.timedelta(days=rng.randint(0, 12)))
    return dates


def _document(municipality, title, filename, paragraphs):
    Document = get_document_model()
    content = minimal_pdf(title, paragraphs)
    document = Document(
        title=title,
        collection=municipality.collection,
        file=ContentFile(content, name=filename),
        file_size=len(content),
        file_hash=hashlib.sha1(content, usedforsecurity=False).hexdigest(),
    )
    document.save()
    return document


def build_demo(municipality, on_day=None):
    """Build (or complete) the town's board; returns the board page."""
    on_day = on_day or today()
    kind = _kind(municipality)
    words = TOWN_WORDS[kind]
    # Two generators: the dates depend on the day the demo is built, the content must not.
    date_rng = random.Random(f"board-dates-{municipality.ico}-{on_day.year}")
    rng = random.Random(f"board-content-{municipality.ico}-{on_day.year}")
    board = ensure_board(municipality)
    types = ensure_notice_types(municipality)
    people = list(Person.objects.filter(municipality=municipality).order_by("pk"))
    existing = set(OfficialNoticePage.objects.child_of(board).values_list("slug", flat=True))
    templates = TEMPLATES_BY_KIND[kind]
    numbers = {}

    dates = _posting_dates(date_rng, NOTICE_COUNTS[kind], on_day)
    for index, (year, date_posted) in enumerate(dates):
        template = templates[rng.randrange(len(templates))]
        numbers[template.key, year] = numbers.get((template.key, year), 0) + 1
        place = rng.choice(words["places"])
        values = {
            "n": numbers[template.key, year],
            "year": year,
            "next_year": year + 1,
            "prev_year": year - 1,
            "name": municipality.name,
            "town": municipality.name,
            "of_town": words["of_town"].format(name=municipality.name),
            "hall": words["hall"],
            "office": words["office"],
            "office_short": words["office_short"],
            "finance": words["finance"],
            "property": words["property"],
            "section": words["section"],
            "place": place,
            "cadastre": rng.choice(words["cadastres"]),
            "street": rng.choice(words["streets"]),
            "number": rng.randint(1, 120),
            "parcel": f"{rng.randint(12, 980)}/{rng.randint(1, 12)}",
            "area": rng.choice([18, 24, 36, 52, 85, 120, 240]),
            "amount": f"{rng.choice([25, 40, 60, 85, 120]) * 1000:,}".replace(",", "\u00a0"),
            "initials": f"{rng.choice('JPMKLTVZ')}. {rng.choice('NDSHKPČŘ')}.",
            "posted": f"{date_posted.day}. {date_posted.month}. {date_posted.year}",
        }
        sequence = index + 1
        slug = f"{year}-{sequence:03d}-{template.key}"
        # Randomness is drawn for every notice, found or not, so that the sequence never shifts.
        person_index = rng.randrange(max(len(people), 1))
        attachment_count = rng.choice([1, 1, 2])
        until_revoked = rng.random() < 0.15 and year == on_day.year
        if slug in existing:
            continue
        person = people[person_index] if people else None
        days = None if until_revoked else template.days
        title = template.title.format(**values)
        teaser = template.teaser.format(**values)
        department = template.department.format(**values)
        with transaction.atomic():
            notice = OfficialNoticePage(
                title=title,
                slug=slug,
                teaser=teaser,
                body=(
                    f"<p>{teaser}</p><p>Do písemnosti lze nahlédnout v úředních hodinách; "
                    f"kontaktní osobou je odpovědný pracovník uvedený níže.</p>"
                ),
                date_posted=date_posted,
                date_taken_down=(
                    date_posted + datetime.timedelta(days=days) if days is not None else None
                ),
                reference_number=f"{words['prefix']}/{sequence:04d}/{year}",
                file_mark=f"S-{words['prefix']}/{numbers[template.key, year]:03d}/{year}",
                agenda=template.agenda,
                department=department,
                approval_date=(
                    date_posted - datetime.timedelta(days=3 + sequence % 7)
                    if template.approved
                    else None
                ),
                contains_personal_data=template.personal,
            )
            notice.notice_types = [types[template.type_slug]]
            attachment_titles = [t.format(title=title) for t in template.attachments]
            if len(attachment_titles) == 1 and attachment_count == 2:
                attachment_titles.append("Příloha – odůvodnění")
            notice.attachments = [
                NoticeAttachment(
                    document=_document(
                        municipality,
                        attachment_title,
                        f"{slug}-{position}.pdf",
                        [title, teaser, f"{municipality.name}, {values['posted']}"],
                    ),
                    title="" if attachment_title == title else attachment_title,
                    sort_order=position,
                )
                for position, attachment_title in enumerate(attachment_titles[:2])
            ]
            if person is not None:
                notice.responsible_persons = [NoticeResponsiblePerson(person=person)]
            board.add_child(instance=notice)
            notice.save_revision().publish()

    archive_notices(OfficialNoticePage.objects.child_of(board), on_day)
    return board
