"""Hostile input to every form and every list filter of the demo city: never a 5xx, never a
stored script on the public pages.

The forms are found by walking the URL conf (tests/routes.py) and reading each page as the first
role that gets a form there, so a new form is fuzzed as soon as its page exists. Files are left
out: uploads are checked by content and size in learningcity/uploads.py and its tests.
"""

from copy import deepcopy
from dataclasses import dataclass, field
from functools import cached_property
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.routes import demo_city_objects, routes
from tests.test_permission_matrix import demo_people

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

SCRIPT = "<script>alert(1)</script>"
HOSTILE = [
    "٣",  # an Arabic-Indic three: a digit to Python, not to the database
    "1\x00",
    str(2**63),
    str(-(2**63) - 1),
    str(10**30),
    "x" * 1_000_000,
    "\u202etxt.exe",
    "e" + "\u0301\u0302\u0303" * 100,
    SCRIPT,
    "99999-01-01",
    "-1",
    "",
]
FAST_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"
# Random values for the hypothesis tests: text of any script, numbers of any size, dates.
VALUES = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=300),
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.dates().map(str),
    st.from_regex(r"\d{1,6}-\d{1,2}-\d{1,2}", fullmatch=True),
)
FORM_EXAMPLES = 300
FILTER_EXAMPLES = 300
# Forms whose success leaves the fuzzing client without its account or its session.
NOT_FUZZED = {"account_delete", "account_logout", "set_language"}
# Who looks for forms on a page, in this order: the first who gets one fills it.
FORM_ROLES = ["coordinator", "org_admin", "contact", "moderator", "citizen", "anonymous"]


@dataclass
class Form:
    method: str
    action: str
    fields: dict = field(default_factory=dict)  # name → the value the page gives it


class FormParser(HTMLParser):
    """The page's forms and their fields, each with the value a person would send unchanged."""

    def __init__(self, path):
        super().__init__()
        self.path = path
        self.forms = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            action = urljoin(self.path, attrs.get("action") or self.path)
            self._form = Form((attrs.get("method") or "get").lower(), action)
            self.forms.append(self._form)
            return
        name = attrs.get("name")
        if self._form is None or not name or name == "csrfmiddlewaretoken":
            return
        fields = self._form.fields
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind == "file" or (kind in ("checkbox", "radio") and "checked" not in attrs):
                fields.setdefault(name, "")
                return
            if kind not in ("submit", "button", "image", "reset") or "value" in attrs:
                fields[name] = attrs.get("value") or ("on" if kind == "checkbox" else "")
        elif tag == "select":
            self._select = name
            fields.setdefault(name, "")
        elif tag == "option" and self._select:
            if "selected" in attrs or not fields[self._select]:
                fields[self._select] = attrs.get("value", "")
        elif tag == "textarea":
            self._textarea = name
            fields[name] = ""
        elif tag == "button" and "value" in attrs:
            fields.setdefault(name, attrs["value"])

    def handle_data(self, data):
        if self._textarea:
            self._form.fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def forms_on(response, path):
    if "html" not in response.get("Content-Type", ""):
        return []
    parser = FormParser(path)
    parser.feed(response.content.decode())
    return parser.forms


