"""Frozen entry point of the ``peka`` console executable (see peka.spec)."""

from ui.entry import main

if __name__ == "__main__":
    main()
