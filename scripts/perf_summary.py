#!/usr/bin/env python3
"""Summarise where a briefgen build spends its CPU time, from `perf script` output.

    perf record -F 999 --call-graph dwarf,65528 -o perf.data -- briefgen build ...
    perf script -i perf.data -F comm,tid,ip,sym > perf.script
    scripts/perf_summary.py perf.script

Prints, as a share of all samples: inclusive time of the pipeline's main functions (a sample
counts for a function when the function is anywhere on its stack), time attributed to the
innermost briefgen function on each stack (that function plus the library code it called), and
what the main thread does while the rayon workers are busy or idle. Standard library only.
"""

import collections
import re
import sys

# (label, regex over simplified frame names); inclusive share of samples.
INCLUSIVE = [
    ("render every output file (render::Renderer::render)", r"briefgen::render::Renderer::render$"),
    ("  Tera template execution (tera::Tera::render, render_to)", r"tera::tera::Tera::render(_to)?$"),
    ("    macro calls (Processor::eval_macro_call)", r"(^|::)eval_macro_call$"),
    ("    macro output buffered into Strings (utils::render_to_string)", r"(^|::)render_to_string$"),
    ("    variable lookup (CallStack::lookup)", r"CallStack::lookup$"),
    ("    `if` conditions (Processor::eval_as_bool)", r"Processor::eval_as_bool$"),
    ("  article context (context::Shared::article)", r"context::Shared::article$"),
    ("  listing context (context::Shared::paginator)", r"context::Shared::paginator$"),
    ("  feeds (render::Renderer::feed)", r"briefgen::render::Renderer::feed$"),
    ("  HTML escaping (templates::escape)", r"briefgen::render::templates::escape$"),
    ("deep clones of JSON maps (BTreeMap clone_subtree)", r"clone_subtree$"),
    ("Markdown bodies (build::render_bodies)", r"briefgen::build::render_bodies"),
    ("  word counts (markdown::words::count)", r"markdown::words::count$"),
    ("  code highlighting (markdown::highlight::highlight)", r"highlight::highlight$"),
    ("  pulldown-cmark (parser and HTML writer)", r"^pulldown_cmark::"),
    ("front matter and normalisation (normalise::)", r"^briefgen::normalise::"),
    ("site model (site::Site::assemble)", r"site::Site::assemble$"),
    ("  related briefings (site::related::related)", r"site::related::related$"),
    ("shared template values (context::Shared::new)", r"context::Shared::new$"),
    ("search index (search::write_index)", r"briefgen::search::write_index$"),
    ("template guard and rendering under it (render::guard::run)", r"briefgen::render::guard::run$"),
    ("swap in the output, deleting the old one (Staging::commit, remove_tree)", r"(Staging::commit|output::remove_tree)$"),
    ("system calls (do_syscall_64)", r"^do_syscall_64$"),
    ("  mkdir", r"^__x64_sys_mkdir$"),
    ("  write", r"^ksys_write$"),
    ("allocator: malloc, realloc", r"^(malloc|_int_malloc|realloc|_int_realloc|__GI___libc_malloc|__GI___libc_realloc|mi_(?!free).*|_mi_(?!free).*)$"),
    ("allocator: free", r"^(_int_free|cfree@GLIBC_2.2.5|__GI___libc_free|malloc_consolidate|unlink_chunk.*|mi_free.*|_mi_free.*)$"),
    ("memcpy/memmove", r"^__mem(move|cpy)_"),
]


def simplify(sym):
    sym = re.sub(r" \(inlined\)$", "", sym)
    for _ in range(8):
        sym, n = re.subn(r"<[^<>]*>", "", sym)
        if not n:
            break
    return sym


def samples(path):
    """Yields (tid, [frames, innermost first])."""
    tid, frames = None, []
    with open(path, errors="replace") as f:
        for line in f:
            if not line.strip():
                if frames:
                    yield tid, frames
                tid, frames = None, []
            elif not line[0].isspace():
                fields = line.split()
                tid = fields[1] if len(fields) > 1 else None
                frames = []
            else:
                parts = line.strip().split(None, 1)
                frames.append(simplify(parts[1] if len(parts) > 1 else "?"))
    if frames:
        yield tid, frames


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    data = list(samples(sys.argv[1]))
    total = len(data)
    if not total:
        sys.exit("no samples")
    pct = lambda n: f"{100 * n / total:5.1f}%"
    print(f"{total} samples\n")

    print("Inclusive share of samples:")
    for label, pattern in INCLUSIVE:
        r = re.compile(pattern)
        n = sum(1 for _, st in data if any(r.search(f) for f in st))
        print(f"  {pct(n)}  {label}")

    print("\nInnermost briefgen function on the stack (it plus the library code it called):")
    inner = collections.Counter()
    for _, st in data:
        inner[next((f for f in st if f.startswith("briefgen::")), "(no briefgen frame: file writes, thread start)")] += 1
    for name, n in inner.most_common(15):
        print(f"  {pct(n)}  {name}")

    threads = collections.Counter(tid for tid, _ in data)
    main_tid = min(threads, key=lambda t: int(t) if t and t.isdigit() else 1 << 62)
    print(f"\nMain thread (serial work; {pct(threads[main_tid])} of samples), by outer briefgen calls:")
    serial = collections.Counter()
    for tid, st in data:
        if tid == main_tid:
            outer = [f for f in reversed(st) if f.startswith("briefgen::")]
            serial[" > ".join(outer[2:5]) or "(other)"] += 1
    for name, n in serial.most_common(8):
        print(f"  {pct(n)}  {name}")


if __name__ == "__main__":
    main()
