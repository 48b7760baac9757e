"""The KFLC self-assessment: staff rate the 12 areas of focus from 1 to 5 with a descriptor and
evidence, complete it, and the public sees it as a radar chart against the year before."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from monitoring import assessment_services, selectors
from monitoring.kflc_levels import ensure_descriptors
from monitoring.models import KflcAssessment, KflcDescriptor, KflcEvidence, KflcRating
from planning.models import KflcFocus
from tests.monitoring.factories import IndicatorFactory, completed_assessment
from tests.planning.factories import ActionFactory
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.usefixtures("reference_data", "frozen_today", "descriptors")


@pytest.fixture(autouse=True)
def _english_messages():
    """The services' messages are checked in English (Spanish is the default language)."""
    with translation.override("en"):
        yield


@pytest.fixture
def descriptors(db):
    ensure_descriptors(KflcDescriptor)


@pytest.fixture(autouse=True)
def _people_read_english(alice, bob, sam):
    """The site follows a signed-in person's language: these read the English pages."""
    for person in (alice, bob, sam):
        person.preferred_language = "en"
        person.save(update_fields=["preferred_language"])


def en(url):
    return "/en" + url.removeprefix("/en")


def edit_url(year):
    return en(reverse("monitoring:kflc-edit", args=[year]))


def focus(code):
    return KflcFocus.objects.get(code=code)


def every_focus_at(level, **extra):
    data = {"draft": "1"}
    for item in KflcFocus.objects.all():
        data[f"focus{item.pk}-level"] = str(level)
    data.update(extra)
    return data


def test_the_levels_are_described_in_both_languages_by_a_data_migration():
    generic = KflcDescriptor.objects.filter(focus__isnull=True).order_by("level")
    assert [d.level for d in generic] == [1, 2, 3, 4, 5]
    assert all(d.name_es and d.name_en and d.description_es and d.description_en for d in generic)


def test_staff_rate_every_area_of_focus_complete_it_and_the_public_sees_it(client, sam):
    client.force_login(sam)
    client.post(en(reverse("monitoring:kflc-start")), {"year": "2026"})
    response = client.post(edit_url(2026), every_focus_at(4, complete="1"))
    assessment = KflcAssessment.objects.get(year=2026)
    assert response.status_code == 302
    assert assessment.is_completed and assessment.completed_by == sam
    assert assessment.ratings.count() == 12
    assert {r.descriptor.name_en for r in assessment.ratings.all()} == {"Established"}
    client.logout()
    page = client.get(en(reverse("monitoring:kflc"))).content.decode()
    assert "<svg" in page and "<polygon" in page and "<table" in page
    assert "The latest self-assessment: 2026" in page


def test_a_draft_is_seen_by_staff_only(client, sam, alice):
    assessment_services.kflc_assessment_start(year=2026, by=sam)
    url = en(reverse("monitoring:kflc-year", args=[2026]))
    assert client.get(url).status_code == 404
    client.force_login(alice)
    assert client.get(url).status_code == 404
    assert "2026" not in client.get(en(reverse("monitoring:kflc"))).content.decode()
    client.force_login(sam)
    assert "Draft: only city staff see it" in client.get(url).content.decode()


@pytest.mark.parametrize("level", ["0", "6", "tres", "-1"])
def test_a_rating_outside_one_to_five_is_refused_with_a_clear_message(client, sam, level):
    assessment_services.kflc_assessment_start(year=2026, by=sam)
    client.force_login(sam)
    first = KflcFocus.objects.order_by("code").first()
    response = client.post(edit_url(2026), {f"focus{first.pk}-level": level})
    assert response.status_code == 200
    assert "Choose a level from 1 to 5." in response.content.decode()
    assert not KflcRating.objects.exists()


@pytest.mark.parametrize("level", [0, 6, None])
def test_the_service_refuses_a_level_outside_one_to_five(sam, level):
    assessment = assessment_services.kflc_assessment_start(year=2026, by=sam)
    with pytest.raises(ValidationError, match="Choose a level from 1 to 5"):
        assessment_services.kflc_rating_set(
            assessment=assessment, focus=focus("1.1"), level=level, by=sam
        )


