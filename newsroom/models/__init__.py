"""The newsroom's page types, one module per kind of content: news, publications (and the
agenda's events)."""

from newsroom.models.news import NewsIndexPage, NewsPage, NewsPageRelatedPage
from newsroom.models.publications import PublicationIndexPage, PublicationPage, PublicationType

__all__ = [
    "NewsIndexPage",
    "NewsPage",
    "NewsPageRelatedPage",
    "PublicationIndexPage",
    "PublicationPage",
    "PublicationType",
]
