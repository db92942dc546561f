"""The three demo towns and their editor accounts (the README lists the credentials)."""

from dataclasses import dataclass, field

DEMO_PASSWORD = "radnice-demo"
OPERATOR_USERNAME = "operator"


@dataclass(frozen=True)
class DemoTown:
    name: str
    kind: str
    ico: str
    hostname: str
    editor_username: str
    data_box: str
    street: str
    postcode: str
    city: str
    email: str
    phone: str
    intro: str
    pages: list = field(default_factory=list)
    people: list = field(default_factory=list)
    theme: str = "default"
    font: str = "system"


LHOTA = DemoTown(
    name="Lhota pod Lesem",
    kind="obec",
    ico="00991236",
    hostname="lhota.localhost",
    font="source-sans",
    editor_username="editor@lhota.localhost",
    data_box="lh2ot4a",
    street="Návesní 1",
    postcode="285 01",
    city="Lhota pod Lesem",
    email="podatelna@lhota.localhost",
    phone="+420 321 654 987",
    intro=(
        "Vítejte na oficiálních stránkách obce Lhota pod Lesem, klidné obce na okraji "
        "Kutnohorska se 412 obyvateli, rybníkem Hejtman a naučnou stezkou k Lesní studánce."
    ),
    pages=[
        (
            "Obec",
            "obec",
            "Historie, symboly a současnost obce Lhota pod Lesem.",
            "<p>První písemná zmínka o Lhotě pochází z roku 1352. Obec dnes tvoří dvě místní "
            "části a žije v ní 412 obyvatel.</p><p>Znak obce tvoří zelený smrk nad modrou "
            "vlnitou patou, připomínající les a rybník Hejtman.</p>",
        ),
        (
            "Obecní úřad",
            "obecni-urad",
            "Úřední hodiny, kontakty a podatelna obecního úřadu.",
            "<p>Úřední hodiny: pondělí a středa 8:00–11:30 a 13:00–17:00.</p>"
            "<p>Starosta přijímá občany po předchozí domluvě.</p>",
        ),
        (
            "Odpady",
            "odpady",
            "Svoz komunálního odpadu, sběrné místo a poplatky.",
            "<p>Svoz směsného odpadu probíhá každé sudé úterý. Sběrné místo u hasičské "
            "zbrojnice je otevřeno v sobotu 9:00–12:00.</p>",
        ),
    ],
    people=[
        ("Ing.", "Jan", "Novák", "", "starosta", "starosta@lhota.localhost", "+420 321 654 980"),
        ("", "Marie", "Dvořáková", "", "místostarostka", "mistostarostka@lhota.localhost", ""),
        ("", "Petra", "Svobodová", "DiS.", "účetní", "ucetni@lhota.localhost", "+420 321 654 981"),
    ],
)

HORNI_DOLNI = DemoTown(
    name="Horní Dolní",
    kind="mesto",
    ico="00994561",
    hostname="hornidolni.localhost",
    font="atkinson",
    editor_username="editor@hornidolni.localhost",
    data_box="hd5mest",
    street="Masarykovo náměstí 1",
    postcode="543 21",
    city="Horní Dolní",
    email="podatelna@hornidolni.localhost",
    phone="+420 499 123 456",
    intro=(
        "Město Horní Dolní v podhůří Krkonoš: 6 800 obyvatel, městský úřad s rozšířenou "
        "působností, zimní stadion a tradiční Dolnodolský jarmark každé září."
    ),
    pages=[
        (
            "Město",
            "mesto",
            "O městě Horní Dolní, jeho historii a partnerských městech.",
            "<p>Horní Dolní získalo městská práva roku 1498. Historické jádro s "
            "renesanční radnicí je městskou památkovou zónou.</p>",
        ),
        (
            "Městský úřad",
            "mestsky-urad",
            "Odbory městského úřadu, úřední hodiny a elektronická podatelna.",
            "<p>Úřední hodiny: pondělí a středa 8:00–17:00, úterý a čtvrtek 8:00–14:00, "
            "pátek 8:00–12:00.</p><p>Elektronickou podatelnu najdete na adrese "
            "podatelna@hornidolni.localhost.</p>",
        ),
        (
            "Životní situace",
            "zivotni-situace",
            "Jak vyřídit občanský průkaz, přihlásit trvalý pobyt nebo zaplatit poplatky.",
            "<p>Občanský průkaz vyřídíte na odboru správních agend v přízemí radnice. "
            "Vezměte s sebou dosavadní doklad.</p>",
        ),
    ],
    people=[
        ("Mgr.", "Pavel", "Horák", "", "starosta", "starosta@hornidolni.localhost", ""),
        ("", "Eva", "Králová", "", "tajemnice úřadu", "tajemnice@hornidolni.localhost", ""),
        ("Ing.", "Tomáš", "Černý", "Ph.D.", "vedoucí odboru výstavby", "", "+420 499 123 470"),
        ("", "Lucie", "Procházková", "", "matrikářka", "matrika@hornidolni.localhost", ""),
    ],
)

PRAHA_99 = DemoTown(
    name="Praha 99",
    kind="mestska_cast",
    ico="00997897",
    hostname="praha99.localhost",
    theme="namesti",  # the second theme, to show what a theme changes
    font="source-sans",
    editor_username="editor@praha99.localhost",
    data_box="p99abcd",
    street="Náměstí Svobody 99",
    postcode="199 00",
    city="Praha",
    email="podatelna@praha99.localhost",
    phone="+420 222 099 099",
    intro=(
        "Městská část Praha 99: 41 000 obyvatel, sídliště i původní vesnická zástavba, "
        "dva parky a nová knihovna v Komunitním centru Sluneční."
    ),
    pages=[
        (
            "Městská část",
            "mestska-cast",
            "Zastupitelstvo, rada a výbory městské části Praha 99.",
            "<p>Zastupitelstvo městské části má 35 členů a schází se zpravidla jednou "
            "měsíčně ve velkém sále úřadu.</p>",
        ),
        (
            "Úřad městské části",
            "urad",
            "Odbory, úřední hodiny a rezervace termínů.",
            "<p>Na vybrané agendy se můžete objednat online. Úřední dny jsou pondělí a středa.</p>",
        ),
        (
            "Komunitní centrum Sluneční",
            "komunitni-centrum",
            "Knihovna, klubovny a kurzy pro všechny generace.",
            "<p>Komunitní centrum nabízí knihovnu, tři klubovny a sál pro 120 osob.</p>",
        ),
    ],
    people=[
        ("", "Martina", "Veselá", "", "starostka", "starostka@praha99.localhost", ""),
        ("JUDr.", "Karel", "Marek", "", "tajemník", "tajemnik@praha99.localhost", ""),
        ("", "Jana", "Pokorná", "", "referentka sociálního odboru", "", "+420 222 099 120"),
    ],
)

DEMO_TOWNS = [LHOTA, HORNI_DOLNI, PRAHA_99]
