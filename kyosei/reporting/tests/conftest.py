"""The reporting world: a national centre (the default receiver) beside orgs A and B."""

from __future__ import annotations

import base64
import io
from typing import Any

import pytest
from PIL import Image

from kyosei.orgs import services as org_services
from kyosei.orgs.models import Organisation

CANARY = "KYOSEI-REPORT-CANARY-給料が払われない"
GPS_LATITUDE = (34, 42, 13)


@pytest.fixture
def centre(db: None) -> Organisation:
    return org_services.create_organisation(
        actor=None,
        slug="centre",
        name="外国人在留支援センター",
        kind=Organisation.Kind.NATIONAL_CENTRE,
    )


def jpeg_with_gps(marker: str = "KYOSEI-EXIF-MARKER") -> bytes:
    """A photo as a phone makes it: EXIF with the camera, a comment and GPS coordinates."""
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = marker  # Model
    exif[0x9286] = marker  # UserComment (in the main IFD here)
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = GPS_LATITUDE
    gps[3] = "E"
    gps[4] = (137, 44, 2)
    out = io.BytesIO()
    xmp = f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>{marker}</rdf:RDF></x:xmpmeta>'
    image.save(out, "JPEG", exif=exif, xmp=xmp.encode())
    data = out.getvalue()
    assert marker.encode() in data
    return data


def pdf_with_info(marker: str = "KYOSEIPDFMARKER") -> bytes:
    """A PDF with document information, catalog XMP and page XMP all carrying `marker`."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": marker, "/Title": marker, "/Creator": marker})
    for holder in (writer._root_object, page):
        xmp = DecodedStreamObject()
        xmp.set_data(f"<x:xmpmeta><rdf:RDF>{marker}</rdf:RDF></x:xmpmeta>".encode())
        xmp[NameObject("/Type")] = NameObject("/Metadata")
        holder[NameObject("/Metadata")] = writer._add_object(xmp)
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    assert data.count(marker.encode()) >= 5
    return data


def pdf_with_photo(marker: str = "KYOSEI-EXIF-MARKER") -> bytes:
    """A scanned payslip as a phone app makes it: one page showing a JPEG that keeps its EXIF."""
    from pypdf import PdfWriter
    from pypdf.generic import (
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
        NumberObject,
        StreamObject,
    )

    photo = jpeg_with_gps(marker)
    writer = PdfWriter()
    page = writer.add_blank_page(width=64, height=48)
    image = StreamObject()
    image._data = photo
    image.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Image"),
            NameObject("/Width"): NumberObject(64),
            NameObject("/Height"): NumberObject(48),
            NameObject("/ColorSpace"): NameObject("/DeviceRGB"),
            NameObject("/BitsPerComponent"): NumberObject(8),
            NameObject("/Filter"): NameObject("/DCTDecode"),
        }
    )
    resources = {NameObject("/Im0"): writer._add_object(image)}
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/XObject"): DictionaryObject(resources)}
    )
    content = DecodedStreamObject()
    content.set_data(b"q 64 0 0 48 0 0 cm /Im0 Do Q")
    page[NameObject("/Contents")] = writer._add_object(content)
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    assert marker.encode() in data
    return data


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def report_body(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "language": "vi",
        "category": "unpaid_wages",
        "text": f"{CANARY} Tôi không được trả lương ba tháng.",
        "prefecture": "22",
    }
    body.update(changes)
    return body
