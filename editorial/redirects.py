"""Old actor-type addresses keep working after a rename: partners link to them for years.

Wagtail's redirects app already does this for pages (slug changes and moves, including the
actor-type routes below Over ons: see AboutPage.get_route_paths). An actor type is a snippet, so
its renames are handled here: the old address answers 301 to the actor type's current one.
"""

from wagtail.contrib.redirects.models import Redirect


def redirect_renamed_actor_type(about_page, old_slug, new_slug):
    """Sends /over-ons/<old_slug>/ to /over-ons/<new_slug>/, and every earlier name too.

    The redirects point at the Over ons page plus a route, so they follow Over ons if it is
    renamed or moved later. A chain A → B → C leaves A and B both pointing at C, in one hop;
    renaming back to A removes the redirect from A, which is a live address again.
    """
    url_parts = about_page.get_url_parts()
    if url_parts is None:  # Over ons is not reachable on any site: no public address changed
        return
    site_id, _root_url, page_path = url_parts
    old_route = _route(about_page, old_slug)
    new_route = _route(about_page, new_slug)

    Redirect.objects.filter(redirect_page=about_page, redirect_page_route_path=old_route).update(
        redirect_page_route_path=new_route
    )
    Redirect.objects.filter(old_path=_old_path(page_path, new_route)).delete()
    Redirect.objects.update_or_create(
        old_path=_old_path(page_path, old_route),
        site_id=site_id,
        defaults={
            "redirect_page": about_page,
            "redirect_page_route_path": new_route,
            "redirect_link": "",
            "is_permanent": True,
            "automatically_created": True,
        },
    )


def _route(about_page, slug):
    return Redirect.normalise_page_route_path(about_page.actor_type_path(slug))


def _old_path(page_path, route):
    return Redirect.normalise_path(page_path.rstrip("/") + route)
