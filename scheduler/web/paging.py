"""Long lists (the entry log, the audit log) a page at a time, newest first: a year of
entries is thousands of rows. A page is asked for by number in the address, so a page
is bookmarkable; a number past the last is the last, anything else the first."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")
PAGE_SIZE = 100


@dataclass(frozen=True)
class Page(Generic[T]):
    """Page ``number`` of ``pages`` (1-based), of ``total`` items in all."""

    items: list[T]
    number: int
    pages: int
    total: int

    @property
    def first(self) -> int:
        """The place in the whole list of the page's first item (0 when it is empty)."""
        return (self.number - 1) * PAGE_SIZE + 1 if self.items else 0

    @property
    def last(self) -> int:
        return self.first + len(self.items) - 1 if self.items else 0


def page_number(asked: str, total: int) -> tuple[int, int]:
    """The page ``asked`` for (as typed in the address) and how many there are."""
    pages = max(1, -(-total // PAGE_SIZE))
    text = asked.strip()
    if not (text.isascii() and text.isdigit()):
        return 1, pages
    number = int(text) if len(text) <= 10 else pages
    return min(max(number, 1), pages), pages


def page_of(items: list[T], asked: str) -> Page[T]:
    """A page of a list held whole."""
    number, pages = page_number(asked, len(items))
    return Page(items[(number - 1) * PAGE_SIZE : number * PAGE_SIZE], number, pages, len(items))


def page_read(total: int, asked: str, read: Callable[[int, int], list[T]]) -> Page[T]:
    """A page of a list read a page at a time: ``read(limit, offset)``."""
    number, pages = page_number(asked, total)
    return Page(read(PAGE_SIZE, (number - 1) * PAGE_SIZE), number, pages, total)


def page_links(page: Page[T], address: Callable[[int], str]) -> dict[str, str]:
    """First, previous, next and last pages' addresses, where there are such pages."""
    wanted = {"first": 1, "previous": page.number - 1, "next": page.number + 1}
    wanted["last"] = page.pages
    return {
        name: address(number)
        for name, number in wanted.items()
        if 1 <= number <= page.pages and number != page.number
    }
