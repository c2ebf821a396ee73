"""Reading and saving the organisation's details, logo included."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

from kommandesk.domain import organisation as rules
from kommandesk.domain.errors import ValidationError
from kommandesk.domain.organisation import Organisation
from kommandesk.i18n import _
from kommandesk.store.organisation_repo import OrganisationRepository


def decode_problem(data: bytes) -> str | None:
    """Decode the image fully (Pillow comes with reportlab): a broken or gigantic file is refused."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if max(width, height) > rules.MAX_LOGO_PIXELS:
                return _("The logo is too large: at most {limit} pixels wide and high, please.").format(
                    limit=rules.MAX_LOGO_PIXELS)
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return _("The logo file is damaged or not an image.")
    return None


class OrganisationService:
    def __init__(self, repository: OrganisationRepository):
        self._repository = repository

    def get(self) -> Organisation:
        """The saved organisation, or an empty one to fill in."""
        return self._repository.get() or Organisation()

    def is_configured(self) -> bool:
        return self._repository.get() is not None

    def validate(self, org: Organisation) -> tuple[Organisation, dict[str, str]]:
        cleaned = org.cleaned()
        errors = rules.validate(cleaned)
        if cleaned.logo is not None and "logo" not in errors:
            problem = decode_problem(cleaned.logo)
            if problem:
                errors["logo"] = problem
            else:
                cleaned = dataclasses.replace(cleaned, logo_type=rules.sniff_image_type(cleaned.logo))
        if cleaned.logo is None:
            cleaned = dataclasses.replace(cleaned, logo_type=None)
        return cleaned, errors

    def save(self, org: Organisation) -> Organisation:
        cleaned, errors = self.validate(org)
        if errors:
            raise ValidationError(errors)
        return self._repository.save(cleaned)

    @staticmethod
    def read_logo_file(path: Path) -> bytes:
        """The bytes of a logo file chosen by the user; ValidationError (field 'logo') when unusable."""
        try:
            size = path.stat().st_size
            if size > rules.MAX_LOGO_BYTES:
                raise ValidationError({"logo": _("The logo is too large: at most 2 MB, please.")})
            data = path.read_bytes()
        except OSError as exc:
            raise ValidationError({"logo": _("The file cannot be read: {reason}").format(reason=exc.strerror)})
        problem = rules.check_logo_bytes(data) or decode_problem(data)
        if problem:
            raise ValidationError({"logo": problem})
        return data
