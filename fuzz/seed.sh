#!/usr/bin/env bash
# Writes the fuzzers' seed corpora (fuzz/corpus/TARGET/) and dictionaries
# (fuzz/TARGET.dict) from what the repository ships: the rulebooks and
# their geometry, the cases' events (and JSON Lines versions of the YAML
# ones, where python3 with PyYAML is at hand), the grammar's keywords and
# the event format's keys. Run from anywhere; safe to run again.
set -euo pipefail
cd "$(dirname "$0")"
root=..
corpus=corpus

mkdir -p "$corpus"/{rules,events_yaml,events_jsonl,adjudicate}

# --- rules: every rulebook, and each top-level declaration alone ---------
for f in "$root"/rules/*.truce; do
  cp "$f" "$corpus/rules/$(basename "$f")"
done
cp "$root"/tests/fixtures/syntax/*.truce "$root"/tests/fixtures/check/*.truce "$corpus/rules/" 2>/dev/null || true

# --- events: the cases' files as they are ------------------------------
for d in "$root"/cases/*/; do
  name=$(basename "$d")
  [ -f "$d/events.yaml" ] && cp "$d/events.yaml" "$corpus/events_yaml/$name.yaml"
  [ -f "$d/events.jsonl" ] && cp "$d/events.jsonl" "$corpus/events_jsonl/$name.jsonl"
done
cp "$root"/tests/fixtures/events/*.yaml "$corpus/events_yaml/" 2>/dev/null || true
cp "$root"/tests/fixtures/events/*.jsonl "$corpus/events_jsonl/" 2>/dev/null || true

# JSON Lines versions of the YAML cases: times and ids kept as written.
if python3 -c 'import yaml' 2>/dev/null; then
  python3 - "$corpus/events_yaml" "$corpus/events_jsonl" <<'PY'
import json, os, sys, yaml

class Loader(yaml.SafeLoader):
    pass
# Times stay text, as truce reads them.
Loader.yaml_implicit_resolvers = {
    k: [r for r in v if r[0] != 'tag:yaml.org,2002:timestamp']
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
src, dst = sys.argv[1], sys.argv[2]
for name in sorted(os.listdir(src)):
    try:
        events = yaml.load(open(os.path.join(src, name)), Loader=Loader)
    except Exception:
        continue
    if not isinstance(events, list):
        continue
    out = os.path.join(dst, os.path.splitext(name)[0] + '.jsonl')
    with open(out, 'w') as f:
        for e in events:
            f.write(json.dumps(e, default=str, ensure_ascii=False) + '\n')
PY
else
  echo "seed.sh: no python3 with PyYAML; JSON Lines seeds only from shipped .jsonl files" >&2
fi

# --- adjudicate: one byte choosing the rulebooks and format, then events --
# The order of fuzz/src/lib.rs's RULEBOOKS and TOGETHER.
books=(kaa cma-2018 cy-buffer-zone il-lb-coh-2024 il-lb-gaa-1949
  il-sy-disengagement-1974 minsk-addendum-2015 minsk-disengagement-2016
  minsk-ii minsk-measures-2020 minsk-memorandum-2014 ua-dmz-2025-draft)
together=("kaa cma-2018" "minsk-memorandum-2014 minsk-ii"
  "minsk-memorandum-2014 minsk-ii minsk-addendum-2015")
set_of() { # the set index of a case's rulebooks, written as case.yaml names them
  local want=$1 i
  for i in "${!books[@]}"; do [ "${books[$i]}" = "$want" ] && { echo "$i"; return; }; done
  for i in "${!together[@]}"; do [ "${together[$i]}" = "$want" ] && { echo $((${#books[@]} + i)); return; }; done
  echo 0
}
for d in "$root"/cases/*/; do
  name=$(basename "$d")
  want=$(sed -n '/^rules:/,/^[a-z]/p' "$d/case.yaml" | grep -o '[a-z0-9-]*\.truce' | sed 's/\.truce$//' | paste -sd' ')
  s=$(set_of "$want")
  for ext in yaml jsonl; do
    if [ "$ext" = yaml ]; then bit=0; else bit=1; fi
    from="$d/events.$ext"
    [ -f "$from" ] || from="$corpus/events_jsonl/$name.jsonl"
    [ "$ext" = yaml ] && from="$d/events.yaml"
    [ -f "$from" ] || continue
    { printf "\\$(printf '%03o' $(((s << 1) | bit)))"; cat "$from"; } > "$corpus/adjudicate/$name.$ext"
  done
done

# --- dictionaries ------------------------------------------------------
quote() { sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/.*/"&"/'; }
# The grammar's literals: keywords and punctuation.
grep -o '"[^"]*"' "$root/grammar/truce.pest" | tr -d '"' \
  | grep -E '^([A-Za-z_][A-Za-z0-9_]*|[^ A-Za-z0-9\\]{1,3})$' | sort -u | quote > rules.dict
# The names the shipped rulebooks declare (parties, acts, zones...).
grep -ohE '^\s*(party|monitor|act|zone|line|weapon|class|doctrine|locality|area|fact|category)\s+[A-Za-z_][A-Za-z0-9_]*' "$root"/rules/*.truce \
  | awk '{print $2}' | sort -u > "$corpus/.names"
# The event format's keys and words, as docs/events.md writes them.
{
  grep -ohE '^[ -]*[a-z_]+:' "$root/docs/events.md" | tr -d ' -:'
  grep -ohE '[{,] ?[a-z_]+:' "$root/docs/events.md" | tr -d '{, :'
  grep -ohE '`[a-z_]+`' "$root/docs/events.md" | tr -d '`'
} | sort -u > "$corpus/.keys"
{ cat "$corpus/.keys" "$corpus/.names"; } | sort -u | quote > events_yaml.dict
# JSON Lines: keys quoted as JSON writes them.
{ sed -e 's/.*/"&":/' "$corpus/.keys"; sed -e 's/.*/"&"/' "$corpus/.names"; } | quote > events_jsonl.dict
{ cat events_yaml.dict; cat rules.dict; } | sort -u > adjudicate.dict
rm -f "$corpus/.names" "$corpus/.keys"
for t in rules events_yaml events_jsonl adjudicate; do
  echo "seed.sh: $t: $(ls "$corpus/$t" | wc -l) seeds, $(wc -l < "$t.dict") dictionary words"
done
