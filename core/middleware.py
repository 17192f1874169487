import re

from django.conf import settings


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set: CSP and Permissions-Policy.

    Public pages get a policy that names no other origin. The Wagtail admin, which
    only signed-in staff see, gets the looser policy its editor needs. A preview (the
    page or snippet the admin renders in its preview panel, through this same chain
    with the public address) keeps the public policy but may be framed by the admin.
    """

    PERMISSIONS_POLICY = (
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
        "microphone=(), payment=(), usb=(), interest-cohort=()"
    )

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefixes = ("/admin/", "/django-admin/")

    FRAME_ANCESTORS = re.compile(r"frame-ancestors[^;]*")

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "is_preview", False):
            self.allow_admin_to_frame(response)
        if request.path.startswith(self.admin_prefixes):
            policy = settings.CONTENT_SECURITY_POLICY_ADMIN
        else:
            policy = settings.CONTENT_SECURITY_POLICY
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("Permissions-Policy", self.PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response

    def allow_admin_to_frame(self, response):
        """The public policy with ``frame-ancestors 'self'``, and no ``DENY``."""
        policy = self.FRAME_ANCESTORS.sub(
            "frame-ancestors 'self'", settings.CONTENT_SECURITY_POLICY
        )
        if "frame-ancestors" not in policy:
            policy = f"{policy}; frame-ancestors 'self'"
        response.headers["Content-Security-Policy"] = policy
        response.headers["X-Frame-Options"] = "SAMEORIGIN"


class StripIndentationMiddleware:
    """Drop the templates' indentation from public HTML pages.

    Every run of white space between two tags that holds a line break becomes one line
    break: the page renders exactly as before (a white space stays where there was
    one) and is about a fifth lighter before compression. Pages with ``<pre>`` or
    ``<textarea>`` (where white space is content) and the admin are left alone. It runs
    inside the page cache, so a cached page is stripped once.
    """

    BETWEEN_TAGS = re.compile(rb">[ \t\r]*\n\s*<")
    KEEP = re.compile(rb"<(pre|textarea)\b", re.IGNORECASE)

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefixes = ("/admin/", "/django-admin/")

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.streaming
            or not response.get("Content-Type", "").startswith("text/html")
            or request.path.startswith(self.admin_prefixes)
            or self.KEEP.search(response.content)
        ):
            return response
        response.content = self.BETWEEN_TAGS.sub(b">\n<", response.content)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response
