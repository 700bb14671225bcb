"""Turn what the booth submitted (an MRZ or typed fields) into DocumentData, or say why not."""

from datetime import date

from concordia.crossings.schemas import DocumentIn, TypedDocument
from concordia.documents.mrz import NotAnMrz, error_message, parse_mrz
from concordia.errors import ValidationFailed
from concordia.identity.service import DocumentData


def from_mrz(text: str, today: date) -> DocumentData:
    try:
        result = parse_mrz(text, today=today)
    except NotAnMrz as exc:
        raise ValidationFailed(f"not a machine readable zone: {exc}", field="document.mrz") from exc
    if not result.valid:
        first = result.errors[0]
        detail = "; ".join(
            f"{e.field} ({e.position}): {error_message(e, 'en')}" for e in result.errors
        )
        raise ValidationFailed(f"MRZ rejected: {detail}", field=f"document.mrz.{first.field}")
    f = result.fields
    return DocumentData(
        document_code=f.document_code,
        issuing_state=f.issuing_state,
        number=f.document_number,
        expiry_date=f.expiry_date,
        surnames=f.primary_identifier,
        given_names=f.secondary_identifier,
        birth_date=f.birth_date,
        sex=f.sex,
        nationality=f.nationality,
    )


def from_typed(typed: TypedDocument, today: date) -> DocumentData:
    if typed.birth_date is not None and typed.birth_date > today:
        raise ValidationFailed("birth date is in the future", field="document.typed.birth_date")
    return DocumentData(
        document_code=typed.document_code,
        issuing_state=typed.issuing_state.upper(),
        number=typed.number.upper(),
        expiry_date=typed.expiry_date,
        surnames=typed.surnames.upper(),
        given_names=typed.given_names.upper(),
        birth_date=typed.birth_date,
        sex=typed.sex,
        nationality=typed.nationality.upper(),
    )


def read_document(document: DocumentIn, today: date) -> DocumentData:
    if document.mrz is not None:
        return from_mrz(document.mrz, today)
    assert document.typed is not None
    return from_typed(document.typed, today)
