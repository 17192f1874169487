"""Staff sign-in: a second factor for every admin account, and sign-in lock-out.

django-otp keeps the devices (an authenticator app, TOTP; one-time recovery codes,
static tokens) and marks a session verified; django-axes counts wrong passwords per
account and per address. This package enforces the second factor in the admin
(``middleware``), walks staff through verification and set-up (``views``), and records
security events in Wagtail's audit log (``audit``).
"""
