"""Areas of help: a catalogue the coordinator keeps (add, rename, retire); defaults in German and English."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# key, German, English: the catalogue a new database starts with
DEFAULT_AREAS: tuple[tuple[str, str, str], ...] = (
    ("escort", "Begleitung zu Ämtern und Ärzten", "Escort to offices and doctors"),
    ("language_mentoring", "Sprachpatenschaft", "Language mentoring"),
    ("homework", "Hausaufgaben- und Lernhilfe", "Homework and learning help"),
    ("interpreting", "Dolmetschen / Sprachmittlung", "Interpreting / language mediation"),
    ("housing", "Wohnungssuche", "Housing search"),
    ("work_training", "Arbeit und Ausbildung", "Work and training"),
    ("childcare", "Kinderbetreuung", "Childcare"),
    ("leisure_sport", "Freizeit und Sport", "Leisure and sport"),
    ("everyday", "Alltagsbegleitung", "Everyday support"),
    ("donations", "Spenden und Logistik", "Donations and logistics"),
)


@dataclass(frozen=True)
class AreaOfHelp:
    id: str
    name_de: str
    name_en: str
    key: str | None = None  # set for the defaults
    retired_on: dt.date | None = None

    def name(self, language: str) -> str:
        return self.name_de if language == "de" else self.name_en

    @property
    def active(self) -> bool:
        return self.retired_on is None