class World:
    """The demo city seen by each role; each request starts from the role's own cookies."""

    def __init__(self):
        self.city = demo_city_objects()
        self.client = Client(raise_request_exception=False)
        self.cookies = {}
        for role, user in demo_people(self.city).items():
            self.client.cookies = SimpleCookie()
            if user is not None:
                self.client.force_login(user)
            self.cookies[role] = self.client.cookies
        self.requests = 0

    def request(self, role, method, path, data=None, keep=True):
        """The answer; what a POST changed is kept when `keep`, else rolled back."""
        self.client.cookies = deepcopy(self.cookies[role])
        cache.clear()  # no rate limit counts the sweep's earlier requests
        self.requests += 1
        if method == "get":
            return self.client.get(path, data)
        if keep:
            return self.client.post(path, data)
        with transaction.atomic():
            response = self.client.post(path, data)
            transaction.set_rollback(True)
        return response

    def pages(self):
        """(route name, path) of every route with a page, the unnamed media route left out."""
        return [(route.name, self.city.path(route.name)) for route in routes() if route.name]

    @cached_property
    def forms(self):
        """{method: [(role, form)]}: every form of the pages, each once (by action and fields),
        with the first role of FORM_ROLES that gets it."""
        found = {"get": {}, "post": {}}
        for name, path in self.pages():
            if name in NOT_FUZZED:
                continue
            for role in FORM_ROLES:
                response = self.request(role, "get", path)
                page_forms = [
                    form
                    for form in forms_on(response, path)
                    if form.method in found and form.fields and _fuzzed(form.action)
                ]
                for form in page_forms:
                    key = (form.action, tuple(sorted(form.fields)))
                    found[form.method].setdefault(key, (role, form))
                if page_forms:
                    break
        return {method: list(forms.values()) for method, forms in found.items()}

    def public_pages(self):
        """The HTML a visitor reads, every page answering 200."""
        for _, path in self.pages():
            response = self.request("anonymous", "get", path)
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                yield path, response.content.decode()


def _fuzzed(action):
    path = urlsplit(action).path
    return not any(path.endswith(part) for part in ("/logout/", "/setlang/", "/delete/"))


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The demo city, seeded once for the module and rolled back after it; each test's own
    changes are rolled back after the test (pytest-django's savepoint)."""
    with (
        django_db_blocker.unblock(),
        override_settings(DEBUG=True, PASSWORD_HASHERS=[FAST_HASHER]),
        transaction.atomic(),
    ):
        call_command("seed_demo", stdout=None)
        yield World()
        transaction.set_rollback(True)


def server_errors(answers):
    return [f"{status} {what}" for status, what in answers if status >= 500]


def test_hostile_values_in_every_field_of_every_form(world):
    forms = world.forms["post"]
    answers = []
    for role, form in forms:
        # Every field hostile at once, then each field alone among the page's own values (so
        # the rest of the form is valid and the value reaches the model and the database).
        for value in HOSTILE:
            data = dict.fromkeys(form.fields, value)
            response = world.request(role, "post", form.action, data)
            answers.append((response.status_code, f"{form.action} as {role}: all = {value[:20]!r}"))
        for number, name in enumerate(form.fields):
            value = HOSTILE[number % len(HOSTILE)]
            data = {**form.fields, name: value}
            response = world.request(role, "post", form.action, data)
            answers.append(
                (response.status_code, f"{form.action} as {role}: {name}={value[:20]!r}")
            )
    assert len(forms) > 50, "the walk finds the portal's forms"
    assert not server_errors(answers), "\n".join(server_errors(answers))
    stored = [path for path, html in world.public_pages() if SCRIPT in html]
    assert not stored, f"a posted script is on the public pages: {stored}"
    print(f"\nsweep: {len(forms)} forms, {len(answers)} hostile posts")


def test_random_posts_to_every_form_never_give_a_server_error(world):
    forms = world.forms["post"]
    tried = []

    @settings(max_examples=FORM_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.data())
    def post(data):
        role, form = data.draw(st.sampled_from(forms), label="form")
        values = {
            name: data.draw(st.one_of(st.just(value), VALUES), label=name)
            for name, value in form.fields.items()
        }
        response = world.request(role, "post", form.action, values, keep=False)
        tried.append(form.action)
        assert response.status_code < 500, f"{form.action} as {role}"

    post()
    assert tried
    print(f"\nrandom posts: {len(tried)} to {len(set(tried))} of {len(forms)} forms")


def test_random_filters_on_every_list_page_never_give_a_server_error(world):
    filters = world.forms["get"]
    tried = []

    @settings(max_examples=FILTER_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.data())
    def search(data):
        role, form = data.draw(st.sampled_from(filters), label="filter form")
        values = {name: data.draw(VALUES, label=name) for name in form.fields}
        response = world.request(role, "get", form.action, values)
        tried.append(form.action)
        assert response.status_code < 500, f"{form.action} as {role}"

    search()
    assert tried
    print(f"\nrandom filters: {len(tried)} on {len(set(tried))} of {len(filters)} filter forms")
