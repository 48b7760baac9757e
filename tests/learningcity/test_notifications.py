"""Notifications: kinds registered by the apps, each person's choice per kind (at once, daily or
weekly digest, never), digests sent once, one-click unsubscribe (RFC 8058) and the unread count."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core import signing
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from learningcity import personal_data
from learningcity.models import (
    AuditEntry,
    CityProfile,
    Notification,
    NotificationDigest,
    NotificationPreference,
    OutgoingEmail,
)
from learningcity.notification_views import RECENT
from learningcity.notifications import (
    UNSUBSCRIBE_SALT,
    digest_send,
    last_complete_period,
    notify,
    unsubscribe_token,
)
from learningcity.registry import registry
from learningcity.tasks import daily_digests_task, weekly_digests_task
from planning.models import StocktakeEntry
from planning.services import stocktake_review
from stakeholders.services import invitation_send, organisation_reject, organisation_verify
from tests.planning.factories import StocktakeEntryFactory
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import MembershipFactory, OrganisationFactory, UserFactory

# The roles (the citizen's gives access to one's own pages) and the reference lists.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]

VERIFIED = "stakeholders.organisation_verified"
REJECTED = "stakeholders.organisation_rejected"
REVIEWED = "planning.stocktake_reviewed"
PREFERENCES = "/en/accounts/notifications/"


@pytest.fixture
def city(db):
    profile = CityProfile.objects.current()
    profile.time_zone = "America/Mexico_City"
    profile.save()
    return profile


@pytest.fixture
def alice(db):
    """Alice, a citizen who reads the portal in English."""
    return UserFactory(
        email="alice@example.org", full_name="Alice Citizen", preferred_language="en"
    )


@pytest.fixture
def kinds():
    """The registry as the apps left it, put back after a test that registers more kinds."""
    saved = dict(registry.notification_kinds)
    yield registry
    registry.notification_kinds.clear()
    registry.notification_kinds.update(saved)


def choose(user, kind, frequency):
    NotificationPreference.objects.update_or_create(
        user=user, kind=kind, defaults={"frequency": frequency}
    )


def tell(user, subject="Hola", kind=VERIFIED):
    """A notification of `kind` for `user`, its text from a template of the kind."""
    organisation = OrganisationFactory(name=subject)
    return notify(
        recipient=user,
        kind=kind,
        template="stakeholders/email/organisation_verified",
        context={"organisation": organisation},
        link=organisation.get_absolute_url(),
    )


def every_kind(**chosen):
    """The preferences form's data: the default for every kind but those chosen."""
    data = {kind.key: kind.default for kind in registry.notification_kind_list()}
    return {**data, **chosen}


def emails_to(user):
    return list(OutgoingEmail.objects.filter(to=user.email).order_by("pk"))


# The preferences page


def test_the_preferences_page_lists_every_registered_kind_with_its_default(client_for, alice):
    page = client_for(alice).get(PREFERENCES)
    assert page.status_code == 200
    for kind in registry.notification_kind_list():
        assert escape(str(kind.title)) in page.content.decode()
    assert b'<option value="immediately" selected>' in page.content


def test_alice_chooses_the_weekly_digest_for_one_kind(client_for, alice):
    client = client_for(alice)
    response = client.post(
        PREFERENCES, every_kind(**{VERIFIED: "weekly", REJECTED: "never", REVIEWED: "daily"})
    )
    assert response.status_code == 302
    stored = dict(
        NotificationPreference.objects.filter(user=alice).values_list("kind", "frequency")
    )
    assert stored == {VERIFIED: "weekly", REJECTED: "never", REVIEWED: "daily"}
    entry = AuditEntry.objects.get(action="learningcity.notification_preferences")
    assert entry.actor == alice
    assert entry.changes[VERIFIED] == ["immediately", "weekly"]
    page = client.get(PREFERENCES)
    assert b"Your notification choices were saved." in page.content
    assert b'<option value="weekly" selected>' in page.content


def test_a_choice_that_is_no_frequency_re_renders_the_form_with_a_message(client_for, alice):
    response = client_for(alice).post(PREFERENCES, {VERIFIED: "hourly", REVIEWED: ""})
    assert response.status_code == 200
    assert b"Please correct the errors below." in response.content
    assert b"Select a valid choice." in response.content
    assert not NotificationPreference.objects.exists()
    assert not AuditEntry.objects.exists()


def test_the_preferences_page_needs_a_login(client):
    response = client.get(PREFERENCES)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_stored_choice_for_a_kind_no_longer_registered_is_ignored(client_for, alice):
    NotificationPreference.objects.create(user=alice, kind="gone.away", frequency="daily")
    client = client_for(alice)
    assert client.get(PREFERENCES).status_code == 200
    response = client.post(PREFERENCES, every_kind(**{VERIFIED: "never", "gone.away": "weekly"}))
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=alice, kind="gone.away").frequency == "daily"


