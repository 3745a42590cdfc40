"""`python -m builder …`: see builder/cli.py."""
import sys

from .cli import main

sys.exit(main())
