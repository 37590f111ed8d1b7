"""Console text that follows the interface language (``resources/i18n/console.*.json``).

Fixed labels are set in each screen's ``retranslate()``. Messages that appear after an
action ("Saved phrase x.") are kept as *recipes* – a function that makes the text – so
that switching the language redoes them too; messages from the core (coded errors) are
recipes that return the same text in every language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from ui.i18n import translator

Render = Callable[[], str]


class HasText(Protocol):
    def setText(self, text: str, /) -> None: ...


def language() -> str:
    """The interface language now (``id`` or ``en``)."""
    return translator().language


class LiveText:
    """Remembers how each message label's text was made, to make it again in a new language."""

    def __init__(self) -> None:
        self._recipes: dict[int, tuple[HasText, Render]] = {}

    def show(self, widget: HasText, render: Render) -> str:
        text = render()
        widget.setText(text)
        self._recipes[id(widget)] = (widget, render)
        return text

    def fixed(self, widget: HasText, text: str) -> str:
        """Text that is the same in every language (a path, a core error message)."""
        return self.show(widget, lambda: text)

    def refresh(self) -> None:
        for widget, render in list(self._recipes.values()):
            widget.setText(render())
