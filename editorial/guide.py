"""The editors' guide (docs/redactie.md and docs/editing.md), in the admin's Help menu.

The guide is written once, as Markdown in docs/, and read here: the admin shows it to logged-in
editors at /admin/redactiegids/ instead of Wagtail's English Editor Guide.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from markdown_it import MarkdownIt
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

DOCS_DIR = settings.BASE_DIR / "docs"
# Address below /admin/redactiegids/ → the Markdown file it shows. The Docker image ships them.
GUIDES = {"": "redactie.md", "bewerken/": "editing.md"}


def guide_url(name):
    """The admin address of the guide page showing docs/<name>, or None if it is not one."""
    for path, file_name in GUIDES.items():
        if file_name == name.split("#")[0]:
            anchor = name[len(file_name) :]
            return reverse("editorial_guide") + path + anchor
    return None


def render_markdown(text):
    """HTML of the guide: CommonMark with tables, no raw HTML. Links to the other guide page
    lead to its admin address; links to developers' docs (deploy.md, …) become plain text."""
    markdown = MarkdownIt("commonmark", {"html": False}).enable("table")
    tokens = markdown.parse(text)
    for token in tokens:
        kept, unlinking = [], False
        for child in token.children or []:
            if child.type == "link_open":
                href = child.attrGet("href") or ""
                if "://" not in href and not href.startswith(("#", "mailto:")):
                    url = guide_url(href)
                    if url is None:
                        unlinking = True
                        continue
                    child.attrSet("href", url)
            elif child.type == "link_close" and unlinking:
                unlinking = False
                continue
            kept.append(child)
        if token.children is not None:
            token.children = kept
    return markdown.renderer.render(tokens, markdown.options, {})


class EditorsGuideView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "editorial/guide.html"
    page_title = _("Editors' guide")
    header_icon = "help"
    breadcrumbs_items = []  # Wagtail's main header, with the page title
    file_name = "redactie.md"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        text = (DOCS_DIR / self.file_name).read_text(encoding="utf-8")
        context["guide"] = mark_safe(render_markdown(text))  # noqa: S308 (our own Markdown, no raw HTML)
        return context
