"""Use cases of KommanDesk. No widgets; errors are domain exceptions with translated messages."""
