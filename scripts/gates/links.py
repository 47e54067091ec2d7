#!/usr/bin/env python3
"""Link gate: every internal reference in a built site resolves to a file of the output.

Usage: links.py SITE_DIR BASE_URL

Walks every .html page (a/link/img/source/script/iframe/video/audio/track/embed/object/use hrefs
and srcs, srcset candidates, og:url/og:image, url() in style attributes) and every .css file
(url() and @import). Each reference is resolved against the URL its page is served at when the
site is published at BASE_URL (a/index.html is BASE/a/), honouring <base href>. A reference is
internal when it lands on BASE_URL's host; it must then:
  - stay under BASE_URL's path (e.g. /briefs/),
  - name a file of the output (a folder URL needs its index.html),
  - if it has a #fragment and points at an HTML page, match an id (or <a name>) on that page.
404.html is served at any URL, so its references must be root-absolute (or #fragments).
<form action> targets are checked but only warned about. Exit 1 on any finding.
"""

from __future__ import annotations

import os
import re
import sys
from collections import defaultdict
from urllib.parse import unquote, urljoin, urlsplit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gatelib import Site, css_refs, parse_html, resolve  # noqa: E402

ABSOLUTE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    site = Site(sys.argv[1], sys.argv[2])
    html = sorted(f for f in site.files if f.endswith(".html"))
    css = sorted(f for f in site.files if f.endswith(".css"))
    pages = {rel: parse_html(os.path.join(site.root, rel)) for rel in html}

    problems: dict[tuple[str, str], list[str]] = defaultdict(list)  # (problem, url) -> ["page:line <tag attr="value">"]
    warnings: dict[tuple[str, str], list[str]] = defaultdict(list)
    checked = 0

    def check(where: str, tag: str, attr: str, value: str, base_for: str, strict404: bool):
        nonlocal checked
        v = value.strip()
        if attr == "style" or tag == "css":
            shown = f"{where} {'<' + tag + ' style=…' if tag != 'css' else ''}url({value}){'…>' if tag != 'css' else ''}"
        else:
            shown = f'{where} <{tag} {attr}="{value}">'
        sink = warnings if tag == "form" else problems
        if strict404 and v and not v.startswith(("/", "#")) and not ABSOLUTE.match(v):
            sink[("relative reference on 404.html (it is served at any URL, so it must be root-absolute)", v)].append(shown)
        url = resolve(base_for, v)
        if url is None:
            return
        if not site.is_internal(url):
            return
        checked += 1
        parts = urlsplit(url)
        if parts.scheme.lower() != site.scheme:
            sink[(f"internal URL with scheme {parts.scheme}: (the site is {site.scheme}:)", url)].append(shown)
        target, problem = site.target_of(url)
        if problem:
            sink[(problem, url.split("#")[0])].append(shown)
            return
        frag = unquote(parts.fragment)
        if frag and target in pages and frag not in pages[target].ids and frag != "top":
            sink[(f"no element with id=\"{frag}\" on {target}", url)].append(shown)

    for rel, p in pages.items():
        page_url = site.url_of(rel)
        base_for = urljoin(page_url, p.base_href) if p.base_href else page_url
        for tag, attr, value, line in p.refs:
            check(f"{rel}:{line}", tag, attr, value, base_for, rel == "404.html")
    for rel in css:
        css_url = site.url_of(rel)
        for value, line in css_refs(os.path.join(site.root, rel)):
            if value.strip().startswith("#"):
                continue  # url(#id): an SVG fragment in the same document
            check(f"{rel}:{line}", "css", "url", value, css_url, False)

    def report(groups, label):
        for (problem, url), where in sorted(groups.items()):
            print(f"  {label}: {problem}: {url}")
            for w in where[:3]:
                print(f"      {w}")
            if len(where) > 3:
                print(f"      … and {len(where) - 3} more")

    report(problems, "BROKEN")
    report(warnings, "warning (not counted)")
    total = sum(len(v) for v in problems.values())
    print(
        f"  links: {checked} internal references on {len(pages)} pages and {len(css)} stylesheets; "
        f"{total} broken ({len(problems)} distinct), {sum(len(v) for v in warnings.values())} warnings"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
