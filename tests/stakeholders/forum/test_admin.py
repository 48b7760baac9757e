"""Staff manage the forum's categories in the administration; topics and posts are read there."""

import pytest

from learningcity.models import AuditEntry
from stakeholders.forum.models import Category
from tests.stakeholders.forum.factories import start_topic

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data")]


def test_staff_open_a_category_in_both_languages(client_for, sam):
    response = client_for(sam).post(
        "/admin/stakeholders/category/add/",
        {
            "name_es": "Financiamiento",
            "name_en": "Funding",
            "slug": "financiamiento",
            "description_es": "Cómo se financian las actividades.",
            "description_en": "How activities are funded.",
            "order": 3,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    category = Category.objects.get(slug="financiamiento")
    assert (category.name_es, category.name_en) == ("Financiamiento", "Funding")
    assert AuditEntry.objects.get(action="forum.category_add").actor == sam


def test_a_category_without_its_spanish_name_is_refused(client_for, sam):
    response = client_for(sam).post(
        "/admin/stakeholders/category/add/", {"name_en": "Funding", "slug": "funding", "order": 1}
    )
    assert response.status_code == 200
    assert not Category.objects.exists()


def test_staff_read_posts_in_the_administration_but_change_nothing(client_for, sam, dora, category):
    post = start_topic(dora, category).posts.get()
    client = client_for(sam)
    assert client.get("/admin/stakeholders/post/").status_code == 200
    page = client.get(f"/admin/stakeholders/post/{post.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.post(f"/admin/stakeholders/post/{post.pk}/change/", {}).status_code == 403


def test_citizens_have_no_forum_administration(client_for, alice):
    assert client_for(alice).get("/admin/stakeholders/post/").status_code in {302, 403}
