"""A synthetic archive of Swedish municipal minutes, for benchmarks: any size, deterministic.

`generate_archive(out_dir, paragraphs)` writes one protocol file per meeting of a fictional
municipality: kommunfullmäktige (KF), kommunstyrelsen (KS), its arbetsutskott (KSAU) and three
to five nämnder, meeting over decades. Each protocol has a front page and numbered paragraphs:
the procedural ones first, then matters with a title, a case number (Dnr), a decision block in
the formulas of minutes-format.md, a summary, the documents it rests on and, now and then,
motions (yrkanden), a vote, a reservation and the recipients.

Matters travel: a motion is remitted by KF, prepared by KSAU and KS and answered by KF months
later; a detaljplan goes through samråd and granskning in the planning nämnd before KS and KF
adopt it. Each step keeps the case number but prints it in the style of the body (and era) that
writes it, and its status moves on (proposed -> proposed -> decided/answered/rejected...).

Text is assembled from templates, the glossary's Swedish terms by domain, compounds of them,
generated place and person names, and numbers, so an index of a large archive holds tens of
thousands of distinct terms. Files are plain UTF-8 text in three layouts (a word processor's
export, PDF-to-text with page furniture and wrapped lines, Markdown); the parser reads all
three exactly.

Same seed, size and municipality -> byte-identical files (for one version of this module and
of the glossary). Files are written one at a time, so memory stays flat whatever the size.
`SyntheticArchive` gives the protocols in memory with what each paragraph should parse to, and
the matters with every step they took.
"""

from __future__ import annotations

import datetime as dt
import heapq
import random
import re
import string
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from index.bodies import find_bodies, namnd_code
from index.headings import section_kind
from index.status import classify_decision

__all__ = [
    "ArchiveInfo",
    "SyntheticArchive",
    "SyntheticMatter",
    "SyntheticParagraph",
    "SyntheticProtocol",
    "generate_archive",
]

END_DATE = dt.date(2025, 12, 19)
FIRST_YEAR = 1971  # kommunreformen: no older municipality minutes
SPAN_YEARS = 31  # a mid-sized archive covers 1995-2025
MIN_MEAN, MAX_MEAN = 16, 40  # paragraphs per meeting, on average
MAX_MEETING = 60  # paragraphs in one meeting when many matters are due


# --- results ------------------------------------------------------------------------------------


class Avoid:
    """Names and case numbers an archive must not use: those of minutes it will be mixed
    with, so that a question about those minutes stays about them (see `avoid_from`)."""

    def __init__(self, names: frozenset[str] = frozenset(), cases: frozenset[str] = frozenset()):
        self.names = frozenset(n.casefold() for n in names)
        self.cases = cases

    def has(self, name: str) -> bool:
        return any(part.casefold() in self.names for part in re.split(r"[\s\-]+", name) if part)


def avoid_from(texts: list[str]) -> Avoid:
    """The proper nouns (capitalised words not opening a sentence) and case keys of texts."""
    from index.casenumber import find_case_numbers, parse_case_number

    names: set[str] = set()
    cases: set[str] = set()
    for text in texts:
        names.update(m.group(1) for m in re.finditer(r"(?<=[\w,] )([A-ZÅÄÖ][a-zåäöé]{2,})", text))
        for case in find_case_numbers(text):
            cases.add(case.key)
        for m in re.finditer(r"\b(?:19|20)\d\d/\d{1,5}\b", text):
            found = parse_case_number(m.group(0))
            if found:
                cases.add(found.bare_key)
    # Every series: a bare "2023/412" is avoided under any series letters.
    series = {"KF", "KS", "KSAU", "BUN", "BMN", "SN", "KFN", "TN", "UN", "VON", "MN", "ÄN"}
    cases |= {f"{s}-{bare}" for bare in {c.split("-", 1)[1] if c[0].isalpha() else c for c in cases} for s in series}
    return Avoid(frozenset(names), frozenset(cases))


@dataclass(frozen=True)
class ArchiveInfo:
    files: int
    paragraphs: int
    matters: int
    seconds: float


@dataclass(frozen=True)
class SyntheticParagraph:
    """What the generator wrote for one paragraph: what a parser should find."""

    number: str  # normalised, "47"
    printed: str  # the heading as printed, "KS § 47"
    title: str
    status: str
    next_body: str | None  # for proposed/forwarded: the body the wording names
    case_key: str | None  # "KS-2019-123"; None for procedural paragraphs without Dnr
    matter: int | None  # SyntheticMatter.id


@dataclass(frozen=True)
class SyntheticProtocol:
    filename: str
    body_code: str
    body: str
    date: dt.date
    text: str
    paragraphs: tuple[SyntheticParagraph, ...]


@dataclass
class SyntheticMatter:
    """One ärende: its case number and every step it took (date, body, paragraph, status)."""

    id: int
    kind: str
    series: str
    year: int
    number: int
    title: str
    steps: list[tuple[dt.date, str, str, str]] = field(default_factory=list)

    @property
    def case_key(self) -> str:
        return f"{self.series}-{self.year}-{self.number}"

    @property
    def status(self) -> str:
        return self.steps[-1][3] if self.steps else "unknown"


# --- word material ------------------------------------------------------------------------------

FIRST_NAMES = (
    "Anna Maria Karin Eva Lena Kerstin Ingrid Birgitta Marie Elisabeth Kristina Sofia Sara Emma "
    "Johanna Malin Jenny Linda Helena Annika Susanne Cecilia Camilla Ulrika Therese Hanna Elin Ida "
    "Josefin Frida Amanda Linnea Matilda Moa Ebba Agneta Margareta Gunilla Monica Ulla Britt Inger "
    "Åsa Carina Pia Lotta Petra Jessica Sandra Louise Nadia Fatima Amira Leila Mona Yasmin Tina "
    "Erik Lars Karl Anders Johan Per Nils Jan Mikael Hans Peter Thomas Daniel Fredrik Magnus Stefan "
    "Mats Henrik Jonas Marcus Andreas Niklas Patrik Martin Björn Göran Bengt Lennart Sven Olof "
    "Gustav Axel Oskar Viktor Emil Filip Anton Ulf Tommy Kent Roger Håkan Leif Bo Ove Rolf Kjell "
    "Stig Torbjörn Jörgen Christer Claes Mattias Joakim Tobias Sebastian Ahmed Ali Mohammed Hassan "
    "Omar Reza Dragan Mehmet Kenneth Rune Arne Ingvar Rasmus Jesper Linus Albin Elsa Alice Maja "
    "Per-Olof Lars-Erik Ann-Christin Ann-Marie Eva-Lena Karl-Johan Britt-Marie Jan-Erik"
).split()

SURNAMES = (
    "Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson "
    "Pettersson Jonsson Jansson Hansson Bengtsson Jönsson Lindberg Jakobsson Magnusson Olofsson "
    "Lindström Lindqvist Lindgren Axelsson Berg Bergström Lundberg Lind Lundgren Lundqvist Mattsson "
    "Berglund Fredriksson Sandberg Henriksson Forsberg Sjöberg Wallin Engström Eklund Danielsson "
    "Lundin Håkansson Björk Bergman Gunnarsson Holm Wikström Samuelsson Isaksson Fransson Bergqvist "
    "Nyström Holmberg Arvidsson Löfgren Söderberg Nyberg Blomqvist Claesson Nordström Mårtensson "
    "Lundström Viklund Björklund Eliasson Pålsson Berggren Sandström Nordin Ström Åberg Hermansson "
    "Ekström Holmgren Sundberg Hedlund Dahlberg Hellström Sjögren Abrahamsson Falk Martinsson Öberg "
    "Andreasson Strömberg Månsson Åkesson Norberg Lindholm Dahl Jonasson Sundström Hedberg Ek Strand "
    "Karimi Yilmaz Hussein Rahimi Nguyen Kovac Petrović Haddad Mansour Alinejad Boman Moberg Forsman"
).split()

_SURNAME_HEADS = (
    "Lind Berg Sjö Ek Alm Ask Bäck Dahl Fors Gran Hag Holm Kvarn Ljung Löv Mal Nord Norr Ros Sand "
    "Sten Sund Söder Tall Ved Wester Öst Ahl Blom Ceder Ed Fager Grön Hammar Hell Jern Kron Lilje "
    "Mo Pil Rönn Strand Tor Wik Hed Lund Ström Eng Asp Björn Borg Ulf Vall Åker Ny Hög"
).split()
_SURNAME_TAILS = (
    "berg ström lund qvist gren holm dahl blad man sten vall mark kvist feldt ling ander ius bäck "
    "hage gård näs ros hed"
).split()

# Parties: code, name in "Ledamöterna för ..." sentences, first and last year it sat.
PARTIES = (
    ("S", "Socialdemokraterna", 1971, 2100),
    ("M", "Moderaterna", 1971, 2100),
    ("C", "Centerpartiet", 1971, 2100),
    ("FP", "Folkpartiet liberalerna", 1971, 2015),
    ("L", "Liberalerna", 2015, 2100),
    ("KD", "Kristdemokraterna", 1985, 2100),
    ("V", "Vänsterpartiet", 1971, 2100),
    ("MP", "Miljöpartiet", 1982, 2100),
    ("SD", "Sverigedemokraterna", 2006, 2100),
)
_PARTY_WEIGHT = {"S": 30, "M": 20, "C": 9, "FP": 7, "L": 5, "KD": 6, "V": 7, "MP": 5, "SD": 13}

PLACE_HEADS = (
    "Björk Ek Sjö Lind Ask Gran Tall Rönn Al Hassel Lönn Alm Sol Mal Ny Norr Sör Väster Öster Berg "
    "Dal Lund Mos Hag Ång Kvarn Bro Strand Ås Hög Sand Sten Flo Kärr Ljung Myr Tor Vik Hammar Smed "
    "Stor Lill Kyrk Bäck Kull Lin Råg Rosen Lilje Fur Hjort Rå Tran Svan Örn Falk Ulv Björn Käll "
    "Bergs Mad Hed Ry Ed Ving Back Ängs Holm Näs Gär Fågel Tuv Kol Järn Hult Mjöl Skog Eke Lö"
).split()
PLACE_TAILS = (
    "backa by sta torp ängen vik holm dal berg lund hult ås näs hed fors bro sund tuna inge hamn "
    "mossen hagen udden åsen kärret skogen myra höjden slätt tegen malm vreten gärde löt boda ryd "
    "bol vall köping nora"
).split()
PLACE_FEATURES = (
    ("skolan", 3), ("vägen", 3), (" centrum", 2), ("parken", 2), ("hallen", 1), ("badet", 1),
    (" förskola", 2), ("gården", 1), (" industriområde", 1), ("torget", 1), (" idrottsplats", 1),
    ("biblioteket", 1), (" äldreboende", 1), (" hamn", 1), ("leden", 1),
)
STREET_HEADS = (
    "Lärk Tran Häger Svan Mås Falk Örn Duv Ek Björk Lind Asp Alm Rönn Gran Tall Hassel Syren Vide "
    "Klöver Blåbärs Lingon Hallon Smultron Vallmo Prästkrage Kornblom Linné Tegnér Geijer Runeberg "
    "Skolhus Kyrk Kvarn Såg Smedje Stations Hamn Bruks Mejeri Tull Post Park Strand Torg Gästgivar"
).split()
STREET_TAILS = ("vägen", "gatan", "stigen", "gränd", "backen", "allén", "slingan")
BLOCK_NAMES = (
    "Smedjan Kvarnen Lärkan Tranan Hägern Svanen Måsen Falken Örnen Duvan Eken Björken Linden "
    "Aspen Almen Rönnen Granen Tallen Ankaret Bagaren Skräddaren Sadelmakaren Garvaren Krukmakaren "
    "Hästen Oxen Räven Haren Bävern Uttern Gladan Vråken Spiran Kronan Stjärnan Månen Solen Kometen "
    "Tegelbruket Sågen Hyveln Släggan Plogen Harven Ljusstaken Klockan Posten Apoteket Rådhuset "
    "Tullen Vågen Fyren Bryggan Kajen Båken Mjölnaren Vävaren Laxen Gäddan Abborren Sälgen Viden "
    "Humlan Myran Syrsan Trasten Kajan Vipan Storken Gladiolan Tulpanen Liljan Rosen Klövern"
).split()

