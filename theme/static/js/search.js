/* The search page, enhanced: runs the site's Pagefind index in the browser.
 *
 * Enhancement only. Without JavaScript the page says so (<noscript>) and
 * points to the archive and the tag index. No framework, and no inline script
 * or style: the CSP allows scripts from this site only (plus
 * 'wasm-unsafe-eval' for Pagefind's WebAssembly) and no inline styles, so
 * parts are shown and hidden with the `hidden` attribute.
 *
 * The query and filters live in the URL (?q=…&year=…&category=…&language=…),
 * so a search can be bookmarked or sent to a colleague: opening such a URL
 * runs it. Every text shown comes from the page (data-* attributes), so it is
 * in the page's language.
 */

const FILTERS = ["year", "category", "language"]; // Pagefind filter = URL parameter
const ALL_LANGUAGES = "all"; // ?language=all: the page's language is the default
const PAGE_SIZE = 10;
const TYPING_PAUSE_MS = 300;
// Loading the index takes well under a second here; a load that has not
// finished after this long has stalled (Pagefind waits forever on some
// failures), and the reader is better served by the archive links.
const LOAD_TIMEOUT_MS = 30000;
// The smallest WebAssembly module: its header. Compiling it tells whether the
// host's Content-Security-Policy lets Pagefind's index reader run.
const EMPTY_WASM_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

const root = document.querySelector("[data-pr-search]");
if (root) {
  start(root);
}

/* SITEURL may be "", "https://example.org" or "https://example.org/pressroom".
 * Only its path is kept: the index and the result links are then fetched
 * from this page's own origin, the only one the CSP ('self') trusts, and a
 * copy of the site on a staging host searches itself, not the public site. */
function sitePath(siteUrl) {
  return new URL(`${siteUrl || ""}/`, window.location.href).pathname.replace(/\/+$/, "");
}

