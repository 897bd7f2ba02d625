"""Attachments lose their metadata on receipt: images are decoded and encoded again from the
pixels alone (no EXIF, GPS, XMP, ICC comments or text chunks survive), PDFs are rebuilt from
their pages without the document information dictionary or XMP metadata, and the images
inside them are re-encoded from their pixels too."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from pypdf.generic import NameObject

IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
EXTENSIONS = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "application/pdf": ".pdf",
}
MAX_PIXELS = 40_000_000
PAGE_KEYS_DROPPED = ("/Metadata", "/PieceInfo", "/AA")
METADATA_MARKERS = (b"Exif", b"http://ns.adobe.com/xap", b"<x:xmpmeta", b"8BIM")


@dataclass(frozen=True)
class Clean:
    data: bytes
    content_type: str


def refused() -> ValidationError:
    return ValidationError(_("Only photos (JPEG, PNG, WebP) and PDF files can be attached."))


def strip_image(data: bytes) -> Clean:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                kind = image.format or ""
                if kind not in IMAGE_FORMATS or image.width * image.height > MAX_PIXELS:
                    raise refused()
                upright = ImageOps.exif_transpose(image)
                mode = "RGBA" if upright.mode in {"RGBA", "LA", "P"} and kind != "JPEG" else "RGB"
                pixels = Image.frombytes(mode, upright.size, upright.convert(mode).tobytes())
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as error:  # fmt: skip
        raise refused() from error
    out = io.BytesIO()
    if kind == "JPEG":
        pixels.save(out, "JPEG", quality=85, optimize=True)
    elif kind == "PNG":
        pixels.save(out, "PNG", optimize=True)
    else:
        pixels.save(out, "WEBP", quality=85)
    return Clean(out.getvalue(), IMAGE_FORMATS[kind])


def _reencode_images(page: PageObject) -> None:
    """Images inside a PDF (a scanned payslip is a JPEG with the scanner's or phone's EXIF)
    are replaced by their pixels alone; one that cannot be re-encoded but carries metadata
    refuses the file."""
    for embedded in page.images:
        try:
            picture = embedded.image
            if picture is None:
                raise ValueError("no decodable image")
            pixels = Image.frombytes(picture.mode, picture.size, picture.tobytes())
            embedded.replace(pixels, quality=85)
        except Exception as error:  # noqa: BLE001  (any decoder failure)
            raw = bytes(embedded.data or b"")
            if any(marker in raw for marker in METADATA_MARKERS):
                raise refused() from error


def strip_pdf(data: bytes) -> Clean:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise refused()
        writer = PdfWriter()
        for page in reader.pages:
            for key in PAGE_KEYS_DROPPED:
                page.pop(NameObject(key), None)
            _reencode_images(writer.add_page(page))
        writer.metadata = None
        out = io.BytesIO()
        writer.write(out)
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise refused() from error
    return Clean(out.getvalue(), "application/pdf")


def strip(data: bytes) -> Clean:
    if data.startswith(b"%PDF-"):
        return strip_pdf(data)
    return strip_image(data)
