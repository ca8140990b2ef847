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
    "workshop_confirmed": {
        "en": (
            "Your place is confirmed: {workshop}",
            "Hello {name},\n\nyour place at {workshop} is confirmed:\n\n{when}\n\nThe details, the "
            "calendar file and the way to give back your place are here:\n\n{link}",
        ),
        "lt": (
            "Jūsų vieta patvirtinta: {workshop}",
            "Sveiki, {name},\n\njūsų vieta renginyje „{workshop}“ patvirtinta:\n\n{when}\n\n"
            "Išsami informacija, kalendoriaus failas ir galimybė atsisakyti vietos:\n\n{link}",
        ),
    },
    "workshop_waitlisted": {
        "en": (
            "You are on the waiting list: {workshop}",
            "Hello {name},\n\nevery seat at {workshop} ({when}) is taken, so you are number "
            "{position} on the waiting list. If a seat frees up, it is yours at once and we write "
            "to you again.\n\n{link}",
        ),
        "lt": (
            "Jūs laukiančiųjų sąraše: {workshop}",
            "Sveiki, {name},\n\nvisos vietos renginyje „{workshop}“ ({when}) užimtos, todėl "
            "laukiančiųjų sąraše esate {position}. Atsilaisvinusi vieta iškart atiteks jums ir mes "
            "vėl parašysime.\n\n{link}",
        ),
    },
    "workshop_promoted": {
        "en": (
            "A seat freed up for you: {workshop}",
            "Hello {name},\n\na seat at {workshop} freed up and it is now yours:\n\n{when}\n\n"
            "If you cannot come after all, please give it back so the next person can:\n\n{link}",
        ),
        "lt": (
            "Jums atsilaisvino vieta: {workshop}",
            "Sveiki, {name},\n\nrenginyje „{workshop}“ atsilaisvino vieta ir ji dabar jūsų:\n\n"
            "{when}\n\nJei vis dėlto negalėsite dalyvauti, atsisakykite jos, kad ji atitektų "
            "kitam:\n\n{link}",
        ),
    },
    "workshop_declined": {
        "en": (
            "Your request was not approved: {workshop}",
            "Hello {name},\n\nyour request to join {workshop} ({when}) was not approved. Talk to "
            "your supervisor if you would like to know why, or choose another session:\n\n{link}",
        ),
        "lt": (
            "Jūsų prašymas nepatvirtintas: {workshop}",
            "Sveiki, {name},\n\njūsų prašymas dalyvauti renginyje „{workshop}“ ({when}) "
            "nepatvirtintas. Jei norite sužinoti kodėl, pasikalbėkite su vadovu arba pasirinkite "
            "kitą užsiėmimą:\n\n{link}",
        ),
    },
    "workshop_approval_request": {
        "en": (
            "{person} asks to join {workshop}",
            "Hello {name},\n\n{person} asks for a place at {workshop}:\n\n{when}\n\nThe place "
            "is held for them only once you approve it. Approve or decline here:\n\n{link}",
        ),
        "lt": (
            "{person} prašo leisti dalyvauti: {workshop}",
            "Sveiki, {name},\n\n{person} prašo vietos renginyje „{workshop}“:\n\n{when}\n\n"
            "Vieta rezervuojama tik jums patvirtinus. Patvirtinkite arba atmeskite čia:\n\n{link}",
        ),
    },
    "workshop_session_cancelled": {
        "en": (
            "Cancelled: {workshop}",
            "Hello {name},\n\nthe session of {workshop} on {when} is cancelled, and your place "
            "with it. Other sessions, if there are any, are here:\n\n{link}",
        ),
        "lt": (
            "Atšaukta: {workshop}",
            "Sveiki, {name},\n\nrenginio „{workshop}“ užsiėmimas ({when}) atšauktas, kartu ir "
            "jūsų vieta. Kiti užsiėmimai, jei jų yra, čia:\n\n{link}",
        ),
    },
    "workshop_reminder": {
        "en": (
            "Coming up: {workshop}",
            "Hello {name},\n\na reminder that {workshop} starts soon:\n\n{when}\n\nWhere and "
            "how to join, and the calendar file:\n\n{link}",
        ),
        "lt": (
            "Jau greitai: {workshop}",
            "Sveiki, {name},\n\nprimename, kad renginys „{workshop}“ jau greitai:\n\n{when}\n\n"
            "Kur ir kaip prisijungti, kalendoriaus failas:\n\n{link}",
        ),
    },
}


def language_of(value: str | None) -> str:
    """A language there are texts for; the platform's default otherwise."""
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def render(kind: str, language: str, **fields: Any) -> tuple[str, str]:
    """The subject and plain-text body of message `kind` in `language`."""
    subject, body = MESSAGES[kind][language_of(language)]
    return subject.format(**fields), body.format(**fields) + SIGNATURE[language_of(language)]