async function start(root) {
  const form = root.querySelector("form");
  const input = form.querySelector("input[name=q]");
  const filterBox = root.querySelector("[data-pr-search-filters]");
  const status = root.querySelector("[data-pr-search-status]");
  const list = root.querySelector("[data-pr-search-results]");
  const more = root.querySelector("[data-pr-search-more]");
  const fallback = root.querySelector("[data-pr-search-unavailable]");
  const base = sitePath(root.dataset.siteUrl);

  const state = readUrl();
  input.value = state.query;

  let pagefind = null; // until the index has loaded
  let failed = false; // a search call failed: search stays off on this page
  let selects = [];
  let shown = []; // results of the current search (their data not loaded yet)
  let rendered = 0; // how many of them are in the list
  let searchNumber = 0;
  let typingTimer;

  /* Any failure of a search call — the index or a fragment cannot load, or a
   * host's CSP without 'wasm-unsafe-eval' stops Pagefind's WebAssembly, in
   * which case Pagefind answers nothing at all — ends in the same place: the
   * status says search is unavailable and the archive links are shown, never
   * a silent empty page. */
  function fail(error) {
    console.warn("Search failed:", error);
    failed = true;
    searchNumber += 1; // whatever is still running is stale
    list.replaceChildren();
    list.hidden = true;
    more.hidden = true;
    filterBox.hidden = true;
    status.textContent = status.dataset.unavailable;
    fallback.hidden = false;
  }

  async function run() {
    try {
      await search();
    } catch (error) {
      fail(error);
    }
  }

  async function search() {
    clearTimeout(typingTimer);
    if (!pagefind || failed) {
      return; // the search runs once the index has loaded, with what is typed then
    }
    const number = ++searchNumber;
    const failuresBefore = indexFailures.count;
    const query = input.value.trim();
    const filters = chosenFilters(selects);
    writeUrl(query, selects);

    if (!query && !FILTERS.some((name) => name !== "language" && filters[name])) {
      await show([], "");
      return;
    }
    // A filter alone lists its releases, newest first; a query ranks by relevance.
    const search = query
      ? await pagefind.search(query, { filters })
      : await pagefind.search(null, { filters, sort: { date: "desc" } });
    if (number !== searchNumber) {
      return; // a later search has started: its results win
    }
    if (!search?.results) {
      throw new Error(`Pagefind gave no results object for ${JSON.stringify(query)}`);
    }
    let text = message(status, search.results.length, query);
    if (!search.results.length && query && filters.language) {
      // Nothing in the page's language (a Chinese word on the English page):
      // say where there are results rather than only "nothing".
      const others = { ...filters };
      delete others.language;
      const wider = await pagefind.search(query, { filters: others });
      if (number !== searchNumber) {
        return;
      }
      if (!wider?.results) {
        throw new Error(`Pagefind gave no results object for ${JSON.stringify(query)}`);
      }
      if (wider.results.length) {
        const select = selects.find((each) => each.name === "language");
        text = status.dataset.foundElsewhere.replace("{query}", query)
          .replace("{language}", select.selectedOptions[0].text)
          .replace("{count}", String(wider.results.length));
      }
    }
    // Pagefind logs a chunk of the index it could not fetch and answers
    // "nothing found": that answer would be wrong, so it counts as a failure.
    indexFailures.check(failuresBefore);
    await show(search.results, text);
    indexFailures.check(failuresBefore);
  }

  async function show(results, text) {
    shown = results;
    rendered = 0;
    const number = searchNumber;
    await renderMore(true);
    if (number === searchNumber) {
      // Announced once the list shows what the message says.
      status.textContent = text;
    }
  }

  async function renderMore(replace = false) {
    const batch = shown.slice(rendered, rendered + PAGE_SIZE);
    const number = searchNumber;
    const data = await Promise.all(batch.map((result) => result.data()));
    if (number !== searchNumber) {
      return null;
    }
    const items = data.map(resultItem);
    if (replace) {
      list.replaceChildren();
    }
    list.append(...items);
    list.hidden = list.children.length === 0;
    rendered += items.length;
    more.hidden = rendered >= shown.length;
    return items[0] || null;
  }

  // Listeners first: a reader may type, or press Enter, while the index loads.
  input.addEventListener("input", () => {
    clearTimeout(typingTimer);
    // Wait for a pause in typing: fewer index downloads, and a screen reader
    // hears one count rather than one per keystroke.
    typingTimer = setTimeout(run, TYPING_PAUSE_MS);
  });
  form.addEventListener("submit", (event) => {
    // The results appear on this page: no reload, and focus stays in the
    // search box so the query can be refined; the status line announces them.
    event.preventDefault();
    run();
  });
  more.addEventListener("click", async () => {
    let first = null;
    try {
      first = await renderMore();
    } catch (error) {
      fail(error);
      return;
    }
    // Keyboard and screen-reader users continue at the first new result,
    // rather than on a button that is now hidden or far above.
    first?.querySelector("a")?.focus();
  });

  try {
    const loaded = await withTimeout(loadPagefind(base), LOAD_TIMEOUT_MS);
    pagefind = loaded.pagefind;
    // Results in the page's own language first: its <html lang>.
    const pageLanguage = matchingLanguage(loaded.languages, document.documentElement.lang);
    selects = await buildFilters(pagefind, filterBox, state.filters, {
      pageLanguage,
      labels: JSON.parse(root.dataset.languageLabels || "{}"),
      onChange: run,
    });
    indexFailures.check(0); // a file of the index that did not load while starting
  } catch (error) {
    fail(error);
    return;
  }
  // A shared search URL, or words typed while the index loaded.
  if (input.value.trim() || FILTERS.some((name) => state.filters[name])) {
    run();
  }
}

/* The Pagefind bundle, with result URLs under the site's path. Pagefind keeps
 * one index per language and loads the one of this page's <html lang>; the
 * others are merged in, each tagged with a "language" filter, so a search
 * can cover every language and be narrowed to one. */
/* Failed downloads of the index's files, counted by a wrapper around fetch()
 * (Pagefind fetches its files with it, and swallows some failures). */
const indexFailures = {
  count: 0,
  watch(bundlePath) {
    const original = window.fetch.bind(window);
    const inBundle = (input) =>
      new URL(input instanceof Request ? input.url : String(input), window.location.href)
        .pathname.startsWith(bundlePath);
    window.fetch = async (input, init) => {
      try {
        const response = await original(input, init);
        if (!response.ok && inBundle(input)) {
          indexFailures.count += 1;
        }
        return response;
      } catch (error) {
        if (inBundle(input)) {
          indexFailures.count += 1;
        }
        throw error;
      }
    };
  },
  check(before) {
    if (this.count > before) {
      throw new Error(`${this.count - before} file(s) of the search index could not be fetched`);
    }
  },
};

