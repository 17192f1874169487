"""Security events of staff accounts, written to Wagtail's audit log.

They show in the admin under Reports > Site history, where the action filter finds
them. ``register`` connects the receivers; ``core.wagtail_hooks`` names the actions.
"""

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

logger = logging.getLogger("core.security")

LOGIN = "core.account.login"
LOGIN_FAILED = "core.account.login_failed"
LOCKED_OUT = "core.account.locked_out"
DEVICE_ADDED = "core.two_factor.device_added"
DEVICE_REMOVED = "core.two_factor.device_removed"
RECOVERY_CODES_CREATED = "core.two_factor.recovery_codes_created"
RECOVERY_CODE_USED = "core.two_factor.recovery_code_used"
VERIFICATION_FAILED = "core.two_factor.verification_failed"
VERIFIED = "core.two_factor.verified"
PASSKEY_ADDED = "core.two_factor.passkey_added"
PASSKEY_REMOVED = "core.two_factor.passkey_removed"
PASSKEY_USED = "core.two_factor.passkey_used"
GROUPS_CHANGED = "core.account.groups_changed"
PERMISSIONS_CHANGED = "core.account.permissions_changed"
ROLE_CHANGED = "core.account.role_changed"
GROUP_PERMISSIONS_CHANGED = "core.account.group_permissions_changed"

ACTIONS = {
    LOGIN: _("Signed in with password"),
    LOGIN_FAILED: _("Sign-in failed"),
    LOCKED_OUT: _("Sign-in locked out"),
    DEVICE_ADDED: _("Two-factor device added"),
    DEVICE_REMOVED: _("Two-factor device removed"),
    RECOVERY_CODES_CREATED: _("Recovery codes created"),
    RECOVERY_CODE_USED: _("Recovery code used"),
    VERIFICATION_FAILED: _("Two-factor code refused"),
    VERIFIED: _("Two-step verification passed"),
    PASSKEY_ADDED: _("Passkey added"),
    PASSKEY_REMOVED: _("Passkey removed"),
    PASSKEY_USED: _("Two-step verification passed with a passkey"),
    GROUPS_CHANGED: _("Groups changed"),
    PERMISSIONS_CHANGED: _("Permissions changed"),
    ROLE_CHANGED: _("Staff or superuser status changed"),
    GROUP_PERMISSIONS_CHANGED: _("Group permissions changed"),
}


def address(request):
    """The client address, as the sign-in lock-out counts it."""
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) if request is not None else None


def log_event(instance, action, request=None, user=None, **data):
    """One audit-log entry about ``instance`` (an account or a group)."""
    while isinstance(instance, LazyObject):  # request.user, wrapped twice
        if instance._wrapped is empty:
            instance._setup()
        instance = instance._wrapped
    if request is not None:
        data["address"] = address(request)
    logger.info("%s %s %s", action, instance, data)
    try:
        log(instance=instance, action=action, user=user, data=data)
    except ValidationError:
        # The process's cache of content types is stale (they were made again by a
        # migration or a database restore since it started): look them up afresh
        # once, so that a security event is never lost to it.
        ContentType.objects.clear_cache()
        log(instance=instance, action=action, user=user, data=data)


def _user_by_name(username):
    if not username:
        return None
    user_model = get_user_model()
    return user_model._default_manager.filter(
        **{user_model.USERNAME_FIELD: username}
    ).first()


def on_login(sender, request, user, **kwargs):
    log_event(user, LOGIN, request=request, user=user)


def on_login_failed(sender, credentials, request=None, **kwargs):
    user = _user_by_name(credentials.get(get_user_model().USERNAME_FIELD))
    if user is not None:
        log_event(user, LOGIN_FAILED, request=request)
    else:
        logger.info("%s for an unknown account", LOGIN_FAILED)


def on_locked_out(sender, request, username, ip_address, **kwargs):
    user = _user_by_name(username)
    if user is not None:
        log_event(user, LOCKED_OUT, address=ip_address)
    else:
        logger.warning("%s address %s", LOCKED_OUT, ip_address)


def _device_kind(device):
    return device._meta.verbose_name


def _is_passkey(device):
    return device._meta.label == "django_otp_webauthn.WebAuthnCredential"


