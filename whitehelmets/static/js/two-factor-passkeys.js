// Staff sign-in: once a passkey is added, go where the server says (the recovery
// codes of a first second factor, or the account's two-step verification page).
document.addEventListener("otp_webauthn.register_complete", (event) => {
  const url = event.detail && event.detail.response && event.detail.response.redirect_url;
  if (url) {
    window.location.assign(url);
  }
});
