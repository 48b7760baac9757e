"""django-filter filters that choose objects by id, refusing ids no database key can hold."""

import django_filters
from django_filters import fields

from learningcity.forms import PlainIdMixin


class _IdChoiceField(PlainIdMixin, fields.ModelChoiceField):
    pass


class IdChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = _IdChoiceField
