"""Site build benchmark: `make bench`.

For each size N (default 100, 1000, 5000; `--with-10000` adds 10,000) it
builds a synthetic corpus (bench/corpus.py, cached under .cache/bench/) with
the real configuration — `pelican <corpus> -s pelicanconf.py --fatal errors`
from the repository root, with this interpreter's venv — and measures wall
time and peak memory of:

  cold        no caches: empty PRESS_ROOM_CACHE_PATH and CACHE_PATH, fresh output
  no change   a rebuild into the same output with the same caches
  edit one    a rebuild after one release's body changed
  add one     a rebuild after one release was added
  cold, no search index
              a cold build without the Pagefind step (PRESS_ROOM_SEARCH=false),
              against Hugo's cold time: the like-for-like comparison, since
              Hugo builds no search index

Every run uses the site's own settings, as `make html` does: the page records
and the parsed-release cache live in PRESS_ROOM_CACHE_PATH (`-e
PRESS_ROOM_CACHE_PATH=…`, one -e option: Pelican keeps only the last);
Pelican's pickling content cache stays off, as in pelicanconf.py. The cold
run starts with the cache empty and fills it; "no change" and "edit one" are
the incremental rebuilds (a page whose record is unchanged is neither
rendered nor written).

Hugo (Debian's package, `bench/hugo/` layouts) builds the same releases'
text, mirrored into a Hugo content tree (text only: no photos), in the same
scenarios; Hugo has no content cache, so its rebuilds redo everything. The
runs alternate, ours then Hugo's, `--repeat` times per scenario (ABAB); the
table shows the fastest of each.

The size comparison uses photo-free corpora. The photo pipeline is measured
apart: one cold and one no-change build of a corpus of `--photo-size`
releases WITH photos (Pelican only).

Memory: the summed PSS of the build's whole process tree (our build forks
reading and rendering workers, and starts Pagefind and, with photos,
encoding workers), sampled every 100 ms from /proc, or GNU time's "Maximum resident set size" (`/usr/bin/time -v`, the
largest single process) if that is larger — a short peak can fall between
two samples. CPU seconds (user + system of the tree) come from GNU time.

Writes bench/results.md and prints it. A benchmark, not a test: it asserts
only that every build exits 0 (printing the build's log if not).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.metadata
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(REPO / "plugins"))

import corpus  # noqa: E402
import devserver_bench  # noqa: E402
from press_room.frontmatter import decode, split  # noqa: E402

BIN = Path(sys.executable).parent
PELICAN = BIN / "pelican"
GNU_TIME = "/usr/bin/time"
CACHE = REPO / ".cache/bench"
HUGO_SITE = BENCH / "hugo"
SCENARIOS = ("cold", "no change", "edit one release", "add one release")
FILE_NAME = re.compile(r"^index(?:\.(?P<lang>[a-z]{2}(?:-[a-z]+)?))?\.md$")


# --- measuring --------------------------------------------------------------

@dataclass
class Run:
    seconds: float
    peak_mib: float
    cpu_seconds: float  # user + system, the whole process tree


def _process_memory(pid: int, page: int) -> int:
    """A process's proportional set size (PSS) in bytes: pages it shares with
    other processes — the render and read workers are forked, so they share
    the parent's memory until they write to it — count once over all of them,
    not once per process as RSS would. RSS where PSS is not available."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * page
    except OSError:
        return 0


