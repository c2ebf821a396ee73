"""Qt's own strings (dialog buttons, context menus) in the active language, through Qt's shipped qtbase catalogues."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from kommandesk.i18n import normalise_language


def system_language() -> str:
    """German on a German system, else English, as the desktop reports it."""
    for name in QLocale.system().uiLanguages():
        return normalise_language(name)
    return normalise_language(QLocale.system().name())


class QtLanguage:
    """Keeps the installed QTranslators and swaps them when the language changes."""

    def __init__(self, app: QCoreApplication):
        self._app = app
        self._translators: list[QTranslator] = []

    def apply(self, language: str) -> bool:
        """Install Qt's catalogues for ``language``; True if they were found (English needs none)."""
        for translator in self._translators:
            self._app.removeTranslator(translator)
        self._translators.clear()
        QLocale.setDefault(QLocale(QLocale.Language.German if language == "de" else QLocale.Language.English,
                                   QLocale.Country.Germany if language == "de" else QLocale.Country.UnitedKingdom))
        if language == "en":
            return True
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        found = False
        for catalogue in ("qtbase",):
            translator = QTranslator(self._app)
            if translator.load(f"{catalogue}_{language}", folder):
                self._app.installTranslator(translator)
                self._translators.append(translator)
                found = True
        return found
