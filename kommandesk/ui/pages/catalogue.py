"""The sidebar's pages, in order. Areas that arrive later show a plain 'coming soon' page."""

from __future__ import annotations

from kommandesk.i18n import _
from kommandesk.ui.pages.coming_soon import ComingSoonPage

COMING_SOON = (
    ("volunteers", lambda: _("Volunteers"),
     lambda: _("Volunteer profiles with languages, areas of help, weekly availability, clearances and consent.")),
    ("requests", lambda: _("Requests"),
     lambda: _("Support requests from refugees: escorts, language mentoring, homework help, interpreting and more.")),
    ("matching", lambda: _("Matching"),
     lambda: _("A ranked, explained list of suitable volunteers for each request, and an optimal assignment "
               "across all open requests.")),
    ("trainings", lambda: _("Trainings"),
     lambda: _("Courses, sessions, registrations with waiting lists, and attendance.")),
    ("certificates", lambda: _("Certificates"),
     lambda: _("Attendance certificates, sign-in sheets and service records as PDF, numbered and verifiable.")),
    ("reports", lambda: _("Reports"),
     lambda: _("Reports for the funder, with charts, as PDF and Excel.")),
)


def coming_soon_pages() -> list[ComingSoonPage]:
    return [ComingSoonPage(key, title, description) for key, title, description in COMING_SOON]
