"""Citizen surveys: one answer per person (account or anonymous token), answers within the
choices and the scale, none after closing, results by district and target group, text answers
for staff only, the CSV export, and query counts that do not grow with the answers."""

import csv
import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from monitoring import personal_data as monitoring_data
from monitoring import surveys
from monitoring.models import Answer, Question, Response
from tests.monitoring.factories import QuestionFactory, SurveyFactory
from tests.queries import assert_constant_queries
from tests.stakeholders.factories import DistrictFactory, TargetGroupFactory

pytestmark = pytest.mark.usefixtures("reference_data", "frozen_today")

TODAY = date(2026, 11, 25)


@pytest.fixture
def english_messages():
    """The services' messages are checked in English (Spanish is the default language)."""
    with translation.override("en"):
        yield


@pytest.fixture
def survey(db):
    """Learning interests: a single choice, a multiple choice, a scale and a short text."""
    survey = SurveyFactory(title="Intereses de aprendizaje", results_public=True)
    QuestionFactory(survey=survey, text="¿Qué quiere aprender?", kind="single", order=1)
    QuestionFactory(
        survey=survey,
        text="¿Cuándo puede?",
        kind="multiple",
        order=2,
        choices="Mañanas\nTardes\nFines de semana",
    )
    QuestionFactory(survey=survey, text="¿Está satisfecha?", kind="scale", order=3)
    QuestionFactory(survey=survey, text="¿Algo más?", kind="text", order=4, required=False)
    return survey


def questions(survey):
    return {q.kind: q for q in survey.questions.all()}


def answers(survey, single=0, multiple=(0,), scale=4, text=""):
    q = questions(survey)
    return {q["single"]: single, q["multiple"]: list(multiple), q["scale"]: scale, q["text"]: text}


def post_data(survey, single="0", multiple=("0",), scale="4", text="", **extra):
    q = questions(survey)
    return {
        f"q{q['single'].pk}": single,
        f"q{q['multiple'].pk}": list(multiple),
        f"q{q['scale'].pk}": scale,
        f"q{q['text'].pk}": text,
        **extra,
    }


def answer_anonymously(survey, token, **kwargs):
    return surveys.survey_answer(
        survey=survey, user=None, token=token, answers=answers(survey, **kwargs), today=TODAY
    )


def test_a_citizen_answers_anonymously_and_only_a_hash_of_the_token_is_kept(client, survey):
    district = DistrictFactory()
    response = client.post(
        reverse("monitoring:survey", args=[survey.pk]),
        post_data(survey, multiple=["0", "2"], district=district.pk),
    )
    assert response.status_code == 302
    stored = Response.objects.get()
    assert stored.user is None and stored.district == district
    # The signed cookie reads "token:timestamp:signature".
    token = client.cookies[surveys.TOKEN_COOKIE].value.split(":")[0]
    assert len(token) > 30
    assert token not in stored.token_hash
    assert stored.token_hash == surveys.token_hash(survey, token)
    assert sorted(
        Answer.objects.filter(question__kind="multiple").values_list("value", flat=True)
    ) == [0, 2]


def test_a_second_answer_from_the_same_browser_is_refused(client, survey):
    url = reverse("monitoring:survey", args=[survey.pk])
    client.post(url, post_data(survey))
    page = client.get("/en" + url).content.decode()
    assert "You have already answered this survey" in page
    response = client.post("/en" + url, post_data(survey), follow=True)
    assert "You have already answered this survey" in response.content.decode()
    assert Response.objects.count() == 1


@pytest.mark.usefixtures("english_messages")
def test_the_service_refuses_a_second_answer_with_the_same_token(survey):
    answer_anonymously(survey, "token-1")
    with pytest.raises(ValidationError, match="already answered"):
        answer_anonymously(survey, "token-1")
    answer_anonymously(survey, "token-2")
    assert Response.objects.count() == 2


@pytest.mark.usefixtures("english_messages")
def test_a_second_answer_with_the_same_account_is_refused(client_for, survey, alice):
    client = client_for(alice)
    url = reverse("monitoring:survey", args=[survey.pk])
    client.post(url, post_data(survey))
    with pytest.raises(ValidationError, match="already answered"):
        surveys.survey_answer(survey=survey, user=alice, token="", answers=answers(survey))
    # A fresh browser (no cookie) with the same account is refused all the same.
    client.cookies.pop(surveys.TOKEN_COOKIE, None)
    client.post(url, post_data(survey))
    assert Response.objects.filter(user=alice).count() == 1