async function loadPagefind(base) {
  // Without 'wasm-unsafe-eval' Pagefind logs an error and then never answers
  // (merging another language's index waits forever): find out first.
  await WebAssembly.compile(EMPTY_WASM_MODULE);
  const bundle = `${base}/pagefind/`;
  indexFailures.watch(bundle);
  const pagefind = await import(`${bundle}pagefind.js`);
  const languages = await indexLanguages(bundle);
  const primary = matchingLanguage(languages, document.documentElement.lang) || languages[0];
  // noWorker: Pagefind's web worker would fetch the index out of sight of the
  // fetch() watch above, and a chunk it fails to fetch would read as "no
  // releases found". The index reader runs on the page instead (a few ms).
  const options = { baseUrl: `${base}/`, noWorker: true };
  if (languages.length > 1) {
    options.mergeFilter = { language: primary };
  }
  await pagefind.options(options);
  await pagefind.init();
  for (const language of languages.filter((code) => code !== primary)) {
    // Pagefind skips a merge of its own bundle's path; the absolute URL of
    // the same folder is accepted and loads that language's index from it.
    await pagefind.mergeIndex(new URL(bundle, window.location.href).href, {
      language,
      baseUrl: `${base}/`,
      mergeFilter: { language },
    });
  }
  return { pagefind, languages };
}

