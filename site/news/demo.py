"""Demo news for the demo towns: a news index "Aktuality" with 22+ items over ~18 months.

``build_demo(municipality)`` is idempotent: the index, types and items are found by their
slugs before anything is created, and existing items are never changed, so running it again
(on any day) changes nothing.
"""

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from radnice.people.models import Person

from .models import NewsIndexPage, NewsPage, NewsPagePerson, NewsType

INDEX_SLUG = "aktuality"

NEWS_TYPES = [
    ("z-uradu", "Z úřadu"),
    ("doprava", "Doprava"),
    ("odpady-a-zivotni-prostredi", "Odpady a životní prostředí"),
    ("kultura-a-sport", "Kultura a sport"),
    ("investice", "Investice a opravy"),
    ("skolstvi", "Školství"),
]


# Positions of the people a news item names (as in the demo towns' people).
MAYOR = ("starosta", "starostka")
ACCOUNTANT = ("účetní", "ekonomka", "ekonom")
REGISTRAR = ("matrikářka", "matrikář")
BUILDING_OFFICE = ("vedoucí odboru výstavby",)


@dataclass(frozen=True)
class NewsItem:
    slug: str
    when: object  # days ago, or (month, day): the last such day, for seasonal news
    type_slug: str
    title: str
    teaser: str
    paragraphs: list
    tags: list = field(default_factory=list)
    quote: tuple = ()
    persons: list = field(default_factory=list)  # positions, see MAYOR...


@dataclass(frozen=True)
class TownProfile:
    """Words that make the shared news read as each town's own."""

    hall: str  # "Obecní úřad"
    hall_locative: str  # "na obecním úřadě"
    council: str  # "zastupitelstvo obce"
    square_locative: str  # "na návsi"
    road: str
    neighbour: str
    collection_point: str
    library_place: str
    school: str
    bus_line: str
    offset: int
    own_news: list = field(default_factory=list)


