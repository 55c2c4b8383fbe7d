"""A reference to something gone never breaks a page (issue 10, section 6).

Every kind of reference the site has, each pointing at something deleted, unpublished, private
or malformed: the page renders (200), without that link, and never raises.

Kinds: the page teaser block (a chosen page), the image block (a chosen image), rich-text links
to pages and documents and rich-text embeds (images, media) in page intros, text blocks,
sections and actor-type texts, and the footer setting's links to pages.
"""

import pytest
from bs4 import BeautifulSoup
from django.apps import apps as django_apps
from django.core.files.base import ContentFile
from django.template import Context, Template
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from pages.models import ContentPage, Footer
from support.blocks import DownloadsBlock
from tests.html import main_text, soup

pytestmark = pytest.mark.django_db


def publish(page):
    page.save_revision().publish()
    return page


@pytest.fixture
def target(home):
    """A live page that content links to, and that editors then delete, unpublish or restrict."""
    return publish(home.add_child(instance=ContentPage(title="Subsidies", slug="subsidies")))


@pytest.fixture
def private_collection():
    collection = Collection.get_first_root_node().add_child(name="Intern")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


def make_document(collection=None):
    document = get_document_model()(title="Jaarverslag")
    if collection:
        document.collection = collection
    document.file.save("jaarverslag.pdf", ContentFile(b"%PDF-1.4 jaarverslag"), save=False)
    document.save()
    return document


def make_image(collection=None):
    image = get_image_model()(title="Werkplaats", file=get_test_image_file("werkplaats.png"))
    if collection:
        image.collection = collection
    image.save()
    return image


def make_gone(page, how):
    """Deletes, unpublishes or restricts the page, as an editor can."""
    if how == "deleted":
        page.delete()
    elif how == "unpublished":
        page.unpublish()
    elif how == "login":
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    elif how == "password":
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
        )


PAGE_FATES = ["deleted", "unpublished", "login", "password"]


def home_with(home, *blocks, intro=""):
    home.body = list(blocks)
    home.intro = intro
    return publish(home)


def test_a_live_teaser_links_to_its_page(client, home, target):
    home_with(home, ("page_teaser", {"page": target, "heading": "", "text": "Wat kan?"}))
    links = soup(client.get("/")).select("a.teaser__link")
    assert [(a["href"], a.text) for a in links] == [("/subsidies/", "Subsidies")]


@pytest.mark.parametrize("fate", PAGE_FATES)
def test_a_teaser_whose_page_is_gone_is_left_out(client, home, target, fate):
    home_with(home, ("page_teaser", {"page": target, "heading": "", "text": "Wat kan?"}))
    make_gone(target, fate)

    response = client.get("/")

    assert response.status_code == 200
    assert soup(response).select(".teaser") == []
    assert "Wat kan?" not in main_text(response)


def test_a_teaser_with_its_own_heading_whose_page_was_deleted_is_left_out(client, home, target):
    home_with(home, ("page_teaser", {"page": target, "heading": "Steun", "text": ""}))
    target.delete()
    response = client.get("/")
    assert response.status_code == 200
    assert "Steun" not in main_text(response)


@pytest.mark.parametrize("fate", PAGE_FATES)
def test_a_rich_text_link_to_a_page_that_is_gone_becomes_plain_text(client, home, target, fate):
    link = f'<p>Lees over <a linktype="page" id="{target.pk}">subsidies</a> hier.</p>'
    home_with(home, ("text", link), ("section", {"heading": "Kop", "anchor": "kop", "text": link}))
    make_gone(target, fate)

    response = client.get("/")

    assert response.status_code == 200
    assert "Lees over subsidies hier." in main_text(response)
    assert soup(response).select("main a[href*=subsidies]") == []


def test_a_rich_text_link_to_a_live_page_stays_a_link(client, home, target):
    home_with(home, ("text", f'<p><a linktype="page" id="{target.pk}">subsidies</a></p>'))
    assert soup(client.get("/")).select("main a[href='/subsidies/']")


@pytest.mark.parametrize(
    "tag",
    [
        '<a linktype="page" id="abc">kapot</a>',
        '<a linktype="page">kapot</a>',
        '<a linktype="page" id="999999">kapot</a>',
        '<a linktype="document" id="abc">kapot</a>',
        '<a linktype="document">kapot</a>',
        '<a linktype="document" id="999999">kapot</a>',
        '<a linktype="unknown" id="1">kapot</a>',
    ],
)
def test_a_malformed_rich_text_link_becomes_plain_text(client, home, about, tag):
    home_with(home, ("text", f"<p>Een {tag} link.</p>"), intro=f"<p>Intro {tag}.</p>")
    about.intro = f"<p>Over {tag}.</p>"
    publish(about)

    for address in ("/", "/over-ons/"):
        response = client.get(address)
        assert response.status_code == 200
        assert "kapot" in main_text(response)
        links = soup(response).select("main a[href]")
        assert not [a for a in links if "kapot" in a.text]


