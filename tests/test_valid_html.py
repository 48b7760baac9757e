"""Every public page of the demo city is valid HTML for the Nu HTML checker, in both languages.

The pages are rendered with the test client and checked together by one run of vnu.jar (from the
npm package `vnu-jar`, installed by `make test` with `npm ci`) on the system's Java. Without Java or
vnu.jar the test is skipped with the reason, except in CI, where it fails.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils.translation import override

from planning.models import Action, ActionPlan
from provision.models import LearningOrganisationPledge, Opportunity
from stakeholders.forum.models import Topic
from stakeholders.models import Organisation
from tests.conftest import IN_CI

pytestmark = pytest.mark.slow

# The demo's festival: its venue on a map, its organisers and its programme.
EVENT = "festival-del-aprendizaje"
# The demo's conference: its sessions day by day, with speakers from partner cities.
CONFERENCE = "conferencia-ciudades-que-aprenden"
VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# (name, URL name or path, status); each is checked in Spanish and in English.
PUBLIC_PAGES = [
    ("home", "home", 200),
    ("plan", "planning:index", 200),
    ("kflc", "planning:kflc", 200),
    ("charter", "planning:charter", 200),
    ("stocktake", "planning:stocktake", 200),
    ("workshops", "planning:workshops", 200),
    ("plan-print", "planning:plan-print", 200),
    ("directory", "stakeholders:index", 200),
    ("committee", "stakeholders:committee", 200),
    ("partners", "stakeholders:partners", 200),
    ("good-practices", "stakeholders:good-practices", 200),
    ("forum", "forum:index", 200),
    ("events", "events:index", 200),
    ("events-past", "events:archive", 200),
    ("provision", "provision:index", 200),
    ("provision-spaces", "provision:spaces", 200),
    ("provision-map", "provision:map", 200),
    ("provision-need", "provision:need-new", 200),
    ("provision-groups", "provision:for-groups", 200),
    ("provision-learning-orgs", "provision:learning-organisations", 200),
    ("monitoring", "monitoring:index", 200),
    ("monitoring-surveys", "monitoring:surveys", 200),
    ("funding", "funding:index", 200),
    ("dashboard", "dashboard:index", 200),
    ("login", "account_login", 200),
    ("signup", "account_signup", 200),
    ("password-reset", "account_reset_password", 200),
]


def vnu_command():
    java = shutil.which("java")
    missing = []
    if java is None:
        missing.append("java (Debian: default-jre-headless)")
    if not VNU_JAR.exists():
        missing.append(f"{VNU_JAR.relative_to(settings.BASE_DIR)} (`make install-dev` runs npm ci)")
    if missing:
        message = "The Nu HTML checker needs " + " and ".join(missing)
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]


def public_paths():
    """(name, path, expected status) of every public page, an object of each kind included."""
    plan = ActionPlan.objects.adopted().first()
    action = Action.objects.filter(objective__plan=plan).order_by("pk").first()
    organisation = Organisation.objects.filter(verified=True).order_by("pk").first()
    # An opportunity held in a space, with its map, its JSON-LD and the space's page.
    opportunity = Opportunity.objects.public().filter(location__isnull=False).order_by("pk")[0]
    # A topic with replies, some in English, and one hidden by a moderator (the demo has them).
    topic = Topic.objects.filter(status="visible", reply_count__gt=2).order_by("pk").first()
    pledge = LearningOrganisationPledge.objects.public().order_by("pk").first()
    pages = []
    for language in ["es", "en"]:
        with override(language):
            for name, url_name, status in PUBLIC_PAGES:
                pages.append((f"{language}-{name}", reverse(url_name), status))
            pages.append((f"{language}-action", action.get_absolute_url(), 200))
            pages.append((f"{language}-organisation", organisation.get_absolute_url(), 200))
            pages.append((f"{language}-event", reverse("events:detail", args=[EVENT]), 200))
            pages.append(
                (f"{language}-conference", reverse("events:detail", args=[CONFERENCE]), 200)
            )
            pages.append((f"{language}-opportunity", opportunity.get_absolute_url(), 200))
            pages.append((f"{language}-space", opportunity.location.get_absolute_url(), 200))
            group = reverse("provision:for-group", args=["migrant-families"])
            pages.append((f"{language}-group", group, 200))
            pages.append((f"{language}-learning-org", pledge.get_absolute_url(), 200))
            pages.append((f"{language}-forum-category", topic.category.get_absolute_url(), 200))
            pages.append((f"{language}-forum-topic", topic.get_absolute_url(), 200))
            pages.append(
                (f"{language}-forum-search", reverse("forum:search") + "?q=biblioteca", 200)
            )
            pages.append((f"{language}-not-found", reverse("home") + "no-such-page/", 404))
    return pages


@pytest.fixture
def demo_pages(db, settings, client, tmp_path):
    """The public pages of the demo city as files, rendered as in production (DEBUG off: the
    portal's own error pages, not Django's debug pages)."""
    settings.DEBUG = True  # seed_demo refuses to run in production
    call_command("seed_demo", stdout=None)
    settings.DEBUG = False
    files = {}
    for name, path, status in public_paths():
        response = client.get(path)
        assert response.status_code == status, f"{path} answered {response.status_code}"
        file = tmp_path / f"{name}.html"
        file.write_bytes(response.content)
        files[file.name] = path
    return files


def nu_errors(command, folder, files):
    result = subprocess.run(
        [*command, *(str(folder / name) for name in files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    try:
        messages = json.loads(result.stderr)["messages"]
    except (ValueError, KeyError):
        raise AssertionError(f"vnu.jar said: {result.stdout}{result.stderr}") from None
    errors = []
    for message in messages:
        name = re.sub(r"^.*/", "", message.get("url", ""))
        where = f"{name} ({files.get(name, '?')}) line {message.get('lastLine', '?')}"
        extract = " ".join(message.get("extract", "").split())
        errors.append(f"{where}: {message['message']}  ⟨{extract}⟩")
    return errors


def test_every_public_page_is_valid_html(demo_pages, tmp_path):
    command = vnu_command()
    errors = nu_errors(command, tmp_path, demo_pages)
    assert not errors, f"{len(errors)} Nu HTML checker error(s):\n" + "\n".join(errors)


def test_the_checker_finds_an_error_when_there_is_one(tmp_path):
    command = vnu_command()
    (tmp_path / "broken.html").write_text(
        '<!DOCTYPE html><html lang="es"><head><title>x</title></head>'
        "<body><p><span><ul><li>no</li></ul></span></p></body></html>"
    )
    errors = nu_errors(command, tmp_path, {"broken.html": "/broken/"})
    assert any("broken.html (/broken/) line 1" in error for error in errors), errors
