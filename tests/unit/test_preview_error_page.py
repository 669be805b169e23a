"""The error page lists each problem with its file, line, field and message, escaped."""

from __future__ import annotations

from dataclasses import dataclass

from bs4 import BeautifulSoup

from press_room.preview import error_page
from press_room.preview.gate import Outcome
from press_room.problems import Problem


@dataclass(frozen=True)
class _ProblemWithLine:  # what a Problem with an optional line number looks like
    file: str
    field: str
    message: str
    line: int


def _rows(page: bytes) -> list[list[str]]:
    soup = BeautifulSoup(page, "html.parser")
    return [[cell.get_text() for cell in row.find_all("td")]
            for row in soup.select("#preview-problems tr.problem")]


def test_each_problem_is_a_row_with_file_line_field_and_message():
    problems = (Problem("content/releases/2021/a/index.md", "category",
                        '"X" is not a configured category'),
                _ProblemWithLine("content/releases/2021/b/index.md", "photos[2].alt",
                                 "missing — describe the photo", 14))
    page = error_page.render(Outcome("s-2", False, problems=problems))
    assert _rows(page) == [
        ["content/releases/2021/a/index.md", "", "category", '"X" is not a configured category'],
        ["content/releases/2021/b/index.md", "14", "photos[2].alt",
         "missing — describe the photo"],
    ], page.decode()
    assert b"2 content problems" in page, page.decode()


def test_values_from_files_are_escaped():
    problems = (Problem("a<b>.md", "title", "<script>alert(1)</script> is too long"),)
    page = error_page.render(Outcome("s-2", False, problems=problems))
    soup = BeautifulSoup(page, "html.parser")
    assert [s.get("src") for s in soup.find_all("script")] == ["/__preview__/reload.js"], page
    assert "<script>alert(1)</script>" in soup.select_one(".problem-message").get_text()


def test_another_failure_shows_its_summary_and_traceback():
    outcome = Outcome("s-3", False, error="Traceback …\njinja2.TemplateSyntaxError: <x>",
                      summary="TemplateSyntaxError: unexpected 'endfor'")
    soup = BeautifulSoup(error_page.render(outcome), "html.parser")
    assert soup.select_one("#preview-error-summary").get_text() == (
        "TemplateSyntaxError: unexpected 'endfor'"), soup
    assert "jinja2.TemplateSyntaxError: <x>" in soup.select_one("#preview-error").get_text()


def test_the_page_reloads_at_the_next_build():
    soup = BeautifulSoup(error_page.render(Outcome("s-7", False, summary="x")), "html.parser")
    script = soup.select_one("script[data-preview-build]")
    assert script is not None and script["data-preview-build"] == "s-7", soup
