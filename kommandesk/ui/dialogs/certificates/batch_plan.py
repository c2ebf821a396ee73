"""What the batch dialog shows of a course's plan (CertificateService.plan): the courses to choose from, a
participant's row in the table (ticked, attendance, state, reason) and the counts line above it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem

from kommandesk.domain.trainings import CourseStatus
from kommandesk.i18n import _, ngettext
from kommandesk.i18n.formatting import format_number
from kommandesk.services.certificate_batch import BELOW, ELIGIBLE, ISSUED
from kommandesk.ui.models.course_texts import amount_text
from kommandesk.ui.widgets.form_field import error_colour

PLAN_ROW = Qt.ItemDataRole.UserRole  # the PlanRow, on the name cell
NAME, ATTENDANCE, STATE, REASON = range(4)


def state_text(row) -> str:
    if row.state == ISSUED:
        return _("issued before: {number}").format(number=row.issued.number)
    if row.state == ELIGIBLE:
        return _("eligible")
    return _("below the minimum")


def plan_items(row, unit, reasons: dict[str, str], palette) -> list[QStandardItem]:
    """The cells of a participant's row; ``reasons``: registration id -> reason typed for those ticked."""
    eligibility = row.eligibility
    attendance = _("{percent} % ({attended} of {planned})").format(
        percent=format_number(eligibility.percent), attended=_amount(eligibility.attended_minutes, unit),
        planned=amount_text(eligibility.planned_minutes, unit))
    registration_id = row.participant.registration_id
    reason = reasons.get(registration_id, row.issued.override_reason if row.issued else "")
    name = QStandardItem(_("{last_name}, {first_name}").format(last_name=row.participant.last_name,
                                                               first_name=row.participant.first_name)
                         if row.participant.first_name else row.participant.last_name)
    name.setData(row, PLAN_ROW)
    name.setCheckable(True)
    name.setUserTristate(False)
    included = row.state != BELOW or registration_id in reasons
    name.setCheckState(Qt.CheckState.Checked if included else Qt.CheckState.Unchecked)
    items = [name, QStandardItem(attendance), QStandardItem(state_text(row)), QStandardItem(reason)]
    for item in items:
        item.setEditable(False)
        if row.state == BELOW:
            item.setForeground(error_colour(palette))
    if row.state != BELOW:  # always printed: nothing to tick
        name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
    name.setToolTip(_("Below the minimum: tick to include, and write the reason below.") if row.state == BELOW
                    else _("Printed with the others: nothing to tick."))
    return items


def counts_text(plan, included: int) -> str:
    """'Minimum attendance: 75 %.  ·  12 eligible  ·  2 below the minimum (1 included)'."""
    rows = plan.rows
    issued = sum(1 for row in rows if row.state == ISSUED)
    eligible = sum(1 for row in rows if row.state == ELIGIBLE)
    below = sum(1 for row in rows if row.state == BELOW)
    parts = [_("Minimum attendance: {percent} %.").format(percent=plan.course.min_attendance_percent),
             ngettext("{count} eligible", "{count} eligible", eligible).format(count=format_number(eligible))]
    if issued:
        parts.append(ngettext("{count} issued before (printed again)", "{count} issued before (printed again)",
                              issued).format(count=format_number(issued)))
    if below:
        parts.append(ngettext("{count} below the minimum ({included} included)", "{count} below the minimum "
                              "({included} included)", below).format(count=format_number(below),
                                                                      included=format_number(included)))
    return "  ·  ".join(parts)


def _amount(minutes: int, unit) -> str:
    """The number of hours or teaching units alone ('4.5'), in the UI language: the unit follows once."""
    from babel.numbers import format_decimal

    from kommandesk.i18n import current_language

    return format_decimal(round(unit.amount(minutes), 2), format="#,##0.##", locale=current_language())


def certificate_courses(trainings) -> list:
    """Courses that can have certificates (not cancelled): finished ones first, then running ones, then the
    others; the latest first."""
    import datetime as dt

    rows = [row for row in trainings.list_courses("", frozenset(CourseStatus))
            if row.status is not CourseStatus.CANCELLED]
    order = {CourseStatus.FINISHED: 0, CourseStatus.RUNNING: 1}
    return sorted(rows, key=lambda row: (order.get(row.status, 2), -(row.last_day or dt.date.min).toordinal()))