def on_device_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    was_confirmed = getattr(instance, "_was_confirmed", False)
    if instance.confirmed and (created or not was_confirmed):
        action = PASSKEY_ADDED if _is_passkey(instance) else DEVICE_ADDED
        log_event(instance.user, action, device=str(_device_kind(instance)))


def on_device_pre_save(sender, instance, **kwargs):
    if instance.pk:
        instance._was_confirmed = sender.objects.filter(
            pk=instance.pk, confirmed=True
        ).exists()


def on_device_deleted(sender, instance, **kwargs):
    user_model = get_user_model()
    user = user_model._default_manager.filter(pk=instance.user_id).first()
    if user is not None and instance.confirmed:
        action = PASSKEY_REMOVED if _is_passkey(instance) else DEVICE_REMOVED
        log_event(user, action, device=str(_device_kind(instance)))


def _m2m_names(model, pk_set):
    if not pk_set:
        return []
    return sorted(str(obj) for obj in model._default_manager.filter(pk__in=pk_set))


def on_raw_save(sender, instance, raw=False, **kwargs):
    """Remember a row loaded as it is (fixtures, a test database restored): its
    many-to-many rows follow, and are no change anybody made."""
    instance._loaded_raw = raw


def is_change(instance, action, reverse):
    return (
        action in ("post_add", "post_remove", "post_clear")
        and not reverse
        and not getattr(instance, "_loaded_raw", False)
    )


def on_groups_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if not is_change(instance, action, reverse):
        return
    change = {"post_add": "added", "post_remove": "removed", "post_clear": "cleared"}
    event = GROUPS_CHANGED if model is Group else PERMISSIONS_CHANGED
    log_event(instance, event, **{change[action]: _m2m_names(model, pk_set)})


def on_group_permissions_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not is_change(instance, action, reverse):
        return
    from django.contrib.auth.models import Permission

    change = {"post_add": "added", "post_remove": "removed", "post_clear": "cleared"}
    log_event(
        instance,
        GROUP_PERMISSIONS_CHANGED,
        **{change[action]: _m2m_names(Permission, pk_set)},
    )


ROLE_FIELDS = ("is_staff", "is_superuser", "is_active")


def on_user_pre_save(sender, instance, raw=False, **kwargs):
    on_raw_save(sender, instance, raw)
    if not instance.pk or raw:
        return
    before = sender._default_manager.filter(pk=instance.pk).values(*ROLE_FIELDS).first()
    changed = {
        field: getattr(instance, field)
        for field in ROLE_FIELDS
        if before is not None and before[field] != getattr(instance, field)
    }
    instance._role_changes = changed


def on_user_saved(sender, instance, created, raw=False, **kwargs):
    changes = getattr(instance, "_role_changes", None)
    if changes:
        instance._role_changes = None
        log_event(instance, ROLE_CHANGED, **changes)


def register():
    from axes.signals import user_locked_out
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from django_otp_webauthn.models import WebAuthnCredential

    user_model = get_user_model()
    uid = "core.two_factor.audit"
    user_logged_in.connect(on_login, dispatch_uid=f"{uid}.login")
    user_login_failed.connect(on_login_failed, dispatch_uid=f"{uid}.failed")
    user_locked_out.connect(on_locked_out, dispatch_uid=f"{uid}.locked")
    for model in (TOTPDevice, StaticDevice, WebAuthnCredential):
        name = model.__name__
        pre_save.connect(
            on_device_pre_save, sender=model, dispatch_uid=f"{uid}.p{name}"
        )
        post_save.connect(on_device_saved, sender=model, dispatch_uid=f"{uid}.s{name}")
        post_delete.connect(
            on_device_deleted, sender=model, dispatch_uid=f"{uid}.d{name}"
        )
    m2m_changed.connect(
        on_groups_changed, sender=user_model.groups.through, dispatch_uid=f"{uid}.g"
    )
    m2m_changed.connect(
        on_groups_changed,
        sender=user_model.user_permissions.through,
        dispatch_uid=f"{uid}.up",
    )
    m2m_changed.connect(
        on_group_permissions_changed,
        sender=Group.permissions.through,
        dispatch_uid=f"{uid}.gp",
    )
    pre_save.connect(on_raw_save, sender=Group, dispatch_uid=f"{uid}.graw")
    pre_save.connect(on_user_pre_save, sender=user_model, dispatch_uid=f"{uid}.u1")
    post_save.connect(on_user_saved, sender=user_model, dispatch_uid=f"{uid}.u2")
