import pytest

from index.bodies import KF, KS, KSAU, RF, RS, RSAU, Body
from index.records import STATUSES
from index.status import classify_decision, split_points

BUN = Body("BUN", "Barn- och utbildningsnämnden")


@pytest.mark.parametrize(
    "text, body, status, next_body",
    [
        ("Kommunstyrelsens arbetsutskott överlämnar ärendet till kommunstyrelsen utan eget ställningstagande.", KSAU, "forwarded", "KS"),
        ("Arbetsutskottet föreslår att kommunstyrelsen beslutar att godkänna avtalet.", KSAU, "proposed", "KS"),
        ("Kommunstyrelsen föreslår kommunfullmäktige besluta att avslå motionen.", KS, "proposed", "KF"),
        # The arbetsutskott drafts what KS is to propose: KS is where the matter goes next.
        ("Kommunstyrelsen föreslår kommunfullmäktige besluta att avslå motionen.", KSAU, "proposed", "KS"),
        # Another body's proposal quoted by the AU is not one it drafts for its board.
        ("Socialnämnden föreslår kommunfullmäktige besluta att anta taxan.", KSAU, "proposed", "KF"),
        ("Kommunstyrelsen beslutar att godkänna avtalet.", KSAU, "proposed", "KS"),
        ("Kommunfullmäktige beslutar att anta budgeten för 2024.", KF, "decided", None),
        ("Dagordningen godkänns.", KS, "decided", None),
        ("Ärendet återremitteras till kommunstyrelsen.", KF, "referred_back", None),
        # Granted in part is decided, whatever the rest declines.
        ("Motionen bifalls delvis genom att en utredning görs. I övrigt avslås motionen.", KF, "decided", None),
        ("Yttrande lämnas enligt bilaga.", KS, "decided", None),
        ("Kommunstyrelsen föreslår kommunfullmäktige besluta att motionen bifalls delvis.", KS, "proposed", "KF"),
        ("Regionstyrelsen föreslår regionfullmäktige att anta planen.", None, "proposed", "RF"),
        # A reply the body made its own and sends on is what it decided: it took a position,
        # which "forwarded" (without one) would deny.
        ("Nämnden ställer sig bakom förslaget och överlämnar det till kommunstyrelsen.", None, "decided", None),
        ("Kommunstyrelsen antar yttrandet som sitt eget och överlämnar det till Trafikverket.", KS, "decided", None),
        ("Kommunfullmäktige beslutar att remittera motionen till kommunstyrelsen för beredning.", KF, "decided", None),
        ("Motionen remitteras till kommunstyrelsen för beredning.", KF, "decided", None),
        ("Medborgarförslaget remitteras till kommunstyrelsen för beredning.", KF, "decided", None),
        ("Motionen överlämnas till kommunstyrelsen för beredning.", KF, "forwarded", "KS"),
        ("Medborgarförslaget överlämnas till socialnämnden för beslut.", KF, "forwarded", "SN"),
        # Inside a proposal the passive is what is proposed; to an office there is no next body.
        ("Kommunstyrelsen föreslår kommunfullmäktige besluta att medborgarförslaget överlämnas till tekniska nämnden.", KS, "proposed", "KF"),
        ("Ärendet överlämnas till kommunledningsförvaltningen för vidare handläggning.", KS, "forwarded", None),
        ("Kommunfullmäktige beslutar att återremittera ärendet.", KF, "referred_back", None),
        ("Ärendet bordläggs.", KF, "tabled", None),
        ("Kommunfullmäktige beslutar att bordlägga ärendet till nästa sammanträde.", KF, "tabled", None),
        ("Motionen avslås.", KF, "rejected", None),
        ("Kommunfullmäktige beslutar att avslå medborgarförslaget.", KF, "rejected", None),
        ("Motionen anses besvarad.", KF, "answered", None),
        ("Medborgarförslaget anses besvarat.", KF, "answered", None),
        ("Interpellationen besvaras.", KF, "answered", None),
        ("Kommunfullmäktige anser motionen besvarad.", KF, "answered", None),
        ("Kommunfullmäktige beslutar att anse motionen därmed besvarad.", KF, "answered", None),
        ("Fullmäktige förklarar interpellationen besvarad.", KF, "answered", None),
        ("Nämnden lägger informationen till handlingarna.", BUN, "noted", None),
        ("Kommunstyrelsen noterar informationen.", KS, "noted", None),
        ("Nämnden tackar för informationen.", BUN, "noted", None),  # not "the nämnd acts"
        ("Ärendet utgår.", KS, "withdrawn", None),
        ("Ärendet avskrivs från vidare handläggning.", KS, "withdrawn", None),
        ("Motionen avskrivs från vidare handläggning.", KF, "withdrawn", None),
        ("Kommunfullmäktige beslutar att avskriva medborgarförslaget.", KF, "withdrawn", None),
        # Struck off is what is proposed, not what happened.
        ("Kommunstyrelsen föreslår kommunfullmäktige att avskriva ärendet.", KS, "proposed", "KF"),
        ("Detta är en mening utan beslutsformel.", KS, "unknown", None),
        # A region's arbetsutskott prepares for its board as KSAU does for KS.
        ("Regionstyrelsen föreslår regionfullmäktige besluta att anta planen.", RSAU, "proposed", "RS"),
        ("Regionstyrelsen beslutar att sälja fastigheten.", RSAU, "proposed", "RS"),
        ("Arbetsutskottet överlämnar ärendet till regionstyrelsen utan eget förslag till beslut.", RSAU, "forwarded", "RS"),
        ("Arbetsutskottet föreslår att regionstyrelsen beslutar att godkänna avtalet.", RSAU, "proposed", "RS"),
        ("Regionstyrelsen föreslår regionfullmäktige besluta att anta planen.", RS, "proposed", "RF"),
        ("Regionstyrelsen beslutar att sälja fastigheten.", RS, "decided", None),
        # Several matters at once, in the plural, by the same formulas as one.
        ("Motionerna överlämnas till regionstyrelsen för beredning.", RF, "forwarded", "RS"),
        ("Kommunfullmäktige överlämnar motionerna till kommunstyrelsen.", KF, "forwarded", "KS"),
        ("Medborgarförslagen remitteras till kommunstyrelsen för beredning.", KF, "decided", None),
        ("Motionerna avslås.", KF, "rejected", None),
        ("Motionerna anses besvarade.", KF, "answered", None),
        ("Motionerna avskrivs.", KF, "withdrawn", None),
        ("Ärendena utgår.", KS, "withdrawn", None),
        ("Kommunstyrelsen föreslår kommunfullmäktige besluta att motionerna överlämnas till tekniska nämnden.", KS, "proposed", "KF"),
        # A consultation answered: the region's "förslag till" a plan is no proposal to a body.
        ("Kommunstyrelsen beslutar att avge yttrande över Region Västerkusts förslag till regional cykelplan.", KS, "decided", None),
        ("Kommunstyrelsen beslutar att lämna synpunkter på förslag till kommunal avfallsplan.", KS, "decided", None),
        ("Kommunstyrelsen beslutar att lämna förslag till regionstyrelsen om färdtjänsten.", KS, "proposed", "RS"),
    ],
)
def test_formulas(text, body, status, next_body):
    decision = classify_decision(text, body)
    assert (decision.status, decision.next_body) == (status, next_body)
    assert decision.status in STATUSES