def _tree_memory(root: int) -> int:
    """Summed PSS in bytes of `root` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        # Fields after the command name (which may hold spaces) in parentheses.
        parent = int(stat[stat.rindex(b")") + 2:].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    total, todo = 0, [root]
    page = os.sysconf("SC_PAGE_SIZE")
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        total += _process_memory(pid, page)
    return total


def measure(command: list[str], log: Path, *, cwd: Path = REPO) -> Run:
    """Run `command`; its wall time, peak memory and CPU time. Stops the
    benchmark with the build's log if it exits non-zero."""
    log.parent.mkdir(parents=True, exist_ok=True)
    time_file = log.with_suffix(".time")
    wrapped = [GNU_TIME, "-v", "-o", str(time_file), *command] if HAVE_GNU_TIME else command
    tree_peak = 0
    with open(log, "wb") as output:
        started = time.perf_counter()
        # Its own process group: an interrupted benchmark stops the whole build.
        process = subprocess.Popen(wrapped, cwd=cwd, stdout=output, stderr=subprocess.STDOUT,
                                   env={**os.environ, "COLUMNS": "200"}, start_new_session=True)
        done = threading.Event()

        def sample():
            nonlocal tree_peak
            while not done.wait(SAMPLE_SECONDS):
                tree_peak = max(tree_peak, _tree_memory(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            if HAVE_GNU_TIME:
                returncode = process.wait()
                cpu = None
            else:
                _, status, usage = os.wait4(process.pid, 0)
                process.returncode = returncode = os.waitstatus_to_exitcode(status)
                cpu = usage.ru_utime + usage.ru_stime
        except BaseException:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait()
            raise
        finally:
            done.set()
            sampler.join()
        seconds = time.perf_counter() - started
    if returncode != 0:
        sys.stderr.write(log.read_text(errors="replace"))
        raise SystemExit(f"build failed (exit {returncode}): {' '.join(command)}\nlog: {log}")
    peak = tree_peak
    if HAVE_GNU_TIME:
        report = time_file.read_text()
        peak = max(peak, 1024 * int(re.search(r"Maximum resident set size \(kbytes\): (\d+)",
                                                report)[1]))
        cpu = sum(float(re.search(rf"{kind} time \(seconds\): ([\d.]+)", report)[1])
                  for kind in ("User", "System"))
    return Run(seconds, peak / 2**20, cpu)


HAVE_GNU_TIME = os.access(GNU_TIME, os.X_OK)
SAMPLE_SECONDS = 0.1  # a scan of /proc costs ~1 ms: 1% of a core


# --- corpora ----------------------------------------------------------------

def corpus_stamp(count: int, seed: int, photos: bool, extra: int) -> str:
    """What a cached corpus was made from: the generator and its inputs."""
    digest = hashlib.sha256()
    for path in (BENCH / "corpus.py", corpus.SITE_DATA, corpus.LOGO):
        digest.update(path.read_bytes())
    digest.update(json.dumps([count, seed, photos, extra]).encode())
    return digest.hexdigest()[:20]


def cached_corpus(count: int, seed: int, photos: bool, extra: int) -> Path:
    """.cache/bench/corpus-<N>-seed<S>-<text|photos>/, regenerated only when
    the generator, the site data or the arguments changed."""
    folder = CACHE / f"corpus-{count}-seed{seed}-{'photos' if photos else 'text'}"
    stamp_file = folder.with_name(folder.name + ".stamp")
    stamp = corpus_stamp(count, seed, photos, extra)
    if folder.exists() and stamp_file.exists() and stamp_file.read_text() == stamp:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    started = time.perf_counter()
    stats = corpus.generate(count, folder, seed, photos=photos, extra=extra)
    stamp_file.write_text(stamp)
    print(f"  corpus of {count} ({stats['translated']} translated, {stats['photos']} photos) "
          f"generated in {time.perf_counter() - started:.1f} s", flush=True)
    return folder


def _link_or_copy(source, target):
    """Photos are hard-linked (no disk, no time); text is copied, because a
    scenario edits it and must never edit the cached corpus."""
    if str(source).endswith(".jpg"):
        try:
            os.link(source, target)
            return target
        except OSError:
            pass
    return shutil.copy2(source, target)


def working_copy(source: Path, target: Path) -> Path:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, copy_function=_link_or_copy)
    return target


# --- Hugo -------------------------------------------------------------------

def hugo_front_matter(metadata: dict, lang: str) -> str:
    """Our front matter in Hugo's terms: title, date, categories, tags, summary."""
    date = dt.datetime.strptime(metadata["date"].strip(), "%Y-%m-%d %H:%M %z")
    fields = {
        "title": metadata["title"],
        "date": date.isoformat(),
        "categories": [metadata["category"]],
        "tags": metadata.get("tags") or [],
        "summary": metadata.get("summary", ""),
        "subtitle": metadata.get("subtitle", ""),
    }
    if lang != "en":
        # Pelican keeps translations out of the tag and category pages: Hugo's
        # `list: never` keeps them out of listings but not out of taxonomies,
        # so their tags and category go under other names (the page shows them).
        fields["lang"] = lang
        fields["_build"] = {"list": "never"}
        fields["shown_categories"] = fields.pop("categories")
        fields["shown_tags"] = fields.pop("tags")
    # JSON is YAML: every value written exactly.
    return "---\n" + "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n"
                              for key, value in fields.items()) + "---\n"


