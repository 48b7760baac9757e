from django.urls import path

from provision import views

app_name = "provision"
urlpatterns = [
    path("", views.index, name="index"),
    path("opportunities/<slug:slug>/", views.detail, name="detail"),
    path("opportunities/<slug:slug>/rate/", views.rate, name="rate"),
    path("ratings/", views.ratings_queue, name="ratings"),
    path("ratings/<int:pk>/moderate/", views.rating_moderate, name="rating-moderate"),
    path("ratings/<int:pk>/respond/", views.rating_respond, name="rating-respond"),
    path("map/", views.opportunity_map, name="map"),
    path("guidance/", views.guidance_path, name="guidance"),
    path("spaces/", views.spaces, name="spaces"),
    path("spaces/<slug:slug>/", views.space, name="space"),
]
