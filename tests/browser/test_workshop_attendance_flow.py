"""On a phone at the door, Sergio of city staff takes a past demo workshop's attendance, then
sees the workshop with its materials. No axe-core violation, nothing against the CSP."""

from django.utils import timezone
from playwright.sync_api import expect

from planning.models import Workshop, WorkshopParticipation
from stakeholders.demo import DEMO_PASSWORD
from tests.browser.helpers import assert_accessible, log_in


def test_staff_take_attendance_on_a_phone(live_server, phone_page, demo_city):
    workshop = Workshop.objects.filter(starts_at__lt=timezone.now()).order_by("starts_at").first()
    participation = (
        workshop.participations.filter(status="confirmed", attended=False)
        .select_related("organisation")
        .first()
    )
    page = phone_page
    log_in(page, live_server.url, "staff@example.org", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/plan/workshops/")
    with page.expect_navigation():
        page.locator(f"#workshop-{workshop.pk}").get_by_role(
            "button", name="Tomar asistencia"
        ).click()
    assert_accessible(page)
    row = page.get_by_role("group", name=participation.organisation.name)
    row.get_by_label("Vino").check()
    row.get_by_label("Personas que vinieron").fill("3")
    page.get_by_role("button", name="Guardar la asistencia").click()
    expect(page.get_by_text("Se guardó la asistencia.")).to_be_visible()
    participation.refresh_from_db()
    assert (participation.attended, participation.people) == (True, 3)
    article = page.locator(f"#workshop-{workshop.pk}")
    expect(article.get_by_role("link", name="Guía de trabajo por sectores")).to_be_visible()
    assert_accessible(page)
    assert WorkshopParticipation.objects.filter(attended=True).exists()
