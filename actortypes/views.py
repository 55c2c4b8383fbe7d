import math

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from wagtail import hooks

from actortypes.models import ActorType


def actor_type_context(request, actor_type, about_page):
    """What the public actor-type template needs; shared by the public view and the preview."""
    others = ActorType.objects.live().exclude(pk=actor_type.pk)
    context = about_page.get_context(request) if about_page else {"request": request}
    context.update(
        {
            "actor_type": actor_type,
            "other_actor_types": (
                about_page.actor_type_links(others, request=request)
                if about_page
                else [(other, None) for other in others]
            ),
            "sections": sections(request, actor_type),
        }
    )
    return context


def sections(request, actor_type):
    """What other apps show on an actor page (support: its measures and calls), from the
    "actor_type_sections" hooks: each gives dicts of template, context and expires_at (when
    what it shows changes next, or None). Hooks, called by name, keep this app a leaf."""
    return [
        section
        for hook in hooks.get_hooks("actor_type_sections")
        for section in hook(request, actor_type)
    ]


def actor_type_detail(request, about_page, slug):
    """The public page of one published actor type, below Over ons."""
    actor_type = get_object_or_404(ActorType.objects.live(), slug=slug)
    context = actor_type_context(request, actor_type, about_page)
    response = TemplateResponse(request, "actortypes/actor_type.html", context)
    expiry = [s["expires_at"] for s in context["sections"] if s.get("expires_at")]
    if expiry:
        # Browsers, proxies and the page cache keep the page no longer than it is true.
        seconds = math.ceil((min(expiry) - timezone.now()).total_seconds())
        patch_cache_control(response, max_age=max(0, seconds))
    return response
