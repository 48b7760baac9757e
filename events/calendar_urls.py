"""The iCalendar files, outside the language prefix: one address whatever the reader's language,
as calendar programs keep it (DESIGN.md §5)."""

from django.urls import path

from events import views

app_name = "event_calendars"
urlpatterns = [
    path("events/feed.ics", views.feed_ics, name="feed"),
    path("events/<slug:slug>.ics", views.event_ics, name="event"),
]