def test_a_level_without_a_descriptor_is_refused_with_a_clear_message(client, sam):
    KflcDescriptor.objects.filter(level=5).delete()
    assessment_services.kflc_assessment_start(year=2026, by=sam)
    client.force_login(sam)
    response = client.post(edit_url(2026), {f"focus{focus('1.1').pk}-level": "5"})
    assert response.status_code == 200
    assert "Level 5 has no descriptor yet" in response.content.decode()
    assert not KflcRating.objects.exists()


def test_a_focus_of_its_own_descriptor_is_used_for_that_focus_alone(sam):
    own = KflcDescriptor.objects.create(
        level=2, focus=focus("2.2"), name_es="Pocos espacios", name_en="Few spaces",
        description_es="Pocos espacios abiertos.", description_en="Few spaces open.",
    )  # fmt: skip
    assessment = assessment_services.kflc_assessment_start(year=2026, by=sam)
    rating = assessment_services.kflc_rating_set(
        assessment=assessment, focus=focus("2.2"), level=2, by=sam
    )
    other = assessment_services.kflc_rating_set(
        assessment=assessment, focus=focus("2.3"), level=2, by=sam
    )
    assert rating.descriptor == own
    assert other.descriptor.focus is None


def test_completing_needs_every_area_of_focus_rated(client, sam):
    assessment_services.kflc_assessment_start(year=2026, by=sam)
    client.force_login(sam)
    data = every_focus_at(3, complete="1")
    data[f"focus{focus('3.3').pk}-level"] = ""
    response = client.post(edit_url(2026), data, follow=True)
    assert "still to rate: 3.3" in response.content.decode()
    assert not KflcAssessment.objects.get(year=2026).is_completed


def test_a_completed_assessment_changes_only_once_opened_again(client, sam):
    assessment = completed_assessment(2026, {})
    with pytest.raises(ValidationError, match="open it again"):
        assessment_services.kflc_rating_set(
            assessment=assessment, focus=focus("1.1"), level=5, by=sam
        )
    client.force_login(sam)
    assert client.get(edit_url(2026)).status_code == 302
    client.post(reverse("monitoring:kflc-reopen", args=[2026]))
    assessment.refresh_from_db()
    assert not assessment.is_completed
    client.post(edit_url(2026), every_focus_at(5))
    assert set(assessment.ratings.values_list("level", flat=True)) == {5}


def test_the_chart_compares_with_the_previous_assessment_in_a_table(client):
    completed_assessment(2025, {"1.1": 2, "2.2": 4})
    completed_assessment(2026, {"1.1": 3, "2.2": 2})
    page = client.get(en(reverse("monitoring:kflc-year", args=[2026]))).content.decode()
    assert page.count("<polygon") == 5 + 2  # the five rings, this year's and last year's
    assert 'stroke-dasharray="6 4"' in page
    assert "Dashed line and squares: 2025." in page
    assert ">+1<" in page and ">−2<" in page and ">=<" in page


def test_the_first_assessment_has_nothing_to_compare_with(client):
    completed_assessment(2026, {})
    page = client.get(en(reverse("monitoring:kflc-year", args=[2026]))).content.decode()
    assert page.count("<polygon") == 5 + 1
    assert "no earlier self-assessment to compare with" in page


def test_evidence_links_an_indicator_an_action_and_a_document(client, sam):
    indicator = IndicatorFactory(name_en="Adults in courses")
    indicator.kflc_focuses.add(focus("2.3"))
    action = ActionFactory(title="Cursos nocturnos")
    action.objective.kflc_focuses.add(focus("2.3"))
    action.objective.plan.status = "adopted"
    action.objective.plan.save()
    assessment_services.kflc_assessment_start(year=2026, by=sam)
    client.force_login(sam)
    prefix = f"focus{focus('2.3').pk}"
    client.post(
        edit_url(2026),
        every_focus_at(
            3,
            **{
                f"{prefix}-note": "Más cursos para adultos.",
                f"{prefix}-indicators": [str(indicator.pk)],
                f"{prefix}-actions": [str(action.pk)],
                f"{prefix}-links": "Informe anual | https://example.org/informe.pdf",
            },
        ),
    )
    rating = KflcRating.objects.get(focus__code="2.3")
    assert {e.label for e in rating.evidence.all()} == {
        str(indicator),
        str(action),
        "Informe anual",
    }
    page = client.get(en(reverse("monitoring:kflc-year", args=[2026]))).content.decode()
    assert "https://example.org/informe.pdf" in page
    assert indicator.get_absolute_url() in page


