"""The English texts of the demo's organisations, committee decisions, exchanges and good
practices, filled in after the Spanish data of stakeholders.demo by the Spanish text: a demo
seeded before English was kept gets its English too, and running it again changes nothing."""

from django.db.models import Q

from stakeholders.models import CommitteeDecision, Exchange, GoodPractice, Organisation

ORGANISATIONS = {
    "Préstamo de libros, clubes de lectura y alfabetización digital.": (
        "Book loans, reading clubs and digital literacy."
    ),
    "Tareas dirigidas, cuentacuentos y computadoras de uso libre.": (
        "Homework help, storytelling and computers free to use."
    ),
    "Visitas guiadas, talleres para familias e historia local.": (
        "Guided tours, workshops for families and local history."
    ),
    "Talleres de música, danza y artes plásticas.": "Music, dance and visual arts workshops.",
    "Escuela pública con talleres abiertos a las familias.": (
        "State school with workshops open to families."
    ),
    "Escuela de tiempo completo con huerto escolar.": "Full-day school with a school garden.",
    "Bachillerato técnico en informática y turismo.": (
        "Technical upper secondary school in computing and tourism."
    ),
    "Extensión universitaria y universidad para mayores.": (
        "University extension courses and a university for older people."
    ),
    "Ingenierías y cursos abiertos de programación.": (
        "Engineering degrees and open programming courses."
    ),
    "Alfabetización de adultos y apoyo escolar.": "Adult literacy and homework support.",
    "Primaria y secundaria para personas adultas.": ("Primary and secondary education for adults."),
    "Cursos de oficios certificados.": "Certified trade courses.",
    "Formación para pequeñas empresas y aprendices.": (
        "Training for small businesses and apprentices."
    ),
    "Cooperativa que forma a sus socias en diseño y finanzas.": (
        "A cooperative that trains its members in design and finance."
    ),
    "Empresa familiar con programa de aprendices.": (
        "Family business with an apprenticeship programme."
    ),
    "Formación continua del personal docente.": "Continuing education for teachers.",
    "Escuela campesina y formación agroecológica.": "Farmers' school and agroecology training.",
    "Becas y mentorías para jóvenes y familias migrantes.": (
        "Grants and mentoring for young people and migrant families."
    ),
    "Club de lectura y talleres de memoria.": "Reading club and memory workshops.",
    "Lectura en voz alta para la primera infancia.": "Reading aloud for early childhood.",
    "Clases de español y orientación para familias migrantes.": (
        "Spanish classes and guidance for migrant families."
    ),
    "Coordina la oferta educativa del municipio.": (
        "Coordinates the municipality's education provision."
    ),
    "Programas de empleo y emprendimiento.": "Employment and entrepreneurship programmes.",
    "Desarrollo integral de la familia: talleres y guarderías.": (
        "Family development: workshops and day nurseries."
    ),
    "Talleres de salud y nutrición para familias.": "Health and nutrition workshops for families.",
    "Formación de cuidadores y educación para la salud.": "Carer training and health education.",
    "Programas de radio sobre aprendizaje y cultura local.": (
        "Radio programmes on learning and local culture."
    ),
    "Periódico local con sección semanal de educación.": (
        "Local newspaper with a weekly education page."
    ),
    "Educación ambiental y reciclaje en los barrios.": (
        "Environmental education and recycling in neighbourhoods."
    ),
    "Talleres de botánica y huertos urbanos.": "Botany and urban gardening workshops.",
}

DECISIONS = {
    "El plan se construye con consulta abierta a todos los sectores.": (
        "The plan is built in open consultation with every sector."
    ),
    "Cada acción del plan tendrá una organización responsable.": (
        "Each action of the plan will have an organisation responsible for it."
    ),
    "Se publicará un informe de avance cada semestre.": (
        "A progress report will be published every six months."
    ),
    "Se buscará que las empresas aporten el 20 % del presupuesto.": (
        "Businesses will be asked to provide 20 % of the budget."
    ),
}

EXCHANGES = {
    "Festivales del aprendizaje": "Learning festivals",
    "Intercambio sobre cómo organizar un festival del aprendizaje.": (
        "An exchange on how to organise a learning festival."
    ),
}

GOOD_PRACTICES = {
    "Festival del aprendizaje en plazas públicas": "A learning festival in public squares",
    "Festival del aprendizaje en plazas públicas.": "A learning festival in public squares.",
    "Guía para construir una ciudad del aprendizaje": "Guide to building a learning city",
    "Guía para construir una ciudad del aprendizaje.": "Guide to building a learning city.",
    "Bibliotecas como espacios comunitarios de aprendizaje": (
        "Libraries as community learning spaces"
    ),
    "Bibliotecas como espacios comunitarios de aprendizaje.": (
        "Libraries as community learning spaces."
    ),
    "Indicadores locales de aprendizaje a lo largo de la vida": (
        "Local indicators of lifelong learning"
    ),
    "Indicadores locales de aprendizaje a lo largo de la vida.": (
        "Local indicators of lifelong learning."
    ),
}

# Per model, its texts and the English of their Spanish.
TEXTS = [
    (Organisation, ["description"], ORGANISATIONS),
    (CommitteeDecision, ["text"], DECISIONS),
    (Exchange, ["topic", "description"], EXCHANGES),
    (GoodPractice, ["title", "summary"], GOOD_PRACTICES),
]


def seed_english():
    """Fill the English of the demo's texts that have none yet."""
    for model, fields, english in TEXTS:
        for field in fields:
            untranslated = Q(**{f"{field}_en__isnull": True}) | Q(**{f"{field}_en": ""})
            for spanish, text in english.items():
                model.objects.filter(untranslated, **{f"{field}_es": spanish}).update(
                    **{f"{field}_en": text}
                )
