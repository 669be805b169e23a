"""`python -m press_room.preview [CONTENT] -s SETTINGS -o OUTPUT [--port N]`: see README."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading

from . import builds, gate, pelican_build, quick_render, server, watch


def _setting(text: str) -> tuple[str, object]:
    key, separator, value = text.partition("=")
    if not separator or not key:
        raise argparse.ArgumentTypeError(f"{text!r}: write KEY=VALUE (VALUE as JSON)")
    try:
        return key, json.loads(value)
    except json.JSONDecodeError:
        return key, value  # like pelican -e: a bare word is a string


def parse_arguments(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m press_room.preview",
        description="Build the site, serve it, rebuild on every change and reload the browser.")
    parser.add_argument("content", nargs="?", default="content", help="the content folder")
    parser.add_argument("-s", "--settings", default="pelicanconf.py")
    parser.add_argument("-o", "--output", default="output")
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000, help="0: any free port")
    parser.add_argument("-e", "--extra-settings", nargs="+", type=_setting, default=[],
                        metavar="KEY=VALUE", help="settings overrides, as for pelican -e")
    parser.add_argument("-v", "--verbose", action="store_true", help="Pelican's INFO messages")
    return parser.parse_args(argv)


def _watched(args, overrides) -> tuple[list[str], list[str]]:
    """Folders and files to watch: content, theme, the settings file."""
    folders = [args.content]
    try:
        settings = pelican_build.load_settings(args.settings, args.content, args.output, overrides)
        folders.append(settings["THEME"])
    except Exception as error:  # the first build shows it; the content is still watched
        print(f"[preview] could not read {args.settings}: {error}", file=sys.stderr)
    return folders, [args.settings]


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _default_sigterm_in_child() -> None:
    # Forked workers (prefetch's pool, the render workers) must not inherit
    # the handler above: a pool ends its idle workers with SIGTERM, and a
    # worker that turns it into a swallowed KeyboardInterrupt blocks on the
    # pool's queue lock for ever, and the build with it.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def handle_sigterm() -> None:
    """SIGTERM ends the server like Ctrl-C (the build loop runs in the main
    thread); processes forked from it keep the default."""
    signal.signal(signal.SIGTERM, _interrupt)
    os.register_at_fork(after_in_child=_default_sigterm_in_child)


def main(argv=None) -> int:
    args = parse_arguments(argv)
    overrides = dict(args.extra_settings)
    pelican_build.init_logs(args.verbose)
    output_gate = gate.OutputGate()
    quick = quick_render.QuickRender(args.output, out=sys.stdout)
    quick.install()
    loop = builds.BuildLoop(
        lambda: pelican_build.build(
            pelican_build.load_settings(args.settings, args.content, args.output, overrides)),
        output_gate, quick=quick)
    try:
        httpd = server.PreviewServer((args.bind, args.port), args.output, output_gate)
    except OSError as error:
        print(f"[preview] cannot serve on {args.bind}:{args.port}: {error.strerror} — "
              "choose another port: make devserver PORT=8001", file=sys.stderr)
        return 1
    host, port = httpd.server_address[:2]
    threading.Thread(target=httpd.serve_forever, name="preview-http", daemon=True).start()
    stop = threading.Event()
    folders, files = _watched(args, overrides)
    watch.start(folders, files, ignore=[args.output], on_change=loop.request, stop=stop)
    print(f"[preview] Serving http://{host}:{port}/ — watching "
          f"{', '.join(os.path.relpath(f) for f in folders + files)}; Ctrl-C stops", flush=True)
    handle_sigterm()
    try:
        loop.run()
    except KeyboardInterrupt:
        print("[preview] stopped", flush=True)
    finally:
        stop.set()
        httpd.shutdown()
        httpd.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
