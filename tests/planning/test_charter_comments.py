"""Public comments on a version of the charter not yet published: staff open it for comments
between two dates, anybody signed in reads it and comments on the whole of it, staff answer each
comment (the author hears of it), and once closed a public page counts what was heard by sector
and district. The rules are those of the plan's drafts (test_draft_comments.py)."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation

from learningcity.models import Notification
from planning.models import CommentPeriod, DraftComment
from planning.services import comment_period_set, draft_comment_answer, draft_comment_create
from tests.planning.factories import ActionPlanFactory, CharterFactory, ThemeFactory
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

OPENS, CLOSES = date(2026, 3, 1), date(2026, 3, 31)
BEFORE, DURING, AFTER = "2026-02-27 12:00", "2026-03-15 12:00", "2026-04-01 12:00"


@pytest.fixture
def published():
    return CharterFactory(title="Carta vigente", version=1)


@pytest.fixture
def draft(published):
    return CharterFactory(
        title="Carta revisada",
        text="<p>Nos comprometemos también con los barrios.</p>",
        version=2,
        published_on=None,
    )


@pytest.fixture
def opened(sam, draft):
    comment_period_set(charter=draft, opens_on=OPENS, closes_on=CLOSES, by=sam)
    return draft


def codes(response):
    """The codes of the form's errors that are not about one field."""
    return [error.code for error in response.context["form"].non_field_errors().as_data()]


def url(name, charter):
    return reverse(f"planning:charter-{name}", args=[charter.pk])


def test_staff_open_a_draft_charter_for_comments_and_a_published_one_is_refused(
    client_for, sam, published, draft
):
    client = client_for(sam)
    period_url = url("comment-period", draft)
    assert client.get(period_url).status_code == 200
    bad = client.post(period_url, {"opens_on": "2026-03-10", "closes_on": "2026-03-01"})
    assert bad.status_code == 400 and "closes_on" in bad.context["form"].errors
    ok = client.post(period_url, {"opens_on": "2026-03-01", "closes_on": "2026-03-31"})
    assert ok.status_code == 302 and ok.url == url("comments", draft)
    period = CommentPeriod.objects.get(charter=draft)
    assert (period.plan, period.opens_on, period.opened_by) == (None, OPENS, sam)

    refused = client.post(
        url("comment-period", published), {"opens_on": "2026-03-01", "closes_on": "2026-03-31"}
    )
    assert refused.status_code == 400
    assert codes(refused) == ["not_draft"]
    assert not CommentPeriod.objects.filter(charter=published).exists()


@time_machine.travel(DURING, tick=False)
def test_a_resident_reads_the_draft_charter_comments_and_hears_of_the_answer(
    client_for, alice, sam, opened
):
    page = Client().get("/en" + url("comments", opened)).content.decode()
    assert "Nos comprometemos también con los barrios." in page
    assert "Sign in to comment" in page
    assert 'name="about"' not in page

    client = client_for(alice)
    response = client.post(
        url("comments", opened), {"text": "  Que nombre a las personas mayores. "}
    )
    saved = DraftComment.objects.get()
    assert response.status_code == 302
    assert response.url == f"{url('comments', opened)}#comment-{saved.pk}"
    assert (saved.charter, saved.plan, saved.author, saved.text) == (
        opened,
        None,
        alice,
        "Que nombre a las personas mayores.",
    )

    client.force_login(sam)
    assert "Que nombre a las personas mayores." in client.get("/inbox/").content.decode()
    client.post(
        reverse("planning:comment-answer", args=[saved.pk]),
        {"answer": "taken_up", "reason": "Se añade al primer compromiso."},
    )
    told = Notification.objects.get(recipient=alice, kind="planning.comment_answered")
    assert "Carta revisada" in told.subject and "Se añade al primer compromiso." in told.text
    assert told.link == f"{url('comments', opened)}#comment-{saved.pk}"


