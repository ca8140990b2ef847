"""Password hashing (argon2id with the configured parameters) and the password policy."""

from __future__ import annotations

import pytest
from argon2 import Type, extract_parameters

from identity.accounts import passwords
from identity.settings import IdentitySettings

SETTINGS = IdentitySettings(argon2_memory_kib=8192, argon2_time_cost=1)


def test_defaults_are_the_owasp_argon2id_parameters() -> None:
    defaults = IdentitySettings()
    encoded = passwords.hash_secret(defaults, "a perfectly fine passphrase")
    parameters = extract_parameters(encoded)
    assert parameters.type is Type.ID
    assert (parameters.memory_cost, parameters.time_cost, parameters.parallelism) == (19 * 1024, 2, 1)
    assert passwords.verify_secret(defaults, encoded, "a perfectly fine passphrase")
    assert not passwords.verify_secret(defaults, encoded, "a perfectly fine passphrase!")


def test_a_hash_made_with_older_parameters_needs_rehashing() -> None:
    old = passwords.hash_secret(SETTINGS, "a perfectly fine passphrase")
    assert passwords.needs_rehash(IdentitySettings(), old)
    assert not passwords.needs_rehash(SETTINGS, old)


def test_verifying_without_a_hash_runs_a_dummy_hash_and_fails() -> None:
    assert not passwords.verify_secret(SETTINGS, None, "dla-no-such-account")
    assert not passwords.verify_secret(SETTINGS, "not-an-argon2-hash", "anything")


def test_the_shipped_list_holds_several_thousand_lower_cased_common_passwords() -> None:
    common = passwords.common_passwords()
    assert len(common) > 1000
    assert {"password", "qwerty123", "slaptazodis", "iloveyou"} <= common
    assert all(entry == entry.lower() for entry in common)


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short1!", "at least 8"),
        ("x" * 129, "at most 128"),
        ("Password1", "too common"),
        ("QWERTY123", "too common"),
        ("Slaptazodis123", "too common"),
        ("jonas.jonaitis@vrm.lt", "e-mail"),
        ("Jonas.Jonaitis", "e-mail"),
    ],
)
def test_the_policy_refuses_short_long_common_and_email_passwords(password: str, reason: str) -> None:
    with pytest.raises(passwords.WeakPassword) as refused:
        passwords.check_policy(SETTINGS, password, "jonas.jonaitis@vrm.lt")
    assert refused.value.slug == "weak-password"
    assert reason in str(refused.value.detail)


@pytest.mark.parametrize(
    "password", ["correct horse battery", "aaaaaaab", "šaltibarščiai", "12345-tilted-moon"]
)
def test_the_policy_has_no_composition_rules(password: str) -> None:
    passwords.check_policy(SETTINGS, password, "jonas.jonaitis@vrm.lt")


def test_length_counts_characters_not_bytes() -> None:
    passwords.check_policy(SETTINGS, "ąčęėįšųū", "someone@vrm.lt")  # 8 letters, 16 bytes
    with pytest.raises(passwords.WeakPassword):
        passwords.check_policy(SETTINGS, "ąčęėįšų", "someone@vrm.lt")
