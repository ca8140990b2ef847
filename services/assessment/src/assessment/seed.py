"""Reference data of the assessment service, loaded by the launcher after migrations."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from assessment.frameworks.document import shipped_documents
from assessment.frameworks.service import import_framework


async def load_reference(session: AsyncSession) -> None:
    """Import every shipped framework version (DigComp 2.2 today); running it again changes nothing."""
    for document in shipped_documents():
        await import_framework(session, document)
