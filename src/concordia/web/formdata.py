"""A form's text fields as a dict, for pages whose forms have many optional fields.

Async because reading the body is; it touches no database, so routes that use it stay
sync (run on a worker thread) and never hold the event loop while the database waits.
"""

from typing import Annotated

from fastapi import Depends, Request


async def form_fields(request: Request) -> dict[str, str]:
    """Text fields; a repeated field (a multiple select) is joined with spaces."""
    form = await request.form()
    fields: dict[str, str] = {}
    for key in form:
        values = [v for v in form.getlist(key) if isinstance(v, str)]
        if values:
            fields[key] = " ".join(values)
    return fields


FormFields = Annotated[dict[str, str], Depends(form_fields)]