def test_the_preferences_page_makes_as_many_queries_whatever_the_kinds(client_for, alice, kinds):
    def add_rows(count):
        titles = []
        for _ in range(count):
            key = f"test.kind_{len(kinds.notification_kinds)}"
            title = f"Something of kind {len(kinds.notification_kinds)}"
            kinds.register_notification_kind(key, title=title, description="Said when it happens.")
            choose(alice, key, "daily")
            titles.append(title)
        return titles

    assert_constant_queries(client_for(alice), PREFERENCES, add_rows)


def test_registering_a_kind_with_an_unknown_default_fails(kinds):
    with pytest.raises(ValueError):
        kinds.register_notification_kind("x.y", title="X", description="Y", default="hourly")


def test_notify_refuses_a_kind_nobody_registered(alice):
    with pytest.raises(ValueError):
        tell(alice, kind="nobody.registered_this")


# At once, in a digest, or never


def test_verifying_an_organisation_emails_its_admins_at_once_with_an_unsubscribe_link(
    bob, organisation, sam
):
    organisation_verify(organisation=organisation, by=sam)
    notification = Notification.objects.get(recipient=bob)
    assert notification.kind == VERIFIED
    assert notification.emailed_at is not None
    assert notification.link == organisation.get_absolute_url()
    [email] = emails_to(bob)
    assert email.subject == notification.subject
    token = email.headers["List-Unsubscribe"].removeprefix("<").removesuffix(">")
    assert token.startswith("http://127.0.0.1:8000/unsubscribe/")
    assert email.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert token in email.body
    assert "/accounts/notifications/" in email.body


def test_a_person_who_chose_a_digest_or_never_gets_no_email_at_once(bob, organisation, sam):
    choose(bob, VERIFIED, "daily")
    organisation_verify(organisation=organisation, by=sam)
    choose(bob, REJECTED, "never")
    organisation_reject(organisation=organisation, by=sam, reason="Falta la dirección.")
    assert emails_to(bob) == []
    assert Notification.objects.filter(recipient=bob).count() == 2
    assert not Notification.objects.filter(emailed_at__isnull=False).exists()


def test_notifications_are_written_in_the_recipients_language(sam):
    english = UserFactory(preferred_language="en")
    spanish = UserFactory(preferred_language="es")
    entry_en = StocktakeEntryFactory(submitted_by=english, status=StocktakeEntry.Status.PENDING)
    entry_es = StocktakeEntryFactory(submitted_by=spanish, status=StocktakeEntry.Status.PENDING)
    stocktake_review(entry=entry_en, by=sam, decision=StocktakeEntry.Status.ACCEPTED)
    stocktake_review(entry=entry_es, by=sam, decision=StocktakeEntry.Status.ACCEPTED)
    assert Notification.objects.get(recipient=english).subject.startswith("Your activity")
    assert "su actividad" in Notification.objects.get(recipient=spanish).subject
    assert Notification.objects.get(recipient=english).link.startswith("/en/plan/stocktake/")
    assert Notification.objects.get(recipient=spanish).link.startswith("/plan/stocktake/")


def test_an_invitation_to_an_account_is_a_notification_and_to_an_address_an_email(
    bob, organisation, alice
):
    choose(alice, "stakeholders.invited", "never")
    invitation_send(organisation=organisation, email=alice.email, role="member", by=bob)
    invitation_send(organisation=organisation, email="nobody@example.org", role="member", by=bob)
    assert emails_to(alice) == []
    notification = Notification.objects.get(recipient=alice, kind="stakeholders.invited")
    assert "/stakeholders/invitations/" in notification.link
    [email] = OutgoingEmail.objects.filter(to="nobody@example.org")
    # Invitations to an address must reach it: no preference, no unsubscribe.
    assert "List-Unsubscribe" not in email.headers


# Digests


