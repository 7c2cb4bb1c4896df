#!/usr/bin/env python3
"""Writes the descriptions in the chart's values.schema.json from the comments in values.yaml (helm-docs writes
README.md from the same comments; hack/chart-docs.sh runs both).

A comment starting with "# --" documents the key on the line after it (helm-docs' convention); "# " lines right
after it continue it. Every property of values.schema.json must end up with a description: those of keys in
values.yaml come from their comment, the others (inside "definitions") are written in the schema by hand.

Usage: hack/chart-docs.py [--check]   (--check writes nothing and fails when the schema is stale)
"""
import json
import re
import sys
from pathlib import Path

import yaml

CHART = Path(__file__).resolve().parent.parent / "helm" / "wpoven-operator"
KEY = re.compile(r"^(\s*)([A-Za-z_][A-Za-z0-9_]*):(\s.*)?$")
DOC = re.compile(r"^\s*# -- ?(.*)$")
MORE = re.compile(r"^\s*# ?(.*)$")


def documented_keys(text):
    """[(path, description)] in file order."""
    out, stack, pending = [], [], None
    for line in text.splitlines():
        if (m := DOC.match(line)):
            pending = [m.group(1).strip()]
        elif pending is not None and (m := MORE.match(line)):
            pending.append(m.group(1).strip())
        elif (m := KEY.match(line)):
            indent = len(m.group(1))
            while stack and stack[-1][0] >= indent:
                stack.pop()
            stack.append((indent, m.group(2)))
            if pending:
                out.append((tuple(k for _, k in stack), " ".join(p for p in pending if p)))
            pending = None
        elif not line.strip():
            pending = None
    return out


def lookup(values, path):
    for k in path:
        values = values[k]
    return values


def schema_node(schema, path):
    node = schema
    for k in path:
        props = node.get("properties")
        if props is None or k not in props:
            raise SystemExit(f"chart-docs.py: values.yaml has {'.'.join(path)}, values.schema.json does not")
        node = props[k]
    return node


def undescribed(node, where="", out=None):
    """Property paths of the schema (values and definitions) without a description."""
    out = [] if out is None else out
    for name, child in node.get("properties", {}).items():
        path = f"{where}.{name}" if where else name
        if not child.get("description"):
            out.append(path)
        undescribed(child, path, out)
    for name, child in node.get("definitions", {}).items():
        undescribed(child, f"definitions.{name}", out)
    return out


def main():
    check = "--check" in sys.argv[1:]
    values_text = (CHART / "values.yaml").read_text()
    values = yaml.safe_load(values_text)
    schema_path = CHART / "values.schema.json"
    schema = json.loads(schema_path.read_text())

    for path, description in documented_keys(values_text):
        lookup(values, path)
        schema_node(schema, path)["description"] = description
    missing = undescribed(schema)
    if missing:
        raise SystemExit("chart-docs.py: properties without a description (a '# --' comment in values.yaml, or in "
                         "values.schema.json for definitions): " + ", ".join(missing))

    outputs = {schema_path: json.dumps(schema, indent=2) + "\n"}
    stale = [p for p, text in outputs.items() if not p.exists() or p.read_text() != text]
    if check:
        if stale:
            raise SystemExit("chart-docs.py: stale, run hack/chart-docs.py: " + ", ".join(str(p) for p in stale))
        return
    for p in stale:
        p.write_text(outputs[p])
        print(f"wrote {p}", file=sys.stderr)


if __name__ == "__main__":
    main()
