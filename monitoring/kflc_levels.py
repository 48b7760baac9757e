"""The generic descriptors of the self-assessment's five levels, loaded by a data migration and
by the demo (after a test database is flushed). Staff edit them, or add descriptors for one area
of focus, in the admin; loading again never overwrites what they wrote."""

LEVELS = [
    (
        1,
        "Sin iniciar",
        "Not started",
        "Aún no hay acciones en esta área de enfoque; como mucho, se reconoce la necesidad.",
        "Nothing is done in this area of focus yet; at most, the need is recognised.",
    ),
    (
        2,
        "Incipiente",
        "Emerging",
        "Hay iniciativas aisladas, sin un plan compartido ni datos regulares.",
        "A few isolated initiatives exist, without a shared plan or regular data.",
    ),
    (
        3,
        "En desarrollo",
        "Developing",
        "Hay acciones planificadas con varios aliados y algunos datos muestran resultados.",
        "Planned actions are under way with several partners, and some data show results.",
    ),
    (
        4,
        "Consolidado",
        "Established",
        "Las acciones son sostenidas, coordinadas entre sectores y se siguen con datos "
        "regularmente.",
        "Actions are sustained, coordinated across sectors and regularly monitored with data.",
    ),
    (
        5,
        "Referente",
        "Leading",
        "La práctica está arraigada en toda la ciudad, se evalúa, mejora con el tiempo y se "
        "comparte con otras ciudades.",
        "The practice is rooted across the city, evaluated, improved over time and shared with "
        "other cities.",
    ),
]


def ensure_descriptors(descriptor_model):
    """Create the generic descriptor of each level that has none. Safe to run again."""
    for level, name_es, name_en, description_es, description_en in LEVELS:
        descriptor_model.objects.get_or_create(
            level=level,
            focus=None,
            defaults={
                "name_es": name_es,
                "name_en": name_en,
                "description_es": description_es,
                "description_en": description_en,
            },
        )
