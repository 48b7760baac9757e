"""Rows every installation starts with: the global roles and the shared reference lists.

Data migrations call these with the historical models; tests call them again after a live-server
flush. Districts belong to each city, so they come from the city (or `seed_demo`), not from here.
"""

from learningcity.permissions import GLOBAL_ROLES

SECTORS = [
    ("education", "Educación básica y media", "School education"),
    ("higher-education", "Educación superior", "Higher education"),
    ("adult-education", "Educación de adultos y comunitaria", "Adult and community education"),
    ("culture", "Cultura, bibliotecas y museos", "Culture, libraries and museums"),
    ("business", "Empresas y comercio", "Business and commerce"),
    ("labour", "Trabajo y sindicatos", "Labour and trade unions"),
    ("civil-society", "Sociedad civil", "Civil society"),
    ("public-administration", "Administración pública", "Public administration"),
    ("health", "Salud y bienestar", "Health and well-being"),
    ("media", "Medios de comunicación", "Media"),
    ("environment", "Medio ambiente", "Environment"),
]

TARGET_GROUPS = [
    (
        "migrant-families",
        "Familias con antecedentes de migración",
        "Families with a migrant background",
        True,
    ),
    (
        "special-learning-needs",
        "Personas con necesidades especiales de aprendizaje",
        "People with special learning needs",
        True,
    ),
    ("unemployed", "Personas desempleadas", "Unemployed people", True),
    ("people-with-disabilities", "Personas con discapacidad", "People with disabilities", True),
    ("older-adults", "Personas mayores", "Older adults", False),
    ("young-people", "Jóvenes", "Young people", False),
    ("families", "Familias con niñas y niños", "Families with children", False),
    ("women", "Mujeres", "Women", False),
]


ACCESSIBILITY_FEATURES = [
    (
        "step-free",
        "Acceso sin escalones",
        "Step-free access",
        "Entrada, pasillos y salas accesibles en silla de ruedas, sin escalones.",
        "Entrance, corridors and rooms reachable in a wheelchair, without steps.",
    ),
    (
        "accessible-toilet",
        "Baño accesible",
        "Accessible toilet",
        "Un baño adaptado para personas en silla de ruedas.",
        "A toilet adapted for wheelchair users.",
    ),
    (
        "hearing-loop",
        "Bucle magnético",
        "Hearing loop",
        "Un bucle de inducción para personas con audífono.",
        "An induction loop for people who use hearing aids.",
    ),
    (
        "sign-language",
        "Lengua de señas",
        "Sign language",
        "Interpretación en lengua de señas, disponible o a pedido.",
        "Sign-language interpreting, available or on request.",
    ),
    (
        "easy-read",
        "Lectura fácil",
        "Easy read",
        "Materiales en lectura fácil.",
        "Materials in easy-read format.",
    ),
    (
        "quiet-room",
        "Sala tranquila",
        "Quiet room",
        "Un espacio tranquilo para descansar de los estímulos.",
        "A calm space to rest from noise and crowds.",
    ),
    (
        "captions",
        "Subtítulos",
        "Captions",
        "Subtítulos en directo o en los videos.",
        "Live captions, or captions on videos.",
    ),
    (
        "large-print",
        "Letra grande",
        "Large print",
        "Materiales impresos en letra grande.",
        "Printed materials in large print.",
    ),
    (
        "assistance-animals",
        "Animales de asistencia bienvenidos",
        "Assistance animals welcome",
        "",
        "",
    ),
    (
        "childcare",
        "Cuidado infantil",
        "Childcare",
        "Cuidado de niñas y niños durante la actividad.",
        "Children are looked after during the activity.",
    ),
]


def ensure_roles(group_model):
    for name in GLOBAL_ROLES:
        group_model.objects.get_or_create(name=name)


def ensure_reference_lists(sector_model, target_group_model, feature_model):
    for slug, name_es, name_en in SECTORS:
        sector_model.objects.get_or_create(
            slug=slug, defaults={"name_es": name_es, "name_en": name_en}
        )
    for slug, name_es, name_en, marginalised in TARGET_GROUPS:
        target_group_model.objects.get_or_create(
            slug=slug,
            defaults={"name_es": name_es, "name_en": name_en, "marginalised": marginalised},
        )
    for slug, name_es, name_en, description_es, description_en in ACCESSIBILITY_FEATURES:
        feature_model.objects.get_or_create(
            slug=slug,
            defaults={
                "name_es": name_es,
                "name_en": name_en,
                "description_es": description_es,
                "description_en": description_en,
            },
        )
