"""The newsroom's page types, one module per kind: events (the agenda), news and publications."""

from newsroom.models.events import (  # noqa: F401
    AttendanceMode,
    EventIndexPage,
    EventPage,
    Province,
)
from newsroom.models.news import NewsIndexPage, NewsPage, NewsPageRelatedPage  # noqa: F401
from newsroom.models.publications import (  # noqa: F401
    PublicationIndexPage,
    PublicationPage,
    PublicationType,
)
