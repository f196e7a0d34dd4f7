"""s92: rosters of the police officers London councils buy under Section 92."""

import os as _os
import sys as _sys

# Run as the ``s92`` console script, this package is the first of the program's code to
# load: Ctrl-C from here on is the README's one line, not a traceback of the imports
# (scheduler.cli puts the handlers before back once it has loaded). Imported by anything
# else (a test, a server) it leaves signals alone.
if _sys.argv and _os.path.basename(_sys.argv[0]).lower() in ("s92", "s92.exe", "s92-script.py"):
    from scheduler import starting  # noqa: F401