function withTimeout(promise, milliseconds) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${milliseconds} ms`)), milliseconds);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function indexLanguages(bundle) {
  const response = await fetch(`${bundle}pagefind-entry.json`);
  if (!response.ok) {
    throw new Error(`${response.url}: HTTP ${response.status}`);
  }
  return Object.keys((await response.json()).languages || {});
}

/* The index language for a language tag: the same, or one that differs only
 * by a more specific subtag ("zh-hant" for "zh-Hant-HK", and back). */
function matchingLanguage(languages, tag) {
  const wanted = (tag || "").toLowerCase();
  if (!wanted) {
    return null;
  }
  return languages.find((code) => code === wanted)
    || languages.find((code) => wanted.startsWith(`${code}-`) || code.startsWith(`${wanted}-`))
    || null;
}

/* One labelled <select> per filter: language first in the code, since it
 * decides which years and categories exist (category names are translated:
 * "Press Releases" is "新聞稿" in Traditional Chinese). A filter with a single
 * value narrows nothing, so its field is hidden (one year, one language). */
async function buildFilters(pagefind, box, chosen, { pageLanguage, labels, onChange }) {
  const everything = await pagefind.filters();
  if (!everything) {
    throw new Error("Pagefind gave no filters"); // its WebAssembly did not start
  }
  const selects = {};
  for (const name of FILTERS) {
    const select = document.createElement("select");
    select.className = "pr-search__select";
    select.id = `search-filter-${name}`;
    select.name = name;
    const field = document.createElement("div");
    field.className = "pr-search__filter";
    const label = document.createElement("label");
    label.className = "pr-search__filter-label";
    label.htmlFor = select.id;
    label.textContent = box.dataset[`label${capital(name)}`];
    field.append(label, select);
    box.append(field);
    selects[name] = select;
  }

  const language = selects.language;
  const languages = Object.keys(everything.language || {}).sort();
  fillOptions(language, languages, box.dataset.anyLanguage, ALL_LANGUAGES,
    (code) => labels[code] || code);
  // Results in the page's own language unless the URL asks otherwise. With
  // one language there is no "language" filter in the index to ask for.
  language.dataset.default = languages.length > 1 && pageLanguage ? pageLanguage : ALL_LANGUAGES;
  choose(language, languages.length > 1 ? chosen.language || language.dataset.default : "");

  /* Years and categories of the chosen language's releases: the page's own
   * language's come with the page (a filter-only search would fetch every
   * page's record); for any other choice, the index's filters for all. */
  const own = {
    year: (box.dataset.years || "").split("|").filter(Boolean),
    category: (box.dataset.categories || "").split("|").filter(Boolean),
  };
  async function refresh() {
    const useOwn = language.value === language.dataset.default || language.parentElement.hidden;
    for (const name of ["year", "category"]) {
      const values = useOwn
        ? [...own[name]].sort()
        : Object.keys(everything[name] || {}).filter((v) => everything[name][v] > 0).sort();
      if (name === "year") {
        values.reverse(); // newest first, as in the archive
      }
      const current = selects[name].value;
      fillOptions(selects[name], values, box.dataset[`any${capital(name)}`], "", (v) => v);
      choose(selects[name], current);
    }
    box.hidden = FILTERS.every((name) => selects[name].parentElement.hidden);
  }
  language.addEventListener("change", async () => {
    await refresh(); // first: a category of the old language may be gone
    onChange();
  });
  selects.year.addEventListener("change", onChange);
  selects.category.addEventListener("change", onChange);

  await refresh();
  choose(selects.year, chosen.year);
  choose(selects.category, chosen.category);
  return [selects.year, selects.category, language];
}

/* The options of a select: "any" first, then the values; the field is hidden
 * when there is no choice to make. */
function fillOptions(select, values, anyLabel, anyValue, labelOf) {
  select.replaceChildren(new Option(anyLabel, anyValue),
    ...values.map((value) => new Option(labelOf(value), value)));
  select.parentElement.hidden = values.length < 2;
}

/* Select `value` if it is one of the options (a stale URL may name another). */
function choose(select, value) {
  if (value && [...select.options].some((option) => option.value === value)) {
    select.value = value;
  }
}

function capital(word) {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/* The Pagefind filters of the choices made. */
function chosenFilters(selects) {
  const filters = {};
  for (const select of selects) {
    if (select.value && select.value !== ALL_LANGUAGES) {
      filters[select.name] = select.value;
    }
  }
  return filters;
}

function readUrl() {
  const params = new URLSearchParams(window.location.search);
  const filters = {};
  for (const name of FILTERS) {
    if (params.get(name)) {
      filters[name] = params.get(name);
    }
  }
  return { query: params.get("q") || "", filters };
}

/* replaceState, not pushState: typing must not add a history entry per
 * keystroke; Back leaves the search page, as a reader expects. The language
 * is written only when it is not the page's own (the default). */
function writeUrl(query, selects) {
  const params = new URLSearchParams();
  if (query) {
    params.set("q", query);
  }
  for (const select of selects) {
    if (select.value && select.value !== (select.dataset.default || "")) {
      params.set(select.name, select.value);
    }
  }
  const search = params.toString();
  const url = `${window.location.pathname}${search ? `?${search}` : ""}${window.location.hash}`;
  window.history.replaceState(null, "", url);
}

function message(status, count, query) {
  const kind = count === 0 ? "none" : count === 1 ? "one" : "many";
  const template = status.dataset[`${query ? "found" : "listed"}${capital(kind)}`];
  return template.replace("{count}", String(count)).replace("{query}", query);
}

function resultItem(data) {
  const meta = data.meta || {};
  const item = document.createElement("li");
  item.className = "pr-search__result";

  if (meta.image) {
    const image = document.createElement("img");
    image.className = "pr-search__thumb";
    image.src = meta.image;
    image.alt = meta.image_alt || "";
    image.loading = "lazy";
    image.decoding = "async";
    item.append(image);
  }

  const body = document.createElement("div");
  body.className = "pr-search__result-body";

  const title = document.createElement("h2");
  title.className = "pr-search__result-title";
  const link = document.createElement("a");
  link.className = "pr-search__result-link";
  link.href = data.url;
  link.textContent = meta.title || data.url;
  title.append(link);

  const details = document.createElement("p");
  details.className = "pr-search__result-meta";
  const category = meta.category || (data.filters?.category || [])[0];
  if (category) {
    const span = document.createElement("span");
    span.className = "pr-search__result-category";
    span.textContent = category;
    details.append(span);
  }
  if (meta.date) {
    const span = document.createElement("span");
    span.className = "pr-search__result-date";
    span.textContent = meta.date;
    details.append(span);
  }

  const excerpt = document.createElement("p");
  excerpt.className = "pr-search__excerpt";
  excerpt.append(excerptNodes(data.excerpt || ""));

  body.append(title, details, excerpt);
  item.append(body);
  if (meta.lang) {
    // A release in another language than the page: screen readers switch voice.
    item.lang = meta.lang;
  }
  return item;
}

/* Pagefind's excerpt is HTML: the page's text with the matched words in
 * <mark>. Only its text and <mark> elements are copied, so no markup from an
 * indexed page can reach this one. A <template> parses without running or
 * loading anything. */
function excerptNodes(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  const fragment = document.createDocumentFragment();
  for (const node of template.content.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.className = "pr-search__mark";
      mark.textContent = node.textContent;
      fragment.append(mark);
    } else {
      fragment.append(node.textContent);
    }
  }
  return fragment;
}
