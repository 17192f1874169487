"""Donations URLs that are not Wagtail pages.

``webhook_patterns`` sit outside the language prefix (providers post to one fixed
address); ``urlpatterns`` (the test checkout page) sit inside it.
"""

from django.urls import path

from . import views

app_name = "donations"

webhook_patterns = (
    [path("<slug:provider_name>/", views.webhook, name="webhook")],
    "donations_webhooks",
)

urlpatterns = [
    path("test-checkout/<str:reference>/", views.test_checkout, name="test_checkout"),
    path("test-portal/<str:token>/", views.test_portal, name="test_portal"),
]
