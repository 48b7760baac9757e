from django.urls import path

from stakeholders import views

urlpatterns = [path("profile/", views.profile, name="account_profile")]
