"""On a phone, the library's admin adds a learning opportunity from the portal: the form passes
axe with its errors shown, and once saved the opportunity has its page; a learner rates an
opportunity they took part in and a moderator publishes it."""

from playwright.sync_api import expect

from learningcity.models import User
from provision.models import Opportunity, Rating
from stakeholders.demo import DEMO_PASSWORD
from tests.browser.conftest import PHONE
from tests.browser.helpers import assert_accessible, log_in


def test_on_a_phone_the_library_adds_an_opportunity(live_server, phone_page, demo_city):
    page = phone_page
    User.objects.filter(email="stakeholder@example.org").update(preferred_language="en")
    log_in(page, live_server.url, "stakeholder@example.org", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/en/provision/manage/")
    assert_accessible(page)
    page.get_by_role("button", name="Add a learning opportunity").first.click()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]

    page.locator("input[name=name_es]").fill("Club de ajedrez")
    page.locator("input[name=address]").fill("Calle Hidalgo 10")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Club de ajedrez")
    assert Opportunity.objects.filter(name_es="Club de ajedrez").exists()


def test_a_learner_rates_and_a_moderator_publishes(live_server, page, demo_city):
    User.objects.filter(email__in=["citizen@example.org", "moderator@example.org"]).update(
        preferred_language="en"
    )
    rated = Rating.objects.filter(author__email="citizen@example.org").values("opportunity")
    started = Opportunity.objects.public().filter(starts_on__lte="2100-01-01").exclude(pk__in=rated)
    opportunity = started.filter(starts_on__isnull=False).order_by("starts_on").first()
    log_in(page, live_server.url, "citizen@example.org", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/en{opportunity.get_absolute_url()}")
    page.get_by_label("4", exact=True).check()
    page.get_by_label("A few words for other learners").fill("Clara y útil")
    page.get_by_label("I took part in this learning opportunity").check()
    page.get_by_role("button", name="Send my rating").click()
    expect(page.get_by_text("it will show once a moderator has read it").first).to_be_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    log_in(page, live_server.url, "moderator@example.org", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/en/provision/ratings/")
    assert_accessible(page)
    page.locator(f"#rating-{Rating.objects.get(comment='Clara y útil').pk}").get_by_role(
        "button", name="Publish", exact=True
    ).click()
    expect(page.get_by_text("The rating is published.")).to_be_visible()
    page.goto(f"{live_server.url}/en{opportunity.get_absolute_url()}")
    expect(page.get_by_text("Clara y útil")).to_be_visible()
    assert_accessible(page)
