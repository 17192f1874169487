from django.urls import path

from . import views

urlpatterns = [
    path("verify/", views.verify, name="two_factor_verify"),
    path("set-up/", views.set_up, name="two_factor_set_up"),
    path("recovery-codes/", views.recovery_codes, name="two_factor_recovery_codes"),
]
