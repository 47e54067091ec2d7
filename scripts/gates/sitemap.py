#!/usr/bin/env python3
"""Sitemap gate: sitemap.xml is valid against the sitemaps.org schema and lists real pages.

Usage: sitemap.py SITE_DIR BASE_URL SITEMAP_XSD      (needs xmllint, from libxml2-utils)

  - `xmllint --noout --schema SITEMAP_XSD` accepts sitemap.xml (a <sitemapindex> is followed to
    the sitemaps it lists, each of which must be in the output and valid);
  - every <loc> is an absolute URL under BASE_URL, appears once, and names a file of the output
    (a folder URL needs its index.html); 404.html and pages marked noindex are not listed;
  - multilingual sitemaps: each <xhtml:link rel="alternate" hreflang> (validated with
    sitemap-xhtml.xsd beside this script) names a listed page, and that page links back;
  - robots.txt, if present, names BASE_URL/sitemap.xml in a Sitemap: line.
HTML pages that are not listed are counted as a note, not a finding. Exit 1 on any finding.
"""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gatelib import Site, parse_html  # noqa: E402

S = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
X = "{http://www.w3.org/1999/xhtml}"


def with_xhtml(xsd: str, work: str) -> str:
    """A schema accepting sitemaps.org elements plus the xhtml:link of localized versions."""
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(work, "sitemap-with-xhtml.xsd")
    with open(path, "w", encoding="utf-8") as f:
        f.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">\n'
            f'  <xsd:import namespace="http://www.sitemaps.org/schemas/sitemap/0.9" schemaLocation="{os.path.abspath(xsd)}"/>\n'
            f'  <xsd:import namespace="http://www.w3.org/1999/xhtml" schemaLocation="{os.path.join(here, "sitemap-xhtml.xsd")}"/>\n'
            "</xsd:schema>\n"
        )
    return path


def main() -> int:
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    site = Site(sys.argv[1], sys.argv[2])
    xsd = sys.argv[3]
    findings: list[str] = []
    if "sitemap.xml" not in site.files:
        print(f"  SITEMAP: there is no sitemap.xml in {site.root}")
        return 1

    listed: dict[str, str] = {}  # loc -> sitemap file
    alternates: dict[str, set[str]] = {}  # loc -> the hrefs of its xhtml:link alternates
    import tempfile

    work = tempfile.mkdtemp(prefix="sitemap-gate-")
    xsd = with_xhtml(xsd, work)
    todo, done = ["sitemap.xml"], set()
    while todo:
        rel = todo.pop(0)
        if rel in done:
            continue
        done.add(rel)
        path = os.path.join(site.root, rel)
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError as e:
            findings.append(f"{rel}: not well-formed XML: {e}")
            continue
        if root.tag == S + "sitemapindex":
            for loc in root.iter(S + "loc"):
                url = (loc.text or "").strip()
                if not url.startswith(site.base_url):
                    findings.append(f"{rel}: sitemap <loc> not under {site.base_url}: {url}")
                    continue
                target, problem = site.target_of(url)
                if problem:
                    findings.append(f"{rel}: sitemap <loc> {url}: {problem}")
                else:
                    todo.append(target)
            continue
        if root.tag != S + "urlset":
            findings.append(f"{rel}: root element is {root.tag}, not sitemaps.org urlset")
            continue
        r = subprocess.run(["xmllint", "--noout", "--nonet", "--schema", xsd, path], capture_output=True, text=True)
        if r.returncode != 0:
            for line in (r.stderr or r.stdout).splitlines():
                if line.strip() and not line.endswith(" validates"):
                    findings.append(f"{rel}: xmllint: {line.replace(site.root + os.sep, '')}")
        for url_el in root.findall(S + "url"):
            url = (url_el.findtext(S + "loc") or "").strip()
            if url in listed:
                findings.append(f"{rel}: <loc> listed twice: {url}")
            listed[url] = rel
            links = url_el.findall(X + "link")
            if links:
                alternates[url] = {(l.get("href") or "") for l in links}
            if not url.startswith(site.base_url):
                findings.append(f"{rel}: <loc> is not an absolute URL under {site.base_url}: {url}")
                continue
            target, problem = site.target_of(url)
            if problem:
                findings.append(f"{rel}: <loc> {url}: {problem} in the output")
            elif target == "404.html":
                findings.append(f"{rel}: <loc> {url} is the 404 page")
            elif target.endswith(".html") and parse_html(os.path.join(site.root, target)).noindex:
                findings.append(f"{rel}: <loc> {url} is marked noindex")

    # Localized versions: every alternate is a listed page that lists this one back (a one-way
    # hreflang pair is ignored by search engines).
    for url, hrefs in sorted(alternates.items()):
        if url not in hrefs:
            findings.append(f"<loc> {url}: its xhtml:link alternates do not include itself")
        for href in sorted(hrefs - {url}):
            if href not in listed:
                findings.append(f"<loc> {url}: alternate {href} is not a listed page")
            elif url not in alternates.get(href, set()):
                findings.append(f"<loc> {url}: alternate {href} does not link back")

    if "robots.txt" in site.files:
        with open(os.path.join(site.root, "robots.txt"), encoding="utf-8", errors="replace") as f:
            lines = [ln.split(":", 1)[1].strip() for ln in f if ln.lower().startswith("sitemap:")]
        if site.base_url + "sitemap.xml" not in lines:
            findings.append(f"robots.txt: no 'Sitemap: {site.base_url}sitemap.xml' line (has {lines or 'none'})")

    pages = {site.url_of(f) for f in site.files if f.endswith(".html") and f != "404.html"}
    missing = sorted(pages - set(listed))
    for f in findings:
        print(f"  SITEMAP: {f}")
    print(
        f"  sitemap: {len(listed)} URLs in {len(done)} file(s), {len(alternates)} with language alternates; {len(findings)} findings"
        + (f"; note: {len(missing)} HTML pages not listed (e.g. {', '.join(m[len(site.base_url) - 1:] for m in missing[:4])})" if missing else "")
    )
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