# Content words from the demo corpus, for the running text.
DEMO_WORDS = (
    "abonnemang anläggning arrendeavtal avloppsanläggning avrinningsområde barnkonsekvensanalys "
    "befolkningsprognos behovsanalys belysning bibliotek bilpool bostadsbebyggelse "
    "bostadsförsörjning budgetförutsättningar byggnadshöjd cykelparkering cykelstråk cykelväg "
    "dagvatten delegationsordning delårsrapport detaljplan driftskostnader effektiviseringskrav "
    "elförbrukning energieffektivisering fastighetsägare flerbostadshus "
    "fördröjningsdamm förskoleklass fritidshem föreningsliv gatubelysning grundvattennivåer "
    "hyresrätter idrottshallar internkontrollplan investeringsbudget investeringsram "
    "klimatanpassning kollektivtrafik kompetensförsörjning kostnadsberäkning kulturarv "
    "kulturskola lokalförsörjningsplan markanvisningar miljöpåverkan mobilitetsåtgärder "
    "naturvärdesinventering parkeringsnorm pendlarparkering planbeskrivning prioriteringslista "
    "projektering samlingslokaler skatteunderlagsprognos skolskjuts solcellsanläggningar "
    "strandskydd takrenoveringar tillagningskök tillgänglighetsanpassning trafikstrategi "
    "trafiksäkerhet underhållsplan utemiljö vattenskyddsområde ventilationsaggregat "
    "värmeåtervinning översiktsplan översvämning skyfall reservvattentäkt odlingslotter "
    "sommarlovsverksamhet skolfrånvaro elevhälsa vårdnadshavare äldreomsorg hemtjänst "
    "försörjningsstöd ensamkommande familjehem gymnasieskolan lärarbehörighet "
    "inomhustemperatur paviljonger tillbyggnad ombyggnad upphandling förfrågningsunderlag"
).split()

# Tails that make municipal compounds of a glossary word: "skol" + "utredning".
COMPOUND_TAILS = (
    "plan strategi utredning projekt bidrag avgift taxa policy program satsning insats verksamhet "
    "lokal anläggning område översyn inventering analys avtal samverkan tillsyn kontroll "
    "investering budget ram rapport uppföljning organisation enhet grupp frågor arbete behov "
    "kostnad åtgärder kö lista register system riktlinjer modell stöd fond portal nätverk "
    "samordnare handläggare statistik prognos"
).split()

ORGS = (
    "kommunledningskontoret", "ekonomienheten", "kanslienheten", "HR-avdelningen",
    "samhällsbyggnadsförvaltningen", "barn- och utbildningsförvaltningen", "socialförvaltningen",
    "kultur- och fritidsförvaltningen", "tekniska förvaltningen", "miljö- och byggförvaltningen",
    "exploateringsenheten", "planenheten", "näringslivsenheten", "upphandlingsenheten",
    "kommunikationsenheten", "digitaliseringsenheten", "fastighetsenheten", "elevhälsan",
)
LAWS = (
    "kommunallagen", "plan- och bygglagen", "socialtjänstlagen", "skollagen", "miljöbalken",
    "lagen om offentlig upphandling", "förvaltningslagen", "lagen om stöd och service till vissa "
    "funktionshindrade", "bibliotekslagen", "lagen om kommunernas bostadsförsörjningsansvar",
)
SENDERS = (
    "Länsstyrelsen", "Trafikverket", "Regionen", "Finansdepartementet", "Socialdepartementet",
    "Utbildningsdepartementet", "Naturvårdsverket", "Boverket", "Skolverket",
    "Myndigheten för samhällsskydd och beredskap", "Sveriges Kommuner och Regioner",
)
TITLES_OF_OFFICIALS = (
    "kommundirektör", "ekonomichef", "samhällsbyggnadschef", "utbildningschef", "socialchef",
    "kultur- och fritidschef", "teknisk chef", "planarkitekt", "controller", "miljöinspektör",
    "bygglovshandläggare", "HR-chef", "kanslichef", "näringslivschef", "förvaltningschef",
)
SERVICES = {
    "TN": ("vatten och avlopp", "avfallshantering", "parkering", "upplåtelse av offentlig plats",
           "slamtömning"),
    "BMN": ("plan- och bygglovsverksamheten", "tillsyn enligt miljöbalken", "livsmedelskontroll",
            "prövning och tillsyn enligt strålskyddslagen"),
    "MBN": ("plan- och bygglovsverksamheten", "tillsyn enligt miljöbalken", "livsmedelskontroll"),
    "SBN": ("plan- och bygglovsverksamheten", "kart- och mättjänster", "vatten och avlopp"),
    "KFN": ("uthyrning av idrottsanläggningar", "kulturskolan", "uthyrning av samlingslokaler",
            "badhuset"),
    "SN": ("hemtjänst", "trygghetslarm", "färdtjänst", "måltider i särskilt boende"),
    "VON": ("hemtjänst", "trygghetslarm", "måltider i särskilt boende"),
    "BUN": ("förskola och fritidshem", "kulturskolan", "skolmåltider för personal"),
    "UN": ("förskola och fritidshem", "skolmåltider för personal"),
}
WEEKDAYS = ("måndagen", "tisdagen", "onsdagen", "torsdagen", "fredagen", "lördagen", "söndagen")
MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
          "oktober", "november", "december")
ROOMS = ("Ekan", "Björken", "Sjösalen", "Lindsalen", "Rådhussalen", "Kupolen", "Tornet", "Aulan")

# Nämnder a municipality may have: name, its domains, its administration.
NAMNDER = (
    ("Barn- och utbildningsnämnden", ("schools",), "barn- och utbildningsförvaltningen"),
    ("Socialnämnden", ("social",), "socialförvaltningen"),
    ("Bygg- och miljönämnden", ("planning", "environment"), "miljö- och byggförvaltningen"),
    ("Kultur- och fritidsnämnden", ("culture",), "kultur- och fritidsförvaltningen"),
    ("Tekniska nämnden", ("environment", "planning"), "tekniska förvaltningen"),
    ("Vård- och omsorgsnämnden", ("social",), "vård- och omsorgsförvaltningen"),
    ("Utbildningsnämnden", ("schools",), "utbildningsförvaltningen"),
    ("Miljö- och byggnadsnämnden", ("planning", "environment"), "miljö- och byggförvaltningen"),
)
# Which nämnder a municipality has: one of each role, planning always.
_NAMND_ROLES = (
    ("Bygg- och miljönämnden", "Miljö- och byggnadsnämnden"),
    ("Barn- och utbildningsnämnden", "Utbildningsnämnden"),
    ("Socialnämnden", "Vård- och omsorgsnämnden"),
    ("Kultur- och fritidsnämnden",),
    ("Tekniska nämnden",),
)


# --- small helpers ------------------------------------------------------------------------------


def _slug(municipality: str) -> str:
    base = re.sub(r"\s+(kommun|stad|kommunförbund)$", "", municipality.strip(), flags=re.I)
    folded = base.lower().translate(str.maketrans("åäöéü", "aaoeu"))
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-") or "kommun"


def _place_base(municipality: str) -> str:
    return re.sub(r"\s+(kommun|stad|kommunförbund)$", "", municipality.strip(), flags=re.I)


