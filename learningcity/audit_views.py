"""Staff read the audit trail: newest first, by kind of object and by who acted."""

import django_filters
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_filters import fields

from learningcity import audit
from learningcity.forms import PlainIdMixin
from learningcity.models import AuditEntry
from learningcity.permissions import rule_required


class _KindField(PlainIdMixin, fields.ModelChoiceField):
    def label_from_instance(self, obj):
        model = obj.model_class()
        return str(model._meta.verbose_name).capitalize() if model else obj.model


class KindFilter(django_filters.ModelChoiceFilter):
    field_class = _KindField


class _ActorField(PlainIdMixin, fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.email


class ActorFilter(django_filters.ModelChoiceFilter):
    field_class = _ActorField


class ActivityFilter(django_filters.FilterSet):
    target_type = KindFilter(label=_("Kind of object"), queryset=ContentType.objects.none())
    actor = ActorFilter(label=_("Who"), queryset=get_user_model().objects.none())

    class Meta:
        model = AuditEntry
        fields = ["target_type", "actor"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only what the trail holds, so the lists stay short.
        self.filters["target_type"].queryset = ContentType.objects.filter(
            pk__in=AuditEntry.objects.values("target_type")
        )
        self.filters["actor"].queryset = (
            get_user_model()
            .objects.filter(pk__in=AuditEntry.objects.values("actor"))
            .order_by("full_name", "email")
        )


@rule_required("city.read_activity")
def activity(request):
    entries = ActivityFilter(
        request.GET, queryset=AuditEntry.objects.select_related("actor", "target_type")
    )
    page = Paginator(entries.qs, 50).get_page(request.GET.get("page"))
    for entry in page.object_list:
        entry.restorable = audit.restorable(entry)
    return render(request, "activity.html", {"filter": entries, "page": page})


@require_POST
@rule_required("city.restore_activity")
def restore(request, pk):
    """Put back the value a field had before an entry, through its app's service."""
    entry = get_object_or_404(AuditEntry.objects.select_related("target_type"), pk=pk)
    key = request.POST.get("key", "")
    try:
        audit.restore(entry=entry, key=key, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            gettext("The earlier value of “%(field)s” is back, recorded as a new entry.")
            % {"field": key},
        )
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = reverse("activity")
    return redirect(back)
