"""Dialogs of the Trainings page: the course form, a session, registering people, and the check-in view."""