def test_an_answer_outside_the_choices_is_refused_and_the_form_shows_why(client, survey):
    response = client.post(
        "/en" + reverse("monitoring:survey", args=[survey.pk]), post_data(survey, single="7")
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Response.objects.exists()
    with pytest.raises(ValidationError, match="not one of its choices"):
        answer_anonymously(survey, "token", single=3)
    with pytest.raises(ValidationError, match="not one of its choices"):
        answer_anonymously(survey, "token", multiple=[1, 5])


@pytest.mark.usefixtures("english_messages")
@pytest.mark.parametrize("point", [0, 6, -1])
def test_a_point_outside_the_scale_is_refused(survey, point):
    with pytest.raises(ValidationError, match="not one of its choices"):
        answer_anonymously(survey, "token", scale=point)
    assert not Response.objects.exists()


@pytest.mark.usefixtures("english_messages")
def test_a_required_question_left_empty_is_refused(survey):
    with pytest.raises(ValidationError, match="Answer"):
        answer_anonymously(survey, "token", scale=None)


def test_answering_after_the_survey_closed_is_refused(client, survey):
    survey.closes_on = date(2026, 11, 20)
    survey.save()
    with translation.override("en"), pytest.raises(ValidationError, match="closed"):
        answer_anonymously(survey, "token")
    response = client.post(
        "/en" + reverse("monitoring:survey", args=[survey.pk]), post_data(survey), follow=True
    )
    assert "This survey is closed" in response.content.decode()
    assert not Response.objects.exists()


def test_a_survey_needing_an_account_refuses_anonymous_answers(client, survey):
    survey.sign_in_required = True
    survey.save()
    with pytest.raises(PermissionDenied):
        answer_anonymously(survey, "token")
    page = client.get("/en" + reverse("monitoring:survey", args=[survey.pk])).content.decode()
    assert "Sign in to answer" in page
    client.post(reverse("monitoring:survey", args=[survey.pk]), post_data(survey))
    assert not Response.objects.exists()


def test_a_survey_not_open_yet_is_hidden_from_the_public_but_not_from_staff(
    client, client_for, sam
):
    upcoming = SurveyFactory(
        title="Próxima encuesta", opens_on=date(2027, 1, 1), closes_on=date(2027, 2, 1)
    )
    assert client.get(reverse("monitoring:survey", args=[upcoming.pk])).status_code == 404
    assert "Próxima encuesta" not in client.get(reverse("monitoring:surveys")).content.decode()
    staff = client_for(sam)
    assert "Próxima encuesta" in staff.get(reverse("monitoring:surveys")).content.decode()


def _answer_many(survey, districts, groups):
    for n in range(12):
        surveys.survey_answer(
            survey=survey,
            user=None,
            token=f"token-{n}",
            answers=answers(
                survey,
                single=n % 3,
                multiple=[0, 1] if n % 2 else [2],
                scale=1 + n % 5,
                text="Más cursos de noche" if n == 0 else "",
            ),
            district=districts[n % 2],
            target_group=groups[n % len(groups)],
            today=TODAY,
        )


def test_results_count_answers_by_district_and_target_group_with_averages(survey):
    districts = [DistrictFactory(name_es="Centro"), DistrictFactory(name_es="Norte")]
    groups = [TargetGroupFactory(), TargetGroupFactory()]
    _answer_many(survey, districts, [*groups, None])
    results = surveys.survey_results(survey, by="district")
    assert results.total == 12
    columns = {c.key: c for c in results.columns}
    assert columns[districts[0].pk].respondents == 6
    single = next(r for r in results.questions if r.question.kind == "single")
    counts = dict(single.rows)
    # Answers 0, 1, 2, 0, 1, 2...: four each; Centro holds n = 0, 2, 4, 6, 8, 10.
    assert counts["Idiomas"][0] == 4
    assert counts["Idiomas"][results.columns.index(columns[districts[0].pk])] == 2
    scale = next(r for r in results.questions if r.question.kind == "scale")
    assert round(scale.averages[0], 2) == round(sum(1 + n % 5 for n in range(12)) / 12, 2)
    by_group = surveys.survey_results(survey, by="target_group")
    not_said = next(c for c in by_group.columns if c.key is None)
    assert not_said.respondents == 4


def test_text_answers_are_listed_to_staff_only(client, client_for, survey, sam):
    _answer_many(survey, [DistrictFactory(), DistrictFactory()], [None])
    survey.closes_on = date(2026, 11, 24)
    survey.save()
    url = reverse("monitoring:survey-results", args=[survey.pk])
    public = client.get(url)
    assert "Más cursos de noche" not in public.content.decode()
    assert not any(result.texts for result in public.context["results"].questions)
    assert "Más cursos de noche" in client_for(sam).get(url).content.decode()


def test_results_are_public_only_once_closed_and_when_staff_choose(
    client, client_for, survey, alice
):
    url = reverse("monitoring:survey-results", args=[survey.pk])
    assert client.get(url).status_code == 302  # open: anonymous people are sent to log in
    assert client_for(alice).get(url).status_code == 403
    survey.closes_on = date(2026, 11, 24)
    survey.save()
    assert client.get(url).status_code == 200
    survey.results_public = False
    survey.save()
    assert client.get(url).status_code == 403


def test_staff_export_every_answer_as_csv_and_citizens_may_not(client_for, survey, alice, sam):
    _answer_many(survey, [DistrictFactory(name_es="Centro"), DistrictFactory()], [None])
    url = reverse("monitoring:survey-csv", args=[survey.pk])
    assert client_for(alice).get(url).status_code == 403
    response = client_for(sam).get(url)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][3:] == [q.text for q in survey.questions.all()]
    assert len(rows) == 13
    first = rows[1]  # n = 0: Idiomas, Fines de semana, 1, a text, in Centro
    assert first[1:4] == ["Centro", "", "Idiomas"]
    assert first[4:] == ["Fines de semana", "1", "Más cursos de noche"]


