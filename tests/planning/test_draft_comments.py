"""Public comments on a draft: staff open it for comments between two dates, anybody signed in
comments while it is open, staff answer each comment, and afterwards the public reads what was
heard."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.urls import reverse
from django.utils import translation

from learningcity.models import District, Notification, Sector
from planning.models import ActionPlan, CommentPeriod, DraftComment
from planning.services import comment_period_set, draft_comment_answer, draft_comment_create
from tests.planning.factories import ActionFactory, ActionPlanFactory, ThemeFactory
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

OPENS, CLOSES = date(2026, 3, 1), date(2026, 3, 31)
DURING, BEFORE, AFTER = "2026-03-15 12:00", "2026-02-27 12:00", "2026-04-01 12:00"


@pytest.fixture
def draft(sam):
    plan = ActionPlanFactory(status=ActionPlan.Status.DRAFT)
    CommentPeriod.objects.create(plan=plan, opens_on=OPENS, closes_on=CLOSES, opened_by=sam)
    return plan


@pytest.fixture
def action(draft):
    return ActionFactory(objective__plan=draft, title="Huertos escolares")


def comments_url(plan):
    return reverse("planning:plan-comments", args=[plan.pk])


def comment(plan, user, text="Más bibliotecas abiertas de noche.", **about):
    return draft_comment_create(plan=plan, by=user, text=text, **about)


@time_machine.travel(DURING, tick=False)
def test_a_resident_comments_on_an_action_and_staff_answer(client_for, alice, sam, draft, action):
    district = District.objects.create(slug="centro", name_es="Centro", name_en="Centre")
    sector = Sector.objects.order_by("pk").first()
    organisation = OrganisationFactory(sector=sector, district=district)
    MembershipFactory(user=alice, organisation=organisation)

    client = client_for(alice)
    response = client.post(
        comments_url(draft), {"about": f"action-{action.pk}", "text": "  Que incluya familias. "}
    )
    saved = DraftComment.objects.get()
    assert response.status_code == 302
    assert response.url.endswith(f"#comment-{saved.pk}")
    assert (saved.plan, saved.action, saved.author) == (draft, action, alice)
    assert (saved.sector, saved.district, saved.text) == (sector, district, "Que incluya familias.")
    assert saved.about_theme == action.objective.theme

    client.force_login(sam)
    inbox = client.get(reverse("inbox"))
    assert "Que incluya familias." in inbox.content.decode()
    response = client.post(
        reverse("planning:comment-answer", args=[saved.pk]),
        {"answer": "taken_up", "reason": "Se añade a la acción."},
    )
    assert response.status_code == 302
    saved.refresh_from_db()
    assert (saved.answer, saved.answer_reason, saved.answered_by) == (
        "taken_up",
        "Se añade a la acción.",
        sam,
    )
    page = client.get(comments_url(draft)).content.decode()
    assert "Se añade a la acción." in page and "Huertos escolares" in page
    # Alice hears of the answer, with a link to her comment.
    told = Notification.objects.get(recipient=alice, kind="planning.comment_answered")
    assert "Se añade a la acción." in told.text
    assert told.link == f"/plan/versions/{draft.pk}/comments/#comment-{saved.pk}"


@time_machine.travel(DURING, tick=False)
def test_a_comment_without_an_organisation_has_no_sector_and_may_be_on_the_whole_draft(
    client_for, alice, draft
):
    client_for(alice).post(comments_url(draft), {"about": "", "text": "Bien."})
    saved = DraftComment.objects.get()
    assert saved.sector is None and saved.district is None and saved.about is None


@time_machine.travel(DURING, tick=False)
def test_bad_input_is_refused_with_form_errors(client_for, alice, draft):
    other_theme = ThemeFactory()  # of another version
    client = client_for(alice)
    empty = client.post(comments_url(draft), {"about": "", "text": "  "})
    assert empty.status_code == 400 and "text" in empty.context["form"].errors
    foreign = client.post(comments_url(draft), {"about": f"theme-{other_theme.pk}", "text": "X"})
    assert foreign.status_code == 400 and "about" in foreign.context["form"].errors
    too_long = client.post(comments_url(draft), {"about": "", "text": "x" * 2001})
    assert too_long.status_code == 400
    assert not DraftComment.objects.exists()
    with pytest.raises(ValidationError):
        comment(draft, alice, theme=other_theme)


@pytest.mark.parametrize("moment", [BEFORE, AFTER])
def test_comments_outside_the_period_are_refused(client_for, alice, draft, moment):
    with time_machine.travel(moment, tick=False):
        response = client_for(alice).post(comments_url(draft), {"about": "", "text": "Tarde."})
        assert response.status_code == 400
        assert response.context["form"].has_error(NON_FIELD_ERRORS, "closed")
        with pytest.raises(ValidationError):
            comment(draft, alice)
    assert not DraftComment.objects.exists()


def test_the_period_includes_its_first_and_last_day(alice, draft):
    for day in ("2026-03-01 00:01", "2026-03-31 23:59"):
        with time_machine.travel(day, tick=False):
            comment(draft, alice)
    assert DraftComment.objects.count() == 2


@pytest.mark.parametrize("status", [ActionPlan.Status.ADOPTED, ActionPlan.Status.SUPERSEDED])
@time_machine.travel(DURING, tick=False)
def test_only_a_draft_takes_comments(client_for, alice, draft, status):
    ActionPlan.objects.filter(pk=draft.pk).update(status=status)
    response = client_for(alice).post(comments_url(draft), {"about": "", "text": "Hola"})
    assert response.status_code == 400
    assert response.context["form"].has_error(NON_FIELD_ERRORS, "not_open")
    assert not DraftComment.objects.exists()


@time_machine.travel(DURING, tick=False)
def test_anonymous_people_are_sent_to_sign_in_to_comment(client, draft):
    response = client.post(comments_url(draft), {"about": "", "text": "Hola"})
    assert response.status_code == 302 and "login" in response.url
    assert not DraftComment.objects.exists()


@time_machine.travel(DURING, tick=False)
def test_staff_open_a_draft_for_comments_with_valid_dates(client_for, sam):
    plan = ActionPlanFactory(status=ActionPlan.Status.DRAFT)
    url = reverse("planning:comment-period", args=[plan.pk])
    client = client_for(sam)
    assert client.get(url).status_code == 200
    bad = client.post(url, {"opens_on": "2026-03-10", "closes_on": "2026-03-10"})
    assert bad.status_code == 400 and "closes_on" in bad.context["form"].errors
    missing = client.post(url, {"opens_on": "", "closes_on": "2026-03-10"})
    assert "opens_on" in missing.context["form"].errors
    assert not CommentPeriod.objects.exists()
    ok = client.post(url, {"opens_on": "2026-03-10", "closes_on": "2026-04-10"})
    assert ok.status_code == 302
    period = CommentPeriod.objects.get(plan=plan)
    assert (period.opens_on, period.closes_on, period.opened_by) == (
        date(2026, 3, 10),
        date(2026, 4, 10),
        sam,
    )
    # Moving the dates changes the same period.
    client.post(url, {"opens_on": "2026-03-10", "closes_on": "2026-05-10"})
    assert CommentPeriod.objects.get().closes_on == date(2026, 5, 10)


@pytest.mark.parametrize("status", [ActionPlan.Status.ADOPTED, ActionPlan.Status.SUPERSEDED])
def test_only_a_draft_is_opened_for_comments(client_for, sam, status):
    plan = ActionPlanFactory(status=status)
    response = client_for(sam).post(
        reverse("planning:comment-period", args=[plan.pk]),
        {"opens_on": "2026-03-10", "closes_on": "2026-04-10"},
    )
    assert response.status_code == 400
    assert not CommentPeriod.objects.exists()
    with pytest.raises(ValidationError):
        comment_period_set(plan=plan, opens_on=OPENS, closes_on=CLOSES, by=sam)


@time_machine.travel(DURING, tick=False)
def test_an_answer_needs_a_reason_and_a_known_answer(client_for, sam, alice, draft):
    saved = comment(draft, alice)
    client = client_for(sam)
    url = reverse("planning:comment-answer", args=[saved.pk])
    client.post(url, {"answer": "taken_up", "reason": "  "})
    client.post(url, {"answer": "maybe", "reason": "Porque sí."})
    saved.refresh_from_db()
    assert saved.answer == ""
    with pytest.raises(ValidationError):
        draft_comment_answer(comment=saved, by=sam, answer="not_taken", reason=" ")
    with pytest.raises(ValidationError):
        draft_comment_answer(comment=saved, by=sam, answer="nonsense", reason="X")


@pytest.mark.parametrize(
    "who, answer_status, period_status",
    [
        ("anonymous", 302, 302),
        ("alice", 403, 403),
        ("bob", 403, 403),
        ("mona", 403, 403),
        ("sam", 302, 200),
        ("carol", 302, 200),
    ],
)
@time_machine.travel(DURING, tick=False)
def test_who_answers_comments_and_opens_periods(
    request, client, alice, draft, who, answer_status, period_status
):
    saved = comment(draft, alice)
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.post(
        reverse("planning:comment-answer", args=[saved.pk]),
        {"answer": "considered", "reason": "Lo estudiamos."},
    )
    assert response.status_code == answer_status
    saved.refresh_from_db()
    assert (saved.answer == "considered") == (who in ("sam", "carol"))
    response = client.get(reverse("planning:comment-period", args=[draft.pk]))
    assert response.status_code == period_status


def test_comments_stay_with_the_version_they_were_made_on(sam, alice, draft, action):
    from planning.services import plan_create_version

    with time_machine.travel(DURING, tick=False):
        comment(draft, alice, action=action)
    copy = plan_create_version(plan=draft, by=sam)
    assert copy.draft_comments.count() == 0
    assert draft.draft_comments.count() == 1
    assert not CommentPeriod.objects.filter(plan=copy).exists()


def test_what_we_heard_is_public_once_the_period_has_closed(client, alice, bob, draft, action):
    theme = action.objective.theme
    with time_machine.travel(DURING, tick=False):
        comment(draft, alice, text="Sobre la acción", action=action)
        comment(draft, bob, text="Sobre el tema", theme=theme)
        comment(draft, alice, text="Sobre todo")
        assert client.get(reverse("planning:heard", args=[draft.pk])).status_code == 404
        assert client.get(comments_url(draft)).status_code == 200
    with time_machine.travel(AFTER, tick=False):
        response = client.get(reverse("planning:heard", args=[draft.pk]))
        assert response.status_code == 200
        assert dict(response.context["by_theme"]) == {theme: 2, None: 1}
        sector = bob.memberships.get().organisation.sector
        assert dict(response.context["by_sector"]) == {None: 2, sector: 1}
        page = response.content.decode()
        assert "Sobre el tema" in page
        # The comments page stays, without a form.
        page = client.get(comments_url(draft))
        assert page.context["may_comment"] is False


def test_a_version_never_opened_for_comments_has_no_pages(client):
    plan = ActionPlanFactory()
    assert client.get(comments_url(plan)).status_code == 404
    assert client.get(reverse("planning:heard", args=[plan.pk])).status_code == 404


def _add_comments(draft):
    def add(n):
        users = [UserFactory() for _ in range(n)]
        rows = []
        for user in users:
            MembershipFactory(user=user, organisation=OrganisationFactory())
            theme = ThemeFactory(plan=draft)
            action = ActionFactory(objective__plan=draft, objective__theme=theme)
            saved = comment(draft, user, text=f"Comentario {user.pk}", action=action)
            draft_comment_answer(comment=saved, by=None, answer="considered", reason="Visto")
            rows.append(saved.text)
        return rows

    return add


def test_the_comments_page_queries_do_not_grow(client_for, sam, draft):
    client_for(sam)
    with time_machine.travel(DURING, tick=True):
        assert_constant_queries(client_for(sam), comments_url(draft), _add_comments(draft))


def test_the_heard_page_queries_do_not_grow(client, draft):
    with time_machine.travel(DURING, tick=True):
        add = _add_comments(draft)
        add(1)
    with time_machine.travel(AFTER, tick=True):
        assert_constant_queries(
            client, reverse("planning:heard", args=[draft.pk]), add_after(draft)
        )


def add_after(draft):
    """Comments added once the period closed: written straight, as the period refuses them."""

    def add(n):
        rows = []
        for _ in range(n):
            user = UserFactory()
            MembershipFactory(user=user, organisation=OrganisationFactory())
            theme = ThemeFactory(plan=draft)
            saved = DraftComment.objects.create(
                plan=draft,
                theme=theme,
                author=user,
                text=f"Tarde {user.pk}",
                answer="not_taken",
                answer_reason="Fuera del plan",
            )
            rows.append(saved.text)
        return rows

    return add


def test_the_comments_page_says_why_there_is_no_form(client, draft):
    with translation.override("en"):
        url = comments_url(draft)
    with time_machine.travel(BEFORE, tick=False):
        page = client.get(url)
        assert page.context["may_comment"] is False
        assert "not started yet" in page.content.decode()
    with time_machine.travel(DURING, tick=False):
        assert "Sign in to comment" in client.get(url).content.decode()
        ActionPlan.objects.filter(pk=draft.pk).update(status=ActionPlan.Status.SUPERSEDED)
        assert "not open for comments" in client.get(url).content.decode()
