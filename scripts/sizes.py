#!/usr/bin/env python3
"""Lists Rust files in src/ over 600 lines and functions over 100 lines.

    python3 scripts/sizes.py [--max-file 600] [--max-fn 100] [DIR]

A function runs from its `fn` line to the line where its body's braces balance (found by
counting braces outside strings, chars and comments). Exits 1 when anything is over.
"""
import argparse
import pathlib
import re
import sys

FN = re.compile(r"^\s*(pub(\([^)]*\))?\s+)?(const\s+)?(async\s+)?(unsafe\s+)?fn\s+(\w+)")


def strip(line, state):
    """The line without strings, chars and comments; `state` carries block comments."""
    out = []
    i = 0
    while i < len(line):
        if state["block"]:
            end = line.find("*/", i)
            if end < 0:
                return "".join(out)
            state["block"] = False
            i = end + 2
            continue
        c = line[i]
        if line.startswith("//", i):
            break
        if line.startswith("/*", i):
            state["block"] = True
            i += 2
            continue
        if c == '"':
            j = i + 1
            while j < len(line) and line[j] != '"':
                j += 2 if line[j] == "\\" else 1
            i = j + 1
            continue
        if c == "'" and re.match(r"'(\\.|[^\\'])'", line[i:]):
            i += len(re.match(r"'(\\.|[^\\'])'", line[i:]).group(0))
            continue
        out.append(c)
        i += 1
    return "".join(out)


def functions(lines):
    state = {"block": False}
    code = [strip(l, state) for l in lines]
    for start, line in enumerate(lines):
        m = FN.match(line)
        if not m:
            continue
        depth = 0
        opened = False
        for end in range(start, len(lines)):
            depth += code[end].count("{") - code[end].count("}")
            opened = opened or "{" in code[end]
            if opened and depth <= 0:
                yield m.group(6), start + 1, end - start + 1
                break
            if not opened and code[end].rstrip().endswith(";"):
                break


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--max-file", type=int, default=600)
    ap.add_argument("--max-fn", type=int, default=100)
    ap.add_argument("dir", nargs="?", default="src")
    args = ap.parse_args()
    over = 0
    for path in sorted(pathlib.Path(args.dir).rglob("*.rs")):
        lines = path.read_text().splitlines()
        if len(lines) > args.max_file:
            print(f"{path}: {len(lines)} lines")
            over += 1
        for name, line, length in functions(lines):
            if length > args.max_fn:
                print(f"{path}:{line}: fn {name} is {length} lines")
                over += 1
    print(f"{over} over the limits" if over else "all files and functions within the limits")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
