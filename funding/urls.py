from django.urls import path

from funding import views

app_name = "funding"
urlpatterns = [
    path("", views.index, name="index"),
    path("analyses/<int:pk>/", views.analysis, name="analysis"),
]
