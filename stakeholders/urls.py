from django.urls import path

from learningcity import converters  # noqa: F401  (registers the <token:...> converter)
from stakeholders import views

app_name = "stakeholders"
urlpatterns = [
    path("", views.directory, name="index"),
    path("register/", views.organisation_register, name="register"),
    path("committee/", views.committee, name="committee"),
    path("partners/", views.partners, name="partners"),
    path("good-practices/", views.good_practices, name="good-practices"),
    path("ministry/", views.ministry, name="ministry"),
    path("verification/", views.verification_queue, name="verification"),
    path("verification/<slug:slug>/", views.verification_decide, name="verification-decide"),
    path("invitations/<token:token>/", views.invitation_view, name="invitation"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("organisations/<slug:slug>/edit/", views.organisation_edit, name="organisation-edit"),
    path("organisations/<slug:slug>/members/", views.organisation_members_view, name="members"),
    path(
        "organisations/<slug:slug>/members/<int:membership_id>/",
        views.membership_update,
        name="membership",
    ),
]