def test_the_daily_digest_gathers_yesterdays_notifications_in_the_persons_language(city):
    alice = UserFactory(preferred_language="en")
    choose(alice, VERIFIED, "daily")
    choose(alice, REVIEWED, "daily")
    # 24 November in Mexico City: 06:00 to 05:59 the next morning in UTC.
    with time_machine.travel(datetime(2026, 11, 24, 15, 0, tzinfo=UTC), tick=False):
        tell(alice, "Casa de la Cultura")
    with time_machine.travel(datetime(2026, 11, 25, 5, 30, tzinfo=UTC), tick=False):
        tell(alice, "Ludoteca del Sur")
    with time_machine.travel(datetime(2026, 11, 25, 6, 30, tzinfo=UTC), tick=False):
        tell(alice, "Tomorrow's news")
    # Before 07:00 city time the day's digests are not due yet.
    with time_machine.travel(datetime(2026, 11, 25, 12, 0, tzinfo=UTC), tick=False):
        assert last_complete_period("daily") == date(2026, 11, 23)
    with time_machine.travel(datetime(2026, 11, 25, 14, 0, tzinfo=UTC), tick=False):
        assert daily_digests_task.delay().get() == 1
    [email] = emails_to(alice)
    assert email.subject == "Your daily digest: 2 notifications"
    assert "Casa de la Cultura" in email.body
    assert "Ludoteca del Sur" in email.body
    assert "Tomorrow's news" not in email.body
    assert "Nov. 24, 2026" in email.body
    assert email.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert email.headers["List-Unsubscribe"][1:-1] in email.body
    digest = NotificationDigest.objects.get()
    assert (digest.period, digest.starts_on, digest.email) == ("daily", date(2026, 11, 24), email)
    assert digest.notifications.count() == 2


def test_a_digest_run_twice_sends_once(city):
    alice = UserFactory(preferred_language="es")
    choose(alice, VERIFIED, "daily")
    with time_machine.travel(datetime(2026, 11, 24, 15, 0, tzinfo=UTC), tick=False):
        tell(alice, "Casa de la Cultura")
    assert daily_digests_task.delay("2026-11-24").get() == 1
    assert daily_digests_task.delay("2026-11-24").get() == 0
    assert digest_send(user=alice, period="daily", starts_on=date(2026, 11, 24)) is None
    assert len(emails_to(alice)) == 1
    assert NotificationDigest.objects.count() == 1


def test_the_weekly_digest_covers_monday_to_sunday_in_spanish(city):
    alice = UserFactory(preferred_language="es")
    choose(alice, VERIFIED, "weekly")
    choose(alice, REVIEWED, "daily")
    with time_machine.travel(datetime(2026, 11, 16, 12, 0, tzinfo=UTC), tick=False):
        tell(alice, "Casa de la Cultura")
    with time_machine.travel(datetime(2026, 11, 22, 23, 0, tzinfo=UTC), tick=False):
        tell(alice, "Ludoteca del Sur")
        tell(alice, "Revisada", kind=REVIEWED)
    # Monday 23 November, 08:00 in Mexico City: last week's digests are due.
    with time_machine.travel(datetime(2026, 11, 23, 14, 0, tzinfo=UTC), tick=False):
        assert weekly_digests_task.delay().get() == 1
    [email] = emails_to(alice)
    assert email.subject == "Su resumen semanal: 2 notificaciones"
    assert "Casa de la Cultura" in email.body and "Ludoteca del Sur" in email.body
    assert "Revisada" not in email.body
    assert "16 de noviembre de 2026" in email.body
    assert NotificationDigest.objects.get().starts_on == date(2026, 11, 16)


def test_nothing_to_gather_sends_no_digest(city, alice):
    choose(alice, VERIFIED, "daily")
    assert daily_digests_task.delay("2026-11-24").get() == 0
    assert not NotificationDigest.objects.exists()
    assert emails_to(alice) == []


# One-click unsubscribe


def unsubscribe_path(user, kinds):
    return reverse("notifications_unsubscribe", args=[unsubscribe_token(user=user, kinds=kinds)])


def test_opening_the_unsubscribe_link_shows_a_button_and_changes_nothing(client, alice):
    response = client.get(unsubscribe_path(alice, [VERIFIED]))
    assert response.status_code == 200
    assert b'<button type="submit">' in response.content
    assert not NotificationPreference.objects.exists()


def test_the_one_click_post_of_rfc_8058_works_without_a_login_or_csrf_token(alice):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        unsubscribe_path(alice, [VERIFIED]),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert NotificationPreference.objects.get(user=alice, kind=VERIFIED).frequency == "never"
    assert AuditEntry.objects.get().action == "learningcity.notification_unsubscribe"


def test_a_tampered_unsubscribe_link_is_a_clear_400_and_changes_nothing(client, alice):
    path = "/en" + unsubscribe_path(alice, [VERIFIED])
    tampered = path.replace(path.split("/")[-2], path.split("/")[-2][:-3] + "abc")
    for method in (client.get, client.post):
        response = method(tampered)
        assert response.status_code == 400
        assert "This unsubscribe link does not work" in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_a_link_for_a_kind_no_longer_registered_is_a_400(client, alice):
    token = signing.dumps({"u": alice.pk, "k": ["gone.away"]}, salt=UNSUBSCRIBE_SALT)
    response = client.post(reverse("notifications_unsubscribe", args=[token]))
    assert response.status_code == 400
    assert not NotificationPreference.objects.exists()


