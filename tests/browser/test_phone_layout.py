"""Every page of the demo city fits a 390 px phone, whoever looks at it.

The page list is built from the URL conf: a route this file does not know fails the test until it
is given its arguments (from the demo city) or excluded with a reason, so a new page cannot slip
past. Each role gets one browser context, logged in once, that visits every page.

A page fails when the document is wider than the window, or when something on it scrolls
sideways (a table in an overflow box hides its last columns off-screen on a phone).
"""

from datetime import timedelta

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.translation import override
from playwright.sync_api import Error as PlaywrightError

from dashboard.models import ProgressReport
from events.models import Registration
from funding.models import (
    Allocation,
    Booking,
    BudgetLine,
    Contribution,
    CostBenefitAnalysis,
    CostSharingAgreement,
    SharedResource,
)
from learningcity.notifications import unsubscribe_token
from monitoring.assessment_services import kflc_assessment_start
from monitoring.models import (
    Bulletin,
    Feedback,
    Indicator,
    KflcAssessment,
    StakeholderReport,
    Survey,
)
from planning import services as planning_services
from planning.models import (
    Action,
    ActionPlan,
    Charter,
    CommentPeriod,
    ConsultationParticipant,
    DraftComment,
    ProgressUpdate,
    WorkshopParticipation,
)
from provision.models import (
    BarrierReport,
    LearningNeed,
    LearningSpace,
    Opportunity,
    SupportRequest,
)
from provision.recognition_models import Credential, RecognitionApplication
from stakeholders.demo import DEMO_PASSWORD
from stakeholders.forum.models import Flag
from stakeholders.models import Membership, OrganisationInvitation
from tests.browser.conftest import PHONE
from tests.browser.helpers import assert_accessible, assert_keyboard_reachable, log_in, watch_csp

ROLES = {
    "anonymous": None,
    "citizen": "citizen@example.org",
    "stakeholder": "stakeholder@example.org",
    "staff": "staff@example.org",
    "coordinator": "coordinator@example.org",
    "moderator": "moderator@example.org",
}

LONG_ADDRESS = (
    "https://www.biblioteca-publica-central.example.org/programas/aprendizaje-a-lo-largo-de-la-vida"
)

