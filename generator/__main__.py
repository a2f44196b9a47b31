"""python -m generator — see generator/cli."""
import sys

from .cli import main, parser  # noqa: F401  (tests and `python -m generator`)

if __name__ == "__main__":
    sys.exit(main())
