#!/usr/bin/env bash
# Runs one fuzz target for a while: fuzz/run.sh TARGET SECONDS [libFuzzer flags...]
#
# Seeds the corpus first if it is missing (fuzz/seed.sh). Builds with the
# toolchain in use, stable too (RUSTC_BOOTSTRAP=1 lets it take the flags
# cargo-fuzz passes). No sanitizer:
# truce has no unsafe code, and what a fuzzer finds here is a panic, an
# overflow (debug assertions are on), a timeout or running out of memory.
# Exits non-zero on any of them, leaving the input in fuzz/artifacts/TARGET/.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: fuzz/run.sh TARGET SECONDS [libFuzzer flags...]}
seconds=${2:?usage: fuzz/run.sh TARGET SECONDS [libFuzzer flags...]}
shift 2

if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi
[ -d "corpus/$target" ] && [ -f "$target.dict" ] || ./seed.sh

# cargo-fuzz's flags without a sanitizer are stable in all but name.
export RUSTC_BOOTSTRAP=1

cargo fuzz run --sanitizer none "$target" "corpus/$target" -- \
  -dict="$target.dict" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
  -print_final_stats=1 "$@"
