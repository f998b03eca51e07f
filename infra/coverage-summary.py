#!/usr/bin/env python3
"""Line coverage per part of the back end, from the LCOV file that `./x coverage` writes.

Usage: coverage-summary.py LCOV_FILE [--markdown]

Counts the lines that LLVM instrumented (the `DA:` records) in each file, minus the lines of
unit-test modules (`#[cfg(test)]` at the top level of a file, down to the next `}` in column 0,
as rustfmt lays them out): a test counting itself as covered code would flatter the figure.
"""

import os
import re
import sys
from collections import defaultdict

# The critical back end (issue 13): its parts, in the order of the report.
CRITICAL = [
    ("domain", "crates/domain/src/"),
    ("db", "crates/db/src/"),
    ("jobs", "crates/jobs/src/"),
    ("cinetpay", "crates/cinetpay/src/"),
    ("api: payments", "crates/api/src/payments/"),
    ("api: auth", "crates/api/src/auth/"),
]
# For context: the other crates and the rest of the API.
OTHERS = [
    ("api: the rest", "crates/api/src/"),
    ("storage", "crates/storage/src/"),
    ("mail", "crates/mail/src/"),
    ("pdf", "crates/pdf/src/"),
    ("server", "crates/server/src/"),
    ("cinetpay-sandbox", "crates/cinetpay-sandbox/src/"),
]


def test_module_lines(path):
    """Line numbers (from 1) of the top-level `#[cfg(test)]` items of a source file."""
    lines = set()
    try:
        with open(path, encoding="utf-8") as source:
            text = source.read().splitlines()
    except OSError:
        return lines
    inside = False
    for number, line in enumerate(text, start=1):
        if line.startswith("#[cfg(test)]"):
            inside = True
        if inside:
            lines.add(number)
            if line.startswith("}") or (line.startswith("mod ") and line.rstrip().endswith(";")):
                inside = False
    return lines


def read_lcov(path, root):
    """{relative file: {line: hits}} from an LCOV tracefile."""
    files = defaultdict(dict)
    current = None
    with open(path, encoding="utf-8") as lcov:
        for record in lcov:
            record = record.strip()
            if record.startswith("SF:"):
                current = os.path.relpath(record[3:], root)
            elif record.startswith("DA:") and current is not None:
                line, hits = record[3:].split(",")[:2]
                line = int(line)
                files[current][line] = max(files[current].get(line, 0), int(hits))
            elif record == "end_of_record":
                current = None
    return files


def part_of(file, parts):
    for name, prefix in parts:
        if file.startswith(prefix):
            return name
    return None


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    markdown = "--markdown" in sys.argv[2:]
    totals = defaultdict(lambda: [0, 0])
    for file, hits in read_lcov(sys.argv[1], root).items():
        part = part_of(file, CRITICAL) or part_of(file, OTHERS)
        if part is None:
            continue
        tests = test_module_lines(os.path.join(root, file))
        counted = [count for line, count in hits.items() if line not in tests]
        totals[part][0] += len(counted)
        totals[part][1] += sum(1 for count in counted if count > 0)
    critical = [sum(totals[name][i] for name, _ in CRITICAL) for i in (0, 1)]

    def row(name, lines, covered):
        percent = f"{100 * covered / lines:.1f} %" if lines else "–"
        if markdown:
            return f"| {name} | {covered} / {lines} | {percent} |"
        return f"  {name:<20} {covered:>6} / {lines:<6} {percent:>8}"

    if markdown:
        print("| part | lines covered | line coverage |\n|---|---:|---:|")
    for name, _ in CRITICAL:
        print(row(name, *totals[name]))
    print(row("**critical back end**" if markdown else "critical back end", *critical))
    for name, _ in OTHERS:
        print(row(name, *totals[name]))


if __name__ == "__main__":
    main()
