"""Staff and account pages whose lists grow: their query counts stay constant too."""

import pytest
from django.urls import reverse

from planning.models import Consultation
from tests.planning.factories import ActionPlanFactory, StocktakeEntryFactory
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import CommitteeTermFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_versions_page(client_for, sam):
    assert_constant_queries(
        client_for(sam),
        reverse("planning:versions"),
        lambda n: [
            plan.attractive_title
            for plan in ActionPlanFactory.create_batch(
                n, adopted_by=sam, based_on=ActionPlanFactory()
            )
        ],
    )


def test_stocktake_review_queue(client_for, sam):
    assert_constant_queries(
        client_for(sam),
        reverse("planning:stocktake-review"),
        lambda n: [
            entry.title
            for entry in StocktakeEntryFactory.create_batch(n, status="pending", submitted_by=sam)
        ],
    )


def test_consultations_list(client_for, sam):
    def add(n):
        titles = [f"Consulta {number} de {n}" for number in range(n)]
        for title in titles:
            Consultation.objects.create(title=title, question="Q", closes_on="2099-01-01")
        return titles

    assert_constant_queries(client_for(sam), reverse("planning:consultations"), add)


def test_profile_page_lists_memberships_and_seats(client_for, bob):
    def add(n):
        memberships = MembershipFactory.create_batch(n, user=bob)
        terms = CommitteeTermFactory.create_batch(n, person=bob)
        return [m.organisation.name for m in memberships] + [t.seat.role for t in terms]

    assert_constant_queries(client_for(bob), reverse("account_profile"), add)
