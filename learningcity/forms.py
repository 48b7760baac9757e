"""Form fields every app uses to choose objects by id, and forms of texts kept per language."""

import copy

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models

from learningcity.content_languages import default_language, field_in, translated_fields
from learningcity.shortcuts import plain_number


class PlainIdMixin:
    """Refuses, as an invalid choice, an id that is not a plain number a 64-bit key can hold.

    Such a value would otherwise reach the database: SQLite raises OverflowError for a number
    beyond 64 bits in `pk__in`, which ModelMultipleChoiceField does not catch, and "٣" would
    pass for 3."""

    def to_python(self, value):
        if isinstance(value, str) and value not in self.empty_values:
            self._refuse_malformed([value], "invalid_choice")
        return super().to_python(value)

    def _check_values(self, value):
        if isinstance(value, list | tuple):
            self._refuse_malformed(value, "invalid_pk_value")
        return super()._check_values(value)

    def _refuse_malformed(self, values, code):
        opts = self.queryset.model._meta
        key = opts.pk if self.to_field_name in {None, "pk"} else opts.get_field(self.to_field_name)
        if not isinstance(key, models.IntegerField):
            return
        for value in values:
            if isinstance(value, str) and plain_number(value) is None:
                raise ValidationError(
                    self.error_messages[code], code=code, params={"pk": value, "value": value}
                )


def as_saved(instance):
    """A copy of `instance` as it is stored, for the page around its form: a bound form writes
    the input onto its instance while validating, so a refused change would otherwise rename the
    page's heading. None for an instance not saved yet."""
    return copy.copy(instance) if instance is not None and instance.pk else None


class IdChoiceField(PlainIdMixin, forms.ModelChoiceField):
    pass


class IdMultipleChoiceField(PlainIdMixin, forms.ModelMultipleChoiceField):
    pass


def id_formfield(model_field, **kwargs):
    """A ModelForm's `formfield_callback`: its relations are chosen with the fields above."""
    if isinstance(model_field, models.ManyToManyField):
        kwargs.setdefault("form_class", IdMultipleChoiceField)
    elif isinstance(model_field, models.ForeignKey):
        kwargs.setdefault("form_class", IdChoiceField)
    return model_field.formfield(**kwargs)


class TextsInLanguagesMixin:
    """A ModelForm whose texts kept per language have a field each per language (its
    `Meta.fields` made with `content_languages.fields_in_languages`): each input says its
    language (`lang`, for spelling and screen readers), and `rows` groups a text's fields so the
    templates show them side by side (`{% text_field form "title" %}` does it for one text)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, code in self._field_languages().items():
            self.fields[name].widget.attrs["lang"] = code

    def _update_errors(self, errors):
        """The model's error on a text kept per language (`recognition`) goes to the field of
        the default language (`recognition_es`): the form has no field of the text's own name,
        and Django raises ValueError (a 500) for an error on a field the form lacks."""
        if hasattr(errors, "error_dict"):
            translated = translated_fields(self._meta.model)
            moved = {}
            for name, messages in errors.error_dict.items():
                if name in translated and name not in self.fields:
                    in_default = field_in(name, default_language())
                    name = in_default if in_default in self.fields else NON_FIELD_ERRORS
                moved.setdefault(name, []).extend(messages)
            errors = ValidationError(moved)
        super()._update_errors(errors)

    def _field_languages(self):
        languages = {}
        for text in translated_fields(self._meta.model):
            for code, _name in settings.LANGUAGES:
                if field_in(text, code) in self.fields:
                    languages[field_in(text, code)] = code
        return languages

    def rows(self):
        """The form's fields in order, a text's fields per language as one row (a dict with its
        legend and fields), any other field as itself."""
        languages = self._field_languages()
        texts = {}
        rows = []
        for bound in self:
            if bound.name not in languages:
                rows.append(bound)
                continue
            text = bound.name.removesuffix("_" + languages[bound.name])
            if text not in texts:
                texts[text] = {
                    "legend": self._meta.model._meta.get_field(text).verbose_name,
                    "in_languages": [],
                }
                rows.append(texts[text])
            texts[text]["in_languages"].append(bound)
        return rows