def _long_date(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _money(rng: random.Random, scale: float) -> str:
    value = scale * (0.2 + rng.random() * 4.8)
    if value >= 1_000_000:
        return f"{value / 1_000_000:.1f}".replace(".", ",") + " miljoner kronor"
    rounded = int(value // 1000 * 1000) or 5000
    return f"{rounded:,}".replace(",", " ") + " kronor"


def _compound_head(word: str) -> str:
    if word.endswith("a") and len(word) > 4:
        return word[:-1]
    if word.endswith(("ning", "het", "tion", "else", "dom", "skap", "tet", "ism", "ande", "ende")):
        return word + "s"
    return word


def _wrap(text: str, width: int) -> list[str]:
    """Greedy wrap at spaces; never leaves "§", a dash or "Barn-" at a line's end or "12." at a
    line's start, which a parser reads as a heading, a bullet or a broken word."""
    words = text.split(" ")
    lines: list[str] = []
    current = words[0]
    for word in words[1:]:
        glue = (
            len(current) + 1 + len(word) <= width
            or word in ("–", "-")
            or current.endswith(("§", "-", "–"))
            or (len(word) <= 4 and word[-1:] in ".)" and word[:-1].isdigit())
        )
        if glue:
            current = f"{current} {word}"
        else:
            lines.append(current)
            current = word
    lines.append(current)
    return lines


# --- vocabulary -----------------------------------------------------------------------------------


def _pairs(rng: random.Random, heads, tails, count: int) -> list[tuple[str, str]]:
    """`count` distinct (head, tail) pairs drawn at random (fewer if there are not so many)."""
    heads, tails = list(heads), list(tails)
    total = len(heads) * len(tails)
    picks = rng.sample(range(total), min(count, total))
    return [(heads[i // len(tails)], tails[i % len(tails)]) for i in picks]


# Domains whose glossary terms name things a matter can be about; "governance" and "general"
# hold procedure words and verbs.
TOPIC_DOMAINS = ("planning", "environment", "schools", "social", "culture", "finance", "international")
_NOT_NOUN_ENDINGS = ("era", "isk", "iskt", "ande", "iv", "erad", "ärkt", "satt", "änd")
_NOT_NOUNS = frozenset("bygga förtäta flytta upphandla återbetala förorena".split())


@lru_cache(maxsize=1)
def _glossary_terms() -> dict[str, tuple[str, ...]]:
    """Swedish glossary nouns by topic domain that are safe inside any sentence: no status
    formula, no body's name, no abbreviation, no verb or adjective (by its ending)."""
    from .glossary import load_glossary

    by_domain: dict[str, list[str]] = {domain: [] for domain in TOPIC_DOMAINS}
    seen: set[str] = set()
    for entry in load_glossary().entries:
        if entry.domain not in by_domain:
            continue
        for term in entry.sv:
            if term in seen or len(term) < 5 or not re.fullmatch(r"[a-zåäöéü][a-zåäöéü\- ]*", term):
                continue
            seen.add(term)
            if term.endswith(_NOT_NOUN_ENDINGS) or term in _NOT_NOUNS:
                continue
            if find_bodies(term) or classify_decision(term).status != "unknown":
                continue
            # "migrationsverkets beslut" would end a title the parser reads as a section heading.
            if section_kind(f"Information om {term}") is not None:
                continue
            by_domain[entry.domain].append(term)
    return {domain: tuple(terms) for domain, terms in by_domain.items() if terms}


class _Vocabulary:
    """Terms, compounds, places and people of one municipality, drawn from one seed."""

    def __init__(self, rng: random.Random, municipality: str, size: int, avoid: Avoid | None = None):
        avoid = avoid or Avoid()
        self.rng = rng
        self.town = _place_base(municipality)
        terms = _glossary_terms()
        self.terms = terms
        self.domains = tuple(terms)
        # Single words of each domain, the heads of compounds.
        self.words = {d: tuple(t for t in ts if " " not in t and "-" not in t) for d, ts in terms.items()}
        all_words = sorted({w for d in self.domains for w in self.words[d] if 5 <= len(w) <= 13})
        tails = [t for t in COMPOUND_TAILS]
        pool = max(2000, min(60000, size // 2))
        compounds = [_compound_head(head) + tail for head, tail in _pairs(rng, all_words, tails, pool)]
        self.compounds = tuple(w for w in compounds if classify_decision(w).status == "unknown")
        # Places: localities, streets, blocks.
        n_places = max(25, min(2000, 20 + size // 120))
        names = [(h + t)[0] + (h + t)[1:].lower() for h, t in _pairs(rng, PLACE_HEADS, PLACE_TAILS, n_places + 20)]
        self.places = tuple(
            n for n in dict.fromkeys(names)
            if n != self.town and not re.search(r"bord|avsl|anta", n.lower()) and not avoid.has(n)
        )[:n_places]
        self.blocks = tuple(b for b in BLOCK_NAMES if not avoid.has(b)) or BLOCK_NAMES
        n_streets = max(30, min(4000, n_places * 2))
        streets = [h + t for h, t in _pairs(rng, STREET_HEADS, STREET_TAILS, n_streets // 2)]
        streets += [h + t for h, t in _pairs(rng, self.places, STREET_TAILS, n_streets - len(streets))]
        rng.shuffle(streets)
        self.streets = tuple(dict.fromkeys(streets))
        self.feature_names = tuple(f for f, w in PLACE_FEATURES for _ in range(w))
        # People.
        n_extra = max(40, min(1500, size // 80))
        extra = [h + t for h, t in _pairs(rng, _SURNAME_HEADS, _SURNAME_TAILS, n_extra)]
        self.surnames = tuple(n for n in dict.fromkeys(list(SURNAMES) + extra) if not avoid.has(n))

    # Draws; the first of a list is the commonest (Zipf-like), as words in real text are.
    def zipf(self, items: tuple[str, ...]) -> str:
        r = self.rng.random()
        return items[int(len(items) * r * r * r)]

    def term(self, domain: str) -> str:
        return self.zipf(self.terms[domain])

    def compound(self) -> str:
        return self.zipf(self.compounds)

    def place(self) -> str:
        return self.zipf(self.places)

    def feature(self, place: str | None = None) -> str:
        return (place or self.place()) + self.rng.choice(self.feature_names)

    def street(self) -> str:
        return self.zipf(self.streets)

    def property_name(self) -> str:
        rng = self.rng
        if rng.random() < 0.5:
            return f"{rng.choice(self.blocks)} {rng.randint(1, 24)}"
        return f"{self.place()} {rng.randint(1, 40)}:{rng.randint(1, 320)}"

    def company(self) -> str:
        rng = self.rng
        kind = rng.random()
        if kind < 0.25:
            return f"{self.town}hem AB"
        if kind < 0.45:
            return f"{self.town} Energi AB"
        if kind < 0.7:
            return f"{rng.choice(self.surnames)}s Bygg AB"
        if kind < 0.85:
            return f"{self.place()} Fastigheter AB"
        return f"{self.place()} Vatten och Avfall AB"

    def person_name(self) -> str:
        rng = self.rng
        return f"{rng.choice(FIRST_NAMES)} {self.zipf(self.surnames)}"


# --- politicians ----------------------------------------------------------------------------------


class _Politics:
    """Members per body and mandate period (elections every fourth year; 1994, 1998, ...)."""

    def __init__(self, rng: random.Random, vocab: _Vocabulary):
        self.rng = rng
        self.vocab = vocab
        self._rosters: dict[tuple[str, int], tuple[tuple[str, str], ...]] = {}
        self._officials: dict[tuple[str, int], tuple[str, str]] = {}

    @staticmethod
    def period(year: int) -> int:
        """The election year that started the mandate period holding `year`."""
        return year - (year - 1970) % 4 if year >= 1994 else year - (year - 1970) % 3

    def parties(self, year: int) -> list[str]:
        return [code for code, _, first, last in PARTIES if first <= year < last]

    def roster(self, code: str, year: int) -> tuple[tuple[str, str], ...]:
        """(name, party) of a body's members; the chair first."""
        key = (code, self.period(year))
        found = self._rosters.get(key)
        if found is not None:
            return found
        size = {"KF": self.rng.choice((41, 45, 49, 51)), "KS": self.rng.choice((11, 13, 15)),
                "KSAU": 5}.get(code, self.rng.choice((9, 11)))
        parties = self.parties(year)
        weights = [_PARTY_WEIGHT[p] for p in parties]
        members = []
        seen = set()
        # The majority party chairs.
        chair_party = "S" if self.rng.random() < 0.55 else "M"
        while len(members) < size:
            name = self.vocab.person_name()
            if name in seen:
                continue
            seen.add(name)
            party = chair_party if not members else self.rng.choices(parties, weights)[0]
            members.append((name, party))
        found = tuple(members)
        self._rosters[key] = found
        return found

    def official(self, title: str, year: int) -> str:
        key = (title, year // 5)
        found = self._officials.get(key)
        if found is None:
            found = (title, self.vocab.person_name())
            self._officials[key] = found
        return found[1]


# --- meetings -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Body:
    code: str
    name: str  # "Kommunstyrelsen"
    subject: str  # who acts in a decision: "Kommunstyrelsen", "Arbetsutskottet"
    genitive: str  # "Kommunstyrelsens"
    domains: tuple[str, ...]
    administration: str
    per_year: int  # meetings
    weight: float  # relative size of its meetings


def _bodies(rng: random.Random, n_namnder: int) -> list[_Body]:
    out = [
        _Body("KF", "Kommunfullmäktige", "Kommunfullmäktige", "Kommunfullmäktiges",
              ("finance", "planning", "social", "schools", "culture", "environment"),
              "kommunledningskontoret", 10, 1.0),
        _Body("KS", "Kommunstyrelsen", "Kommunstyrelsen", "Kommunstyrelsens",
              ("finance", "finance", "international", "planning", "environment", "social"),
              "kommunledningskontoret", 11, 1.2),
        _Body("KSAU", "Kommunstyrelsens arbetsutskott", "Arbetsutskottet", "Arbetsutskottets",
              ("finance", "finance", "international", "planning", "environment", "social"),
              "kommunledningskontoret", 21, 0.55),
    ]
    roles = list(_NAMND_ROLES)
    chosen = [rng.choice(roles[0])]
    rest = roles[1:]
    rng.shuffle(rest)
    for role in rest[: n_namnder - 1]:
        chosen.append(rng.choice(role))
    info = {name: (domains, admin) for name, domains, admin in NAMNDER}
    for name in chosen:
        domains, admin = info[name]
        out.append(_Body(namnd_code(name), name, name, name + "s", domains, admin, 11, 1.0))
    return out


def _meeting_dates(body: _Body, year: int, rng: random.Random) -> list[dt.date]:
    """A body's meetings in one year: monthly but not in July nor in the holidays (Christmas,
    midsummer, early January and August), KSAU twice a month."""
    months = [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12]
    if body.code == "KF":
        months = [2, 3, 4, 5, 6, 9, 10, 11, 12] + ([1] if year % 2 else [8])
    weekday = {"KF": 0, "KS": 1, "KSAU": 2}.get(body.code, 1 + sum(map(ord, body.code)) % 3)
    dates = []
    used: set[dt.date] = set()
    for month in months:
        weeks = (0, 2) if body.code == "KSAU" and month not in (1, 8) else (1 + rng.randint(0, 2),)
        for week in weeks:
            first = dt.date(year, month, 1)
            day = first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * week)
            while month in (6, 12) and day.day > 18:
                day -= dt.timedelta(days=7)
            while (month == 1 and day.day < 8) or (month == 8 and day.day < 10):
                day += dt.timedelta(days=7)
            if day.month != month or day in used:
                continue
            used.add(day)
            dates.append(day)
    return sorted(dates)


# --- case numbers and headings --------------------------------------------------------------------

_CASE_FORMATS = (
    "{s} {y}/{n}",
    "{s}-{y}/{n4}.{f}",
    "{s} {y}/{n}-{f}",
    "{s}.{y}.{n}",
    "{s} {y}:{n}",
    "{s} {y}/{n}",
)
_CASE_LABELS = ("Dnr ", "Dnr ", "Dnr: ", "Diarienummer ", "")


@dataclass(frozen=True)
class _Style:
    """How one body writes its protocols in one era."""

    heading: str  # plain | prefix | year4 | year2 | au
    case_format: str
    case_label: str
    case_place: str  # heading | below | above
    title_inline: bool
    summary: str
    decision_plain: bool  # "Beslut" rather than "Kommunstyrelsens beslut"
    recipients: str


def _style_for(seed: int, body: _Body, era: int) -> _Style:
    rng = random.Random(f"{seed}-style-{body.code}-{era}")
    heading = rng.choice(("plain", "prefix", "prefix", "year4", "year2"))
    if body.code == "KSAU" and rng.random() < 0.4:
        heading = "au"
    label = rng.choice(_CASE_LABELS)
    place = rng.choice(("heading", "heading", "below", "above"))
    fmt = rng.choice(_CASE_FORMATS)
    return _Style(
        heading=heading,
        case_format=fmt,
        case_label=label,
        case_place=place,
        title_inline=place != "heading" and rng.random() < 0.3,
        summary=rng.choice(("Sammanfattning", "Ärendebeskrivning", "Bakgrund", "Sammanfattning av ärendet")),
        decision_plain=rng.random() < 0.2,
        recipients=rng.choice(("Beslutet skickas till", "Beslutet ska skickas till", "Expedieras till",
                               "Beslutsexpediering")),
    )


def _print_case(style: _Style, series: str, year: int, number: int, filing: str, rng: random.Random) -> str:
    fmt = style.case_format if rng.random() < 0.85 else rng.choice(_CASE_FORMATS)
    printed = fmt.format(s=series, y=year, n=number, n4=f"{number:04d}", f=filing)
    label = style.case_label
    if not label and rng.random() < 0.1:
        label = "Dnr "
    return label + printed


# --- matters --------------------------------------------------------------------------------------

# Final outcomes of a matter at its deciding body, by kind: (status, weight).
_OUTCOMES = {
    "motion": (("answered", 45), ("rejected", 33), ("decided", 17), ("referred_back", 3), ("tabled", 2)),
    "medborgarförslag": (("answered", 45), ("rejected", 35), ("decided", 16), ("referred_back", 2),
                         ("tabled", 2)),
    "application": (("decided", 70), ("rejected", 24), ("referred_back", 3), ("tabled", 3)),
    "default": (("decided", 90), ("referred_back", 4), ("tabled", 4), ("rejected", 2)),
}


@dataclass
class _Matter:
    record: SyntheticMatter
    kind: str
    origin: str  # body code where it started
    domain: str
    filing: str
    v: dict  # template values fixed for the matter: topic, place, person, ...
    route: list[tuple[str, str]]  # remaining steps: (body code, role)
    outcome: str
    last: tuple[dt.date, _Body, str] | None = None  # previous step: date, body, paragraph
    steps_done: int = 0


# --- the generator --------------------------------------------------------------------------------


class SyntheticArchive:
    """Iterate `protocols()` to get the archive file by file; `matters` fills as it goes."""

    def __init__(self, paragraphs: int, seed: int = 1, municipality: str = "Sjöbacka kommun",
                 keep_matters: bool = True, avoid: Avoid | None = None, end: dt.date = END_DATE):
        if paragraphs < 1:
            raise ValueError("paragraphs must be at least 1")
        self.total = paragraphs
        self.end = end
        self.seed = seed
        self.municipality = municipality.strip()
        self.keep_matters = keep_matters
        self.matters: list[SyntheticMatter] = []
        self.matter_count = 0
        self.rng = random.Random(f"minutesbot-synthetic-{seed}")
        rng = self.rng
        self.avoid = avoid or Avoid()
        self.vocab = _Vocabulary(rng, self.municipality, paragraphs, self.avoid)
        self.politics = _Politics(rng, self.vocab)
        n_namnder = rng.choice((3, 4, 5)) if paragraphs < 20000 else 5
        self.bodies = _bodies(rng, n_namnder)
        self.by_code = {b.code: b for b in self.bodies}
        self.namnder = [b for b in self.bodies if b.code not in ("KF", "KS", "KSAU")]
        self.planning = self.namnder[0]
        self.slug = _slug(self.municipality)
        self._styles: dict[tuple[str, int], _Style] = {}
        self._queues: dict[str, list] = {b.code: [] for b in self.bodies}
        self._seq = 0
        self._case_counter: dict[tuple[str, int], int] = {}
        self._paragraph_counter: dict[tuple[str, int], int] = {}
        self._meeting_counter: dict[tuple[str, int], int] = {}
        self._yearly: set[tuple[str, int]] = set()
        self._yearly_titles: set[tuple[str, str]] = set()
        self._filing: dict[str, str] = {}
        self._formatter = string.Formatter()
        self._fields: dict[str, tuple[str, ...]] = {}

    # -- schedule ------------------------------------------------------------------------------

    def _start(self) -> dt.date:
        """First day of the archive: SPAN_YEARS back for a mid-sized archive, fewer years for a
        small one (meetings keep at least MIN_MEAN paragraphs), more for a large one."""
        per_year = sum(b.per_year for b in self.bodies)
        mean = min(max(self.total / (per_year * SPAN_YEARS), MIN_MEAN), MAX_MEAN)
        years = self.total / (per_year * mean)
        years = min(years, self.end.year - FIRST_YEAR)  # then meetings grow instead
        return self.end - dt.timedelta(days=int(years * 365.25) + 20)

    def _meetings(self) -> Iterator[tuple[dt.date, _Body]]:
        start = self._start()
        year = start.year
        while True:
            day_rng = random.Random(f"{self.seed}-dates-{year}")
            found = []
            for body in self.bodies:
                for day in _meeting_dates(body, year, day_rng):
                    if day >= start:
                        found.append((day, len(found), body))
            found.sort(key=lambda item: (item[0], item[1]))
            for day, _, body in found:
                yield day, body
            year += 1

    # -- the archive -----------------------------------------------------------------------------

    def protocols(self) -> Iterator[SyntheticProtocol]:
        """The archive's protocols in date order, together holding exactly `paragraphs`."""
        meetings = self._meetings()
        # The schedule up to the last day, weighted by each body's meeting size; a few thousand
        # entries even for a large archive.
        schedule: list[tuple[dt.date, _Body]] = []
        for day, body in meetings:
            if day > self.end:
                break
            schedule.append((day, body))
        weight_left = [0.0] * (len(schedule) + 1)
        for i in range(len(schedule) - 1, -1, -1):
            weight_left[i] = weight_left[i + 1] + schedule[i][1].weight
        remaining = self.total
        index = 0
        while remaining > 0:
            if index < len(schedule):
                day, body = schedule[index]
                left = weight_left[index]
            else:  # more to write than the schedule holds: meet on past the last day
                day, body = next(meetings)
                left = body.weight
            index += 1
            # Meetings grow when many matters are due, so their size is steered by what is
            # left to write over the meetings left.
            mean = min(max(remaining / left, 4), MAX_MEETING)
            want = max(5, round(mean * body.weight * (0.65 + 0.7 * self.rng.random())))
            protocol = self._protocol(day, body, want, remaining)
            remaining -= len(protocol.paragraphs)
            yield protocol

    def style(self, body: _Body, year: int) -> _Style:
        key = (body.code, (year - 1971) // 6)
        found = self._styles.get(key)
        if found is None:
            found = _style_for(self.seed, body, key[1])
            self._styles[key] = found
        return found

    # -- one meeting -----------------------------------------------------------------------------

    def _protocol(self, day: dt.date, body: _Body, want: int, remaining: int) -> SyntheticProtocol:
        """One meeting of about `want` paragraphs, more when many matters are due (up to
        MAX_MEETING), never more than `remaining`, and all of them when few would be left."""
        rng = self.rng
        year = day.year
        queue = self._queues[body.code]
        ready = 0
        for item in queue:  # a heap: count the due ones without popping
            ready += item[0] <= day
        count = min(remaining, max(want, min(MAX_MEETING, ready + 4)))
        if remaining - count < 5:
            count = remaining
        style = self.style(body, year)
        layout = rng.choices(("clean", "pdf", "md"), (55, 33, 12))[0]
        meeting_no = self._meeting_counter.get((body.code, year), 0) + 1
        self._meeting_counter[(body.code, year)] = meeting_no
        first = self._paragraph_counter.get((body.code, year), 0) + 1
        self._paragraph_counter[(body.code, year)] = first + count - 1
        roster = self.politics.roster(body.code, year)
        present = [m for m in roster if rng.random() < 0.92] or list(roster)
        if roster[0] not in present:
            present.insert(0, roster[0])
        adjuster = rng.choice(present[1:] or present)
        adjusting = day + dt.timedelta(days=rng.randint(3, 8))
        ctx = _Meeting(day, body, style, layout, meeting_no, present, adjuster, adjusting)

        items: list[tuple[str, list]] = []  # (kind, blocks) per paragraph
        specs: list[SyntheticParagraph] = []
        procedural = self._procedural(ctx, count)
        work: list[tuple[str, object]] = [("proc", p) for p in procedural]
        # The budget in the autumn, the annual report in the spring: KS prepares them for KF.
        if body.code == "KS" and len(work) < count:
            for kind, months in (("budget", (10, 11)), ("årsredovisning", (3, 4))):
                if day.month in months and (kind, year) not in self._yearly:
                    self._yearly.add((kind, year))
                    work.append(("matter", self._new_matter(ctx, kind)))
                    break
        while queue and queue[0][0] <= day and len(work) < count:
            work.append(("matter", heapq.heappop(queue)[2]))
        while len(work) < count:
            work.append(("matter", self._new_matter(ctx)))
        number = first
        for kind, what in work:
            if kind == "proc":
                blocks, spec = self._render_procedural(ctx, number, what)
            else:
                blocks, spec = self._render_matter(ctx, number, what)
            items.append((kind, blocks))
            specs.append(spec)
            number += 1
        text = self._layout(ctx, items, first, number - 1)
        ext = "md" if layout == "md" else "txt"
        filename = f"{self.slug}-{body.code.lower()}-{day.isoformat()}.{ext}"
        return SyntheticProtocol(filename, body.code, body.name, day, text, tuple(specs))

    def _procedural(self, ctx: _Meeting, count: int) -> list[str]:
        code = ctx.body.code
        rng = self.rng
        out = ["justerare"]
        if rng.random() < 0.8:
            out.append("dagordning")
        if code == "KF":
            if rng.random() < 0.3:
                out.append("frågestund")
            if rng.random() < 0.5:
                out.append("meddelanden")
        elif code != "KSAU":
            out += ["delegation", "meddelanden"]
        elif rng.random() < 0.3:
            out.append("information")
        # Big meetings keep their procedural paragraphs; small ones (the archive's last) trim.
        limit = max(1, count // 3)
        return out[:limit]

    # -- matters ---------------------------------------------------------------------------------

    def _case_number(self, series: str, year: int) -> int:
        n = self._case_counter.get((series, year), 30 + self.rng.randint(0, 20))
        n += 1 + int(self.rng.random() ** 2 * 8)
        while f"{series}-{year}-{n}" in self.avoid.cases:
            n += 1
        self._case_counter[(series, year)] = n
        return n

    def _new_matter(self, ctx: _Meeting, kind: str | None = None) -> _Matter:
        rng = self.rng
        body = ctx.body
        day = ctx.day
        code = body.code
        kinds = _KINDS_BY_ORIGIN["namnd" if code not in ("KF", "KS", "KSAU") else code]
        kind = kind or rng.choices(kinds[0], kinds[1])[0]
        if kind == "detaljplan" and body is not self.planning:
            kind = "own"
        domain = rng.choice(body.domains)
        series = "KS" if code in ("KF", "KS", "KSAU") else code
        year = day.year
        number = self._case_number(series, year)
        matter_id = self.matter_count
        self.matter_count += 1
        v = self._values(kind, body, domain, day)
        route, outcome = self._route(kind, body, v)
        record = SyntheticMatter(matter_id, kind, series, year, number, v["title"])
        if self.keep_matters:
            self.matters.append(record)
        filing = f"{rng.randint(0, 9)}{rng.randint(0, 9)}{rng.randint(1, 9)}"
        return _Matter(record, kind, code, domain, filing, v, route, outcome)

    def _values(self, kind: str, body: _Body, domain: str, day: dt.date) -> dict:
        rng = self.rng
        vocab = self.vocab
        topic = vocab.term(domain)
        place = vocab.place()
        v = {"topic": topic, "place": place, "domain": domain, "started": day}
        year = day.year
        if kind in ("motion", "medborgarförslag", "interpellation"):
            parties = self.politics.parties(year)
            person = vocab.person_name()
            party = rng.choice(parties)
            v["person"] = person
            v["party"] = party
            subject = rng.choice((
                f"{topic} i {place}", f"att utreda {topic}", f"{topic} för alla",
                f"förbättringar inom {topic}", f"{vocab.compound()} i {place}", f"{topic} vid {vocab.feature(place)}",
                f"att införa {vocab.compound()}", f"att inrätta {vocab.compound()}",
            ))
            v["subject"] = subject
            noun = {"motion": "motion", "medborgarförslag": "medborgarförslag",
                    "interpellation": "interpellation"}[kind]
            v["title"] = f"{noun.capitalize()} om {subject}"
            if kind == "medborgarförslag":
                v["person"] = vocab.person_name()
        elif kind == "detaljplan":
            prop = vocab.property_name()
            v["property"] = prop
            v["title"] = f"Detaljplan för {prop} m.fl., {place}"
            v["homes"] = rng.randint(4, 60) * 5
        elif kind == "taxa":
            services = SERVICES.get(body.code) or ("uthyrning av lokaler",)
            service = rng.choice(services)
            v["service"] = service
            v["title"] = rng.choice((f"Taxa för {service} {year + 1}", f"Revidering av taxa för {service}",
                                     f"Ny taxa för {service}"))
        elif kind == "policy":
            doc = rng.choice(("Riktlinjer", "Policy", "Handlingsplan", "Program", "Strategi", "Plan"))
            other = vocab.term(domain)
            subject = rng.choice((topic, vocab.compound(), f"{topic} och {other}" if other != topic else topic))
            span = f" {year + 1}–{year + rng.choice((3, 4, 5))}" if rng.random() < 0.4 else ""
            phrase = f"{doc.lower()} för {subject}{span}"
            if rng.random() < 0.3:
                v["title"] = f"Revidering av {phrase}"
                adjective = {"Riktlinjer": "reviderade", "Program": "reviderat"}.get(doc, "reviderad")
                v["act"] = f"anta {adjective} {phrase}"
            else:
                v["title"] = phrase[0].upper() + phrase[1:]
                v["act"] = f"anta {phrase}"
        elif kind == "avtal":
            company = vocab.company()
            v["company"] = company
            v["title"] = rng.choice((
                f"Avtal om {topic} med {company}", f"Markanvisningsavtal för {vocab.property_name()}",
                f"Exploateringsavtal för {vocab.property_name()}, {place}",
                f"Samverkansavtal om {vocab.compound()}",
                f"Försäljning av del av fastigheten {vocab.property_name()}",
                f"Köp av fastigheten {vocab.property_name()}",
            ))
        elif kind == "investering":
            v["amount"] = _money(rng, 5_000_000)
            v["title"] = rng.choice((
                f"Investeringsbeslut för {vocab.feature(place)}", f"Ombyggnad av {vocab.feature(place)}",
                f"Tilläggsanslag för {vocab.compound()}", f"Projektering av ny {vocab.compound()} i {place}",
                f"Utbyggnad av {topic} i {place}",
            ))
        elif kind == "yttrande":
            sender = rng.choice(SENDERS)
            v["sender"] = sender
            v["title"] = rng.choice((
                f"Yttrande över {sender.lower() if sender != 'Sveriges Kommuner och Regioner' else 'SKR'}s "
                f"förslag om {topic}",
                f"Remissvar om {vocab.compound()}",
                f"Yttrande över samrådshandling för {vocab.street()}",
                f"Yttrande över förslag till regional {vocab.compound()} {year + 1}–{year + 12}",
            )).replace("SKRs", "Sveriges Kommuner och Regioners")
        elif kind == "information":
            v["title"] = rng.choice((
                f"Information om {topic}", f"Information om {vocab.compound()}",
                f"Redovisning av {vocab.compound()} {year}", f"Uppföljning av {topic}",
                f"Information från {rng.choice(ORGS)} om {topic}",
                f"Lägesrapport om {vocab.feature(place)}",
            ))
        elif kind == "budget":
            v["title"] = f"Mål och budget {year + 1} med plan för {year + 2}–{year + 3}"
            v["rate"] = f"{20 + rng.random() * 3:.2f}".replace(".", ",")
            v["amount"] = _money(rng, 400_000_000)
        elif kind == "årsredovisning":
            v["title"] = f"Årsredovisning {year - 1}"
            v["amount"] = _money(rng, 30_000_000)
        elif kind == "val":
            nb = rng.choice(self.namnder)
            v["namnd"] = nb.name.lower()
            v["person"] = vocab.person_name()
            v["party"] = rng.choice(self.politics.parties(year))
            v["role"] = rng.choice(("ledamot", "ersättare"))
            v["title"] = rng.choice((
                f"Val av {v['role']} i {nb.name.lower()}",
                f"Entledigande av {v['person']} ({v['party']}) från uppdrag som {v['role']} i {nb.name.lower()}",
                f"Fyllnadsval av {v['role']} i {nb.name.lower()}",
            ))
        elif kind == "application":
            v["amount"] = _money(rng, 200_000)
            v["title"] = rng.choice((
                f"Ansökan om bidrag till {vocab.compound()}", f"Begäran om medel för {topic}",
                f"Ansökan om {vocab.compound()} för {vocab.feature(place)}",
            ))
        else:  # own: a body's own business
            v["title"], v["act"] = self._own_matter(body, domain, topic, place, year)
        return v

    def _own_matter(self, body: _Body, domain: str, topic: str, place: str, year: int) -> tuple[str, str]:
        rng = self.rng
        vocab = self.vocab
        code = body.code
        prop = vocab.property_name()
        if "planning" in body.domains and code not in ("KS", "KSAU") and rng.random() < 0.7:
            choice = rng.randrange(5)
            if choice == 0:
                return (f"Bygglov för nybyggnad av {rng.choice(('enbostadshus', 'flerbostadshus', 'förråd', 'garage', 'lagerbyggnad', 'industribyggnad'))} på fastigheten {prop}",
                        "bevilja bygglov med stöd av 9 kap. 30 § plan- och bygglagen")
            if choice == 1:
                return (f"Strandskyddsdispens för {rng.choice(('brygga', 'bastu', 'komplementbyggnad', 'sjöbod'))} på fastigheten {prop}",
                        "ge dispens från strandskyddsbestämmelserna för den sökta åtgärden")
            if choice == 2:
                return (f"Föreläggande om åtgärder för avloppsanläggning på fastigheten {prop}",
                        "förelägga fastighetsägaren att åtgärda avloppsanläggningen senast inom ett år")
            if choice == 3:
                return (f"Namnsättning av gator i {place}",
                        f"fastställa namnen {vocab.street()} och {vocab.street()}")
            return (f"Planbesked för fastigheten {prop}", "lämna positivt planbesked för den sökta åtgärden")
        if "schools" in body.domains:
            return self._once_a_year(code, year, (
                (f"Läsårstider {year}/{year + 1}", f"fastställa läsårstider för läsåret {year}/{year + 1}"),
                (f"Skolorganisation i {place}", f"inrätta {topic} vid {place}skolan"),
                (f"Ansökan om statsbidrag för {topic}", "ansöka om statsbidraget enligt förvaltningens förslag"),
                (f"Upptagningsområde för {place}skolan", f"fastställa nytt upptagningsområde för {place}skolan"),
                (f"Internkontrollplan {year}", f"anta internkontrollplan för {year}"),
            ))
        if "social" in body.domains:
            return self._once_a_year(code, year, (
                (f"Riktlinjer för {topic}", f"anta riktlinjer för {topic}"),
                (f"Föreningsbidrag till {vocab.compound()}", f"bevilja föreningsbidrag om {_money(rng, 100_000)}"),
                ("Individärende", "bevilja insatsen enligt förvaltningens förslag"),
                (f"Avgifter inom {topic} {year + 1}", f"fastställa avgifterna inom {topic} för {year + 1}"),
                (f"Internkontrollplan {year}", f"anta internkontrollplan för {year}"),
            ))
        if "culture" in body.domains:
            return self._once_a_year(code, year, (
                (f"Föreningsbidrag {year}", f"fördela föreningsbidrag för {year} enligt bilaga"),
                (f"Kulturstipendium {year}", f"utse {vocab.person_name()} till kulturstipendiat {year}"),
                (f"Öppettider för {place}biblioteket", f"fastställa nya öppettider för {place}biblioteket"),
                (f"Driftsformer för {vocab.feature(place)}", "godkänna förvaltningens förslag om driftsform"),
            ))
        if "environment" in body.domains:
            return self._once_a_year(code, year, (
                (f"Lokala trafikföreskrifter för {vocab.street()}", f"anta lokala trafikföreskrifter för {vocab.street()}"),
                (f"Upphandling av {topic}", "godkänna förfrågningsunderlaget för upphandlingen"),
                (f"Gång- och cykelväg längs {vocab.street()}", f"godkänna projektering av gång- och cykelväg i {place}"),
                (f"Underhållsplan för {vocab.feature(place)}", "godkänna underhållsplanen"),
            ))
        return self._once_a_year(code, year, (
            (f"Medfinansiering av {vocab.compound()}", f"medfinansiera projektet med {_money(rng, 300_000)}"),
            (f"Deltagande i {vocab.compound()}", "godkänna deltagandet enligt förvaltningens förslag"),
            (f"Uppdrag om {topic}", f"uppdra åt kommundirektören att utreda {topic}"),
            (f"Firmatecknare för {self.vocab.town} kommun", "utse firmatecknare enligt bilaga"),
            (f"Attestordning {year}", f"fastställa attestordning för {year}"),
        ))

    def _once_a_year(self, code: str, year: int, options: tuple[tuple[str, str], ...]) -> tuple[str, str]:
        """One of a body's own matters; one that names its year ("Läsårstider 2024/2025",
        "Attestordning 2024") is decided once that year, as a body does."""
        fresh = [o for o in options if str(year) not in o[0] or (code, o[0]) not in self._yearly_titles]
        title, act = self.rng.choice(fresh or [o for o in options if str(year) not in o[0]] or options)
        if str(year) in title:
            self._yearly_titles.add((code, title))
        return title, act

    def _route(self, kind: str, body: _Body, v: dict) -> tuple[list[tuple[str, str]], str]:
        """The steps a new matter will take after the present one, and its final outcome."""
        rng = self.rng
        code = body.code
        outcomes = _OUTCOMES.get(kind) or _OUTCOMES["default"]
        outcome = rng.choices([o for o, _ in outcomes], [w for _, w in outcomes])[0]
        if kind in ("motion", "medborgarförslag"):
            route = [("KF", "remit")]
            # The nämnd whose field the matter is in answers or gives its opinion.
            fitting = [nb for nb in self.namnder if v["domain"] in nb.domains] or self.namnder
            nb = rng.choice(fitting)
            if kind == "medborgarförslag" and rng.random() < 0.4:
                v["namnd_code"] = nb.code
                return route + [(nb.code, "final")], outcome
            if rng.random() < 0.35:
                route.append((nb.code, "opinion"))
            if rng.random() < 0.75:
                route.append(("KSAU", "prepare"))
            route += [("KS", "prepare"), ("KF", "final")]
            return route, outcome
        if kind == "interpellation":
            return [("KF", "remit"), ("KF", "final")], "answered"
        if kind == "detaljplan":
            route = [(code, "planbesked")] if rng.random() < 0.4 else []
            route += [(code, "samråd"), (code, "granskning")]
            if rng.random() < 0.5:
                route += [(code, "prepare"), ("KS", "prepare"), ("KF", "final")]
            else:
                route.append((code, "final"))
            return route, "decided" if rng.random() < 0.93 else outcome
        if kind in ("budget", "årsredovisning"):
            return [("KS", "prepare"), ("KF", "final")], "decided"
        if kind == "information":
            return [(code, "info")], "noted"
        if kind == "val":
            return [("KF", "final")], "decided"
        if kind == "taxa":
            return [(code, "prepare"), ("KS", "prepare"), ("KF", "final")], outcome
        if kind in ("policy", "investering"):
            if code == "KSAU":
                tail = [("KSAU", "prepare"), ("KS", "prepare"), ("KF", "final")]
                if kind == "investering" or rng.random() < 0.4:
                    tail = [("KSAU", "prepare"), ("KS", "final")]
                return tail, outcome
            if code == "KS":
                return ([("KS", "prepare"), ("KF", "final")] if rng.random() < 0.5 else [("KS", "final")]), outcome
            if rng.random() < 0.3:
                return [(code, "prepare"), ("KS", "prepare"), ("KF", "final")], outcome
            return [(code, "final")], outcome
        if kind == "application":
            if code not in ("KF", "KS", "KSAU") and rng.random() < 0.3:
                return [(code, "prepare"), ("KS", "final")], outcome
            if code == "KSAU" and rng.random() < 0.7:
                return [("KSAU", "prepare"), ("KS", "final")], outcome
            return [(code, "final")], outcome
        if kind in ("avtal", "yttrande"):
            # KSAU decides some by delegation; most it prepares for KS.
            if code == "KSAU" and rng.random() < 0.7:
                return [("KSAU", "prepare"), ("KS", "final")], outcome
            return [(code, "final")], outcome
        return [(code, "final")], outcome

    def _schedule(self, matter: _Matter, body_code: str, after: dt.date, days: int) -> None:
        self._seq += 1
        ready = after + dt.timedelta(days=days)
        heapq.heappush(self._queues[body_code], (ready, self._seq, matter))

    # -- rendering a matter's step ---------------------------------------------------------------

    def _render_matter(self, ctx: _Meeting, number: int, matter: _Matter) -> tuple[list, SyntheticParagraph]:
        rng = self.rng
        body = ctx.body
        role = matter.route[0][1] if matter.route else "final"
        if matter.route and matter.route[0][0] == body.code:
            matter.route.pop(0)
        status, next_body, decision = self._decide(ctx, matter, role)
        title = self._title(matter, role, body)
        rec = matter.record
        case = _print_case(ctx.style, rec.series, rec.year, rec.number, matter.filing, rng)
        heading = self._heading(ctx, number)
        blocks: list[tuple[str, object]] = [("H", heading), ("T", title), ("C", case)]
        contested = body.code in ("KF", "KS") and rng.random() < 0.22 or rng.random() < 0.05
        decision_first = rng.random() < 0.75
        summary = ("S", ctx.style.summary)
        sentences = self._summary(ctx, matter, role)
        if decision_first:
            blocks += decision
        blocks.append(summary)
        blocks += [("P", s) for s in sentences]
        if rng.random() < 0.25:
            blocks.append(("S", "Förvaltningens bedömning"))
            blocks.append(("P", " ".join(self._sentences(ctx, matter, rng.randint(1, 3)))))
        blocks.append(("S", "Beslutsunderlag"))
        blocks += [("L", item) for item in self._basis(ctx, matter, role)]
        if not decision_first:
            blocks += decision
        if contested and status not in ("noted", "withdrawn"):
            blocks += self._debate(ctx, status)
        if rng.random() < 0.05:
            member = rng.choice(ctx.present)
            blocks += [("S", "Jäv"), ("P", f"{member[0]} ({member[1]}) anmäler jäv och deltar inte i handläggningen.")]
        if rng.random() < 0.8:
            blocks.append(("S", ctx.style.recipients))
            blocks += [("L", r) for r in self._recipients(ctx, matter, status, next_body)]
        # Where the matter goes next.
        self._advance(ctx, matter, status, role, number)
        if self.keep_matters:
            rec.steps.append((ctx.day, body.code, str(number), status))
        spec = SyntheticParagraph(str(number), heading, title, status, next_body, rec.case_key, rec.id)
        return blocks, spec

    def _advance(self, ctx: _Meeting, matter: _Matter, status: str, role: str, number: int) -> None:
        rng = self.rng
        body = ctx.body
        matter.last = (ctx.day, body, str(number))
        matter.steps_done += 1
        if status == "withdrawn":
            matter.route = []
            return
        if status == "tabled":
            matter.route.insert(0, (body.code, role))
            self._schedule(matter, body.code, ctx.day, rng.randint(10, 40))
            return
        if status == "referred_back":
            # Back to the preparing bodies, then to this one again.
            back = [("KS", "prepare")] if body.code == "KF" else []
            if body.code in ("KF", "KS") and rng.random() < 0.5:
                back.insert(0, ("KSAU", "prepare"))
            matter.route = back + [(body.code, role)] + matter.route
            first = matter.route[0][0]
            self._schedule(matter, first, ctx.day, rng.randint(40, 200))
            if matter.outcome in ("referred_back", "tabled"):
                matter.outcome = "decided" if matter.kind not in ("motion", "medborgarförslag") else "answered"
            return
        if not matter.route:
            return
        nxt = matter.route[0][0]
        if nxt == body.code:
            days = rng.randint(25, 150)
        elif nxt == "KF" and body.code == "KF":
            days = rng.randint(20, 60)
        elif body.code == "KF":
            days = rng.randint(60, 300)
        elif nxt == "KS":
            days = rng.randint(7, 30)
        else:
            days = rng.randint(14, 45)
        self._schedule(matter, nxt, ctx.day, days)

    def _decide(self, ctx: _Meeting, matter: _Matter, role: str) -> tuple[str, str | None, list]:
        """Status, the next body the wording names, and the decision block."""
        rng = self.rng
        body = ctx.body
        subj = body.subject
        v = matter.v
        kind = matter.kind
        gen = body.genitive
        heading = "Beslut" if ctx.style.decision_plain else f"{gen} beslut"
        # Interruptions at any step: tabled, referred back, withdrawn.
        r = rng.random()
        if role not in ("remit", "info") and matter.steps_done < 8:
            if r < 0.012:
                return "withdrawn", None, [("S", heading), ("P", rng.choice((
                    "Ärendet utgår.", "Ärendet avskrivs från vidare handläggning.",
                    f"Ärendet utgår från dagens sammanträde eftersom {rng.choice(ORGS)} behöver komplettera underlaget.")))]
            if r < 0.03 and body.code != "KSAU":
                return "tabled", None, [("S", heading), ("P", rng.choice((
                    "Ärendet bordläggs.", f"{subj} beslutar att bordlägga ärendet till nästa sammanträde.",
                    f"Ärendet bordläggs till {gen.lower()} sammanträde den {_long_date(ctx.day + dt.timedelta(days=28))}.")))]
            if r < 0.045 and body.code in ("KF", "KS") and role in ("final", "prepare"):
                return "referred_back", None, [("S", heading), ("P", rng.choice((
                    f"Ärendet återremitteras till {rng.choice(ORGS)} för att {self._reason()}.",
                    f"{subj} beslutar att återremittera ärendet med motiveringen att {self._reason_clause()}.")))]
        act = self._act(ctx, matter)
        if role == "remit":
            if kind == "interpellation":
                return "decided", None, [("S", heading), ("P", f"{subj} beslutar att interpellationen får ställas.")]
            noun = "motionen" if kind == "motion" else "medborgarförslaget"
            if v.get("namnd_code"):
                nb = self.by_code[v["namnd_code"]]
                text = f"{subj} beslutar att överlämna {noun} till {nb.name.lower()} för beslut."
            else:
                text = f"{subj} beslutar att remittera {noun} till kommunstyrelsen för beredning."
            return "decided", None, [("S", heading), ("P", text)]
        if role == "opinion":
            if rng.random() < 0.25:
                return "forwarded", "KS", [("S", heading), ("P", f"{subj} överlämnar ärendet till kommunstyrelsen utan eget ställningstagande.")]
            return "decided", None, [("S", heading), ("P", f"{subj} beslutar att lämna yttrande över {'motionen' if kind == 'motion' else 'medborgarförslaget'} i enlighet med förvaltningens förslag.")]
        if role == "info":
            return "noted", None, [("S", heading), ("P", rng.choice((
                f"{subj} lägger informationen till handlingarna.", f"{subj} noterar informationen.",
                f"{subj} tar del av redovisningen.", "Informationen läggs till handlingarna.")))]
        if role in ("planbesked", "samråd", "granskning"):
            text = {
                "planbesked": f"{subj} beslutar att lämna positivt planbesked och ger förvaltningen i uppdrag att upprätta detaljplan för {v['property']} m.fl.",
                "samråd": f"{subj} godkänner samrådshandlingen och beslutar att genomföra samråd om detaljplan för {v['property']} m.fl., {v['place']}.",
                "granskning": f"{subj} godkänner samrådsredogörelsen och beslutar att ställa ut detaljplanen för granskning.",
            }[role]
            return "decided", None, [("S", heading), ("P", text)]
        if role == "prepare":
            target = matter.route[0][0] if matter.route else "KS"
            final_act = self._outcome_act(matter, act)
            if body.code == "KSAU":
                ph = f"{gen} förslag till kommunstyrelsen"
                if target == "KS" and len(matter.route) > 1 and matter.route[1][0] == "KF":
                    text = f"Arbetsutskottet föreslår att kommunstyrelsen föreslår kommunfullmäktige besluta att {final_act}."
                else:
                    text = f"Arbetsutskottet föreslår kommunstyrelsen besluta att {final_act}."
                return "proposed", "KS", [("S", ph), ("P", text)]
            if body.code == "KS":
                ph = f"{gen} förslag till kommunfullmäktige"
                if kind == "budget":
                    return "proposed", "KF", [("S", ph), ("P", "Kommunstyrelsen föreslår kommunfullmäktige besluta att"),
                                              ("N", [f"fastställa skattesatsen för {ctx.day.year + 1} till {v['rate']} kronor per skattekrona,",
                                                     f"anta {v['title']},",
                                                     f"fastställa investeringsbudgeten för {ctx.day.year + 1} till {v['amount']}."])]
                return "proposed", "KF", [("S", ph), ("P", f"Kommunstyrelsen föreslår kommunfullmäktige besluta att {final_act}.")]
            # A nämnd.
            if any(step[0] == "KF" for step in matter.route):
                return "proposed", "KF", [("S", heading), ("P", f"{subj} föreslår kommunfullmäktige att {final_act}.")]
            return "proposed", "KS", [("S", heading), ("P", f"{subj} föreslår kommunstyrelsen att {final_act}.")]
        # Final.
        outcome = matter.outcome
        if outcome in ("referred_back", "tabled"):
            outcome = "decided"  # an interruption was drawn above, or not: the matter ends here
        if outcome == "answered":
            noun = {"motion": "Motionen anses besvarad", "medborgarförslag": "Medborgarförslaget anses besvarat",
                    "interpellation": "Interpellationen anses besvarad"}.get(kind, "Frågan anses besvarad")
            text = rng.choice((f"{noun}.", f"{subj} beslutar att {noun[0].lower() + noun[1:]}."))
            return "answered", None, [("S", heading), ("P", text)]
        if outcome == "rejected":
            noun = {"motion": "motionen", "medborgarförslag": "medborgarförslaget"}.get(kind)
            if noun:
                text = rng.choice((f"{noun.capitalize()} avslås.", f"{subj} beslutar att avslå {noun}."))
            elif kind == "application":
                text = f"{subj} beslutar att avslå ansökan."
            else:
                text = f"{subj} avslår förslaget."
            return "rejected", None, [("S", heading), ("P", text)]
        if kind == "budget":
            return "decided", None, [("S", heading), ("P", f"{subj} beslutar att"),
                                     ("N", [f"fastställa skattesatsen för {ctx.day.year + 1} till {v['rate']} kronor per skattekrona,",
                                            f"anta {v['title']},",
                                            f"fastställa investeringsbudgeten för {ctx.day.year + 1} till {v['amount']}."])]
        if rng.random() < 0.2:
            second = f"uppdra åt {rng.choice(('kommundirektören', 'förvaltningen', 'förvaltningschefen'))} att återkomma med en uppföljning under {ctx.day.year + 1}."
            return "decided", None, [("S", heading), ("P", f"{subj} beslutar att"), ("N", [act + ",", second])]
        return "decided", None, [("S", heading), ("P", f"{subj} beslutar att {act}.")]

    def _outcome_act(self, matter: _Matter, act: str) -> str:
        kind = matter.kind
        outcome = matter.outcome
        noun = {"motion": "motionen", "medborgarförslag": "medborgarförslaget"}.get(kind)
        if noun and outcome == "answered":
            return f"{noun} anses {'besvarad' if kind == 'motion' else 'besvarat'}"
        if noun and outcome == "rejected":
            return f"avslå {noun}"
        if kind == "application" and outcome == "rejected":
            return "avslå ansökan"
        return act

    def _act(self, ctx: _Meeting, matter: _Matter) -> str:
        v = matter.v
        kind = matter.kind
        rng = self.rng
        if kind == "motion":
            return "bifalla motionen"
        if kind == "medborgarförslag":
            return "bifalla medborgarförslaget"
        if kind == "interpellation":
            return "interpellationen anses besvarad"
        if kind == "detaljplan":
            return f"anta detaljplan för {v['property']} m.fl., {v['place']}"
        if kind == "taxa":
            return f"anta taxa för {v['service']} att gälla från och med den 1 januari {ctx.day.year + 1}"
        if kind == "avtal":
            return rng.choice(("godkänna avtalet", "godkänna avtalet enligt förvaltningens förslag",
                               "godkänna avtalet och uppdra åt kommundirektören att underteckna det"))
        if kind == "investering":
            return f"bevilja en investeringsram om {v['amount']} för projektet"
        if kind == "yttrande":
            return "anta förvaltningens förslag till yttrande som sitt eget"
        if kind == "årsredovisning":
            return f"godkänna årsredovisningen för {matter.record.year - 1}"
        if kind == "val":
            return f"välja {v['person']} ({v['party']}) till {v['role']} i {v['namnd']} för resterande del av mandatperioden"
        if kind == "application":
            return f"bevilja {v['amount']} ur kommunstyrelsens anslag för oförutsedda behov"
        return v.get("act", "godkänna förvaltningens förslag")

    def _reason(self) -> str:
        rng = self.rng
        return rng.choice((
            "komplettera underlaget med en konsekvensanalys",
            "utreda de ekonomiska konsekvenserna ytterligare",
            f"belysa frågan om {self.vocab.compound()}",
            "inhämta synpunkter från berörda nämnder",
        ))

    def _reason_clause(self) -> str:
        rng = self.rng
        return rng.choice((
            "underlaget behöver kompletteras med en barnkonsekvensanalys",
            f"frågan om {self.vocab.compound()} behöver utredas vidare",
            "kostnaderna för driften inte är tillräckligt belysta",
        ))

    def _title(self, matter: _Matter, role: str, body: _Body) -> str:
        title = self._title_text(matter, role)
        if section_kind(title) is not None:  # "... om länsstyrelsens beslut": a heading to the parser
            title = f"{title} – {matter.v['place']}"
        return title

    def _title_text(self, matter: _Matter, role: str) -> str:
        v = matter.v
        kind = matter.kind
        if kind in ("motion", "medborgarförslag"):
            if role == "remit":
                return v["title"]
            return f"Svar på {v['title'][0].lower() + v['title'][1:]}" if self.rng.random() < 0.85 else f"{v['title']} – svar"
        if kind == "interpellation":
            if role == "remit":
                return f"Interpellation från {v['person']} ({v['party']}) om {v['subject']}"
            return f"Svar på interpellation om {v['subject']}"
        if kind == "detaljplan":
            stage = {"planbesked": "planuppdrag", "samråd": "samråd", "granskning": "granskning"}.get(role, "antagande")
            return f"{v['title']} – {stage}"
        return v["title"]

    # -- procedural paragraphs -------------------------------------------------------------------

    def _render_procedural(self, ctx: _Meeting, number: int, what: str) -> tuple[list, SyntheticParagraph]:
        rng = self.rng
        body = ctx.body
        subj = body.subject
        heading_text = "Beslut" if ctx.style.decision_plain else f"{body.genitive} beslut"
        heading = self._heading(ctx, number)
        blocks: list[tuple[str, object]] = [("H", heading)]
        case_key = None
        if what == "justerare":
            title = "Val av justerare"
            name, party = ctx.adjuster
            text = rng.choice((f"{subj} väljer {name} ({party}) att jämte ordföranden justera protokollet.",
                               f"{subj} utser {name} ({party}) att justera dagens protokoll."))
            blocks += [("T", title), ("S", heading_text), ("P", text)]
            if rng.random() < 0.3:
                blocks += [("S", "Ärendebeskrivning"), ("P", f"Justeringen äger rum den {_long_date(ctx.adjusting)} i kommunhuset.")]
            status = "decided"
        elif what == "dagordning":
            title = "Fastställande av dagordning"
            text = rng.choice(("Dagordningen godkänns.", "Dagordningen fastställs.",
                               f"{subj} godkänner dagordningen.",
                               "Dagordningen godkänns med ett extra ärende om information."))
            blocks += [("T", title), ("S", heading_text), ("P", text)]
            status = "decided"
        elif what in ("delegation", "meddelanden", "information", "frågestund"):
            series = "KS" if body.code in ("KF", "KS", "KSAU") else body.code
            n = {"delegation": 5, "meddelanden": 6, "information": 7, "frågestund": 8}[what]
            case = f"{ctx.style.case_label or 'Dnr '}{series} {ctx.day.year}/{n}"
            if what == "delegation":
                title = "Anmälan av delegationsbeslut"
                text = rng.choice((f"{subj} lägger anmälda delegationsbeslut till handlingarna.",
                                   f"{subj} lägger redovisningen av delegationsbeslut till handlingarna."))
                summary = [f"Förteckning över delegationsbeslut som fattats under perioden "
                           f"{(ctx.day - dt.timedelta(days=35)).isoformat()}–{(ctx.day - dt.timedelta(days=7)).isoformat()} "
                           f"har skickats ut med kallelsen.",
                           f"Under perioden har {rng.randint(8, 140)} beslut fattats, bland annat om "
                           f"{self.vocab.term(rng.choice(body.domains))} och {self.vocab.compound()}."]
            elif what == "meddelanden":
                title = "Meddelanden"
                text = rng.choice((f"{subj} lägger meddelandena till handlingarna.",
                                   "Meddelandena läggs till handlingarna."))
                summary = [f"{rng.choice(SENDERS)} har skickat information om {self.vocab.compound()}.",
                           f"Protokoll från {self.vocab.company()} {(ctx.day - dt.timedelta(days=rng.randint(10, 40))).isoformat()} har inkommit."]
            elif what == "frågestund":
                title = "Allmänhetens frågestund"
                text = f"{subj} lägger informationen till handlingarna."
                summary = [f"{rng.randint(2, 5)} frågor har ställts om {self.vocab.term(rng.choice(body.domains))} och "
                           f"{self.vocab.feature()}, och ordföranden har svarat på frågorna."]
            else:
                title = rng.choice(("Information från kommundirektören", "Aktuella frågor", "Information om ekonomiskt läge"))
                text = f"{subj} noterar informationen."
                summary = [f"Kommundirektör {self.politics.official('kommundirektör', ctx.day.year)} informerar om "
                           f"{self.vocab.compound()} och {self.vocab.term('finance')}."]
            avoided = f"{series}-{ctx.day.year}-{n}" in self.avoid.cases
            if what in ("delegation", "meddelanden") and rng.random() < 0.6 and not avoided:
                blocks += [("T", title), ("C", case)]
                case_key = f"{series}-{ctx.day.year}-{n}"
            else:
                blocks += [("T", title)]
            blocks += [("S", heading_text), ("P", text), ("S", "Ärendebeskrivning")]
            blocks += [("P", s) for s in summary]
            status = "noted"
        else:  # pragma: no cover - every kind is listed above
            raise ValueError(what)
        spec = SyntheticParagraph(str(number), heading, title, status, None, case_key, None)
        return blocks, spec

    def _heading(self, ctx: _Meeting, number: int) -> str:
        style = ctx.style
        code = ctx.body.code
        year = ctx.day.year
        kind = style.heading
        if kind == "au" and code == "KSAU":
            return f"AU {ctx.meeting_no}:{number}"
        if kind == "prefix" or kind == "au":
            prefix = code
            if ctx.layout == "pdf" and self.rng.random() < 0.25:
                return f"{prefix} {number}"  # the § sign lost by PDF-to-text
            return f"{prefix} § {number}"
        if kind == "year4":
            return f"§ {number}/{year}"
        if kind == "year2":
            return f"§ {number}/{year % 100:02d}"
        return f"§ {number}"

    # -- text ------------------------------------------------------------------------------------

    def _fill(self, template: str, values: dict) -> str:
        names = self._fields.get(template)
        if names is None:
            names = tuple(f for _, f, _, _ in self._formatter.parse(template) if f)
            self._fields[template] = names
        text = template.format_map({n: values[n]() if callable(values[n]) else values[n] for n in names})
        return text[0].upper() + text[1:]

    def _slots(self, ctx: _Meeting, matter: _Matter | None) -> dict:
        rng = self.rng
        vocab = self.vocab
        body = ctx.body
        year = ctx.day.year
        domain = matter.domain if matter else rng.choice(body.domains)
        place = matter.v["place"] if matter else vocab.place()
        topic = matter.v["topic"] if matter else vocab.term(domain)
        return {
            "t": topic,
            "t2": lambda: vocab.term(domain),
            "t3": lambda: vocab.term(rng.choice(vocab.domains)),
            "c": vocab.compound,
            "c2": vocab.compound,
            "p": place,
            "p2": vocab.place,
            "f": lambda: vocab.feature(place),
            "st": vocab.street,
            "org": lambda: rng.choice(ORGS),
            "adm": body.administration,
            "amt": lambda: _money(rng, 3_000_000),
            "n": lambda: str(rng.randint(3, 60)),
            "n2": lambda: str(rng.randint(100, 4000)),
            "pct": lambda: f"{rng.randint(1, 40)},{rng.randint(0, 9)} procent",
            "y": str(year),
            "y0": lambda: str(year - rng.randint(1, 12)),
            "y1": str(year + 1),
            "y2": lambda: str(year + rng.randint(3, 8)),
            "d": lambda: (ctx.day - dt.timedelta(days=rng.randint(10, 300))).isoformat(),
            "dl": lambda: _long_date(ctx.day - dt.timedelta(days=rng.randint(10, 300))),
            "df": lambda: _long_date(ctx.day + dt.timedelta(days=rng.randint(60, 900))),
            "per": lambda: f"{vocab.person_name()} ({rng.choice(self.politics.parties(year))})",
            "law": lambda: rng.choice(LAWS),
            "co": vocab.company,
            "fast": vocab.property_name,
            "w": lambda: rng.choice(DEMO_WORDS),
            "w2": lambda: rng.choice(DEMO_WORDS),
            "off": lambda: (lambda t: f"{t} {self.politics.official(t, year)}")(rng.choice(TITLES_OF_OFFICIALS)),
            "sender": lambda: rng.choice(SENDERS),
            "town": vocab.town,
            "pn": lambda: str(rng.randint(1, 250)),
        }

    def _sentences(self, ctx: _Meeting, matter: _Matter | None, count: int) -> list[str]:
        values = self._slots(ctx, matter)
        rng = self.rng
        return [self._fill(rng.choice(GENERIC_SENTENCES), values) for _ in range(count)]

    def _summary(self, ctx: _Meeting, matter: _Matter, role: str) -> list[str]:
        """Summary as prose blocks of 3-8 sentences in all."""
        rng = self.rng
        values = self._slots(ctx, matter)
        v = matter.v
        opening: list[str] = []
        kind = matter.kind
        last = matter.last
        if kind in ("motion", "medborgarförslag", "interpellation"):
            who = f"{v['person']} ({v['party']})" if kind != "medborgarförslag" else v["person"]
            noun = {"motion": "en motion", "medborgarförslag": "ett medborgarförslag",
                    "interpellation": "en interpellation"}[kind]
            opening.append(f"{who} har i {noun} den {_long_date(v['started'])} "
                           f"föreslagit att kommunen ser över {v['topic']} i {v['place']}.")
        elif kind == "detaljplan":
            opening.append(f"Detaljplanen gör det möjligt att bygga cirka {v['homes']} bostäder och lokaler för "
                           f"{self.vocab.term('planning')} i {v['place']}.")
        elif kind in KIND_OPENINGS:
            opening.append(self._fill(rng.choice(KIND_OPENINGS[kind]), values))
        if last is not None and rng.random() < 0.7:
            opening.append(f"{last[1].name} behandlade ärendet den {_long_date(last[0])}, § {last[2]}.")
        count = max(1, rng.randint(3, 8) - len(opening))
        body = [self._fill(rng.choice(GENERIC_SENTENCES), values) for _ in range(count)]
        sentences = opening + body
        # Two or three prose blocks.
        cut = sorted(rng.sample(range(1, len(sentences)), min(len(sentences) - 1, rng.randint(0, 2)))) if len(sentences) > 1 else []
        out = []
        prev = 0
        for c in cut + [len(sentences)]:
            out.append(" ".join(sentences[prev:c]))
            prev = c
        return out

    def _basis(self, ctx: _Meeting, matter: _Matter, role: str) -> list[str]:
        rng = self.rng
        day = ctx.day
        items = [f"Tjänsteskrivelse från {ctx.body.administration} {(day - dt.timedelta(days=rng.randint(7, 40))).isoformat()}"]
        if matter.last is not None:
            items.append(f"{matter.last[1].genitive} protokoll {matter.last[0].isoformat()}, § {matter.last[2]}")
        kind = matter.kind
        v = matter.v
        if kind == "motion":
            items.append(f"Motion från {v['person']} ({v['party']}), {v['started'].isoformat()}")
        elif kind == "medborgarförslag":
            items.append(f"Medborgarförslag från {v['person']}, {v['started'].isoformat()}")
        elif kind == "detaljplan":
            items.append(f"Plankarta med bestämmelser, {(day - dt.timedelta(days=rng.randint(20, 60))).isoformat()}")
            items.append(f"Planbeskrivning, {(day - dt.timedelta(days=rng.randint(20, 60))).isoformat()}")
            if role not in ("planbesked", "samråd"):
                items.append("Samrådsredogörelse")
        elif kind == "avtal":
            items.append(f"Avtalsförslag, {(day - dt.timedelta(days=rng.randint(7, 60))).isoformat()}")
        elif kind == "yttrande":
            items.append(f"Remiss från {v['sender']}, {(day - dt.timedelta(days=rng.randint(30, 90))).isoformat()}")
        elif kind in ("policy", "taxa", "budget"):
            items.append(f"Förslag till {v['title'][0].lower() + v['title'][1:]}, daterat {(day - dt.timedelta(days=rng.randint(7, 60))).isoformat()}")
        if rng.random() < 0.3:
            items.append(f"Bilaga {rng.randint(1, 4)}, {self.vocab.compound()}")
        return items

    def _debate(self, ctx: _Meeting, status: str) -> list:
        rng = self.rng
        present = ctx.present
        body = ctx.body
        mover = present[0]
        opponents = [m for m in present if m[1] != mover[1]] or present
        other = rng.choice(opponents)
        blocks: list = [("S", "Yrkanden"),
                        ("P", f"{mover[0]} ({mover[1]}) yrkar bifall till förslaget."),
                        ("P", rng.choice((f"{other[0]} ({other[1]}) yrkar avslag till förslaget.",
                                          f"{other[0]} ({other[1]}) yrkar återremiss av ärendet.",
                                          f"{other[0]} ({other[1]}) yrkar bifall till eget ändringsyrkande.")))]
        blocks += [("S", "Propositionsordning"),
                   ("P", f"Ordföranden ställer proposition på bifall mot avslag och finner att {body.name.lower()} "
                         f"bifaller {mover[0].split()[0]} {mover[0].split()[-1]}s ({mover[1]}) yrkande.")]
        if rng.random() < 0.5:
            size = len(present)
            no = rng.randint(1, max(1, size // 2 - 1))
            abstain = rng.randint(0, 2) if size > 9 else 0
            yes = max(size - no - abstain, no + 1)
            blocks += [("S", "Omröstning"),
                       ("P", "Omröstning begärs och verkställs. Ja-röst för bifall till förslaget, nej-röst för avslag."),
                       ("P", f"Omröstningen utfaller med {yes} ja-röster mot {no} nej-röster"
                             + (f" och {abstain} {'ledamot' if abstain == 1 else 'ledamöter'} avstår." if abstain else "."))]
        party = other[1]
        party_name = next((name for code, name, _, _ in PARTIES if code == party), party)
        blocks += [("S", "Reservation"),
                   ("P", rng.choice((f"Ledamöterna för {party_name} reserverar sig mot beslutet.",
                                     f"{other[0]} ({other[1]}) reserverar sig till förmån för eget yrkande.")))]
        if rng.random() < 0.2:
            third = rng.choice(present)
            blocks += [("S", "Protokollsanteckning"),
                       ("P", f"{third[0]} ({third[1]}) lämnar en protokollsanteckning om {self.vocab.compound()}.")]
        return blocks

    def _recipients(self, ctx: _Meeting, matter: _Matter, status: str, next_body: str | None) -> list[str]:
        rng = self.rng
        out = []
        if next_body == "KF":
            out.append("Kommunfullmäktige")
        elif next_body == "KS":
            out.append("Kommunstyrelsen")
        out.append(ctx.body.administration[0].upper() + ctx.body.administration[1:])
        if matter.kind == "motion":
            out.append("Motionären")
        elif matter.kind == "medborgarförslag":
            out.append("Förslagsställaren")
        elif rng.random() < 0.4:
            org = rng.choice(ORGS)
            out.append(org[0].upper() + org[1:])
        return out

    # -- layout ----------------------------------------------------------------------------------

    def _front(self, ctx: _Meeting, first: int, last: int) -> list[str]:
        """Front page lines (without the page furniture)."""
        rng = self.rng
        day = ctx.day
        body = ctx.body
        weekday = WEEKDAYS[day.weekday()]
        start = rng.choice(("08.30", "09.00", "13.00", "13.30", "18.00", "18.30"))
        end_h = int(start[:2]) + rng.randint(1, 4)
        place = "Kommunhuset, fullmäktigesalen" if body.code == "KF" else f"Kommunhuset, sammanträdesrum {rng.choice(ROOMS)}"
        chair = ctx.present[0]
        members = [f"{n} ({p}), ordförande" if i == 0 else f"{n} ({p})" for i, (n, p) in enumerate(ctx.present)]
        substitutes = [f"{self.vocab.person_name()} ({rng.choice(self.politics.parties(day.year))})"
                       for _ in range(rng.randint(1, 4))]
        secretary = self.politics.official(
            "kommunsekreterare" if body.code in ("KF", "KS", "KSAU") else f"nämndsekreterare {body.code}", day.year
        )
        others = [f"{self.politics.official(t, day.year)}, {t}" for t in rng.sample(TITLES_OF_OFFICIALS, rng.randint(1, 3))]
        just_day = ctx.adjusting
        posted = just_day + dt.timedelta(days=1)
        paragraphs = f"{first}–{last}" if first != last else str(first)
        if ctx.style.heading == "au" and body.code == "KSAU":
            paragraphs = f"AU {ctx.meeting_no}:{first}–{ctx.meeting_no}:{last}"
        return [
            "Plats och tid",
            f"{place}, {weekday} den {_long_date(day)} kl. {start}–{end_h:02d}.{rng.choice(('00', '15', '30', '45'))}",
            "",
            "Beslutande",
            *members,
            "",
            "Ersättare",
            *substitutes,
            "",
            "Övriga deltagare",
            *others,
            f"{secretary}, sekreterare",
            "",
            "Utses att justera",
            f"{ctx.adjuster[0]} ({ctx.adjuster[1]})",
            "",
            "Justeringens plats och tid",
            f"Kommunhuset, {just_day.isoformat()} kl. {rng.choice(('08.30', '10.00', '13.00', '15.00'))}",
            "",
            f"Paragrafer {paragraphs}",
            "",
            "Underskrifter",
            f"Sekreterare  {secretary}",
            f"Ordförande  {chair[0]}",
            f"Justerande  {ctx.adjuster[0]}",
            "",
            "ANSLAG/BEVIS",
            "Protokollet är justerat. Justeringen har tillkännagivits genom anslag.",
            f"Organ  {body.name}",
            f"Datum då anslaget sätts upp  {posted.isoformat()}",
            f"Datum då anslaget tas ned  {(posted + dt.timedelta(days=21)).isoformat()}",
            f"Förvaringsplats för protokollet  {body.administration[0].upper() + body.administration[1:]}",
        ]

    def _layout(self, ctx: _Meeting, items: list, first: int, last: int) -> str:
        if ctx.layout == "md":
            return self._layout_md(ctx, items, first, last)
        if ctx.layout == "pdf":
            return self._layout_pdf(ctx, items, first, last)
        return self._layout_clean(ctx, items, first, last)

    def _paragraph_lines(self, ctx: _Meeting, blocks: list, wrap: int | None) -> list[str]:
        """Lines of one paragraph in plain text; `wrap` is a line width or None."""
        style = ctx.style
        out: list[str] = []
        heading = title = case = None
        for kind, value in blocks[:3]:
            if kind == "H":
                heading = value
            elif kind == "T":
                title = value
            elif kind == "C":
                case = value
        rest = [b for b in blocks if b[0] not in ("H", "T", "C")]

        def text_lines(text: str) -> list[str]:
            return _wrap(text, wrap) if wrap else [text]

        # PDF text: the Dnr sits on the heading line, as in most PDF minutes. (On a line of
        # its own it may land at a page edge, where the parser can take it for a running
        # line when the same "Dnr: KS ####:###" shape sits at the edge of half the pages.)
        place = "heading" if wrap else style.case_place
        if case and place == "heading":
            pad = " " * max(2, 50 - len(heading))
            out += [f"{heading}{pad}{case}", ""]
            out += text_lines(title)
        elif style.title_inline and not wrap:
            out += text_lines(f"{heading} {title}")
            if case:
                out.append(case)
        else:
            out += [heading, ""]
            if case and place == "above":
                out += [case, ""]
            out += text_lines(title)
            if case and place == "below":
                out += ["", case]
        for kind, value in rest:
            if kind == "S":
                out += ["", value]
            elif kind == "P":
                out += text_lines(value)
            elif kind == "L":
                out.append(value)
            elif kind == "N":
                for i, point in enumerate(value, start=1):
                    out += text_lines(f"{i}. {point}")
        out += ["", ""]
        return out

    def _layout_clean(self, ctx: _Meeting, items: list, first: int, last: int) -> str:
        body = ctx.body
        lines = [self.municipality, body.name, "SAMMANTRÄDESPROTOKOLL", f"Sammanträdesdatum {ctx.day.isoformat()}", ""]
        lines += self._front(ctx, first, last)
        lines += ["", ""]
        for _, blocks in items:
            lines += self._paragraph_lines(ctx, blocks, None)
        return "\n".join(lines).rstrip("\n") + "\n"

    def _layout_pdf(self, ctx: _Meeting, items: list, first: int, last: int) -> str:
        """PDF-to-text: wrapped lines, pages with running header and footer, form feeds."""
        body = ctx.body
        width = 86
        content: list[str] = []
        for _, blocks in items:
            content += self._paragraph_lines(ctx, blocks, width)
        while content and not content[-1]:
            content.pop()
        per_page = 50
        pages = [content[i : i + per_page] for i in range(0, len(content), per_page)]
        total = len(pages) + 1
        date = ctx.day.isoformat()
        sig = self.rng.random() < 0.4

        def header(page: int) -> list[str]:
            return [
                f"{self.municipality:<34}SAMMANTRÄDESPROTOKOLL{'':<15}Sida {page} ({total})",
                f"{body.name:<34}Sammanträdesdatum {date}",
                "",
            ]

        footer = ["", "Justerandes signatur          Utdragsbestyrkande"]
        front = header(1) + [body.name, ""] + self._front(ctx, first, last) + footer
        out = ["\n".join(front)]
        for number, page in enumerate(pages, start=2):
            lines = header(number) + page + footer
            if sig and number % 2 == 0:
                lines.append("//~ns~!~~  /~;A~v~/")
            out.append("\n".join(lines))
        return "\n\f".join(out) + "\n"

    def _layout_md(self, ctx: _Meeting, items: list, first: int, last: int) -> str:
        body = ctx.body
        style = ctx.style
        lines = [self.municipality, "", body.name, "", "# Sammanträdesprotokoll", "",
                 f"Sammanträdesdatum {ctx.day.isoformat()}", "", "---", ""]
        for line in self._front(ctx, first, last):
            if line in ("Plats och tid", "Beslutande", "Ersättare", "Övriga deltagare", "Utses att justera",
                        "Justeringens plats och tid", "Underskrifter"):
                lines.append(f"**{line}**")
            else:
                lines.append(line)
        lines += ["", "---", ""]
        for _, blocks in items:
            heading = blocks[0][1]
            title = blocks[1][1]
            case = blocks[2][1] if len(blocks) > 2 and blocks[2][0] == "C" else None
            lines.append(f"**{heading}**" + (f" {case}" if case else ""))
            lines += ["", f"## {title}", ""]
            for kind, value in blocks[3 if case else 2 :]:
                if kind == "S":
                    lines += [f"### {value}" if style.summary != "Bakgrund" else f"**{value}**", ""]
                elif kind in ("P", "L"):
                    lines += [value, ""]
                elif kind == "N":
                    for i, point in enumerate(value, start=1):
                        lines.append(f"{i}. {point}")
                    lines.append("")
            lines += ["---", ""]
        return "\n".join(lines).rstrip("\n") + "\n"


@dataclass
class _Meeting:
    day: dt.date
    body: _Body
    style: _Style
    layout: str
    meeting_no: int
    present: list[tuple[str, str]]
    adjuster: tuple[str, str]
    adjusting: dt.date  # justeringsdag


# Which kinds of matter each body starts, with weights.
_KINDS_BY_ORIGIN: dict[str, tuple[tuple[str, ...], tuple[int, ...]]] = {
    "KF": (("motion", "medborgarförslag", "interpellation", "val", "information"), (40, 22, 10, 22, 6)),
    "KS": (("information", "yttrande", "policy", "avtal", "application", "own", "investering"),
           (22, 20, 12, 12, 10, 16, 8)),
    "KSAU": (("policy", "avtal", "investering", "yttrande", "application", "information", "own"),
             (18, 22, 14, 14, 10, 12, 10)),
    "namnd": (("own", "information", "detaljplan", "taxa", "policy", "yttrande", "application"),
              (44, 18, 9, 4, 9, 8, 8)),
}

KIND_OPENINGS = {
    "taxa": (
        "Nuvarande taxa för {t} antogs {y0} och behöver anpassas till ökade kostnader.",
        "Förslaget innebär att avgifterna höjs med i genomsnitt {pct} från och med {y1}.",
    ),
    "policy": (
        "{adm} har tagit fram ett förslag till styrdokument för {t} som ersätter det som antogs {y0}.",
        "Styrdokumentet anger hur kommunen ska arbeta med {t} och {t2} under de kommande åren.",
    ),
    "avtal": (
        "Kommunen och {co} har förhandlat fram ett avtal om {t} i {p}.",
        "Avtalet reglerar ansvaret för {c} och gäller till och med {y2}.",
    ),
    "investering": (
        "Investeringen omfattar {f} och beräknas kosta {amt}.",
        "{adm} har utrett behovet av {c} i {p} och föreslår en investering under {y1}.",
    ),
    "yttrande": (
        "{sender} har skickat ett förslag om {t} på remiss till kommunen.",
        "Kommunen har fått möjlighet att yttra sig över ett förslag om {c}.",
    ),
    "information": (
        "{off} informerar om arbetet med {t} i {p}.",
        "{adm} redovisar läget för {c} och {t2}.",
    ),
    "budget": (
        "Förslaget bygger på skatteunderlagsprognosen från oktober {y} och en skattesats på oförändrad nivå.",
    ),
    "årsredovisning": (
        "Årsredovisningen visar ett resultat på {amt} för kommunen och {amt} för koncernen.",
    ),
    "val": (
        "{per} har avsagt sig sitt uppdrag och ett fyllnadsval behöver göras.",
        "Valberedningen har lämnat förslag till ny ledamot efter {per}.",
    ),
    "application": (
        "{co} har ansökt om {amt} för {c} i {p}.",
        "Föreningen har ansökt om stöd till {t} under {y1}.",
    ),
    "own": (
        "{adm} har berett ärendet om {t} i {p}.",
        "Ärendet gäller {c} i {p}.",
        "Förvaltningen har gått igenom {t} och {w} inför {y1}.",
    ),
}

GENERIC_SENTENCES = (
    "Förvaltningen har under {y} genomfört en översyn av {t} i {p}.",
    "Kostnaden för {c} beräknas till {amt}, vilket ryms inom befintlig budgetram.",
    "Enligt {org} finns ett ökat behov av {t} i de norra kommundelarna.",
    "Av utredningen framgår att {t} och {t2} behöver samordnas bättre mellan förvaltningarna.",
    "Ärendet har beretts i samverkan med {org} och berörda föreningar.",
    "Under perioden {y0}–{y} ökade antalet ärenden om {t2} med {pct}.",
    "Förvaltningen bedömer att {c} kan genomföras under {y1} utan ytterligare resurser.",
    "Synpunkter har inkommit från {n} sakägare, främst om {t2} och trafiken till {f}.",
    "Frågan om {t} har tidigare behandlats av kommunstyrelsen den {dl}, § {pn}.",
    "Förslaget bedöms inte medföra några konsekvenser för barn och unga utöver en bättre tillgång till {t}.",
    "Det finns i dag {n} platser för {t2} i {p}, och efterfrågan väntas öka till {y2}.",
    "En arbetsgrupp med representanter för {org} och {adm} har tagit fram underlaget.",
    "Investeringen uppgår till {amt} och finansieras inom ramen för {c}.",
    "Förvaltningen anser att {c} bör prioriteras i arbetet med {c2}.",
    "Länsstyrelsen har i yttrande den {dl} inte haft några invändningar mot {t}.",
    "Arbetet följs upp i samband med delårsrapporten och årsredovisningen för {y}.",
    "Enligt {law} ska kommunen säkerställa {t2} för alla invånare.",
    "Nuvarande {c} antogs {y0} och behöver uppdateras.",
    "Den sammanlagda ytan uppgår till cirka {n2} kvadratmeter, varav {n} procent avses för {t2}.",
    "Ett avtal med {co} om {t2} löper ut den {df}.",
    "Under {y} har {n2} invånare tagit del av {t} i kommunens regi.",
    "{adm} har samrått med {org} om {w} och {w2}.",
    "Planen omfattar fastigheten {fast} och delar av {st}.",
    "Behovet av {w} har ökat sedan {y0}, främst i {p2} och {p}.",
    "Kommunens mål för {t3} nås delvis, och {c} har gett effekt under året.",
    "Åtgärderna bidrar till kommunens mål om {t3} och en hållbar utveckling i {p2}.",
    "{off} redogjorde för {c} vid ett dialogmöte den {dl}.",
    "Driftskostnaderna beräknas öka med {amt} per år från och med {y1}.",
    "{sender} har under {y} infört nya krav på {t2}.",
    "Ombyggnaden av {f} beräknas vara klar under {y2}.",
    "Förslaget har stämts av med {co} och med de fackliga organisationerna.",
    "En enkät till {n2} invånare visar att {pct} är nöjda med {t}.",
    "Förvaltningen ser en risk för förseningar i {c} på grund av brist på {w}.",
    "Statsbidraget för {t2} uppgår till {amt} för {y}.",
    "Sträckan mellan {p} och {p2} längs {st} bedöms som mest angelägen.",
    "Samråd har hållits med boende i {p} vid {n} tillfällen under {y}.",
    "Ett genomförande förutsätter att {c} och {c2} finansieras inom befintliga ramar.",
    "Förvaltningen har inventerat {w} vid {f} och {p2}skolan.",
    "Resultatet för {t} blev {amt} bättre än budgeterat.",
    "Kommunen deltar sedan {y0} i ett regionalt samarbete om {t3}.",
    "Antalet ansökningar om {t2} har minskat med {pct} jämfört med föregående år.",
    "Ärendet berör även {w} och {t3} i {p2}.",
    "Bedömningen är att förslaget är förenligt med {law} och med kommunens översiktsplan.",
    "{per} har ställt frågor om {c} och om tidsplanen för {f}.",
    "Lokalerna vid {f} har brister i {w} och {w2}.",
    "Arbetet med {w} i {p} planeras att vara klart {y2}.",
)


# --- writing ------------------------------------------------------------------------------------


def generate_archive(
    out_dir: Path,
    paragraphs: int,
    seed: int = 1,
    municipality: str = "Sjöbacka kommun",
    progress: Callable[[int, int, str], None] | None = None,
    avoid: Avoid | None = None,
    end: dt.date = END_DATE,
) -> ArchiveInfo:
    """Write a synthetic archive of `paragraphs` paragraphs into `out_dir`, one file a meeting.

    `progress(paragraphs_written, paragraphs, filename)` is called after each file. Files
    already in `out_dir` are overwritten when a generated file has their name, and otherwise
    left alone: give an empty directory for a clean archive. No meeting is later than `end`
    (unless the archive is too large for the meetings up to it).
    """
    started = time.perf_counter()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    archive = SyntheticArchive(paragraphs, seed=seed, municipality=municipality, keep_matters=False, avoid=avoid, end=end)
    files = 0
    written = 0
    for protocol in archive.protocols():
        (out_dir / protocol.filename).write_bytes(protocol.text.encode("utf-8"))
        files += 1
        written += len(protocol.paragraphs)
        if progress is not None:
            progress(written, paragraphs, protocol.filename)
    return ArchiveInfo(
        files=files,
        paragraphs=written,
        matters=archive.matter_count,
        seconds=time.perf_counter() - started,
    )
