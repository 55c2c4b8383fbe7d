"""Partners: snippets with the same editorial life as actor types, listed at /partners/ (filtered
by actor type) and on the page of every actor type they serve. Visitors see only what is live."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import Collection

from actortypes.models import ActorType
from content import data as content_data
from editorial.roles import REVIEW_COLLECTION
from partners.models import Partner, PartnerIndexPage
from tests.html import form_errors, main_text, soup, visible_text

pytestmark = pytest.mark.django_db

PARTNER_ADD = "/admin/snippets/partners/partner/add/"
PARTNER_EDIT = "/admin/snippets/partners/partner/edit/{}/"
PARTNER_WORKFLOW_ACTION = "/admin/snippets/partners/partner/workflow/action/{}/{}/{}/"
SEED_NAMES = ["Febecoop", "Hefboom", "Herw!n", "Trividend", "VLAIO", "VVSG"]


def partner_form(action=None, **changes):
    """The partner form as an editor fills it in: a new partner for maatwerkbedrijven."""
    data = {
        "name": "Werkplekpartners",
        "website": "https://werkplekpartners.example.org/over-ons",
        "description": "Een netwerk dat maatwerkbedrijven helpt met werkplekaanpassingen.",
        "actor_types": [ActorType.objects.get(slug="maatwerkbedrijven").pk],
        "logo": "",
        "logo_alt_text": "",
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(changes)
    if action:
        data[f"action-{action}"] = "1"
    return data


def make_partner(name, actor_types=("maatwerkbedrijven",), publish=True, **fields):
    """A partner saved as the admin saves it: a revision, published unless publish is False."""
    fields.setdefault("website", f"https://{name.lower().replace(' ', '-')}.example.org")
    fields.setdefault("description", f"Wat {name} doet.")
    partner = Partner(name=name, live=False, **fields)
    partner.actor_types = list(ActorType.objects.filter(slug__in=actor_types))
    partner.save()
    revision = partner.save_revision()
    if publish:
        revision.publish()
    return partner


def listed_names(response):
    return [h.get_text(" ", strip=True) for h in soup(response).select(".partner-card__name a")]


def names_on_list(client, query=""):
    return [
        name.removesuffix(" (externe website) ↗")
        for name in listed_names(client.get("/partners/" + query))
    ]


# The list at /partners/


def test_the_partner_list_shows_the_seed_partners_alphabetically(client):
    response = client.get("/partners/")

    assert response.status_code == 200
    assert soup(response).h1.get_text(strip=True) == "Partners"
    assert names_on_list(client) == SEED_NAMES
    assert "6 partners" in main_text(response)


def test_a_partners_name_links_to_its_website_and_says_it_leaves_the_site(client):
    card = soup(client.get("/partners/")).select(".partner-card")[-1]

    link = card.select_one(".partner-card__name a")
    assert link["href"] == "https://www.vvsg.be"
    assert link["rel"] == ["external"]
    assert link.select_one(".visually-hidden").get_text() == "(externe website)"
    assert link.select_one("[aria-hidden=true]").get_text() == "↗"
    assert card.select_one(".partner-card__host").get_text() == "vvsg.be"
    assert (
        card.select_one(".partner-card__description")
        .get_text()
        .startswith("De Vereniging van Vlaamse Steden en Gemeenten")
    )


def test_a_partner_links_the_actor_types_it_serves_to_their_pages(client):
    hefboom = soup(client.get("/partners/")).select(".partner-card")[1]

    assert hefboom.select_one(".partner-card__actors-label").get_text() == "Werkt voor"
    assert [(a.get_text(), a["href"]) for a in hefboom.select(".partner-card__actor-list a")] == [
        ("Maatwerkbedrijven", "/over-ons/maatwerkbedrijven/"),
        ("Sociale ondernemingen", "/over-ons/sociale-ondernemingen/"),
    ]


def test_an_unpublished_actor_type_is_named_nowhere_on_a_card(client):
    ActorType.objects.get(slug="maatwerkbedrijven").unpublish()

    html = soup(client.get("/partners/"))

    assert "Maatwerkbedrijven" not in html.select_one(".partner-list").get_text()
    assert "voor-maatwerkbedrijven" not in [i["id"] for i in html.select(".finder__checkbox")]


def test_filtering_on_an_actor_type_shows_the_partners_that_serve_it(client):
    response = client.get("/partners/", {"voor": "maatwerkbedrijven"})

    assert names_on_list(client, "?voor=maatwerkbedrijven") == ["Hefboom", "Herw!n"]
    html = soup(response)
    assert html.select_one(".finder__status").get_text(strip=True) == "2 partners"
    assert html.select_one("#voor-maatwerkbedrijven").has_attr("checked")
    assert "Gefilterd op: Maatwerkbedrijven" in normalise_text(html.select_one(".finder__chosen"))
    counts = {
        label["for"]: label.select_one(".finder__count").get_text()
        for label in html.select(".finder__label")
    }
    assert counts["voor-sociale-ondernemingen"] == "(4)"
    assert counts["voor-lokale-besturen"] == "(1)"
    assert html.find("link", rel="canonical")["href"] == (
        "http://localhost/partners/?voor=maatwerkbedrijven"
    )


def test_two_actor_types_show_the_partners_of_either(client):
    names = names_on_list(client, "?voor=lokale-besturen&voor=maatwerkbedrijven")

    assert names == ["Hefboom", "Herw!n", "VVSG"]
    html = soup(client.get("/partners/?voor=lokale-besturen&voor=maatwerkbedrijven"))
    assert html.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_an_actor_type_without_partners_shows_the_empty_state(client):
    response = client.get("/partners/", {"voor": "activiteitencooperaties"})

    assert listed_names(response) == []
    assert (
        "Geen enkele partner werkt voor de actortypes die je koos. Kies andere, of toon alle "
        "partners." in main_text(response)
    )
    assert soup(response).select_one(".finder__clear")["href"] == "/partners/"


def test_without_partners_the_list_says_so(client):
    Partner.objects.all().delete()

    response = client.get("/partners/")

    assert "Er staan nog geen partners op deze lijst." in main_text(response)
    assert "0 partners" in main_text(response)


def test_an_unknown_actor_type_shows_every_partner_and_is_not_stored(client):
    response = client.get("/partners/", {"voor": "bestaat-niet"})

    assert response.status_code == 200
    assert names_on_list(client, "?voor=bestaat-niet") == SEED_NAMES
    assert "X-Cache" not in client.get("/partners/", {"voor": "bestaat-niet"})
    # A known filter is stored like the finder's.
    client.get("/partners/", {"voor": "maatwerkbedrijven"})
    assert client.get("/partners/", {"voor": "maatwerkbedrijven"})["X-Cache"] == "hit"


def test_a_long_list_is_paged(client):
    for number in range(25):
        make_partner(f"Partner {number:02}", publish=False)
    Partner.objects.filter(name__startswith="Partner ").update(live=True)

    first, second = client.get("/partners/"), client.get("/partners/", {"page": 2})

    assert len(listed_names(first)) == 20
    assert len(listed_names(second)) == 11
    assert soup(second).select_one(".pagination [aria-current=page]").get_text(" ", strip=True) == (
        "Pagina 2"
    )


# Drafts, scheduling and links only visitors may follow


def test_a_draft_partner_is_shown_nowhere_until_it_is_published(client):
    draft = make_partner("Werkplekpartners", publish=False)

    assert "Werkplekpartners" not in names_on_list(client)
    assert "Werkplekpartners" not in main_text(client.get("/over-ons/maatwerkbedrijven/"))

    draft.get_latest_revision().publish()
    assert "Werkplekpartners" in names_on_list(client)
    assert "Werkplekpartners" in main_text(client.get("/over-ons/maatwerkbedrijven/"))


def test_a_saved_draft_of_a_live_partner_changes_nothing_for_visitors(client):
    herwin = Partner.objects.get(name="Herw!n")
    herwin.description = "Een nieuwe zin in ontwerp."
    herwin.save_revision()

    assert "Een nieuwe zin in ontwerp." not in main_text(client.get("/partners/"))
    assert "Een nieuwe zin in ontwerp." not in main_text(client.get("/over-ons/maatwerkbedrijven/"))
    assert "federatie van de maatwerkbedrijven" in main_text(client.get("/partners/"))


def test_an_unpublished_or_expired_partner_disappears(client):
    Partner.objects.get(name="Herw!n").unpublish()
    # Expired a minute ago, before the publish_scheduled job has unpublished it.
    Partner.objects.filter(name="Hefboom").update(expire_at=timezone.now() - timedelta(minutes=1))

    assert "Herw!n" not in names_on_list(client)
    assert "Hefboom" not in names_on_list(client)
    assert "Partners voor maatwerkbedrijven" not in main_text(
        client.get("/over-ons/maatwerkbedrijven/")
    )


def test_pages_are_kept_no_longer_than_a_partner_is_listed(client):
    Partner.objects.filter(name="Herw!n").update(expire_at=timezone.now() + timedelta(minutes=5))

    for url in ("/partners/", "/over-ons/maatwerkbedrijven/"):
        max_age = int(client.get(url)["Cache-Control"].split("max-age=")[1].split(",")[0])
        assert 0 < max_age <= 300, url


def test_a_website_that_is_no_web_address_is_never_a_link(client):
    # Only the form checks the address: data that bypassed it must not become a link.
    Partner.objects.filter(name="VVSG").update(website="javascript:alert(1)")

    card = soup(client.get("/partners/")).select(".partner-card")[-1]
    assert card.select_one(".partner-card__name").get_text(strip=True) == "VVSG"
    assert card.select_one(".partner-card__name a") is None
    assert "javascript" not in str(card)


def test_publishing_a_partner_shows_at_once_on_cached_pages(client):
    for url in ("/partners/", "/over-ons/maatwerkbedrijven/"):
        client.get(url)
        assert client.get(url)["X-Cache"] == "hit"

    make_partner("Werkplekpartners")

    assert "Werkplekpartners" in names_on_list(client)
    assert "Werkplekpartners" in main_text(client.get("/over-ons/maatwerkbedrijven/"))


# The actor pages


def test_an_actor_page_lists_the_partners_that_serve_it(client):
    html = soup(client.get("/over-ons/maatwerkbedrijven/"))

    section = html.select_one(".partner-section")
    assert section.h2.get_text(strip=True) == "Partners voor maatwerkbedrijven"
    assert [a["href"] for a in section.select(".partner-card__name a")] == [
        "https://www.hefboom.be",
        "https://www.herwin.be",
    ]
    # Not the list of actor types (the page is about one), nor logos.
    assert section.select(".partner-card__actors, img") == []
    # After what the department offers.
    headings = [h2.get_text(strip=True) for h2 in html.select("main h2")]
    assert headings.index("Partners voor maatwerkbedrijven") > headings.index("Open oproepen")


def test_an_actor_page_without_partners_has_no_partner_section(client):
    html = soup(client.get("/over-ons/activiteitencooperaties/"))

    assert html.select(".partner-section") == []


# Logos


@pytest.fixture
def logo(photo):
    """The photo, released (not in Te keuren), as a Hoofdredacteur leaves it."""
    photo.title = "Logo van Herw!n"
    photo.save()
    return photo


def test_a_released_logo_is_shown_with_its_alt_text_on_the_partner_list(client, logo):
    Partner.objects.filter(name="Herw!n").update(logo=logo, logo_alt_text="Herw!n")

    [image] = soup(client.get("/partners/")).select(".partner-card__logo img")
    assert image["alt"] == "Herw!n"
    assert image["src"].startswith("/media/images/")


def test_a_logo_waiting_in_te_keuren_is_not_shown(client, logo):
    logo.collection = Collection.objects.get(name=REVIEW_COLLECTION)
    logo.save()
    Partner.objects.filter(name="Herw!n").update(logo=logo, logo_alt_text="Herw!n")

    assert soup(client.get("/partners/")).select(".partner-card__logo") == []
    herwin = Partner.objects.get(name="Herw!n")
    assert soup(herwin.make_preview_request()).select(".partner-card__logo") == []


# Editors in the admin


def test_a_redacteur_adds_a_partner_that_waits_for_a_hoofdredacteur(
    client, redacteur, hoofdredacteur
):
    client.force_login(redacteur)
    response = client.post(PARTNER_ADD, partner_form(action="submit"))

    assert response.status_code == 302, form_errors(response)
    partner = Partner.objects.get(name="Werkplekpartners")
    assert not partner.live and partner.workflow_in_progress
    task_state = partner.current_workflow_task_state
    assert task_state.task.name == "Goedkeuring door een hoofdredacteur"
    visitor = Client()
    assert "Werkplekpartners" not in visible_text(visitor.get("/partners/"))
    assert "Werkplekpartners" not in visible_text(visitor.get("/over-ons/maatwerkbedrijven/"))

    client.force_login(hoofdredacteur)
    response = client.post(
        PARTNER_WORKFLOW_ACTION.format(partner.pk, "approve", task_state.pk), {"comment": ""}
    )

    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.live
    assert "Werkplekpartners" in names_on_list(visitor)
    page = soup(visitor.get("/over-ons/maatwerkbedrijven/"))
    assert "https://werkplekpartners.example.org/over-ons" in [
        a["href"] for a in page.select(".partner-section a")
    ]


def test_a_forged_publish_by_a_redacteur_only_saves_a_draft(client, redacteur):
    client.force_login(redacteur)

    client.post(PARTNER_ADD, partner_form(action="publish"))

    partner = Partner.objects.get(name="Werkplekpartners")
    assert not partner.live
    assert "Werkplekpartners" not in names_on_list(Client())


def test_a_redacteur_edits_a_live_partner_as_a_draft(client, redacteur):
    herwin = Partner.objects.get(name="Herw!n")
    client.force_login(redacteur)

    response = client.post(
        PARTNER_EDIT.format(herwin.pk),
        partner_form(
            name="Herw!n",
            website=herwin.website,
            description="Een nieuwe zin in ontwerp.",
        ),
    )

    assert response.status_code == 302
    herwin.refresh_from_db()
    assert herwin.live and herwin.has_unpublished_changes
    assert "Een nieuwe zin in ontwerp." not in main_text(Client().get("/partners/"))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"website": "ftp://bestanden.example.org"},
            "Vul een webadres in dat begint met https:// of http://.",
        ),
        ({"website": "javascript:alert(1)"}, "Voer een geldige URL in."),
        ({"actor_types": []}, "Dit is een verplicht veld."),
        (
            {"description": "x" * 301},
            "Zorg dat deze waarde niet meer dan 300 tekens bevat (het zijn er nu 301).",
        ),
    ],
    ids=["ftp", "javascript", "no-actor-types", "too-long"],
)
def test_the_form_refuses_bad_input_in_dutch(admin_client, changes, message):
    response = admin_client.post(PARTNER_ADD, partner_form(action="publish", **changes))

    assert response.status_code == 200
    assert form_errors(response) == [message]
    assert not Partner.objects.filter(name="Werkplekpartners").exists()


def test_a_logo_needs_an_alt_text_and_the_file_name_is_none(admin_client, logo):
    missing = admin_client.post(PARTNER_ADD, partner_form(action="publish", logo=logo.pk))
    file_name = admin_client.post(
        PARTNER_ADD,
        partner_form(action="publish", logo=logo.pk, logo_alt_text="IMG_2024-03_werkvloer.png"),
    )

    assert "Schrijf wat er op het logo staat, voor bezoekers die het niet zien." in form_errors(
        missing
    )
    assert (
        "De bestandsnaam is geen alt-tekst. Schrijf wat er op het logo staat, meestal de naam "
        "van de organisatie." in form_errors(file_name)
    )
    assert not Partner.objects.filter(name="Werkplekpartners").exists()

    fine = admin_client.post(
        PARTNER_ADD, partner_form(action="publish", logo=logo.pk, logo_alt_text="Werkplekpartners")
    )
    assert fine.status_code == 302
    assert Partner.objects.get(name="Werkplekpartners").logo == logo


def test_the_admin_lists_searches_and_filters_partners(admin_client):
    listing = admin_client.get("/admin/snippets/partners/partner/")
    search = admin_client.get("/admin/snippets/partners/partner/", {"q": "herw"})
    maatwerk = ActorType.objects.get(slug="maatwerkbedrijven")
    filtered = admin_client.get("/admin/snippets/partners/partner/", {"actor_types": maatwerk.pk})

    assert all(name in listing.content.decode() for name in SEED_NAMES)
    assert "Herw!n" in search.content.decode() and "VVSG" not in search.content.decode()
    assert "Hefboom" in filtered.content.decode() and "VVSG" not in filtered.content.decode()
    menu = admin_client.get("/admin/").content.decode()
    assert "/admin/snippets/partners/partner/" in menu


def test_the_preview_shows_the_public_card_with_unsaved_changes():
    herwin = Partner.objects.get(name="Herw!n")
    herwin.description = "Zo ziet mijn wijziging eruit."

    response = herwin.make_preview_request()

    assert response.status_code == 200
    html = soup(response)
    assert html.h1.get_text(strip=True) == "Voorbeeld van een partner"
    card = html.select_one(".partner-card")
    assert "Zo ziet mijn wijziging eruit." in card.get_text()
    assert card.select_one(".partner-card__actor-list a")["href"] == "/over-ons/maatwerkbedrijven/"


# The starting content


def test_the_seed_loads_the_partner_list_and_the_partners_from_the_content_file():
    data = content_data.read("partners.yaml")
    index = PartnerIndexPage.objects.get()
    assert index.live and index.url == "/partners/" and index.show_in_menus
    partners = {partner.name: partner for partner in Partner.objects.all()}
    assert sorted(partners) == sorted(item["name"] for item in data["partners"])
    for item in data["partners"]:
        partner = partners[item["name"]]
        assert partner.live and partner.live_revision is not None
        assert partner.website == item["website"] and partner.website.startswith("https://")
        assert partner.description == item["description"]
        assert sorted(a.slug for a in partner.actor_types.all()) == sorted(item["actor_types"])
        assert partner.logo is None  # logos are not ours to ship


def test_every_seed_partner_is_marked_for_the_department_to_check():
    text = Path(settings.BASE_DIR, "content", "partners.yaml").read_text(encoding="utf-8")
    partners = content_data.read("partners.yaml")["partners"]

    assert text.count("\n# check:") == len(partners)


def test_loading_again_changes_nothing_and_keeps_editors_work(client):
    Partner.objects.get(name="VVSG").delete()
    PartnerIndexPage.objects.get().specific.unpublish()
    Partner.objects.filter(name="Herw!n").update(description="Door een redacteur herschreven.")

    call_command("load_initial_data", verbosity=0)

    assert not Partner.objects.filter(name="VVSG").exists()
    assert Partner.objects.get(name="Herw!n").description == "Door een redacteur herschreven."
    assert PartnerIndexPage.objects.count() == 1
    assert Partner.objects.count() == 5


def normalise_text(element):
    return " ".join(element.get_text(" ").split())