def shared_news(p):
    """News every town has, in its own words (``p``: the town's profile)."""
    return [
        NewsItem(
            "uzavirka-silnice-do-obce",
            12,
            "doprava",
            f"Uzavírka silnice {p.road}",
            f"Kvůli opravě povrchu bude silnice {p.road} tři týdny uzavřena; objízdná trasa "
            f"vede přes {p.neighbour}.",
            [
                f"Správce komunikace opravuje silnici {p.road}. Práce začnou v pondělí a "
                "potrvají přibližně tři týdny, podle počasí.",
                f"Objízdná trasa je vyznačena přes {p.neighbour}. Autobusy linky {p.bus_line} "
                "jezdí po objížďce a zastávky na uzavřeném úseku nebudou obsluhovány.",
                "Děkujeme za trpělivost a prosíme řidiče, aby respektovali přechodné dopravní "
                "značení.",
            ],
            ["uzavírka", "doprava"],
        ),
        NewsItem(
            "svoz-velkoobjemoveho-odpadu-jaro",
            (4, 10),
            "odpady-a-zivotni-prostredi",
            "Jarní svoz velkoobjemového odpadu",
            "V sobotu budou přistaveny velkoobjemové kontejnery na nábytek, koberce a další "
            "objemný odpad z domácností.",
            [
                f"Kontejnery budou přistaveny {p.square_locative} a u {p.collection_point} "
                "od 8 do 12 hodin. Odpad můžete přivézt i na vozíku.",
                "Do kontejnerů nepatří stavební suť, pneumatiky, elektrospotřebiče ani "
                "nebezpečný odpad. Ty odevzdáte při samostatném svozu nebezpečných odpadů.",
            ],
            ["odpady", "svoz"],
        ),
        NewsItem(
            "kotlikove-dotace-posledni-vyzva",
            70,
            "odpady-a-zivotni-prostredi",
            "Kotlíkové dotace: poslední výzva pro domácnosti",
            "Domácnosti, které ještě topí ve starém kotli na uhlí, mohou požádat o dotaci na "
            "tepelné čerpadlo nebo kotel na biomasu.",
            [
                "Kraj vyhlásil další kolo kotlíkových dotací. Příspěvek až 95 % ceny nového "
                "zdroje tepla mohou získat domácnosti seniorů a lidé s nízkými příjmy.",
                f"S vyplněním žádosti vám pomůžeme {p.hall_locative} v úředních hodinách. "
                "Vezměte s sebou fotografii stávajícího kotle a jeho výrobní štítek.",
                "Staré kotle 1. a 2. emisní třídy se od září 2022 nesmějí používat.",
            ],
            ["dotace", "ovzduší"],
            persons=[MAYOR],
        ),
        NewsItem(
            "vysledky-voleb",
            (10, 5),
            "z-uradu",
            "Výsledky voleb v našich okrscích",
            "Volební účast v našich okrscích byla 68,4 %. Podrobné výsledky zveřejnil Český "
            "statistický úřad na webu volby.cz.",
            [
                "Děkujeme všem voličům i členům okrskových volebních komisí, kteří zajistili "
                "hladký průběh voleb.",
                "Volební účast dosáhla 68,4 %, což je o tři procentní body více než při "
                "minulých volbách. Výsledky za jednotlivé okrsky najdete na webu volby.cz.",
            ],
            ["volby"],
        ),
        NewsItem(
            "nova-knihovna-otevira",
            150,
            "kultura-a-sport",
            "Nová knihovna otevírá své dveře",
            f"Knihovna se přestěhovala {p.library_place}. Nabízí "
            "bezbariérový vstup, dětský koutek a čítárnu s wi-fi.",
            [
                f"Po půlroční rekonstrukci se knihovna přestěhovala {p.library_place}. "
                "Čtenáři najdou přes osm tisíc svazků, deskové hry a dětský koutek.",
                "Registrace je pro děti do 15 let a seniory zdarma. Knihy si můžete "
                "rezervovat i v online katalogu.",
            ],
            ["knihovna", "kultura"],
            quote=(
                "Chtěli jsme, aby knihovna byla místem, kde se lidé rádi potkávají, nejen "
                "půjčovnou knih.",
                "vedoucí knihovny",
            ),
        ),
        NewsItem(
            "pozvanka-na-zasedani-zastupitelstva",
            20,
            "z-uradu",
            f"Pozvánka na veřejné zasedání: {p.council}",
            f"{p.council.capitalize()} projedná rozpočtové opatření, prodej pozemků a "
            "plán investic na příští rok.",
            [
                "Zasedání je veřejné a začíná v 18 hodin. Program a podklady najdete na "
                "úřední desce.",
                "Občané mohou vystoupit v bodě Diskuse; příspěvek prosíme nahlaste "
                "předsedajícímu na začátku jednání.",
            ],
            ["zastupitelstvo"],
            persons=[MAYOR],
        ),
        NewsItem(
            "poplatek-za-komunalni-odpad",
            (1, 15),
            "odpady-a-zivotni-prostredi",
            "Poplatek za komunální odpad je splatný do konce března",
            "Poplatek za odpad zůstává na 850 Kč za osobu a rok; zaplatit ho můžete "
            "převodem, kartou nebo v hotovosti.",
            [
                "Při platbě převodem uveďte jako variabilní symbol své rodné číslo bez "
                "lomítka nebo číslo popisné.",
                f"V hotovosti nebo kartou zaplatíte {p.hall_locative}. Děti do tří let a "
                "senioři nad 80 let jsou od poplatku osvobozeni.",
            ],
            ["odpady", "poplatky"],
            persons=[ACCOUNTANT],
        ),
        NewsItem(
            "ockovani-psu-proti-vztekline",
            (5, 20),
            "z-uradu",
            "Hromadné očkování psů proti vzteklině",
            f"Veterinář bude očkovat psy {p.square_locative} v sobotu od 9 do 11 hodin; "
            "cena očkování je 250 Kč.",
            [
                "Přineste s sebou očkovací průkaz psa. Psi musí mít náhubek a být na vodítku.",
                "Očkování proti vzteklině je pro psy starší šesti měsíců povinné.",
            ],
            ["zvířata"],
        ),
        NewsItem(
            "odecty-vodomeru",
            95,
            "z-uradu",
            "Odečty vodoměrů",
            "Pracovníci vodárenské společnosti budou během příštích dvou týdnů odečítat "
            "stavy vodoměrů.",
            [
                "Prosíme, zpřístupněte vodoměrné šachty. Pokud nebudete doma, nechte stav "
                "vodoměru na lístku ve schránce nebo ho nahlaste na zákaznickou linku.",
            ],
            ["voda"],
        ),
        NewsItem(
            "planovana-odstavka-elektriny",
            8,
            "z-uradu",
            "Plánovaná odstávka elektřiny",
            "Distributor ohlásil přerušení dodávky elektřiny ve čtvrtek od 7:30 do 14:00 "
            "kvůli údržbě vedení.",
            [
                "Odstávka se týká části obce podle mapy na webu distributora. Doporučujeme "
                "včas vypnout citlivé spotřebiče.",
            ],
            ["elektřina"],
        ),
        NewsItem(
            "oprava-chodniku-dokoncena",
            180,
            "investice",
            "Oprava chodníků je dokončena",
            "Nové chodníky ze zámkové dlažby a bezbariérové přechody jsou hotové; stavba "
            "skončila o dva týdny dříve.",
            [
                "Oprava stála 3,2 milionu korun, z toho 1,8 milionu pokryla dotace Státního "
                "fondu dopravní infrastruktury.",
                "Součástí stavby bylo i nové veřejné osvětlení a odvodnění.",
            ],
            ["investice", "chodníky"],
        ),
        NewsItem(
            "svoz-nebezpecneho-odpadu",
            (10, 12),
            "odpady-a-zivotni-prostredi",
            "Mobilní sběr nebezpečného odpadu",
            f"U {p.collection_point} bude v sobotu stát vůz na nebezpečný odpad: barvy, "
            "oleje, baterie, léky i zářivky.",
            [
                "Sběr je pro občany zdarma. Odpad přineste v uzavřených obalech a předejte ho "
                "přímo obsluze vozu.",
                "Vyřazené elektrospotřebiče můžete odevzdat kdykoli ve sběrném dvoře.",
            ],
            ["odpady", "nebezpečný odpad"],
        ),
        NewsItem(
            "urad-o-svatcich-uzavren",
            (12, 15),
            "z-uradu",
            f"{p.hall} bude o vánočních svátcích uzavřen",
            "Mezi svátky bude úřad uzavřen; matrika vyřizuje jen úmrtí.",
            [
                "Poslední úřední den v roce je 22. prosince. Od 2. ledna platí opět běžné "
                "úřední hodiny.",
                "Přejeme vám klidné prožití vánočních svátků a vše dobré do nového roku.",
            ],
            ["úřední hodiny"],
        ),
        NewsItem(
            "vysadba-stromu",
            (10, 25),
            "odpady-a-zivotni-prostredi",
            "Vysadili jsme 40 nových stromů",
            "Dobrovolníci, školáci a zaměstnanci úřadu vysadili lipovou alej a ovocné "
            "stromy podél cest.",
            [
                "Stromy jsme vybrali s ohledem na sucho: lípy srdčité, javory a staré odrůdy "
                "jabloní a hrušní.",
                "Děkujeme všem, kteří přiložili ruku k dílu, i za zapůjčené nářadí.",
            ],
            ["zeleň", "dobrovolníci"],
        ),
        NewsItem(
            "plan-zimni-udrzby",
            (11, 1),
            "doprava",
            "Plán zimní údržby komunikací",
            "Zimní údržba začíná hlavními silnicemi a autobusovými zastávkami; vedlejší "
            "ulice se uklízejí do 48 hodin.",
            [
                "Neparkujte prosím v úzkých ulicích tak, aby se neprojel sypač. Chodníky "
                "uklízíme ručně podle pořadí v plánu zimní údržby.",
            ],
            ["zimní údržba", "doprava"],
        ),
        NewsItem(
            "zapis-do-prvni-tridy",
            (3, 20),
            "skolstvi",
            "Zápis do první třídy",
            f"{p.school} zve budoucí prvňáčky k zápisu; rodiče mohou podat žádost i elektronicky.",
            [
                "K zápisu vezměte rodný list dítěte a svůj občanský průkaz. Zápis trvá asi "
                "dvacet minut a děti si při něm zahrají pár her.",
                "Žádost o odklad povinné školní docházky je třeba doložit doporučením "
                "poradny a dětského lékaře.",
            ],
            ["škola", "zápis"],
        ),
        NewsItem(
            "vitani-obcanku",
            120,
            "kultura-a-sport",
            "Vítání občánků",
            "V obřadní síni jsme přivítali jedenáct nových občánků a jejich rodiny.",
            [
                "Rodiče, kteří by se chtěli se svým dítětem zúčastnit příštího vítání, se "
                "mohou přihlásit na matrice.",
            ],
            ["vítání občánků"],
            persons=[MAYOR, REGISTRAR],
        ),
        NewsItem(
            "rozpocet-schvalen",
            (12, 12),
            "z-uradu",
            "Rozpočet na příští rok je schválen",
            "Zastupitelé schválili vyrovnaný rozpočet; nejvíce peněz půjde do oprav silnic "
            "a do školy.",
            [
                "Rozpočet počítá s příjmy i výdaji ve stejné výši. Největšími investicemi "
                "budou oprava místních komunikací a nová střecha školy.",
                "Schválený rozpočet najdete na úřední desce a v otevřených datech.",
            ],
            ["rozpočet", "zastupitelstvo"],
            persons=[MAYOR],
        ),
        NewsItem(
            "novy-jizdni-rad",
            (12, 10),
            "doprava",
            f"Nový jízdní řád autobusové linky {p.bus_line}",
            f"Od neděle jezdí linka {p.bus_line} častěji ve špičce a nově i o víkendech večer.",
            [
                "Ranní spoje ve všední dny jezdí každých 20 minut. Nový jízdní řád najdete "
                "na zastávkách a v aplikaci IDOS.",
            ],
            ["autobusy", "doprava"],
        ),
        NewsItem(
            "kontejnery-na-textil-a-oleje",
            420,
            "odpady-a-zivotni-prostredi",
            "Nové kontejnery na textil a jedlé oleje",
            "Na sběrných místech přibyly kontejnery na obnošené oblečení a na použité jedlé oleje.",
            [
                "Olej slévejte v uzavřených PET lahvích. Textil vkládejte čistý a suchý, "
                "ideálně v igelitové tašce.",
            ],
            ["odpady", "třídění"],
        ),
        NewsItem(
            "prorez-drevin-u-vedeni",
            (10, 1),
            "z-uradu",
            "Výzva k ořezu dřevin u elektrického vedení",
            "Vlastníci pozemků musí do konce listopadu odstranit větve, které zasahují do "
            "ochranného pásma vedení.",
            [
                "Pokud ořez neprovedete, udělá ho distributor na vlastní náklady a dřevo "
                "ponechá na pozemku.",
            ],
            ["elektřina", "zeleň"],
        ),
    ]


