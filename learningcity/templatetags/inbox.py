from django import template

from learningcity.inbox import inbox_count as count_for

register = template.Library()


@register.simple_tag(takes_context=True)
def inbox_count(context):
    """`{% inbox_count as waiting %}`: the header shows it twice (wide and phone menus), so it is
    counted once a request."""
    request = context.get("request")
    if request is None:
        return 0
    if not hasattr(request, "_inbox_count"):
        request._inbox_count = count_for(request.user)
    return request._inbox_count
