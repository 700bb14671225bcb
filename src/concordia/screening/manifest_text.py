"""A bus manifest typed or pasted as text: one passenger per line, fields split by `;`.

    surnames; given names; birth date (YYYY-MM-DD); nationality; document number

Companies send lists in many shapes; this is the one the booth page accepts. A bad line
is reported with its number and nothing is screened.
"""

from pydantic import ValidationError

from concordia.errors import ValidationFailed
from concordia.screening.manifest import ManifestPassenger

COLUMNS = ("surnames", "given_names", "birth_date", "nationality", "document_number")


def parse_lines(text: str) -> list[ManifestPassenger]:
    passengers = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        cells = [cell.strip() or None for cell in line.split(";")]
        if len(cells) > len(COLUMNS):
            raise ValidationFailed(
                f"line {number}: at most {len(COLUMNS)} fields separated by ';'",
                field=f"passengers[{number}]",
            )
        values = dict(zip(COLUMNS, cells, strict=False))
        try:
            passengers.append(ManifestPassenger(ref=str(number), **values))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise ValidationFailed(
                f"line {number}: {first['msg']}", field=f"passengers[{number}].{where}"
            ) from exc
    if not passengers:
        raise ValidationFailed("the manifest lists no passenger", field="passengers")
    return passengers
