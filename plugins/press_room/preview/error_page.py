"""The page the preview server shows in place of the site after a failed build.

It lists what the terminal lists: each content problem with its file, line
(when known), field and what to do; or, for any other failure, the error and
its traceback. It reloads by itself when the next build finishes.
"""

from __future__ import annotations

import html

from .gate import Outcome
from .reload import script_tag

_STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem;
       color: #1a1a1a; }
h1 { color: #a50e0e; font-size: 1.6rem; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #ccc; padding: .4rem .6rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
code, pre { font-family: ui-monospace, monospace; font-size: .9rem; }
pre { background: #f6f6f6; border: 1px solid #ddd; padding: 1rem; overflow-x: auto; }
"""


def _problem_rows(problems) -> str:
    rows = []
    for problem in problems:
        line = getattr(problem, "line", None)
        rows.append(
            "<tr class=\"problem\">"
            f"<td class=\"problem-file\"><code>{html.escape(str(problem.file))}</code></td>"
            f"<td class=\"problem-line\">{'' if line is None else html.escape(str(line))}</td>"
            f"<td class=\"problem-field\"><code>{html.escape(str(problem.field))}</code></td>"
            f"<td class=\"problem-message\">{html.escape(str(problem.message))}</td>"
            "</tr>")
    return "\n".join(rows)


def render(outcome: Outcome) -> bytes:
    if outcome.problems:
        count = len(outcome.problems)
        heading = f"{count} content problem{'s' if count != 1 else ''}: the site was not rebuilt"
        detail = (
            "<p>Fix the files below and save: this page reloads by itself when the next "
            "build finishes. The terminal lists the same problems.</p>\n"
            "<table id=\"preview-problems\"><thead><tr><th>File</th><th>Line</th><th>Field</th>"
            "<th>Problem</th></tr></thead>\n<tbody>\n"
            f"{_problem_rows(outcome.problems)}\n</tbody></table>")
    else:
        heading = "The build failed"
        detail = (
            f"<p id=\"preview-error-summary\">{html.escape(outcome.summary)}</p>\n"
            "<p>Fix the cause and save: this page reloads by itself when the next build "
            "finishes. The terminal shows the same error.</p>\n"
            f"<pre id=\"preview-error\">{html.escape(outcome.error or '')}</pre>")
    page = (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>Build failed — preview</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"<main id=\"preview-build-failed\">\n<h1>{html.escape(heading)}</h1>\n{detail}\n"
        "</main>\n")
    return page.encode() + script_tag(outcome.build_id) + b"\n</body>\n</html>\n"
