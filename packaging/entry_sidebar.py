"""Frozen entry point of the windowed ``peka-sidebar`` executable (see peka.spec)."""

from ui.entry import gui_main

if __name__ == "__main__":
    gui_main()
