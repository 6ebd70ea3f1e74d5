"""The only way WeasyPrint may read anything while it renders a plan: the project's own files
and the plan's figures.

WeasyPrint's default fetcher opens ``file://`` anywhere and fetches ``http(s)``, ``ftp`` and
``data:`` URLs, so one ``<link rel=attachment href=file:///etc/passwd>`` or ``<img src=http://…>``
that reached the print HTML would embed a local file in the PDF or call a server.  This fetcher
serves ``file://`` URLs inside the given folders (the print assets) or naming one of the given
files (the plan's YAML, attached to the PDF), hands out the image of each figure the plan
declares from the bytes that were checked (``plansite-figure:<src>``, :func:`figure_url`; the
file is not read again), and refuses every other URL and scheme: an image a figure's SVG would
load, a file beside the plan's images, an address.  A refusal stops the render
(``fail_on_errors``): a sign-off PDF is never written with something missing.

It also hands out WOFF2 fonts as TrueType from :class:`~generator.fontcache.FontCache`.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

from ..fontcache import WOFF2_MAGIC, FontCache

MEDIA_TYPES = {".woff2": "font/ttf", ".ttf": "font/ttf", ".yaml": "application/yaml",
               ".css": "text/css"}


FIGURE_SCHEME = "plansite-figure"


def figure_url(src: str) -> str:
    """The URL the print HTML names a figure's image by (``plansite-figure:images/a.png``)."""
    from pathlib import PurePosixPath
    return f"{FIGURE_SCHEME}:{quote(PurePosixPath(src).as_posix(), safe='/')}"


class RefusedURL(ValueError):
    """A URL outside what the fetcher may read."""


class AssetFetcher(URLFetcher):
    """Reads ``file://`` URLs below ``roots`` or equal to one of ``files``; refuses the rest.

    ``served`` and ``refused`` record every URL asked for, in order.
    """

    def __init__(self, roots: list[Path], files: list[Path] = (),
                 font_cache: FontCache | None = None, images: list = ()):
        super().__init__(fail_on_errors=True, allowed_protocols=("file",))
        self.roots = [Path(r).resolve(strict=True) for r in roots]
        self.files = {Path(f).resolve(strict=True) for f in files}
        self.font_cache = font_cache
        self.images = {figure_url(image.src): image for image in images}
        """The figures' images it hands out (:class:`generator.figures.Image`), by URL."""
        self.served: list[str] = []
        self.refused: list[str] = []

    def path_of(self, url: str) -> Path:
        """The file a URL names, if the fetcher may read it; else :class:`RefusedURL`."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file":
            raise RefusedURL(f"refused {url!r}: only the project's own files may be read "
                             f"(scheme {parts.scheme or 'none'!r} is not allowed)")
        if parts.netloc not in ("", "localhost") or parts.query:
            raise RefusedURL(f"refused {url!r}: not a plain local file URL")
        try:
            path = Path(url2pathname(unquote(parts.path))).resolve(strict=True)
        except (OSError, RuntimeError, ValueError):
            raise RefusedURL(f"refused {url!r}: no such file") from None
        if not path.is_file():
            raise RefusedURL(f"refused {url!r}: not a file")
        if path in self.files or any(path.is_relative_to(root) for root in self.roots):
            return path
        raise RefusedURL(f"refused {url!r}: outside the project's print assets and plan files")

    def fetch(self, url, headers=None):
        image = self.images.get(url)
        if image is not None:
            self.served.append(url)
            return URLFetcherResponse(url, image.data, {"Content-Type": image.media_type})
        try:
            path = self.path_of(url)
        except RefusedURL:
            self.refused.append(url)
            raise
        data = path.read_bytes()
        if self.font_cache is not None and data[:4] == WOFF2_MAGIC:
            data = self.font_cache.ttf(data)
        media_type = MEDIA_TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] \
            or "application/octet-stream"
        self.served.append(url)
        return URLFetcherResponse(path.as_uri(), data, {"Content-Type": media_type})
