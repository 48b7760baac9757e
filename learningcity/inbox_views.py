from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from learningcity.inbox import inbox_for


@login_required
def inbox(request):
    """Everything waiting for the person, from every app that registered an inbox provider."""
    sections = inbox_for(request.user)
    return render(
        request,
        "inbox.html",
        {"sections": sections, "total": sum(entry.count for _, entry in sections)},
    )
