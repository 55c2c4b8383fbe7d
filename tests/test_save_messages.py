"""After saving, approving or sending back, the admin says where the page or snippet now stands."""

import pytest

from actortypes.models import ActorType
from pages.models import ContentPage, Footer
from tests.editorial import ACTOR_TYPE_EDIT, FOOTER_EDIT, actor_type_form, footer_form, page_form
from tests.html import normalise, soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(home):
    """A published page with a plain body, so that its edit form is simple to send."""
    page = home.add_child(instance=ContentPage(title="Werkplekken", slug="werkplekken"))
    page.save_revision().publish()
    return page


def shown_messages(response):
    """The messages the admin shows after the redirect, as the editor reads them (without the
    buttons next to them)."""
    items = soup(response).select(".messages li")
    for buttons in [buttons for item in items for buttons in item.select(".buttons")]:
        buttons.decompose()
    return [normalise(item.get_text(" ")) for item in items]


def test_saving_a_draft_of_a_live_page_says_visitors_still_see_the_published_version(
    client, redacteur, page
):
    client.force_login(redacteur)

    response = client.post(
        f"/admin/pages/{page.pk}/edit/", page_form(page, title="Werkplekken op maat"), follow=True
    )

    assert shown_messages(response) == [
        "Pagina 'Werkplekken op maat' is opgeslagen als concept: "
        "bezoekers zien nog de gepubliceerde versie."
    ]


def test_submitting_says_the_page_waits_for_approval(client, redacteur, page):
    client.force_login(redacteur)

    response = client.post(
        f"/admin/pages/{page.pk}/edit/", page_form(page, action="submit"), follow=True
    )

    assert shown_messages(response) == [
        "Pagina 'Werkplekken' wacht op goedkeuring (Goedkeuring door een hoofdredacteur): "
        "bezoekers zien de wijzigingen nog niet."
    ]


def test_approving_in_the_editor_says_the_page_is_now_live(client, redacteur, hoofdredacteur, page):
    client.force_login(redacteur)
    client.post(
        f"/admin/pages/{page.pk}/edit/",
        page_form(page, "submit", title="Werkplekken!"),
        follow=True,
    )
    client.force_login(hoofdredacteur)

    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        page_form(
            page, "workflow-action", title="Werkplekken!", **{"workflow-action-name": "approve"}
        ),
        follow=True,
    )

    assert shown_messages(response) == [
        "Pagina 'Werkplekken!' is live: bezoekers zien deze versie."
    ]
    page.refresh_from_db()
    assert page.live and page.title == "Werkplekken!"


def test_sending_back_says_visitors_do_not_see_the_changes(client, redacteur, hoofdredacteur, page):
    client.force_login(redacteur)
    client.post(
        f"/admin/pages/{page.pk}/edit/",
        page_form(page, "submit", title="Werkplekken?"),
        follow=True,
    )
    client.force_login(hoofdredacteur)

    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        page_form(
            page, "workflow-action", title="Werkplekken?", **{"workflow-action-name": "reject"}
        ),
        follow=True,
    )

    assert shown_messages(response) == [
        "Pagina 'Werkplekken?' is teruggestuurd voor aanpassingen: bezoekers zien ze niet."
    ]


def test_a_new_page_saved_as_draft_says_it_is_not_published(client, redacteur, home):
    client.force_login(redacteur)
    new = ContentPage(title="Nieuw", slug="nieuw")

    response = client.post(
        f"/admin/pages/add/pages/contentpage/{home.pk}/", page_form(new), follow=True
    )

    assert shown_messages(response) == [
        "Pagina 'Nieuw' is opgeslagen als concept: nog niet gepubliceerd."
    ]


def test_a_snippet_draft_says_visitors_still_see_the_published_version(client, redacteur):
    client.force_login(redacteur)
    actor_type = ActorType.objects.get(slug="maatwerkbedrijven")

    response = client.post(
        ACTOR_TYPE_EDIT.format(actor_type.pk),
        actor_type_form(actor_type, summary="Nieuwe samenvatting."),
        follow=True,
    )

    assert shown_messages(response) == [
        "Actortype 'Maatwerkbedrijven' is opgeslagen als concept: "
        "bezoekers zien nog de gepubliceerde versie."
    ]


def test_publishing_the_footer_says_it_is_live(client, hoofdredacteur):
    client.force_login(hoofdredacteur)
    footer = Footer.objects.get()

    response = client.post(
        FOOTER_EDIT.format(footer.pk),
        footer_form(footer, "publish", phone="02 553 00 00"),
        follow=True,
    )

    assert shown_messages(response) == ["Voettekst is live: bezoekers zien deze versie."]
