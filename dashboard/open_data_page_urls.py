"""The open-data page, in the reader's language (the files are in dashboard.open_data_urls)."""

from django.urls import path

from dashboard import open_data_views

app_name = "open_data"
urlpatterns = [path("", open_data_views.index, name="index")]
