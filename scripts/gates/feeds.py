#!/usr/bin/env python3
"""Feed gate: every Atom feed of a built site parses cleanly and meets RFC 4287.

Usage: feeds.py SITE_DIR BASE_URL      (needs the `feedparser` package)

Every *.xml file whose root is atom:feed, and every atom.xml whatever its root, is checked:
  - feedparser parses it with bozo == 0, as Atom 1.0;
  - atom:feed has exactly one id, title and updated, at least one author with a name (or every
    entry has one), a link rel="alternate" (a link without rel counts as one), and rel="self"
    equal to the feed's own URL;
  - each atom:entry has exactly one id, title and updated, and a link rel="alternate";
    entry ids are unique within the feed;
  - every id and every self/alternate link is an absolute URL under BASE_URL, and every
    alternate link names a page of the output; other links are absolute;
  - dates are RFC 3339 date-times, and the feed's updated is not older than any entry's;
  - relative links inside entry content resolve (against xml:base) to files of the output.
Exit 1 on any finding.
"""

from __future__ import annotations

import os
import re
import sys
import xml.etree.ElementTree as ET
from datetime import datetime
from urllib.parse import urljoin, urlsplit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gatelib import PageParser, Site, resolve  # noqa: E402

try:
    import feedparser
except ImportError:  # pragma: no cover
    print("feeds.py needs feedparser: pip install feedparser", file=sys.stderr)
    sys.exit(2)

