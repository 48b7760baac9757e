# Demo data reads best as one record a line, as in planning/demo.py.
# ruff: noqa: E501
"""The English texts of the demo plan, so `/en/plan/` of the demo city reads in English.

Kept apart from the Spanish data in planning.demo and filled in after it, by the Spanish text: a
demo seeded before English was kept gets its English too, and running it again changes nothing.
"""

from django.db.models import Q

from planning.models import (
    Action,
    ActionPlan,
    Charter,
    Consultation,
    Milestone,
    Objective,
    Theme,
    Workshop,
    WorkshopMaterial,
)
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

# Per action of planning.demo.ACTIONS, in its order: the English of its description and of its
# milestones.
ACTION_DETAILS = [
    (
        "Walk the seven districts with residents to find libraries, school playgrounds, communal halls and community centres that could open in the afternoons. The resulting map is published on the portal and shows where to open the new spaces.",
        ["Walks done in the seven districts", "Map published on the portal", "Priorities agreed with the neighbourhood committees"],
    ),
    (
        "Agree with state schools on the use of classrooms, playgrounds and school libraries outside school hours, with someone in charge of opening and an insurance. It starts with five schools and grows to one per district.",
        ["Agreement signed with the Education Department", "Five schools open on Saturdays", "One school open in every district"],
    ),
    (
        "Refurbish the old communal house of Río Chico as a learning centre with a computer room, a toy library and a classroom for trade workshops. The community centre runs it with a residents' council.",
        ["Detailed design approved by Public Works", "Refurbishment finished", "Opening with the first round of workshops"],
    ),
    (
        "A converted van visits every week the neighbourhoods of Las Lomas and the East that have no library, lending books, telling stories and offering internet access. The routes follow the use recorded.",
        ["Van fitted out and signed", "Weekly routes published", "First report of loans by neighbourhood"],
    ),
    (
        "Each neighbourhood library starts a club that meets two Saturdays a month to read aloud with children and their families. Facilitators of the Reading Mothers' Network lead the sessions.",
        ["Ten reading facilitators trained", "Clubs running in three libraries", "Annual meeting of reading clubs"],
    ),
    (
        "Set up a corner of baby books in the waiting room of health centres, where staff advise reading from the first months. Each family gets a book at the well-child check-up.",
        ["Reading corner set up in Las Lomas", "A thousand books given at check-ups", "Baby libraries in every health centre"],
    ),
    (
        "A bag with five books and a logbook goes every week from family to family of a class. Families write in the logbook what they read together, and the school shares it at the end of the year.",
        ["Forty bags put together with the library", "Bags travelling in every primary class", "Logbooks gathered and shown at the end of the year"],
    ),
    (
        "A weekly half-hour programme with readings aloud, interviews with local authors and the libraries' suggestions for reading as a family. It is also published as a podcast for those who cannot listen live.",
        ["Pilot programme recorded", "A season of twenty programmes on air", "Episodes published as a podcast"],
    ),
    (
        "Four-month courses in electrical work, refrigeration, pastry and industrial sewing for young people aged 16 to 29, with certification of their skills at the end. The Chamber's businesses offer the work placements.",
        ["Courses agreed with the businesses", "First cohort enrolled", "First cohort certified"],
    ),
    (
        "Small businesses take on young apprentices for six months, with a tutor in the business and a municipal grant. It starts with bakeries, garages and shops downtown.",
        ["Twenty businesses signed up as trainers", "Business tutors trained", "A hundred apprentices placed"],
    ),
    (
        "A yearly fair in the main square where businesses show their vacancies and institutions their courses, with career guidance and CV reviews on the spot.",
        ["Venue and date confirmed", "Exhibitors registered", "Fair held, with attendance recorded"],
    ),
    (
        "Guidance sessions in the last two years of upper secondary school on technical and university careers and trades in demand in the city, with visits to businesses and former students' stories.",
        ["Guidance handbook written", "Sessions held in every state upper secondary school", "Follow-up survey of former students"],
    ),
    (
        "A survey of member businesses finds out what training they give today, what they need and what keeps them from training their staff. The results shape the courses offered to businesses.",
        ["Questionnaire validated with the Chamber", "Two hundred businesses surveyed", "Report of needs presented to the committee"],
    ),
    (
        "A municipal award for businesses with a training plan for all their staff, paid study hours and partnerships with schools. It is given every year during the learning festival.",
        ["Award criteria published", "First call open", "First awards given"],
    ),
    (
        "Members of the textile cooperative support new cooperatives in design, costing and management, in monthly sessions. Each pair of cooperatives agrees on its learning goals.",
        ["Ten cooperatives in the programme", "Mentoring guide published", "Evaluation of the first mentoring"],
    ),
    (
        "An eight-week evening course in basic accounting, pricing and online sales for owners of micro-businesses, with one-to-one advice at the end.",
        ["Syllabus agreed with the Technological Institute", "First group of micro-businesses graduated", "One-to-one advice completed"],
    ),
    (
        "Spanish classes in the afternoon, with childcare, for migrants, taught by university students doing their social service and with guidance on paperwork and services.",
        ["First group of thirty people enrolled", "Teaching material adapted", "Second group opened in the West"],
    ),
    (
        "Open the Community Plaza from 18:00 to 21:00 and on Saturdays so that people who work can finish primary and secondary school, with volunteer tutors from the teachers' union.",
        ["Volunteer tutors assigned", "Evening hours running", "First secondary school certificates given"],
    ),
    (
        "Adapt the music and arts workshops of the House of Culture with a sign language interpreter, tactile materials and wheelchair access, and train its staff in inclusive service.",
        ["Accessibility review of the House of Culture", "Staff trained in inclusive service", "Workshops with a sign language interpreter"],
    ),
    (
        "Workshops on agroecology, soil conservation and selling, held in the plots of Río Chico at the pace of the sowing season, for farm workers and their families.",
        ["Calendar agreed with the Union", "Workshops in five demonstration plots", "Seed exchange meeting"],
    ),
    (
        "Gather in a catalogue the non-formal courses that meet quality criteria — objectives, hours, assessment — so that their certificates count with employers and schools.",
        ["Recognition criteria approved", "Fifty courses reviewed", "Catalogue published on the portal"],
    ),
    (
        "Each certificate of a recognised course carries a code any employer can check on the portal, without calling the institution that issued it.",
        ["Single certificate format agreed", "Public verification running", "First thousand certificates issued"],
    ),
    (
        "Assess and certify what builders, seamstresses and mechanics learned at work, with a practical test and a portfolio, so they can prove it without taking a course again.",
        ["Assessors certified", "First practical assessments", "Certificates given at a public ceremony"],
    ),
    (
        "Record the hours and skills volunteers build up in civil society organisations, so that the university recognises them as social service credits.",
        ["Record format agreed", "Credits agreement with the university", "First credits recognised"],
    ),
    (
        "Six-week courses on using the phone and the computer: messages, video calls with the family, online banking and medical appointments, in small groups and at a gentle pace.",
        ["Classroom equipped at the Association", "Three groups finished", "Advanced group on online services"],
    ),
    (
        "Computing students accompany older people once a week as part of their social service, with a guide of activities and a closing meeting between generations.",
        ["Guide for young tutors published", "Forty tutoring pairs formed", "Closing meeting between generations"],
    ),
    (
        "Free wireless internet and computers free to use in the libraries and in three public squares, with an adviser who helps whoever needs it on Tuesdays and Thursdays.",
        ["Connection installed in the libraries", "Three squares with free internet", "Digital advisers at work"],
    ),
    (
        "A series of articles and workshops on how to recognise fraudulent calls, messages and web pages, prepared with older people who shared what happened to them.",
        ["Series of articles published", "Workshops in the five districts", "Printed guide handed out in health centres"],
    ),
    (
        "Each taking part school grows a garden with its students and their families, supported by agroecology promoters. The harvests are shared at a seasonal fair.",
        ["Ten school gardens sown", "Promoters assigned to each school", "Harvest fair"],
    ),
    (
        "Workshops in community centres on sorting waste and home composting, with a collection point in each district and a measure of what no longer goes to the landfill.",
        ["Collection points installed", "Workshops in the seven districts", "First report of sorted waste"],
    ),
    (
        "Guided walks along the Río Chico river bank for schools and families, about water, local plants and the city's history, with material to continue in the classroom.",
        ["Trail signposted", "Guides trained", "Walks for every secondary school"],
    ),
    (
        "A week of talks, workshops and radio programmes on climate change and what each neighbourhood can do, organised with the university and environmental organisations.",
        ["Programme of the week agreed", "Week held in the five districts", "Report published on the portal"],
    ),
    (
        "Form the committee with representatives of every sector, approve its rules of procedure and a calendar of quarterly meetings with public minutes.",
        ["Members named by each sector", "Rules approved by consensus", "First ordinary meeting held"],
    ),
    (
        "Five groups, one per theme of the plan, bring together every two months the organisations in charge of its actions to review progress, remove obstacles and propose changes to the committee.",
        ["Groups set up", "First progress report of the groups", "Changes proposed to the committee"],
    ),
    (
        "An open meeting where the committee reports on the plan's progress, organisations present their experience and citizens propose priorities for the following year.",
        ["Venue and programme of the forum confirmed", "Forum held", "Report published with the proposals gathered"],
    ),
    (
        "Visits and online exchanges with Puerto Claro, Medellín and Hamburg to learn their practices in community learning and share those of Villa Esperanza in UNESCO's global network.",
        ["Exchange agenda agreed", "Visit of the Puerto Claro delegation", "Report of practices learned"],
    ),
    (
        "Create in the spending budget a line of its own for the plan's actions, with public operating rules and a yearly report of its use to the city council.",
        ["Budget line approved by the city council", "Operating rules published", "First report of spending presented"],
    ),
    (
        "A fund to which businesses, foundations and the municipality contribute for grants and equipment, run by a joint board that publishes each call and its results.",
        ["Fund agreement signed", "First contributions received", "First call for grants decided"],
    ),
    (
        "A register on the portal where organisations offer classrooms, equipment and volunteer hours that others can ask for, to make the most of what the city already has.",
        ["Resource register open on the portal", "Fifty resources offered", "First review of loans between organisations"],
    ),
    (
        "Estimate the costs and benefits of three of the plan's programmes — trades for young people, digital literacy and gardens — as evidence to keep funding them.",
        ["Method agreed with the committee", "Data of the three programmes gathered", "Study published"],
    ),
]  # fmt: skip

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
    "Financiar el plan entre todos": "Funding the plan together",
    (
        "Fuentes de financiamiento, acuerdos de costos compartidos y recursos que las "
        "organizaciones ya tienen para las acciones del plan."
    ): (
        "Funding sources, cost-sharing agreements and the resources organisations already have "
        "for the plan's actions."
    ),
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
MATERIALS = {
    "Presentación del taller": "The workshop's slides",
    "Guía de trabajo por sectores": "Worksheet for each sector",
}

