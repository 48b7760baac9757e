"""Feedback: anyone leaves it, city staff publish it or hide it with a reason (never deleting
it) and answer it, linked to what it changed; the public page shows what we heard and what we
did, and the person who left an address is told of the answer."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from learningcity.inbox import inbox_for
from learningcity.models import OutgoingEmail
from learningcity.personal_data import account_delete
from learningcity.registry import registry
from monitoring import feedback_services as services
from monitoring.models import FEEDBACK_MAX_LENGTH, Feedback
from planning.models import ActionPlan
from tests.monitoring.factories import FeedbackFactory, IndicatorFactory
from tests.planning.factories import ActionFactory
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.usefixtures("reference_data", "frozen_today")

PAGE = "/en/monitoring/feedback/"


@pytest.fixture(autouse=True)
def _people_read_english(alice, sam):
    """The site follows a signed-in person's language: these read the English pages."""
    for person in (alice, sam):
        person.preferred_language = "en"
        person.save(update_fields=["preferred_language"])


def en(url):
    return "/en" + url.removeprefix("/en")


def moderate_url(item):
    return en(reverse("monitoring:feedback-moderate", args=[item.pk]))


def test_anyone_leaves_feedback_which_waits_for_staff(client):
    response = client.post(
        PAGE, {"text": "Más cursos los sábados, por favor.", "contact_email": "Ana@Example.org"}
    )
    assert response.status_code == 302
    item = Feedback.objects.get()
    assert item.status == Feedback.Status.WAITING
    assert item.contact_email == "ana@example.org" and item.author is None
    assert "Más cursos los sábados" not in client.get(PAGE).content.decode()


def test_a_signed_in_person_leaves_feedback_with_their_account(client, alice):
    client.force_login(alice)
    client.post(PAGE, {"text": "Me gusta el mapa."})
    assert Feedback.objects.get().author == alice


def test_feedback_over_the_length_limit_is_refused_with_a_message(client):
    response = client.post(PAGE, {"text": "a" * (FEEDBACK_MAX_LENGTH + 1)})
    assert response.status_code == 200
    assert f"Write at most {FEEDBACK_MAX_LENGTH} characters" in response.content.decode()
    assert not Feedback.objects.exists()
    with pytest.raises(ValidationError, match="Write at most"):
        services.feedback_submit(text="a" * (FEEDBACK_MAX_LENGTH + 1), language="es")


@pytest.mark.parametrize("data", [{"text": "   "}, {"text": "Hola", "contact_email": "no-es"}])
def test_bad_feedback_re_renders_the_form_and_stores_nothing(client, data):
    response = client.post(PAGE, data)
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Feedback.objects.exists()


def test_the_honeypot_catches_software_and_stores_nothing(client):
    response = client.post(PAGE, {"text": "Compre ya", "website": "https://spam.example"})
    assert response.status_code == 302
    assert not Feedback.objects.exists()


def test_feedback_text_is_shown_as_text_never_as_html(client, sam):
    item = FeedbackFactory(text='<script>alert("x")</script><b>negrita</b>')
    services.feedback_publish(feedback=item, by=sam)
    page = client.get(PAGE).content.decode()
    assert '<script>alert("x")' not in page and "<b>negrita" not in page
    assert "&lt;b&gt;negrita" in page


