"""Sam of city staff edits an action on his phone and drafts a new version of the plan; Carol, the
coordinator, adopts it. The public plan pages have no axe-core violations, on desktop and phone.
"""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from planning.models import Action, ActionPlan, KflcFocus, Milestone
from tests.browser.helpers import assert_accessible, log_in
from tests.planning.factories import (
    ActionFactory,
    ActionPlanFactory,
    ActionRoleFactory,
    MilestoneFactory,
    ObjectiveFactory,
    ThemeFactory,
)
from tests.stakeholders.factories import PASSWORD, OrganisationFactory, UserFactory

PLAN_TITLE = "Ciudad que aprende"
ACTION_TITLE = "Círculos de lectura en los barrios"
NEW_TITLE = "Círculos de lectura en cada colonia"
REASON = "La biblioteca del barrio cierra por obras hasta marzo."
DECISION = "Cabildo, sesión ordinaria del 20 de noviembre de 2026, acuerdo 88/2026"


@pytest.fixture
def plan(reference_data):
    """The adopted plan: a theme, two objectives tied to KFLC areas of focus, three actions with
    milestones and the roles of verified organisations. One action is late, one is done.
    """
    plan = ActionPlanFactory(
        status=ActionPlan.Status.ADOPTED,
        title="Plan de acción de la ciudad del aprendizaje",
        attractive_title=PLAN_TITLE,
        vision="Una ciudad donde todas las personas aprenden a lo largo de la vida.",
        national_alignment="Responde a la Estrategia Nacional de Educación a lo Largo de la Vida.",
        adopted_at=date(2026, 1, 15),
        adoption_decision="Cabildo, acuerdo 3/2026",
    )
    library = OrganisationFactory(name="Biblioteca Central", verified=True)
    university = OrganisationFactory(name="Universidad del Valle", verified=True)
    theme = ThemeFactory(
        plan=plan,
        title="Aprender en los barrios",
        challenge="Pocas oportunidades de aprendizaje fuera del centro.",
        named_by="Las juntas vecinales",
    )
    reading = ObjectiveFactory(
        plan=plan,
        theme=theme,
        title="Más lectura en familia y en comunidad",
        means_of_evaluation="Personas que participan en los círculos cada año.",
    )
    reading.kflc_focuses.set(KflcFocus.objects.filter(code__in=["2.2", "2.6"]))
    governance = ObjectiveFactory(
        plan=plan,
        theme=None,
        title="Un comité que gobierna con todos los sectores",
        term="long",
    )
    governance.kflc_focuses.set(KflcFocus.objects.filter(code__in=["3.1", "3.2"]))

    circles = ActionFactory(
        objective=reading,
        title=ACTION_TITLE,
        description="Círculos semanales en bibliotecas y centros comunitarios.",
        lead_organisation=library,
        contact_people="Coordinación de bibliotecas",
        national_strategy="Programa Nacional de Lectura",
        start=date(2026, 2, 1),
        end=date(2029, 12, 31),
    )
    MilestoneFactory(
        action=circles,
        title="Primer círculo abierto",
        due=date(2026, 4, 30),
        completed_on=date(2026, 4, 20),
    )
    MilestoneFactory(action=circles, title="Diez círculos abiertos", due=date(2027, 6, 30))
    ActionRoleFactory(action=circles, organisation=library, role="lead")
    ActionRoleFactory(
        action=circles,
        organisation=university,
        role="partner",
        responsibilities="Forma a las personas que moderan los círculos.",
    )

    fair = ActionFactory(
        objective=reading,
        title="Feria de oficios",
        lead_organisation=university,
        start=date(2026, 2, 1),
        end=date(2026, 3, 1),
        phase=Action.Phase.IMPLEMENTATION,
    )
    MilestoneFactory(action=fair, title="Sede de la feria", due=date(2026, 2, 15))
    ActionRoleFactory(action=fair, organisation=library, role="funder")

    committee = ActionFactory(
        objective=governance,
        title="Instalar el comité de la ciudad del aprendizaje",
        lead_organisation=library,
        phase=Action.Phase.COMPLETED,
    )
    ActionRoleFactory(action=committee, organisation=university, role="adviser")
    return plan


