"""The ``peka`` command line (core commands; ``ui.entry`` adds the window's commands)."""
