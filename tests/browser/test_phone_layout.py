"""Every page of the demo city fits a 390 px phone, whoever looks at it.

The page list is built from the URL conf: a route this file does not know fails the test until it
is given its arguments (from the demo city) or excluded with a reason, so a new page cannot slip
past. Each role gets one browser context, logged in once, that visits every page.

A page fails when the document is wider than the window, or when something on it scrolls
sideways (a table in an overflow box hides its last columns off-screen on a phone).
"""

from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from planning import services as planning_services
from planning.models import Action, ActionPlan
from stakeholders.demo import DEMO_PASSWORD
from stakeholders.models import Membership
from tests.browser.conftest import PHONE
from tests.browser.helpers import assert_accessible, assert_keyboard_reachable, log_in, watch_csp
from tests.routes import DEMO_ACCOUNTS, demo_city_objects, routes

ROLES = {"anonymous": None, **DEMO_ACCOUNTS}

# Routes that are not pages a person reads, with the reason.
NOT_PAGES = {
    "health": "JSON for the load balancer",
    "activity_restore": "POST only: the activity page's restore buttons (staff)",
    "monitoring:follow": "POST only: the indicator page's follow button",
    "monitoring:period-submit": "POST only: the values page's submit buttons",
    "monitoring:period-review": "POST only: the review page's approve and return forms",
    "monitoring:period-lock": "POST only: the indicator page's lock buttons (staff)",
    "monitoring:values-csv": "a CSV download (tests/monitoring/test_open_data.py)",
    "monitoring:values-json": "a JSON download (tests/monitoring/test_open_data.py)",
    "monitoring:kflc-start": "POST only: the self-assessment page's form (staff)",
    "monitoring:kflc-reopen": "POST only: a completed self-assessment's button (staff)",
    "monitoring:feedback-publish": "POST only: the feedback review's buttons (staff)",
    "monitoring:survey-csv": "a CSV download (tests/monitoring/test_surveys.py)",
    "monitoring:report-tags": "POST only: the report request page's tag forms (staff)",
    "monitoring:bulletin-new": "POST only: the bulletins page's draft form (staff)",
    "monitoring:bulletin-send": "POST only: a draft bulletin's send button (staff)",
    "set_language": "POST only: the language switch in the header",
    "planning:plan-csv": "a CSV download",
    "planning:version-csv": "a CSV download",
    "planning:version-create": "POST only: the versions page's button",
    "planning:reorder": "POST only: the up and down buttons",
    "planning:charter-sign": "needs its organisation: visited below with the stakeholder's",
    "planning:charter-withdraw": "POST only: the charter page's button",
    "planning:workshop-place": "POST only: the workshops page's buttons",
    "account_personal_data": "a JSON download: the account page's link",
    "account_delete": "POST only: the account page's form",
    "planning:stocktake-decide": "POST only: the review queue's buttons",
    "planning:consultation-act": "POST only: the consultation page's forms",
    "planning:consultation-invite": "POST only: the consultation page's form",
    "planning:consultation-theme": "POST only: the consultation page's form",
    "planning:update-review": "POST only: the review queue's buttons",
    "planning:comment-answer": "POST only: the draft comments page's forms",
    "reports:generate": "POST only: the report page's button",
    "reports:publish": "POST only: the report page's button",
    "reports:pdf": "a PDF download (tests/dashboard/test_reports.py)",
    "reports:gnlc-profile-pdf": "a PDF download (tests/dashboard/test_gnlc_profile.py)",
    "reports:figures-json": "a JSON download (tests/dashboard/test_reports.py)",
    "reports:figures-csv": "a CSV download (tests/dashboard/test_reports.py)",
    "reports:status": "a fragment htmx fetches into the report page while its PDF is made",
    "planning:objective-actions": "a table htmx fetches into /plan/ (test_large_plan.py); "
    "followed without htmx it redirects to /plan/?objective=",
    "stakeholders:verification-decide": "POST only: the verification queue's buttons",
    "stakeholders:membership": "POST only: the members page's forms",
    "forum:category-follow": "POST only: the category page's button",
    "forum:reply": "POST only: the topic page's form",
    "forum:topic-follow": "POST only: the topic page's button",
    "forum:post-hide-own": "POST only: the post's button",
    "events:register": "POST only: the event page's form",
    "events:review": "POST only: the proposals page's forms",
    "events:attendees": "a CSV download for organisers (tests/events/test_registration.py)",
    "event_calendars:feed": "an iCalendar download (tests/events/test_calendars.py)",
    "event_calendars:event": "an iCalendar download (tests/events/test_calendars.py)",
    "provision_api:opportunities": "GeoJSON for the map (tests/provision/test_api.py)",
    "provision_api:blank-tile": "a PNG the maps draw in tests (test_tiles_and_postgresql_search)",
    "funding:contributions_csv": "a CSV download (tests/funding/test_staff_pages.py)",
    "funding:allocations_csv": "a CSV download (tests/funding/test_staff_pages.py)",
    "open_data_files:catalogue": "JSON-LD for harvesters (tests/dashboard/test_open_data.py)",
    "open_data_files:download": "CSV and JSON downloads (tests/dashboard/test_open_data.py)",
    "provision:rate": "POST only: the opportunity page's form",
    "provision:recognition-application-withdraw": "POST only: the application page's button",
    "provision:recognition-evidence": "a download of the learner's evidence file",
    "provision:credential-pdf": "a PDF (tests/provision/test_recognition.py)",
    "provision:credential-withdraw": "POST only: the credential page's form",
    "provision:rating-moderate": "POST only: the ratings queue's buttons",
    "provision:rating-respond": "POST only: the opportunity page's forms",
    "account_confirm_login_code": "only inside a login-by-code flow (not offered)",
}
# The admin is Django's own: its index is checked (the portal's links, the header), its change
# lists and forms are Django's wide tables, which scroll inside their own box by design.
ADMIN_PAGES = ["admin:index"]

