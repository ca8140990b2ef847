"""Security headers on every response the gateway sends."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kit.middleware import header_value

APP_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
)
# The API docs page starts Swagger UI with an inline script.
DOCS_CSP = APP_CSP.replace("default-src 'self'", "default-src 'self'; script-src 'self' 'unsafe-inline'")
STATIC_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class SecurityHeadersMiddleware:
    """Adds CSP and friends; HSTS only when the client reached us over HTTPS."""

    def __init__(self, app: ASGIApp, *, docs_path: str) -> None:
        self.app = app
        self.docs_path = docs_path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = scope.get("scheme") == "https" or header_value(scope, "x-forwarded-proto") == "https"
        csp = DOCS_CSP if scope["path"] == self.docs_path else APP_CSP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    h for h in message.get("headers", []) if h[0].lower() != b"content-security-policy"
                ]
                headers += [*STATIC_HEADERS, (b"content-security-policy", csp.encode())]
                if https:
                    headers.append((b"strict-transport-security", b"max-age=63072000; includeSubDomains"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
