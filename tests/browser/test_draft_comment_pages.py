"""The pages of comments on a draft pass axe: the demo's open draft of the plan and of the
charter, read by anyone and by a signed-in citizen with the comment form, and "what we heard"
once their period has closed."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from planning.models import CommentPeriod
from stakeholders.demo import DEMO_PASSWORD
from tests.browser.helpers import assert_accessible, log_in


def test_the_comment_pages_pass_axe(live_server, page, demo_city):
    period = CommentPeriod.objects.select_related("plan").get(plan__isnull=False)
    draft = period.plan
    comments = f"{live_server.url}/en/plan/versions/{draft.pk}/comments/"
    page.goto(comments)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
    log_in(page, live_server.url, "citizen@example.org", DEMO_PASSWORD)
    page.goto(comments)
    expect(page.locator("form textarea").first).to_be_visible()
    assert_accessible(page)
    yesterday = timezone.localdate() - timedelta(days=1)
    CommentPeriod.objects.filter(pk=period.pk).update(
        opens_on=yesterday - timedelta(days=30), closes_on=yesterday
    )
    for path in [f"/plan/versions/{draft.pk}/heard/", f"/en/plan/versions/{draft.pk}/heard/"]:
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)


def test_a_citizen_reads_the_draft_charter_and_comments_on_it(live_server, page, demo_city):
    period = CommentPeriod.objects.get(charter__isnull=False)
    charter = f"{live_server.url}/en/plan/charter/"
    page.goto(charter)
    page.get_by_role(
        "link", name=f"Read it and comment on version {period.charter.version}"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Comments on the draft charter")
    expect(page.get_by_text("Bring learning to every neighbourhood")).to_be_visible()
    assert_accessible(page)
    log_in(page, live_server.url, "citizen@example.org", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/en/plan/charter/versions/{period.charter_id}/comments/")
    page.get_by_label("Your comment").fill("Que la carta hable también de las bibliotecas.")
    page.get_by_role("button", name="Publish the comment").click()
    expect(page.get_by_text("Que la carta hable también de las bibliotecas.")).to_be_visible()
    assert_accessible(page)
    yesterday = timezone.localdate() - timedelta(days=1)
    CommentPeriod.objects.filter(pk=period.pk).update(
        opens_on=yesterday - timedelta(days=30), closes_on=yesterday
    )
    page.goto(f"{live_server.url}/en/plan/charter/versions/{period.charter_id}/heard/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("What we heard")
    assert_accessible(page)
