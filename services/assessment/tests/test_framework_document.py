"""The framework file format refuses incomplete or inconsistent documents (no database)."""

import copy

import pytest
from pydantic import ValidationError

from assessment.frameworks.document import FrameworkDocument, shipped_documents

from .factories.frameworks import framework_document


def test_the_factory_document_is_valid() -> None:
    assert FrameworkDocument.model_validate(framework_document()).key == "digcomp-3.0"


def test_a_text_missing_a_declared_language_is_refused() -> None:
    document = framework_document()
    del document["areas"][0]["competences"][1]["description"]["lt"]
    with pytest.raises(ValidationError, match=r"competence 1\.2 description lacks lt"):
        FrameworkDocument.model_validate(document)


def test_a_competence_outside_its_area_is_refused() -> None:
    document = framework_document()
    document["areas"][0]["competences"][1]["code"] = "2.1"
    with pytest.raises(ValidationError, match=r"competence 2\.1 is not in area 1"):
        FrameworkDocument.model_validate(document)


def test_duplicate_codes_and_levels_are_refused() -> None:
    twice = framework_document()
    twice["areas"][0]["competences"].append(copy.deepcopy(twice["areas"][0]["competences"][0]))
    with pytest.raises(ValidationError, match=r"competence code 1\.1 appears twice"):
        FrameworkDocument.model_validate(twice)
    levels = framework_document()
    levels["levels"].append(copy.deepcopy(levels["levels"][0]))
    with pytest.raises(ValidationError, match="level 1 appears twice"):
        FrameworkDocument.model_validate(levels)


@pytest.mark.parametrize(
    ("field", "value"),
    [("key", "DigComp 3"), ("status", "draft"), ("published_year", 1800), ("extra", "x")],
)
def test_bad_fields_are_refused(field: str, value: object) -> None:
    document = framework_document()
    document[field] = value
    with pytest.raises(ValidationError):
        FrameworkDocument.model_validate(document)


def test_digcomp_2_2_ships_in_english_and_lithuanian() -> None:
    (digcomp,) = shipped_documents()
    assert digcomp.key == "digcomp-2.2"
    assert set(digcomp.languages) == {"en", "lt"}
    for where, text in digcomp.texts():
        # A Lithuanian text that equals the English one was not translated.
        assert text["lt"] != text["en"], where
