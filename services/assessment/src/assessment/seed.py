"""Reference data of the assessment service, loaded by the launcher after migrations."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from assessment.frameworks.document import shipped_documents
from assessment.frameworks.service import import_framework
from assessment.items.bank import import_bank, shipped_bank


async def load_reference(session: AsyncSession) -> None:
    """Import every shipped framework version and item bank file; running it again changes nothing."""
    for document in shipped_documents():
        await import_framework(session, document)
    # After the frameworks: every item names a competence of its framework version.
    await import_bank(session, shipped_bank())