WIDTH_PROBLEMS = """() => {
  const width = window.innerWidth;
  const describe = (el) => {
    let name = el.tagName.toLowerCase();
    if (el.id) name += "#" + el.id;
    for (const cls of el.classList) name += "." + cls;
    const text = (el.innerText || el.value || "").trim().replace(/\\s+/g, " ").slice(0, 50);
    return text ? `${name} "${text}"` : name;
  };
  const shown = (el) => el.getClientRects().length > 0
    && el.checkVisibility({visibilityProperty: true});
  const problems = [];
  const documentWidth = document.documentElement.scrollWidth;
  if (documentWidth > width) {
    let widest = null;
    let widestWidth = 0;
    for (const el of document.body.querySelectorAll("*")) {
      if (!shown(el)) continue;
      const box = el.getBoundingClientRect();
      if (box.right > width + 1 && box.width > widestWidth) {
        widest = el;
        widestWidth = box.width;
      }
    }
    problems.push(
      `the document is ${documentWidth} px wide in a ${width} px window; widest element past `
      + `the edge: ${widest ? describe(widest) + " (" + Math.round(widestWidth) + " px)" : "?"}`
    );
  }
  for (const el of document.body.querySelectorAll("*")) {
    if (!shown(el) || el.matches(".map, .map *, textarea, select, input")) continue;
    const overflow = getComputedStyle(el).overflowX;
    if ((overflow === "auto" || overflow === "scroll") && el.scrollWidth > el.clientWidth + 1) {
      problems.push(
        `${describe(el)} scrolls sideways: ${el.scrollWidth} px of content in ${el.clientWidth} px`
      );
    }
  }
  return problems;
}"""


def demo_pages():
    """The path of every page of the demo city, with one object of each kind for the detail pages
    (tests/routes.py), and a few pages again with a query string."""
    city = demo_city_objects()
    adopted, draft, organisation = city.adopted, city.draft, city.organisation
    reports, surveys = city.reports, city.surveys
    paths = []
    unknown = []
    for route in routes():
        if route.name in NOT_PAGES:
            continue
        if route.has_arguments and route.name not in city.arguments:
            unknown.append(route.name)
            continue
        paths.append(city.path(route.name))
    assert not unknown, (
        f"Routes with arguments this test does not know: {unknown}. Give them a demo object in "
        "tests/routes.py or add them to NOT_PAGES with the reason."
    )
    paths += [reverse(name) for name in ADMIN_PAGES]
    paths.append(f"{reverse('planning:versions-compare')}?older={adopted.pk}&newer={draft.pk}")
    paths.append(f"{reverse('planning:charter-sign')}?organisation={organisation.pk}")
    paths.append(f"{reverse('forum:about')}?about=stakeholders.organisation:{organisation.pk}")
    paths.append(f"{reverse('forum:search')}?q=biblioteca")
    paths.append(reverse("reports:detail", args=[reports["draft"]]))
    paths.append(reverse("monitoring:survey-results", args=[surveys[0].pk]) + "?by=district")
    paths.append("/no-such-page/")
    return list(dict.fromkeys(paths))


