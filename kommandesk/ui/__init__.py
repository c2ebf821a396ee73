"""The Qt user interface. Widgets talk to services only."""