LHOTA = TownProfile(
    hall="Obecní úřad",
    hall_locative="na obecním úřadě",
    council="zastupitelstvo obce",
    square_locative="na návsi",
    road="III/3352 do Vranova",
    neighbour="Vranov a Zálesí",
    collection_point="hasičské zbrojnice",
    library_place="do přízemí obecního úřadu",
    school="Základní škola Lhota pod Lesem",
    bus_line="382",
    offset=0,
    own_news=[
        NewsItem(
            "oprava-hraze-rybnika-hejtman",
            60,
            "investice",
            "Oprava hráze rybníka Hejtman",
            "Hráz rybníka Hejtman dostane nové opevnění a bezpečnostní přeliv; rybník bude "
            "do jara vypuštěn.",
            [
                "Oprava je hrazena z dotace ministerstva zemědělství a bude stát 4,6 milionu "
                "korun.",
                "Cesta po hrázi bude během stavby uzavřena. Pěší mohou využít lesní cestu "
                "k Lesní studánce.",
            ],
            ["rybník", "investice"],
            persons=[MAYOR],
        ),
        NewsItem(
            "naucna-stezka-nove-tabule",
            (5, 5),
            "kultura-a-sport",
            "Naučná stezka k Lesní studánce má nové tabule",
            "Osm nových tabulí vypráví o historii obce, lesních broucích a o rybníku Hejtman.",
            [
                "Texty připravili žáci místní školy s lesníky. Stezka je dlouhá 3,5 km a "
                "zvládnou ji i rodiny s kočárkem.",
            ],
            ["turistika", "příroda"],
        ),
        NewsItem(
            "hasici-slavili-120-let",
            (6, 15),
            "kultura-a-sport",
            "Hasiči oslavili 120 let sboru",
            "Sbor dobrovolných hasičů oslavil 120. výročí založení ukázkami techniky a "
            "soutěží družstev.",
            [
                "Na návsi se sešlo přes tři sta lidí. Nejvíc obdivu sklidila historická "
                "ruční stříkačka z roku 1904.",
            ],
            ["hasiči", "výročí"],
            quote=("Bez dobrovolníků by naše obec nebyla tím, čím je.", "starosta obce"),
        ),
    ],
)

