"""The demo city's indicators: 25 tied to the adopted plan's objectives and the KFLC, with five
years of approved values (some broken down by target group and district), three computed by
the portal from events, provision and stakeholders, one with values waiting for staff, and one
late. Years follow the day the demo is loaded. Running it again changes nothing."""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from learningcity.models import District, Sector, TargetGroup, User
from monitoring import services
from monitoring.computed import computed_values_write
from monitoring.models import Dimension, DimensionValue, Indicator, Period
from planning.models import ActionPlan, KflcFocus
from stakeholders.models import Organisation

LIBRARY = "Biblioteca Pública Central"

# Spanish name | English name | unit es | unit en | direction | objective (index in the plan) |
# KFLC focus codes | baseline | goal in four years | how far along the line it gets (1 = on
# the line) | responsible organisation | breakdown ("tg": target group, "d": district, "x": sex,
# "a": age band)
INDICATORS = [
    ("Espacios comunitarios de aprendizaje abiertos", "Community learning spaces open", "espacios", "spaces", "higher", 0, ["2.2"], 12, 40, 1.1, LIBRARY, "d"),
    ("Personas que usan los espacios comunitarios", "People using community learning spaces", "personas", "people", "higher", 0, ["2.2"], 3200, 9000, 0.8, LIBRARY, "tg"),
    ("Préstamos de libros a familias", "Book loans to families", "préstamos", "loans", "higher", 1, ["2.2", "2.6"], 15000, 30000, 1.05, LIBRARY, ""),
    ("Familias en clubes de lectura", "Families in reading clubs", "familias", "families", "higher", 1, ["2.6"], 240, 800, 0.9, LIBRARY, "d"),
    ("Jóvenes certificados en oficios", "Young people certified in trades", "personas", "people", "higher", 2, ["2.3"], 410, 1200, 1.0, None, "tg"),
    ("Jóvenes empleados a los seis meses", "Young people employed six months on", "%", "%", "higher", 2, ["2.3", "1.2"], 38, 60, 0.7, None, ""),
    ("Desempleo juvenil", "Youth unemployment", "%", "%", "lower", 2, ["1.2"], 15.4, 10, 0.9, None, "d"),
    ("Empresas con plan de formación", "Companies with a training plan", "empresas", "companies", "higher", 3, ["2.3"], 35, 120, 1.2, None, ""),
    ("Personas trabajadoras en formación en la empresa", "Workers trained at work", "personas", "people", "higher", 3, ["2.3"], 1800, 5000, 0.6, None, "x"),
    ("Participación de grupos marginados en la oferta", "Marginalised groups in learning provision", "%", "%", "higher", 4, ["1.1", "2.1"], 11, 25, 1.0, None, "tg"),
    ("Abandono de cursos por personas con necesidades especiales", "Course drop-out of people with special learning needs", "%", "%", "lower", 4, ["1.1"], 32, 15, 1.1, None, ""),
    ("Cursos con horarios flexibles", "Courses with flexible hours", "cursos", "courses", "higher", 4, ["2.1"], 60, 180, 0.95, LIBRARY, "d"),
    ("Credenciales de aprendizaje no formal emitidas", "Credentials for non-formal learning issued", "credenciales", "credentials", "higher", 5, ["2.5"], 0, 900, 0.85, None, ""),
    ("Procedimientos de reconocimiento disponibles", "Recognition procedures available", "procedimientos", "procedures", "higher", 5, ["2.5"], 2, 12, 1.0, None, ""),
    ("Personas mayores que completan cursos digitales", "Older adults completing digital courses", "personas", "people", "higher", 6, ["2.4"], 350, 2000, 1.15, LIBRARY, "d"),
    ("Personas adultas que leen al menos un libro al año", "Adults reading at least one book a year", "%", "%", "higher", 1, ["2.6"], 41, 60, 0.95, LIBRARY, "a"),
    ("Personas mayores que usan internet", "Older adults using the internet", "%", "%", "higher", 6, ["2.4"], 48, 75, 0.9, None, ""),
    ("Actividades de educación ambiental en barrios", "Environmental education activities in neighbourhoods", "actividades", "activities", "higher", 7, ["1.3"], 25, 100, 1.0, None, "d"),
    ("Residuos reciclados por hogares que participaron", "Waste recycled by participating households", "%", "%", "higher", 7, ["1.3"], 18, 40, 0.75, None, ""),
    ("Reuniones del comité de la ciudad del aprendizaje", "Learning city committee meetings", "reuniones", "meetings", "higher", 8, ["3.2"], 2, 6, 1.0, None, ""),
    ("Organizaciones que informan sus actividades", "Organisations reporting their activities", "organizaciones", "organisations", "higher", 8, ["3.1", "3.2"], 20, 80, 0.9, None, ""),
    ("Presupuesto cubierto por aliados", "Budget covered by partners", "%", "%", "higher", 9, ["3.3"], 8, 30, 0.8, None, ""),
]  # fmt: skip