def test_first_point_decides():
    text = "1. Motionen anses besvarad.\n2. Kommunstyrelsen får i uppdrag att återkomma."
    assert classify_decision(text, KF).status == "answered"


def test_a_decision_for_the_bodys_own_part_with_a_proposal_onward_goes_on():
    text = (
        "1. Samhällsbyggnadsnämnden godkänner förstudien för egen del.\n"
        "2. Samhällsbyggnadsnämnden föreslår kommunstyrelsen att föreslå kommunfullmäktige att anta planen."
    )
    decision = classify_decision(text, Body("SBN", "Samhällsbyggnadsnämnden"))
    assert (decision.status, decision.next_body) == ("proposed", "KS")
    # A later point that gives a task is no step onward.
    assert classify_decision("1. Planen antas.\n2. Kommunstyrelsen får i uppdrag att återkomma.", KF).status == "decided"


def test_codes_written_in_lower_case_name_the_body_proposed_to():
    decision = classify_decision("Au föreslår ks föreslå kf att avslå motionen.", KSAU)
    assert (decision.status, decision.next_body, decision.phrase) == (
        "proposed", "KS", "Au föreslår ks föreslå kf att avslå motionen.",
    )


def test_proposal_heading_turns_formula_into_proposal():
    decision = classify_decision("Kommunstyrelsen beslutar att anta planen.", KSAU, "Arbetsutskottets förslag")
    assert (decision.status, decision.next_body) == ("proposed", "KS")


