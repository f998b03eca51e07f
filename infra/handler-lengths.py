#!/usr/bin/env python3
"""Lines per HTTP handler (a `pub async fn` under an actix route attribute) in crates/api/src.

Usage: handler-lengths.py [--max N] [--top K]
Counts from the `pub async fn` line to its closing brace. With --max, exits 1 when a handler
is longer (the house rule: handlers read like a sentence, never over 40 lines).
"""
import argparse
import pathlib
import re
import sys

ROUTE = re.compile(r"^#\[(get|post|put|patch|delete|route)\(")
FN = re.compile(r"^pub(\(crate\))? async fn (\w+)")


def handlers(root):
    for path in sorted(pathlib.Path(root).rglob("*.rs")):
        lines = path.read_text().splitlines()
        routed = False
        for i, line in enumerate(lines):
            if ROUTE.match(line):
                routed = True
                continue
            match = FN.match(line)
            if match and routed:
                routed = False
                depth, end = 0, i
                for j in range(i, len(lines)):
                    depth += lines[j].count("{") - lines[j].count("}")
                    if depth == 0 and "{" in "".join(lines[i : j + 1]):
                        end = j
                        break
                yield (end - i + 1, match.group(2), f"{path}:{i + 1}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--max", type=int)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--root", default="crates/api/src")
    args = parser.parse_args()
    found = sorted(handlers(args.root), reverse=True)
    over = [h for h in found if args.max and h[0] > args.max]
    print(f"{len(found)} handlers, {sum(1 for h in found if h[0] > 40)} over 40 lines")
    for length, name, where in found[: args.top]:
        print(f"{length:4} {name} ({where})")
    if over:
        print(f"{len(over)} handlers over {args.max} lines", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
