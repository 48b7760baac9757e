"""Sergio of city staff opens his inbox, and the library's page with its place on the map, on
a computer and on a phone, with the keyboard; Bruno of the library sees his invitations."""

from playwright.sync_api import expect

from learningcity.models import User
from learningcity.registry import registry
from stakeholders.demo import DEMO_PASSWORD
from stakeholders.models import Organisation
from tests.browser.conftest import PHONE
from tests.browser.helpers import assert_accessible, assert_keyboard_reachable, log_in

LIBRARY = "Biblioteca Pública Central"


def waiting_for(email):
    """What the header should say: the sum of every provider's count, counted afresh."""
    user = User.objects.get(email=email)
    return str(sum(provider.count(user) or 0 for provider in registry.inbox_list()))


def test_staff_find_what_waits_for_them_and_go_where_it_is_done(live_server, page, demo_city):
    base = live_server.url
    log_in(page, base, "staff@example.org", DEMO_PASSWORD)
    page.goto(f"{base}/inbox/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Pendientes")
    for heading in (
        "Organizaciones por verificar",
        "Entradas del inventario por revisar",
        "Propuestas de consultas aún no convertidas en temas",
    ):
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    header = page.locator(".site-tools .inbox-link")
    expect(header).to_contain_text("Pendientes")
    expect(header.locator(".inbox-count")).to_have_text(waiting_for("staff@example.org"))
    assert_accessible(page)
    assert_keyboard_reachable(page, ["Clases de español para migrantes"])

    page.get_by_role("link", name="Clases de español para migrantes").click()
    expect(page).to_have_url(f"{base}/plan/stocktake/review/#entry-" + page.url.split("-")[-1])
    expect(page.get_by_role("heading", name="Clases de español para migrantes")).to_be_visible()


def test_the_inbox_fits_a_phone(live_server, phone_page, demo_city):
    base = live_server.url
    log_in(phone_page, base, "stakeholder@example.org", DEMO_PASSWORD)
    phone_page.goto(f"{base}/inbox/")
    expect(
        phone_page.get_by_role("heading", name="Invitaciones a unirse a una organización")
    ).to_be_visible()
    expect(phone_page.get_by_role("link", name="voluntariado@example.org")).to_be_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]
    assert_accessible(phone_page)
    phone_page.get_by_text("Menú").click()
    expect(phone_page.locator(".site-menu .inbox-link .inbox-count")).to_have_text(
        waiting_for("stakeholder@example.org")
    )


def test_the_organisation_page_shows_its_place_and_its_part_in_the_plan(
    live_server, page, phone_page, browser, demo_city
):
    base = live_server.url
    library = Organisation.objects.get(name=LIBRARY)
    url = f"{base}{library.get_absolute_url()}"
    page.goto(url)
    for heading in (
        "Dónde encontrarla",
        "En el comité de la ciudad del aprendizaje",
        "Sus acciones en el plan",
        "Lo que ya hace",
    ):
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(page.locator("address")).to_contain_text("Avenida Madero Poniente 150")
    map_region = page.get_by_role("region", name=f"Mapa que muestra dónde está {LIBRARY}")
    expect(map_region).to_be_visible()
    expect(map_region.locator(".leaflet-marker-icon")).to_have_attribute("alt", LIBRARY)
    assert_accessible(page)
    assert_keyboard_reachable(page)

    phone_page.goto(url)
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]
    assert_accessible(phone_page)

    # Without script, the address says where it is, and no empty map is left behind.
    context = browser.new_context(java_script_enabled=False)
    try:
        no_script = context.new_page()
        no_script.goto(url)
        expect(no_script.locator("address")).to_contain_text("Avenida Madero Poniente 150")
        expect(no_script.locator("[data-place-map]")).to_be_hidden()
    finally:
        context.close()
