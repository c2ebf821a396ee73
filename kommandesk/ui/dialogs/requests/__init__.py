"""The request form (tabs: person, help, when, consent and status, assignments) and its small dialogs."""
