from django import template

from learningcity.models import Notification

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context):
    """`{% unread_notifications as unread %}`: the header shows it twice (wide and phone menus),
    so it is counted once a request, in one query."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    if not hasattr(request, "_unread_notifications"):
        request._unread_notifications = Notification.objects.filter(recipient=user).unread().count()
    return request._unread_notifications
