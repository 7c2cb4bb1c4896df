#!/usr/bin/env python3
"""Writes docs/wordpresssite.md: every field of the WordPressSite CRD with its type, default and description,
read from the generated CRD (crds/). Run after hack/update-crds.sh."""
import json, subprocess, sys, pathlib
root = pathlib.Path(__file__).resolve().parent.parent
crd_file = root / "crds" / "wordpresssites.wpoven.io.yaml"
crd = json.loads(subprocess.check_output([sys.executable, "-c",
    "import sys, yaml, json; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))", str(crd_file)]))
schema = crd["spec"]["versions"][0]["schema"]["openAPIV3Schema"]["properties"]["spec"]
rows = []
def walk(node, path, required):
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
        if prop.get("type") == "object" and "properties" in prop:
            walk(prop, p, prop.get("required", []))
walk(schema, "spec", schema.get("required", []))
out = ["# WordPressSite reference", "",
       "`wpoven.io/v1alpha1`, kind `WordPressSite`, short name `wps`. Generated from `crds/` by `hack/crd-reference.py`;",
       "`kubectl explain wps.spec` shows the same descriptions. Defaults come from the CRD schema and are never",
       "written back by the operator; images left empty use the operator's defaults (Helm values / `WPOVEN_IMAGES_*`).",
       "", "| field | type | default | description |", "|---|---|---|---|"] + rows
(root / "docs" / "wordpresssite.md").write_text("\n".join(out) + "\n")
print(f"{len(rows)} fields")
