from django.shortcuts import render

from planning.selectors import kflc_areas


def index(request):
    return render(request, "planning/index.html")


def kflc(request):
    return render(request, "planning/kflc.html", {"kflc_areas": kflc_areas()})
