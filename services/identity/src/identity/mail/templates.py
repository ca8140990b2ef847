"""The texts of every e-mail identity sends, in each language the platform speaks.

A third language is one more entry per message here. Fields are filled with `str.format`.
"""

from __future__ import annotations

from typing import Any

LANGUAGES = ("en", "lt")
DEFAULT_LANGUAGE = "lt"

SIGNATURE = {
    "en": "\n\n-- \nDigital Lithuania Academy",
    "lt": "\n\n-- \nSkaitmeninės Lietuvos akademija",
}

MESSAGES: dict[str, dict[str, tuple[str, str]]] = {
    "verify_email": {
        "en": (
            "Confirm your e-mail address",
            "Hello {name},\n\nplease confirm your e-mail address to finish creating your account:\n\n"
            "{link}\n\nThe link works for 48 hours. If you did not create an account, ignore this "
            "message: nothing happens without the link.",
        ),
        "lt": (
            "Patvirtinkite el. pašto adresą",
            "Sveiki, {name},\n\npatvirtinkite savo el. pašto adresą, kad baigtumėte kurti paskyrą:\n\n"
            "{link}\n\nNuoroda galioja 48 valandas. Jei paskyros nekūrėte, šio laiško nepaisykite: "
            "be nuorodos niekas nevyks.",
        ),
    },
    "already_registered": {
        "en": (
            "You already have an account",
            "Hello {name},\n\nsomeone (perhaps you) tried to create an account with this e-mail "
            "address, but you already have one. Sign in as usual, or set a new password here:\n\n"
            "{link}\n\nThe link works for one hour. If it was not you, ignore this message: your "
            "account has not changed.",
        ),
        "lt": (
            "Jūs jau turite paskyrą",
            "Sveiki, {name},\n\nkažkas (galbūt jūs) bandė sukurti paskyrą šiuo el. pašto adresu, "
            "tačiau jūs ją jau turite. Prisijunkite kaip įprasta arba nustatykite naują slaptažodį:"
            "\n\n{link}\n\nNuoroda galioja vieną valandą. Jei tai buvote ne jūs, šio laiško "
            "nepaisykite: jūsų paskyra nepakito.",
        ),
    },
    "password_reset": {
        "en": (
            "Set a new password",
            "Hello {name},\n\nwe received a request to set a new password for your account. Use "
            "this link to choose one:\n\n{link}\n\nThe link works for one hour and only once. If you "
            "did not ask for it, ignore this message: your password stays as it is.",
        ),
        "lt": (
            "Naujo slaptažodžio nustatymas",
            "Sveiki, {name},\n\ngavome prašymą nustatyti naują jūsų paskyros slaptažodį. "
            "Pasirinkite jį šia nuoroda:\n\n{link}\n\nNuoroda galioja vieną valandą ir tik vieną "
            "kartą. Jei to neprašėte, šio laiško nepaisykite: slaptažodis liks toks pat.",
        ),
    },
    "password_changed": {
        "en": (
            "Your password was changed",
            "Hello {name},\n\nthe password of your account was just changed, and other sign-ins "
            "were ended. If it was not you, reset your password at once:\n\n{link}",
        ),
        "lt": (
            "Jūsų slaptažodis pakeistas",
            "Sveiki, {name},\n\njūsų paskyros slaptažodis ką tik pakeistas, kiti prisijungimai "
            "baigti. Jei tai buvote ne jūs, nedelsdami nustatykite naują slaptažodį:\n\n{link}",
        ),
    },
    "invitation": {
        "en": (
            "You are invited to the Digital Lithuania Academy",
            "Hello {name},\n\n{inviter} invited you to join the Digital Lithuania Academy "
            "({organisation}). Accept the invitation and choose your password here:\n\n{link}\n\n"
            "The invitation works until {expires}.",
        ),
        "lt": (
            "Kvietimas į Skaitmeninės Lietuvos akademiją",
            "Sveiki, {name},\n\n{inviter} kviečia jus prisijungti prie Skaitmeninės Lietuvos "
            "akademijos ({organisation}). Priimkite kvietimą ir pasirinkite slaptažodį:\n\n{link}"
            "\n\nKvietimas galioja iki {expires}.",
        ),
    },
}


def language_of(value: str | None) -> str:
    """A language there are texts for; the platform's default otherwise."""
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def render(kind: str, language: str, **fields: Any) -> tuple[str, str]:
    """The subject and plain-text body of message `kind` in `language`."""
    subject, body = MESSAGES[kind][language_of(language)]
    return subject, body.format(**fields) + SIGNATURE[language_of(language)]
