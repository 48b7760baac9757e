"""The English texts of the demo plan, so `/en/plan/` of the demo city reads in English.

Kept apart from the Spanish data in planning.demo and filled in after it, by the Spanish text: a
demo seeded before English was kept gets its English too, and running it again changes nothing.
The actions' descriptions and milestones stay in Spanish: their pages show how a text without a
translation falls back to Spanish, marked as such."""

from django.db.models import Q

from planning.models import Action, ActionPlan, Charter, Consultation, Objective, Theme, Workshop
from planning.services import plan_data_changed

PLAN = {
    "Plan de acción de la ciudad del aprendizaje": "Learning city action plan",
    "Ciudad que aprende": "A city that learns",
    "Una ciudad donde todas las personas aprenden a lo largo de la vida, en cada barrio.": (
        "A city where everybody learns throughout life, in every neighbourhood."
    ),
    "Alineado con la Estrategia Nacional de Educación a lo Largo de la Vida.": (
        "Aligned with the National Lifelong Learning Strategy."
    ),
}

THEMES = {
    "Aprender en familia y en comunidad": "Learning as families and communities",
    "Muchas familias no encuentran espacios cercanos para aprender juntas.": (
        "Many families find no place nearby to learn together."
    ),
    "Del aprendizaje al trabajo": "From learning to work",
    "El desempleo juvenil supera el 15 % y las empresas no encuentran personal formado.": (
        "Youth unemployment is above 15 % and businesses cannot find trained staff."
    ),
    "Nadie se queda atrás": "Nobody left behind",
    "Las familias migrantes y las personas con necesidades especiales tienen menos acceso.": (
        "Migrant families and people with special needs have less access."
    ),
    "Ciudad digital que aprende": "A digital learning city",
    "La mitad de las personas mayores no usa internet.": (
        "Half of older people do not use the internet."
    ),
    "Gobernanza y recursos para aprender": "Governance and resources for learning",
    "La oferta está dispersa y sin coordinación ni financiamiento estable.": (
        "Provision is scattered, without coordination or stable funding."
    ),
}

OBJECTIVES = {
    "Abrir espacios comunitarios de aprendizaje en todos los distritos": (
        "Open community learning spaces in every district"
    ),
    "Número de espacios abiertos y personas que los usan": (
        "Number of spaces opened and people using them"
    ),
    "Fomentar la lectura en familia": "Encourage reading in families",
    "Préstamos a familias y asistencia a clubes de lectura": (
        "Loans to families and attendance at reading clubs"
    ),
    "Formar a jóvenes en oficios con demanda local": "Train young people in trades in local demand",
    "Jóvenes certificados y empleados a los seis meses": (
        "Young people certified, and employed six months later"
    ),
    "Convertir empresas en organizaciones que aprenden": (
        "Turn businesses into learning organisations"
    ),
    "Empresas con plan de formación": "Businesses with a training plan",
    "Ofrecer arreglos flexibles a grupos marginados": (
        "Offer flexible arrangements to marginalised groups"
    ),
    "Participación de grupos marginados en la oferta": "Participation of marginalised groups",
    "Reconocer el aprendizaje no formal": "Recognise non-formal learning",
    "Credenciales emitidas": "Credentials issued",
    "Alfabetización digital para personas mayores": "Digital literacy for older people",
    "Personas mayores que completan los cursos": "Older people who complete the courses",
    "Aprendizaje para el desarrollo sostenible": "Learning for sustainable development",
    "Actividades de educación ambiental en barrios": (
        "Environmental education activities in neighbourhoods"
    ),
    "Coordinar a todas las partes interesadas": "Coordinate every stakeholder",
    "Reuniones del comité y acuerdos alcanzados": "Committee meetings and agreements reached",
    "Asegurar financiamiento sostenible": "Secure sustainable funding",
    "Porcentaje del presupuesto cubierto por aliados": "Share of the budget covered by partners",
}

