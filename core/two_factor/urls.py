from django.urls import include, path

from . import passkey_urls, views

urlpatterns = [
    path("verify/", views.verify, name="two_factor_verify"),
    path("set-up/", views.set_up, name="two_factor_set_up"),
    path("recovery-codes/", views.recovery_codes, name="two_factor_recovery_codes"),
    path(
        "passkeys/<int:pk>/remove/",
        views.remove_passkey,
        name="two_factor_remove_passkey",
    ),
    path("passkeys/", include(passkey_urls)),
]
