from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from actortypes.models import ActorType


def actor_type_context(request, actor_type, about_page):
    """What the public actor-type template needs; shared by the public view and the preview."""
    others = ActorType.objects.live().exclude(pk=actor_type.pk)
    context = about_page.get_context(request) if about_page else {"request": request}
    context.update(
        {
            "actor_type": actor_type,
            # What the page shows, in Django's name for it: the user bar's edit link opens it.
            "object": actor_type,
            "other_actor_types": (
                about_page.actor_type_links(others, request=request)
                if about_page
                else [(other, None) for other in others]
            ),
        }
    )
    return context


def actor_type_detail(request, about_page, slug):
    """The public page of one published actor type, below Over ons."""
    actor_type = get_object_or_404(ActorType.objects.live(), slug=slug)
    return TemplateResponse(
        request,
        "actortypes/actor_type.html",
        actor_type_context(request, actor_type, about_page),
    )