# The computed ones: Spanish name | English name | unit es | unit en | metric | objective |
# focus codes | baseline | goal in four years | breakdown
COMPUTED = [
    ("Plazas confirmadas en eventos públicos", "Confirmed places at public events", "plazas", "places", Indicator.Metric.EVENT_REGISTRATIONS, 1, ["2.6"], 0, 2000, ""),
    ("Oportunidades de aprendizaje públicas por distrito", "Public learning opportunities by district", "oportunidades", "opportunities", Indicator.Metric.OPPORTUNITIES_BY_DISTRICT, 0, ["2.1", "2.2"], 0, 150, "d"),
    ("Organizaciones verificadas por sector", "Verified organisations by sector", "organizaciones", "organisations", Indicator.Metric.ORGANISATIONS_BY_SECTOR, 8, ["3.2"], 0, 60, "s"),
]  # fmt: skip

TARGET_GROUPS = ["migrant-families", "special-learning-needs", "unemployed", "older-adults"]
# The indicator whose last values wait for staff, and the one that is late (by its Spanish name).
SUBMITTED = "Personas que usan los espacios comunitarios"
LATE = "Residuos reciclados por hogares que participaron"


def _dimensions():
    target_group, _ = Dimension.objects.get_or_create(
        slug="target-group",
        defaults={"name_es": "Grupo destinatario", "name_en": "Target group", "order": 1},
    )
    for order, group in enumerate(TargetGroup.objects.filter(slug__in=TARGET_GROUPS)):
        DimensionValue.objects.get_or_create(
            dimension=target_group,
            slug=group.slug,
            defaults={
                "name_es": group.name_es,
                "name_en": group.name_en,
                "target_group": group,
                "order": order,
            },
        )
    district, _ = Dimension.objects.get_or_create(
        slug="district", defaults={"name_es": "Distrito", "name_en": "District", "order": 2}
    )
    for order, place in enumerate(District.objects.order_by("pk")):
        DimensionValue.objects.get_or_create(
            dimension=district,
            slug=place.slug,
            defaults={
                "name_es": place.name_es,
                "name_en": place.name_en,
                "district": place,
                "order": order,
            },
        )
    sector, _ = Dimension.objects.get_or_create(
        slug="sector", defaults={"name_es": "Sector", "name_en": "Sector", "order": 3}
    )
    for order, row in enumerate(Sector.objects.order_by("pk")):
        DimensionValue.objects.get_or_create(
            dimension=sector,
            slug=row.slug,
            defaults={"name_es": row.name_es, "name_en": row.name_en, "order": order},
        )
    sex, _ = Dimension.objects.get_or_create(
        slug="sex", defaults={"name_es": "Sexo", "name_en": "Sex", "order": 4}
    )
    age, _ = Dimension.objects.get_or_create(
        slug="age-band", defaults={"name_es": "Edad", "name_en": "Age band", "order": 5}
    )
    for dimension, values in [
        (sex, [("women", "Mujeres", "Women"), ("men", "Hombres", "Men")]),
        (age, [("15-24", "15 a 24 años", "15 to 24"), ("25-64", "25 a 64 años", "25 to 64"),
               ("65-plus", "65 años y más", "65 and over")]),
    ]:  # fmt: skip
        for order, (slug, name_es, name_en) in enumerate(values):
            DimensionValue.objects.get_or_create(
                dimension=dimension,
                slug=slug,
                defaults={"name_es": name_es, "name_en": name_en, "order": order},
            )
    return {"tg": target_group, "d": district, "s": sector, "x": sex, "a": age}


def _number(value, places):
    return Decimal(str(round(value, places)))


def _breakdown(total, dimension, places, *, percentage=False):
    """Shares of `total` across the dimension's values, uneven on purpose; for a percentage,
    each group's own rate around the total's."""
    values = list(dimension.values.all())
    if percentage:
        return {
            value: min(_number(float(total) * (0.85 + 0.1 * n), places), Decimal(100))
            for n, value in enumerate(values)
        }
    weights = [len(values) + 1 - n for n in range(len(values))]
    return {
        value: _number(float(total) * weight / sum(weights), places)
        for value, weight in zip(values, weights, strict=True)
    }


