"""The demo city's surveys and stakeholders' reports: a closed survey on learning interests with
60 anonymous answers across the districts and target groups (results public), an open survey on
satisfaction; a request for the first half of the year answered by three organisations, with
tagged lessons and suggestions, and a request for the second half the demo stakeholder's
organisation has not answered yet (it waits in their inbox). Dates follow the day the demo is
loaded; running it again changes nothing."""

from datetime import date, timedelta

from learningcity.models import District, TargetGroup, User
from monitoring import stakeholder_reports, surveys
from monitoring.report_models import ReportRequest, ReportTag, StakeholderReport
from monitoring.survey_models import Question, Survey
from monitoring.timeliness import city_today
from stakeholders.models import Membership, Organisation

# (question in Spanish, in English, kind, choices in Spanish, in English)
INTERESTS = [
    ("¿Qué le gustaría aprender este año?", "What would you like to learn this year?",
     Question.Kind.SINGLE,
     "Idiomas\nInformática y habilidades digitales\nOficios\nArte y cultura\nSalud y bienestar",
     "Languages\nComputing and digital skills\nTrades\nArts and culture\nHealth and wellbeing"),
    ("¿Cuándo puede aprender?", "When can you learn?", Question.Kind.MULTIPLE,
     "Por la mañana\nPor la tarde\nPor la noche\nFines de semana",
     "In the morning\nIn the afternoon\nIn the evening\nAt weekends"),
    ("¿Qué tan satisfecho está con la oferta de aprendizaje de su barrio?",
     "How satisfied are you with the learning on offer in your neighbourhood?",
     Question.Kind.SCALE, "", ""),
    ("¿Qué le impide aprender más?", "What stops you from learning more?", Question.Kind.TEXT,
     "", ""),
]  # fmt: skip
SATISFACTION = [
    ("¿Participó en una actividad de aprendizaje este año?",
     "Did you take part in a learning activity this year?", Question.Kind.SINGLE, "Sí\nNo",
     "Yes\nNo"),
    ("¿Qué tan útil le resultó?", "How useful was it to you?", Question.Kind.SCALE, "", ""),
    ("¿Qué mejoraría?", "What would you improve?", Question.Kind.TEXT, "", ""),
]  # fmt: skip
BARRIERS = ["Falta de tiempo", "Horarios de trabajo", "No sé dónde buscar", "El costo", ""]
# Organisation's name → (what was done, lesson, suggestion, lesson tags, suggestion tags).
ANSWERS = [
    ("Talleres de lectura en cuatro barrios para 320 familias.",
     "Las sesiones del sábado atraen al doble de familias que las de entre semana.",
     "Coordinar el calendario con las escuelas para no coincidir con sus actividades.",
     ["Horarios"], ["Coordinación"]),
    ("Cursos de habilidades digitales para 180 personas mayores.",
     "Las personas voluntarias jóvenes sostienen los cursos y aprenden también.",
     "Un fondo pequeño para transporte de quienes viven lejos.",
     ["Voluntariado"], ["Accesibilidad"]),
    ("Ferias de oficios con empresas locales y 60 aprendices.",
     "Difundir por radio comunitaria llegó a quienes no usan internet.",
     "Un calendario común de la ciudad del aprendizaje.",
     ["Difusión"], ["Coordinación"]),
]  # fmt: skip


def _survey(title, intro, opens_on, closes_on, questions, staff, *, public=False):
    """`title` and `intro`: (Spanish, English)."""
    survey = surveys.survey_save(
        survey=Survey(
            title_es=title[0],
            title_en=title[1],
            intro_es=intro[0],
            intro_en=intro[1],
            opens_on=opens_on,
            closes_on=closes_on,
            results_public=public,
        ),
        by=staff,
    )
    for order, (text_es, text_en, kind, choices_es, choices_en) in enumerate(questions):
        surveys.question_save(
            question=Question(
                survey=survey,
                text_es=text_es,
                text_en=text_en,
                kind=kind,
                choices_es=choices_es,
                choices_en=choices_en,
                order=order,
                required=kind != Question.Kind.TEXT,
            ),
            by=staff,
        )
    return survey