def test_the_survey_list_makes_the_same_queries_whatever_the_number_of_surveys(client):
    def add(n):
        return [SurveyFactory() for _ in range(n)]

    assert_constant_queries(client, reverse("monitoring:surveys"), add)


def test_the_results_page_makes_the_same_queries_whatever_the_number_of_answers(
    client_for, survey, sam
):
    district = DistrictFactory()
    made = []

    def add(n):
        for _ in range(n):
            made.append(len(made))
            surveys.survey_answer(
                survey=survey,
                user=None,
                token=f"t{len(made)}",
                answers=answers(survey, text=f"Texto {len(made)}"),
                district=district,
                today=TODAY,
            )
            QuestionFactory(survey=survey, text=f"Otra pregunta {len(made)}", required=False)
        return [f"Otra pregunta {m + 1}" for m in made[-n:]]

    url = reverse("monitoring:survey-results", args=[survey.pk]) + "?by=district"
    assert_constant_queries(client_for(sam), url, add)


def test_signed_in_answers_are_exported_and_forgotten_with_the_account(survey, alice):
    surveys.survey_answer(survey=survey, user=alice, token="", answers=answers(survey), today=TODAY)
    exported = monitoring_data.export(user=alice)
    assert exported["survey_answers"][0]["survey"] == "Intereses de aprendizaje"
    monitoring_data.delete(user=alice, emails=[], names=[])
    assert Response.objects.get().user is None
    assert Answer.objects.count() == 3  # the answers still count, no longer tied to Alice


@pytest.mark.usefixtures("english_messages")
def test_questions_with_answers_keep_their_kinds_and_choices(survey, sam):
    answer_anonymously(survey, "token")
    question = survey.questions.get(kind=Question.Kind.SINGLE)
    question.choices = "Otra cosa\nNada"
    with pytest.raises(ValidationError, match="stay"):
        surveys.question_save(question=question, by=sam)
    with pytest.raises(ValidationError, match="stay"):
        surveys.question_delete(question=question, by=sam)


# Both languages ------------------------------------------------------------------------------


def test_a_survey_reads_in_the_readers_language_and_falls_back_to_spanish(client):
    survey = SurveyFactory(title_es="Intereses", title_en="Interests", results_public=True)
    QuestionFactory(
        survey=survey, text_es="¿Qué quiere aprender?", text_en="What would you like to learn?",
        choices_es="Idiomas\nCocina", choices_en="Languages\nCooking", order=1,
    )  # fmt: skip
    QuestionFactory(survey=survey, text_es="¿Cuándo?", choices_es="Mañanas\nTardes", order=2)
    url = reverse("monitoring:survey", args=[survey.pk])

    english = client.get(f"/en{url}").content.decode()
    spanish = client.get(url).content.decode()

    assert "Interests" in english and "What would you like to learn?" in english
    assert "Cooking" in english and "Cocina" not in english
    # Not translated: the Spanish text (the title marked as such for screen readers).
    assert "¿Cuándo?" in english and "Mañanas" in english
    untranslated = SurveyFactory(title_es="Solo en castellano")
    listed = client.get("/en" + reverse("monitoring:surveys")).content.decode()
    assert '<span lang="es">Solo en castellano</span>' in listed
    assert untranslated.title_en is None
    assert "Intereses" in spanish and "Cocina" in spanish and "Cooking" not in spanish


@pytest.mark.django_db
def test_a_translation_of_the_choices_must_have_as_many_lines_in_the_same_order(
    english_messages,
):
    survey = SurveyFactory()
    question = Question(
        survey=survey, text_es="¿Qué?", kind="single", choices_es="Sí\nNo",
        choices_en="Yes\nNo\nMaybe",
    )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        surveys.question_save(question=question, by=None)
    assert "Give as many choices as in Spanish, in the same order: 2." in str(refused.value)
    assert not Question.objects.exists()

    question.choices_en = "Yes\nNo"
    surveys.question_save(question=question, by=None)
    with translation.override("en"):
        assert Question.objects.get().choice_list == ["Yes", "No"]
