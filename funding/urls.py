from django.urls import path

from funding import staff_views, views

app_name = "funding"
urlpatterns = [
    path("", views.index, name="index"),
    path("analyses/<int:pk>/", views.analysis, name="analysis"),
    path("needs/", staff_views.needs, name="needs"),
    path("contributions/", staff_views.contributions, name="contributions"),
    path("contributions.csv", staff_views.contributions_csv, name="contributions_csv"),
    path("allocations/", staff_views.allocations, name="allocations"),
    path("allocations.csv", staff_views.allocations_csv, name="allocations_csv"),
    path("allocations/new/", staff_views.allocation_new, name="allocation_new"),
    path("resources/", staff_views.resources, name="resources"),
    path("resources/new/", staff_views.resource_new, name="resource_new"),
    path("resources/<int:pk>/book/", staff_views.booking_new, name="booking_new"),
    path("bookings/<int:pk>/", staff_views.booking_answer, name="booking_answer"),
]
