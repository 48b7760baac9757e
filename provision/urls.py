from django.urls import path

from provision import views

app_name = "provision"
urlpatterns = [
    path("", views.index, name="index"),
    path("opportunities/<slug:slug>/", views.detail, name="detail"),
    path("map/", views.opportunity_map, name="map"),
    path("guidance/", views.guidance_path, name="guidance"),
    path("spaces/", views.spaces, name="spaces"),
    path("spaces/<slug:slug>/", views.space, name="space"),
]
