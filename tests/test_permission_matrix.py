"""Every route of the portal × every role of DESIGN.md §4 × GET and POST → the expected answer.

The world is the demo city (`seed_demo`), the routes' arguments its objects (tests/routes.py),
most of them the Biblioteca Pública Central's (organisation A). The roles: a visitor; a
citizen (the demo's, without the membership it has there); a member of A; A's admin (the demo's
stakeholder); an admin of another organisation (B) trying A's objects; the contact person of
one of A's actions; the forum moderator; city staff; the coordinator. A POST carries no data and
no CSRF token: it tests who may reach the form's handling, not the form.

Each route has one row in EXPECTED naming its rule in RULES; a route without a row fails
`test_every_route_has_its_row_in_the_matrix`, so a new URL is covered as soon as it exists. A 5xx
fails whatever the rule.
"""

import time
from copy import deepcopy
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from planning.models import ActionContact
from stakeholders.models import Membership
from tests.routes import DEMO_ACCOUNTS, demo_city_objects, routes
from tests.stakeholders.factories import UserFactory

ROLES = [
    "anonymous",
    "citizen",
    "member",
    "org_admin",
    "other_admin",
    "contact",
    "moderator",
    "staff",
    "coordinator",
]

STAFF = ("staff", "coordinator")
LIBRARY = ("member", "org_admin", "contact")  # organisation A's people
ORGANISATION_MEMBERS = (*LIBRARY, "other_admin")


def answers(others, anonymous="login", **roles):
    """Each role's answer: `others` unless the role is named."""
    return {"anonymous": anonymous} | dict.fromkeys(ROLES[1:], others) | roles


def only(*roles):
    """The roles named are allowed; the visitor is sent to log in; the others are denied."""
    return answers("denied", **dict.fromkeys(roles, "allowed"))


EVERYONE = answers("allowed", anonymous="allowed")
SIGNED_IN = answers("allowed")
POST_ONLY = answers("method", anonymous="method")
GET_ONLY = POST_ONLY
NOT_FOUND = answers("missing", anonymous="missing")

# name → (GET, POST, why)
RULES = {
    "public": (EVERYONE, EVERYONE, "published pages and public forms (a POST gets the form back)"),
    "public, GET only": (EVERYONE, GET_ONLY, "feeds, data files, the map's GeoJSON, health"),
    "public page, signed-in form": (EVERYONE, SIGNED_IN, "draft comments: read by all"),
    "signed in": (SIGNED_IN, SIGNED_IN, "one's own account, inbox, applications"),
    "signed in, GET only": (SIGNED_IN, GET_ONLY, "one's own personal data download"),
    "signed-in button": (POST_ONLY, SIGNED_IN, "follow, reply, rate, delete one's account"),
    "anyone's button": (POST_ONLY, EVERYONE, "language switch, registering as a guest"),
    "staff": (only(*STAFF), only(*STAFF), "staff pages and forms"),
    "staff button": (POST_ONLY, only(*STAFF), "staff decisions and actions"),
    "staff page, coordinator's form": (only(*STAFF), only("coordinator"), "GNLC profile"),
    "coordinator": (only("coordinator"), only("coordinator"), "adopting, reports"),
    "coordinator's button": (POST_ONLY, only("coordinator"), "generating and publishing"),
    "staff only, hidden": (
        answers("missing", anonymous="missing", staff="allowed", coordinator="allowed"),
        answers("missing", anonymous="missing", staff="allowed", coordinator="allowed"),
        "a draft report's figures: 404 to whoever may not see it",
    ),
    "moderator": (only("moderator"), only("moderator"), "forum moderation"),
    "moderator and staff": (
        only("moderator", *STAFF),
        only("moderator", *STAFF),
        "the ratings queue",
    ),
    "moderator and staff button": (POST_ONLY, only("moderator", *STAFF), "moderating a rating"),
    "organisation admin": (only("org_admin"), only("org_admin"), "A's members, learning org."),
    "organisation admin's button": (POST_ONLY, only("org_admin"), "A's memberships"),
    "organisation admins": (
        only("org_admin", "other_admin"),
        only("org_admin", "other_admin"),
        "proposing an event for one's organisation",
    ),
    "organisation admin and staff": (
        only("org_admin", *STAFF),
        only("org_admin", *STAFF),
        "A's profile, its action's contacts, its event's attendees",
    ),
    "organisation admin and staff button": (
        POST_ONLY,
        only("org_admin", *STAFF),
        "withdrawing a credential A awarded",
    ),
    "action's people": (
        only("org_admin", "contact", *STAFF),
        only("org_admin", "contact", *STAFF),
        "editing the action, reporting its progress: A's admin, the contact person, staff",
    ),
    "library's people": (only(*LIBRARY), only(*LIBRARY), "A's indicator values, its reports"),
    "library's people button": (POST_ONLY, only(*LIBRARY), "submitting A's values"),
    "library's people and staff": (
        only(*LIBRARY, *STAFF),
        only(*LIBRARY, *STAFF),
        "A's opportunities, spaces, procedures and bookings",
    ),
    "organisation members": (
        only(*ORGANISATION_MEMBERS),
        only(*ORGANISATION_MEMBERS),
        "what any organisation's people do: exhibit, import values, share and book resources",
    ),
    "nobody here": (only(), only(), "another person's post: its author only"),
    "nobody here's button": (POST_ONLY, only(), "another person's post, rating, consultation"),
    "organiser's check-in": (
        only(*STAFF),
        answers("denied", staff="missing", coordinator="missing"),
        "an empty check-in names no registration",
    ),
    "recognition application": (
        answers(
            "missing", org_admin="allowed", moderator="allowed", **dict.fromkeys(STAFF, "allowed")
        ),
        answers(
            "missing", org_admin="allowed", moderator="denied", **dict.fromkeys(STAFF, "denied")
        ),
        "the learner (the demo's moderator), the provider's admin and staff read; the provider "
        "decides",
    ),
    "recognition application's withdrawal": (
        POST_ONLY,
        answers(
            "missing", org_admin="denied", moderator="allowed", **dict.fromkeys(STAFF, "denied")
        ),
        "the learner only",
    ),
    "not found": (NOT_FOUND, NOT_FOUND, "what the demo object lacks (a PDF, a closed period)"),
    "signed in, not found": (answers("missing"), answers("missing"), "no such evidence file"),
    "signed-in button, not found": (POST_ONLY, answers("missing"), "no such signature or place"),
    "invalid key": (EVERYONE, NOT_FOUND, "an e-mail confirmation with a wrong key"),
}

