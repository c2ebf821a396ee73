"""Deterministic demo data (people, places, streets) for screenshots, tests and trying the app out."""