def test_a_rich_text_link_to_a_deleted_or_private_document_becomes_plain_text(
    client, home, private_collection
):
    public, deleted, private = make_document(), make_document(), make_document(private_collection)
    home_with(
        home,
        (
            "text",
            f'<p><a linktype="document" id="{public.pk}">openbaar</a>, '
            f'<a linktype="document" id="{deleted.pk}">verwijderd</a>, '
            f'<a linktype="document" id="{private.pk}">intern</a>.</p>',
        ),
    )
    deleted.delete()

    response = client.get("/")

    assert response.status_code == 200
    links = {a.text: a.get("href") for a in soup(response).select("main .rich-text a")}
    assert links == {"openbaar": public.url, "verwijderd": None, "intern": None}


def test_rich_text_embeds_never_fetch_or_break(client, home, private_collection):
    public, deleted, private = make_image(), make_image(), make_image(private_collection)
    deleted_id = deleted.pk
    deleted.delete()
    embeds = (
        '<embed embedtype="media" url="https://www.youtube.com/watch?v=xyz"/>'
        f'<embed embedtype="image" id="{public.pk}" format="fullwidth" alt="Openbaar"/>'
        f'<embed embedtype="image" id="{deleted_id}" format="fullwidth" alt="Weg"/>'
        f'<embed embedtype="image" id="{private.pk}" format="fullwidth" alt="Intern"/>'
        '<embed embedtype="image" id="abc" alt="Kapot"/>'
        '<embed embedtype="image"/>'
    )
    home_with(home, ("text", f"<p>Tekst</p>{embeds}"))

    response = client.get("/")

    assert response.status_code == 200
    assert [img.get("alt") for img in soup(response).select("main .rich-text img")] == ["Openbaar"]
    assert "youtube" not in response.content.decode()


def test_an_actor_type_text_with_a_link_to_a_deleted_page_renders(
    client, maatwerkbedrijven, target
):
    maatwerkbedrijven.body = f'<p>Zie <a linktype="page" id="{target.pk}">subsidies</a>.</p>'
    maatwerkbedrijven.save_revision().publish()
    target.delete()

    response = client.get("/over-ons/maatwerkbedrijven/")

    assert response.status_code == 200
    assert "Zie subsidies" in main_text(response)
    assert soup(response).select("main .rich-text a[href]") == []


def image_block(image):
    return ("image", {"image": image, "decorative": False, "alt_text": "Een werkplaats"})


def test_an_image_block_shows_a_public_image(client, home):
    home_with(home, image_block(make_image()))
    assert soup(client.get("/")).select("main figure img[alt='Een werkplaats']")


def test_an_image_block_whose_image_was_deleted_is_left_out(client, home):
    image = make_image()
    home_with(home, image_block(image))
    image.delete()

    response = client.get("/")

    assert response.status_code == 200
    assert soup(response).select("main figure") == []


def test_an_image_block_with_an_image_in_a_private_collection_is_left_out(
    client, home, private_collection
):
    home_with(home, image_block(make_image(private_collection)))
    response = client.get("/")
    assert response.status_code == 200
    assert soup(response).select("main figure") == []


def test_an_image_whose_file_is_missing_renders_without_error(client, home):
    image = make_image()
    home_with(home, image_block(image))
    image.file.storage.delete(image.file.name)

    assert client.get("/").status_code == 200


@pytest.mark.parametrize("fate", PAGE_FATES)
def test_a_footer_link_to_a_page_that_is_gone_is_left_out(client, home, target, fate):
    footer = Footer.objects.live().get()
    footer.links = [
        ("link", {"label": "Subsidies", "page": target, "url": ""}),
        ("link", {"label": "Vlaanderen", "page": None, "url": "https://www.vlaanderen.be"}),
    ]
    footer.save()
    make_gone(target, fate)

    response = client.get("/")

    assert response.status_code == 200
    links = [(a.text, a["href"]) for a in soup(response).select(".site-footer__links a")]
    assert links == [("Vlaanderen", "https://www.vlaanderen.be")]


def test_a_deleted_document_answers_404(client):
    document = make_document()
    url = document.url
    document.delete()
    assert client.get(url).status_code == 404


def test_a_document_whose_file_is_missing_answers_404(client):
    document = make_document()
    document.file.storage.delete(document.file.name)
    assert client.get(document.url).status_code == 404


