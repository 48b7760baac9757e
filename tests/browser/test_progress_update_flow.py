"""On a phone, Bruno, the library's contact person for an action of the demo plan, posts a progress
update; Sergio of city staff approves it from his review queue; the public reads it on the action
page and on the change log under the library's name. Each page has no axe-core violations and
keeps to the CSP."""

from playwright.sync_api import expect

from planning.models import ActionContact, ProgressUpdate
from stakeholders.demo import DEMO_PASSWORD
from tests.browser.conftest import PHONE
from tests.browser.helpers import assert_accessible, log_in, watch_csp
from tests.browser.test_phone_layout import WIDTH_PROBLEMS

DONE = "Abrimos el club de lectura del sábado con 18 familias."


def _phone(browser):
    context = browser.new_context(color_scheme="light", **PHONE)
    context.set_default_timeout(10_000)
    return context, watch_csp(context.new_page())


def test_a_contact_person_posts_an_update_staff_approve_it_and_the_public_reads_it(
    live_server, browser, phone_page, demo_city
):
    contact = (
        ActionContact.objects.select_related("action", "organisation")
        .filter(person__email="stakeholder@example.org", action__objective__plan__status="adopted")
        .order_by("pk")
        .first()
    )
    action_url = f"{live_server.url}{contact.action.get_absolute_url()}"
    bruno = phone_page
    log_in(bruno, live_server.url, "stakeholder@example.org", DEMO_PASSWORD)
    bruno.goto(action_url)
    with bruno.expect_navigation():
        bruno.get_by_role("button", name="Enviar un informe de avance").click()
    assert_accessible(bruno)
    bruno.get_by_label("Qué se hizo").fill(DONE)
    bruno.get_by_label("Qué sigue").fill("Un segundo grupo entre semana.")
    bruno.get_by_role("button", name="Enviar el informe").click()
    expect(bruno.get_by_text("pendiente de revisión por el personal municipal")).to_be_visible()
    update = ProgressUpdate.objects.get(done=DONE)
    expect(bruno.locator(f"#update-{update.pk}")).to_contain_text("Pendiente de revisión")
    # As the library's admin, Bruno also chooses the action's contact persons.
    bruno.get_by_role("button", name="Personas de contacto").click()
    expect(bruno.get_by_role("heading", name="Agregar una persona de contacto")).to_be_visible()
    assert_accessible(bruno)
    assert not bruno.evaluate(WIDTH_PROBLEMS)

    context, sergio = _phone(browser)
    try:
        log_in(sergio, live_server.url, "staff@example.org", DEMO_PASSWORD)
        sergio.goto(f"{live_server.url}/plan/updates/review/")
        assert_accessible(sergio)
        item = sergio.locator(f"#update-{update.pk}")
        item.get_by_label("Aprobar y publicar").check()
        item.get_by_role("button", name="Registrar la decisión").click()
        expect(sergio.get_by_text("Se revisó el informe.")).to_be_visible()
        sergio.goto(f"{live_server.url}/plan/versions/{contact.action.objective.plan_id}/settings/")
        assert_accessible(sergio)
        assert not sergio.evaluate(WIDTH_PROBLEMS)
        assert not sergio.csp_violations, sergio.csp_violations
    finally:
        context.close()

    context, visitor = _phone(browser)
    try:
        visitor.goto(action_url)
        published = visitor.locator(f"#update-{update.pk}")
        expect(published).to_contain_text(DONE)
        expect(published).to_contain_text(contact.organisation.name)
        expect(visitor.locator("body")).not_to_contain_text("Bruno Biblioteca")
        assert_accessible(visitor)
        visitor.goto(f"{live_server.url}/plan/changes/")
        visitor.get_by_label("Tipo de cambio").select_option(label="Informe de avance")
        visitor.get_by_role("button", name="Filtrar").click()
        newest = visitor.locator(".change-log > li").first
        expect(newest).to_contain_text(DONE)
        expect(newest).to_contain_text(contact.organisation.name)
        expect(visitor.locator("body")).not_to_contain_text("Bruno Biblioteca")
        assert_accessible(visitor)
        assert not visitor.csp_violations, visitor.csp_violations
    finally:
        context.close()
