#!/usr/bin/env bash
# layering.sh - check that each folder includes only the folders below it.
# The layers (README.md, "The map"): model knows TCP and nothing else; the
# harness's folders build on it in this order, and a folder may include its
# own headers and those of the folders it lists.  Exit 1 naming each include
# that crosses a layer the wrong way.
set -euo pipefail
cd "$(dirname "$0")/.."

declare -A may=(
	[model]="model"
	[conformance/base]="base"
	[conformance/profiles]="profiles base model"
	[conformance/scenario]="scenario base model"
	[conformance/docgen]="docgen profiles scenario base model"
	[conformance/explore]="explore docgen profiles scenario base model"
	[conformance/net]="net base"
	[conformance/targets]="targets net base scenario model"
	[conformance/targets/agents]="targets"
	[conformance/targets/agents/linux]="targets"
	[conformance/targets/agents/lwip]="targets"
	[conformance/targets/agents/slirp]="targets base"
	[conformance/run]="run targets net profiles scenario base model"
	[conformance/report]="report run docgen profiles scenario base model"
	[conformance/walk]="walk run targets explore docgen profiles scenario base model"
	[conformance/cli]="cli walk run report explore docgen targets net profiles scenario base model"
)

bad=0
for dir in "${!may[@]}"; do
	for f in "$dir"/*.[ch]; do
		[ -e "$f" ] || continue
		while IFS=: read -r line inc; do
			top=${inc%%/*}
			[ "$top" = "$inc" ] && continue          # same folder
			case "$top" in lwip|netif) continue ;; esac  # the lwIP agent's stack
			if [[ " ${may[$dir]} " != *" $top "* ]]; then
				echo "$f:$line: includes $inc; $dir may include only: ${may[$dir]}"
				bad=1
			fi
		done < <(grep -n '^#include "' "$f" | sed 's/^\([0-9]*\):#include "\([^"]*\)".*/\1:\2/')
	done
done
[ "$bad" -eq 0 ] && echo "layering: every include goes down the layers"
exit "$bad"