def test_staff_publish_feedback_and_answer_it_linked_to_an_action_and_an_indicator(
    client, sam, django_capture_on_commit_callbacks
):
    action = ActionFactory(objective__plan__status=ActionPlan.Status.ADOPTED, title="Cursos")
    indicator = IndicatorFactory(name_en="Adults in courses")
    item = FeedbackFactory(text="Faltan cursos de tarde.", contact_email="ana@example.org")
    client.force_login(sam)
    client.post(moderate_url(item), {"publish": "1"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            moderate_url(item),
            {
                "answer": "1",
                "answer-answer": "Abrimos dos grupos de tarde.",
                "answer-action": str(action.pk),
                "answer-indicator": str(indicator.pk),
            },
        )
    item.refresh_from_db()
    assert item.status == Feedback.Status.PUBLISHED and item.moderated_by == sam
    assert item.answer == "Abrimos dos grupos de tarde." and item.answered_by == sam
    assert item.action == action and item.indicator == indicator
    client.logout()
    page = client.get(PAGE).content.decode()
    assert "Faltan cursos de tarde." in page and "Abrimos dos grupos de tarde." in page
    assert "ana@example.org" not in page
    assert action.get_absolute_url() in page
    # Shown on the action's page and the indicator's.
    assert "Abrimos dos grupos" in client.get(en(action.get_absolute_url())).content.decode()
    assert "Abrimos dos grupos" in client.get(en(indicator.get_absolute_url())).content.decode()


def test_the_person_who_left_an_address_is_told_once_of_the_answer(
    sam, django_capture_on_commit_callbacks
):
    item = FeedbackFactory(contact_email="ana@example.org", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        services.feedback_answer(feedback=item, answer="Lo hicimos.", by=sam)
        services.feedback_answer(feedback=item, answer="Lo hicimos, y más.", by=sam)
    email = OutgoingEmail.objects.get(to="ana@example.org")
    assert "City staff answered your feedback" in email.subject
    assert "Lo hicimos." in email.body and "/en/monitoring/feedback/" in email.body


def test_anonymous_feedback_answered_sends_no_email(sam):
    services.feedback_answer(feedback=FeedbackFactory(), answer="Hecho.", by=sam)
    assert not OutgoingEmail.objects.exists()


def test_hiding_needs_a_reason_and_never_deletes(client, sam):
    item = FeedbackFactory(text="Insultos.")
    services.feedback_publish(feedback=item, by=sam)
    client.force_login(sam)
    response = client.post(moderate_url(item), {"hide": "1", "hide-reason": ""})
    assert response.status_code == 200 and "This field is required." in response.content.decode()
    with pytest.raises(ValidationError, match="Say why it is hidden"):
        services.feedback_hide(feedback=item, reason="  ", by=sam)
    client.post(moderate_url(item), {"hide": "1", "hide-reason": "Ofende a una persona."})
    item.refresh_from_db()
    assert item.status == Feedback.Status.HIDDEN
    assert item.hidden_reason == "Ofende a una persona."
    client.logout()
    assert "Insultos." not in client.get(PAGE).content.decode()
    assert Feedback.objects.filter(pk=item.pk).exists()


def test_an_answer_must_say_something(client, sam):
    item = FeedbackFactory()
    client.force_login(sam)
    response = client.post(moderate_url(item), {"answer": "1", "answer-answer": ""})
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.answer == ""


@pytest.mark.parametrize("who", ["anonymous", "citizen", "organisation admin", "moderator"])
def test_only_staff_moderate_and_answer_feedback(client, who, alice, bob, mona):
    item = FeedbackFactory(contact_email="ana@example.org")
    person = {"anonymous": None, "citizen": alice, "organisation admin": bob, "moderator": mona}
    if person[who]:
        client.force_login(person[who])
    assert client.get(reverse("monitoring:feedback-review")).status_code in (302, 403)
    assert client.get(reverse("monitoring:feedback-moderate", args=[item.pk])).status_code in (
        302,
        403,
    )
    client.post(reverse("monitoring:feedback-moderate", args=[item.pk]), {"publish": "1"})
    client.post(reverse("monitoring:feedback-publish", args=[item.pk]))
    client.post(
        reverse("monitoring:feedback-moderate", args=[item.pk]),
        {"answer": "1", "answer-answer": "Hecho."},
    )
    item.refresh_from_db()
    assert item.status == Feedback.Status.WAITING and item.answer == ""
    assert "ana@example.org" not in client.get(PAGE).content.decode()


def test_new_feedback_waits_in_the_staff_inbox(sam, alice):
    FeedbackFactory.create_batch(2)
    FeedbackFactory(status=Feedback.Status.PUBLISHED)
    staff = {provider.key: entry.count for provider, entry in inbox_for(sam)}
    assert staff["monitoring_feedback"] == 2
    assert "monitoring_feedback" not in {provider.key for provider, _e in inbox_for(alice)}


def test_feedback_is_in_the_personal_data_export_and_anonymised_on_deletion(alice):
    item = FeedbackFactory(author=alice, contact_name="Alice", contact_email="alice@example.org")
    exported = {}
    for part in registry.call_hooks("export_personal_data", user=alice):
        exported.update(part or {})
    assert exported["feedback"][0]["text"] == item.text
    account_delete(user=alice, by=alice)
    item.refresh_from_db()
    assert (item.author, item.contact_name, item.contact_email) == (None, "", "")
    assert item.text


def test_the_pages_take_constant_queries(client, sam):
    action = ActionFactory(objective__plan__status=ActionPlan.Status.ADOPTED)
    indicator = IndicatorFactory()

    def add_published(count):
        items = FeedbackFactory.create_batch(
            count,
            status=Feedback.Status.PUBLISHED,
            answer="Lo hicimos.",
            action=action,
            objective=action.objective,
            indicator=indicator,
        )
        return [item.text for item in items]

    assert_constant_queries(client, PAGE, add_published)
    assert_constant_queries(client, en(action.get_absolute_url()), add_published)
    assert_constant_queries(client, en(indicator.get_absolute_url()), add_published)
    client.force_login(sam)

    def add_waiting(count):
        return [item.text for item in FeedbackFactory.create_batch(count)]

    assert_constant_queries(client, en(reverse("monitoring:feedback-review")), add_waiting)


def test_answered_feedback_shows_under_the_objective_it_changed_on_the_plan(client, sam):
    action = ActionFactory(objective__plan__status=ActionPlan.Status.ADOPTED)
    item = FeedbackFactory(text="Faltan bibliotecas abiertas de noche.")
    services.feedback_publish(feedback=item, by=sam)
    services.feedback_answer(
        feedback=item, answer="Abrimos dos.", objective=action.objective, by=sam
    )
    page = client.get("/en/plan/").content.decode()
    assert "What we heard, and what we did" in page
    assert f"/monitoring/feedback/#feedback-{item.pk}" in page
