#!/usr/bin/env bash
# Executes every notebook headless and fails if any cell fails: `./scattering4j notebooks [NN ...]`
# (the launcher builds the project first). For each notebooks/NN-name.jsh:
#   1. checks that NN-name.ipynb is what the .jsh generates (the .jsh is the source; JshNotebooks --write
#      regenerates the .ipynb), so the two cannot drift;
#   2. runs NN-name.ipynb on the Java kernel (rapaio-jupyter-kernel, from Maven Central into target/kernel)
#      with `jupyter nbconvert --execute`, into target/notebooks-executed/ (the committed notebooks stay
#      without outputs);
#   3. runs NN-name.jsh in a plain JShell (JshRunner), which also stops at the first failing snippet.
# Figures, WAV files and model files go to notebooks/out/ (not committed). Arguments select notebooks by
# name prefix (e.g. `./scattering4j notebooks 01 03`); none means all.
# Needs Debian's jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel (JUPYTER overrides
# the jupyter executable, default /usr/bin/jupyter: a pyenv shim on PATH may lack nbconvert).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
NB="$HERE/notebooks"
LIB="$HERE/target/lib"
KERNEL_JAR="$HERE/target/kernel/rapaio-jupyter-kernel.jar"
JUPYTER=${JUPYTER:-/usr/bin/jupyter}
EXEC="$HERE/target/notebooks-executed"
SPEC_NAME=scattering4j-java

if [ ! -x "$JUPYTER" ] || ! "$JUPYTER" nbconvert --version >/dev/null 2>&1; then
  echo "notebooks: no working '$JUPYTER nbconvert'. Install it with" >&2
  echo "  apt-get install -y jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel" >&2
  echo "or point JUPYTER at a jupyter that has nbconvert and nbclient." >&2
  exit 1
fi
# The launcher's build makes all of these; a build from before the notebooks existed may lack them.
if [ ! -f "$KERNEL_JAR" ] || [ ! -f "$HERE/target/classes/org/scattering4j/notebooks/JshRunner.class" ]; then
  echo "notebooks: building notebooks-java (kernel jar, runner)..." >&2
  (cd "$ROOT" && mvn -q -B -DskipTests package -pl notebooks-java -am) >&2
fi
JAVA=$(command -v java)
RUN_CP="$HERE/target/classes:$LIB/*"

# 1. the .ipynb files are generated from the .jsh scripts
java -cp "$RUN_CP" org.scattering4j.notebooks.JshNotebooks --check "$NB"

# rapaio-jupyter-kernel 3.0.1 has a start-up race in its channel threads that leaves the kernel deaf on a
# busy machine; kernel-fix/ holds a corrected LoopThread (see its comment) that goes before the kernel jar.
FIX="$HERE/target/kernel-fix"
FIX_SRC="$HERE/kernel-fix/org/rapaio/jupyter/kernel/channels/LoopThread.java"
if [ ! -f "$FIX/org/rapaio/jupyter/kernel/channels/LoopThread.class" ] || [ "$FIX_SRC" -nt "$FIX/org/rapaio/jupyter/kernel/channels/LoopThread.class" ]; then
  javac -d "$FIX" "$FIX_SRC"
fi

# Project-local kernel spec (nothing is installed for the user): the kernel gets the library's jars through
# RJK_CLASSPATH (';'-separated globs) and runs headless so that charts render without a display.
JUP="$HERE/target/jupyter"
mkdir -p "$JUP/kernels/$SPEC_NAME" "$JUP/runtime" "$EXEC"
cat > "$JUP/kernels/$SPEC_NAME/kernel.json" <<EOF
{
  "argv": ["$JAVA", "-Djava.awt.headless=true", "-cp", "$FIX:$KERNEL_JAR", "org.rapaio.jupyter.kernel.MainApp", "{connection_file}"],
  "display_name": "Java (scattering4j)",
  "language": "java",
  "interrupt_mode": "message",
  "env": {"RJK_CLASSPATH": "$LIB/*.jar", "RJK_COMPILER_OPTIONS": "", "RJK_INIT_SCRIPT": "", "RJK_TIMEOUT_MILLIS": "-1"}
}
EOF
export JUPYTER_PATH="$JUP" JUPYTER_RUNTIME_DIR="$JUP/runtime"

scripts=()
for s in "$NB"/*.jsh; do
  name=$(basename "$s" .jsh)
  if [ $# -eq 0 ]; then
    scripts+=("$s")
  else
    for want in "$@"; do
      case "$name" in "$want"*) scripts+=("$s"); break ;; esac
    done
  fi
done
if [ ${#scripts[@]} -eq 0 ]; then
  echo "notebooks: no notebook matches '$*' in $NB" >&2
  exit 2
fi

failed=()
start_all=$(date +%s)
# 2. the notebooks on the Jupyter kernel. Should a kernel still not come up within the startup timeout, it
# is started again, up to three times; a notebook whose cell failed is never retried.
run_ipynb() {   # name log
  (cd "$NB" && "$JUPYTER" nbconvert --to notebook --execute \
        --ExecutePreprocessor.kernel_name="$SPEC_NAME" \
        --ExecutePreprocessor.timeout=900 --ExecutePreprocessor.startup_timeout=90 \
        --output-dir "$EXEC" "$1.ipynb") >"$2" 2>&1
}
for s in "${scripts[@]}"; do
  name=$(basename "$s" .jsh)
  t0=$(date +%s)
  log="$EXEC/$name.log"
  ok=0
  for attempt in 1 2 3; do
    if run_ipynb "$name" "$log"; then ok=1; break; fi
    grep -q "Kernel didn't respond" "$log" || break
    echo "notebooks: $name.ipynb: the kernel did not start (attempt $attempt), starting it again" >&2
  done
  if [ $ok = 1 ]; then
    echo "notebooks: $name.ipynb ok ($(( $(date +%s) - t0 )) s) -> ${EXEC#"$ROOT"/}/$name.ipynb"
  else
    echo "notebooks: $name.ipynb FAILED ($(( $(date +%s) - t0 )) s); end of $log:" >&2
    grep -v '^\[20[0-9-]* [0-9:]*\] \[' "$log" | grep -v '^Add .* to classpath$' | tail -n 40 >&2
    failed+=("$name.ipynb")
  fi
done

# 3. the same cells as JShell scripts
for s in "${scripts[@]}"; do
  name=$(basename "$s" .jsh)
  t0=$(date +%s)
  log="$EXEC/$name.jsh.log"
  if (cd "$NB" && java -Djava.awt.headless=true -cp "$RUN_CP" org.scattering4j.notebooks.JshRunner \
        --class-path "$LIB/*" "$name.jsh") >"$log" 2>&1; then
    echo "notebooks: $name.jsh ok ($(( $(date +%s) - t0 )) s)"
  else
    echo "notebooks: $name.jsh FAILED ($(( $(date +%s) - t0 )) s); end of $log:" >&2
    tail -n 40 "$log" >&2
    failed+=("$name.jsh")
  fi
done

echo "notebooks: ${#scripts[@]} notebooks, each as .ipynb and .jsh, in $(( $(date +%s) - start_all )) s; outputs in ${NB#"$ROOT"/}/out/"
if [ ${#failed[@]} -gt 0 ]; then
  echo "notebooks: FAILED: ${failed[*]}" >&2
  exit 1
fi