def test_every_demo_page_fits_a_phone_for_every_role(live_server, browser, demo_city):
    paths = demo_pages()
    problems = []
    violations = []
    for role, email in ROLES.items():
        context = browser.new_context(color_scheme="light", **PHONE)
        context.set_default_timeout(10_000)
        page = watch_csp(context.new_page())
        try:
            if email:
                log_in(page, live_server.url, email, DEMO_PASSWORD)
            for path in paths:
                try:
                    page.goto(f"{live_server.url}{path}")
                except PlaywrightError as error:
                    problems.append(
                        f"{path} as {role}: no page ({error.message.splitlines()[0]}); "
                        "a POST-only route goes in NOT_PAGES with the reason"
                    )
                    continue
                for problem in page.evaluate(WIDTH_PROBLEMS):
                    problems.append(f"{path} as {role}: {problem}")
        finally:
            context.close()
        violations += page.csp_violations
    assert not violations, "\n".join(violations)
    assert not problems, f"{len(problems)} problem(s) at 390 px:\n" + "\n".join(problems)


def test_the_phone_header_is_small_and_its_menu_works_with_a_keyboard(
    live_server, phone_page, demo_city
):
    page = phone_page
    log_in(page, live_server.url, ROLES["stakeholder"], DEMO_PASSWORD)
    page.goto(f"{live_server.url}/plan/")
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 120, f"the header is {header['height']:.0f} px tall on a phone"
    assert_accessible(page)
    # The skip link comes first; then the menu button opens the areas, the language switch and
    # the account's links, all reached with Tab.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip-link"
    menu = page.get_by_text("Menú", exact=True)
    menu.focus()
    page.keyboard.press("Enter")
    assert_keyboard_reachable(page, ["Planeación", "English", "Perfil", "Cerrar sesión"])
    assert_accessible(page)
    page.get_by_role("link", name="Participación", exact=True).click()
    page.wait_for_url("**/stakeholders/")


def test_a_visitor_reaches_log_in_and_sign_up_from_the_phone_menu(
    live_server, phone_page, demo_city
):
    page = phone_page
    page.goto(f"{live_server.url}/")
    assert page.locator(".site-header").bounding_box()["height"] <= 120
    page.get_by_text("Menú", exact=True).click()
    assert_keyboard_reachable(page, ["Iniciar sesión", "Registrarse", "English"])
    page.get_by_role("button", name="English").click()
    page.wait_for_url(f"{live_server.url}/en/")
    assert page.locator(".site-header").bounding_box()["height"] <= 120


def _save_in_view(page):
    """Scroll to the middle of the page; the form's Save button is then inside the window."""
    page.evaluate(
        "() => window.scrollTo(0, (document.documentElement.scrollHeight - innerHeight) / 2)"
    )
    save = page.locator("main form[method=post] button[type=submit]").last
    box = save.bounding_box()
    height = page.evaluate("() => innerHeight")
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


def test_save_stays_in_reach_on_the_long_staff_forms(live_server, phone_page, demo_city):
    page = phone_page
    adopted = ActionPlan.objects.adopted().first()
    draft = planning_services.plan_create_version(plan=adopted, by=adopted.adopted_by)
    action = Action.objects.filter(objective__plan=adopted).order_by("pk").first()
    objective = draft.objectives.order_by("pk").first()
    theme = draft.themes.order_by("pk").first()
    log_in(page, live_server.url, ROLES["coordinator"], DEMO_PASSWORD)
    page.goto(f"{live_server.url}{reverse('planning:action-edit', args=[action.pk])}")
    height = page.evaluate("() => document.documentElement.scrollHeight")
    assert height > 3 * 844, "the action form is long: the test scrolls to its middle"
    assert _save_in_view(page), "Save is off-screen in the middle of the action's form"
    organisation = Membership.objects.get(user__email=ROLES["stakeholder"]).organisation
    for path in [
        reverse("planning:plan-edit", args=[draft.pk]),
        reverse("planning:objective-edit", args=[draft.pk, objective.pk]),
        reverse("planning:theme-edit", args=[draft.pk, theme.pk]),
        reverse("stakeholders:organisation-edit", args=[organisation.slug]),
    ]:
        page.goto(f"{live_server.url}{path}")
        assert _save_in_view(page), f"Save is off-screen in the middle of {path}"
