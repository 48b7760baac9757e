from django.urls import path

from stakeholders import views

app_name = "stakeholders"
urlpatterns = [
    path("", views.directory, name="index"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
]