def test_phrase_is_the_documents_own_sentence():
    decision = classify_decision("Bakgrund finns. Motionen avslås. Sedan annat.", KF)
    assert decision.phrase == "Motionen avslås."


def test_split_points():
    assert split_points("1. Första.\n2. Andra\nfortsätter.") == ("Första.", "Andra fortsätter.")
    assert split_points("Bara en.") == ("Bara en.",)
    assert split_points("") == ()


def test_phrase_of_a_formula_before_numbered_points_goes_on_into_the_first():
    text = "Kommunfullmäktige beslutar att\n1. godkänna en investeringsram om 68 miljoner kronor,\n2. finansiera den inom budgeten."
    decision = classify_decision(text, KF)
    assert decision.status == "decided"
    assert decision.phrase == "Kommunfullmäktige beslutar att godkänna en investeringsram om 68 miljoner kronor …"
    one = classify_decision("Kommunstyrelsen beslutar att\n1. anta planen.", KS)
    assert one.phrase == "Kommunstyrelsen beslutar att anta planen."


RATES = ("1. Månadsavgiften för trygghetslarm höjs från 250 kronor till 340 kronor från och med den 1 april 2025.\n"
         "2. Installationsavgiften tas bort.")


@pytest.mark.parametrize("heading", ["Kommunfullmäktiges beslut", "**Beslut**", "Beslut:", "Fullmäktiges beslut", "Beslut för egen del"])
def test_a_statement_under_the_bodys_own_decision_heading_is_its_decision(heading):
    decision = classify_decision(RATES, KF, heading)
    assert (decision.status, decision.next_body) == ("decided", None)
    assert decision.phrase.startswith("Månadsavgiften för trygghetslarm höjs")


@pytest.mark.parametrize(
    "heading",
    # No heading, another body's decision or proposal, or a proposal of no one: nothing says the
    # statement was decided.
    ["", "Kommunstyrelsens beslut", "Kommunstyrelsens förslag", "Förslag till beslut", "Beslutsunderlag", "Sammanfattning"],
)
def test_a_statement_elsewhere_stays_unknown(heading):
    assert classify_decision(RATES, KF, heading).status == "unknown"


@pytest.mark.parametrize(("heading", "body", "next_body"), [("Förslag till kommunfullmäktige", KS, "KF"), ("Arbetsutskottets förslag", KSAU, "KS")])
def test_a_statement_under_the_bodys_own_proposal_heading_is_its_proposal(heading, body, next_body):
    decision = classify_decision(RATES, body, heading)
    assert (decision.status, decision.next_body) == ("proposed", next_body)


@pytest.mark.parametrize(
    "text",
    [
        "Sekretess",
        "Ärendet redovisas inte med hänvisning till sekretess enligt 26 kap. 1 § offentlighets- och sekretesslagen.",
        "Sekretess enligt OSL 26 kap. 1 § Ärendet redovisas i en särskild bilaga till protokollet, som inte är offentlig.",
        "Se särskilt protokoll.",
        # The matter itself as the subject, in words no formula reads: its fate is not said.
        "Ärendet behandlas vid nästa sammanträde.",
        "Vem betalar?",
    ],
)
def test_a_secret_or_unclear_block_under_a_decision_heading_stays_unknown(text):
    assert classify_decision(text, KF, "Kommunfullmäktiges beslut").status == "unknown"


def test_a_secret_decision_written_with_its_formula_keeps_its_status():
    assert classify_decision("Beslutet framgår av särskilt protokoll.", KF, "Beslut").status == "decided"


def test_a_formula_in_a_later_point_wins_over_a_statement_in_an_earlier():
    text = "1. Avgiften höjs till 340 kronor.\n2. Motionen anses besvarad."
    assert classify_decision(text, KF, "Kommunfullmäktiges beslut").status == "answered"
