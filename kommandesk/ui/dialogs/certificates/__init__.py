"""Dialogs of the Certificates page: a course's batch, a service record, the Ehrenamtskarte check, revoking a
certificate, and the preview of any PDF the app makes (print, open in the PDF viewer, save)."""