# Each route's rule (tests/routes.py gives its arguments).
EXPECTED = {
    "health": "public, GET only",
    "set_language": "anyone's button",
    "event_calendars:feed": "public",
    "event_calendars:event": "public",
    "provision_api:opportunities": "public, GET only",
    "provision_api:blank-tile": "public",
    "open_data_files:catalogue": "public, GET only",
    "open_data_files:download": "public, GET only",
    "home": "public",
    "activity": "staff",
    "activity_restore": "staff button",
    "missing_translations": "staff",
    "privacy": "public",
    "inbox": "signed in",
    "account_profile": "signed in",
    "account_personal_data": "signed in, GET only",
    "account_delete": "signed-in button",
    "account_notifications": "signed in",
    "notifications": "signed in",
    "notifications_unsubscribe": "public",
    "account_login": "public",
    "account_logout": "public",
    "account_inactive": "public, GET only",
    "account_signup": "public",
    "account_reauthenticate": "signed in",
    "account_request_reauthentication_code": "signed in",
    "account_confirm_reauthentication_code": "signed in",
    "account_email": "signed in",
    "account_email_verification_sent": "public, GET only",
    "account_change_password": "signed in",
    "account_set_password": "signed in",
    "account_reset_password": "public",
    "account_confirm_login_code": "signed in",
    "account_confirm_email": "invalid key",
    "account_reset_password_from_key_done": "public, GET only",
    "account_reset_password_from_key": "public",
    "account_reset_password_done": "public, GET only",
    "stakeholders:index": "public",
    "stakeholders:register": "signed in",
    "stakeholders:committee": "public",
    "stakeholders:partners": "public",
    "stakeholders:good-practices": "public",
    "stakeholders:ministry": "staff",
    "stakeholders:verification": "staff",
    "stakeholders:verification-decide": "staff button",
    "stakeholders:invitation": "signed in",
    "stakeholders:organisation": "public",
    "stakeholders:organisation-edit": "organisation admin and staff",
    "stakeholders:members": "organisation admin",
    "stakeholders:membership": "organisation admin's button",
    "forum:index": "public",
    "forum:topic-new": "signed in",
    "forum:about": "not found",
    "forum:search": "public",
    "forum:category": "public",
    "forum:category-follow": "signed-in button",
    "forum:topic-short": "public",
    "forum:reply": "signed-in button",
    "forum:topic-follow": "signed-in button",
    "forum:topic-moderate": "moderator",
    "forum:topic": "public",
    "forum:post": "public",
    "forum:post-edit": "nobody here",
    "forum:post-hide-own": "nobody here's button",
    "forum:post-flag": "signed in",
    "forum:post-history": "public",
    "forum:moderation-post": "moderator",
    "forum:moderation": "moderator",
    "forum:moderation-log": "moderator",
    "planning:index": "public",
    "planning:kflc": "public",
    "planning:changes": "public",
    "planning:changes-feed": "public",
    "planning:plan-csv": "public",
    "planning:plan-print": "public",
    "planning:versions": "staff",
    "planning:versions-compare": "public",
    "planning:plan-version": "public",
    "planning:version-create": "staff button",
    "planning:version-adopt": "coordinator",
    "planning:version-csv": "public",
    "planning:version-print": "public",
    "planning:plan-edit": "staff",
    "planning:reorder": "staff button",
    "planning:theme-new": "staff",
    "planning:theme-edit": "staff",
    "planning:objective-new": "staff",
    "planning:objective-edit": "staff",
    "planning:action-new": "staff",
    "planning:objective-actions": "public",
    "planning:action": "public",
    "planning:action-edit": "action's people",
    "planning:action-contacts": "organisation admin and staff",
    "planning:update-new": "action's people",
    "planning:update-edit": "staff",
    "planning:updates-review": "staff",
    "planning:update-review": "staff button",
    "planning:plan-settings": "staff",
    "planning:plan-comments": "public page, signed-in form",
    "planning:comment-period": "staff",
    "planning:heard": "public",
    "planning:comment-answer": "staff button",
    "planning:charter": "public",
    "planning:charter-comments": "public page, signed-in form",
    "planning:charter-comment-period": "staff",
    "planning:charter-heard": "public",
    "planning:charter-sign": "signed in, not found",
    "planning:charter-withdraw": "signed-in button, not found",
    "planning:stocktake": "public",
    "planning:stocktake-new": "signed in",
    "planning:stocktake-review": "staff",
    "planning:stocktake-decide": "staff button",
    "planning:consultations": "staff",
    "planning:consultation": "staff",
    "planning:consultation-act": "nobody here's button",
    "planning:consultation-invite": "staff button",
    "planning:consultation-theme": "staff button",
    "planning:consultation-join": "signed in",
    "planning:workshops": "public",
    "planning:workshop-place": "signed-in button, not found",
    "planning:workshop-attendance": "staff",
    "planning:workshop-evaluate": "library's people",
    "events:index": "public",
    "events:archive": "public",
    "events:propose": "organisation admins",
    "events:revise": "organisation admin",
    "events:proposals": "staff",
    "events:review": "staff button",
    "events:registration": "public",
    "events:detail": "public",
    "events:exhibit": "organisation members",
    "events:exhibitor-call": "staff",
    "events:register": "anyone's button",
    "events:check-in": "organiser's check-in",
    "events:attendees": "organisation admin and staff",
    "provision:index": "public",
    "provision:detail": "public",
    "provision:rate": "signed-in button",
    "provision:opportunity-edit": "library's people and staff",
    "provision:space-edit": "library's people and staff",
    "provision:manage": "signed in",
    "provision:import": "staff",
    "provision:opportunity-new": "library's people and staff",
    "provision:space-new": "library's people and staff",
    "provision:ratings": "moderator and staff",
    "provision:rating-moderate": "moderator and staff button",
    "provision:rating-respond": "nobody here's button",
    "provision:map": "public",
    "provision:guidance": "public",
    "provision:spaces": "public",
    "provision:space": "public",
    "provision:needs": "staff",
    "provision:need-new": "public",
    "provision:need": "staff",
    "provision:for-groups": "public",
    "provision:for-group": "public",
    "provision:recognition": "public",
    "provision:recognition-assess": "signed in",
    "provision:recognition-procedure-new": "library's people and staff",
    "provision:recognition-application": "recognition application",
    "provision:recognition-application-withdraw": "recognition application's withdrawal",
    "provision:recognition-evidence": "signed in, not found",
    "provision:recognition-procedure": "public",
    "provision:recognition-procedure-edit": "library's people and staff",
    "provision:recognition-apply": "signed in",
    "provision:credential": "public",
    "provision:credential-pdf": "public",
    "provision:credential-withdraw": "organisation admin and staff button",
    "provision:learning-organisations": "public",
    "provision:learning-organisation": "public",
    "provision:learning-organisation-manage": "organisation admin",
    "provision:learning-organisation-pledge": "organisation admin",
    "provision:learning-organisation-assessment": "organisation admin",
    "provision:learning-organisation-support": "organisation admin",
    "provision:learning-organisation-report": "organisation admin",
    "provision:support-requests": "staff",
    "provision:support-request": "staff",
    "provision:space-checklist": "organisation admin",
    "provision:barrier-new": "public",
    "provision:barriers": "staff",
    "provision:barrier": "staff",
    "monitoring:index": "public",
    "monitoring:indicator": "public",
    "monitoring:follow": "signed-in button",
    "monitoring:values-csv": "public",
    "monitoring:values-json": "public",
    "monitoring:values": "library's people",
    "monitoring:my-indicators": "signed in",
    "monitoring:review": "staff",
    "monitoring:completeness": "staff",
    "monitoring:import": "organisation members",
    "monitoring:period-submit": "library's people button",
    "monitoring:period-review": "staff button",
    "monitoring:period-lock": "staff button",
    "monitoring:kflc": "public",
    "monitoring:kflc-start": "staff button",
    "monitoring:kflc-year": "public",
    "monitoring:kflc-edit": "staff",
    "monitoring:kflc-reopen": "staff button",
    "monitoring:feedback": "public",
    "monitoring:feedback-review": "staff",
    "monitoring:feedback-moderate": "staff",
    "monitoring:feedback-publish": "staff button",
    "monitoring:bulletins": "public",
    "monitoring:bulletin-new": "staff button",
    "monitoring:bulletin": "public",
    "monitoring:bulletin-edit": "staff",
    "monitoring:bulletin-send": "staff button",
    "monitoring:surveys": "public",
    "monitoring:survey": "public",
    "monitoring:survey-results": "public",
    "monitoring:survey-csv": "staff",
    "monitoring:report-requests": "staff",
    "monitoring:report-request-new": "staff",
    "monitoring:my-reports": "signed in",
    "monitoring:report-request": "staff",
    "monitoring:report-tags": "staff button",
    "monitoring:report-answer": "library's people",
    "funding:index": "public",
    "funding:analysis": "public",
    "funding:needs": "staff",
    "funding:contributions": "staff",
    "funding:contributions_csv": "staff",
    "funding:allocations": "staff",
    "funding:allocations_csv": "staff",
    "funding:allocation_new": "staff",
    "funding:allocation_take_back": "staff",
    "funding:budget_line_new": "staff",
    "funding:budget_line_edit": "staff",
    "funding:budget_line_delete": "staff",
    "funding:contribution_new": "staff",
    "funding:contribution_edit": "staff",
    "funding:contribution_received": "staff",
    "funding:agreements": "staff",
    "funding:agreement_new": "staff",
    "funding:agreement_edit": "staff",
    "funding:analyses": "staff",
    "funding:analysis_new": "staff",
    "funding:analysis_edit": "staff",
    "funding:resources": "public",
    "funding:resource_new": "organisation members",
    "funding:booking_new": "organisation members",
    "funding:booking_answer": "library's people and staff",
    "dashboard:index": "public",
    "reports:list": "public",
    "reports:new": "coordinator",
    "reports:gnlc-profile": "staff page, coordinator's form",
    "reports:gnlc-profile-pdf": "staff",
    "reports:detail": "public",
    "reports:edit": "coordinator",
    "reports:status": "staff only, hidden",
    "reports:generate": "coordinator's button",
    "reports:publish": "coordinator's button",
    "reports:pdf": "not found",
    "reports:figures-json": "staff only, hidden",
    "reports:figures-csv": "staff only, hidden",
    "open_data:index": "public, GET only",
}


