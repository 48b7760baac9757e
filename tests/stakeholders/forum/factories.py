"""Forum data for tests: categories by factory, topics and posts through the services (the one
write path), so counters, history and search vectors are what the portal makes."""

import factory

from stakeholders.forum import services
from stakeholders.forum.models import Category


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"category-{n}")
    name_es = factory.Sequence(lambda n: f"Categoría {n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")
    order = factory.Sequence(int)


def start_topic(
    by, category=None, title="Clubes de lectura en los barrios", body="¿Quién se suma?", **kwargs
):
    return services.topic_start(
        category=category or CategoryFactory(), title=title, body=body, by=by, **kwargs
    )


def reply(topic, by, body="Me sumo con mucho gusto.", **kwargs):
    return services.post_reply(topic=topic, body=body, by=by, **kwargs)