HORNI_DOLNI = TownProfile(
    hall="Městský úřad",
    hall_locative="na městském úřadě v přízemí radnice",
    council="zastupitelstvo města",
    square_locative="na Masarykově náměstí",
    road="II/295 do Vrchlabí",
    neighbour="Dolní Lánov",
    collection_point="sběrného dvora v Průmyslové ulici",
    library_place="do zrekonstruovaného domu č. p. 12 na Masarykově náměstí",
    school="Základní škola T. G. Masaryka",
    bus_line="640",
    offset=4,
    own_news=[
        NewsItem(
            "dolnodolsky-jarmark",
            (9, 22),
            "kultura-a-sport",
            "Dolnodolský jarmark přilákal tisíce návštěvníků",
            "Letošní jarmark nabídl 120 stánků řemeslníků, historický průvod a koncert na náměstí.",
            [
                "Děkujeme všem stánkařům, účinkujícím i technickým službám, které náměstí "
                "do rána uklidily.",
            ],
            ["jarmark", "kultura"],
        ),
        NewsItem(
            "zimni-stadion-nova-technologie",
            (8, 20),
            "investice",
            "Zimní stadion dostane novou chladicí technologii",
            "Nová čpavková technologie ušetří třetinu energie; bruslení začne o dva týdny "
            "později než obvykle.",
            [
                "Výměna chlazení stojí 28 milionů korun a je hrazena z úvěru a dotace "
                "Národní sportovní agentury.",
            ],
            ["sport", "investice"],
            persons=[BUILDING_OFFICE],
        ),
        NewsItem(
            "restaurovani-sgrafit-radnice",
            500,
            "investice",
            "Restaurátoři obnoví sgrafita na radnici",
            "Renesanční sgrafita na průčelí radnice čeká dvouleté restaurování; lešení "
            "zakryje fasádu do podzimu.",
            [
                "Práce probíhají pod dohledem Národního památkového ústavu. Vchod do radnice "
                "zůstává otevřený.",
            ],
            ["památky", "radnice"],
        ),
    ],
)

