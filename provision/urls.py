from django.urls import path

from provision import views

app_name = "provision"
urlpatterns = [path("", views.index, name="index")]