def test_editors_find_every_broken_reference_in_the_admin_report(
    client, redacteur, home, about, target, maatwerkbedrijven, private_collection
):
    other = publish(home.add_child(instance=ContentPage(title="Nieuwsbrief", slug="nieuwsbrief")))
    image = make_image(private_collection)
    home_with(
        home,
        ("page_teaser", {"page": target, "heading": "", "text": ""}),
        image_block(image),
        intro=f'<p><a linktype="page" id="{other.pk}">nieuwsbrief</a></p>',
    )
    maatwerkbedrijven.body = '<p><a linktype="document" id="999999">verslag</a></p>'
    maatwerkbedrijven.save_revision().publish()
    footer = Footer.objects.live().get()
    footer.links = [("link", {"label": "Subsidies", "page": target, "url": ""})]
    footer.save()
    target.delete()
    other.unpublish()

    client.force_login(redacteur)
    response = client.get("/admin/reports/broken-references/")

    assert response.status_code == 200
    rows = [
        [" ".join(cell.get_text(" ").split()) for cell in row.select("td")]
        for row in soup(response).select("table tbody tr")
    ]
    assert sorted(rows) == sorted(
        [
            ["Maatwerkbedrijven", "Tekst", "document", "verwijderd of bestaat niet"],
            [
                "Sociale economie",
                "Inhoud → Paginaverwijzing",
                "pagina",
                "verwijderd of bestaat niet",
            ],
            [
                "Sociale economie",
                "Inhoud → Afbeelding",
                "afbeelding",
                "nog niet vrijgegeven (afgeschermde collectie)",
            ],
            ["Sociale economie", "Inleiding", "pagina", "niet gepubliceerd"],
            [
                "Voettekst",
                "Links → Link",
                "pagina",
                "verwijderd of bestaat niet",
            ],
        ]
    ), rows
    assert soup(response).select(f"a[href='/admin/pages/{home.pk}/edit/']")


def test_the_report_says_so_when_nothing_is_broken(client, redacteur):
    client.force_login(redacteur)
    response = client.get("/admin/reports/broken-references/")
    assert response.status_code == 200
    assert soup(response).select("table tbody tr") == []


def render_public_url(target):
    return Template("{% load reference_tags %}{% public_url target as url %}{{ url }}").render(
        Context({"target": target})
    )


def test_the_public_url_tag_answers_only_for_what_visitors_may_see(
    target, maatwerkbedrijven, private_collection
):
    """The contract for every block template: an address, or "" (never an error)."""
    assert render_public_url(target) == "/subsidies/"
    assert render_public_url(maatwerkbedrijven) == "/over-ons/maatwerkbedrijven/"
    document = make_document()
    assert render_public_url(document) == document.url
    for nothing in (None, "", "abc", 42, make_document(private_collection), make_image()):
        assert render_public_url(nothing) == ""
    maatwerkbedrijven.unpublish()
    target.unpublish()
    assert render_public_url(maatwerkbedrijven) == render_public_url(target) == ""


def broken_raw(block):
    """Stored data for block in which every chooser points at an id that does not exist."""
    if isinstance(block, blocks.StructBlock):
        return {name: broken_raw(child) for name, child in block.child_blocks.items()}
    if isinstance(block, blocks.ListBlock):
        return [broken_raw(block.child_block)]
    if isinstance(block, blocks.StreamBlock):
        return [{"type": n, "value": broken_raw(c)} for n, c in block.child_blocks.items()]
    if isinstance(block, blocks.ChooserBlock):
        return 999999
    return block.get_prep_value(block.get_default())


def every_stream_block():
    """(model, field, block name, block) for each kind of block in any StreamField of ours."""
    for model in django_apps.get_models():
        if model._meta.app_label.startswith(("wagtail", "django", "taggit")):
            continue
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                for name, block in field.stream_block.child_blocks.items():
                    yield pytest.param(block, id=f"{model.__name__}.{field.name}.{name}")


@pytest.mark.parametrize("block", list(every_stream_block()))
def test_every_block_renders_when_everything_it_chose_is_gone(rf, home, block):
    """Every block of every StreamField, today's and those added later, renders without
    raising when each page, image, document or snippet it chose was deleted."""
    value = block.to_python(broken_raw(block))
    html = block.render(value, context={"request": rf.get("/"), "page": home})
    assert "999999" not in html


def test_a_downloads_block_lists_only_released_documents(private_collection):
    released, unreleased = make_document(), make_document(private_collection)
    block = DownloadsBlock()

    value = block.to_python({"heading": "", "documents": [released.pk, 999999, unreleased.pk]})
    links = [a["href"] for a in BeautifulSoup(block.render(value), "html.parser").select("a")]
    assert links == [released.url]

    nothing = block.to_python({"heading": "Formulieren", "documents": [999999, unreleased.pk]})
    assert block.render(nothing).strip() == ""
