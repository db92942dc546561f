"""Demo events of the three demo towns: an "Akce" section with at least 16 events each.

``build_demo(municipality)`` is idempotent: the section is found by its slug under the home
page, event types by their slug, events by their slug in the section; what exists is left
as it is, so a second run changes nothing. Dates are relative to the day of the first run
(repeating events started weeks ago, so the archive is not empty). A municipality that is
not a demo town gets the programme of Lhota pod Lesem.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from municipalities.demo.towns import HORNI_DOLNI, LHOTA, PRAHA_99

from .models import EventDate, EventExceptionDate, EventIndexPage, EventPage, EventType
from .recurrence import Frequency, MonthlyBy

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)

TYPES = {
    "kultura": "Kultura",
    "sport": "Sport",
    "zastupitelstvo": "Zastupitelstvo a úřad",
    "trhy": "Trhy",
    "seniori": "Pro seniory",
    "deti": "Pro děti a rodiny",
    "vzdelavani": "Přednášky a kurzy",
    "spolecenske": "Společenské akce",
}
OFN_TYPES = "https://data.mvcr.gov.cz/zdroj/číselníky/typy-událostí/položky/"


# --- when: anchors relative to the day of the first run ---------------------------------------


def days(n):
    """``n`` days from today."""
    return lambda today: today + datetime.timedelta(days=n)


def weekday(day_of_week, weeks=0):
    """That weekday in the week ``weeks`` from now (negative: in the past)."""
    return lambda today: (
        (today - datetime.timedelta(days=today.weekday()) + datetime.timedelta(weeks=weeks))
        + datetime.timedelta(days=day_of_week)
    )


def nth_weekday(n, day_of_week, months=0):
    """The ``n``-th given weekday of the month ``months`` from now."""

    def anchor(today):
        month_index = today.year * 12 + today.month - 1 + months
        first = datetime.date(month_index // 12, month_index % 12 + 1, 1)
        offset = (day_of_week - first.weekday()) % 7
        return first + datetime.timedelta(days=offset + 7 * (n - 1))

    return anchor


@dataclass(frozen=True)
class When:
    anchor: object
    start: str = ""  # "18:00"; empty = all day
    end: str = ""
    last_day: int = 0  # days after the first one (multi-day events)


@dataclass(frozen=True)
class Demo:
    slug: str
    title: str
    teaser: str
    body: str
    types: tuple
    dates: tuple
    venue: str
    address: str
    latitude: str = ""
    longitude: str = ""
    organiser: str = ""
    organiser_ico: str = ""
    price: str = ""  # "" unknown, "0" free, or an amount in CZK
    price_note: str = ""
    accessibility: str = ""
    registration_url: str = ""
    repeat: str = ""
    interval: int = 1
    monthly_by: str = MonthlyBy.DAY_OF_MONTH
    until_days: int | None = None
    count: int | None = None
    exceptions: tuple = field(default_factory=tuple)  # anchors


# --- Lhota pod Lesem (obec) ----------------------------------------------------------------

LHOTA_OU = ("Obecní úřad Lhota pod Lesem", "Návesní 1, 285 01 Lhota pod Lesem")
LHOTA_GPS = ("49.928410", "15.184270")
LHOTA_SAL = "Sál obecního úřadu"
LHOTA_NAVES = "Náves u kapličky"
LHOTA_BARRIER_FREE = "Sál je v přízemí, vstup bez schodů, bezbariérové WC."

LHOTA_EVENTS = [
    Demo(
        "cviceni-pro-seniory",
        "Cvičení pro seniory",
        "Každé úterý dopoledne protahujeme celé tělo pod vedením fyzioterapeutky.",
        "<p>Lehké cvičení na židlích i na podložkách, vhodné pro všechny od 60 let. "
        "Vezměte si pohodlné oblečení a pití, podložky zapůjčíme.</p>",
        ("seniori", "sport"),
        (When(weekday(TUE, -6), "9:00", "10:00"),),
        LHOTA_SAL,
        LHOTA_OU[1],
        *LHOTA_GPS,
        price="0",
        accessibility=LHOTA_BARRIER_FREE,
        repeat=Frequency.WEEKLY,
        until_days=180,
        exceptions=(weekday(TUE, 2),),
    ),
    Demo(
        "zasedani-zastupitelstva",
        "Zasedání zastupitelstva obce",
        "Veřejné zasedání zastupitelstva, vždy třetí středu v měsíci od 18 hodin.",
        "<p>Program zasedání zveřejňujeme nejméně sedm dní předem na úřední desce. "
        "Zasedání je veřejné, občané mohou vystoupit v bodě Diskuse.</p>",
        ("zastupitelstvo",),
        (When(nth_weekday(3, WED, -3), "18:00", "20:00"),),
        "Zasedací místnost obecního úřadu",
        LHOTA_OU[1],
        *LHOTA_GPS,
        accessibility=LHOTA_BARRIER_FREE,
        repeat=Frequency.MONTHLY,
        monthly_by=MonthlyBy.WEEKDAY,
        count=12,
    ),
    Demo(
        "farmarske-trhy",
        "Farmářské trhy na návsi",
        "Zelenina, med, sýry a pečivo od pěstitelů z okolí – každou druhou sobotu.",
        "<p>Na trzích prodávají místní pěstitelé a chovatelé. Zájemci o prodejní místo "
        "se hlásí na obecním úřadě, místo je zdarma.</p>",
        ("trhy",),
        (When(weekday(SAT, -4), "8:00", "11:00"),),
        LHOTA_NAVES,
        "Náves, 285 01 Lhota pod Lesem",
        "49.928120",
        "15.183610",
        price="0",
        repeat=Frequency.WEEKLY,
        interval=2,
        until_days=200,
    ),
    Demo(
        "beseda-s-kronikarem",
        "Beseda s kronikářem: Lhota v letech první republiky",
        "Kronikář obce Josef Hájek promítne staré fotografie a přečte z obecní kroniky.",
        "<p>Přineste i vlastní staré fotografie – pomohou doplnit obecní kroniku.</p>",
        ("kultura", "vzdelavani"),
        (When(days(-21), "17:00", "19:00"),),
        LHOTA_SAL,
        LHOTA_OU[1],
        *LHOTA_GPS,
        price="0",
        accessibility=LHOTA_BARRIER_FREE,
    ),
    Demo(
        "rybarske-zavody",
        "Rybářské závody na rybníku Hejtman",
        "Tradiční závody v lovu ryb udicí pro dospělé i děti, občerstvení zajištěno.",
        "<p>Prezence od 6:00 u hráze. Závodí se v kategoriích dospělí a děti do 15 let, "
        "ryby se po zvážení pouštějí zpět.</p>",
        ("sport", "deti"),
        (When(days(-35), "6:00", "14:00"),),
        "Rybník Hejtman, hráz",
        "Lhota pod Lesem",
        "49.931500",
        "15.191200",
        organiser="Místní organizace Českého rybářského svazu",
        price="150",
        price_note="děti do 15 let zdarma",
    ),
    Demo(
        "den-otevrenych-dveri-hasici",
        "Den otevřených dveří v hasičské zbrojnici",
        "Ukázky techniky, soutěže pro děti a opékání buřtů s hasiči.",
        "<p>Sbor dobrovolných hasičů předvede cisternu, vyprošťovací zařízení a ukázku "
        "hašení. Děti si mohou vyzkoušet stříkání na terč.</p>",
        ("deti", "spolecenske"),
        (When(days(12), "14:00", "18:00"),),
        "Hasičská zbrojnice",
        "Lesní 45, 285 01 Lhota pod Lesem",
        "49.927300",
        "15.186900",
        organiser="SDH Lhota pod Lesem",
        price="0",
    ),
    Demo(
        "turnaj-v-nohejbale",
        "Turnaj v nohejbale trojic",
        "Přihlaste svou trojici do tradičního turnaje o putovní pohár starosty.",
        "<p>Hraje se na hřišti za obecním úřadem, prezence do 8:30. Startovné zahrnuje "
        "oběd a pitný režim.</p>",
        ("sport",),
        (When(days(26), "9:00", "17:00"),),
        "Sportovní hřiště",
        "Za Úřadem, 285 01 Lhota pod Lesem",
        "49.928900",
        "15.185100",
        organiser="TJ Sokol Lhota pod Lesem",
        price="300",
        price_note="startovné za trojici",
        registration_url="https://lhota.localhost/nohejbal-prihlaska",
    ),
    Demo(
        "ochotnici-lucerna",
        "Ochotníci hrají Jiráskovu Lucernu",
        "Divadelní spolek Lhotský Kašpárek uvádí klasickou pohádkovou hru.",
        "<p>Pohádková hra Aloise Jiráska v nastudování místních ochotníků. "
        "Hraje se dvakrát, v sobotu večer a v neděli odpoledne.</p>",
        ("kultura",),
        (When(weekday(SAT, 5), "19:00", "21:30"), When(weekday(SUN, 5), "15:00", "17:30")),
        LHOTA_SAL,
        LHOTA_OU[1],
        *LHOTA_GPS,
        organiser="Divadelní spolek Lhotský Kašpárek",
        price="80",
        price_note="děti 40 Kč",
        accessibility=LHOTA_BARRIER_FREE,
    ),
    Demo(
        "vitani-obcanku",
        "Vítání občánků",
        "Slavnostně přivítáme nejmladší občany obce narozené v letošním roce.",
        "<p>Rodiče obdrží pozvánku poštou. Prosíme o potvrzení účasti na obecním úřadě.</p>",
        ("spolecenske",),
        (When(days(40), "10:00", "11:30"),),
        LHOTA_SAL,
        LHOTA_OU[1],
        *LHOTA_GPS,
        accessibility=LHOTA_BARRIER_FREE,
    ),
    Demo(
        "sber-nebezpecneho-odpadu",
        "Mobilní sběr nebezpečného odpadu",
        "Barvy, oleje, baterie a léky odevzdáte zdarma přímo svozové firmě.",
        "<p>Odpad předávejte osobně obsluze vozu, neodkládejte jej předem na zem.</p>",
        ("zastupitelstvo",),
        (When(days(-9), "9:00", "9:45"),),
        "Parkoviště u hasičské zbrojnice",
        "Lesní 45, 285 01 Lhota pod Lesem",
        "49.927300",
        "15.186900",
        price="0",
    ),
    Demo(
        "houby-nasich-lesu",
        "Přednáška: Houby našich lesů",
        "Mykolog Pavel Zelenka poradí, jak poznat jedlé houby a nezaměnit je.",
        "<p>Po přednášce si můžete nechat určit houby, které přinesete.</p>",
        ("vzdelavani",),
        (When(days(-50), "18:00", "19:30"),),
        LHOTA_SAL,
        LHOTA_OU[1],
        *LHOTA_GPS,
        price="50",
        accessibility=LHOTA_BARRIER_FREE,
    ),
    Demo(
        "uklid-naucne-stezky",
        "Úklid naučné stezky k Lesní studánce",
        "Společně uklidíme stezku a opravíme lavičky u Lesní studánky.",
        "<p>Sraz u obecního úřadu, rukavice a pytle zajistí obec. Po úklidu opékání.</p>",
        ("spolecenske", "deti"),
        (When(days(19), "9:00", "12:00"),),
        "Sraz před obecním úřadem",
        LHOTA_OU[1],
        *LHOTA_GPS,
        price="0",
    ),
    Demo(
        "koncert-lhotenka",
        "Koncert dechové hudby Lhotěnka",
        "Lidovky a pochody v podání domácí dechovky, k poslechu i tanci.",
        "<p>Občerstvení zajišťují hasiči. Za nepříznivého počasí se koná v sále.</p>",
        ("kultura", "seniori"),
        (When(days(33), "15:00", "19:00"),),
        LHOTA_NAVES,
        "Náves, 285 01 Lhota pod Lesem",
        "49.928120",
        "15.183610",
        price="100",
    ),
    Demo(
        "vystava-rucnich-praci",
        "Výstava ručních prací",
        "Vyšívání, paličkované krajky a řezbářské práce místních tvůrců.",
        "<p>Výstava je otevřena denně od 10 do 17 hodin.</p>",
        ("kultura",),
        (When(days(-3), last_day=4),),
        LHOTA_SAL,
        LHOTA_OU[1],
        *LHOTA_GPS,
        price="0",
        price_note="dobrovolné vstupné",
        accessibility=LHOTA_BARRIER_FREE,
    ),
    Demo(
        "detsky-karneval",
        "Dětský karneval",
        "Masky, soutěže, tombola a diskotéka pro děti všech věků.",
        "<p>Nejlepší masky oceníme. Rodiče mají vstup zdarma.</p>",
        ("deti",),
        (When(days(54), "14:00", "17:00"),),
        LHOTA_SAL,
        LHOTA_OU[1],
        *LHOTA_GPS,
        organiser="Spolek rodičů Lhota",
        price="30",
        accessibility=LHOTA_BARRIER_FREE,
    ),
    Demo(
        "zajezd-kutna-hora",
        "Zájezd seniorů do Kutné Hory",
        "Prohlídka chrámu sv. Barbory a Vlašského dvora s průvodcem.",
        "<p>Odjezd autobusu v 8:00 od obecního úřadu, návrat kolem 17:00. "
        "Přihlášky na obecním úřadě do vyčerpání míst.</p>",
        ("seniori", "kultura"),
        (When(days(47), "8:00", "17:00"),),
        "Odjezd od obecního úřadu",
        LHOTA_OU[1],
        *LHOTA_GPS,
        price="250",
        price_note="doprava a vstupné",
    ),
]


# --- Horní Dolní (město) -----------------------------------------------------------------

HD_NAMESTI = (
    "Masarykovo náměstí",
    "Masarykovo náměstí, 543 21 Horní Dolní",
    "50.567300",
    "15.640900",
)
HD_RADNICE = (
    "Obřadní síň radnice",
    "Masarykovo náměstí 1, 543 21 Horní Dolní",
    "50.567500",
    "15.641200",
)
HD_STADION = ("Zimní stadion", "Sportovní 880, 543 21 Horní Dolní", "50.571100", "15.648300")
HD_SOKOLOVNA = ("Sokolovna", "Tyršova 210, 543 21 Horní Dolní", "50.565200", "15.637700")
HD_MUZEUM = ("Městské muzeum", "Zámecká 15, 543 21 Horní Dolní", "50.568000", "15.642500")
HD_KULTURAK = ("Kulturní dům Horník", "Nádražní 500, 543 21 Horní Dolní", "50.563900", "15.645800")
HD_BARRIER_FREE = "Bezbariérový vstup bočním vchodem, výtah do všech podlaží."

HORNI_DOLNI_EVENTS = [
    Demo(
        "cviceni-pro-seniory",
        "Cvičení pro seniory v Sokolovně",
        "Zdravotní cvičení každé pondělí a čtvrtek dopoledne, bez přihlašování.",
        "<p>Cvičení vede cvičitelka Sokola. Zaměřujeme se na rovnováhu, klouby a dýchání.</p>",
        ("seniori", "sport"),
        (When(weekday(MON, -5), "9:00", "10:00"), When(weekday(THU, -5), "9:00", "10:00")),
        *HD_SOKOLOVNA,
        organiser="TJ Sokol Horní Dolní",
        price="20",
        price_note="za lekci",
        repeat=Frequency.WEEKLY,
        until_days=150,
    ),
    Demo(
        "zasedani-zastupitelstva",
        "Zasedání zastupitelstva města",
        "Veřejné zasedání zastupitelstva města, zpravidla čtvrtou středu v měsíci.",
        "<p>Zasedání přenášíme živě na webu města. Podklady jsou k nahlédnutí na "
        "sekretariátu starosty.</p>",
        ("zastupitelstvo",),
        (When(nth_weekday(4, WED, -2), "17:00", "20:00"),),
        *HD_RADNICE,
        accessibility=HD_BARRIER_FREE,
        repeat=Frequency.MONTHLY,
        monthly_by=MonthlyBy.WEEKDAY,
        until_days=365,
    ),
    Demo(
        "farmarske-trhy",
        "Farmářské trhy na Masarykově náměstí",
        "Krkonošské sýry, uzeniny, med a sezonní zelenina každou druhou sobotu v měsíci.",
        "<p>Trhy pořádá město ve spolupráci s Krkonošskou regionální značkou.</p>",
        ("trhy",),
        (When(nth_weekday(2, SAT, -2), "8:00", "12:00"),),
        *HD_NAMESTI,
        price="0",
        repeat=Frequency.MONTHLY,
        monthly_by=MonthlyBy.WEEKDAY,
        count=10,
    ),
    Demo(
        "brusleni-pro-verejnost",
        "Bruslení pro veřejnost",
        "Nedělní bruslení na zimním stadionu, půjčovna bruslí na místě.",
        "<p>Děti do 10 let bruslí jen s helmou. Broušení bruslí za 50 Kč.</p>",
        ("sport", "deti"),
        (When(weekday(SUN, -3), "14:00", "16:00"),),
        *HD_STADION,
        organiser="Technické služby Horní Dolní",
        price="40",
        price_note="děti do 6 let zdarma",
        accessibility="Bezbariérový přístup na tribunu, bezbariérové WC u vchodu.",
        repeat=Frequency.WEEKLY,
        count=16,
        exceptions=(weekday(SUN, 1),),
    ),
    Demo(
        "hokej-vrchlabi",
        "Hokej: HC Horní Dolní – HC Vrchlabí",
        "Derby krajské ligy mužů na domácím ledě.",
        "<p>Vstupenky v prodeji na pokladně stadionu hodinu před zápasem.</p>",
        ("sport",),
        (When(days(9), "17:30", "20:00"),),
        *HD_STADION,
        organiser="HC Horní Dolní, z. s.",
        price="60",
        price_note="děti a senioři 30 Kč",
    ),
    Demo(
        "koncert-komorniho-orchestru",
        "Koncert komorního orchestru v kostele sv. Mikuláše",
        "Barokní hudba Vivaldiho a Zelenky v podání Krkonošského komorního orchestru.",
        "<p>Výtěžek ze vstupného poputuje na opravu varhan.</p>",
        ("kultura",),
        (When(days(-16), "19:00", "20:30"),),
        "Kostel sv. Mikuláše",
        "Kostelní 2, 543 21 Horní Dolní",
        "50.567900",
        "15.639800",
        price="150",
    ),
    Demo(
        "vystava-krkonose-na-starych-fotografiich",
        "Výstava: Krkonoše na starých fotografiích",
        "Boudy, lyžaři a sáňkařské dráhy z let 1890–1950 ze sbírek muzea.",
        "<p>Výstava je otevřena úterý až neděle 9–17 hodin.</p>",
        ("kultura",),
        (When(days(-10), last_day=30),),
        *HD_MUZEUM,
        organiser="Městské muzeum Horní Dolní",
        price="50",
        price_note="děti a studenti 25 Kč",
        accessibility=HD_BARRIER_FREE,
    ),
    Demo(
        "nasi-furianti",
        "Divadlo: Naši furianti",
        "Stroupežnického komedie v podání Divadelního spolku Tyl.",
        "<p>Předprodej vstupenek v informačním centru na náměstí.</p>",
        ("kultura",),
        (When(days(18), "19:30", "22:00"),),
        *HD_KULTURAK,
        organiser="Divadelní spolek Tyl Horní Dolní",
        price="120",
        accessibility=HD_BARRIER_FREE,
    ),
    Demo(
        "historie-radnice",
        "Přednáška: Pět set let renesanční radnice",
        "Historik Městského muzea o stavbě radnice a jejích proměnách.",
        "<p>Přednáška je součástí cyklu Poznej své město.</p>",
        ("vzdelavani",),
        (When(days(-42), "17:00", "18:30"),),
        *HD_RADNICE,
        price="0",
        accessibility=HD_BARRIER_FREE,
    ),
    Demo(
        "nocni-prohlidka-radnice",
        "Noční prohlídka radnice s průvodcem",
        "Sklepení, věž a obřadní síň při svíčkách. Počet míst je omezen.",
        "<p>Prohlídky začínají každou půlhodinu od 20:00, rezervace nutná.</p>",
        ("kultura",),
        (When(days(23), "20:00", "22:30"),),
        *HD_RADNICE,
        price="80",
        registration_url="https://hornidolni.localhost/rezervace-prohlidky",
    ),
    Demo(
        "dolnodolsky-beh",
        "Dolnodolský běh",
        "Závod na 10 km a dětské běhy v parku pod radnicí.",
        "<p>Start hlavního závodu v 10:00 na náměstí. Dětské kategorie od 9:00.</p>",
        ("sport",),
        (When(days(30), "9:00", "13:00"),),
        *HD_NAMESTI,
        organiser="Běžecký klub Horní Dolní",
        organiser_ico="26612356",
        price="200",
        price_note="startovné; děti zdarma",
        registration_url="https://hornidolni.localhost/beh-registrace",
    ),
    Demo(
        "verejne-projednani-uzemniho-planu",
        "Veřejné projednání návrhu územního plánu",
        "Pořizovatel vysvětlí návrh a zodpoví dotazy, námitky lze podat písemně.",
        "<p>Návrh územního plánu je vystaven na úřední desce a na odboru výstavby.</p>",
        ("zastupitelstvo",),
        (When(days(14), "16:00", "18:00"),),
        *HD_RADNICE,
        accessibility=HD_BARRIER_FREE,
    ),
    Demo(
        "den-otevrenych-dveri-mu",
        "Den otevřených dveří městského úřadu",
        "Podívejte se do kanceláří, ke kterým běžně nemáte přístup, i na věž radnice.",
        "<p>Komentované prohlídky každou hodinu, na věž max. 15 osob najednou.</p>",
        ("zastupitelstvo", "deti"),
        (When(days(-28), "9:00", "16:00"),),
        *HD_RADNICE,
        price="0",
    ),
    Demo(
        "filmovy-klub-pelisky",
        "Filmový klub: Pelíšky",
        "Česká klasika na plátně kulturního domu, úvodní slovo filmového publicisty.",
        "<p>Film je přístupný od 12 let.</p>",
        ("kultura",),
        (When(days(5), "19:00", "21:15"),),
        *HD_KULTURAK,
        price="100",
        accessibility=HD_BARRIER_FREE,
    ),
    Demo(
        "vitani-obcanku",
        "Vítání občánků",
        "Slavnostní přivítání dětí narozených v posledním půlroce.",
        "<p>Rodiče obdrží pozvánku od matriky.</p>",
        ("spolecenske",),
        (When(days(37), "10:00", "12:00"),),
        *HD_RADNICE,
        accessibility=HD_BARRIER_FREE,
    ),
    Demo(
        "remeslny-trh",
        "Řemeslný trh na náměstí",
        "Keramika, dřevo, sklo a krajky od řemeslníků z celých Krkonoš.",
        "<p>Doprovodný program pro děti: točení na hrnčířském kruhu.</p>",
        ("trhy", "kultura"),
        (When(days(44), "9:00", "17:00"), When(days(45), "9:00", "15:00")),
        *HD_NAMESTI,
        price="0",
    ),
]


# --- Praha 99 (městská část) -----------------------------------------------------------------

P99_KC = (
    "Komunitní centrum Sluneční",
    "Sluneční 1200/4, 199 00 Praha 99",
    "50.051200",
    "14.452700",
)
P99_URAD = (
    "Velký sál úřadu městské části",
    "Náměstí Svobody 99, 199 00 Praha 99",
    "50.049800",
    "14.449100",
)
P99_NAMESTI = ("Náměstí Svobody", "Náměstí Svobody, 199 00 Praha 99", "50.049600", "14.448600")
P99_PARK = ("Park Na Výsluní", "Na Výsluní, 199 00 Praha 99", "50.053900", "14.455300")
P99_BARRIER_FREE = "Bezbariérový vstup z ulice Sluneční, výtah, indukční smyčka v sále."

PRAHA_99_EVENTS = [
    Demo(
        "cviceni-pro-seniory",
        "Cvičení pro seniory",
        "Každou středu dopoledne cvičení s fyzioterapeutem v komunitním centru.",
        "<p>Cvičení je určeno seniorům s trvalým pobytem v Praze 99 a je zdarma.</p>",
        ("seniori", "sport"),
        (When(weekday(WED, -8), "10:00", "11:00"),),
        *P99_KC,
        price="0",
        accessibility=P99_BARRIER_FREE,
        repeat=Frequency.WEEKLY,
        until_days=240,
    ),
    Demo(
        "zasedani-zastupitelstva",
        "Zasedání Zastupitelstva městské části Praha 99",
        "Veřejné zasedání zastupitelstva, druhý čtvrtek v měsíci od 16 hodin.",
        "<p>Zasedání můžete sledovat i online. Přihlášky do diskuse občanů přijímá "
        "předsedající do zahájení bodu.</p>",
        ("zastupitelstvo",),
        (When(nth_weekday(2, THU, -2), "16:00", "20:00"),),
        *P99_URAD,
        accessibility=P99_BARRIER_FREE,
        repeat=Frequency.MONTHLY,
        monthly_by=MonthlyBy.WEEKDAY,
        count=11,
    ),
    Demo(
        "farmarske-trhy",
        "Farmářské trhy na náměstí Svobody",
        "Každou sobotu dopoledne čerstvé potraviny přímo od farmářů.",
        "<p>Nakupujte s vlastní taškou – trhy jsou bez jednorázových plastů.</p>",
        ("trhy",),
        (When(weekday(SAT, -6), "8:00", "13:00"),),
        *P99_NAMESTI,
        organiser="Spolek Trhy Devadesát devět",
        price="0",
        repeat=Frequency.WEEKLY,
        until_days=120,
        exceptions=(weekday(SAT, 3),),
    ),
    Demo(
        "cteni-pro-nejmensi",
        "Čtení pro nejmenší v knihovně",
        "Pohádky, říkanky a výtvarná dílna pro děti od 3 do 6 let s rodiči.",
        "<p>Knihovna komunitního centra, dětské oddělení ve 2. patře.</p>",
        ("deti", "kultura"),
        (When(weekday(TUE, -4), "16:30", "17:30"),),
        *P99_KC,
        price="0",
        accessibility=P99_BARRIER_FREE,
        repeat=Frequency.WEEKLY,
        count=20,
    ),
    Demo(
        "kurz-digitalni-gramotnosti",
        "Kurz: Chytrý telefon bez obav",
        "Šest lekcí pro seniory: aplikace, bankovnictví, bezpečnost a videohovory.",
        "<p>Kurz vedou dobrovolníci z gymnázia. Vezměte si vlastní telefon.</p>",
        ("seniori", "vzdelavani"),
        (When(weekday(MON, 1), "14:00", "15:30"),),
        "Klubovna 2, Komunitní centrum Sluneční",
        *P99_KC[1:],
        price="0",
        accessibility=P99_BARRIER_FREE,
        registration_url="https://praha99.localhost/kurzy/chytry-telefon",
        repeat=Frequency.WEEKLY,
        count=6,
    ),
    Demo(
        "projednani-revitalizace-parku",
        "Veřejné projednání revitalizace parku Na Výsluní",
        "Architekti představí studii obnovy parku, vaše připomínky zapracujeme.",
        "<p>Studie je k nahlédnutí v komunitním centru i na webu městské části.</p>",
        ("zastupitelstvo",),
        (When(days(11), "17:30", "19:30"),),
        *P99_KC,
        accessibility=P99_BARRIER_FREE,
    ),
    Demo(
        "jazz-ve-slunecni",
        "Jazz ve Sluneční: Lenka Dusilová Trio",
        "Komorní jazzový večer v sále komunitního centra.",
        "<p>Vstupenky v knihovně komunitního centra a online.</p>",
        ("kultura",),
        (When(days(-12), "19:30", "21:30"),),
        *P99_KC,
        price="200",
        price_note="senioři a studenti 120 Kč",
        accessibility=P99_BARRIER_FREE,
    ),
    Demo(
        "vystava-sidliste-vcera-a-dnes",
        "Výstava: Sídliště včera a dnes",
        "Fotografie obyvatel srovnávají sídliště v 80. letech a dnes.",
        "<p>Výstavu můžete navštívit v otevírací době komunitního centra.</p>",
        ("kultura",),
        (When(days(-20), last_day=40),),
        "Galerie ve 3. patře, Komunitní centrum Sluneční",
        *P99_KC[1:],
        price="0",
        accessibility=P99_BARRIER_FREE,
    ),
    Demo(
        "burza-detskeho-obleceni",
        "Burza dětského oblečení a hraček",
        "Prodejte, co je vašim dětem malé, a kupte, co potřebují.",
        "<p>Příjem věcí v pátek 15–18 hodin, prodej v sobotu 9–13 hodin.</p>",
        ("deti", "trhy"),
        (When(days(16), "15:00", "18:00"), When(days(17), "9:00", "13:00")),
        *P99_KC,
        organiser="Rodinné centrum Sluníčko",
        price="0",
        accessibility=P99_BARRIER_FREE,
    ),
    Demo(
        "uklidme-park",
        "Ukliďme park Na Výsluní",
        "Dobrovolnický úklid parku, pytle a rukavice zajistí městská část.",
        "<p>Sraz u dětského hřiště. Sebraný odpad odveze městská firma.</p>",
        ("spolecenske",),
        (When(days(-30), "9:00", "12:00"),),
        *P99_PARK,
        price="0",
    ),
    Demo(
        "prednaska-kompostovani",
        "Přednáška: Kompostování na sídlišti",
        "Jak kompostovat na balkoně a jak funguje komunitní kompostér.",
        "<p>Zájemci o komunitní kompostér se mohou přihlásit po přednášce.</p>",
        ("vzdelavani",),
        (When(days(25), "18:00", "19:30"),),
        *P99_KC,
        price="0",
        accessibility=P99_BARRIER_FREE,
    ),
    Demo(
        "deskoherni-vecer",
        "Deskoherní večer",
        "Přes sto deskových her a zkušení vysvětlovači, přijďte sami i s přáteli.",
        "<p>Vhodné pro dospělé i děti od 10 let.</p>",
        ("spolecenske",),
        (When(weekday(FRI, -3), "18:00", "22:00"),),
        *P99_KC,
        price="50",
        accessibility=P99_BARRIER_FREE,
        repeat=Frequency.WEEKLY,
        interval=2,
        until_days=90,
    ),
    Demo(
        "den-zeme",
        "Den Země v parku",
        "Stánky ekologických spolků, výtvarná dílna a sázení stromů.",
        "<p>Program pro školy dopoledne, pro veřejnost odpoledne.</p>",
        ("deti", "spolecenske"),
        (When(days(39), "10:00", "17:00"),),
        *P99_PARK,
        price="0",
    ),
    Demo(
        "setkani-se-starostkou",
        "Setkání se starostkou nad kávou",
        "Neformální setkání se starostkou Martinou Veselou, přijďte se zeptat.",
        "<p>Káva a čaj zdarma, pečivo napečou senioři z klubu Pohoda.</p>",
        ("zastupitelstvo", "spolecenske"),
        (When(days(8), "17:00", "18:30"),),
        "Kavárna, Komunitní centrum Sluneční",
        *P99_KC[1:],
        price="0",
        accessibility=P99_BARRIER_FREE,
    ),
    Demo(
        "sousedska-slavnost",
        "Sousedská slavnost",
        "Hudba, jídlo od sousedů a hry pro děti na náměstí Svobody.",
        "<p>Chcete-li nabídnout jídlo nebo vystoupit, ozvěte se do komunitního centra.</p>",
        ("spolecenske", "kultura"),
        (When(days(-45), "14:00", "21:00"),),
        *P99_NAMESTI,
        price="0",
    ),
    Demo(
        "beh-parkem",
        "Běh parkem pro celou rodinu",
        "Nesoutěžní běh na 2 a 5 km, pro děti 500 m s medailí pro každého.",
        "<p>Start a cíl u fontány, šatny v komunitním centru.</p>",
        ("sport", "deti"),
        (When(days(52), "9:30", "12:00"),),
        *P99_PARK,
        price="100",
        price_note="děti zdarma",
        registration_url="https://praha99.localhost/beh-parkem",
    ),
]

PROGRAMMES = {
    LHOTA.ico: LHOTA_EVENTS,
    HORNI_DOLNI.ico: HORNI_DOLNI_EVENTS,
    PRAHA_99.ico: PRAHA_99_EVENTS,
}

INTROS = {
    LHOTA.ico: "Co se děje ve Lhotě: trhy na návsi, hasiči, ochotníci i zasedání zastupitelstva.",
    HORNI_DOLNI.ico: "Koncerty, sport na zimním stadionu, výstavy muzea a akce města.",
    PRAHA_99.ico: "Program komunitního centra Sluneční, trhy na náměstí a akce v parcích.",
}


# --- building ------------------------------------------------------------------------------


def _moment(day, text):
    hours, minutes = (int(part) for part in text.split(":"))
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(hours, minutes)),
        timezone.get_default_timezone(),
    )


def _date_rows(demo, today):
    rows = []
    for when in demo.dates:
        first = when.anchor(today)
        if not when.start:
            last = first + datetime.timedelta(days=when.last_day)
            rows.append(
                EventDate(start=_moment(first, "0:00"), end=_moment(last, "0:00"), all_day=True)
            )
            continue
        last = first + datetime.timedelta(days=when.last_day)
        rows.append(
            EventDate(
                start=_moment(first, when.start),
                end=_moment(last, when.end) if when.end else None,
            )
        )
    return rows


def ensure_types(municipality):
    types = {}
    for slug, name in TYPES.items():
        types[slug], _created = EventType.objects.get_or_create(
            municipality=municipality, slug=slug, defaults={"name": name}
        )
    return types


def ensure_index(municipality):
    home = municipality.site.root_page.specific
    existing = home.get_children().filter(slug="akce").first()
    if existing is not None:
        return existing.specific if isinstance(existing.specific, EventIndexPage) else None
    index = EventIndexPage(
        title="Akce",
        slug="akce",
        intro=INTROS.get(municipality.ico, INTROS[LHOTA.ico]),
        show_in_menus=True,
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def _event_page(demo, types, today):
    price = None if demo.price in ("", "0") else Decimal(demo.price)
    return EventPage(
        title=demo.title,
        slug=demo.slug,
        teaser=demo.teaser,
        body=demo.body,
        types=[types[slug] for slug in demo.types],
        dates=_date_rows(demo, today),
        exception_dates=[EventExceptionDate(date=anchor(today)) for anchor in demo.exceptions],
        repeat=demo.repeat,
        repeat_interval=demo.interval,
        repeat_monthly_by=demo.monthly_by,
        repeat_until=(
            today + datetime.timedelta(days=demo.until_days) if demo.until_days else None
        ),
        repeat_count=demo.count,
        venue=demo.venue,
        address=demo.address,
        latitude=Decimal(demo.latitude) if demo.latitude else None,
        longitude=Decimal(demo.longitude) if demo.longitude else None,
        organiser=demo.organiser,
        organiser_ico=demo.organiser_ico,
        is_free=demo.price == "0",
        price=price,
        price_note=demo.price_note,
        accessibility=demo.accessibility,
        registration_url=demo.registration_url,
    )


@transaction.atomic
def build_demo(municipality, today=None):
    """Create the events section of a demo town; returns the index page (None if blocked)."""
    today = today or timezone.localdate()
    index = ensure_index(municipality)
    if index is None:
        return None
    types = ensure_types(municipality)
    existing = set(index.get_children().values_list("slug", flat=True))
    for demo in PROGRAMMES.get(municipality.ico, LHOTA_EVENTS):
        if demo.slug in existing:
            continue
        event = _event_page(demo, types, today)
        index.add_child(instance=event)  # validates the page (Page.save runs full_clean)
        event.save_revision().publish()
    return index
