"""Learning needs: anyone tells the city what they would like to learn, where, when and what
stops them; city staff read them in figures and one by one, answer them and link the
opportunities that answer them; the person hears of it; the figures feed monitoring and the
dashboard."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from learningcity.models import AuditEntry, Notification, OutgoingEmail
from learningcity.personal_data import account_delete
from provision import selectors, services
from provision.models import LearningNeed
from provision.personal_data import delete, export
from tests.learningcity.test_personal_data import tables_holding
from tests.provision.factories import LearningNeedFactory, OpportunityFactory, SubjectFactory
from tests.queries import assert_constant_queries, max_queries
from tests.stakeholders.factories import DistrictFactory, TargetGroupFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today", "reference_data")]

NEW = "/en/provision/needs/new/"
LIST = "/en/provision/needs/"


@pytest.fixture
def client_for(client_for):
    """Signed in, reading the English pages: people choose English first."""

    def make(person):
        person.preferred_language = "en"
        person.save(update_fields=["preferred_language"])
        return client_for(person)

    return make


@pytest.fixture
def cooking(db):
    return SubjectFactory(slug="cooking", name_es="Cocina", name_en="Cooking")


@pytest.fixture
def norte(db):
    return DistrictFactory(slug="norte", name_es="Norte", name_en="North")


@pytest.fixture
def migrants(db):
    return TargetGroupFactory(slug="migrants", name_es="Migrantes", name_en="Migrants")


def answer(need, by, response="Hay un curso en su barrio.", status="answered", opportunities=()):
    return services.need_respond(
        need=need, status=status, response=response, opportunities=opportunities, by=by
    )


def test_an_anonymous_person_tells_what_they_would_like_to_learn(client, cooking, norte, migrants):
    response = client.post(
        NEW,
        {
            "subject": cooking.pk,
            "district": norte.pk,
            "when": ["evenings", "weekends"],
            "barriers": ["cost", "childcare"],
            "target_groups": ["migrants"],
            "email": "ana@example.org",
        },
        follow=True,
    )

    assert "Thank you" in response.content.decode()
    need = LearningNeed.objects.get()
    assert (need.subject, need.district, need.status) == (cooking, norte, "new")
    assert (need.evenings, need.weekends, need.mornings) == (True, True, False)
    assert (need.barrier_cost, need.barrier_childcare, need.barrier_time) == (True, True, False)
    assert list(need.target_groups.all()) == [migrants]
    assert (need.user, need.email, need.language) == (None, "ana@example.org", "en")


def test_an_anonymous_need_keeps_no_trace_of_who_sent_it(client, cooking):
    client.post(NEW, {"subject": cooking.pk}, HTTP_USER_AGENT="Firefox", REMOTE_ADDR="10.1.2.3")

    need = LearningNeed.objects.get()
    stored = " ".join(str(value) for value in vars(need).values())
    assert "10.1.2.3" not in stored and "Firefox" not in stored
    assert AuditEntry.objects.get(action="provision.need_submit").actor is None


def test_a_signed_in_person_s_need_is_linked_to_their_account(client_for, alice, cooking):
    client_for(alice).post(NEW, {"subject_other": "Reparar bicicletas"})

    need = LearningNeed.objects.get()
    assert (need.user, need.subject, need.what) == (alice, None, "Reparar bicicletas")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose a subject, or say in your own words what you want to learn."),
        ({"subject_other": "Guitarra", "email": "not-an-address"}, "Enter a valid email address."),
        ({"subject_other": "Guitarra", "barriers": ["boredom"]}, "Select a valid choice."),
        ({"subject_other": "x" * 201}, "Ensure this value has at most 200 characters"),
        ({"subject": "99999"}, "Select a valid choice."),
    ],
)
def test_bad_input_re_renders_the_form_with_a_message_and_saves_nothing(client, data, message):
    response = client.post(NEW, data)

    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and "Please correct the errors below." in page
    assert not LearningNeed.objects.exists()


def test_a_robot_filling_the_hidden_field_is_thanked_and_nothing_is_kept(client, cooking):
    response = client.post(NEW, {"subject": cooking.pk, "website": "http://spam"}, follow=True)

    assert "Thank you" in response.content.decode()
    assert not LearningNeed.objects.exists()


def test_anonymous_people_are_sent_to_log_in_and_citizens_are_refused_the_staff_pages(
    client, client_for, alice
):
    need = LearningNeedFactory()
    for url in (LIST, f"/en/provision/needs/{need.pk}/"):
        assert client.get(url).status_code == 302
        assert "/accounts/login/" in client.get(url)["Location"]
    citizen = client_for(alice)
    assert citizen.get(LIST).status_code == 403
    assert citizen.post(f"/en/provision/needs/{need.pk}/", {"status": "closed"}).status_code == 403
    assert LearningNeed.objects.get().status == "new"


def test_only_staff_may_answer_through_the_service(alice):
    with pytest.raises(PermissionDenied):
        answer(LearningNeedFactory(), alice)


def test_staff_read_the_needs_by_subject_district_barrier_and_target_group(
    client_for, sam, cooking, norte, migrants
):
    LearningNeedFactory(
        subject=cooking, district=norte, barrier_cost=True, target_groups=[migrants]
    )
    LearningNeedFactory(subject=cooking, barrier_cost=True, barrier_transport=True)
    LearningNeedFactory(subject=None, subject_other="Guitarra eléctrica", district=norte)

    page = client_for(sam).get(LIST).content.decode()

    assert "3 learning needs found." in page
    assert '<th scope="row">Cooking</th><td>2</td><td>2</td><td>0</td>' in page
    assert '<th scope="row">North</th><td>2</td>' in page
    assert '<th scope="row">In their own words</th><td>1</td>' in page
    assert '<th scope="row">The cost</th><td>2</td>' in page
    assert '<th scope="row">Getting there</th><td>1</td>' in page
    assert '<th scope="row">Migrants</th><td>1</td>' in page
    assert "Guitarra eléctrica" in page


def test_the_staff_filters_narrow_the_figures_and_the_list(client_for, sam, cooking, norte):
    LearningNeedFactory(subject=cooking, district=norte, barrier_cost=True)
    LearningNeedFactory(subject=None, subject_other="Guitarra", barrier_time=True)

    page = client_for(sam).get(f"{LIST}?barrier=cost&district=norte").content.decode()

    assert "1 learning need found." in page
    assert "Guitarra" not in page
    assert '<th scope="row">Cooking</th><td>1</td>' in page


def test_the_staff_list_makes_as_many_queries_for_many_needs_as_for_one(
    client_for, sam, cooking, norte, migrants
):
    def add_rows(count):
        return [
            LearningNeedFactory(
                subject_other=f"Tema {LearningNeed.objects.count()}-{number}",
                subject=SubjectFactory(),
                district=DistrictFactory(),
                target_groups=[TargetGroupFactory()],
                barrier_cost=True,
            ).subject_other
            for number in range(count)
        ]

    assert_constant_queries(client_for(sam), LIST, add_rows)


def test_staff_answer_a_need_and_the_anonymous_person_gets_an_email_in_their_language(
    client_for, sam, cooking
):
    course = OpportunityFactory(name_es="Cocina fácil", name_en="Easy cooking", subjects=[cooking])
    need = LearningNeedFactory(subject=cooking, email="ana@example.org", language="en")

    response = client_for(sam).post(
        f"/en/provision/needs/{need.pk}/",
        {"status": "answered", "response": "Try this course.", "opportunities": [course.pk]},
    )

    assert response.status_code == 302
    need.refresh_from_db()
    assert (need.status, need.response, need.responded_by) == ("answered", "Try this course.", sam)
    assert list(need.opportunities.all()) == [course]
    email = OutgoingEmail.objects.get(to="ana@example.org")
    assert "An answer to what you would like to learn: Cooking" in email.subject
    assert "Try this course." in email.body
    assert (
        f"/en/provision/opportunities/{course.slug}/" in email.body and "Easy cooking" in email.body
    )


def test_a_signed_in_person_is_notified_of_the_answer(sam, alice, cooking):
    need = LearningNeedFactory(subject=cooking, user=alice)

    answer(need, sam)

    assert Notification.objects.get(recipient=alice).kind == "provision.need_answered"


def test_no_one_is_told_when_the_answer_did_not_change_or_no_address_was_left(sam, cooking):
    need = LearningNeedFactory(subject=cooking, email="ana@example.org")
    answer(need, sam)
    answer(need, sam, status="closed")
    answer(LearningNeedFactory(subject=cooking), sam)

    assert OutgoingEmail.objects.filter(to="ana@example.org").count() == 1
    assert OutgoingEmail.objects.count() == 1


def test_an_answer_without_words_re_renders_with_a_message(client_for, sam, cooking):
    need = LearningNeedFactory(subject=cooking, email="ana@example.org")

    response = client_for(sam).post(f"/en/provision/needs/{need.pk}/", {"status": "answered"})

    assert response.status_code == 200
    assert "Write the answer the person will read." in response.content.decode()
    assert LearningNeed.objects.get().status == "new"
    assert not OutgoingEmail.objects.exists()


def test_staff_see_the_contact_details_on_the_need_s_page(client_for, sam, cooking):
    need = LearningNeedFactory(subject=cooking, name="Ana Pérez", email="ana@example.org")

    page = client_for(sam).get(f"/en/provision/needs/{need.pk}/").content.decode()

    assert "Ana Pérez" in page and "ana@example.org" in page


def test_new_needs_wait_in_the_staff_inbox_and_in_nobody_else_s(client_for, sam, alice, cooking):
    LearningNeedFactory(subject=cooking)
    answer(LearningNeedFactory(subject=SubjectFactory(name_en="Answered one")), sam)

    page = client_for(sam).get("/en/inbox/").content.decode()

    assert "Learning needs to answer" in page and "Cooking" in page
    assert "Answered one" not in page
    assert "Learning needs to answer" not in client_for(alice).get("/en/inbox/").content.decode()


def test_the_figures_for_monitoring_and_the_dashboard_are_one_query_each(
    sam, cooking, norte, migrants
):
    sur = DistrictFactory(slug="sur")
    LearningNeedFactory(district=norte, target_groups=[migrants])
    answer(LearningNeedFactory(district=norte, target_groups=[migrants]), sam)
    answer(LearningNeedFactory(district=sur), sam, status="closed")
    LearningNeedFactory()

    with max_queries(1):
        by_district = selectors.needs_by_district()
    with max_queries(1):
        totals = selectors.needs_totals()
    with max_queries(1):
        by_group = selectors.needs_by_target_group()

    assert by_district == {
        norte.pk: {"reported": 2, "open": 1, "answered": 1},
        sur.pk: {"reported": 1, "open": 0, "answered": 1},
    }
    assert totals == {"reported": 4, "answered": 2, "share_answered": 0.5}
    assert by_group == {migrants.pk: {"reported": 2, "open": 1, "answered": 1}}


def test_no_need_reported_gives_no_share(db):
    assert selectors.needs_totals() == {"reported": 0, "answered": 0, "share_answered": None}


def test_a_person_s_needs_are_in_their_data_download_and_lose_their_contact_when_deleted(
    alice, cooking, norte
):
    LearningNeedFactory(subject=cooking, district=norte, user=alice, details="Soy Alice")
    LearningNeedFactory(subject=cooking, email="ALICE@example.org", name="Alice")
    LearningNeedFactory(subject=cooking, email="other@example.org")

    with translation.override("en"):
        exported = export(user=alice)["learning_needs"]
    delete(user=alice, emails=[alice.email], names=[alice.full_name])

    assert [need["subject"] for need in exported] == ["Cooking", "Cooking"]
    assert exported[0]["district"] == "North" and exported[1]["email"] == "ALICE@example.org"
    assert LearningNeed.objects.count() == 3
    assert not LearningNeed.objects.filter(user=alice).exists()
    assert not LearningNeed.objects.filter(email__iexact=alice.email).exists()
    assert not LearningNeed.objects.exclude(details="").exists()
    assert LearningNeed.objects.filter(email="other@example.org").exists()


def test_after_the_account_is_deleted_its_needs_hold_neither_address_nor_name(sam, cooking):
    dora = UserFactory(email="dora.docente@example.org", full_name="Dora Docente")
    need = LearningNeedFactory(
        subject=cooking, user=dora, name="Dora Docente", details="Soy Dora Docente",
        subject_other="Cocina con Dora Docente", email="dora.docente@example.org",
    )  # fmt: skip
    answer(need, sam, response="Hola, Dora Docente: hay un curso.")

    account_delete(user=dora, by=dora)

    assert tables_holding("dora.docente@example.org") == []
    assert tables_holding("Dora Docente") == []
    assert LearningNeed.objects.get().subject == cooking
