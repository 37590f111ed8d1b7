"""Frozen entry point of the windowed ``peka-sidebar`` executable (see peka.spec)."""

import multiprocessing

from ui.entry import gui_main

if __name__ == "__main__":
    # The sidebar syncs in a child process (assist.sync.child, "spawn"): in a frozen
    # bundle this executable is that child too, and freeze_support() runs it.
    multiprocessing.freeze_support()
    gui_main()
