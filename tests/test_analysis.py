"""Tests for index.analysis: the Swedish analyzers, compound splitting and query terms."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import fields, query
from whoosh.filedb.filestore import RamStorage

from index.analysis import (
    NEGATIONS,
    TermGroup,
    fold,
    folded_analyzer,
    is_stopword,
    lexicon_words,
    query_terms,
    split_compound,
    stem,
    swedish_analyzer,
    word_terms,
)


def texts(analyzer, text: str, mode: str = "index") -> list[str]:
    # Whoosh yields one Token object over and over: keep its text, never the token.
    return [t.text for t in analyzer(text, mode=mode)]


def index_terms(word: str, folded: bool = False) -> set[str]:
    return set(texts(folded_analyzer() if folded else swedish_analyzer(), word))


def query_side(word: str, folded: bool = False) -> set[str]:
    return set(texts(folded_analyzer() if folded else swedish_analyzer(), word, "query"))


# --- the cases the module exists for -----------------------------------------------------

VANORT_FORMS = ["vänort", "vänorter", "vänortssamarbetet", "vänortsavtal"]


def test_the_four_vanort_forms_share_a_term():
    shared = set.intersection(*(index_terms(w) for w in VANORT_FORMS))
    assert stem("vänort") in shared


@pytest.mark.parametrize("word", VANORT_FORMS)
def test_a_query_for_vanort_finds_each_form(word):
    assert query_side("vänort") <= index_terms(word)


@pytest.mark.parametrize(
    ("inflected", "base"),
    [
        ("beslutet", "beslut"),
        ("bygglovet", "bygglov"),
        ("detaljplanen", "detaljplan"),
        # Snowball 3 leaves these -et on; stem() takes it off with the lexicon's help.
        ("ärendet", "ärende"),
        ("utskottet", "utskott"),
        ("samhället", "samhälle"),
        ("äldreboendet", "äldreboende"),
        # Snowball takes -ad off the base form alone ("kostnad" -> "kostn"); stem() keeps it
        # on nouns in -ad, compounds too.
        ("kostnaderna", "kostnad"),
        ("kostnaden", "kostnad"),
        ("bostaden", "bostad"),
        ("byggnader", "byggnad"),
        ("månadens", "månad"),
        ("energikostnaderna", "energikostnad"),
        ("skolbyggnaden", "skolbyggnad"),
        # Snowball takes -at off the base form alone ("resultat" -> "result"); stem() keeps
        # it on nouns in -at, compounds too.
        ("resultatet", "resultat"),
        ("mandaten", "mandat"),
        ("kandidater", "kandidat"),
        ("naturreservatet", "naturreservat"),
        # ...and -ens ("kompetens" -> "komp"), which a genitive keeps losing ("kommunens").
        ("kompetensen", "kompetens"),
        ("konferenser", "konferens"),
        ("strandskyddsdispensen", "strandskyddsdispens"),
        # Plurals that change their vowel, which Snowball leaves changed.
        ("bostäderna", "bostad"),
        ("bostäder", "bostaden"),
        ("ledamöter", "ledamot"),
        ("städer", "stad"),
        ("länderna", "land"),
        # In compounds too, and a noun in -ad whose first letters spell a verb ("måna").
        ("trygghetsbostäder", "trygghetsbostad"),
        ("kalendermånader", "kalendermånad"),
    ],
)
def test_inflections_meet_on_the_whole_word_term(inflected, base):
    assert query_side(inflected) == query_side(base)
    assert query_side(base) <= index_terms(inflected)


@pytest.mark.parametrize(
    ("compound", "part"),
    [
        ("förskoleverksamhet", "förskola"),
        ("äldreboende", "boende"),
        ("kommunstyrelsens", "styrelse"),
        ("vänortssamarbetet", "samarbete"),
        ("delårsrapport", "rapport"),  # a part that is a compound itself is split too
    ],
)
def test_compounds_meet_their_parts(compound, part):
    assert query_side(part) <= index_terms(compound)


def test_the_at_rule_leaves_supines_to_snowball():
    # "planerat" has no "planeratet": it meets "planera", not a noun "planerat".
    assert stem("planerat") == stem("planera")
    assert stem("beslutat") == stem("beslut")
    assert stem("avslutat") == stem("avsluta")
    # Nor does it keep the -ens of a genitive.
    assert stem("kommunens") == stem("kommun") and stem("nämndens") == stem("nämnd")


def test_the_ad_rule_leaves_participles_to_snowball():
    # A participle in -ad meets its verb's other forms, even when it ends like a noun ("stad").
    assert stem("planerad") == stem("planerade") == stem("planera")
    assert stem("kastad") == stem("kasta") and stem("bortkastad") == stem("bortkasta")
    assert stem("förändrad") == stem("förändra")
    # ...and a noun in -ad keeps it even when a verb is spelt like its first letters
    # ("måna", "tystna"): the lexicon knows "månaden" and "tystnaden".
    assert stem("månad") == stem("månader") == "månad"
    assert stem("tystnad") == stem("tystnaden")


def test_a_plural_with_a_changed_vowel_is_mapped_as_a_form_not_as_a_stem():
    # "städa" (to clean) has the Snowball stem of "städer" (towns), and stays apart.
    assert stem("städer") == stem("stad") != stem("städa")
    assert stem("städar") == stem("städa")
    # A verb in -er is no plural: no "-erna" form of it; nor a verb's present ("händer" of
    # "hända"); nor a plural of a word with a plural of its own ("nötter" and "noter").
    assert stem("sänder") != stem("sand")
    assert stem("händer") == stem("hände") != stem("hand")
    assert stem("nötter") != stem("not")


def test_the_definite_form_of_a_noun_in_a_meets_its_other_forms():
    # Snowball keeps -an: "förskolan" missed "förskola" and "förskolor".
    assert stem("förskolan") == stem("förskola") == stem("förskolor") == stem("förskolans")
    assert stem("frågan") == stem("frågor")
    # A compound the lexicon lacks, by the word it ends in.
    assert stem("kulturskolan") == stem("kulturskola") == stem("kulturskolor")
    # Nothing is cut from a word whose -a form is unknown, nor from a short one.
    assert stem("johan") == "johan" and stem("plan") == stem("planen") == "plan"


@pytest.mark.parametrize("word", ["lärkan", "förskolan", "gräns", "anmäldes", "beslöt", "föreslog"])
def test_a_word_typed_without_accents_stems_as_the_accented_one_folded(word):
    # The folded field holds fold(stem(word)); the lexicon's rules must fire for the typed
    # "larkan" as they do for "Lärkan", or it would miss the preschool.
    assert stem(fold(word)) == fold(stem(word))


def test_a_noun_in_s_keeps_it():
    # Snowball cuts -s after t or n as a genitive's: "plats" missed "platsen" and "platser".
    assert stem("plats") == stem("platsen") == stem("platser")
    assert stem("insats") == stem("insatser") and stem("gräns") == stem("gränsen")
    assert stem("parkeringsplats") == stem("parkeringsplatser")
    # A genitive still loses its -s.
    assert stem("kommuns") == stem("kommun") and stem("barns") == stem("barn")


def test_a_noun_of_who_does_something_is_not_its_verb():
    # Snowball cut "ersättare" (a deputy) to "ersät", as "ersätta" and "ersatte" (replaced):
    # "vem ersatte Karin Ek?" met every election of deputies.
    assert stem("ersättare") == stem("ersättaren") == stem("ersättarna") == stem("ersättares") == "ersättar"
    assert stem("ersatte") == stem("ersätta") != stem("ersättare")
    assert stem("handläggaren") == stem("handläggare") != stem("handlägga")
    assert "ersättar" in word_terms("kommunstyrelseersättare")[0]
    # A comparative is no such noun: the lexicon knows no "tidigaren".
    assert stem("tidigare") == stem("tidig") and stem("snabbare") == stem("snabb")


def test_the_definite_plural_of_a_noun_in_e_meets_its_other_forms():
    assert stem("ärendena") == stem("ärende") == stem("ärendet") == stem("ärenden")
    assert stem("mötena") == stem("möte") and stem("bostadsområdena") == stem("bostadsområde")
    # "förena" is a verb, whatever "före" and "fören" are.
    assert stem("förena") == stem("förenar") != stem("före")


def test_a_weak_verbs_past_meets_its_present():
    # Snowball keeps the past's -d and -t ("anmäld", "köpt") and not the present's.
    assert stem("anmäldes") == stem("anmälde") == stem("anmäls") == stem("anmäler") == stem("anmäla")
    assert stem("köpte") == stem("köptes") == stem("köpt") == stem("köper")
    assert stem("fastställdes") == stem("fastställa")
    # ...and one whose present doubles the consonant the past has once.
    assert stem("godkändes") == stem("godkänd") == stem("godkänner") == stem("godkänna")
    assert stem("bestämdes") == stem("bestämmer")
    # A noun spelt like a past keeps its own stem: "nämnd" is no form of "nämna", "höjd" of "höja".
    assert stem("nämnd") == stem("nämnden") != stem("nämna")
    assert stem("höjd") == stem("höjden") != stem("höja")
    # ...and so does a word with more after the -d or -t ("mandat"), or a verb that is a noun too
    # ("lagt" is no form of "lager").
    assert stem("mandat") != stem("mana")
    assert stem("lagt") != stem("lager")


def test_a_passive_supine_and_a_plural_genitive_meet_their_word():
    # Snowball takes off only the final -s: "beslutats" kept the -at that "beslutat" loses.
    assert stem("beslutats") == stem("beslutat") == stem("beslut")
    assert stem("behandlats") == stem("behandla") and stem("remitterats") == stem("remittera")
    assert stem("kronors") == stem("kronor") == stem("krona")
    assert stem("miljoners") == stem("miljoner")


@pytest.mark.parametrize(
    ("form", "verb"),
    [
        ("valdes", "väljer"),
        ("valt", "välja"),
        ("beslöt", "beslutar"),
        ("antogs", "antar"),
        ("antagits", "anta"),
        ("föreslog", "föreslår"),
        ("föreslagits", "föreslå"),
        ("gick", "går"),
        ("kom", "kommer"),
        ("tog", "tar"),
        ("utsågs", "utser"),
        ("tillsattes", "tillsätter"),
        ("lagt", "lägger"),
    ],
)
def test_an_irregular_verbs_forms_meet_its_present(form, verb):
    assert stem(form) == stem(verb)
    assert query_side(verb) <= index_terms(form)


def test_a_compound_the_lexicon_lacks_ends_in_an_irregular_form():
    assert "styrelsevaldes" not in lexicon_words()
    assert stem("styrelsevaldes") == stem("styrelseväljer")


def test_nouns_spelt_like_verb_forms_keep_their_own_stem():
    # "drog" (a drug) is no "dra", "marker" (plural of "mark") no "markera", "undantaget" no
    # "und" + "antaget"; "skolan" is no form of "skulle".
    assert stem("drog") == stem("droger") != stem("dra")
    assert stem("marker") == stem("mark") != stem("markera")
    assert stem("undantaget") == stem("undantag")
    assert stem("sköterskorna") == stem("sköterskan")
    assert stem("skolan") != stem("skulle")


def test_english_words_keep_their_own_stem():
    # Swedish text borrows "before", "road" and "small"; the table must not read them as
    # "befara", "roa" and "smälla".
    for word, verb in (("before", "befara"), ("road", "roa"), ("small", "smälla")):
        assert stem(word) != stem(verb)


def test_the_verb_forms_file_lists_forms_whose_verb_is_no_form():
    import index.analysis as analysis

    forms = dict(line.split() for line in analysis._data_lines("sv_verb_forms.txt"))
    assert len(forms) > 500
    assert not set(forms.values()) & set(forms)
    # Each form is a word of the lexicon and begins as its verb does.
    assert all(form in lexicon_words() and form[0] == verb[0] for form, verb in forms.items())


def test_the_et_rule_keeps_words_that_end_in_et_whole():
    assert stem("paket") == stem("paketet") == "paket"
    assert stem("budget") == stem("budgeten")


def test_query_mode_does_not_split():
    assert texts(swedish_analyzer(), "vänortssamarbetet", "query") == [stem("vänortssamarbetet")]


def test_parts_share_the_position_and_offsets_of_their_word():
    tokens = [
        (t.text, t.pos, t.startchar, t.endchar)
        for t in swedish_analyzer()("Om vänortsavtal i dag", positions=True, chars=True)
    ]
    compound = [tok for tok in tokens if tok[2] == 3]
    assert len(compound) > 1
    [(pos, start, end)] = {tok[1:] for tok in compound}
    assert (start, end) == (3, 15)
    assert tokens[-1][:2] == ("dag", pos + 1)  # the stop word "i" left no gap


def test_tokens_are_reused_so_texts_must_be_collected_as_they_pass():
    tokens = list(swedish_analyzer()("kommunen beslutade om vänortsavtal"))
    assert len({id(t) for t in tokens}) == 1  # one object: a list of tokens is worthless
    assert texts(swedish_analyzer(), "kommunen beslutade")[0] == "kommun"


# --- folding -----------------------------------------------------------------------------


def test_fold():
    assert fold("vänort åre öl café über") == "vanort are ol cafe uber"
    assert fold("ÅÄÖ") == "AAO"
    assert fold("crème") == "creme"


@pytest.mark.parametrize("word", VANORT_FORMS)
def test_unaccented_query_finds_accented_text_on_the_folded_field(word):
    assert query_side("vanort", folded=True) <= index_terms(word, folded=True)
    [group] = query_terms("vanort", folded=True)
    assert group.terms[0] in index_terms(word, folded=True)


def test_folded_index_has_no_accents():
    assert all(t.isascii() for t in index_terms("Älvkarlebyvägen förskoleverksamhet", True))


# --- stop words --------------------------------------------------------------------------


def test_stop_words_are_removed():
    assert texts(swedish_analyzer(), "och det att som på för med till") == []


@pytest.mark.parametrize("word", ["beslut", "kommun", "ärende", "nämnd", "inte", "ej"])
def test_domain_words_and_negations_are_kept(word):
    assert not is_stopword(word)
    assert texts(swedish_analyzer(), word, "query") == [stem(word)]


def test_negations_are_known_to_the_query_side():
    assert {"inte", "ej", "icke"} <= NEGATIONS
    assert not any(is_stopword(w) for w in NEGATIONS)


def test_is_stopword_ignores_case():
    assert is_stopword("Och") and is_stopword("att") and not is_stopword("bygglov")


def test_numbers_and_paragraph_numbers_are_kept():
    assert texts(swedish_analyzer(), "§ 5 KS-2022/1011.107 år 2024") == [
        "5",
        "ks",
        "2022",
        "1011",
        "107",
        "år",
        "2024",
    ]


def test_decomposed_letters_read_as_composed():
    assert texts(swedish_analyzer(), "va\u0308nort") == texts(swedish_analyzer(), "vänort")


# --- query terms -------------------------------------------------------------------------


def test_query_terms_one_group_per_non_stop_word_in_order():
    groups = query_terms("Vad beslutade kommunen om vänortssamarbetet, inte förskolan?")
    assert [g.word for g in groups] == [
        "beslutade",
        "kommunen",
        "vänortssamarbetet",
        "inte",
        "förskolan",
    ]
    assert groups[1] == TermGroup("kommunen", ("kommun",), ())
    compound = groups[2]
    assert compound.terms == (stem("vänortssamarbetet"),)
    assert stem("vänort") in compound.parts and stem("samarbete") in compound.parts
    assert compound.terms[0] not in compound.parts
    assert compound.modifiers == (stem("vän"), stem("ort"))  # vän|ort|samarbete: all but the last


@pytest.mark.parametrize(
    ("word", "modifiers"),
    [("Smedjankvarteret", ("smedjan",)), ("spårväg", ("spår",)), ("bostadsriktlinjerna", ("bostad",)), ("kommunen", ())],
)
def test_a_compounds_modifiers_are_its_parts_before_the_last(word, modifiers):
    assert query_terms(word)[0].modifiers == tuple(stem(m) for m in modifiers)


def test_query_terms_match_the_analyzers():
    for folded in (False, True):
        for group in query_terms("Bygglovet för äldreboendet", folded=folded):
            assert set(group.terms) <= query_side(group.word, folded)
            assert set(group.parts) <= index_terms(group.word, folded)
            assert group.modifiers and set(group.modifiers) <= set(group.parts)


def test_query_terms_of_nothing():
    assert query_terms("") == [] and query_terms("och att det?") == []


# --- compound splitting quality ----------------------------------------------------------
# Lists of words from Swedish municipal minutes. The first two were written before the
# splitter and used to set its rules and figures; the held-out pair was written after, and
# run once. Known misses are xfail(strict): each says what goes wrong.
#
#   should split      152/157 (tuning), 42/43 (held out)
#   should not split  179/184 (tuning), 40/42 (held out)

# word: acceptable splits, "|" between alternatives, parts as written without linkers.
SHOULD_SPLIT = """
vänort: vän ort
vänorter: vän orter
vänortssamarbetet: vän ort samarbetet | vänort samarbetet
vänortsavtal: vän ort avtal | vänort avtal
vänortsutbyte: vän ort utbyte | vänort utbyte
vänortskommuner: vän ort kommuner | vänort kommuner
förskoleverksamhet: förskole verksamhet
förskoleklass: förskole klass
äldreboende: äldre boende
äldreomsorgen: äldre omsorgen
detaljplanen: detalj planen
detaljplaneläggning: detaljplan läggning | detalj plan läggning
kommunstyrelsens: kommun styrelsens
kommunstyrelsen: kommun styrelsen
kommunfullmäktige: kommun fullmäktige
kommunfullmäktiges: kommun fullmäktiges
kommunnivå: kommun nivå
kommundirektör: kommun direktör
kommunrevisionen: kommun revisionen
kommunledningskontoret: kommun ledning kontoret | kommunledning kontoret
bygglov: bygg lov
bygglovet: bygg lovet
bygglovsansökan: bygglov ansökan | bygg lov ansökan
rivningslov: rivning lov
marklov: mark lov
planbesked: plan besked
socialnämnden: social nämnden
skolnämnden: skol nämnden
miljönämnden: miljö nämnden
byggnadsnämnden: byggnad nämnden
kulturnämnden: kultur nämnden
fritidsnämnden: fritid nämnden
valnämnden: val nämnden
överförmyndarnämnden: överförmyndar nämnden
stadsbyggnadskontoret: stad byggnad kontoret | stadsbyggnad kontoret
barnomsorg: barn omsorg
grundskolan: grund skolan
gymnasieskolan: gymnasie skolan
kulturskolan: kultur skolan
musikskola: musik skola
skolskjuts: skol skjuts
skolgård: skol gård
skolmåltider: skol måltider
skolchef: skol chef
elevhälsa: elev hälsa
folkhälsa: folk hälsa
folkhälsoarbete: folk hälso arbete | folkhälso arbete
räddningstjänsten: räddning tjänsten
hemtjänsten: hem tjänsten
hemsjukvård: hem sjukvård | hem sjuk vård
vattenverk: vatten verk
avloppsledning: avlopp ledning
avloppsreningsverk: avlopp rening verk | avlopp reningsverk
vattenförsörjning: vatten försörjning
dagvatten: dag vatten
grundvatten: grund vatten
gatubelysning: gatu belysning
cykelväg: cykel väg
cykelbana: cykel bana
busshållplats: buss hållplats
parkeringsplats: parkering plats
gångväg: gång väg
vägnät: väg nät
vägföreningen: väg föreningen
järnvägsstation: järnväg station | järn väg station
tågstation: tåg station
kollektivtrafik: kollektiv trafik
trafiksäkerhet: trafik säkerhet
bostadsområde: bostad område
bostadsbolag: bostad bolag
bostadsanpassning: bostad anpassning
bostadsbidrag: bostad bidrag
bostadsförsörjning: bostad försörjning
hyresgäst: hyre gäst | hyr gäst
hyreskostnader: hyre kostnader | hyr kostnader
markanvisning: mark anvisning
markägare: mark ägare
fastighetsägare: fastighet ägare
fastighetsförvaltning: fastighet förvaltning
exploateringsavtal: exploatering avtal
samverkansavtal: samverkan avtal
samarbetsavtal: samarbet avtal
budgetförslag: budget förslag
budgetramar: budget ramar
driftbudget: drift budget
investeringsbudget: investering budget
årsredovisning: år redovisning
delårsrapport: del år rapport | delår rapport | del årsrapport
verksamhetsplan: verksamhet plan
översiktsplan: översikt plan
biblioteksplan: bibliotek plan
idrottshall: idrott hall
idrottsplats: idrott plats
sporthall: sport hall
badhus: bad hus
kulturhus: kultur hus
bredbandsutbyggnad: bredband utbyggnad
avfallshantering: avfall hantering
klimatanpassning: klimat anpassning
energieffektivisering: energi effektivisering
solcellsanläggning: solcell anläggning | sol cell anläggning
laddstolpar: ladd stolpar
miljöbalken: miljö balken
naturreservat: natur reservat
strandskydd: strand skydd
strandskyddsdispens: strandskydd dispens | strand skydd dispens
skogsbruk: skog bruk
jordbruksmark: jordbruk mark | jord bruk mark
vindkraft: vind kraft
vindkraftverk: vindkraft verk | vind kraftverk | vind kraft verk
snöröjning: snö röjning
arbetsutskott: arbet utskott
arbetsutskottet: arbet utskottet
ekonomichef: ekonomi chef
förvaltningschef: förvaltning chef
personalchef: personal chef
socialchef: social chef
barnkonventionen: barn konventionen
flyktingmottagande: flykting mottagande
försörjningsstöd: försörjning stöd
valberedning: val beredning
medborgarförslag: medborgar förslag
motionssvar: motion svar
revisionsrapport: revision rapport
revisionsberättelse: revision berättelse
ansvarsfrihet: ansvar frihet
lönekostnader: löne kostnader | lön kostnader
matsal: mat sal
korttidsboende: korttid boende | kort tid boende
gruppbostad: grupp bostad
ungdomsgård: ungdom gård
fritidsgård: fritid gård
familjecentral: familje central | familj central
kommunalråd: kommunal råd
oppositionsråd: opposition råd
partistöd: parti stöd
partigrupp: parti grupp
valkrets: val krets
vänskapsort: vänskap ort
fredsrörelse: fred rörelse
världskriget: värld kriget
tjänsteskrivelse: tjänste skrivelse | tjänst skrivelse
sammanträdesdatum: sammanträde datum
diarienummer: diarie nummer
ärendebeskrivning: ärende beskrivning
beslutsunderlag: beslut underlag
beslutsförslag: beslut förslag
protokollsutdrag: protokoll utdrag
länsstyrelsen: län styrelsen
statsbidrag: stat bidrag
tätort: tät ort
centralort: central ort
landsbygd: land bygd
mandatperiod: mandat period
samhällsbyggnad: samhälle byggnad | samhäll byggnad
skattesats: skatte sats | skatt sats
tidsplan: tid plan
"""

# Common whole words whose "parts" would be accidental, prefixes or suffixes.
SHOULD_NOT_SPLIT = """
betalning ordning fastighet verksamhet kommunen beslutet inte kommun kommunal kommunala
ungdom vänskap ordförande ordföranden upphandling förslag underlag uppdrag tillstånd
förvaltning förening överklagande genomförande samarbete samverkan samhälle tillsammans
ersättning ersättare ledamot ledamöter sammanträde protokoll justering ansökan avslag
yrkande reservation ärendet ärenden nämnden styrelsen budget ekonomi ekonomisk kostnader
intäkter investering anslag bidrag avgift avgifter riktlinjer utredning uppföljning
redovisning revision granskning bedömning yttrande remiss motion medborgare invånare
personal anställda ansvar antal enligt mellan gällande vidare hantering information
samtliga bostad område arbete arbetet politiker landskap planering inriktning utveckling
anläggning omfattning avveckling förändring tillgång tillsyn undersökning överlämnar
överläggning föreslår föreskrifter förutsättningar förbättring förordning förteckning
förhandling beredning betydelse behandling delegation medlemmar möjlighet nuvarande
tidigare ordinarie organisation paragraf rapport kontroll kontor kostnad bilaga bilagor
handlingar underskott överskott tillfälle tillfällig sammanfattning kallelse kvalitet
utskottet anslutning parkering ledning ledningen rättighet myndighet säkerhet skyldighet
nedskärning försäljning marknad lokaler kommunikation kommuner kommunens konstaterar
kunskap inledning anledning bakgrund regeringen riksdagen befolkning bebyggelse
kvarteret allmänheten allmänna allvarlig endast härmed därmed därför dessutom ingenting
varandra överallt samtidigt fortsättning fortfarande framtiden framgår angående
ovanstående överenskommelse avdelning avdelningen program projekt skolan lärare rektor
eleverna personalen verksamheten ekonomin invånarna vårdnadshavare omsorg
"""

HELD_OUT_SPLIT = """
barnomsorgen: barn omsorgen
förskolechef: förskole chef
lokalförsörjning: lokal försörjning
lokalhyra: lokal hyra
idrottsförening: idrott förening
kommunkoncernen: kommun koncernen
kommunalskatt: kommunal skatt
skattesatsen: skatte satsen | skatt satsen
avfallstaxa: avfall taxa
vattentaxa: vatten taxa
miljöförvaltningen: miljö förvaltningen
socialförvaltningen: social förvaltningen
utbildningsförvaltningen: utbildning förvaltningen
kulturförvaltningen: kultur förvaltningen
personalutskott: personal utskott
ungdomsråd: ungdom råd
pensionärsråd: pensionär råd
tillgänglighetsråd: tillgänglighet råd
näringslivsstrategi: näringsliv strategi
bostadsbyggande: bostad byggande
hyresrätter: hyre rätter | hyr rätter
bostadsrätter: bostad rätter
villaområde: villa område
industriområde: industri område
handelsområde: handel område
planarbete: plan arbete
planprogram: plan program
gatukostnader: gatu kostnader
kvartersmark: kvarter mark
parkmark: park mark
lekplatser: lek platser
badplats: bad plats
vägunderhåll: väg underhåll
snöskottning: snö skottning
brandstation: brand station
sjukfrånvaro: sjuk frånvaro
hemtjänstinsatser: hemtjänst insatser | hem tjänst insatser
biståndsbeslut: bistånd beslut
kostnadsökning: kostnad ökning
skolresultat: skol resultat
lärartjänster: lärar tjänster
elevantal: elev antal
klassrum: klass rum
"""

HELD_OUT_NOT_SPLIT = """
ordningen samordning utbetalning inbetalning uppdatering avgörande beslutade beslutar
föreslagit godkänna godkänner kommunalt kommunerna organisationen medfinansiering
finansiering ekonomiska sociala tekniska offentliga politiska digitala ansvarig ansvariga
områden uppgifter förklaring fördelning förmåga förtroende förvaltningar företag
företrädare beredskap medarbetare omvärlden överlämna utökade ökningen resultatet
gemensamma gemenskap
"""

MISSED_SPLITS = {
    "överförmyndarnämnden": "'överförmyndare' is not among the lexicon's 78,000 words",
    "matsal": "'sal' (rank 8,950) is past the three-letter limit",
    "tätort": "'tät' (rank 9,993) is past the three-letter limit",
    "landsbygd": "'landsbygd' is much commoner than 'bygd'",
    "snöskottning": "'skottning' is not in the lexicon",
}
FALSE_SPLITS = {
    "ledamöter": "leda + möter: two common words",
    "riktlinjer": "rikt + linjer: the etymology, but no longer felt as a compound",
    "redovisning": "red-o-visning: 'reda' lets 'red' take the -o- linker",
    "paragraf": "par-a-graf",
    "riksdagen": "rik-s-dagen",
    "godkänna": "god + känna: the etymology, lexicalised",
    "godkänner": "god + känner",
}

LINKER_LETTERS = set("seauo")


def parse_splits(listing: str) -> list[tuple[str, list[tuple[str, ...]]]]:
    cases = []
    for line in listing.strip().splitlines():
        word, alternatives = line.split(":")
        cases.append((word.strip(), [tuple(a.split()) for a in alternatives.split("|")]))
    return cases


def same_part(got: str, expected: str) -> bool:
    # A linking letter may be read as the end of a head or as a linker: "gatu"/"gat".
    shorter, longer = sorted((got, expected), key=len)
    return got == expected or (
        len(longer) == len(shorter) + 1
        and longer.startswith(shorter)
        and longer[-1] in LINKER_LETTERS
    )


def right_split(got: tuple[str, ...], alternatives: list[tuple[str, ...]]) -> bool:
    return any(
        len(got) == len(alt) and all(same_part(g, e) for g, e in zip(got, alt, strict=False))
        for alt in alternatives
    )


def xfail_known(word: str, known: dict[str, str]):
    if word in known:
        return pytest.param(word, marks=pytest.mark.xfail(reason=known[word], strict=True))
    return word


SPLIT_CASES = dict(parse_splits(SHOULD_SPLIT) + parse_splits(HELD_OUT_SPLIT))
NOT_SPLIT_WORDS = SHOULD_NOT_SPLIT.split() + HELD_OUT_NOT_SPLIT.split()


@pytest.mark.parametrize("word", [xfail_known(w, MISSED_SPLITS) for w in SPLIT_CASES])
def test_should_split(word):
    assert right_split(split_compound(word), SPLIT_CASES[word]), split_compound(word)


@pytest.mark.parametrize("word", [xfail_known(w, FALSE_SPLITS) for w in NOT_SPLIT_WORDS])
def test_should_not_split(word):
    assert split_compound(word) == ()


def test_the_lists_are_the_size_the_figures_say():
    assert len(parse_splits(SHOULD_SPLIT)) == 157 and len(SHOULD_NOT_SPLIT.split()) == 184
    assert len(parse_splits(HELD_OUT_SPLIT)) == 43 and len(HELD_OUT_NOT_SPLIT.split()) == 42


@pytest.mark.parametrize(
    "word", ["", "ab", "kommun", "2024", "a1b2c3d4", "x" * 200, "vänort" * 6 + "vän"]
)
def test_split_compound_of_non_compounds_is_empty(word):
    assert split_compound(word) == ()


def test_split_compound_gives_parts_as_written():
    assert split_compound("vänortssamarbetet") == ("vän", "ort", "samarbetet")
    assert split_compound("förskoleverksamhet") == ("förskole", "verksamhet")



@pytest.mark.parametrize(
    ("plain", "meant"),
    [("forskolan", "förskolan"), ("ordforande", "ordförande"), ("arsredovisning", "årsredovisning")],
)
def test_a_word_typed_without_accents_splits_as_the_word_meant(plain, meant):
    assert split_compound(plain) == tuple(fold(part) for part in split_compound(meant))


def test_a_compound_never_ends_in_a_modal_verb():
    assert split_compound("grönska") == () and is_stopword("ska")

# --- robustness --------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_analyzers_never_raise_and_give_non_empty_terms(text):
    for analyzer in (swedish_analyzer(), folded_analyzer()):
        for mode in ("index", "query", ""):
            terms = texts(analyzer, text, mode)
            assert all(isinstance(t, str) and t for t in terms)
    for folded in (False, True):
        for group in query_terms(text, folded=folded):
            assert group.terms and all(group.terms) and all(group.parts)


swedish_words = st.sampled_from(
    [
        "kommunen",
        "beslutade",
        "att",
        "vänortssamarbetet",
        "ska",
        "avslutas",
        "och",
        "förskoleverksamhet",
        "äldreboende",
        "inte",
        "ej",
        "detaljplanen",
        "§",
        "21",
        "2024",
        "Bygglovet",
        "SÅ",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(swedish_words, max_size=40))
def test_positions_rise_and_offsets_point_at_the_word(words):
    text = " ".join(words)
    last = -1
    for t in folded_analyzer()(text, positions=True, chars=True):
        assert t.pos >= last
        last = t.pos
        assert 0 <= t.startchar < t.endchar <= len(text)
        assert text[t.startchar : t.endchar].strip() == text[t.startchar : t.endchar]


def test_analyzers_agree_across_threads():
    sentences = [
        "Kommunstyrelsens arbetsutskott överlämnar ärendet om vänortssamarbetet.",
        "Bygglovet för äldreboendet beviljas inte.",
        "Förskoleverksamhet och detaljplanen för Vänorterna, år 2024.",
    ] * 20
    expected = [(texts(swedish_analyzer(), s), texts(folded_analyzer(), s)) for s in sentences]
    barrier = threading.Barrier(4)

    def run(sentence: str) -> tuple[list[str], list[str]]:
        return texts(swedish_analyzer(), sentence), texts(folded_analyzer(), sentence)

    def start(_: int) -> None:
        barrier.wait()

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(start, range(4)))
        assert list(pool.map(run, sentences)) == expected


def test_analyzers_are_cached():
    assert swedish_analyzer() is swedish_analyzer()
    assert folded_analyzer() is folded_analyzer()


# --- in a real Whoosh index --------------------------------------------------------------


@pytest.fixture
def ram_index():
    schema = fields.Schema(
        id=fields.ID(stored=True),
        text=fields.TEXT(analyzer=swedish_analyzer(), stored=True),
        folded=fields.TEXT(analyzer=folded_analyzer()),
    )
    ix = RamStorage().create_index(schema)
    docs = {
        "1": "Förslag om att avsluta Huddinge kommuns vänortssamarbete.",
        "2": "Bygglovet för äldreboendet beviljas inte.",
        "3": "Kommunstyrelsen beslutade om budgeten.",
    }
    with ix.writer() as writer:
        for doc_id, text in docs.items():
            writer.add_document(id=doc_id, text=text, folded=text)
    return ix


def search_ids(ix, field: str, text: str, folded: bool = False) -> set[str]:
    groups = query_terms(text, folded=folded)
    q = query.And([query.Or([query.Term(field, t) for t in g.terms + g.parts]) for g in groups])
    with ix.searcher() as searcher:
        return {hit["id"] for hit in searcher.search(q)}


def test_index_finds_compounds_by_their_parts(ram_index):
    assert search_ids(ram_index, "text", "vänort") == {"1"}
    assert search_ids(ram_index, "text", "boende") == {"2"}
    assert search_ids(ram_index, "text", "bygglov") == {"2"}
    assert search_ids(ram_index, "text", "styrelsen") == {"3"}
    assert search_ids(ram_index, "folded", "vanort", folded=True) == {"1"}


def test_schema_survives_pickling_and_highlights_work(ram_index):
    reopened = ram_index.storage.open_index(schema=None)
    assert reopened.schema["text"].analyzer == swedish_analyzer()
    with reopened.searcher() as searcher:
        hits = searcher.search(query.Term("text", stem("vänort")))
        assert "vänortssamarbete" in hits[0].highlights("text").lower()


# --- the indexing fast path gives the analyzer's terms -------------------------------------------

def _chain_terms(text: str) -> list[str]:
    return [t.text for t in swedish_analyzer()(text)]


def _fast_terms(text: str) -> list[str]:
    from index.analysis import word_terms

    return [term for group in word_terms(text) for term in group]


def test_fast_path_equals_the_analyzer_on_the_shipped_minutes():
    from pathlib import Path

    from index.readers import read_file

    folder = Path(__file__).resolve().parents[1] / "data" / "minutes"
    for path in sorted(folder.iterdir()):
        text = read_file(path).text
        assert _fast_terms(text) == _chain_terms(text), path.name


@given(st.text(max_size=400))
def test_fast_path_equals_the_analyzer_on_any_text(text):
    assert _fast_terms(text) == _chain_terms(text)


def test_pre_analyzed_tokens_keep_positions():
    from index.analysis import encode_terms, pre_analyzed, word_terms

    encoded = encode_terms(word_terms("Vänortsavtal och budget"))
    tokens = [(t.text, t.pos) for t in pre_analyzed()(encoded, positions=True)]
    assert tokens[0] == ("vänortsavtal", 0) and ("vänort", 0) in tokens and tokens[-1] == ("budget", 1)
    assert encode_terms(word_terms("vänort"), folded=True) == "vänort|vanort|vän|van|ort"


# --- the splitter's shortcuts change no split ---------------------------------------------

SHORTCUT_WORDS = sorted(set(SPLIT_CASES) | set(NOT_SPLIT_WORDS) | set(VANORT_FORMS))


def test_skipping_heads_no_lexicon_entry_begins_with_changes_no_split(monkeypatch):
    import index.analysis as analysis

    found = {word: analysis._best_split(word, analysis._lexicon()) for word in SHORTCUT_WORDS}
    monkeypatch.setattr(analysis, "_begins_some", lambda text: True)
    assert {word: analysis._best_split(word, analysis._lexicon()) for word in SHORTCUT_WORDS} == found
    assert sum(split is not None for split in found.values()) > 150  # the lists hold compounds


def test_begins_some():
    from index.analysis import _begins_some

    assert _begins_some("vän") and _begins_some("kommu")
    assert not _begins_some("vänortss") and not _begins_some("xq")


@given(st.text(alphabet="abdeghlnorståäö", max_size=12), st.integers(min_value=0, max_value=12))
def test_endings_and_suffixes_read_as_the_plain_definitions(word, start):
    from index.analysis import FINAL_ENDINGS, SUFFIXES, _bases, _ends_in_suffix

    start = min(start, len(word))
    assert _ends_in_suffix(word, start) == any(
        word.endswith(s) and len(s) >= len(word) - start for s in SUFFIXES
    )
    assert set(_bases(word)) == {word[: len(word) - len(e)] for e in FINAL_ENDINGS if word.endswith(e) and len(e) < len(word)}


# --- the lexicon prepared ahead -------------------------------------------------------------


def test_the_lexicon_keys_its_words_by_the_stems_the_repairs_give():
    # The lexicon re-stems only words whose endings a repair looks at: a repair added
    # without its ending there leaves its stems out, and compounds ending in them unsplit.
    import index.analysis as analysis

    lexicon = analysis._lexicon()
    repaired = [w for w in lexicon.words if w.endswith(("ad", "at", "ens", "et", "an", "en", "are", "arna"))]
    assert len(repaired) > 5_000
    assert [w for w in repaired if stem(w) not in lexicon.stems] == []


def test_a_lexicon_table_reads_back_as_the_lexicon_it_was_made_from(monkeypatch):
    import index.analysis as analysis

    made = analysis._lexicon()
    table = analysis.lexicon_table()
    monkeypatch.setattr(analysis, "_lexicon_loaded", None)
    assert analysis.adopt_lexicon_table(table)
    adopted = analysis._lexicon()
    assert adopted is not made and adopted == made
    assert len(adopted.stems) > 40_000 and adopted.beginnings == tuple(sorted(set(made.words) | set(made.stems)))
    assert not analysis.adopt_lexicon_table(table)  # a lexicon loaded is kept


def test_a_table_of_other_code_or_damaged_is_not_used(monkeypatch):
    import index.analysis as analysis

    table = analysis.lexicon_table()
    monkeypatch.setattr(analysis, "_lexicon_loaded", None)
    monkeypatch.setattr(analysis, "_table_key", lambda: "other code")
    assert not analysis.adopt_lexicon_table(table)
    monkeypatch.undo()
    monkeypatch.setattr(analysis, "_lexicon_loaded", None)
    assert not analysis.adopt_lexicon_table(table[: len(table) // 2])
    assert not analysis.adopt_lexicon_table(b"not a table")
    assert analysis._lexicon_loaded is None