def seed():
    if Indicator.objects.exists():
        return
    plan = ActionPlan.objects.adopted().first()
    if plan is None:
        return
    staff = User.objects.filter(email="staff@example.org").first()
    member = User.objects.filter(email="stakeholder@example.org").first()
    objectives = list(plan.objectives.order_by("order", "pk").prefetch_related("actions"))
    focuses = {focus.code: focus for focus in KflcFocus.objects.all()}
    organisations = {o.name: o for o in Organisation.objects.filter(verified=True)}
    fallback = list(organisations.values())
    dimensions = _dimensions()
    year = timezone.localdate().year
    baseline_year, goal_year = year - 6, year + 4
    for order, row in enumerate(INDICATORS):
        (name_es, name_en, unit_es, unit_en, direction, objective, codes, baseline, goal, pace,
         organisation, breakdown) = row  # fmt: skip
        percentage = unit_es == "%"
        places = 1 if percentage or isinstance(baseline, float) else 0
        responsible = organisations.get(organisation) or fallback[order % len(fallback)]
        indicator = services.indicator_save(
            indicator=Indicator(
                name_es=name_es,
                name_en=name_en,
                definition_es=f"{name_es}, según el registro anual de la organización responsable.",
                definition_en=f"{name_en}, from the responsible organisation's yearly records.",
                unit_es=unit_es,
                unit_en=unit_en,
                decimal_places=places,
                minimum=Decimal(0),
                maximum=Decimal(100) if percentage else None,
                direction=direction,
                data_source_es="Registros administrativos",
                data_source_en="Administrative records",
                responsible_organisation=responsible,
                baseline_value=Decimal(str(baseline)),
                baseline_year=baseline_year,
                tolerance=_number(abs(goal - baseline) * 0.03, places),
                order=order,
            ),
            by=staff,
        )
        indicator.objectives.add(objectives[objective])
        first_action = next(iter(objectives[objective].actions.all()), None)
        if first_action and order % 2 == 0:
            indicator.actions.add(first_action)
        indicator.kflc_focuses.add(*(focuses[code] for code in codes))
        if breakdown:
            indicator.dimensions.add(dimensions[breakdown])
        midway = baseline + (goal - baseline) * 0.5
        services.goal_set(indicator=indicator, year=year, value=_number(midway, places), by=staff)
        services.goal_set(indicator=indicator, year=goal_year, value=Decimal(str(goal)), by=staff)
        last = year - 3 if name_es == LATE else year - 1
        for value_year in range(baseline_year + 1, last + 1):
            # Along the line to the goal, at the indicator's pace, with a small wobble.
            share = (value_year - baseline_year) / (goal_year - baseline_year) * pace
            wobble = 1 + ((value_year * 7 + order) % 5 - 2) / 100
            total = _number((baseline + (goal - baseline) * share) * wobble, places)
            if percentage:
                total = min(total, Decimal(100))
            values = {None: total}
            if breakdown:
                values.update(
                    _breakdown(total, dimensions[breakdown], places, percentage=percentage)
                )
            by = member if responsible.name == LIBRARY and member else staff
            period = services.period_values_save(
                indicator=indicator, start=date(value_year, 1, 1), values=values, by=by
            )
            period = services.period_submit(period=period, by=by)
            if name_es == SUBMITTED and value_year == last:
                continue
            period = services.period_approve(period=period, by=staff)
            if value_year < last - 1:
                services.period_lock(period=period, by=staff)
    for order, row in enumerate(COMPUTED, start=len(INDICATORS)):
        name_es, name_en, unit_es, unit_en, metric, objective, codes, baseline, goal, breakdown = (
            row
        )
        indicator = services.indicator_save(
            indicator=Indicator(
                name_es=name_es,
                name_en=name_en,
                definition_es=f"{name_es}, calculado por el portal con sus propios datos.",
                definition_en=f"{name_en}, computed by the portal from its own data.",
                unit_es=unit_es,
                unit_en=unit_en,
                minimum=Decimal(0),
                data_source_es="Datos del portal",
                data_source_en="The portal's data",
                baseline_value=Decimal(baseline),
                baseline_year=year - 1,
                metric=metric,
                order=order,
            ),
            by=staff,
        )
        indicator.objectives.add(objectives[objective])
        indicator.kflc_focuses.add(*(focuses[code] for code in codes))
        if breakdown:
            indicator.dimensions.add(dimensions[breakdown])
        services.goal_set(indicator=indicator, year=goal_year, value=Decimal(goal), by=staff)
    computed_values_write()
    # The demo's stakeholder follows the library's first indicator.
    if member:
        services.follow_set(
            indicator=Indicator.objects.order_by("order").first(), user=member, following=True
        )
    return Period.objects.count()


