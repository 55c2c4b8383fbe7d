"""What editors send from the admin's forms, for tests that post them."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

ACTOR_TYPE_EDIT = "/admin/snippets/actortypes/actortype/edit/{}/"
ACTOR_TYPE_WORKFLOW_ACTION = "/admin/snippets/actortypes/actortype/workflow/action/{}/{}/{}/"
PAGE_WORKFLOW_ACTION = "/admin/pages/workflow/action/{}/{}/{}/"
FOOTER_EDIT = "/admin/snippets/pages/footer/edit/{}/"
FOOTER_WORKFLOW_ACTION = "/admin/snippets/pages/footer/workflow/action/{}/{}/{}/"


def actor_type_form(actor_type, action=None, **changes):
    """The edit form of an actor type as the editor left it, with their changes and button."""
    data = {
        "name": actor_type.name,
        "slug": actor_type.slug,
        "summary": actor_type.summary,
        "body": rich_text(actor_type.body),
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(changes)
    if action:
        data[f"action-{action}"] = "1"
    return data


def footer_form(footer, action=None, **changes):
    """The footer's edit form as the editor left it, with their changes and button."""
    links = [
        (
            "link",
            {
                "label": link.value["label"],
                "page": link.value["page"].pk if link.value["page"] else "",
                "url": link.value["url"],
            },
        )
        for link in footer.links
    ]
    data = nested_form_data(
        {
            "organisation": footer.organisation,
            "address": footer.address,
            "phone": footer.phone,
            "email": footer.email,
            "links": streamfield(links),
            "go_live_at": "",
            "expire_at": "",
        }
    )
    data.update(changes)
    if action:
        data[f"action-{action}"] = "1"
    return data


def page_form(page, action=None, body=(), **changes):
    """The edit form of a content page with a plain introduction and the given body blocks."""
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": rich_text("<p>Over werkplekken.</p>"),
            "body": streamfield(list(body)),
            "comments": inline_formset([]),
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
            **changes,
        }
    )
    if action:
        data[f"action-{action}"] = "1"
    return data
