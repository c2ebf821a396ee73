"""Data protection (GDPR) dialogs: export a person's data (Art. 15), erase a person (Art. 17, confirmed by typing
the reference), and the retention rules (a preview with Apply). Reached from Settings > Data protection
(ui/widgets/privacy_settings.py) and from the volunteer and request forms (:func:`common.add_privacy_button`)."""