def test_a_bad_evidence_address_re_renders_the_form_and_saves_nothing(client, sam):
    assessment_services.kflc_assessment_start(year=2026, by=sam)
    client.force_login(sam)
    prefix = f"focus{focus('1.1').pk}"
    response = client.post(
        edit_url(2026), every_focus_at(3, **{f"{prefix}-links": "javascript:alert(1)"})
    )
    assert response.status_code == 200
    assert "Line 1 is not a web address" in response.content.decode()
    assert not KflcRating.objects.exists()
    assert not KflcEvidence.objects.exists()


@pytest.mark.parametrize("who", ["anonymous", "citizen", "organisation admin"])
def test_only_staff_start_and_rate_an_assessment(client, who, alice, bob, sam):
    assessment_services.kflc_assessment_start(year=2025, by=sam)
    person = {"anonymous": None, "citizen": alice, "organisation admin": bob}[who]
    if person:
        client.force_login(person)
    assert client.get(edit_url(2025)).status_code in (302, 403)
    assert client.post(edit_url(2025), every_focus_at(3)).status_code in (302, 403)
    client.post(reverse("monitoring:kflc-start"), {"year": "2026"})
    client.post(reverse("monitoring:kflc-reopen", args=[2025]))
    assert not KflcRating.objects.exists()
    assert not KflcAssessment.objects.filter(year=2026).exists()


def test_a_year_is_assessed_once(sam):
    assessment_services.kflc_assessment_start(year=2026, by=sam)
    with pytest.raises(ValidationError, match="already a self-assessment for 2026"):
        assessment_services.kflc_assessment_start(year=2026, by=sam)


def test_the_selectors_give_the_completed_assessments_newest_first(sam):
    completed_assessment(2024, {})
    completed_assessment(2025, {"1.1": 4})
    assessment_services.kflc_assessment_start(year=2026, by=sam)
    assert [a.year for a in selectors.kflc_assessments()] == [2025, 2024]
    latest = selectors.latest_kflc_assessment()
    assert latest.year == 2025
    rows = selectors.kflc_comparison(latest, selectors.previous_kflc_assessment(latest))
    first = rows[0]
    assert (first.focus.code, first.level, first.previous_level) == ("1.1", 4, 3)


def test_the_pages_take_constant_queries(client, sam):
    years = iter(range(2000, 2100))

    def add_assessments(count):
        return [str(completed_assessment(next(years), {}).year) for _ in range(count)]

    assert_constant_queries(client, en(reverse("monitoring:kflc")), add_assessments)

    assessment = KflcAssessment.objects.order_by("year").first()
    rating = assessment.ratings.get(focus__code="1.1")
    links = iter(range(1000))

    def add_evidence(count):
        added = [
            KflcEvidence.objects.create(rating=rating, url=f"https://example.org/{next(links)}")
            for _ in range(count)
        ]
        return [item.url for item in added]

    assert_constant_queries(client, en(assessment.get_absolute_url()), add_evidence)
    client.force_login(sam)
    draft = assessment_services.kflc_assessment_start(year=2100, by=sam)
    indicators = iter(range(1000))

    def add_indicators(count):
        added = []
        for _ in range(count):
            indicator = IndicatorFactory(name=f"Indicador {next(indicators)}")
            indicator.kflc_focuses.add(focus("1.1"))
            added.append(indicator.name)
        return added

    assert_constant_queries(client, edit_url(draft.year), add_indicators)


def test_staff_may_rate_the_citys_features_under_an_area_of_focus(client, sam):
    from planning.models import KflcFeature

    feature = KflcFeature.objects.create(
        focus=focus("2.2"), code="2.2.1", title="Espacios comunitarios abiertos"
    )
    assessment_services.kflc_assessment_start(year=2026, by=sam)
    client.force_login(sam)
    client.post(
        edit_url(2026), every_focus_at(3, complete="1", **{f"feature{feature.pk}-level": "5"})
    )
    rating = KflcRating.objects.get(feature=feature)
    assert (rating.focus.code, rating.level) == ("2.2", 5)
    client.logout()
    page = client.get(en(reverse("monitoring:kflc-year", args=[2026]))).content.decode()
    assert "2.2.1 Espacios comunitarios abiertos" in page
