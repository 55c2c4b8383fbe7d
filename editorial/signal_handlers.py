from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from actortypes.models import ActorType
from editorial.redirects import redirect_renamed_actor_type


@receiver(pre_save, sender=ActorType)
def remember_public_slug(sender, instance, raw=False, update_fields=None, **kwargs):
    """Notes the slug visitors reach the actor type at, before a save may change it.

    Saving a draft only updates the revision pointers (update_fields), never the slug:
    the public address changes when a revision with a new slug is published.
    """
    if raw or instance.pk is None:
        return
    if update_fields is not None and "slug" not in update_fields:
        return
    instance._public_slug = (
        ActorType.objects.filter(pk=instance.pk, live=True).values_list("slug", flat=True).first()
    )


@receiver(post_save, sender=ActorType)
def redirect_old_address(sender, instance, raw=False, **kwargs):
    old_slug = instance.__dict__.pop("_public_slug", None)
    if raw or not old_slug or old_slug == instance.slug or not instance.live:
        return
    about_page = instance.get_about_page()
    if about_page is not None:
        redirect_renamed_actor_type(about_page, old_slug, instance.slug)