def demo_people(city):
    """The user of each role (None for the visitor); the demo lacks a plain member of the
    library, its action's own contact person and an admin of another organisation."""
    library = city.organisation
    member = UserFactory(email="miembro@example.org", full_name="Mila Miembro")
    Membership.objects.create(user=member, organisation=library, role="member")
    contact = UserFactory(email="enlace@example.org", full_name="Elena Enlace")
    Membership.objects.create(user=contact, organisation=library, role="member")
    ActionContact.objects.create(
        action=city.action, person=contact, organisation=library, chosen_by=None
    )
    # The demo's citizen is a member of the Red de Madres Lectoras: here a plain citizen, and
    # that organisation (B) gets an admin who tries the library's objects.
    citizen = Membership.objects.get(user__email=DEMO_ACCOUNTS["citizen"])
    other = citizen.organisation
    citizen.delete()
    other_admin = UserFactory(email="otra@example.org", full_name="Olga Otra")
    Membership.objects.create(user=other_admin, organisation=other, role="admin")
    # The demo's citizen reads English, and would be sent from each Spanish page to /en/.
    type(member).objects.filter(email=DEMO_ACCOUNTS["citizen"]).update(preferred_language="es")
    by_email = {email: type(member).objects.get(email=email) for email in DEMO_ACCOUNTS.values()}
    return {
        "anonymous": None,
        "citizen": by_email[DEMO_ACCOUNTS["citizen"]],
        "member": member,
        "org_admin": by_email[DEMO_ACCOUNTS["stakeholder"]],
        "other_admin": other_admin,
        "contact": contact,
        "moderator": by_email[DEMO_ACCOUNTS["moderator"]],
        "staff": by_email[DEMO_ACCOUNTS["staff"]],
        "coordinator": by_email[DEMO_ACCOUNTS["coordinator"]],
    }


