"""One module per ``s92`` sub-command: ``add_arguments(parser)`` and ``run(args) -> int``."""
