"""The English plan of the demo city, with a text not yet translated: it reads in Spanish,
marked as Spanish for screen readers, and the page passes axe."""

import pytest

from planning.models import ActionPlan, Objective
from tests.browser.helpers import assert_accessible

pytestmark = pytest.mark.browser


def test_the_english_plan_with_an_untranslated_objective_is_accessible(
    live_server, page, demo_city
):
    objective = Objective.objects.filter(plan=ActionPlan.objects.adopted().get()).first()
    objective.title_en = None
    objective.save(update_fields=["title_en"])
    page.goto(f"{live_server.url}/en/plan/")
    assert page.locator("h1").inner_text() == "A city that learns"
    heading = page.locator(f"#objective-{objective.pk} h3")
    assert heading.get_attribute("lang") == "es"
    assert heading.inner_text() == objective.title_es
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page)
