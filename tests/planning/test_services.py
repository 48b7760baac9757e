"""The planning services as the house style has them: atomic, validated before saving, and
recording who acted in the one audit trail."""

from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from learningcity.models import AuditEntry
from planning import services
from planning.models import ActionPlan, ProposalScore, Theme
from tests.planning.factories import (
    ActionPlanFactory,
    ConsultationFactory,
    ObjectiveFactory,
    ThemeFactory,
    WorkshopParticipationFactory,
)
from tests.planning.test_consultation import joined
from tests.stakeholders.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_score_out_of_range_is_refused_and_nothing_is_stored(sam):
    consultation = ConsultationFactory(created_by=sam)
    rector = joined(consultation, "rector@example.org", "education")
    proposal = services.proposal_create(participant=rector, title="Jóvenes sin empleo")
    with pytest.raises(ValidationError):
        services.proposal_score(participant=rector, proposal=proposal, points=9)
    assert not ProposalScore.objects.exists()
    services.proposal_score(participant=rector, proposal=proposal, points=4)
    services.proposal_score(participant=rector, proposal=proposal, points=5)
    assert list(ProposalScore.objects.values_list("points", flat=True)) == [5]
    entry = AuditEntry.objects.filter(action="planning.proposal_score").first()
    assert (entry.actor, entry.changes) == (rector.user, {"points": [4, 5]})


def test_versions_and_adoption_record_who_acted(sam, carol):
    plan = ObjectiveFactory(plan=ActionPlanFactory(status=ActionPlan.Status.ADOPTED)).plan
    draft = services.plan_create_version(plan=plan, by=sam)
    services.plan_adopt(plan=draft, by=carol, decision="Acuerdo 7/2026")
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", "actor__email"))
    assert actions == [
        ("planning.plan_create_version", "sam@example.org"),
        ("planning.plan_supersede", "carol@example.org"),
        ("planning.plan_adopt", "carol@example.org"),
    ]


def test_moving_records_who_moved_what(sam):
    plan = ActionPlanFactory()
    first, second = ThemeFactory.create_batch(2, plan=plan)
    services.move(item=second, siblings=Theme.objects.filter(plan=plan), up=True, by=sam)
    assert list(plan.themes.order_by("order")) == [second, first]
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.target_repr) == (sam, "planning.move", str(second))


def test_workshop_invitations_are_all_or_nothing_and_record_who_sent_them(sam):
    participations = WorkshopParticipationFactory.create_batch(2, attended=False)
    workshop = participations[0].workshop
    participations[1].workshop = workshop
    participations[1].save()
    for participation in participations:
        MembershipFactory(organisation=participation.organisation, user=UserFactory(), role="admin")
    real = services.email_render_and_queue
    calls = []

    def fail_the_second(**kwargs):
        calls.append(kwargs["to"])
        if len(calls) == 2:
            raise ConnectionError("outbox unavailable")
        return real(**kwargs)

    with (
        mock.patch.object(services, "email_render_and_queue", fail_the_second),
        pytest.raises(ConnectionError),
    ):
        services.workshop_send_invitations(workshop=workshop, by=sam)
    assert not workshop.participations.filter(invited_at__isnull=False).exists()

    assert services.workshop_send_invitations(workshop=workshop, by=sam) == 2
    entry = AuditEntry.objects.get(action="planning.workshop_send_invitations")
    assert entry.actor == sam


def test_the_stakeholders_services_record_who_acted(sam):
    organisation = OrganisationFactory(verified=False)
    services_of_stakeholders = pytest.importorskip("stakeholders.services")
    services_of_stakeholders.organisation_verify(organisation=organisation, by=sam)
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.target_repr) == (
        sam,
        "stakeholders.organisation_verify",
        str(organisation),
    )