def test_a_token_signed_for_something_else_does_not_unsubscribe(client, alice):
    token = signing.dumps({"u": alice.pk, "k": [VERIFIED]})
    assert client.post(reverse("notifications_unsubscribe", args=[token])).status_code == 400


def test_the_link_in_a_digest_unsubscribes_from_every_kind_it_gathered(client, city):
    alice = UserFactory(preferred_language="en")
    choose(alice, VERIFIED, "daily")
    choose(alice, REVIEWED, "daily")
    with time_machine.travel(datetime(2026, 11, 24, 15, 0, tzinfo=UTC), tick=False):
        tell(alice, "Casa de la Cultura")
        tell(alice, "Revisada", kind=REVIEWED)
    daily_digests_task.delay("2026-11-24").get()
    [email] = emails_to(alice)
    link = email.headers["List-Unsubscribe"][1:-1].removeprefix("http://127.0.0.1:8000")
    assert client.post(link).status_code == 200
    assert set(
        NotificationPreference.objects.filter(user=alice).values_list("kind", "frequency")
    ) == {(VERIFIED, "never"), (REVIEWED, "never")}


# On the site


def test_the_header_counts_unread_notifications_in_one_query(client_for, alice):
    tell(alice, "Casa de la Cultura")
    tell(alice, "Ludoteca del Sur")
    client = client_for(alice)
    client.get("/en/")
    with CaptureQueriesContext(connection) as captured:
        page = client.get("/en/").content.decode()
    counts = [q for q in captured.captured_queries if "learningcity_notification" in q["sql"]]
    assert len(counts) == 1
    assert '<span class="notifications-count">2</span>' in page


def test_the_notifications_page_lists_them_and_marks_them_read_on_post(client_for, alice, bob):
    tell(alice, "Casa de la Cultura")
    tell(bob, "Not for Alice")
    client = client_for(alice)
    page = client.get("/en/notifications/").content.decode()
    assert "Casa de la Cultura" in page and "Not for Alice" not in page
    assert "1 unread notification." in page
    assert Notification.objects.unread().count() == 2
    assert client.post("/en/notifications/").status_code == 302
    assert list(Notification.objects.unread().values_list("recipient", flat=True)) == [bob.pk]
    assert "notifications-count" not in client.get("/en/").content.decode()


def test_the_notifications_page_makes_as_many_queries_whatever_it_lists(client_for, alice):
    made = []

    def add_rows(count):
        for _ in range(count):
            made.append(tell(alice, f"Organización {len(made)}").subject)
        return made[-count:]

    assert_constant_queries(client_for(alice), "/en/notifications/", add_rows)


def test_the_profile_page_links_to_the_notification_choices(client_for, alice):
    page = client_for(alice).get("/en/accounts/profile/").content.decode()
    assert f'href="{PREFERENCES}"' in page


# Personal data


def test_download_my_data_holds_the_notifications_and_choices(alice):
    choose(alice, VERIFIED, "weekly")
    tell(alice, "Casa de la Cultura")
    data = personal_data.personal_data_export(user=alice)
    assert [n["subject"] for n in data["notifications"]] == [
        "Casa de la Cultura is now public in the learning-city portal"
    ]
    assert data["notification_preferences"][VERIFIED] == "weekly"


def test_deleting_an_account_removes_its_notifications_and_its_name_from_others(
    bob, organisation, alice, sam
):
    dora = UserFactory(full_name="Dora Directora")
    MembershipFactory(user=dora, organisation=organisation, role="admin")
    choose(alice, "stakeholders.invited", "never")
    invitation_send(organisation=organisation, email=alice.email, role="member", by=dora)
    organisation_verify(organisation=organisation, by=sam)
    assert "Dora Directora" in Notification.objects.get(recipient=alice).text
    personal_data.account_delete(user=dora, by=dora)
    assert not Notification.objects.filter(recipient_id=dora.pk).exists()
    assert Notification.objects.filter(recipient=bob).exists()
    text = Notification.objects.get(recipient=alice).text
    assert "Dora Directora" not in text
    assert "un antiguo miembro" in text


def test_the_notifications_page_counts_every_unread_one_though_it_lists_the_recent(
    client_for, alice
):
    for number in range(RECENT + 1):
        tell(alice, f"Organización {number}")
    client = client_for(alice)
    client.get("/en/notifications/")
    with CaptureQueriesContext(connection) as captured:
        page = client.get("/en/notifications/").content.decode()
    assert f"{RECENT + 1} unread notifications." in page
    assert page.count('class="notification notification-unread"') == RECENT
    counts = [q for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
    assert len(counts) == 1
