"""Pure-Python rules of KommanDesk: no Qt, no SQL."""