A = "{http://www.w3.org/2005/Atom}"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def parse_date(text: str):
    if not RFC3339.match(text or ""):
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def check_feed(site: Site, rel: str, out: list[str]) -> int:
    path = os.path.join(site.root, rel)
    where = rel
    err = lambda msg: out.append(f"{where}: {msg}")  # noqa: E731

    with open(path, "rb") as f:
        raw = f.read()
    d = feedparser.parse(raw)
    if d.bozo:
        err(f"feedparser bozo=1: {d.get('bozo_exception')!r}")
    if d.get("version") != "atom10":
        err(f"feedparser reads it as {d.get('version')!r}, not Atom 1.0")

    try:
        root = ET.fromstring(raw)
    except ET.ParseError as e:
        err(f"not well-formed XML: {e}")
        return 0
    if root.tag != A + "feed":
        err(f"root element is {root.tag}, not atom:feed")
        return 0

    def one(el, name, ctx):
        found = el.findall(A + name)
        if len(found) != 1:
            err(f"{ctx} has {len(found)} atom:{name} elements, RFC 4287 requires exactly one")
            return None
        return found[0]

    def under_base(url, what):
        if not url:
            err(f"{what} is empty")
            return False
        if not urlsplit(url).scheme:
            err(f"{what} is not absolute: {url}")
            return False
        if not url.startswith(site.base_url):
            err(f"{what} is not under {site.base_url}: {url}")
            return False
        return True

    def text_of(el, what):
        if el is None:
            return None
        t = "".join(el.itertext()).strip()
        if not t:
            err(f"{what} is empty")
        return t

    def date_of(el, what):
        t = text_of(el, what)
        if t is None:
            return None
        dt = parse_date(t)
        if dt is None:
            err(f"{what} is not an RFC 3339 date-time: {t!r}")
        return dt

    def links(el, ctx, need_alternate):
        alts = []
        for ln in el.findall(A + "link"):
            href = ln.get("href")
            relv = ln.get("rel", "alternate")
            if href is None:
                err(f"{ctx} has a link without href")
                continue
            if relv in ("alternate", "self"):
                if under_base(href, f'{ctx} link rel="{relv}"') and relv == "alternate":
                    _, problem = site.target_of(href)
                    if problem:
                        err(f'{ctx} link rel="alternate" {href}: {problem} in the output')
            elif not urlsplit(href).scheme:
                err(f'{ctx} link rel="{relv}" is not absolute: {href}')
            if relv == "alternate":
                alts.append((ln.get("type"), ln.get("hreflang"), href))
            if relv == "self" and ctx == "feed" and href != site.url_of(rel):
                err(f'feed link rel="self" is {href}, but the feed is served at {site.url_of(rel)}')
        if need_alternate and not alts:
            err(f'{ctx} has no link rel="alternate"')
        if len({(t, h) for t, h, _ in alts}) != len(alts):
            err(f'{ctx} has more than one link rel="alternate" with the same type and hreflang')
        return alts

    def has_author(el):
        for au in el.findall(A + "author"):
            if (au.findtext(A + "name") or "").strip():
                return True
        return False

    fid = one(root, "id", "feed")
    if fid is not None:
        under_base(text_of(fid, "feed id"), "feed id")
    text_of(one(root, "title", "feed"), "feed title")
    feed_updated = date_of(one(root, "updated", "feed"), "feed updated")
    links(root, "feed", True)
    for au in root.findall(A + "author"):
        if not (au.findtext(A + "name") or "").strip():
            err("feed atom:author has no atom:name")

    entries = root.findall(A + "entry")
    feed_author = has_author(root)
    seen_ids = {}
    for i, e in enumerate(entries, 1):
        title_el = e.find(A + "title")
        label = (title_el.text or "").strip()[:50] if title_el is not None and title_el.text else f"#{i}"
        ctx = f'entry {i} ("{label}")'
        eid = one(e, "id", ctx)
        if eid is not None:
            t = text_of(eid, f"{ctx} id")
            if t:
                under_base(t, f"{ctx} id")
                if t in seen_ids:
                    err(f"{ctx} has the same id as entry {seen_ids[t]}: {t}")
                seen_ids[t] = i
        text_of(one(e, "title", ctx), f"{ctx} title")
        updated = date_of(one(e, "updated", ctx), f"{ctx} updated")
        pub = e.findall(A + "published")
        if len(pub) > 1:
            err(f"{ctx} has {len(pub)} atom:published elements, at most one is allowed")
        elif pub:
            p = date_of(pub[0], f"{ctx} published")
            if p and updated and p > updated:
                err(f"{ctx} was published ({pub[0].text}) after it was updated")
        if updated and feed_updated and updated > feed_updated:
            err(f"{ctx} updated {updated.isoformat()} is newer than the feed's updated {feed_updated.isoformat()}")
        links(e, ctx, True)
        if not feed_author and not has_author(e) and e.find(A + "source/" + A + "author") is None:
            err(f"{ctx} has no atom:author and neither has the feed (RFC 4287 4.1.1)")
        for au in e.findall(A + "author"):
            if not (au.findtext(A + "name") or "").strip():
                err(f"{ctx} atom:author has no atom:name")
        content = e.find(A + "content")
        if content is not None and content.get("src") is None and e.find(A + "summary") is None and content.get("type") not in (None, "text", "html", "xhtml") and not (content.get("type") or "").endswith("xml"):
            err(f"{ctx} has non-text content without atom:summary (RFC 4287 4.1.1.1)")
        if content is not None and content.get("type") == "html" and content.text:
            base = content.get(XML_BASE) or e.get(XML_BASE) or root.get(XML_BASE) or site.url_of(rel)
            if XML_BASE in content.attrib and not urlsplit(base).scheme:
                err(f"{ctx} content xml:base is not absolute: {base}")
            p = PageParser()
            p.feed(content.text)
            p.close()
            for tag, attr, value, _ in p.refs:
                url = resolve(base, value)
                if url is None or not site.is_internal(url):
                    continue
                _, problem = site.target_of(url)
                if problem:
                    err(f'{ctx} content <{tag} {attr}="{value}"> → {url}: {problem}')
    return len(entries)


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    site = Site(sys.argv[1], sys.argv[2])
    feeds = []
    for rel in sorted(site.files):
        if not rel.endswith(".xml"):
            continue
        if os.path.basename(rel) == "atom.xml":
            feeds.append(rel)
            continue
        try:
            for _, el in ET.iterparse(os.path.join(site.root, rel), events=("start",)):
                if el.tag == A + "feed":
                    feeds.append(rel)
                break
        except ET.ParseError:
            pass
    out: list[str] = []
    entries = sum(check_feed(site, rel, out) for rel in feeds)
    if not feeds:
        print("  feeds: no Atom feeds in this site (feeds disabled?)")
    for line in out[:200]:
        print(f"  FEED: {line}")
    if len(out) > 200:
        print(f"  … and {len(out) - 200} more")
    print(f"  feeds: {len(feeds)} Atom feeds, {entries} entries; {len(out)} findings")
    return 1 if out else 0


if __name__ == "__main__":
    sys.exit(main())
