"""Static files as production serves them, each address looked up once per name."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's compressed, hashed files; ``url()`` remembers each answer (the
    manifest is read once when the process starts and does not change), so the
    few ``{% static %}`` addresses of every page are not worked out again for each
    render."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        url = self._urls.get(name)
        if url is None:
            url = self._urls[name] = super().url(name)
        return url
