#!/usr/bin/env python3
"""Writes docs/<kind>.md for every CRD in crds/: each spec and status field with its type, default and
description, read from the generated CRD. Run after hack/update-crds.sh (which calls it)."""
import json, subprocess, sys, pathlib
root = pathlib.Path(__file__).resolve().parent.parent

def load(path):
    return json.loads(subprocess.check_output([sys.executable, "-c",
        "import sys, yaml, json; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))", str(path)]))

def kubernetes_type(prop):
    """True when every field below prop is a Kubernetes type's, described by the CRD post-processor as "As the pod's ..."."""
    fields = (prop.get("items", {}) if prop.get("type") == "array" else prop).get("properties", {})
    return bool(fields) and all(f.get("description", "").startswith("As the pod's ") for f in fields.values())

def walk(node, path, required, rows):
    for name, prop in sorted(node.get("properties", {}).items()):
        p = f"{path}.{name}"
        typ = prop.get("type", "")
        if typ == "array":
            typ = f"[]{prop.get('items', {}).get('type', '')}"
        limits = []
        for k in ("minimum", "maximum", "minItems", "maxItems", "pattern", "enum"):
            if k in prop:
                v = prop[k]
                limits.append(f"{k} {v if not isinstance(v, float) else int(v)}")
        default = json.dumps(prop["default"]) if "default" in prop else ""
        desc = prop.get("description", "").replace("|", "\\|")
        if name in required:
            desc = "**Required.** " + desc
        rules = "; ".join(r["message"] for r in prop.get("x-kubernetes-validations", []))
        if rules:
            desc += f" _Rules: {rules}._"
        rows.append(f"| `{p}` | {typ} | {default and '`' + default + '`'} | {desc} {'(' + ', '.join(limits) + ')' if limits else ''} |")
        if kubernetes_type(prop):
            continue  # a pod-spec type (spec.placement): `kubectl explain pod.spec...` documents its fields
        if prop.get("type") == "object" and "properties" in prop:
            walk(prop, p, prop.get("required", []), rows)
        if prop.get("type") == "array" and "properties" in prop.get("items", {}):
            walk(prop["items"], p + "[]", prop["items"].get("required", []), rows)

for crd_file in sorted((root / "crds").glob("*.yaml")):
    crd = load(crd_file)
    names = crd["spec"]["names"]
    kind, short = names["kind"], (names.get("shortNames") or [names["plural"]])[0]
    props = crd["spec"]["versions"][0]["schema"]["openAPIV3Schema"]["properties"]
    spec_rows, status_rows = [], []
    walk(props["spec"], "spec", props["spec"].get("required", []), spec_rows)
    if "status" in props:
        walk(props["status"], "status", [], status_rows)
    rules = "; ".join(r["message"] for r in props["spec"].get("x-kubernetes-validations", []))
    out = [f"# {kind} reference", "",
           f"`{crd['spec']['group']}/v1alpha1`, kind `{kind}`, short name `{short}`. Generated from `crds/` by"
           " `hack/crd-reference.py`;",
           f"`kubectl explain {short}.spec` shows the same descriptions. Defaults come from the CRD schema and are never",
           "written back by the operator." + (f" Rules on the whole spec: {rules}." if rules else ""),
           "", "## spec", "", "| field | type | default | description |", "|---|---|---|---|"] + spec_rows
    if status_rows:
        out += ["", "## status (written by the operator)", "", "| field | type | default | description |", "|---|---|---|---|"] + status_rows
    (root / "docs" / f"{kind.lower()}.md").write_text("\n".join(out) + "\n")
    print(f"docs/{kind.lower()}.md: {len(spec_rows)} spec and {len(status_rows)} status fields")
