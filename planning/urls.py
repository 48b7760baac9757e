from django.urls import path

from planning import views

app_name = "planning"
urlpatterns = [
    path("", views.index, name="index"),
    path("kflc/", views.kflc, name="kflc"),
    path("versions/", views.versions, name="versions"),
    path("versions/<int:pk>/", views.plan_version, name="plan-version"),
    path("versions/<int:pk>/copy/", views.version_create, name="version-create"),
    path("versions/<int:pk>/adopt/", views.version_adopt, name="version-adopt"),
    path("actions/<int:pk>/", views.action, name="action"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action-edit"),
]
