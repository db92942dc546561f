"""SEO: sitemap and robots.txt per site, canonical and hreflang links, social cards, schema.org."""
