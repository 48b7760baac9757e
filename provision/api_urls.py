"""The provision API, outside the language prefix (DESIGN.md §5)."""

from django.urls import path

from provision import api, tiles

app_name = "provision_api"
urlpatterns = [
    path("opportunities.geojson", api.opportunities_geojson, name="opportunities"),
    path("tiles/<int:z>/<int:x>/<int:y>.png", tiles.blank_tile, name="blank-tile"),
]