def hugo_page(release_file: Path, content: Path) -> Path:
    """Mirror one release file into Hugo's content tree; returns the page written.

    releases/<year>/<slug>/index.md         -> content/releases/<year>/<slug>/index.md
    releases/<year>/<slug>/index.zh-hant.md -> content/zh-hant/releases/<year>/<slug>/index.md
    """
    lang = FILE_NAME.match(release_file.name)["lang"] or "en"
    parts = split(decode(release_file.read_bytes()))
    relative = release_file.parent.relative_to(release_file.parents[3])  # releases/<y>/<slug>
    target = content / ("" if lang == "en" else lang) / relative / "index.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(hugo_front_matter(parts.metadata, lang) + parts.body, encoding="utf-8")
    year = target.parent.parent
    if lang == "en" and not (year / "_index.md").exists():  # a year is a section: its archive
        (year / "_index.md").write_text(f'---\ntitle: "{year.name}"\n---\n', encoding="utf-8")
    return target


def hugo_site(corpus_folder: Path, site: Path) -> Path:
    """A Hugo site: bench/hugo's config and layouts, the corpus's text."""
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(HUGO_SITE, site)
    content = site / "content"
    (content / "releases").mkdir(parents=True)
    (content / "releases/_index.md").write_text('---\ntitle: "All releases"\n---\n')
    for lang in corpus.LANGS:  # holders of the translations: not pages themselves
        (content / lang).mkdir()
        (content / lang / "_index.md").write_text(
            '---\ntitle: "' + lang + '"\n_build:\n  render: never\n  list: never\n---\n')
    for release_file in sorted((corpus_folder / "releases").glob("*/*/index*.md")):
        hugo_page(release_file, content)
    return site


def hugo_version() -> str:
    try:
        return subprocess.run(["hugo", "version"], capture_output=True, text=True,
                              check=True).stdout.split()[1]
    except (OSError, subprocess.CalledProcessError):
        raise SystemExit("hugo is not installed: apt-get install -y --no-install-recommends hugo")


# --- one size -----------------------------------------------------------------

