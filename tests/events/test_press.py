"""Staff e-mail a press release about an event to the active media contacts, once."""

import icalendar
import pytest
from django.urls import reverse

from events.models import MediaContact, PressRelease
from events.services import press_release_email
from learningcity.models import OutgoingEmail
from tests.admin_forms import change_form_data
from tests.events.factories import EventFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today", "city")]


def test_a_press_release_saved_in_the_admin_reaches_the_active_contacts_once(
    client_for, sam, django_capture_on_commit_callbacks
):
    event = EventFactory(title="Festival", slug="festival")
    MediaContact.objects.create(name="Rita", outlet="El Diario", email="rita@example.org")
    MediaContact.objects.create(name="Iván", outlet="Radio", email="ivan@example.org", active=False)
    url = reverse("admin:events_pressrelease_add")
    client = client_for(sam)

    data = change_form_data(
        client.get(url), event=str(event.pk), subject="Invitación al festival", text="Vengan."
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)

    assert response.status_code == 302
    [email] = OutgoingEmail.objects.all()
    assert (email.to, email.subject) == ("rita@example.org", "Invitación al festival")
    assert "/events/festival.ics" in email.body
    [attachment] = email.attachments
    assert (attachment["filename"], attachment["mimetype"]) == ("festival.ics", "text/calendar")
    [vevent] = icalendar.Calendar.from_ical(attachment["content"]).walk("VEVENT")
    assert str(vevent["summary"]) == "Festival"
    release = PressRelease.objects.get()
    assert (release.recipients, release.created_by) == (1, sam)
    assert press_release_email(release_id=release.pk) == 0
    assert OutgoingEmail.objects.count() == 1
