"""The volunteer form (create / edit) and its sections."""
