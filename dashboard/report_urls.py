from django.urls import path

from dashboard import gnlc_views, report_views

app_name = "reports"
urlpatterns = [
    path("", report_views.report_list, name="list"),
    path("new/", report_views.report_new, name="new"),
    path("gnlc-profile/", gnlc_views.gnlc_profile, name="gnlc-profile"),
    path("gnlc-profile/pdf/", gnlc_views.gnlc_profile_pdf, name="gnlc-profile-pdf"),
    path("<int:pk>/", report_views.report_detail, name="detail"),
    path("<int:pk>/edit/", report_views.report_edit, name="edit"),
    path("<int:pk>/status/", report_views.report_status, name="status"),
    path("<int:pk>/generate/", report_views.report_generate, name="generate"),
    path("<int:pk>/publish/", report_views.report_publish, name="publish"),
    path("<int:pk>/pdf/", report_views.report_pdf, name="pdf"),
    path("<int:pk>/figures.json", report_views.report_figures_json, name="figures-json"),
    path("<int:pk>/figures.csv", report_views.report_figures_csv, name="figures-csv"),
]
