"""The open-data files, outside the language prefix: their content does not depend on it."""

from django.urls import path

from dashboard import open_data_views

app_name = "open_data_files"
urlpatterns = [
    path("catalog.jsonld", open_data_views.catalogue, name="catalogue"),
    path("<slug:key>.<slug:form>", open_data_views.download, name="download"),
]
