"""Quality of provision (KFLC 2.5): learners who took part rate an opportunity once it has
started, once each; moderators publish ratings; the provider answers; the opportunity and its
organisation's page show the average and the number of published ratings."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from learningcity.models import Notification
from provision import services
from provision.models import Rating
from tests.conftest import TODAY
from tests.provision.factories import OpportunityFactory
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today", "reference_data")]


@pytest.fixture
def course(organisation):
    """A choir of the Biblioteca Central (Bob's organisation) that started a week ago."""
    return OpportunityFactory(
        name_es="Coro", name_en="Choir", organization=organisation,
        starts_on=TODAY.date() - timedelta(days=7),
    )  # fmt: skip


@pytest.fixture
def client_for(client_for):
    """Signed in, reading the English pages: people choose English first."""

    def make(person):
        person.preferred_language = "en"
        person.save(update_fields=["preferred_language"])
        return client_for(person)

    return make


@pytest.fixture
def mo(db):
    """Mo, a forum moderator."""
    return UserFactory(email="mo@example.org", roles=["moderator"])


def rate(person, course, stars=4, comment="Muy bien", attended=True):
    return services.rating_submit(
        opportunity=course, author=person, stars=stars, comment=comment, attended=attended
    )


def test_a_learner_rates_a_started_opportunity_and_it_waits_for_a_moderator(client_for, alice,
                                                                            course):  # fmt: skip
    client = client_for(alice)

    response = client.post(
        f"/en/provision/opportunities/{course.slug}/rate/",
        {"stars": "4", "comment": "Aprendí mucho", "attended": "on"},
    )

    assert response.status_code == 302
    rating = Rating.objects.get()
    assert (rating.author, rating.stars, rating.status) == (alice, 4, "pending")
    page = client.get(f"/en/provision/opportunities/{course.slug}/").content.decode()
    assert "Aprendí mucho" not in page
    assert "it will show once a moderator has read it" in page


def test_only_people_who_say_they_took_part_may_rate(client_for, alice, course):
    response = client_for(alice).post(
        f"/en/provision/opportunities/{course.slug}/rate/", {"stars": "4", "comment": "Bien"}
    )

    assert response.status_code == 200
    assert not Rating.objects.exists()
    with translation.override("en"), pytest.raises(ValidationError, match="took part"):
        rate(alice, course, attended=False)


def test_an_opportunity_cannot_be_rated_before_it_starts(client_for, alice, organisation):
    later = OpportunityFactory(organization=organisation, starts_on=TODAY.date() + timedelta(1))

    with translation.override("en"), pytest.raises(ValidationError, match="once it has started"):
        rate(alice, later)
    response = client_for(alice).post(
        f"/en/provision/opportunities/{later.slug}/rate/", {"stars": "5", "attended": "on"}
    )
    assert response.status_code == 200
    assert "once it has started" in response.content.decode()
    assert not Rating.objects.exists()


def test_one_rating_per_person_and_opportunity_with_a_clear_message(client_for, alice, course):
    rate(alice, course)

    response = client_for(alice).post(
        f"/en/provision/opportunities/{course.slug}/rate/", {"stars": "1", "attended": "on"}
    )

    assert response.status_code == 200
    assert "You have already rated this learning opportunity." in response.content.decode()
    assert Rating.objects.get().stars == 4
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(opportunity=course, author=alice, stars=2, attended=True)


@pytest.mark.parametrize("stars", ["0", "6", "x", ""])
def test_stars_outside_one_to_five_are_refused(client_for, alice, course, stars):
    response = client_for(alice).post(
        f"/en/provision/opportunities/{course.slug}/rate/", {"stars": stars, "attended": "on"}
    )

    assert response.status_code == 200
    assert not Rating.objects.exists()


def test_anonymous_people_are_sent_to_log_in_to_rate(client, course):
    page = client.get(f"/en/provision/opportunities/{course.slug}/").content.decode()
    assert "Log in</a> to rate it" in page

    response = client.post(f"/provision/opportunities/{course.slug}/rate/", {"stars": "5"})

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_moderator_publishes_and_the_page_shows_the_average_and_count(
    client, alice, mo, course, bob
):
    rate(alice, course, stars=5, comment="Excelente")
    rate(UserFactory(), course, stars=2, comment="Regular")
    rejected = rate(UserFactory(), course, stars=1, comment="Spam spam")
    for rating in Rating.objects.exclude(pk=rejected.pk):
        services.rating_moderate(rating=rating, approve=True, by=mo)
    services.rating_moderate(rating=rejected, approve=False, by=mo)

    page = client.get(f"/en/provision/opportunities/{course.slug}/").content.decode()

    assert "Rated 3.5 out of 5 by 2 learners." in page
    assert "Excelente" in page
    assert "Spam spam" not in page
    # Bob, admin of the provider, hears of each published rating.
    assert (
        Notification.objects.filter(recipient=bob, kind="provision.rating_published").count() == 2
    )


def test_people_without_the_role_cannot_moderate(client_for, alice, bob, course):
    rating = rate(alice, course)

    for person in (alice, bob):
        client = client_for(person)
        assert client.get("/en/provision/ratings/").status_code == 403
        response = client.post(
            f"/en/provision/ratings/{rating.pk}/moderate/", {"decision": "approve"}
        )
        assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.rating_moderate(rating=rating, approve=True, by=bob)
    rating.refresh_from_db()
    assert rating.status == "pending"


def test_staff_moderate_from_the_queue(client_for, sam, alice, course):
    rating = rate(alice, course, comment="En la cola")
    client = client_for(sam)

    assert "En la cola" in client.get("/en/provision/ratings/").content.decode()
    response = client.post(f"/en/provision/ratings/{rating.pk}/moderate/", {"decision": "approve"})

    assert response.status_code == 302
    rating.refresh_from_db()
    assert (rating.status, rating.moderated_by) == ("approved", sam)
    assert "En la cola" not in client.get("/en/provision/ratings/").content.decode()


def test_the_provider_answers_a_published_rating_and_others_cannot(
    client_for, alice, bob, mo, course
):
    rating = services.rating_moderate(rating=rate(alice, course), approve=True, by=mo)
    url = f"/en/provision/ratings/{rating.pk}/respond/"
    page = f"/en{course.get_absolute_url()}"

    assert "Publish the answer" in client_for(bob).get(page).content.decode()
    assert client_for(alice).post(url, {"response": "Gracias"}).status_code == 403
    assert client_for(bob).post(url, {"response": "¡Gracias, Alicia!"}).status_code == 302

    rating.refresh_from_db()
    assert (rating.response, rating.responded_by) == ("¡Gracias, Alicia!", bob)
    assert "¡Gracias, Alicia!" in client_for(alice).get(page).content.decode()


def test_a_rating_waiting_for_moderation_cannot_be_answered(alice, bob, course):
    rating = rate(alice, course)

    with translation.override("en"), pytest.raises(ValidationError, match="Only published ratings"):
        services.rating_respond(rating=rating, response="Gracias", by=bob)


def test_the_organisation_page_shows_its_average_through_the_registry(
    client, alice, mo, course, organisation
):
    url = f"/en{organisation.get_absolute_url()}"
    response = client.get(url)
    assert response.status_code == 200
    assert "What learners say of its courses" not in response.content.decode()

    other = OpportunityFactory(organization=organisation, starts_on=course.starts_on)
    for opportunity, stars in ((course, 5), (other, 4)):
        services.rating_moderate(rating=rate(alice, opportunity, stars=stars), approve=True, by=mo)

    page = client.get(url).content.decode()
    assert "What learners say of its courses" in page
    assert "Rated 4.5 out of 5 by 2 learners." in page


def test_the_opportunity_page_makes_as_many_queries_for_many_ratings_as_for_one(client, mo, course):
    def add_rows(count):
        comments = []
        for _ in range(count):
            rating = rate(UserFactory(), course, comment=f"Comentario {Rating.objects.count()}")
            services.rating_moderate(rating=rating, approve=True, by=mo)
            comments.append(rating.comment)
        return comments

    assert_constant_queries(client, f"/en/provision/opportunities/{course.slug}/", add_rows)


def test_the_download_of_personal_data_holds_the_ratings(alice, course):
    from provision.personal_data import export

    rate(alice, course, comment="Para descargar")

    assert export(user=alice)["learning_ratings"][0]["comment"] == "Para descargar"


def test_ratings_waiting_for_moderation_are_in_the_moderators_inbox_and_nobody_elses(
    client_for, mo, alice, bob, course
):
    rate(alice, course)

    page = client_for(mo).get("/en/inbox/").content.decode()

    assert "Ratings of learning opportunities to moderate" in page
    assert "Choir" in page
    assert "/en/provision/ratings/" in page
    assert "Ratings of learning opportunities to moderate" not in (
        client_for(bob).get("/en/inbox/").content.decode()
    )


def test_staff_find_the_catalogue_import_from_the_search_page(client, client_for, sam, alice):
    link = 'href="/en/provision/import/"'
    assert link in client_for(sam).get("/en/provision/").content.decode()
    assert link not in client_for(alice).get("/en/provision/").content.decode()
    assert link not in client.get("/en/provision/").content.decode()
