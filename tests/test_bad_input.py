"""Malformed form posts and query strings get an answer, never a 500."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.planning.factories import ActionPlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(sam):
    client = Client(raise_request_exception=False)
    client.force_login(sam)
    return client


@pytest.mark.parametrize("value", ["", "abc", "1; DROP TABLE x", "-1", "99999999"])
def test_malformed_ids_in_posts_are_404s(staff_client, sam, bob, value):
    from learningcity.models import Sector
    from planning.models import Consultation

    plan = ActionPlanFactory()
    consultation = Consultation.objects.create(title="C", question="Q", closes_on="2099-01-01")
    consultation.participants.create(email=sam.email, sector=Sector.objects.first(), user=sam)
    member = Client(raise_request_exception=False)
    member.force_login(bob)
    answers = [
        staff_client.post(
            reverse("planning:reorder", args=[plan.pk]), {"kind": "theme", "id": value}
        ),
        member.post(reverse("planning:charter-sign"), {"organisation": value}),
        staff_client.post(
            reverse("planning:consultation-act", args=[consultation.pk]),
            {"do": "score", "proposal": value, "points": "3"},
        ),
    ]
    assert [answer.status_code for answer in answers] == [404, 404, 404]


@pytest.mark.parametrize(
    "url",
    [
        "/stakeholders/?page=abc&sector=x&district=-1",
        "/stakeholders/good-practices/?page=9999&area=zz",
        "/plan/?theme=abc&objective=-5&kflc=--&organisation=x&page=0",
        "/plan/stocktake/?kflc=abc&sector=",
        "/plan/versions/compare/?older=abc&newer=",
        "/stakeholders/organisations/no-such-organisation/",
        "/plan/actions/999999/",
    ],
)
def test_odd_query_strings_never_give_a_500(staff_client, url):
    ActionPlanFactory(status="adopted")
    assert staff_client.get(url).status_code in {200, 404}