def test_staff_edit_an_action_and_a_coordinator_adopts_a_new_version(
    live_server, phone_page, new_page, plan
):
    base = live_server.url
    sam_user = UserFactory(email="sam@example.org", preferred_language="en", roles=["staff"])
    carol_user = UserFactory(
        email="carol@example.org", preferred_language="en", roles=["coordinator"]
    )
    action = Action.objects.get(title=ACTION_TITLE)

    # Sam, on his phone, opens the public plan and the action.
    sam = phone_page
    log_in(sam, base, "sam@example.org", PASSWORD)
    sam.goto(f"{base}/en/plan/")
    expect(sam.get_by_role("heading", level=1)).to_have_text(PLAN_TITLE)
    sam.get_by_role("link", name=ACTION_TITLE).click()
    sam.wait_for_url(f"{base}/en/plan/actions/{action.pk}/")
    expect(sam.get_by_role("heading", level=1)).to_have_text(ACTION_TITLE)

    # On the plan in force he updates the implementation: the title changes only in a draft.
    # He changes the phase and marks it at risk, forgetting to say why.
    sam.get_by_role("button", name="Edit the action").click()
    sam.wait_for_url(f"{base}/en/plan/actions/{action.pk}/edit/")
    assert_accessible(sam)
    expect(sam.get_by_label("Title (in Spanish)")).to_be_disabled()
    sam.get_by_label("Implementation phase").select_option(label="Implementation")
    sam.get_by_label("Status set by hand").select_option(label="At risk")
    sam.get_by_role("button", name="Save").click()

    reason = sam.get_by_label("Why the status was set by hand")
    expect(sam.get_by_text("Please correct the errors below.")).to_be_visible()
    expect(reason).to_have_attribute("aria-invalid", "true")
    expect(reason).to_have_accessible_description(re.compile("Say why the status is set by hand."))
    expect(sam.locator("#id_status_override_reason_error")).to_have_text(
        "Say why the status is set by hand."
    )
    expect(sam.get_by_label("Implementation phase")).to_have_value("implementation")
    expect(sam.get_by_label("Status set by hand")).to_have_value("at_risk")
    assert_accessible(sam)
    action.refresh_from_db()
    assert (action.title, action.status_override, action.version) == (ACTION_TITLE, "", 1)

    # He says why and adds a milestone in the empty row.
    reason.fill(REASON)
    sam.locator('[name="milestones-2-title_es"]').fill("Círculos en las veinte colonias")
    sam.locator('[name="milestones-2-due"]').fill("2028-03-31")
    sam.get_by_role("button", name="Save").click()
    sam.wait_for_url(f"{base}/en/plan/actions/{action.pk}/")
    expect(sam.get_by_text("The action was saved.")).to_be_visible()
    expect(sam.get_by_role("heading", level=1)).to_have_text(ACTION_TITLE)
    header = sam.locator("article header")
    expect(header.locator(".status")).to_have_text("At risk")
    expect(header).to_contain_text("Implementation")
    expect(header).to_contain_text(REASON)
    expect(sam.get_by_text("Círculos en las veinte colonias")).to_be_visible()
    assert_accessible(sam)

    action.refresh_from_db()
    assert action.title == ACTION_TITLE
    assert action.phase == Action.Phase.IMPLEMENTATION
    assert (action.status_override, action.status_override_reason) == ("at_risk", REASON)
    assert action.status_override_by == sam_user
    assert action.version == 2
    assert list(action.milestones.values_list("title", "due")) == [
        ("Primer círculo abierto", date(2026, 4, 30)),
        ("Diez círculos abiertos", date(2027, 6, 30)),
        ("Círculos en las veinte colonias", date(2028, 3, 31)),
    ]

    # Sam makes a draft copy of the adopted plan.
    sam.goto(f"{base}/en/plan/")
    sam.get_by_role("button", name="Versions of the plan").click()
    sam.wait_for_url(f"{base}/en/plan/versions/")
    assert_accessible(sam)
    sam.get_by_role("button", name="Make a draft copy").click()
    sam.wait_for_url(re.compile(r"/en/plan/versions/\d+/$"))
    expect(sam.get_by_text("Draft: only city staff see this version.")).to_be_visible()
    assert_accessible(sam)
    draft = ActionPlan.objects.get(status=ActionPlan.Status.DRAFT)
    assert draft.based_on == plan
    draft_url = f"{base}/en/plan/versions/{draft.pk}/"
    assert sam.url == draft_url
    copied = Milestone.objects.filter(action__objective__plan=draft)
    assert copied.count() == Milestone.objects.filter(action__objective__plan=plan).count() == 4

    # In the draft he renames the action.
    sam.get_by_role("link", name=ACTION_TITLE).click()
    sam.get_by_role("button", name="Edit the action").click()
    sam.get_by_label("Title (in Spanish)").fill(NEW_TITLE)
    sam.get_by_role("button", name="Save").click()
    expect(sam.get_by_text("The action was saved.")).to_be_visible()
    expect(sam.get_by_role("heading", level=1)).to_have_text(NEW_TITLE)
    sam.goto(draft_url)
    expect(sam.get_by_role("link", name=NEW_TITLE)).to_be_visible()

    # Nobody else sees the draft.
    anonymous = new_page()
    response = anonymous.goto(draft_url)
    assert response.status == 404
    expect(anonymous.get_by_text("Draft: only city staff see this version.")).to_have_count(0)

    # Carol, the coordinator, opens the draft and adopts it, forgetting the decision at first.
    carol = new_page()
    log_in(carol, base, "carol@example.org", PASSWORD)
    carol.goto(draft_url)
    carol.get_by_role("button", name="Adopt this version").click()
    carol.wait_for_url(f"{base}/en/plan/versions/{draft.pk}/adopt/")
    assert_accessible(carol)
    carol.get_by_role("button", name="Adopt", exact=True).click()
    decision = carol.get_by_label("Adoption decision")
    expect(carol.get_by_text("Please correct the errors below.")).to_be_visible()
    expect(decision).to_have_attribute("aria-invalid", "true")
    expect(decision).to_have_accessible_description(re.compile("This field is required."))
    expect(carol.locator("#id_decision_error")).to_have_text("This field is required.")
    assert_accessible(carol)
    draft.refresh_from_db()
    assert draft.status == ActionPlan.Status.DRAFT

    decision.fill(DECISION)
    carol.get_by_role("button", name="Adopt", exact=True).click()
    carol.wait_for_url(f"{base}/en/plan/")
    expect(carol.get_by_text("The plan is adopted and now public.")).to_be_visible()
    expect(carol.get_by_text(DECISION)).to_be_visible()
    expect(carol.get_by_text("Draft: only city staff see this version.")).to_have_count(0)
    expect(carol.get_by_role("link", name=NEW_TITLE)).to_be_visible()
    assert_accessible(carol)

    draft.refresh_from_db()
    plan.refresh_from_db()
    assert draft.status == ActionPlan.Status.ADOPTED
    assert (draft.adopted_by, draft.adoption_decision) == (carol_user, DECISION)
    assert draft.adopted_at is not None
    assert plan.status == ActionPlan.Status.SUPERSEDED

    # The new version is public: anyone sees it at /en/plan/, the old one is marked replaced.
    anonymous.goto(f"{base}/en/plan/")
    expect(anonymous.get_by_text(DECISION)).to_be_visible()
    anonymous.goto(f"{base}/en/plan/versions/{plan.pk}/")
    expect(anonymous.get_by_text("This version has been replaced by a newer plan.")).to_be_visible()


@pytest.mark.parametrize("device", ["page", "phone_page"])
@pytest.mark.parametrize(
    "path",
    [
        "/plan/",
        "/en/plan/",
        "/en/plan/actions/{action}/",
        "/plan/actions/{action}/",
        "/plan/kflc/",
        "/en/plan/kflc/",
        "/en/plan/?status=late",
    ],
)
def test_the_public_plan_pages_are_accessible(live_server, request, plan, device, path):
    page = request.getfixturevalue(device)
    action = Action.objects.get(title=ACTION_TITLE)
    response = page.goto(live_server.url + path.format(action=action.pk))
    assert response.status == 200
    if "status=late" in path:
        expect(page.get_by_role("status")).to_have_text("1 action matches.")
        expect(page.get_by_role("link", name="Feria de oficios")).to_be_visible()
        expect(page.get_by_role("link", name=ACTION_TITLE)).to_have_count(0)
    assert_accessible(page)
