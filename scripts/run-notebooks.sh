#!/usr/bin/env bash
# Runs every notebook of notebooks/ headless on the Deno kernel and fails on the first error.
#
#   scripts/run-notebooks.sh            execute notebooks/*.ipynb (or the ones named) into a temp dir
#   scripts/run-notebooks.sh --strip    clear the outputs of notebooks/*.ipynb in place (before a commit)
#
# Needs: deno (from the npm registry: installed on first use into node_modules/.cache/keiba-deno,
# not a devDependency, because the registry here serves only its linux-x64 binary package and a
# lock file naming it fails `npm ci` on every machine) and Jupyter from Debian
# (jupyter-nbconvert python3-ipykernel jupyter-client). The Deno kernel is registered in a
# temporary Jupyter data folder, so nothing is installed in the user's home. Executed copies are
# kept in $NOTEBOOKS_OUT when it is set (default: a temp dir, removed on exit).
# Committed notebooks must hold no outputs: the run fails if one does.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export PATH="$root/node_modules/.bin:$PATH"

strip_outputs() {
  python3 - "$@" <<'PY'
import json, sys
for path in sys.argv[1:]:
    with open(path, encoding='utf-8') as f:
        nb = json.load(f)
    for cell in nb['cells']:
        if cell['cell_type'] == 'code':
            cell['outputs'] = []
            cell['execution_count'] = None
    with open(path, 'w', encoding='utf-8') as f:
        f.write(json.dumps(nb, indent=1, ensure_ascii=False) + '\n')
PY
}

if [ "${1:-}" = "--strip" ]; then
  shift
  if [ $# -eq 0 ]; then set -- notebooks/*.ipynb; fi
  strip_outputs "$@"
  echo "cleared outputs: $*"
  exit 0
fi

DENO_VERSION=2.9.6
deno_prefix="$root/node_modules/.cache/keiba-deno"
if ! command -v deno >/dev/null; then
  if [ ! -x "$deno_prefix/node_modules/.bin/deno" ]; then
    mkdir -p "$deno_prefix"
    [ -f "$deno_prefix/package.json" ] || echo '{"name":"keiba-deno","private":true}' >"$deno_prefix/package.json"
    npm install --prefix "$deno_prefix" --no-audit --no-fund --no-save "deno@$DENO_VERSION" >/dev/null 2>&1 \
      || { echo "could not install deno@$DENO_VERSION from the npm registry" >&2; exit 1; }
  fi
  export PATH="$deno_prefix/node_modules/.bin:$PATH"
fi
command -v jupyter >/dev/null || { echo "jupyter not found: apt-get install -y jupyter-nbconvert python3-ipykernel jupyter-client" >&2; exit 1; }

if [ $# -eq 0 ]; then set -- notebooks/*.ipynb; fi

# Committed notebooks carry no outputs.
python3 - "$@" <<'PY'
import json, sys
dirty = [p for p in sys.argv[1:] if any(c.get('outputs') for c in json.load(open(p, encoding='utf-8'))['cells'])]
if dirty:
    sys.exit('notebooks with outputs (run scripts/run-notebooks.sh --strip): ' + ', '.join(dirty))
PY

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=${NOTEBOOKS_OUT:-$tmp/out}
mkdir -p "$out"

# Register the Deno kernel in the temp folder only.
export XDG_DATA_HOME="$tmp/data"
export JUPYTER_PATH="$tmp/data/jupyter"
export JUPYTER_DATA_DIR="$tmp/data/jupyter"
export JUPYTER_CONFIG_DIR="$tmp/config"
export JUPYTER_RUNTIME_DIR="$tmp/runtime"
export PYDEVD_DISABLE_FILE_VALIDATION=1
deno jupyter --install --force >/dev/null 2>&1 || { echo "deno jupyter --install failed" >&2; exit 1; }

total_start=$(date +%s)
for nb in "$@"; do
  start=$(date +%s)
  echo "== $nb"
  if ! jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 \
      --ExecutePreprocessor.kernel_name=deno --output-dir "$out" "$nb" >"$tmp/log" 2>&1; then
    cat "$tmp/log" >&2
    echo "FAILED: $nb" >&2
    exit 1
  fi
  # An output the kernel sent just before shutdown can be lost: say so if the last cell has none.
  python3 - "$out/$(basename "$nb")" <<'PY'
import json, sys
cells = [c for c in json.load(open(sys.argv[1], encoding='utf-8'))['cells'] if c['cell_type'] == 'code']
if cells and not cells[-1].get('outputs'):
    print('   warning: the last cell shows no output')
PY
  echo "   ok in $(( $(date +%s) - start )) s"
done
echo "all notebooks ran in $(( $(date +%s) - total_start )) s${NOTEBOOKS_OUT:+; executed copies in $out}"
