"""The Certificates page: the register (search, kind, revoked ones), verifying a number or a QR text (valid,
revoked, unknown), preview and open in the PDF viewer of the very same document, and revoking with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from kommandesk.domain.certificates import Kind, qr_text
from kommandesk.tasks import TaskRunner
from kommandesk.ui.models.certificates_model import Column
from tests.unit.certificate_data import course, ready
from ui_helpers import activate, type_text

SB = QMessageBox.StandardButton
# (first, last, sessions present of 4): 100 %, 75 % (below 80 %), 100 %
PEOPLE = [("Anna", "Berg", 4), ("Jan", "Nowak", 3), ("Şükrü", "Yılmaz", 4)]


@pytest.fixture
def issued(services, tmp_path):
    """Two certificates of attendance in the register (Anna Berg, Şükrü Yılmaz), files in tmp_path/out."""
    ready(services)
    made, _people = course(services, PEOPLE)
    out = tmp_path / "out"
    out.mkdir()
    result = services.certificates.issue_course(made.id, language="de", folder=out, one_pdf=False, per_person=True)
    return {row.person_name: row for row in result.issued}


@pytest.fixture
def page(qtbot, services, paths):
    from kommandesk.ui.pages.certificates_page import CertificatesPage

    opened = []
    made = CertificatesPage(services.certificates, services.service_records, services.trainings,
                            services.volunteers, paths=paths, runner=TaskRunner(synchronous=True),
                            open_url=lambda url: opened.append(url) or True)
    made.opened = opened
    qtbot.addWidget(made)
    made.resize(1000, 700)
    made.show()
    qtbot.waitExposed(made)
    made.refresh()
    return made


def names(page) -> list[str]:
    return [page.model.row_at(row).person_name for row in range(page.model.rowCount())]


def test_the_register_lists_every_certificate_issued(page, issued):
    page.refresh()

    assert sorted(names(page)) == ["Anna Berg", "Şükrü Yılmaz"]
    assert page.status_line.text() == "2 certificates"
    assert page.model.text(page.model.row_at(0), Column.KIND) == "Certificate of attendance"
    assert page.model.text(page.model.row_at(0), Column.STATUS) == "valid"
    assert not page.empty.isVisible()


def test_an_empty_register_says_how_to_start(page):
    assert page.model.rowCount() == 0
    assert page.empty.isVisible()
    assert "Issue for a course" in page.empty.text()
    assert not page.preview_button.isEnabled() and not page.revoke_button.isEnabled()


def test_the_search_finds_a_person_without_diacritics(qtbot, page, issued):
    page.refresh()
    type_text(page.search, "sukru")
    page.flush_search()

    assert names(page) == ["Şükrü Yılmaz"]
    assert page.status_line.text() == "1 certificate"


def test_ctrl_f_goes_to_the_search_box(qtbot, page, issued):
    activate(qtbot, page)
    page.table.setFocus()

    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)

    assert page.search.hasFocus()


def test_the_kind_filter_leaves_out_other_documents(page, issued):
    page.kind.setCurrentIndex(page.kind.findData(Kind.SERVICE_RECORD.value))
    assert page.model.rowCount() == 0
    assert "No certificate matches" in page.empty.text()
    page.kind.setCurrentIndex(page.kind.findData(Kind.ATTENDANCE.value))
    assert page.model.rowCount() == 2


def test_enter_in_the_verify_box_says_a_certificate_is_valid(qtbot, page, issued):
    number = issued["Anna Berg"].number
    activate(qtbot, page)
    type_text(page.verify_input, number.lower())

    qtbot.keyClick(page.verify_input, Qt.Key.Key_Return)

    assert page.verify_badge.text() == "\u2713 VALID"
    assert page.verify_result.text().startswith(f"{number} is valid.")
    assert "Anna Berg" in page.verify_result.text()
    assert page.selected_number() == number  # and chosen in the register


def test_the_qr_text_verifies_and_a_wrong_check_value_does_not(page, issued):
    row = issued["Şükrü Yılmaz"]

    assert page.verify(qr_text(row.number, row.check_code)).validity.value == "valid"

    wrong = "ZZZZZZ" if row.check_code != "ZZZZZZ" else "YYYYYY"
    found = page.verify(qr_text(row.number, wrong))
    assert found.validity.value == "unknown"
    assert page.verify_badge.text() == "? UNKNOWN"
    assert "not genuine" in page.verify_result.text()


def test_a_revoked_certificate_says_so_with_date_and_reason(page, services, issued):
    number = issued["Anna Berg"].number
    services.certificates.revoke(number, "Issued to the wrong person")

    page.verify(number)

    assert page.verify_badge.text() == "\u2717 REVOKED"
    assert "revoked on" in page.verify_result.text()
    assert "Issued to the wrong person" in page.verify_result.text()


def test_an_unknown_number_and_text_without_a_number_are_unknown(page, issued):
    page.verify("KD-2020-99999")
    assert page.verify_badge.text() == "? UNKNOWN"
    assert "not in the register" in page.verify_result.text()

    page.verify("hello <b>world</b>")
    assert "No certificate number found" in page.verify_result.text()
    assert "<b>world</b>" in page.verify_result.text()  # shown as typed, never as markup
    assert page.verify_result.textFormat() == Qt.TextFormat.PlainText


def test_an_empty_verify_box_does_nothing(page):
    assert page.verify("  ") is None
    assert page.verify_badge.text() == ""


def test_preview_shows_the_very_same_document(page, services, issued, tmp_path, monkeypatch):
    from kommandesk.ui.dialogs.certificates import pdf_preview

    shown = []
    monkeypatch.setattr(pdf_preview, "preview_pdf", lambda parent, data, title, **kw: shown.append((data, title, kw)))
    number = issued["Şükrü Yılmaz"].number
    page.refresh()
    page.select_certificate(number)

    page.preview_selected()

    data, title, options = shown[0]
    written = (tmp_path / "out" / "Yılmaz Şükrü - Teilnahmebescheinigung.pdf").read_bytes()
    assert data == written
    assert number in title
    assert options["suggested_name"] == "Yılmaz Şükrü - Teilnahmebescheinigung.pdf"


def test_enter_on_a_certificate_previews_it(qtbot, page, issued, monkeypatch):
    from kommandesk.ui.dialogs.certificates import pdf_preview

    shown = []
    monkeypatch.setattr(pdf_preview, "preview_pdf", lambda parent, data, title, **kw: shown.append(title))
    page.refresh()
    activate(qtbot, page)
    page.focus_table()

    qtbot.keyClick(page.table, Qt.Key.Key_Return)

    assert shown and page.selected_number() in shown[0]


def test_open_in_pdf_viewer_opens_a_copy_of_the_document(page, issued, tmp_path):
    page.refresh()
    page.select_certificate(issued["Anna Berg"].number)

    assert page.open_selected()

    from kommandesk.ui.dialogs.certificates import pdf_files

    opened = Path(page.opened[0].toLocalFile())
    assert opened.name == "Berg Anna - Teilnahmebescheinigung.pdf"
    assert opened.read_bytes() == (tmp_path / "out" / opened.name).read_bytes()
    pdf_files.remove_temporary_copies()


def test_a_certificate_that_cannot_be_reproduced_is_not_shown_and_says_why(page, services, issued, answer_dialogs):
    number = issued["Anna Berg"].number
    with services.store.db.atomic():
        services.store.db.execute("UPDATE certificates SET sha256 = ? WHERE number = ?", ["0" * 64, number])
    shown = answer_dialogs(SB.Ok)
    page.refresh()
    page.select_certificate(number)

    assert not page.open_selected()

    assert shown[0]["title"] == "Certificate not shown"
    assert "Revoke it and issue a new one" in shown[0]["text"]
    assert page.opened == []


def answer_revoke(monkeypatch, reason: str | None):
    """The revoke dialog answered: ``reason`` typed and Revoke clicked (None: cancelled); the dialogs seen."""
    from kommandesk.ui.dialogs.certificates.revoke_dialog import RevokeDialog

    seen = []

    def fake_exec(dialog):
        seen.append(dialog)
        if reason is None:
            dialog.reject()
            return QDialog.DialogCode.Rejected
        dialog.reason.setPlainText(reason)
        return QDialog.DialogCode.Accepted if dialog.confirm() else QDialog.DialogCode.Rejected

    monkeypatch.setattr(RevokeDialog, "exec", fake_exec)
    return seen


def test_revoking_with_a_reason_marks_it_in_the_register(page, services, issued, monkeypatch):
    number = issued["Anna Berg"].number
    answer_revoke(monkeypatch, "Replaced by a corrected certificate")
    page.refresh()
    page.select_certificate(number)

    page.revoke_selected()

    stored = services.certificates.get(number)
    assert stored.revoked_on is not None and stored.revoke_reason == "Replaced by a corrected certificate"
    assert page.selected_number() == number
    assert page.model.text(page.selected(), Column.STATUS).startswith("revoked on")
    assert not page.revoke_button.isEnabled()  # once only
    assert page.status_line.text().startswith(f"{number} was revoked.")


def test_cancelling_the_revoke_dialog_changes_nothing(page, services, issued, monkeypatch):
    number = issued["Anna Berg"].number
    answer_revoke(monkeypatch, None)
    page.refresh()
    page.select_certificate(number)

    page.revoke_selected()

    assert services.certificates.get(number).revoked_on is None


def test_show_revoked_off_hides_revoked_certificates(page, services, issued):
    services.certificates.revoke(issued["Anna Berg"].number, "wrong course")
    page.refresh()
    assert len(names(page)) == 2

    page.show_revoked.setChecked(False)

    assert names(page) == ["Şükrü Yılmaz"]


def test_the_page_is_built_for_the_sidebar_and_fits_a_small_window(qtbot, main_window):
    from kommandesk.ui.pages.certificates_page import CertificatesPage

    assert main_window.show_page("certificates")
    shown = main_window.current_page()
    assert isinstance(shown, CertificatesPage)
    main_window.resize(1200, 760)
    qtbot.wait(10)
    for button in (shown.course_button, shown.record_button, shown.card_button, shown.preview_button,
                   shown.revoke_button, shown.open_button):
        assert button.width() >= button.sizeHint().width()  # no text cut off


def test_issue_for_a_course_fills_the_register_and_says_so(qtbot, page, services, tmp_path, monkeypatch):
    from kommandesk.ui.dialogs.certificates.batch_dialog import BatchDialog

    ready(services)
    made, _people = course(services, PEOPLE)
    out = tmp_path / "batch"
    out.mkdir()
    chosen = []

    def fake_exec(dialog):
        chosen.append(dialog.course_id())
        dialog.folder.setText(str(out))
        dialog.issue()
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(BatchDialog, "exec", fake_exec)

    qtbot.mouseClick(page.course_button, Qt.MouseButton.LeftButton)

    assert chosen == [made.id]  # the only course, chosen at once
    assert sorted(names(page)) == ["Anna Berg", "Şükrü Yılmaz"]
    assert page.status_line.text() == "2 certificates were issued.  ·  2 certificates"
