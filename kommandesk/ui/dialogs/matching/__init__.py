"""Dialogs of the Matching page: the written reason for assigning despite a failed rule, and the review of a
"match all open requests" run."""
