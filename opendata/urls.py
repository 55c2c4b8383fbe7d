"""The open-data addresses, below /open-data/ (socialeconomy/urls.py). They are a promise to
partners: never change one; a new version of the JSON gets new addresses (/open-data/v2/…)."""

from django.urls import path

from opendata import views

app_name = "opendata"

urlpatterns = [
    path("oproepen.atom", views.calls_atom, name="calls-atom"),
    path("nieuws.atom", views.news_atom, name="news-atom"),
    path("v1/maatregelen.json", views.measures_json, name="measures-json"),
    path("v1/oproepen.json", views.calls_json, name="calls-json"),
    path("v1/activiteiten.json", views.events_json, name="events-json"),
    path("agenda.ics", views.events_ics, name="events-ics"),
    path(
        "<slug:version>/<slug:name>.schema.json",
        views.schema,
        name="schema",
    ),
]
