from django.urls import path

from events import exhibitor_views, proposal_views, registration_views, views
from learningcity import converters  # noqa: F401  (registers the <token:...> converter)

app_name = "events"
urlpatterns = [
    path("", views.index, name="index"),
    path("past/", views.archive, name="archive"),
    path("propose/", proposal_views.propose, name="propose"),
    path("propose/<slug:slug>/", proposal_views.revise, name="revise"),
    path("proposals/", proposal_views.proposals, name="proposals"),
    path("proposals/<slug:slug>/", proposal_views.review, name="review"),
    path(
        "registrations/<token:token>/",
        registration_views.registration,
        name="registration",
    ),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/exhibit/", exhibitor_views.apply, name="exhibit"),
    path("<slug:slug>/call-for-exhibitors/", exhibitor_views.call, name="exhibitor-call"),
    path("<slug:slug>/register/", registration_views.register, name="register"),
    path("<slug:slug>/check-in/", registration_views.check_in, name="check-in"),
    path("<slug:slug>/attendees.csv", registration_views.attendees_csv, name="attendees"),
]