TEXTS = [
    (ActionPlan, ["title", "attractive_title", "vision", "national_alignment"], PLAN),
    (Theme, ["title", "challenge"], THEMES),
    (Objective, ["title", "means_of_evaluation"], OBJECTIVES),
    (Action, ["title"], ACTIONS),
    (Charter, ["title", "text", "alignment"], CHARTER),
    (Workshop, ["topic", "description"], WORKSHOPS),
    (Consultation, ["title", "question"], CONSULTATIONS),
    (WorkshopMaterial, ["title"], MATERIALS),
]


def seed_english():
    """Fill the English of the demo's texts that have none yet."""
    filled = 0
    for model, fields, english in TEXTS:
        for field in fields:
            untranslated = Q(**{f"{field}_en__isnull": True}) | Q(**{f"{field}_en": ""})
            longest = model._meta.get_field(f"{field}_en").max_length
            for spanish, text in english.items():
                # One table of texts serves several fields (a charter's title and its text):
                # PostgreSQL refuses even to compare a value longer than the column holds.
                if longest and max(len(spanish), len(text)) > longest:
                    continue
                filled += (
                    model.objects.filter(untranslated, **{f"{field}_es": spanish})
                    # Constant texts, the charter's HTML among them, already clean.
                    .update(**{f"{field}_en": text})
                )
    filled += _action_details()
    if filled:
        plan_data_changed()


def _action_details():
    """The actions' descriptions and milestones, by the Spanish of planning.demo.ACTIONS."""
    from planning.demo import ACTIONS  # planning.demo calls this module: import when run

    descriptions, milestones = {}, {}
    spanish = [action for objective in ACTIONS for action in objective]
    for (_title, _lead, _partner, description, steps), (english, english_steps) in zip(
        spanish, ACTION_DETAILS, strict=True
    ):
        descriptions[description] = english
        milestones.update(zip(steps, english_steps, strict=True))
    filled = 0
    for model, field, english in [
        (Action, "description", descriptions),
        (Milestone, "title", milestones),
    ]:
        untranslated = Q(**{f"{field}_en__isnull": True}) | Q(**{f"{field}_en": ""})
        for text_es, text_en in english.items():
            filled += model.objects.filter(untranslated, **{f"{field}_es": text_es}).update(
                **{f"{field}_en": text_en}
            )
    return filled
