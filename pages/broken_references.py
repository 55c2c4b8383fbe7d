"""The admin report "Broken references": what visitors see of the site that points at nothing.

Wagtail's reference index forgets references to a deleted object, so the report reads the
published content itself: every live page, every live snippet and every site setting, with the
same extraction the reference index uses. A reference is broken when its target is gone (or its
id is malformed), unpublished or private (pages.references); the public site then shows it
without a link, and this report tells editors where to repair it.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, Page, ReferenceIndex
from wagtail.snippets.models import get_snippet_models

from addresses.private import restricted_page_paths
from pages.references import restricted_collection_ids

GONE = _("deleted or does not exist")
UNPUBLISHED = _("not published")
PRIVATE = _("private")
NOT_RELEASED = _("not released (private collection)")


@dataclass
class BrokenReference:
    source: object  # the page, snippet or setting that holds the reference
    field: str  # where in it, e.g. "Inhoud → Paginateaser"
    target_type: str
    target_id: str
    problem: str


def published_sources():
    """What visitors see: live pages, (live) snippets and the site settings."""
    yield from Page.objects.live().specific()
    for model in get_snippet_models():
        if issubclass(model, DraftStateMixin):
            yield from model.objects.filter(live=True)
        else:
            yield from model.objects.all()
    for model in settings_registry:
        yield from model.objects.all()


def stream_references(block, raw, model_path):
    """(target model, id, model path) for each reference in a StreamField's stored data.

    Read from the stored ids, not the loaded values: a chooser whose target was deleted loads
    as None, and Wagtail's own extraction then sees nothing.
    """
    if isinstance(block, blocks.StreamBlock):
        for child in raw or []:
            if isinstance(child, dict) and child.get("type") in block.child_blocks:
                child_block = block.child_blocks[child["type"]]
                path = f"{model_path}.{child['type']}"
                yield from stream_references(child_block, child.get("value"), path)
    elif isinstance(block, blocks.ListBlock):
        for item in raw or []:
            value = item.get("value") if isinstance(item, dict) and "type" in item else item
            yield from stream_references(block.child_block, value, f"{model_path}.item")
    elif isinstance(block, blocks.StructBlock):
        if isinstance(raw, dict):
            for name, child_block in block.child_blocks.items():
                if name in raw:
                    yield from stream_references(child_block, raw[name], f"{model_path}.{name}")
    elif isinstance(block, blocks.ChooserBlock):
        if raw not in (None, ""):
            yield block.model_class, raw, model_path
    else:
        for model, target_id, path, _content_path in block.extract_references(block.to_python(raw)):
            yield model, target_id, f"{model_path}.{path}".rstrip(".")


def references_in(source):
    """(target model, id, model path) for each reference the source holds."""
    stream_fields = [f for f in source._meta.get_fields() if isinstance(f, StreamField)]
    for field in stream_fields:
        raw = list(getattr(source, field.name).raw_data)
        yield from stream_references(field.stream_block, raw, field.name)
    stream_names = {field.name for field in stream_fields}
    for content_type_id, target_id, model_path, _path in set(
        ReferenceIndex._extract_references_from_object(source)
    ):
        if model_path.split(".")[0] not in stream_names:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            if model is not None:
                yield model, target_id, model_path


def problem_with(target_model, target_id, private_paths, private_collections):
    """Why visitors cannot follow a reference, or None when they can."""
    if not str(target_id).isdigit():
        return GONE
    target = target_model._default_manager.filter(pk=target_id).first()
    if target is None:
        return GONE
    if isinstance(target, Page):
        if not target.live:
            return UNPUBLISHED
        if any(target.path.startswith(path) for path in private_paths):
            return PRIVATE
        return None
    if getattr(target, "collection_id", None) in private_collections:
        return NOT_RELEASED
    if isinstance(target, DraftStateMixin) and not target.live:
        return UNPUBLISHED
    return None


def broken_references():
    """Every broken reference in the published content, as BrokenReference items."""
    private_paths = restricted_page_paths()
    private_collections = restricted_collection_ids()
    found = []
    for source in published_sources():
        source_type = ContentType.objects.get_for_model(source, for_concrete_model=False)
        for target_model, target_id, model_path in references_in(source):
            problem = problem_with(target_model, target_id, private_paths, private_collections)
            if problem is None:
                continue
            field = ReferenceIndex(content_type=source_type, model_path=model_path)
            found.append(
                BrokenReference(
                    source=source,
                    field=field.describe_source_field(),
                    target_type=str(target_model._meta.verbose_name),
                    target_id=str(target_id),
                    problem=str(problem),
                )
            )
    return found


class BrokenReferencesView(ReportView):
    """Reports › Broken references: for every editor, so whoever can repair a link finds it."""

    page_title = _("Broken references")
    header_icon = "warning"
    index_url_name = "broken_references"
    index_results_url_name = "broken_references_results"
    paginate_by = 100
    columns = [
        TitleColumn(
            "source",
            label=_("Where"),
            accessor="source",
            get_url=lambda reference: AdminURLFinder().get_edit_url(reference.source),
        ),
        Column("field", label=_("Field")),
        Column("target_type", label=_("Refers to")),
        Column("problem", label=_("Problem")),
    ]

    def get_queryset(self):
        return broken_references()
