"""Errors that name exactly where a bureau file is wrong."""

from __future__ import annotations


class IngestError(Exception):
    """A file that cannot be loaded; the message names file, sheet, row and column."""

    def __init__(
        self,
        file_name: str,
        problem: str,
        *,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.file_name = file_name
        self.problem = problem
        self.sheet = sheet
        self.row = row
        self.column = column
        super().__init__(self.location() + ": " + problem)

    def location(self) -> str:
        parts = [self.file_name]
        if self.sheet is not None:
            parts.append(f"sheet {self.sheet}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column}")
        return ", ".join(parts)