PRAHA_99 = TownProfile(
    hall="Úřad městské části",
    hall_locative="v klientském centru úřadu",
    council="zastupitelstvo městské části",
    square_locative="na náměstí Svobody",
    road="K Háji mezi ulicemi Sluneční a Lesní",
    neighbour="ulice Nádražní a Polní",
    collection_point="sběrného dvora Na Vlečce",
    library_place="do Komunitního centra Sluneční",
    school="ZŠ a MŠ Sluneční",
    bus_line="199",
    offset=9,
    own_news=[
        NewsItem(
            "revitalizace-parku-pod-sidlistem",
            45,
            "investice",
            "Revitalizace parku Pod Sídlištěm začíná",
            "Park dostane nové cesty, mlatové plochy, pítko a herní prvky pro děti i seniory.",
            [
                "Návrh vznikl z připomínek obyvatel při veřejném projednání. Park bude během "
                "stavby částečně uzavřen.",
            ],
            ["park", "zeleň", "investice"],
        ),
        NewsItem(
            "nove-zony-placeneho-stani",
            (8, 15),
            "doprava",
            "Nové zóny placeného stání od 1. září",
            "Rezidenti požádají o parkovací oprávnění online nebo v klientském centru úřadu.",
            [
                "Oprávnění pro první vozidlo rezidenta stojí 1 200 Kč ročně. Návštěvy mohou "
                "parkovat přes aplikaci až tři hodiny.",
            ],
            ["parkování", "doprava"],
        ),
        NewsItem(
            "komunitni-centrum-kurzy",
            (9, 10),
            "kultura-a-sport",
            "Komunitní centrum Sluneční otevírá kurzy pro seniory",
            "Kurzy práce s chytrým telefonem, trénování paměti a cvičení na židlích začínají "
            "v říjnu.",
            [
                "Kurzy jsou pro obyvatele městské části zdarma. Přihlásit se můžete osobně "
                "v komunitním centru nebo telefonicky.",
            ],
            ["senioři", "komunitní centrum"],
        ),
    ],
)

