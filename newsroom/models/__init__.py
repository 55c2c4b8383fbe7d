"""The newsroom's page types, one module per kind: events (the agenda)."""

from newsroom.models.events import (  # noqa: F401
    AttendanceMode,
    EventIndexPage,
    EventPage,
    Province,
)
