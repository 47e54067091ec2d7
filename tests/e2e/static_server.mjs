// A tiny static file server for a built site, as GitHub Pages serves it under a sub-path:
// BASE_PATH/* maps to SITE_DIR/*, a folder serves its index.html (a folder without the trailing
// slash is redirected to it), and anything else gets SITE_DIR/404.html with status 404.
// Listens on 127.0.0.1 only.
//
// As a module: `const { url, close } = await startStaticServer(siteDir, "/briefs/")`.
// As a program: `node static_server.mjs SITE_DIR [BASE_PATH] [PORT]` (for looking at a site by hand).
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".pdf": "application/pdf",
  ".wasm": "application/wasm",
};

async function isFile(p) {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

async function isDir(p) {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

export async function startStaticServer(siteDir, basePath = "/", port = 0) {
  const root = resolve(siteDir);
  if (!basePath.startsWith("/")) basePath = "/" + basePath;
  if (!basePath.endsWith("/")) basePath += "/";

  const send = async (res, status, file, method) => {
    const body = await readFile(file);
    res.writeHead(status, {
      "content-type": TYPES[extname(file).toLowerCase()] || "application/octet-stream",
      "content-length": body.length,
      "cache-control": "no-store",
    });
    res.end(method === "HEAD" ? undefined : body);
  };
  const notFound = async (res, method) => {
    const page = join(root, "404.html");
    if (await isFile(page)) return send(res, 404, page, method);
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
    res.end(method === "HEAD" ? undefined : "404 Not Found\n");
  };

  const server = createServer(async (req, res) => {
    try {
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405, { allow: "GET, HEAD" });
        return res.end();
      }
      const url = new URL(req.url, "http://localhost");
      let path;
      try {
        path = decodeURIComponent(url.pathname);
      } catch {
        res.writeHead(400);
        return res.end();
      }
      if (!path.startsWith(basePath) && path + "/" === basePath) {
        res.writeHead(301, { location: basePath + url.search });
        return res.end();
      }
      if (!path.startsWith(basePath) || path.includes("\0")) return notFound(res, req.method);
      const rel = path.slice(basePath.length);
      const file = resolve(root, "." + sep + rel);
      if (file !== root && !file.startsWith(root + sep)) return notFound(res, req.method);
      if (await isDir(file)) {
        if (!path.endsWith("/")) {
          res.writeHead(301, { location: url.pathname + "/" + url.search });
          return res.end();
        }
        const index = join(file, "index.html");
        if (await isFile(index)) return send(res, 200, index, req.method);
        return notFound(res, req.method);
      }
      if (await isFile(file)) return send(res, 200, file, req.method);
      return notFound(res, req.method);
    } catch (err) {
      res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end(String(err));
    }
  });
  await new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", ok);
  });
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: origin + basePath,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] || "").href) {
  const [siteDir, basePath = "/", port = "0"] = process.argv.slice(2);
  if (!siteDir) {
    console.error("usage: node static_server.mjs SITE_DIR [BASE_PATH] [PORT]");
    process.exit(2);
  }
  const { url } = await startStaticServer(siteDir, basePath, Number(port));
  console.log(`serving ${siteDir} at ${url}`);
}
