"""The demo plan "Ciudad que aprende 2026–2030": 5 themes, 10 objectives, 40 actions."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from planning.models import (
    Action,
    ActionPlan,
    ActionRole,
    Charter,
    CharterSignature,
    Consultation,
    ConsultationParticipant,
    KflcFocus,
    Milestone,
    Objective,
    Proposal,
    ProposalScore,
    StocktakeEntry,
    Theme,
    Workshop,
    WorkshopParticipation,
)
from stakeholders.models import MinistryContact, Organisation, Sector, User

THEMES = [
    ("Aprender en familia y en comunidad", "Muchas familias no encuentran espacios cercanos para aprender juntas.", "Consulta con líderes de barrio y bibliotecas"),
    ("Del aprendizaje al trabajo", "El desempleo juvenil supera el 15 % y las empresas no encuentran personal formado.", "Cámara de Comercio y sindicatos"),
    ("Nadie se queda atrás", "Las familias migrantes y las personas con necesidades especiales tienen menos acceso.", "Organizaciones de la sociedad civil"),
    ("Ciudad digital que aprende", "La mitad de las personas mayores no usa internet.", "Universidad y radio comunitaria"),
    ("Gobernanza y recursos para aprender", "La oferta está dispersa y sin coordinación ni financiamiento estable.", "Comité de la ciudad del aprendizaje"),
]  # fmt: skip

# theme index, title, term, KFLC focus codes, means of evaluation
OBJECTIVES = [
    (0, "Abrir espacios comunitarios de aprendizaje en todos los distritos", "medium", ["2.2"], "Número de espacios abiertos y personas que los usan"),
    (0, "Fomentar la lectura en familia", "long", ["2.2", "2.6"], "Préstamos a familias y asistencia a clubes de lectura"),
    (1, "Formar a jóvenes en oficios con demanda local", "medium", ["2.3", "1.2"], "Jóvenes certificados y empleados a los seis meses"),
    (1, "Convertir empresas en organizaciones que aprenden", "long", ["2.3"], "Empresas con plan de formación"),
    (2, "Ofrecer arreglos flexibles a grupos marginados", "medium", ["1.1", "2.1"], "Participación de grupos marginados en la oferta"),
    (2, "Reconocer el aprendizaje no formal", "long", ["2.5"], "Credenciales emitidas"),
    (3, "Alfabetización digital para personas mayores", "medium", ["2.4"], "Personas mayores que completan los cursos"),
    (3, "Aprendizaje para el desarrollo sostenible", "long", ["1.3"], "Actividades de educación ambiental en barrios"),
    (4, "Coordinar a todas las partes interesadas", "medium", ["3.2", "3.1"], "Reuniones del comité y acuerdos alcanzados"),
    (4, "Asegurar financiamiento sostenible", "long", ["3.3"], "Porcentaje del presupuesto cubierto por aliados"),
]  # fmt: skip

ACTION_TITLES = [
    "Diagnóstico participativo", "Campaña de difusión", "Programa piloto", "Formación de facilitadores",
    "Alianza con organizaciones locales", "Ampliación a todos los distritos", "Evaluación intermedia",
    "Publicación de resultados",
]  # fmt: skip


def seed():
    _plan()
    seed_participation()
    _consultation()


def _plan():
    if ActionPlan.objects.exists():
        return
    plan = ActionPlan.objects.create(
        title="Plan de acción de la ciudad del aprendizaje",
        attractive_title="Ciudad que aprende",
        vision="Una ciudad donde todas las personas aprenden a lo largo de la vida, en cada barrio.",
        start=date(2026, 1, 1),
        end=date(2030, 12, 31),
        national_alignment="Alineado con la Estrategia Nacional de Educación a lo Largo de la Vida.",
    )
    themes = [
        Theme.objects.create(plan=plan, title=title, challenge=challenge, named_by=who, order=n)
        for n, (title, challenge, who) in enumerate(THEMES)
    ]
    focuses = {focus.code: focus for focus in KflcFocus.objects.all()}
    organisations = list(Organisation.objects.filter(verified=True).order_by("pk"))
    contact = MinistryContact.objects.order_by("pk").first()
    today = date.today()
    phases = list(Action.Phase.values)
    number = 0
    for order, (theme, title, term, codes, evaluation) in enumerate(OBJECTIVES):
        objective = Objective.objects.create(
            plan=plan,
            theme=themes[theme],
            title=title,
            term=term,
            means_of_evaluation=evaluation,
            order=order,
        )
        objective.kflc_focuses.set(focuses[code] for code in codes)
        for position in range(4):
            _action(objective, position, number, organisations, phases, today, contact)
            number += 1
    coordinator = User.objects.filter(email="coordinator@example.org").first()
    plan.status = ActionPlan.Status.ADOPTED
    plan.adopted_at = date(2026, 1, 20)
    plan.adopted_by = coordinator
    plan.adoption_decision = "Acuerdo de Cabildo 12/2026."
    plan.save()


def _action(objective, position, number, organisations, phases, today, contact):
    phase = phases[number % len(phases)]
    start = date(2026, 1, 1) + timedelta(days=30 * (number % 12))
    # Some actions end before today (late unless completed), most run into the future.
    end = (
        min(today - timedelta(days=10), date(2030, 12, 31))
        if number % 7 == 3
        else date(2028 + number % 3, 6, 30)
    )
    end = max(end, start)
    lead = organisations[number % len(organisations)]
    action = Action.objects.create(
        objective=objective,
        title=f"{ACTION_TITLES[number % len(ACTION_TITLES)]}: {objective.title.lower()}",
        description="Acción del plan con responsables, plazos e hitos.",
        lead_organisation=lead,
        contact_people="Coordinación de la ciudad del aprendizaje",
        start=start,
        end=end,
        phase=phase,
        manual_progress=None if number % 3 else 40,
        order=position,
    )
    if number % 5 == 4:
        action.status_override = Action.Status.AT_RISK if number % 2 else Action.Status.ON_HOLD
        action.status_override_reason = "Falta confirmar el financiamiento."
        action.save()
    if number % 9 == 8:
        action.status_override = Action.Status.CANCELLED
        action.status_override_reason = "Se fusionó con otra acción."
        action.save()
    if contact and number % 10 == 0:
        action.ministry_contacts.add(contact)
    ActionRole.objects.create(
        action=action,
        organisation=lead,
        role="lead",
        responsibilities="Coordina la acción y rinde cuentas.",
    )
    partner = organisations[(number + 7) % len(organisations)]
    if partner != lead:
        ActionRole.objects.create(
            action=action,
            organisation=partner,
            role="partner",
            responsibilities="Aporta espacios y facilitadores.",
        )
    if number % 3 != 0:
        for step in range(3):
            due = start + timedelta(days=120 * (step + 1))
            done = phase == Action.Phase.COMPLETED or (step == 0 and number % 2 == 0)
            Milestone.objects.create(
                action=action,
                title=f"Hito {step + 1}",
                due=min(due, end),
                completed_on=min(due, today) if done else None,
            )


def seed_participation():
    """The charter with signatories, stock-taking entries and two workshops."""
    if Charter.objects.exists():
        return
    plan = ActionPlan.objects.adopted().first()
    organisations = list(Organisation.objects.filter(verified=True).order_by("pk"))
    admin = User.objects.filter(email="stakeholder@example.org").first()
    charter = Charter.objects.create(
        plan=plan,
        title="Carta de Villa Esperanza, ciudad que aprende",
        text=(
            "<p>Las organizaciones firmantes nos comprometemos a que todas las personas de la "
            "ciudad puedan aprender a lo largo de toda la vida.</p><ul>"
            "<li>Abrir nuestros espacios al aprendizaje comunitario.</li>"
            "<li>Reconocer lo que las personas aprenden fuera de la escuela.</li>"
            "<li>Rendir cuentas de nuestro avance cada año.</li></ul>"
        ),
        published_on=date(2026, 2, 1),
        national_strategy="Estrategia Nacional de Educación a lo Largo de la Vida",
        alignment="<p>Cada compromiso corresponde a un eje de la estrategia nacional.</p>",
    )
    if plan:
        charter.actions.set(Action.objects.filter(objective__plan=plan).order_by("pk")[:6])
    for organisation in organisations[1:9]:
        CharterSignature.objects.create(
            charter=charter, organisation=organisation, signed_by=admin, signed_on=date(2026, 2, 10)
        )
    focuses = {focus.code: focus for focus in KflcFocus.objects.all()}
    for number, (title, code, status) in enumerate([
        ("Club de lectura para familias", "2.2", "accepted"),
        ("Taller de oficios para jóvenes", "2.3", "accepted"),
        ("Huertos escolares", "1.3", "accepted"),
        ("Cursos de computación para mayores", "2.4", "accepted"),
        ("Clases de español para migrantes", "1.1", "pending"),
    ]):  # fmt: skip
        organisation = organisations[number * 3]
        entry = StocktakeEntry.objects.create(
            organisation=organisation,
            submitted_by=admin,
            title=title,
            description=f"{title}: actividad que la organización realiza desde hace años.",
            sector=organisation.sector,
            reach=50 * (number + 1),
            since=2018 + number,
            status=status,
        )
        entry.kflc_focuses.add(focuses[code])
    sectors = list(Sector.objects.order_by("pk"))
    for number, (topic, day) in enumerate([
        ("¿Qué es una ciudad del aprendizaje?", date(2026, 3, 5)),
        ("Cómo medir el avance con las Características Fundamentales", date(2026, 5, 14)),
    ]):  # fmt: skip
        workshop = Workshop.objects.create(
            topic=topic,
            starts_at=timezone.make_aware(datetime.combine(day, time(10, 0))),
            place="Biblioteca Pública Central",
            facilitator="Instituto de la UNESCO para el Aprendizaje a lo Largo de Toda la Vida",
            materials="Presentación y guía de trabajo.",
        )
        workshop.audience_sectors.set(sectors[number * 4 : number * 4 + 6])
        for position, organisation in enumerate(organisations[number * 5 : number * 5 + 6]):
            WorkshopParticipation.objects.create(
                workshop=workshop,
                organisation=organisation,
                attended=position != 5,
                people=2 if position != 5 else 0,
                rating=4 if position % 2 else None,
            )


def _consultation():
    """The closed consultation whose proposals became the demo plan's themes."""
    if Consultation.objects.exists():
        return
    plan = ActionPlan.objects.order_by("pk").first()
    staff = User.objects.filter(email="staff@example.org").first()
    consultation = Consultation.objects.create(
        title="¿Qué desafíos debe resolver la ciudad que aprende?",
        question="Proponga los principales desafíos y prioridades de aprendizaje de la ciudad.",
        opens_on=date(2025, 9, 1),
        closes_on=date(2025, 10, 31),
        created_by=staff,
    )
    sectors = {sector.slug: sector for sector in Sector.objects.all()}
    people = [
        ("alcaldia@example.org", "public-administration"),
        ("rectoria@example.org", "higher-education"),
        ("camara@example.org", "business"),
        ("fundacion@example.org", "civil-society"),
    ]
    participants = [
        ConsultationParticipant.objects.create(
            consultation=consultation, email=email, sector=sectors[slug]
        )
        for email, slug in people
    ]
    themes = list(plan.themes.order_by("order")) if plan else []
    for number, theme in enumerate(themes):
        proposal = Proposal.objects.create(
            consultation=consultation,
            participant=participants[number % len(participants)],
            title=theme.challenge[:200],
        )
        proposal.themes.add(theme)
        for position, participant in enumerate(participants):
            ProposalScore.objects.create(
                proposal=proposal, participant=participant, points=5 - (number + position) % 3
            )
