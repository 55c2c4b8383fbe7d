from django.apps import apps as global_apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from actortypes.models import ActorType
from content import data as content_data
from editorial.roles import set_up_editorial_roles
from newsroom.models import EventIndexPage, NewsIndexPage, PublicationIndexPage
from opendata.models import OpenDataPage
from pages.models import (
    AboutPage,
    ContentPage,
    Footer,
    HomePage,
    VlaanderenWidgetSettings,
)
from partners.models import Partner, PartnerIndexPage
from support.models import CallIndexPage, MeasurePage, SupportIndexPage


class Command(BaseCommand):
    help = (
        "Fills a fresh database with the site's initial content from content/*.yaml. "
        "Each kind of content is loaded only while none exists, so a second run changes "
        "nothing and editors' changes, renames and deletions are never overwritten."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        self.created_anything = False
        site_data = content_data.read("site.yaml")
        home, home_created = self.load_home_page(site_data["home_page"])
        site = self.ensure_site(home, site_data["site_name"])
        # The groups come from a migration, but their rights on the pages need the home page.
        set_up_editorial_roles(global_apps, home_page_id=home.pk if home_created else None)
        about = self.load_about_page(home, content_data.read("over-ons.yaml")["about_page"])
        self.load_actor_types(content_data.read("actortypes.yaml")["actor_types"])
        support = self.load_support(home, content_data.read("support.yaml"))
        if home_created and about:
            pages = {page.slug: page for page in [about, *support] if page}
            self.fill_home_page(home, site_data["home_page"], pages)
        self.load_newsroom(home, content_data.read("newsroom.yaml"))
        self.load_partners(home, content_data.read("partners.yaml"))
        self.load_agenda(home, content_data.read("agenda.yaml")["event_index"])
        self.load_content_pages(home, content_data.read("content-pages.yaml")["content_pages"])
        self.load_open_data_page(home, content_data.read("open-data.yaml")["open_data_page"])
        self.load_footer(site, site_data["footer"])
        # Present from the start (switched off), so no visitor's request has to create it.
        VlaanderenWidgetSettings.objects.get_or_create(site=site)
        if not self.created_anything:
            self.stdout.write(
                "Nothing to load: the database already has the initial content "
                "(editors' changes are kept)."
            )

    def report(self, message):
        self.created_anything = True
        self.stdout.write(self.style.SUCCESS(message))

    def load_home_page(self, data):
        home = HomePage.objects.first()
        if home:
            return home, False
        root = Page.get_first_root_node() or self.create_root_page()
        self.remove_wagtail_welcome_page(root)
        home = root.add_child(
            instance=HomePage(
                title=data["title"], slug="home", intro=content_data.rich_text(data["intro"])
            )
        )
        home.save_revision().publish()
        self.report(f"Created the home page “{home.title}”.")
        return home, True

    def create_root_page(self):
        # Only an emptied database (e.g. a flushed test database) lacks Wagtail's root page.
        Locale.objects.get_or_create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
        return Page.add_root(title="Root", slug="root")

    def remove_wagtail_welcome_page(self, root):
        # Wagtail's first migration adds a placeholder "Welcome" page; the home page replaces it.
        for page in root.get_children().exact_type(Page):
            if not page.get_children().exists():
                page.delete()

    def ensure_site(self, home, site_name):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site.objects.create(
                hostname="localhost", port=80, is_default_site=True, root_page=home
            )
        if site.root_page_id != home.pk or not site.site_name:
            site.root_page = home
            site.site_name = site.site_name or site_name
            site.save()
        return site

    def fill_home_page(self, home, data, pages_by_slug):
        # Publishing saves the whole page: a stale numchild would overwrite the tree's count.
        home.refresh_from_db()
        home.body = content_data.stream_data(data["body"], pages_by_slug)
        home.save_revision().publish()

    def load_about_page(self, home, data):
        if AboutPage.objects.exists():
            return None
        about = self.add_below(
            home,
            AboutPage(
                title=data["title"],
                slug=data["slug"],
                show_in_menus=True,
                intro=content_data.rich_text(data["intro"]),
                body=content_data.stream_data(data["body"], {}),
            ),
        )
        about.save_revision().publish()
        self.report(f"Created the page “{about.title}” at {about.get_url()}.")
        return about

    def load_support(self, home, data):
        """The finder and the calls overview (in the menu, before Over ons) and the measures."""
        support_index = self.load_index_page(home, SupportIndexPage, data["support_index"])
        call_index = self.load_index_page(home, CallIndexPage, data["call_index"])
        index = support_index or SupportIndexPage.objects.first()
        if index and not MeasurePage.objects.exists():
            actor_types = {actor_type.slug: actor_type for actor_type in ActorType.objects.all()}
            for item in data["measures"]:
                measure = index.add_child(
                    instance=MeasurePage(
                        title=item["title"],
                        slug=item["slug"],
                        summary=item["summary"],
                        kind=item["kind"],
                        status=item["status"],
                        status_notice=item.get("status_notice", ""),
                        how_to_apply=item.get("how_to_apply", ""),
                        body=content_data.stream_data(item.get("body", []), {}),
                    )
                )
                measure.actor_types.set(
                    [actor_types[slug] for slug in item["actor_types"] if slug in actor_types]
                )
                measure.save_revision().publish()
            self.report(f"Created {len(data['measures'])} measures.")
        return support_index, call_index

    def load_newsroom(self, home, data):
        """Nieuws and Publicaties, in the menu after Over ons, without any news item or
        publication: those are the editors' to write."""
        self.load_index_page(home, NewsIndexPage, data["news_index"], before_about=False)
        publications = data["publication_index"]
        self.load_index_page(home, PublicationIndexPage, publications, before_about=False)

    def load_agenda(self, home, data):
        """The agenda, in the menu after Over ons; its events come from editors, never from here."""
        return self.load_index_page(home, EventIndexPage, data, before_about=False)

    def load_index_page(self, home, model, data, before_about=True):
        if model.objects.exists():
            return None
        page = model(
            title=data["title"],
            slug=data["slug"],
            show_in_menus=True,
            search_description=data.get("search_description", ""),
            intro=content_data.rich_text(data["intro"]),
        )
        # The main navigation lists the home page's children in tree order: the support hub
        # goes before Over ons, the newsroom after it.
        about = AboutPage.objects.child_of(home).first()
        if about and before_about:
            page = about.add_sibling(pos="left", instance=page)
        else:
            page = self.add_below(home, page)
        page.save_revision().publish()
        self.report(f"Created the page “{page.title}” at {page.get_url()}.")
        return page

    def load_partners(self, home, data):
        """The partner list (in the menu, before Over ons) and the partners, published."""
        self.load_index_page(home, PartnerIndexPage, data["partner_index"])
        if Partner.objects.exists():
            return
        actor_types = {actor_type.slug: actor_type for actor_type in ActorType.objects.all()}
        for item in data["partners"]:
            partner = Partner(
                name=item["name"],
                website=item["website"],
                description=item["description"],
                live=False,
            )
            partner.actor_types = [
                actor_types[slug] for slug in item["actor_types"] if slug in actor_types
            ]
            partner.full_clean()  # the admin's checks: an http(s) website, a short description
            partner.save()
            partner.save_revision().publish()
        self.report(f"Created {len(data['partners'])} partners.")

    def load_actor_types(self, data):
        if ActorType.objects.exists():
            return
        for order, item in enumerate(data):
            actor_type = ActorType.objects.create(
                name=item["name"],
                slug=item["slug"],
                summary=item["summary"],
                body=content_data.rich_text(item["paragraphs"]),
                sort_order=order,
                live=False,
            )
            actor_type.save_revision().publish()
        self.report(f"Created {len(data)} actor types.")

    def load_content_pages(self, home, data):
        if ContentPage.objects.exists():
            return
        for item in data:
            page = self.add_below(
                home,
                ContentPage(
                    title=item["title"],
                    slug=item["slug"],
                    show_in_menus=item.get("show_in_menus", False),
                    search_description=item.get("search_description", ""),
                    intro=content_data.rich_text(item["intro"]),
                    body=content_data.stream_data(item["body"], {}),
                ),
            )
            page.save_revision().publish()
        self.report(f"Created {len(data)} content pages (contact, accessibility, privacy, …).")

    def load_open_data_page(self, home, data):
        """The page for partners' developers: not in the menu; the footer links to it."""
        if OpenDataPage.objects.exists():
            return
        page = self.add_below(
            home,
            OpenDataPage(
                title=data["title"],
                slug=data["slug"],
                search_description=data["search_description"],
                intro=content_data.rich_text(data["intro"]),
            ),
        )
        page.save_revision().publish()
        self.report(f"Created the page “{page.title}” at {page.get_url()}.")

    def add_below(self, parent, page):
        """Adds page as parent's last child and returns it (saved, not yet published).

        Earlier steps add siblings next to the parent's children or publish the parent from
        other instances, so this instance's path and numchild may be stale: treebeard would
        then place the child at a taken path or leave numchild wrong. Reloading first keeps the
        tree valid.
        """
        parent.refresh_from_db()
        return parent.add_child(instance=page)

    def load_footer(self, site, data):
        if Footer.objects.exists():
            return
        footer = Footer(
            organisation=data["organisation"],
            address=data["address"],
            phone=data["phone"],
            email=data["email"],
            links=[("link", link) for link in self.footer_links(site, data["links"])],
            live=False,
        )
        footer.full_clean()  # the same checks as in the admin: a valid telephone number
        footer.save()
        footer.save_revision().publish()
        self.report("Created and published the footer.")

    def footer_links(self, site, links):
        """A link to a page names its slug (below the home page); a missing page is left out."""
        for link in links:
            if "page" not in link:
                yield {"label": link["label"], "page": None, "url": link["url"]}
                continue
            page = site.root_page.get_children().filter(slug=link["page"]).first()
            if page:
                yield {"label": link["label"], "page": page, "url": ""}