ACTIONS = {
    "Mapa de espacios para aprender en cada distrito": "Map of places to learn in every district",
    "Convenio para abrir las escuelas por las tardes y los sábados": (
        "Agreement to open schools in the afternoons and on Saturdays"
    ),
    "Centro Comunitario de Aprendizaje de Río Chico": "Río Chico Community Learning Centre",
    "Bibliotecas móviles en las colonias sin biblioteca": (
        "Mobile libraries for neighbourhoods without a library"
    ),
    "Clubes de lectura en familia en las bibliotecas barriales": (
        "Family reading clubs in neighbourhood libraries"
    ),
    "Bebetecas en los centros de salud": "Baby libraries in health centres",
    "Mochilas viajeras de libros entre escuela y casa": (
        "Travelling book bags between school and home"
    ),
    "Programa radial «Leemos en casa»": "Radio programme “We read at home”",
    "Talleres de oficios con certificación para jóvenes": (
        "Certified trade workshops for young people"
    ),
    "Aprendices en pequeñas empresas del centro": "Apprentices in small businesses downtown",
    "Feria del empleo y la formación": "Jobs and training fair",
    "Orientación vocacional en las preparatorias": "Career guidance in upper secondary schools",
    "Diagnóstico de formación en las empresas locales": "Survey of training in local businesses",
    "Distintivo «Empresa que aprende»": "“Learning business” award",
    "Mentorías entre cooperativas": "Mentoring between cooperatives",
    "Formación en finanzas para microempresas": "Finance training for micro-businesses",
    "Clases de español para familias migrantes": "Spanish classes for migrant families",
    "Horarios nocturnos y de fin de semana en la educación para adultos": (
        "Evening and weekend hours in adult education"
    ),
    "Talleres accesibles para personas con discapacidad": (
        "Accessible workshops for people with disabilities"
    ),
    "Escuela campesina itinerante": "Travelling farmers' school",
    "Catálogo municipal de cursos reconocidos": "Municipal catalogue of recognised courses",
    "Constancias verificables en línea": "Certificates verifiable online",
    "Reconocimiento de saberes de oficio": "Recognition of trade skills",
    "Registro del voluntariado como aprendizaje": "Volunteering recorded as learning",
    "Cursos de computación para personas mayores": "Computer courses for older people",
    "Jóvenes que enseñan tecnología a sus abuelos": (
        "Young people teaching technology to their grandparents"
    ),
    "Puntos de internet gratuito en bibliotecas y plazas": (
        "Free internet points in libraries and squares"
    ),
    "Prevención de fraudes en línea": "Preventing online fraud",
    "Huertos escolares y comunitarios": "School and community gardens",
    "Reciclaje y compostaje en los barrios": "Recycling and composting in neighbourhoods",
    "Rutas de educación ambiental por el río": "Environmental education trails along the river",
    "Semana del clima y el aprendizaje": "Climate and learning week",
    "Instalación del comité de la ciudad del aprendizaje": "Setting up the learning city committee",
    "Mesas de trabajo por eje del plan": "Working groups for each theme of the plan",
    "Foro anual de la ciudad del aprendizaje": "Annual learning city forum",
    "Intercambio de experiencias con ciudades hermanas": "Exchanges of experience with twin cities",
    "Presupuesto municipal etiquetado para el aprendizaje": (
        "A municipal budget line earmarked for learning"
    ),
    "Fondo mixto con empresas y fundaciones": "Joint fund with businesses and foundations",
    "Uso compartido de aulas, equipos y voluntariado": (
        "Sharing classrooms, equipment and volunteers"
    ),
    "Análisis costo-beneficio de los programas": "Cost-benefit analysis of the programmes",
}

CHARTER = {
    "Carta de Villa Esperanza, ciudad que aprende": (
        "Charter of Villa Esperanza, a city that learns"
    ),
    (
        "<p>Las organizaciones firmantes nos comprometemos a que todas las personas de la "
        "ciudad puedan aprender a lo largo de toda la vida.</p><ul>"
        "<li>Abrir nuestros espacios al aprendizaje comunitario.</li>"
        "<li>Reconocer lo que las personas aprenden fuera de la escuela.</li>"
        "<li>Rendir cuentas de nuestro avance cada año.</li></ul>"
    ): (
        "<p>We, the signatory organisations, commit to making sure everybody in the city can "
        "learn throughout life.</p><ul>"
        "<li>Open our spaces to community learning.</li>"
        "<li>Recognise what people learn outside school.</li>"
        "<li>Report on our progress every year.</li></ul>"
    ),
    "<p>Cada compromiso corresponde a un eje de la estrategia nacional.</p>": (
        "<p>Each commitment answers one of the national strategy's priorities.</p>"
    ),
}

WORKSHOPS = {
    "¿Qué es una ciudad del aprendizaje?": "What is a learning city?",
    (
        "Las Características Fundamentales de las Ciudades del Aprendizaje y lo que cada sector "
        "puede aportar al plan de la ciudad."
    ): ("The Key Features of Learning Cities and what each sector can bring to the city's plan."),
    "Cómo medir el avance con las Características Fundamentales": (
        "Measuring progress with the Key Features"
    ),
    (
        "Elegir indicadores, fuentes de datos y metas para las acciones de cada organización, con "
        "ejercicios sobre el plan vigente."
    ): (
        "Choosing indicators, data sources and targets for each organisation's actions, with "
        "exercises on the plan in force."
    ),
}

CONSULTATIONS = {
    "¿Qué desafíos debe resolver la ciudad que aprende?": (
        "Which challenges must the learning city solve?"
    ),
    "Proponga los principales desafíos y prioridades de aprendizaje de la ciudad.": (
        "Propose the city's main learning challenges and priorities."
    ),
}

# Per model, its texts and the English of their Spanish.
TEXTS = [
    (ActionPlan, ["title", "attractive_title", "vision", "national_alignment"], PLAN),
    (Theme, ["title", "challenge"], THEMES),
    (Objective, ["title", "means_of_evaluation"], OBJECTIVES),
    (Action, ["title"], ACTIONS),
    (Charter, ["title", "text", "alignment"], CHARTER),
    (Workshop, ["topic", "description"], WORKSHOPS),
    (Consultation, ["title", "question"], CONSULTATIONS),
]


def seed_english():
    """Fill the English of the demo's texts that have none yet."""
    filled = 0
    for model, fields, english in TEXTS:
        for field in fields:
            untranslated = Q(**{f"{field}_en__isnull": True}) | Q(**{f"{field}_en": ""})
            for spanish, text in english.items():
                filled += (
                    model.objects.filter(untranslated, **{f"{field}_es": spanish})
                    # Constant texts, the charter's HTML among them, already clean.
                    .update(**{f"{field}_en": text})
                )
    if filled:
        plan_data_changed()
