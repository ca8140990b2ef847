"""The SCIM resources identity serves, as scim2-models classes, and what discovery publishes.

The schemas describe exactly what DLA keeps, so every attribute a client writes reads back the same:

- User: `userName` is the person's e-mail address (the sign-in identifier, one per person);
  `emails` is a read-only view of it (one work address), `groups` a read-only view of the unit.
  `active` and the DLA extension's `unit` are required because every person always has a status
  and a unit; a creation that leaves them out gets `true` and the client's own organisation.
- The enterprise extension carries `manager` (the supervisor); the unit is in the DLA extension
  (`unit.value` is the organisation id, `unit.$ref` its Group), because a server-derived value
  inside an extension would stop clients replacing or removing the extension as a whole.
- Group: an organisation unit in the client's subtree; `members` are the people whose unit it is.
"""

from typing import Annotated, Any

from pydantic import Field
from scim2_models import (
    URN,
    AuthenticationScheme,
    Bulk,
    CaseExact,
    ChangePassword,
    ComplexAttribute,
    ETag,
    Extension,
    Filter,
    GroupMembership,
    Meta,
    Mutability,
    Pagination,
    Patch,
    Reference,
    Required,
    Resource,
    ResourceType,
    SchemaExtension,
    ScimPolicy,
    ScimProvider,
    ServiceProviderConfig,
    Sort,
    Uniqueness,
)

USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group"
ENTERPRISE_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
DLA_USER_SCHEMA = "urn:dla:params:scim:schemas:extension:2.0:User"
MAX_RESULTS = 200


class Name(ComplexAttribute):
    """The parts of a person's name DLA keeps."""

    given_name: str | None = None
    """The given (first) name."""

    family_name: str | None = None
    """The family (last) name."""


class Email(ComplexAttribute):
    """The person's one e-mail address, the same as `userName`."""

    value: Annotated[str | None, Mutability.read_only] = None
    """The address."""

    type: Annotated[str | None, Mutability.read_only] = Field(None, examples=["work"])
    """Always `work`."""

    primary: Annotated[bool | None, Mutability.read_only] = None
    """Always true: there is only one."""


class User(Resource[Any]):
    """A person in DLA: a public servant in one organisation unit."""

    __schema__ = URN(USER_SCHEMA)

    user_name: Annotated[str | None, Uniqueness.server, Required.true] = None
    """The person's e-mail address, used to sign in; unique in any letter case."""

    name: Name | None = None
    """The components of the person's name."""

    display_name: str | None = None
    """The name shown to others."""

    active: Annotated[bool | None, Required.true] = None
    """Whether the person may sign in (false: suspended)."""

    emails: Annotated[list[Email] | None, Mutability.read_only] = None
    """The person's e-mail address (read-only: change `userName`)."""

    groups: Annotated[list[GroupMembership] | None, Mutability.read_only] = None
    """The unit the person belongs to (read-only: change the DLA extension's `unit` or the Group)."""


class ManagerRef(ComplexAttribute):
    """A reference to the person's supervisor, another User."""

    value: Annotated[str | None, Required.true, CaseExact.true] = None
    """The supervisor's id."""

    ref: Reference["User"] | None = Field(None, serialization_alias="$ref", validation_alias="$ref")
    """The supervisor's URL (filled in when only `value` is given)."""


class EnterpriseUser(Extension):
    """Enterprise User (the parts DLA keeps: the supervisor)."""

    __schema__ = URN(ENTERPRISE_SCHEMA)

    manager: ManagerRef | None = None
    """The person's supervisor."""


class UnitRef(ComplexAttribute):
    """A reference to an organisation unit, a Group."""

    value: Annotated[str | None, Required.true, CaseExact.true] = None
    """The unit's organisation id."""

    ref: Annotated[Reference["Group"] | None, Required.true] = Field(
        None, serialization_alias="$ref", validation_alias="$ref"
    )
    """The unit's Group URL (either `value` or `$ref` identifies the unit)."""


class DlaUser(Extension):
    """DLA User: where the person works."""

    __schema__ = URN(DLA_USER_SCHEMA)

    unit: Annotated[UnitRef | None, Required.true] = None
    """The organisation unit the person belongs to."""


class GroupMember(ComplexAttribute):
    """A person in the unit."""

    value: Annotated[str | None, Mutability.immutable, CaseExact.true] = None
    """The person's id."""

    ref: Annotated[Reference["User"] | None, Mutability.immutable] = Field(
        None, serialization_alias="$ref", validation_alias="$ref"
    )
    """The person's User URL."""

    type: Annotated[str | None, Mutability.immutable] = Field(None, examples=["User"])
    """Always `User`: units hold people, sub-units are not members."""


class Group(Resource[Any]):
    """An organisation unit in the client's subtree."""

    __schema__ = URN(GROUP_SCHEMA)

    display_name: Annotated[str | None, Required.true] = None
    """The unit's name."""

    members: list[GroupMember] | None = None
    """The people whose unit this is; adding one moves them here, removing one moves them to the
    unit's parent organisation."""


USER_TYPE = ResourceType(
    id="User",
    name="User",
    endpoint="/Users",
    description="People",
    schema_=USER_SCHEMA,
    schema_extensions=[
        SchemaExtension(schema_=ENTERPRISE_SCHEMA, required=False),
        SchemaExtension(schema_=DLA_USER_SCHEMA, required=True),
    ],
)
GROUP_TYPE = ResourceType(
    id="Group", name="Group", endpoint="/Groups", description="Organisation units", schema_=GROUP_SCHEMA
)

# Attributes DLA does not keep (nickName, phoneNumbers, and the like, which HR systems often
# send) are dropped rather than refused; everything DLA keeps is checked strictly.
POLICY = ScimPolicy(unknown=ScimPolicy.Unknown.ignore)
PROVIDER = ScimProvider(
    models=[User, EnterpriseUser, DlaUser, Group],
    resource_types=[USER_TYPE, GROUP_TYPE],
    policy=POLICY,
)
# The composed classes (User with its extensions); Any, as mypy cannot see their fields.
FullUser: Any = PROVIDER.model_for("User")
FullGroup: Any = PROVIDER.model_for("Group")


def service_provider_config(base_url: str) -> ServiceProviderConfig:
    """What the service supports (RFC 7644 §5)."""
    return ServiceProviderConfig(
        patch=Patch(supported=True),
        bulk=Bulk(supported=False, max_operations=0, max_payload_size=0),
        filter=Filter(supported=True, max_results=MAX_RESULTS),
        change_password=ChangePassword(supported=False),
        sort=Sort(supported=True),
        etag=ETag(supported=True),
        pagination=Pagination(
            cursor=False, index=True, default_page_size=MAX_RESULTS, max_page_size=MAX_RESULTS
        ),
        authentication_schemes=[
            AuthenticationScheme(
                type="oauthbearertoken",
                name="OAuth Bearer Token",
                description=(
                    "A client-credentials access token from DLA identity with the scope `scim`; "
                    "the client reaches the people and units of its own organisation's subtree."
                ),
                spec_uri="https://www.rfc-editor.org/rfc/rfc6750",
                primary=True,
            )
        ],
        meta=Meta(resource_type="ServiceProviderConfig", location=f"{base_url}/ServiceProviderConfig"),
    )
