from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from learningcity import permissions
from learningcity.kept import kept_sections
from learningcity.registry import registry

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, action, obj=None):
    """`{% can "stakeholders.edit_organisation" organisation as may_edit %}`"""
    return permissions.can(context["request"].user, action, obj)


@register.filter
def has_role(user, role):
    return permissions.has_role(user, role)


@register.filter
def item(sequence, index):
    """`{{ columns|item:forloop.counter0 }}`: the column a cell belongs to, e.g. for its
    data-label when a table stacks its rows on phones. Empty when there is no such item.
    """
    try:
        return sequence[index]
    except (IndexError, KeyError, TypeError):
        return ""


@register.simple_tag(takes_context=True)
def render_sections(context, slot, obj=None):
    """Renders what other apps registered for `slot` (see learningcity.registry)."""
    request = context["request"]

    def render_section(section):
        section_context = section.get_context(request, obj)
        if section_context is None:
            return ""
        section_context = {"section": section, "object": obj, **section_context}
        return render_to_string(section.template_name, section_context, request=request)

    # Each part is a rendered template, already escaped.
    return mark_safe(
        "".join(kept_sections(request, registry.sections_for(slot), obj, render_section))
    )


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced, e.g. for pagination links."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()
