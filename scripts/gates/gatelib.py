"""Helpers shared by the gate scripts: mapping URLs of a site published at BASE_URL onto the
files of its build output, and collecting links and ids from HTML."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

# Elements and attributes that point at other resources. `form action` is collected too, but
# reported as a warning only (see links.py).
URL_ATTRS = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "script": ("src",),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "use": ("href", "xlink:href"),
    "image": ("href", "xlink:href"),
    "form": ("action",),
}
META_URL_PROPERTIES = {"og:url", "og:image", "twitter:image"}
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""")


class Site:
    """A build output folder and the base URL it is published at."""

    def __init__(self, root: str, base_url: str):
        self.root = os.path.abspath(root)
        if not base_url.endswith("/"):
            base_url += "/"
        self.base_url = base_url
        parts = urlsplit(base_url)
        self.scheme = parts.scheme.lower()
        self.host = parts.netloc.lower()
        self.base_path = parts.path or "/"
        self.files = set()
        for dirpath, dirnames, filenames in os.walk(self.root):
            dirnames.sort()
            for name in filenames:
                rel = os.path.relpath(os.path.join(dirpath, name), self.root).replace(os.sep, "/")
                self.files.add(rel)

    def url_of(self, rel: str) -> str:
        """The URL a file is served at: `a/index.html` -> BASE/a/, `x.xml` -> BASE/x.xml."""
        if rel == "index.html":
            return self.base_url
        if rel.endswith("/index.html"):
            return self.base_url + rel[: -len("index.html")]
        return self.base_url + rel

    def is_internal(self, url: str) -> bool:
        p = urlsplit(url)
        return p.scheme.lower() in ("http", "https") and p.netloc.lower() == self.host

    def target_of(self, url: str):
        """For an absolute internal URL: (file relative to root or None, problem or None)."""
        p = urlsplit(url)
        path = unquote(p.path)
        if not path.startswith(self.base_path):
            return None, f"points outside {self.base_path}"
        rel = path[len(self.base_path):]
        if rel.startswith("/") or "/../" in "/" + rel + "/" or "\\" in rel:
            return None, "malformed path"
        if rel == "" or rel.endswith("/"):
            target = rel + "index.html"
            return (target, None) if target in self.files else (None, "no such page (no index.html)")
        if rel in self.files:
            return rel, None
        if rel + "/index.html" in self.files:
            return rel + "/index.html", None  # a folder without its slash: hosts redirect
        return None, "no such file"


class PageParser(HTMLParser):
    """Collects ids (and <a name>), URL-bearing attributes with line numbers, and <base href>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str, str, int]] = []  # (tag, attr, value, line)
        self.base_href: str | None = None
        self.noindex = False

    def handle_starttag(self, tag, attrs):
        a = {}
        for k, v in attrs:
            a.setdefault(k, v if v is not None else "")
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        if tag == "base" and "href" in a and self.base_href is None:
            self.base_href = a["href"]
        if tag == "meta":
            prop = a.get("property") or a.get("name") or ""
            if prop in META_URL_PROPERTIES and a.get("content"):
                self.refs.append(("meta", prop, a["content"], self.getpos()[0]))
            if prop == "robots" and "noindex" in (a.get("content") or "").lower():
                self.noindex = True
        for attr in URL_ATTRS.get(tag, ()):
            if attr in a:
                value = a[attr]
                if attr == "srcset":
                    for cand in value.split(","):
                        cand = cand.strip().split()
                        if cand:
                            self.refs.append((tag, attr, cand[0], self.getpos()[0]))
                else:
                    self.refs.append((tag, attr, value, self.getpos()[0]))
        if "style" in a:
            for m in CSS_URL.finditer(a["style"]):
                value = next(g for g in m.groups() if g is not None)
                self.refs.append((tag, "style", value, self.getpos()[0]))

    handle_startendtag = handle_starttag


def parse_html(path: str) -> PageParser:
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    p = PageParser()
    p.feed(text)
    p.close()
    return p


def css_refs(path: str):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    for m in CSS_URL.finditer(text):
        value = next(g for g in m.groups() if g is not None)
        line = text.count("\n", 0, m.start()) + 1
        yield value, line


SKIP_SCHEMES = re.compile(r"^(?:mailto|tel|javascript|data|blob|about|sms|geo|urn|news|irc|ftp|file):", re.I)


def resolve(page_url: str, value: str):
    """Resolves a reference found on a page. None for ones that are not fetched (mailto:, data:…)."""
    value = value.strip()
    if SKIP_SCHEMES.match(value):
        return None
    return urljoin(page_url, value)