PROFILES = {"00991236": LHOTA, "00994561": HORNI_DOLNI, "00997897": PRAHA_99}


def generic_profile():
    return TownProfile(
        hall="Úřad",
        hall_locative="na úřadě",
        council="zastupitelstvo",
        square_locative="na náměstí",
        road="do sousední obce",
        neighbour="sousední obec",
        collection_point="sběrného místa",
        library_place="do nových prostor",
        school="Základní škola",
        bus_line="100",
        offset=2,
    )


def news_date(when, today):
    """``when`` days before ``today``, or the last (month, day) on or before ``today``."""
    if isinstance(when, int):
        return today - timedelta(days=when)
    month, day = when
    year = today.year if (month, day) <= (today.month, today.day) else today.year - 1
    return date(year, month, day)


def _body(item):
    blocks = [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in item.paragraphs]
    if item.quote:
        quote, attribution = item.quote
        blocks.insert(1, {"type": "quote", "value": {"quote": quote, "attribution": attribution}})
    return json.dumps(blocks, ensure_ascii=False)


def _persons(municipality, position_groups):
    """The town's people holding the positions (one person for each group of names)."""
    people = list(Person.objects.filter(municipality=municipality))
    chosen = []
    for positions in position_groups:
        for person in people:
            if person.position.lower() in positions and person not in chosen:
                chosen.append(person)
                break
    return chosen


def ensure_index(municipality):
    home = municipality.site.root_page.specific
    index = NewsIndexPage.objects.child_of(home).filter(slug=INDEX_SLUG).first()
    if index is None:
        index = NewsIndexPage(
            title="Aktuality",
            slug=INDEX_SLUG,
            intro="Zprávy a oznámení z radnice: doprava, odpady, kultura a dění na úřadě.",
            show_in_menus=True,
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def ensure_types(municipality):
    return {
        slug: NewsType.objects.get_or_create(
            municipality=municipality, slug=slug, defaults={"name": name}
        )[0]
        for slug, name in NEWS_TYPES
    }


def build_demo(municipality):
    """Create the demo news of ``municipality`` (idempotently); returns the news index."""
    profile = PROFILES.get(municipality.ico) or generic_profile()
    index = ensure_index(municipality)
    types = ensure_types(municipality)
    existing = set(NewsPage.objects.child_of(index).values_list("slug", flat=True))
    today = timezone.localdate()
    for item in [*shared_news(profile), *profile.own_news]:
        if item.slug in existing:
            continue
        published = news_date(item.when, today - timedelta(days=profile.offset))
        page = NewsPage(
            title=item.title,
            slug=item.slug,
            date=published,
            news_type=types[item.type_slug],
            teaser=item.teaser,
            body=_body(item),
            first_published_at=timezone.make_aware(datetime.combine(published, time(9, 0))),
        )
        page.tags.add(*item.tags)
        for person in _persons(municipality, item.persons):
            page.related_persons.add(NewsPagePerson(person=person))
        index.add_child(instance=page)
        page.save_revision().publish()
    return index