# Routes that are not pages a person reads, with the reason.
NOT_PAGES = {
    "health": "JSON for the load balancer",
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
    "": "uploads (/media/) are served as downloads, never as pages",
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


def _routes(patterns, namespace=""):
    """(route name, has arguments) for every route, the admin's namespace left out."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _routes(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else ""
            yield name, bool(pattern.pattern.regex.groupindex)


def demo_pages():
    """The path of every page of the demo city, with one object of each kind for the detail pages.

    Adds what the demo lacks for a page to exist: a draft version (for adopting and comparing) and
    an invitation to the stakeholder's organisation.
    """
    adopted = ActionPlan.objects.adopted().first()
    indicator = (
        Indicator.objects.filter(dimensions__isnull=False, metric="").order_by("order").first()
    )
    draft = planning_services.plan_create_version(plan=adopted, by=adopted.adopted_by)
    # The demo's draft open for comments; this draft's period has closed, for "what we heard".
    commented = CommentPeriod.objects.filter(plan__isnull=False).order_by("pk").first().plan
    today = timezone.localdate()
    CommentPeriod.objects.create(
        plan=draft, opens_on=today - timedelta(days=30), closes_on=today - timedelta(days=1)
    )
    for comment in DraftComment.objects.filter(plan=commented):
        comment.pk, comment.plan = None, draft
        comment.save()
    # The demo's draft charter open for comments, and one whose period has closed.
    charter_draft = Charter.objects.get(published_on__isnull=True)
    charter_heard = Charter.objects.create(
        title=charter_draft.title, text=charter_draft.text, version=charter_draft.version + 1
    )
    CommentPeriod.objects.create(
        charter=charter_heard,
        opens_on=today - timedelta(days=30),
        closes_on=today - timedelta(days=1),
    )
    for comment in DraftComment.objects.filter(charter=charter_draft):
        comment.pk, comment.charter = None, charter_heard
        comment.save()
    admin = Membership.objects.select_related("organisation", "user").get(
        user__email=ROLES["stakeholder"], role="admin"
    )
    organisation = admin.organisation
    # Long words and addresses, as people type them, must wrap rather than widen the page.
    organisation.website = LONG_ADDRESS
    organisation.description = f"Véase {LONG_ADDRESS} o Donaudampfschifffahrtsgesellschaftskapitän."
    organisation.save(update_fields=["website", "description"])
    invitation = OrganisationInvitation.objects.create(
        organisation=organisation, email="nueva@example.org", invited_by=admin.user
    )
    participation = (
        WorkshopParticipation.objects.filter(organisation=organisation).first()
        or WorkshopParticipation.objects.first()
    )
    action = Action.objects.filter(objective__plan=adopted).order_by("pk").first()
    theme = draft.themes.order_by("pk").first()
    objective = draft.objectives.order_by("pk").first()
    participant = ConsultationParticipant.objects.select_related("consultation").first()
    flagged = Flag.objects.filter(resolved_at__isnull=True).select_related("post__topic").first()
    post, topic = flagged.post, flagged.post.topic
    returned = ProgressUpdate.objects.filter(status=ProgressUpdate.Status.RETURNED).first()
    reports = {report.status: report.pk for report in ProgressReport.objects.all()}
    # The demo's last completed self-assessment, and a draft for the year after it.
    completed_kflc = KflcAssessment.objects.completed().order_by("-year").first()
    draft_kflc = kflc_assessment_start(year=completed_kflc.year + 1, by=adopted.adopted_by)
    surveys = list(Survey.objects.order_by("closes_on"))
    waiting = StakeholderReport.objects.waiting().get(organisation=organisation)
    arguments = {
        "reports:detail": [reports["published"]],
        "reports:edit": [reports["draft"]],
        "planning:plan-version": [draft.pk],
        "planning:plan-comments": [commented.pk],
        "planning:comment-period": [commented.pk],
        "planning:heard": [draft.pk],
        "planning:charter-comments": [charter_draft.pk],
        "planning:charter-comment-period": [charter_draft.pk],
        "planning:charter-heard": [charter_heard.pk],
        "planning:version-adopt": [draft.pk],
        "planning:version-print": [draft.pk],
        "planning:plan-edit": [draft.pk],
        "planning:theme-new": [draft.pk],
        "planning:theme-edit": [draft.pk, theme.pk],
        "planning:objective-new": [draft.pk],
        "planning:objective-edit": [draft.pk, objective.pk],
        "planning:action-new": [draft.pk, objective.pk],
        "planning:action": [action.pk],
        "planning:action-edit": [action.pk],
        "planning:action-contacts": [action.pk],
        "planning:update-new": [action.pk],
        "planning:update-edit": [returned.action_id, returned.pk],
        "planning:plan-settings": [adopted.pk],
        "planning:consultation": [participant.consultation.pk],
        "planning:consultation-join": [participant.token],
        "planning:workshop-evaluate": [participation.pk],
        "planning:workshop-attendance": [participation.workshop_id],
        "stakeholders:organisation": [organisation.slug],
        "stakeholders:organisation-edit": [organisation.slug],
        "stakeholders:members": [organisation.slug],
        "stakeholders:invitation": [invitation.token],
        "forum:category": [topic.category.slug],
        "forum:topic-short": [topic.pk],
        "forum:topic": [topic.pk, topic.slug],
        "forum:topic-moderate": [topic.pk],
        "forum:post": [post.pk],
        "forum:post-edit": [post.pk],
        "forum:post-flag": [post.pk],
        "forum:post-history": [post.pk],
        "forum:moderation-post": [post.pk],
        "events:detail": ["festival-del-aprendizaje"],
        "events:revise": ["puertas-abiertas-biblioteca-central"],
        "events:registration": [Registration.objects.order_by("pk").first().token],
        "events:check-in": ["club-de-lectura-en-voz-alta"],
        "events:exhibit": ["festival-del-aprendizaje"],
        "events:exhibitor-call": ["festival-del-aprendizaje"],
        "funding:analysis": [CostBenefitAnalysis.objects.order_by("pk").first().pk],
        "funding:booking_new": [
            SharedResource.objects.exclude(organisation=organisation).order_by("pk").first().pk
        ],
        "funding:booking_answer": [Booking.objects.filter(status="requested").first().pk],
        # Staff's forms for the books, each with one of the demo's entries.
        "funding:budget_line_edit": [BudgetLine.objects.order_by("pk").first().pk],
        "funding:budget_line_delete": [BudgetLine.objects.order_by("pk").first().pk],
        "funding:contribution_edit": [Contribution.objects.order_by("pk").first().pk],
        "funding:contribution_received": [
            Contribution.objects.filter(status="pledged").order_by("pk").first().pk
        ],
        "funding:allocation_take_back": [Allocation.objects.order_by("pk").first().pk],
        "funding:agreement_edit": [CostSharingAgreement.objects.order_by("pk").first().pk],
        "funding:analysis_edit": [CostBenefitAnalysis.objects.order_by("pk").first().pk],
        "provision:detail": [Opportunity.objects.public().order_by("pk").first().slug],
        "provision:space": [LearningSpace.objects.public().order_by("pk").first().slug],
        "provision:need": [LearningNeed.objects.order_by("pk").first().pk],
        "provision:for-group": ["migrant-families"],
        "provision:recognition-procedure": ["mediacion-de-lectura"],
        "provision:recognition-procedure-edit": ["mediacion-de-lectura"],
        "provision:recognition-apply": ["mediacion-de-lectura"],
        "provision:recognition-procedure-new": [organisation.slug],
        "provision:recognition-application": [
            RecognitionApplication.objects.filter(status="submitted").order_by("pk").first().key
        ],
        "provision:credential": [Credential.objects.order_by("pk").first().code],
        # The stakeholder's organisation keeps its own offer.
        "provision:opportunity-new": [organisation.slug],
        "provision:space-new": [organisation.slug],
        "provision:opportunity-edit": [
            Opportunity.objects.filter(organization=organisation).order_by("pk").first().slug
        ],
        "provision:space-edit": [
            LearningSpace.objects.filter(organization=organisation).order_by("pk").first().slug
        ],
        # The stakeholder's library is a learning organisation; its spaces have checklists.
        **{
            f"provision:learning-organisation{suffix}": [organisation.slug]
            for suffix in ("", "-manage", "-pledge", "-assessment", "-support", "-report")
        },
        "provision:support-request": [SupportRequest.objects.order_by("pk").first().pk],
        "provision:space-checklist": [
            LearningSpace.objects.filter(organization=organisation).order_by("pk").first().slug
        ],
        "provision:barrier-new": [LearningSpace.objects.public().order_by("pk").first().slug],
        "provision:barrier": [BarrierReport.objects.order_by("pk").first().pk],
        # The library's indicator with breakdowns: the stakeholder enters its values.
        "monitoring:indicator": [indicator.pk],
        "monitoring:values": [indicator.pk],
        "monitoring:kflc-year": [completed_kflc.year],
        "monitoring:kflc-edit": [draft_kflc.year],
        "monitoring:feedback-moderate": [Feedback.objects.waiting().order_by("pk").first().pk],
        # The open survey's questions; the closed one's results.
        "monitoring:survey": [surveys[-1].pk],
        "monitoring:survey-results": [surveys[0].pk],
        # The request waiting for the stakeholder's organisation.
        "monitoring:report-request": [waiting.request_id],
        "monitoring:report-answer": [waiting.request_id, organisation.pk],
        # A sent bulletin, and this month's draft.
        "monitoring:bulletin": [Bulletin.objects.sent().order_by("pk").first().pk],
        "monitoring:bulletin-edit": [Bulletin.objects.filter(sent_at=None).get().pk],
        "notifications_unsubscribe": [
            unsubscribe_token(user=admin.user, kinds=["stakeholders.organisation_verified"])
        ],
        "account_confirm_email": ["not-a-real-key"],
        "account_reset_password_from_key": ["0", "not-a-real-key"],
    }
    paths = []
    unknown = []
    for name, has_arguments in _routes(get_resolver().url_patterns):
        if name in NOT_PAGES:
            continue
        if name in arguments:
            args = arguments[name]
        elif has_arguments:
            unknown.append(name)
            continue
        else:
            args = []
        with override("es"):
            paths.append(reverse(name, args=args))
    assert not unknown, (
        f"Routes with arguments this test does not know: {unknown}. Give them a demo object in "
        "demo_pages() or add them to NOT_PAGES with the reason."
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
