"""The per-plan output cache: a plan's PDFs and data files reused while its inputs are unchanged.

An entry is keyed by :func:`key`: the plan's input digest (:func:`generator.digest.input_digest`:
its YAML and catalog bytes, its images, every file of the generator — code, templates, message
catalogs, stylesheets, fonts — and the pinned versions of the libraries that shape the outputs),
the step (``pdf``, ``data``), the audience (``intranet``, ``public``) and ``SOURCE_DATE_EPOCH``
as set.  Any change to any of them is another key, so an entry is never served for other inputs.

Entries live in ``<out>/.cache/plans/<key[:2]>/<key>/``:
each file of the entry under its name, and ``entry.json`` listing every name with its sha256 and
what the step wrote on stderr.  An entry is written into a temporary folder and renamed into
place whole; one whose files do not match their listing (cut short, edited) is a miss and is
made again.  The folder is safe to delete at any time between builds.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

VERSION = "plansite-plan-cache-1"
ENTRY = "entry.json"


def cache_root(out: Path | str) -> Path:
    """The cache of a build into ``out``: ``<out>/.cache/plans``, always beside the outputs it
    serves (``$PLANSITE_CACHE`` moves the font cache only)."""
    return Path(out).resolve() / ".cache" / "plans"


def key(digest: str, step: str, audience: str) -> str:
    """The key of one plan's files of one step for one audience, under the build's settings."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    h = hashlib.sha256(VERSION.encode("ascii"))
    for part in (digest, step, audience, "unset" if epoch is None else "set:" + epoch):
        encoded = part.encode("utf-8")
        h.update(len(encoded).to_bytes(8, "big") + encoded)
    return h.hexdigest()


@dataclass
class Entry:
    files: dict[str, bytes]
    stderr: str = ""


@dataclass
class PlanCache:
    """One build's view of the cache, counting its hits and misses (the build summary)."""

    root: Path
    hits: int = 0
    misses: int = 0
    hit_keys: list = field(default_factory=list)

    def _folder(self, k: str) -> Path:
        return self.root / k[:2] / k

    def get(self, k: str) -> Entry | None:
        folder = self._folder(k)
        try:
            listing = json.loads((folder / ENTRY).read_text(encoding="utf-8"))
            files = {}
            for name, sha in listing["files"]:
                data = (folder / "files" / name).read_bytes()
                if hashlib.sha256(data).hexdigest() != sha:
                    raise ValueError(name)
                files[name] = data
            entry = Entry(files, listing.get("stderr", ""))
        except (OSError, ValueError, KeyError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        self.hit_keys.append(k)
        return entry

    def put(self, k: str, entry: Entry) -> None:
        """Store an entry whole (a temporary folder renamed into place); a cache that cannot
        be written is no error: the build goes on without it."""
        folder = self._folder(k)
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=folder.parent))
            try:
                listing = []
                for name, data in entry.files.items():
                    path = tmp / "files" / name
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(data)
                    listing.append([name, hashlib.sha256(data).hexdigest()])
                (tmp / ENTRY).write_text(json.dumps({"files": listing, "stderr": entry.stderr},
                                                    ensure_ascii=False), encoding="utf-8")
                if folder.exists():
                    shutil.rmtree(folder)
                os.rename(tmp, folder)
            finally:
                if tmp.exists():
                    shutil.rmtree(tmp, ignore_errors=True)
        except OSError:
            return