def test_comments_outside_the_period_or_on_a_published_charter_are_refused(
    client_for, alice, opened
):
    client = client_for(alice)
    for moment in [BEFORE, AFTER]:
        with time_machine.travel(moment, tick=False):
            response = client.post(url("comments", opened), {"text": "Tarde."})
            assert response.status_code == 400
            assert codes(response) == ["closed"]
    with time_machine.travel(DURING, tick=False):
        opened.published_on = date(2026, 3, 10)
        opened.save()
        response = client.post(url("comments", opened), {"text": "Ya publicada."})
        assert response.status_code == 400
        assert codes(response) == ["not_open"]
        with pytest.raises(ValidationError):
            draft_comment_create(charter=opened, by=alice, text="Directo.")
    assert not DraftComment.objects.exists()


@time_machine.travel(DURING, tick=False)
def test_anonymous_people_cannot_comment_and_only_staff_open_periods(client_for, alice, opened):
    anonymous = Client().post(url("comments", opened), {"text": "Hola"})
    assert anonymous.status_code in (302, 403)
    assert client_for(alice).get(url("comment-period", opened)).status_code == 403
    assert not DraftComment.objects.exists()


def test_a_comment_on_the_charter_is_on_the_whole_of_it(alice, opened):
    theme = ThemeFactory()
    comment = DraftComment(charter=opened, theme=theme, author=alice, text="X")
    with translation.override("en"), pytest.raises(ValidationError, match="about the whole of it"):
        comment.full_clean()


def test_a_period_or_comment_is_on_a_plan_or_a_charter_never_both_nor_neither(opened):
    plan = ActionPlanFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CommentPeriod.objects.create(plan=plan, charter=opened, opens_on=OPENS, closes_on=CLOSES)
    with pytest.raises(IntegrityError), transaction.atomic():
        DraftComment.objects.create(text="Sin versión")


def test_what_we_heard_on_the_charter_counts_by_sector_and_district(client, alice, bob, opened):
    with time_machine.travel(DURING, tick=False):
        draft_comment_create(charter=opened, by=alice, text="Primero")
        draft_comment_create(charter=opened, by=bob, text="Segundo")
        assert client.get(url("heard", opened)).status_code == 404
    with time_machine.travel(AFTER, tick=False):
        response = client.get("/en" + url("heard", opened))
    assert response.status_code == 200
    sector = bob.memberships.get().organisation.sector
    assert dict(response.context["by_sector"]) == {None: 1, sector: 1}
    page = response.content.decode()
    assert "What we heard on the draft charter “Carta revisada”" in page
    assert "By theme" not in page and "By sector" in page and "Segundo" in page


def test_the_charter_page_lists_drafts_to_the_public_once_opened_and_all_to_staff(
    client_for, sam, published, draft
):
    unopened = CharterFactory(title="Borrador interno", version=3, published_on=None)
    comment_period_set(charter=draft, opens_on=OPENS, closes_on=CLOSES, by=sam)
    with time_machine.travel(BEFORE, tick=False):
        assert "Carta revisada" not in Client().get("/en/plan/charter/").content.decode()
    with time_machine.travel(DURING, tick=False):
        page = Client().get("/en/plan/charter/").content.decode()
        assert "open for your comments until" in page
        assert f'href="/en/plan/charter/versions/{draft.pk}/comments/"' in page
        assert "Borrador interno" not in page and "Dates for comments" not in page
        staff_page = client_for(sam).get("/plan/charter/").content.decode()
        assert "Borrador interno" in staff_page
        assert f'href="/plan/charter/versions/{unopened.pk}/comments/period/"' in staff_page
    with time_machine.travel(AFTER, tick=False):
        page = Client().get("/en/plan/charter/").content.decode()
        assert f'href="/en/plan/charter/versions/{draft.pk}/heard/"' in page


def test_a_charter_never_opened_for_comments_has_no_pages(client, draft):
    assert client.get(url("comments", draft)).status_code == 404
    assert client.get(url("heard", draft)).status_code == 404


def test_the_charter_comments_page_queries_do_not_grow(client_for, sam, opened):
    def add(n):
        rows = []
        for _ in range(n):
            user = UserFactory()
            MembershipFactory(user=user, organisation=OrganisationFactory())
            saved = draft_comment_create(charter=opened, by=user, text=f"Comentario {user.pk}")
            draft_comment_answer(comment=saved, by=sam, answer="considered", reason="Visto")
            rows.append(saved.text)
        return rows

    with time_machine.travel(DURING, tick=True):
        assert_constant_queries(client_for(sam), url("comments", opened), add)
