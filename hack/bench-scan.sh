#!/usr/bin/env bash
# Malware scan benchmark (docs/performance.md#malware-scan): the tool's `scan`, as the scan Job runs it, over a
# wp-content of N generated files (default 10,000: PHP, JavaScript, CSS and images, three of them planted samples)
# and Debian's WordPress core checked against its sha256 manifest, on this machine only (no network, no cluster).
# Prints the wall time, CPU time and peak memory (RSS) of the run. The database checks are left out: they are a
# handful of queries whatever the number of files.
#
#   hack/bench-scan.sh [FILES]
#
# Needs: yara, java 17, python3, GNU time (/usr/bin/time), Debian's wordpress package (/usr/share/wordpress) and the
# packaged operator (operator/target/quarkus-app; built with `mvn -o -pl operator package -DskipTests` when missing).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
files=${1:-10000}
app=$root/operator/target/quarkus-app
for need in yara java python3 /usr/bin/time; do
  command -v "$need" >/dev/null || { echo "bench-scan: $need is missing" >&2; exit 1; }
done
[ -f /usr/share/wordpress/wp-includes/version.php ] || { echo "bench-scan: Debian's wordpress package is missing" >&2; exit 1; }
if [ ! -d "$app/lib/main" ]; then
  (cd "$root" && mvn -B -o -q -pl operator package -DskipTests)
fi

work=$(mktemp -d /tmp/bench-scan.XXXXXX)
trap 'rm -rf "$work"' EXIT
classpath="$app/app/*:$app/lib/main/*"
tool() { java -XX:MaxRAM=1g -cp "$classpath" io.wpoven.tool.WpovenTool "$@"; }

# the core as the WordPress image has it (links resolved) and its manifest, as the image's build writes it
cp -rL /usr/share/wordpress "$work/core"
rm -rf "$work/core/wp-content" "$work/core/wp-config.php"
CORE_DIR=$work/core MANIFEST_FILE=$work/core.sha256 TERMINATION_LOG=$work/manifest.json LANG=C.UTF-8 \
  tool core-manifest >/dev/null

# wp-content: N files spread over plugins, themes and uploads, their text taken from the core's own files
python3 - "$work/core" "$work/wp-content" "$files" "$root/operator/src/test/resources/malware/samples" <<'EOF'
import os, random, shutil, sys
core, content, total, samples = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
rnd = random.Random(42)
def pick(ext):
    out = []
    for d, _, names in os.walk(core):
        out += [os.path.join(d, n) for n in names if n.endswith(ext)]
    return sorted(out)
php, js, css = pick(".php"), pick(".js"), pick(".css")
planted = {"plugins/plugin-3/includes/shell.php": "webshell.php",
           "uploads/2026/07/loader.php": "loader.php",
           "themes/theme-1/assets/loader.js": "injected.js"}
made = 0
for i in range(total - len(planted)):
    kind = i % 10
    if kind < 6:
        path, src = f"plugins/plugin-{i % 40}/includes/part-{i}.php", php[i % len(php)]
    elif kind < 8:
        path, src = f"themes/theme-{i % 8}/assets/script-{i}.js", js[i % len(js)]
    elif kind == 8:
        path, src = f"themes/theme-{i % 8}/css/style-{i}.css", css[i % len(css)]
    else:
        path, src = f"uploads/2026/{i % 12 + 1:02d}/photo-{i}.jpg", None
    target = os.path.join(content, path)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    if src:
        shutil.copyfile(src, target)
    else:
        with open(target, "wb") as f:
            f.write(b"\xff\xd8\xff\xe0" + rnd.randbytes(rnd.randint(20_000, 120_000)) + b"\xff\xd9")
    made += 1
for path, sample in planted.items():
    target = os.path.join(content, path)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    shutil.copyfile(os.path.join(samples, sample), target)
    made += 1
print(f"generated {made} files in wp-content ({sum(os.path.getsize(os.path.join(d, n)) for d, _, ns in os.walk(content) for n in ns) // 2**20} MiB)")
EOF

mkdir -p "$work/tmp"
export CONTENT_DIR=$work/wp-content CORE_DIR=$work/core CORE_MANIFEST=$work/core.sha256 ACTION=Report \
  SCAN_ID=bench TERMINATION_LOG=$work/result.json WORK_DIR=$work/tmp LANG=C.UTF-8
/usr/bin/time -v -o "$work/time.txt" java -XX:MaxRAM=1g -cp "$classpath" io.wpoven.tool.WpovenTool scan >"$work/out.txt"
python3 - "$work/result.json" "$work/time.txt" <<'EOF'
import json, re, sys
result = json.load(open(sys.argv[1]))
t = open(sys.argv[2]).read()
def field(name):
    return re.search(re.escape(name) + r": (.*)", t).group(1).strip()
rss = int(field("Maximum resident set size (kbytes)"))
print(f"files scanned      {result['filesScanned']} (wp-content and the core)")
print(f"findings           {result['findingsCount']} {result['classes']}")
print(f"wall time          {field('Elapsed (wall clock) time (h:mm:ss or m:ss)')}")
print(f"cpu time           {float(field('User time (seconds)')) + float(field('System time (seconds)')):.1f} s (user + system)")
print(f"peak memory (RSS)  {rss / 1024:.0f} MiB (the largest process: the JVM, or yara while it ran)")
EOF
