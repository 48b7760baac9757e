from datetime import timedelta

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from events import services
from events.models import (
    Event,
    EventSeries,
    ExhibitorApplication,
    MediaContact,
    MediaCoverage,
    PressRelease,
    Registration,
    Session,
    Speaker,
)
from learningcity.admin_site import RuleModelAdmin, RuleStackedInline, RuleTabularInline
from learningcity.content_languages import fields_in_languages


class RegistrationInline(RuleTabularInline):
    """Registrations are read here; people register and cancel through the event's pages, so
    places and the waiting list stay in order."""

    edit_rule = "events.edit_events"
    model = Registration
    extra = 0
    can_delete = False
    fields = ["name", "email", "status", "requested_at", "user"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class SessionInline(TranslationStackedInline, RuleStackedInline):
    """The programme's sessions; the page shows them day by day."""

    edit_rule = "events.edit_events"
    model = Session
    extra = 0
    filter_horizontal = ["speakers"]


@admin.register(Speaker)
class SpeakerAdmin(RuleModelAdmin):
    edit_rule = "events.edit_events"
    list_display = ["name", "affiliation", "partner_city"]
    list_select_related = ["partner_city"]
    search_fields = ["name", "affiliation"]


class MediaCoverageInline(RuleTabularInline):
    edit_rule = "events.edit_events"
    model = MediaCoverage
    extra = 0


class EventAdminForm(forms.ModelForm):
    below_confirmed = forms.BooleanField(
        label=_("Fewer places than confirmed attendees: keep their places all the same"),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        problem = services.places_below_confirmed(
            event=self.instance, capacity=cleaned.get("capacity")
        )
        if problem and not cleaned.get("below_confirmed"):
            self.add_error("capacity", problem)
        return cleaned


@admin.register(Event)
class EventAdmin(TranslationAdmin, RuleModelAdmin):
    edit_rule = "events.edit_events"
    list_display = ["title", "kind", "starts_at", "status", "venue_name", "capacity"]
    list_filter = ["kind", "status", "district"]
    list_select_related = ["district"]
    date_hierarchy = "starts_at"
    search_fields = fields_in_languages(Event, ["title"])
    prepopulated_fields = {"slug": ["title_es"]}
    filter_horizontal = ["organisers", "accessibility_features", "invited_cities"]
    autocomplete_fields = ["plan_actions"]
    readonly_fields = ["created_by", "created_at", "updated_at"]

    inlines = [SessionInline, MediaCoverageInline, RegistrationInline]
    form = EventAdminForm

    def save_model(self, request, obj, form, change):
        services.event_save(
            event=obj, by=request.user, below_confirmed=form.cleaned_data.get("below_confirmed")
        )

    def save_related(self, request, form, formsets, change):
        """Places freed by raising the number of places go to the waiting list in order."""
        super().save_related(request, form, formsets, change)
        services.registration_fill_places(event=form.instance, by=request.user)


@admin.register(EventSeries)
class EventSeriesAdmin(TranslationAdmin, RuleModelAdmin):
    edit_rule = "events.edit_events"
    list_display = ["title", "kind", "rule", "starts_at"]
    prepopulated_fields = {"slug": ["title_es"]}
    actions = ["schedule_next_year"]

    def save_model(self, request, obj, form, change):
        services.series_save(series=obj, by=request.user)

    @admin.action(description=_("Add the occurrences of the coming year, like the latest one"))
    def schedule_next_year(self, request, queryset):
        made = 0
        for series in queryset:
            model = series.events.order_by("-starts_at").first()
            if model is None:
                continue
            until = timezone.now() + timedelta(days=366)
            made += len(
                services.series_schedule(series=series, model=model, until=until, by=request.user)
            )
        self.message_user(
            request,
            ngettext("%(count)d event was added.", "%(count)d events were added.", made)
            % {"count": made},
        )


class ExhibitorReviewForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        rejected = cleaned.get("status") == ExhibitorApplication.Status.REJECTED
        if rejected and not (cleaned.get("message") or "").strip():
            self.add_error("message", _("Say why the application is not accepted."))
        return cleaned


@admin.register(ExhibitorApplication)
class ExhibitorApplicationAdmin(RuleModelAdmin):
    """Staff accept or reject applications to exhibit; the decision goes through the service,
    which tells whoever applied."""

    edit_rule = "events.edit_events"
    form = ExhibitorReviewForm
    list_display = ["organisation", "event", "status", "submitted_at"]
    list_filter = ["status", "event"]
    list_select_related = ["organisation", "event"]
    fields = ["event", "organisation", "showing", "activity", "needs", "submitted_by", "status",
              "message"]  # fmt: skip
    readonly_fields = ["event", "organisation", "showing", "activity", "needs", "submitted_by"]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        if obj.status == ExhibitorApplication.Status.PENDING:
            return
        services.exhibitor_review(
            application=obj,
            by=request.user,
            accept=obj.status == ExhibitorApplication.Status.ACCEPTED,
            message=obj.message,
        )


@admin.register(MediaContact)
class MediaContactAdmin(RuleModelAdmin):
    edit_rule = "events.edit_events"
    list_display = ["name", "outlet", "email", "language", "active"]
    list_filter = ["active", "language"]
    search_fields = ["name", "outlet", "email"]


@admin.register(PressRelease)
class PressReleaseAdmin(RuleModelAdmin):
    """Staff write an invitation or press release; saving it e-mails the active media contacts
    once (through the service and Celery). A release sent is kept as it went out."""

    edit_rule = "events.edit_events"
    list_display = ["subject", "event", "created_at", "sent_at", "recipients"]
    list_select_related = ["event"]
    readonly_fields = ["created_by", "sent_at", "recipients"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        services.press_release_send(release=obj, by=request.user)