def answer_class(response):
    """What the role gets, in a word. "allowed": the page, a download, the form's errors (400 for
    an empty post) or the redirect after it; "login": sent to log in; "denied": 403; "missing":
    404 (what the role may not know exists, or what the demo object does not have); "method":
    405. A server error is "error 5xx", in no rule."""
    status = response.status_code
    if status >= 500:
        return f"error {status}"
    if status in (301, 302, 303, 307, 308):
        login = reverse(settings.LOGIN_URL)
        return "login" if urlsplit(response["Location"]).path.endswith(login) else "allowed"
    if 200 <= status < 300 or status == 400:
        return "allowed"
    return {403: "denied", 404: "missing", 405: "method"}.get(status, str(status))


def observe(city, people):
    """{(route, role, method): answer class} for every route, role and method."""
    client = Client(raise_request_exception=False)
    cookies = {}
    for role, user in people.items():
        client.cookies = SimpleCookie()
        if user is not None:
            client.force_login(user)
        cookies[role] = client.cookies
    observed = {}
    for route in routes():
        path = city.path(route.name)
        for role in ROLES:
            for method in ("GET", "POST"):
                # Each request starts from the same world: what a POST changed is rolled back,
                # the cookies a logout or the language switch set are forgotten, and no rate
                # limit counts the earlier requests.
                client.cookies = deepcopy(cookies[role])
                cache.clear()
                with transaction.atomic():
                    response = client.generic(method, path)
                    transaction.set_rollback(True)
                observed[route.name, role, method] = answer_class(response)
    return observed