def _answers(survey, questions, n):
    """Answer number n: varied, a little uneven, so the results have something to say."""
    given = {}
    for question in questions:
        if question.kind == Question.Kind.SINGLE:
            given[question] = (n * 7 + n // 5) % len(question.choice_list)
        elif question.kind == Question.Kind.MULTIPLE:
            given[question] = sorted({n % 4, (n * 3) % 4} if n % 3 else {3})
        elif question.kind == Question.Kind.SCALE:
            given[question] = 2 + (n * 5 + n // 7) % 4
        else:
            given[question] = BARRIERS[n % len(BARRIERS)]
    return given


def seed_surveys(today, staff):
    if Survey.objects.exists():
        return
    closed = _survey(
        ("Intereses de aprendizaje 2026", "Learning interests 2026"),
        (
            "Queremos saber qué quiere aprender la ciudad y cuándo puede hacerlo.",
            "We want to know what the city would like to learn, and when it can.",
        ),
        today - timedelta(days=60),
        today - timedelta(days=20),
        INTERESTS,
        staff,
        public=True,
    )
    districts = list(District.objects.order_by("pk")) or [None]
    groups = [*TargetGroup.objects.order_by("pk")[:4], None, None]
    questions = list(closed.questions.all())
    for n in range(60):
        surveys.survey_answer(
            survey=closed,
            user=None,
            token=f"demo-{n}",
            answers=_answers(closed, questions, n),
            district=districts[(n * 5 + n // 4) % len(districts)],
            target_group=groups[n % len(groups)],
            today=closed.opens_on + timedelta(days=n % 30),
        )
    _survey(
        ("Satisfacción con la oferta de aprendizaje", "Satisfaction with the learning on offer"),
        (
            "Cuéntenos cómo le fue en las actividades de aprendizaje de este año.",
            "Tell us how this year's learning activities went for you.",
        ),
        today - timedelta(days=10),
        today + timedelta(days=30),
        SATISFACTION,
        staff,
    )


def seed_reports(today, staff):
    if ReportRequest.objects.exists():
        return
    stakeholder = (
        Membership.objects.filter(user__email="stakeholder@example.org")
        .select_related("organisation")
        .first()
    )
    mine = stakeholder.organisation if stakeholder else None
    responsible = [o for o in stakeholder_reports.responsible_organisations() if o != mine]
    others = responsible or list(Organisation.objects.exclude(pk=getattr(mine, "pk", None)))
    first_half = stakeholder_reports.report_request_send(
        request=ReportRequest(
            title=f"Informe del primer semestre {today.year}",
            period_start=date(today.year, 1, 1),
            period_end=date(today.year, 6, 30),
            due_on=today - timedelta(days=15),
            message="Cuéntenos qué hicieron, qué aprendieron y qué sugieren.",
        ),
        organisations=others[: len(ANSWERS) + 1],
        by=staff,
    )
    tags = {}
    reports = StakeholderReport.objects.filter(request=first_half).select_related("organisation")
    for report, (done, lesson, suggestion, lesson_tags, suggestion_tags) in zip(
        reports, ANSWERS, strict=False
    ):
        member = Membership.objects.filter(organisation=report.organisation).first()
        if member is None:
            continue
        stakeholder_reports.report_answer(
            request=first_half,
            organisation=report.organisation,
            by=member.user,
            done=done,
            lessons=lesson,
            suggestions=suggestion,
        )
        for name in lesson_tags + suggestion_tags:
            tags.setdefault(name, ReportTag.objects.get_or_create(name=name)[0])
        report.refresh_from_db()
        stakeholder_reports.report_tags_set(
            report=report,
            lesson_tags=[tags[name] for name in lesson_tags],
            suggestion_tags=[tags[name] for name in suggestion_tags],
            by=staff,
        )
    if mine is not None:
        stakeholder_reports.report_request_send(
            request=ReportRequest(
                title=f"Informe del segundo semestre {today.year}",
                period_start=date(today.year, 7, 1),
                period_end=date(today.year, 12, 31),
                due_on=today + timedelta(days=5),
                message="Un informe breve basta.",
            ),
            organisations=[mine],
            by=staff,
        )


def seed():
    staff = User.objects.filter(email="staff@example.org").first()
    today = city_today()
    seed_surveys(today, staff)
    seed_reports(today, staff)
