#!/bin/sh
# Regenerates the unit-test references in this folder with units.py (Debian's PyTorch 1.13 under
# /usr/bin/python3). Not run by CI. Run from anywhere:  sh tests/golden/units/generate.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
# The generic kernels round every operation once, like the core (no fused multiply-add).
export ATEN_CPU_CAPABILITY=default
/usr/bin/python3 "$here/units.py" loader > "$here/loader_orders.txt"
/usr/bin/python3 "$here/units.py" optim > "$here/optimizer_steps.txt"
echo "wrote $here/loader_orders.txt $here/optimizer_steps.txt"
