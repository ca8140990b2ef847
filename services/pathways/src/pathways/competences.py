"""The DigComp 2.2 competence codes and proficiency levels that pathways validates against."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# The assessment service owns the framework as versioned data; pathways keeps only the codes
# it must validate targets against, until a framework event or client replaces this list.
DIGCOMP_CODES: tuple[str, ...] = (
    "1.1", "1.2", "1.3",
    "2.1", "2.2", "2.3", "2.4", "2.5", "2.6",
    "3.1", "3.2", "3.3", "3.4",
    "4.1", "4.2", "4.3", "4.4",
    "5.1", "5.2", "5.3", "5.4",
)  # fmt: skip

CompetenceCode = Annotated[
    str,
    StringConstraints(pattern=r"^[1-9]\.[1-9]$"),
    Field(description="DigComp competence code, e.g. `1.1`.", examples=["1.1"]),
]
Level = Annotated[int, Field(ge=1, le=8, description="DigComp proficiency level, 1 (foundation) to 8.")]


class CompetenceTargets(BaseModel):
    """A level for every DigComp 2.2 competence, keyed by code (`"1.1"` … `"5.4"`)."""

    # Spelled out rather than a free dict, so the contract (and the SPA's generated types) name
    # every code, an unknown code is refused and a missing one is reported by its code.
    model_config = ConfigDict(extra="forbid", populate_by_name=False, serialize_by_alias=True)

    c1_1: Level = Field(alias="1.1")
    c1_2: Level = Field(alias="1.2")
    c1_3: Level = Field(alias="1.3")
    c2_1: Level = Field(alias="2.1")
    c2_2: Level = Field(alias="2.2")
    c2_3: Level = Field(alias="2.3")
    c2_4: Level = Field(alias="2.4")
    c2_5: Level = Field(alias="2.5")
    c2_6: Level = Field(alias="2.6")
    c3_1: Level = Field(alias="3.1")
    c3_2: Level = Field(alias="3.2")
    c3_3: Level = Field(alias="3.3")
    c3_4: Level = Field(alias="3.4")
    c4_1: Level = Field(alias="4.1")
    c4_2: Level = Field(alias="4.2")
    c4_3: Level = Field(alias="4.3")
    c4_4: Level = Field(alias="4.4")
    c5_1: Level = Field(alias="5.1")
    c5_2: Level = Field(alias="5.2")
    c5_3: Level = Field(alias="5.3")
    c5_4: Level = Field(alias="5.4")

    def by_code(self) -> dict[str, int]:
        """The levels as a plain `{code: level}` dict in framework order."""
        return self.model_dump(by_alias=True)
