"""Language codes babel names under another key."""

# Dari: ISO 639-3 'prs'; babel names it only as the Afghan variant of Persian.
BABEL_KEYS = {"prs": "fa_AF"}
