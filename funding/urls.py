from django.urls import path

from funding import staff_views, views

app_name = "funding"
urlpatterns = [
    path("", views.index, name="index"),
    path("analyses/<int:pk>/", views.analysis, name="analysis"),
    path("needs/", staff_views.needs, name="needs"),
    path("needs/new/", staff_views.budget_line_new, name="budget_line_new"),
    path("needs/<int:pk>/edit/", staff_views.budget_line_edit, name="budget_line_edit"),
    path("needs/<int:pk>/delete/", staff_views.budget_line_delete, name="budget_line_delete"),
    path("contributions/", staff_views.contributions, name="contributions"),
    path("contributions/new/", staff_views.contribution_new, name="contribution_new"),
    path("contributions/<int:pk>/edit/", staff_views.contribution_edit, name="contribution_edit"),
    path(
        "contributions/<int:pk>/received/",
        staff_views.contribution_received,
        name="contribution_received",
    ),
    path("contributions.csv", staff_views.contributions_csv, name="contributions_csv"),
    path("allocations/", staff_views.allocations, name="allocations"),
    path("allocations.csv", staff_views.allocations_csv, name="allocations_csv"),
    path("allocations/new/", staff_views.allocation_new, name="allocation_new"),
    path(
        "allocations/<int:pk>/take-back/",
        staff_views.allocation_take_back,
        name="allocation_take_back",
    ),
    path("agreements/", staff_views.agreements, name="agreements"),
    path("agreements/new/", staff_views.agreement_new, name="agreement_new"),
    path("agreements/<int:pk>/edit/", staff_views.agreement_edit, name="agreement_edit"),
    path("analyses/", staff_views.analyses, name="analyses"),
    path("analyses/new/", staff_views.analysis_new, name="analysis_new"),
    path("analyses/<int:pk>/edit/", staff_views.analysis_edit, name="analysis_edit"),
    path("resources/", staff_views.resources, name="resources"),
    path("resources/new/", staff_views.resource_new, name="resource_new"),
    path("resources/<int:pk>/book/", staff_views.booking_new, name="booking_new"),
    path("bookings/<int:pk>/", staff_views.booking_answer, name="booking_answer"),
]
