"""The live preview server behind `make devserver`.

One long-running process builds the site with Pelican's public API, watches
content, theme and settings, rebuilds (one build at a time) on every change,
serves the output folder on 127.0.0.1 and tells the open browser tabs to
reload when a build finishes. A failed build is shown in the terminal and, in
place of the site, in the browser; the server keeps running.

  pelican_build.py  the one module that drives Pelican (settings, logging, a build)
  builds.py         the build loop: serialised rebuilds, each one's outcome
  gate.py           builds write, requests read, never both: no half-written page
  watch.py          file watching (watchfiles) that queues a rebuild
  server.py         the HTTP server: the output folder, reload events, the error page
  reload.py         the reload script tag, injected into served HTML only
  error_page.py     the page listing a failed build's problems
  reload.js         the browser side: reload when a newer build has finished
  __main__.py       `python -m press_room.preview CONTENT -s SETTINGS -o OUTPUT --port N`
"""
