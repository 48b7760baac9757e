"""Content in several languages (DESIGN.md §6, docs/decisions/0001-content-languages.md).

Each area app names in its `translation.py` the texts a reader sees; django-modeltranslation keeps
them as `<field>_es`, `<field>_en`. What every app needs on top lives here, and knows no app: it
reads modeltranslation's registry. The default language (settings.LANGUAGE_CODE) is required; a
missing translation shows the default language's text, marked with its `lang` attribute.
"""

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.urls import NoReverseMatch, reverse
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname, resolution_order
from modeltranslation.utils import get_language as content_language


def default_language():
    return settings.LANGUAGE_CODE


def other_languages():
    return [code for code, _name in settings.LANGUAGES if code != default_language()]


# Filled once the apps are ready: while they start, registrations are still being made.
_translated_fields = {}


def translated_fields(model):
    """The names of `model`'s texts kept per language (empty when it keeps none)."""
    if model in _translated_fields:
        return _translated_fields[model]
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        # Any object may be asked, a model or not (a template's stand-in for "no theme").
        return ()
    names = set(options.get_field_names())
    # In the model's order (the registry keeps no order): its title before its description.
    fields = tuple(field.name for field in model._meta.fields if field.name in names)
    if apps.ready:
        _translated_fields[model] = fields
    return fields


def field_in(field, language):
    """`title`, "en" → `title_en`."""
    return build_localized_fieldname(field, language)


def fields_in_languages(model, names):
    """A form's field list with each translated text replaced by its fields per language, the
    default language's first: ["title", "start"] → ["title_es", "title_en", "start"]."""
    translated = translated_fields(model)
    languages = [default_language(), *other_languages()]
    expanded = []
    for name in names:
        if name in translated:
            expanded.extend(field_in(name, language) for language in languages)
        else:
            expanded.append(name)
    return expanded


def widgets_in_languages(model, widgets):
    """A form's widgets, each translated text's widget given to its fields in every language."""
    translated = translated_fields(model)
    expanded = {}
    for name, widget in widgets.items():
        if name in translated:
            for code, _name in settings.LANGUAGES:
                expanded[field_in(name, code)] = widget
        else:
            expanded[name] = widget
    return expanded


def shown_language(obj, field):
    """The language of the text a reader of the current language sees in `obj.<field>`: the
    current language, or the one it falls back to; None when `field` is not kept per language
    or every language is empty."""
    if field not in translated_fields(type(obj)):
        return None
    current = content_language()
    for language in resolution_order(current):
        if getattr(obj, field_in(field, language), None):
            return language
    return None


def fallback_language(obj, field):
    """The language of `obj.<field>` when it is not the current one (the text falls back), else
    None: what a `lang` attribute must say."""
    language = shown_language(obj, field)
    return language if language and language != content_language() else None


def text_search(model, field, lookup, value):
    """A Q matching `field` in any language, so a reader finds a text whichever language they
    type it in — and finds a text shown in the default language for lack of a translation."""
    names = [field]
    if field in translated_fields(model):
        names = [field_in(field, code) for code, _name in settings.LANGUAGES]
    query = Q()
    for name in names:
        query |= Q(**{f"{name}__{lookup}": value})
    return query


def text_order(model, field):
    """An expression ordering by `field` as the reader sees it: the current language's text, or
    the default language's where it has none (modeltranslation's own rewrite of `order_by`
    orders by the current language's column alone, putting untranslated texts first or last)."""
    if field not in translated_fields(model):
        return F(field)
    current, default = content_language(), default_language()
    if current == default:
        return F(field_in(field, default))
    return Coalesce(NullIf(field_in(field, current), Value("")), field_in(field, default))


@dataclass
class MissingItem:
    label: str
    edit_url: str | None
    fields: list


@dataclass
class MissingTranslations:
    model: type
    default: str
    language: str
    items: list[MissingItem]
    more: bool = False  # more objects lack it than the list shows

    @property
    def verbose_name_plural(self):
        return self.model._meta.verbose_name_plural


def _admin_change_url(model, pk):
    opts = model._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk])
    except NoReverseMatch:
        return None


def _edit_url(obj):
    """Where staff edit `obj`'s texts: its admin page, or its parent's when the admin edits it
    inline (a milestone in its action), else its own page. Reads no relation: no query."""
    model = type(obj)
    if admin.site.is_registered(model):
        return _admin_change_url(model, obj.pk)
    for field in model._meta.concrete_fields:
        parent_pk = getattr(obj, field.attname) if field.many_to_one else None
        if parent_pk is not None and admin.site.is_registered(field.related_model):
            return _admin_change_url(field.related_model, parent_pk)
    get_url = getattr(obj, "get_absolute_url", None)
    return get_url() if get_url else None


def _label(obj, fields, default):
    """What names `obj` in a list: its name when it has one (an organisation), else its first
    text in the default language. Not str(obj), which may read relations: one query each."""
    if any(field.name == "name" for field in obj._meta.concrete_fields):
        return obj.name
    return next(
        getattr(obj, field_in(field, default))
        for field in fields
        if getattr(obj, field_in(field, default))
    )


def missing_translations(limit=200):
    """Per registered model, the objects with a text in the default language and none in
    another: one query per model and language, whatever the number of objects."""
    default = default_language()
    found = []
    for model in sorted(
        translator.get_registered_models(abstract=False), key=lambda m: m._meta.label
    ):
        fields = translated_fields(model)
        for language in other_languages():
            missing = Q()
            for field in fields:
                target = field_in(field, language)
                missing |= Q(**{f"{field_in(field, default)}__gt": ""}) & (
                    Q(**{f"{target}__isnull": True}) | Q(**{target: ""})
                )
            objects = list(model._default_manager.filter(missing).order_by("pk")[: limit + 1])
            more = len(objects) > limit
            objects = objects[:limit]
            items = [
                MissingItem(
                    label=_label(obj, fields, default),
                    edit_url=_edit_url(obj),
                    fields=[
                        model._meta.get_field(field).verbose_name
                        for field in fields
                        if getattr(obj, field_in(field, default))
                        and not getattr(obj, field_in(field, language))
                    ],
                )
                for obj in objects
            ]
            if items:
                found.append(MissingTranslations(model, default, language, items, more))
    return found


def keep_translations_in_history():
    """simple-history builds a model's history table as the model is defined, before
    modeltranslation adds the fields per language: add them to it, so the history keeps every
    language, and keep the text of the default language in the history's original column (the
    model's own column holds the language of whoever saved last). Called when the apps are
    ready, after each app's registrations (its translation.py); doing it again changes nothing."""
    from simple_history.signals import pre_create_historical_record

    for model in translator.get_registered_models(abstract=False):
        manager_name = getattr(model._meta, "simple_history_manager_attribute", None)
        if manager_name is None:
            continue
        historical = getattr(model, manager_name).model
        present = {field.name for field in historical._meta.get_fields()}
        for text in translated_fields(model):
            for code, _name in settings.LANGUAGES:
                if field_in(text, code) in present:
                    continue
                column = model._meta.get_field(text).clone()
                column.null = column.blank = True
                historical.add_to_class(field_in(text, code), column)
        historical._meta._expire_cache()
    pre_create_historical_record.connect(
        _history_in_default_language, dispatch_uid="history_in_default_language"
    )


def _history_in_default_language(sender, instance, history_instance, **kwargs):
    for text in translated_fields(type(instance)):
        value = getattr(instance, field_in(text, default_language()))
        if value is not None:
            setattr(history_instance, text, value)