@pytest.fixture
def demo_world(settings, db):
    settings.DEBUG = True  # seed_demo refuses to run in production
    call_command("seed_demo", stdout=None)
    city = demo_city_objects()
    return city, demo_people(city)


def test_every_route_has_its_row_in_the_matrix():
    names = [route.name for route in routes()]
    missing = [name for name in names if name not in EXPECTED]
    assert not missing, (
        f"Routes without a row in EXPECTED: {missing}. Give each the rule of RULES its roles "
        "follow (and its arguments in tests/routes.py)."
    )
    gone = [name for name in EXPECTED if name not in names]
    assert not gone, f"Rows of EXPECTED for routes that no longer exist: {gone}"
    unknown = sorted({rule for rule in EXPECTED.values() if rule not in RULES})
    assert not unknown, f"Rules named in EXPECTED but not defined in RULES: {unknown}"


@pytest.mark.slow
def test_every_route_answers_every_role_as_its_rule_says(demo_world):
    started = time.monotonic()
    observed = observe(*demo_world)
    wrong = []
    for (name, role, method), answer in observed.items():
        get, post, _ = RULES[EXPECTED[name]]
        expected = (get if method == "GET" else post)[role]
        if answer != expected:
            wrong.append(f"{method} {name} as {role}: {answer}, not {expected}")
    assert not wrong, f"{len(wrong)} answer(s) off the matrix:\n" + "\n".join(wrong)
    print(
        f"\n{len(EXPECTED)} routes × {len(ROLES)} roles × GET and POST: {len(observed)} "
        f"requests in {time.monotonic() - started:.0f} s"
    )
