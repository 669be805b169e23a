"""Press room: the site-local Pelican plugin.

`register()` is the plugin's only wiring: every behaviour lives in a module of
its own (see the README's layout section) and is connected to Pelican here.
"""

from pelican import signals

from . import (build_checks, embargo, i18n, languages, leak_audit, navigation, parallel_render,
               placeholders, prefetch, reader, related, search_index, settings, simplified, site_data, sitemap, structured_data,
               template_helpers, translations, uniqueness, url_cache, withdrawal)
from .feeds import FeedGenerator
from .incremental import output_tree, stable_order
# The build itself (pelicanconf.py's PELICAN_CLASS names it as an attribute of this package).
from .incremental.unchanged_build import PressRoomPelican  # noqa: F401
from .generator import PressRoomGenerator
from .language_listings import LanguageListingsGenerator
from .sitemap import SitemapGenerator
from .trust import signing
from .trust.json_feed import JsonFeedGenerator
from .trust.ninjs import NinjsGenerator


def _add_generators(pelican):
    # Feeds and sitemap after every generator that writes pages (the sitemap
    # lists what they wrote), before `finalized` (search index, leak audit).
    return [PressRoomGenerator, LanguageListingsGenerator, FeedGenerator, JsonFeedGenerator,
            NinjsGenerator, SitemapGenerator]


def register():
    signals.initialized.connect(settings.apply_defaults)
    signals.initialized.connect(build_checks.start_build)
    signals.initialized.connect(site_data.load_into_settings)
    signals.initialized.connect(languages.register)
    signals.initialized.connect(template_helpers.register)
    signals.initialized.connect(structured_data.register)
    signals.initialized.connect(signing.prepare)
    signals.generator_init.connect(i18n.install)
    signals.readers_init.connect(reader.install)
    signals.article_generator_init.connect(prefetch.prefetch_articles)
    # Problems first: an invalid release is a "draft" the embargo would drop.
    signals.article_generator_pretaxonomy.connect(build_checks.collect_content_problems)
    signals.article_generator_pretaxonomy.connect(translations.organise)
    signals.article_generator_pretaxonomy.connect(simplified.add_conversions)
    signals.article_generator_pretaxonomy.connect(embargo.apply)
    signals.article_generator_pretaxonomy.connect(placeholders.check_unwritten)
    signals.article_generator_pretaxonomy.connect(withdrawal.apply)
    signals.page_generator_finalized.connect(build_checks.collect_content_problems)
    signals.article_generator_finalized.connect(url_cache.cache_urls)
    signals.article_generator_finalized.connect(stable_order.sort_translations)
    signals.article_generator_finalized.connect(navigation.link_neighbours)
    signals.article_generator_finalized.connect(related.link_related)
    signals.article_generator_finalized.connect(translations.expose)
    signals.article_generator_finalized.connect(uniqueness.check_unique_urls)
    signals.article_generator_finalized.connect(signing.record_releases)
    signals.get_generators.connect(_add_generators)
    # Sent at the start of every run (a devserver runs one Pelican many times).
    signals.get_generators.connect(output_tree.start)
    signals.get_writer.connect(parallel_render.writer_class)
    signals.content_written.connect(sitemap.record_page)
    signals.all_generators_finalized.connect(build_checks.stop_on_problems)
    signals.all_generators_finalized.connect(output_tree.declare_static)
    # After every page is written (rendering is deferred to the end; see
    # parallel_render): the search index is output too, so the leak audit
    # runs last and reads it (Pelican calls receivers in order).
    # What this build no longer produces leaves the output before the search
    # index reads it (the index empties its own folder before it writes).
    signals.finalized.connect(parallel_render.flush_all)
    signals.finalized.connect(output_tree.remove_unproduced_pages)
    signals.finalized.connect(search_index.build_index)
    # Manifests hash the final pages, and the audit reads the manifests too.
    signals.finalized.connect(signing.sign_releases)
    signals.finalized.connect(leak_audit.audit)
