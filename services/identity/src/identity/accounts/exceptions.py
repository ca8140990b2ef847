"""Sign-in problems; some carry extension members (`captcha_required`, `retry_after`)."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse

from kit.problems import PROBLEM_MEDIA_TYPE, DlaError, problem_body


class Refusal(DlaError):
    """A refused sign-in step whose problem document has extension members."""

    def __init__(
        self,
        detail: str,
        *,
        extensions: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail, headers=headers)
        self.extensions = extensions or {}


class InvalidCredentials(Refusal):
    status, slug, title = 401, "invalid-credentials", "Wrong e-mail or password"

    def __init__(self, detail: str, *, captcha_required: bool) -> None:
        super().__init__(detail, extensions={"captcha_required": captcha_required})


class WrongCurrentPassword(DlaError):
    status, slug, title = 403, "invalid-credentials", "Wrong password"


class AccountLocked(Refusal):
    status, slug, title = 423, "account-locked", "Account locked for a while"

    def __init__(self, retry_after: int) -> None:
        minutes = max(1, -(-retry_after // 60))
        super().__init__(
            f"Too many wrong attempts: sign-in is locked for {minutes} more minute(s). "
            "Wait, or reset your password to unlock it now.",
            extensions={"retry_after": retry_after},
            headers={"Retry-After": str(retry_after)},
        )


class TooManyAttempts(Refusal):
    status, slug, title = 429, "too-many-attempts", "Too many sign-in attempts"

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            "Too many failed sign-ins from this network address. Try again later.",
            extensions={"retry_after": retry_after},
            headers={"Retry-After": str(retry_after)},
        )


class CaptchaNeeded(Refusal):
    """A solved ALTCHA challenge is needed (missing, forged, expired or used before)."""

    status, slug, title = 400, "captcha-invalid", "Proof-of-work check failed"

    def __init__(self, detail: str) -> None:
        super().__init__(detail, extensions={"captcha_required": True})


class EmailNotVerified(DlaError):
    status, slug, title = 403, "email-not-verified", "E-mail address not confirmed"


class TokenInvalid(DlaError):
    status, slug, title = 400, "token-invalid", "Link or code not valid"


class DomainNotAllowed(DlaError):
    status, slug, title = 422, "domain-not-allowed", "E-mail domain not allowed"


def refusal_response(request: Request, error: DlaError) -> JSONResponse:
    """The problem document of `error`, extension members included."""
    body = problem_body(error.status, error.slug, error.title, error.detail, instance=request.url.path)
    if isinstance(error, Refusal):
        body.update(error.extensions)
    return JSONResponse(body, status_code=error.status, media_type=PROBLEM_MEDIA_TYPE, headers=error.headers)
