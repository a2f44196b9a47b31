"""What the preview watches (watchfiles, i.e. inotify on Linux): the input
file and last year's beside it, the district house style files, the local
catalog and templates/. Folders are watched rather than files, so an editor
that saves by writing a new file and renaming it over the old one is seen too.
A change is acted on once the folder has been quiet for STEP_MS."""
from __future__ import annotations

import re
import threading
from pathlib import Path

from .. import catalog, housestyle
from ..writers.html import TEMPLATES
from .cache import is_template

STEP_MS = 15        # quiet time that ends one batch of changes
DEBOUNCE_MS = 200   # the longest a busy batch is held back
_YEAR_FILE = re.compile(r"\d{4}\.yaml")


class Targets:
    """The folders to watch and which files in them matter."""

    def __init__(self, input_path: Path):
        self.input = Path(input_path).resolve()
        self.district_dirs = sorted({(base / housestyle.DIR).resolve()
                                     for base in list(self.input.parents)[:3] + [housestyle.ROOT_DISTRICTS.parent]
                                     if (base / housestyle.DIR).is_dir()})
        self.local_catalogs = {base / catalog.LOCAL_NAME for base in list(self.input.parents)[:2]}
        self.templates = TEMPLATES.resolve()

    def folders(self) -> list[Path]:
        return sorted({self.input.parent, self.templates, *self.district_dirs,
                       *(p.parent for p in self.local_catalogs if p.parent.is_dir())})

    def relevant(self, path: Path) -> bool:
        path = Path(path)
        if path.parent == self.input.parent and (path.name == self.input.name or _YEAR_FILE.fullmatch(path.name)):
            return True
        if path in self.local_catalogs:
            return True
        if path.parent in self.district_dirs and path.suffix == ".yaml":
            return True
        return path.parent == self.templates and is_template(path)

    def is_template(self, path: Path) -> bool:
        return Path(path).parent == self.templates


def watch(targets: Targets, on_change, stop: threading.Event) -> None:
    """Call on_change(set of changed paths) after each batch, until `stop`."""
    import watchfiles
    for changes in watchfiles.watch(*targets.folders(), watch_filter=lambda _c, p: targets.relevant(Path(p)),
                                    step=STEP_MS, debounce=DEBOUNCE_MS, stop_event=stop, raise_interrupt=False,
                                    rust_timeout=500, yield_on_timeout=False, recursive=False):
        on_change({Path(p) for _, p in changes})