# The KFLC self-assessments of the last two years: code → (level two years ago, last year).
KFLC_LEVELS = {
    "1.1": (2, 3), "1.2": (2, 2), "1.3": (1, 2), "2.1": (3, 3), "2.2": (3, 4), "2.3": (2, 3),
    "2.4": (2, 3), "2.5": (1, 2), "2.6": (3, 4), "3.1": (2, 3), "3.2": (3, 4), "3.3": (2, 2),
}  # fmt: skip
KFLC_NOTE = "Ver los indicadores y las acciones enlazadas."

# What the demo's citizens said: text | name | address | state ("action", "indicator": answered
# and linked to it; "hidden": hidden with a reason; "waiting") | answer
FEEDBACK = [
    ("Los talleres de la biblioteca se llenan enseguida; hacen falta más plazas por la tarde.",
     "Lucía Fernández", "lucia@example.org", "action",
     "Abrimos dos grupos más de tarde en la Biblioteca Pública Central desde septiembre."),
    ("No encuentro datos de cuántas personas mayores usan internet en mi distrito.",
     "", "", "indicator",
     "El indicador de personas mayores que usan internet se desglosa ahora por distrito."),
    ("Esto es publicidad de un curso de pago: www.ejemplo-de-venta.example",
     "", "", "hidden", ""),
    ("Me gustaría que el festival del aprendizaje tuviera actividades para bebés.",
     "Marta", "marta@example.org", "waiting", ""),
]  # fmt: skip


def seed_assessments_and_feedback():
    """Two completed self-assessments and feedback in each state; once."""
    from monitoring import assessment_services, feedback_services
    from monitoring.kflc_levels import ensure_descriptors
    from monitoring.models import Feedback, KflcAssessment, KflcDescriptor
    from planning.models import Action

    ensure_descriptors(KflcDescriptor)
    staff = User.objects.filter(email="staff@example.org").first()
    plan = ActionPlan.objects.adopted().first()
    if staff is None or plan is None:
        return
    year = timezone.localdate().year
    indicators = list(Indicator.objects.prefetch_related("kflc_focuses").order_by("order"))
    actions = list(
        Action.objects.filter(objective__plan=plan)
        .prefetch_related("objective__kflc_focuses")
        .order_by("pk")
    )
    if not KflcAssessment.objects.exists():
        for index, assessment_year in enumerate((year - 2, year - 1)):
            assessment = assessment_services.kflc_assessment_start(year=assessment_year, by=staff)
            entries = []
            for focus in KflcFocus.objects.order_by("code"):
                evidence = assessment_services.evidence_from(
                    indicators=[i for i in indicators if focus in i.kflc_focuses.all()][:2],
                    actions=[a for a in actions if focus in a.objective.kflc_focuses.all()][:1],
                    links=[("UNESCO: Key Features of Learning Cities",
                            "https://uil.unesco.org/lifelong-learning/learning-cities")]
                    if focus.code == "1.1" else [],
                )  # fmt: skip
                entries.append(
                    {
                        "focus": focus,
                        "level": KFLC_LEVELS[focus.code][index],
                        "note": KFLC_NOTE,
                        "evidence": evidence,
                    }
                )
            assessment_services.kflc_ratings_save(assessment=assessment, entries=entries, by=staff)
            assessment_services.kflc_assessment_complete(assessment=assessment, by=staff)
    if not Feedback.objects.exists():
        indicator = next(
            (i for i in indicators if i.name_es == "Personas mayores que usan internet"),
            indicators[0] if indicators else None,
        )
        for text, name, email, state, answer in FEEDBACK:
            item = feedback_services.feedback_submit(
                text=text, contact_name=name, contact_email=email, language="es"
            )
            if state == "waiting":
                continue
            if state == "hidden":
                feedback_services.feedback_hide(
                    feedback=item, reason="Publicidad de un servicio de pago.", by=staff
                )
                continue
            feedback_services.feedback_publish(feedback=item, by=staff)
            feedback_services.feedback_answer(
                feedback=item,
                answer=answer,
                action=actions[0] if state == "action" and actions else None,
                objective=actions[0].objective if state == "action" and actions else None,
                indicator=indicator if state == "indicator" else None,
                by=staff,
            )
