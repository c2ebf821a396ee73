"""The first-start assistant: language, organisation, encryption, and how to start (import, demo data, empty).

wizard.py holds the dialog and its buttons; each step is a module of its own. The assistant shows on the first start
(ui/first_run_start.py, before the main window) and again from Help > First-start assistant; what was chosen is a
services.first_run.Choices, and doing it is services/first_run.py's work.
"""