class Bench:
    """One working copy of a corpus, its Pelican build and its Hugo build."""

    def __init__(self, count: int, seed: int, photos: bool, extra: int, work: Path,
                 with_hugo: bool, code: Path = REPO):
        self.count, self.work, self.photos, self.code = count, work, photos, code
        source = cached_corpus(count, seed, photos, extra)
        self.corpus = working_copy(source, work / "corpus")
        self.out = work / "output"
        self.pelican_cache = work / "pelican-cache"
        self.press_room_cache = work / "press-room-cache"
        self.logs = work / "logs"
        self.site = hugo_site(self.corpus, work / "hugo") if with_hugo else None
        self.hugo_out = work / "hugo-public"
        self.hugo_cache = work / "hugo-cache"
        self.runs = 0
        self.edits = 0
        self.added = 0

    def ours(self, cold: bool, search: bool = True) -> Run:
        if cold:
            for folder in (self.out, self.pelican_cache, self.press_room_cache):
                shutil.rmtree(folder, ignore_errors=True)
        self.runs += 1
        settings = {"PRESS_ROOM_CACHE_PATH": str(self.press_room_cache),
                    "PRESS_ROOM_SEARCH": search}
        command = [str(PELICAN), str(self.corpus), "-s", "pelicanconf.py", "-o", str(self.out),
                   "--fatal", "errors",
                   # One -e for all: Pelican keeps only the last -e option.
                   "-e", *(f"{key}={json.dumps(value)}" for key, value in settings.items())]
        return measure(command, self.logs / f"{self.runs:02d}-pelican.log", cwd=self.code)

    def hugo(self, cold: bool) -> Run:
        if cold:
            for folder in (self.hugo_out, self.hugo_cache, self.site / "resources"):
                shutil.rmtree(folder, ignore_errors=True)
        self.runs += 1
        command = ["hugo", "--quiet", "-s", str(self.site), "-d", str(self.hugo_out),
                   "--cacheDir", str(self.hugo_cache)]
        return measure(command, self.logs / f"{self.runs:02d}-hugo.log")

    def edit_one(self):
        """Change one release's body (a different release each time), in both trees."""
        bundles = sorted((self.corpus / "releases").glob("*/*/index.md"))
        release_file = bundles[(len(bundles) // 2 + 7 * self.edits) % len(bundles)]
        self.edits += 1
        text = release_file.read_text(encoding="utf-8")
        release_file.write_text(
            text.rstrip("\n") + f"\n\nThis release was corrected after publication "
            f"(benchmark edit {self.edits}).\n", encoding="utf-8")
        if self.site:
            hugo_page(release_file, self.site / "content")

    def add_one(self):
        """Add the corpus's next release (from _extra/), in both trees."""
        order = (self.corpus / "_extra/releases.txt").read_text(encoding="utf-8").split()
        folder = order[self.added]  # releases/<year>/<slug>
        self.added += 1
        target = self.corpus / folder
        target.parent.mkdir(exist_ok=True)
        shutil.copytree(self.corpus / "_extra" / folder, target, copy_function=_link_or_copy)
        if self.site:
            for release_file in sorted(target.glob("index*.md")):
                hugo_page(release_file, self.site / "content")

    def pagefind_alone(self) -> Run | None:
        """The search index step on its own, as the plugin runs it, over our output."""
        if subprocess.run([sys.executable, "-c", "import pagefind"],
                          capture_output=True).returncode != 0:
            return None
        self.runs += 1
        from pelican.settings import read_settings
        from press_room.search_index import pagefind_command, release_page_glob

        glob = release_page_glob(read_settings(str(self.code / "pelicanconf.py"),
                                               override={"PATH": str(self.corpus)}))
        return measure(pagefind_command(str(self.out), glob),
                       self.logs / f"{self.runs:02d}-pagefind.log")

    def page_counts(self) -> tuple[int, int]:
        def html_files(folder):
            return sum(1 for _, _, files in os.walk(folder) for f in files if f.endswith(".html"))
        return html_files(self.out), html_files(self.hugo_out) if self.site else 0


def bench_size(count: int, seed: int, repeat: int, work: Path, code: Path) -> tuple[list, str]:
    """The four scenarios at one size, ours and Hugo's alternating."""
    bench = Bench(count, seed, photos=False, extra=repeat, work=work, with_hugo=True, code=code)
    rows = []
    for scenario in SCENARIOS:
        ours, hugo = [], []
        for _ in range(repeat):
            if scenario == "edit one release":
                bench.edit_one()
            elif scenario == "add one release":
                bench.add_one()
            cold = scenario == "cold"
            ours.append(bench.ours(cold))
            hugo.append(bench.hugo(cold))
            print(f"  N={count:>6} {scenario:<17} ours {ours[-1].seconds:7.2f} s "
                  f"{ours[-1].peak_mib:6.0f} MiB | Hugo {hugo[-1].seconds:6.2f} s "
                  f"{hugo[-1].peak_mib:6.0f} MiB", flush=True)
        rows.append((count, scenario, best(ours), best(hugo)))
    hugo_cold = rows[0][3]
    no_search = []
    for _ in range(repeat):
        no_search.append(bench.ours(cold=True, search=False))
        print(f"  N={count:>6} cold, no search   ours {no_search[-1].seconds:7.2f} s "
              f"{no_search[-1].peak_mib:6.0f} MiB", flush=True)
    rows.append((count, "cold, no search index (vs Hugo's cold)", best(no_search), hugo_cold))
    preview = devserver_bench.save_to_update(bench.corpus, work / "preview", code)
    for label, name in (("release", "release_s"), ("home", "home_s")):
        rows.append((count, f"preview: save → {label} page updated (median)",
                     Run(preview.median(name), preview.peak_mib, preview.median("cpu_s")), None))
    pages = bench.page_counts()
    note = f"N={count}: ours wrote {pages[0]:,} HTML files, Hugo {pages[1]:,}."
    search = bench.pagefind_alone()
    if search:
        note += (f" Our build includes the Pagefind search index (Hugo's has no search): "
                 f"Pagefind alone over our output takes {search.seconds:.1f} s, "
                 f"{search.cpu_seconds:.1f} CPU s, {search.peak_mib:.0f} MiB.")
    return rows, note


def bench_photos(count: int, seed: int, work: Path, code: Path) -> tuple[list, str]:
    bench = Bench(count, seed, photos=True, extra=0, work=work, with_hugo=False, code=code)
    photos = sum(1 for _ in (bench.corpus / "releases").glob("*/*/photo-*.jpg"))
    rows = []
    for scenario in ("cold", "no change"):
        run = bench.ours(cold=scenario == "cold")
        print(f"  N={count:>6} WITH PHOTOS {scenario:<10} ours {run.seconds:7.2f} s "
              f"{run.peak_mib:6.0f} MiB (tree)", flush=True)
        rows.append((count, f"{scenario}, with photos", run, None))
    sizes = {name: folder_bytes(path) for name, path in
             (("output", bench.out), ("photo cache", bench.press_room_cache))}
    note = (f"With photos: {count} releases, {photos:,} photo files (hard links to "
            f"{corpus.POOL_SIZE} distinct 4000×3000 JPEGs); output "
            f"{sizes['output'] / 2**30:.1f} GiB, photo cache "
            f"{sizes['photo cache'] / 2**30:.1f} GiB.")
    return rows, note


def best(runs: list[Run]) -> Run:
    """Fastest time; highest memory of the repeats."""
    return Run(min(r.seconds for r in runs), max(r.peak_mib for r in runs),
               min(r.cpu_seconds for r in runs))


def folder_bytes(folder: Path) -> int:
    seen, total = set(), 0
    for root, _, files in os.walk(folder):
        for name in files:
            stat = os.stat(os.path.join(root, name))
            if stat.st_ino not in seen:
                seen.add(stat.st_ino)
                total += stat.st_size
    return total


FROZEN = ("pelicanconf.py", "plugins", "theme")  # what a build runs, besides its content


def code_state(root: Path = REPO) -> str:
    """The commit, and a digest of what the build runs (settings, plugin,
    theme) as it is on disk now, uncommitted edits included."""
    digest = hashlib.sha256()
    files = [root / "pelicanconf.py", *sorted((root / "plugins").rglob("*.py")),
             *sorted(p for p in (root / "theme").rglob("*") if p.is_file())]
    for path in files:
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    try:
        commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                                capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    return f"commit {commit}, plugin+theme+settings digest {digest.hexdigest()[:12]}"


def freeze_code(target: Path) -> Path:
    """A copy of the settings, plugin and theme: builds run from it, so edits
    made to the repository during a long run cannot mix versions (or break
    a rebuild that unpickles Pelican's content cache written by older code)."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for name in FROZEN:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, target / name)
    return target


def free_bytes(path: Path) -> int:
    usage = shutil.disk_usage(path)
    return usage.free


# --- report -------------------------------------------------------------------

def table(rows) -> list[str]:
    lines = ["| N | scenario | ours (s) | Hugo (s) | ours ÷ Hugo | ours peak MiB | Hugo peak MiB "
             "| ours CPU s | Hugo CPU s |",
             "|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    for count, scenario, ours, hugo in rows:
        if hugo is None:
            lines.append(f"| {count:,} | {scenario} | {ours.seconds:.2f} | — | — | "
                         f"{ours.peak_mib:.0f} | — | {ours.cpu_seconds:.1f} | — |")
        else:
            lines.append(f"| {count:,} | {scenario} | {ours.seconds:.2f} | {hugo.seconds:.2f} | "
                         f"{ours.seconds / hugo.seconds:.1f}× | {ours.peak_mib:.0f} | "
                         f"{hugo.peak_mib:.0f} | {ours.cpu_seconds:.1f} | "
                         f"{hugo.cpu_seconds:.1f} |")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000",
                        help="comma-separated corpus sizes (default: 100,1000,5000)")
    parser.add_argument("--with-10000", action="store_true", help="add N=10,000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=2,
                        help="runs of each scenario, ours and Hugo's alternating (default 2)")
    parser.add_argument("--photo-size", type=int, default=1000,
                        help="releases in the corpus WITH photos (cold + no change; 0: skip)")
    parser.add_argument("--output", type=Path, default=BENCH / "results.md")
    parser.add_argument("--freeze", action="store_true",
                        help="build with a copy of pelicanconf.py, plugins/ and theme/ taken at "
                        "the start (for a long run while others edit the repository)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.with_10000 and 10000 not in sizes:
        sizes.append(10000)

    if not PELICAN.exists():
        raise SystemExit(f"{PELICAN} not found: run with the venv's python (.venv/bin/python)")
    hugo = hugo_version()
    photo_skipped = ""
    if args.photo_size:
        # Every photo entry (translations' too) gets its own download, since its
        # caption is embedded, and every release and language its own ZIP, each
        # in the cache and in the output: ~47 MB per release (measured at N=200).
        need = args.photo_size * 50 * 2**20 + 5 * 2**30  # and 5 GiB to spare
        free = free_bytes(REPO)
        if free < need:
            photo_skipped = (f"Photo run skipped: {args.photo_size} releases with photos need "
                             f"about {need / 2**30:.0f} GiB free on {REPO}, "
                             f"{free / 2**30:.0f} GiB are (use a smaller --photo-size).")
            print(photo_skipped, file=sys.stderr, flush=True)
    # `kill` stops the benchmark as Ctrl-C does: the running build too, work files removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    load_before = os.getloadavg()
    started = dt.datetime.now(dt.timezone.utc)
    rows, notes = [], []
    work_root = CACHE / "work"
    code = freeze_code(work_root / "code") if args.freeze else REPO
    code_before = code_state(code)
    try:
        for count in sizes:
            print(f"N={count}", flush=True)
            size_rows, note = bench_size(count, args.seed, args.repeat, work_root / f"n{count}",
                                         code)
            shutil.rmtree(work_root / f"n{count}", ignore_errors=True)
            rows += size_rows
            notes.append(note)
        if args.photo_size and not photo_skipped:
            print(f"N={args.photo_size} with photos", flush=True)
            photo_rows, note = bench_photos(args.photo_size, args.seed,
                                            work_root / f"photos{args.photo_size}", code)
            rows += photo_rows
            notes.append(note)
    finally:
        shutil.rmtree(work_root, ignore_errors=True)
    load_after = os.getloadavg()
    code_after = code_state()
    if args.freeze:
        code_line = (f"Code: a copy of pelicanconf.py, plugins/ and theme/ taken at the start "
                     f"(`--freeze`): {code_before}, uncommitted edits included"
                     + ("." if code_after == code_before else
                        f"; the repository moved on during the run (now {code_after})."))
    elif code_after == code_before:
        code_line = f"Code: {code_before} (uncommitted edits included)."
    else:
        code_line = (f"**The site's code changed during the run** — before: {code_before}; "
                     f"after: {code_after}. Rows may mix versions: use `--freeze`, or run "
                     "again on a quiet tree.")

    memory = ("the larger of GNU time's maximum RSS (the largest single process) and"
              if HAVE_GNU_TIME else "")
    lines = [
        "# Site build benchmark", "",
        f"Date: {started:%Y-%m-%d %H:%M} UTC. Machine: {os.cpu_count()} cores, "
        f"{platform.machine()}; Python {platform.python_version()}, "
        f"Pelican {importlib.metadata.version('pelican')}, "
        f"Pillow {importlib.metadata.version('pillow')}, Hugo {hugo}.",
        code_line,
        f"Load average (1/5/15 min) before: {' / '.join(f'{x:.1f}' for x in load_before)}; "
        f"after: {' / '.join(f'{x:.1f}' for x in load_after)} — other work on the machine "
        "inflates wall times; CPU seconds are steadier.", "",
        f"Corpora: bench/corpus.py, seed {args.seed}; ~750-word releases, 30% with zh-hant and "
        "zh-hans translations, 5 categories, 50 tags, 2006–2025. The size rows are text only "
        "(`--no-photos`) for both generators: Hugo gets the same text (front matter: title, "
        "date, categories, tags, summary; the Markdown body), no photos. Our build: "
        "`pelican <corpus> -s pelicanconf.py --fatal errors -e PRESS_ROOM_CACHE_PATH=… "
        "PRESS_ROOM_SEARCH=…` (cold: cache empty, fresh output; no change and edit one: "
        "incremental rebuilds from the page records and the parsed-release cache). Hugo: `hugo --quiet -s <site> -d <out> --cacheDir <dir>` "
        "(cold: fresh output, cache and resources); Hugo has no content cache, so its "
        "rebuilds redo everything.",
        f"Times: fastest of {args.repeat} runs, ours and Hugo's alternating. Peak memory: "
        f"{memory} the summed PSS (proportional set size: memory shared by forked workers "
        f"counted once) of the whole process tree sampled every "
        f"{SAMPLE_SECONDS * 1000:.0f} ms from /proc (our build forks reading and rendering "
        "workers and starts Pagefind and, with photos, encoding workers). CPU: user + system "
        "of the whole process tree. The last row of each size builds without the search index "
        "(Hugo builds none) and is set against Hugo's cold build.", "",
        *table(rows), "",
        *(f"- {note}" for note in notes + ([photo_skipped] if photo_skipped else [])), "",
    ]
    report = "\n".join(lines)
    args.output.write_text(report, encoding="utf-8")
    print()
    print(report)


if __name__ == "__main__":
    main()
