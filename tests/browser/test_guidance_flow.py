"""On a phone, someone who does not know where to start walks the "I want to learn" path: four
questions, with the keyboard and by tapping the map, and gets courses nearest first and the
nearest guidance point, in plain words; the page passes axe and fits the screen."""

from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.browser.helpers import assert_accessible


def test_on_a_phone_a_visitor_walks_the_guidance_path(live_server, phone_page, demo_city):
    page = phone_page
    page.goto(f"{live_server.url}/en/provision/guidance/")
    expect(page.get_by_role("heading", level=1, name="I want to learn")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Music").check()
    page.get_by_label("Which part of the city suits you?").select_option("centro")
    page.get_by_label("Evenings").check()
    page.get_by_label("The cost").check()
    page.get_by_role("button", name="Show me what I could learn").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**district=centro**")

    expect(page.get_by_role("heading", name="What we found for you")).to_be_visible()
    expect(page.get_by_text("Only free courses, since the cost might stop you.")).to_be_visible()
    expect(page.get_by_role("heading", name="City Centre Guidance Point")).to_be_visible()
    answers = page.locator(".guidance-answer ol > li")
    expect(answers.first).to_contain_text("km away")
    expect(page.get_by_label("Evenings")).to_be_checked()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]

    # A tap on the map chooses the point distances are measured from, said in words too.
    area = page.locator("[data-guidance-map]")
    expect(area).to_be_visible()
    area.click(position={"x": 60, "y": 40})
    expect(page.locator("#guidance-point-status")).to_contain_text("You chose a point")
    page.get_by_role("button", name="Show me what I could learn").click()
    page.wait_for_url("**lat=**")
    expect(page.get_by_text("the nearest to the point you chose come first")).to_be_visible()
    expect(page.get_by_role("button", name="Forget the point on the map")).to_be_visible()
    assert page.csp_violations == []
