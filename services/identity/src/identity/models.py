"""Every table of the identity service, imported so migrations see them all."""

from identity.database import metadata
from identity.organisations.models import Organisation

__all__ = ["Organisation", "metadata"]
