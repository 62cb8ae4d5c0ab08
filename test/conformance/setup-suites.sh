#!/usr/bin/env bash
# Checks out the W3C test suites at the commits docs/conformance.md records, OUTSIDE this
# repository, and installs their npm dependencies. The suites' code is never committed here.
#
#   test/conformance/setup-suites.sh [DIR]     (default: $SUITES_DIR or ../suites)
#
# A suite already present in DIR/<folder> is kept as it is (for example a copy made with
# `git archive` from a mirror when github.com is not reachable). The suites depend on three
# GitHub-hosted packages (vc-test-suite-implementations, twice, and
# data-integrity-test-suite-assertion): they are checked out too, packed with `npm pack`, and
# each suite's package.json is pointed at the tarballs, so `npm install` needs only the registry.
set -euo pipefail
DIR="${1:-${SUITES_DIR:-$(cd "$(dirname "$0")/../.." && pwd)/../suites}}"
mkdir -p "$DIR/tarballs"
cd "$DIR"

# folder  repository  commit
SOURCES="
vc-data-model-2.0-test-suite w3c/vc-data-model-2.0-test-suite 6e075243825f50c79017de4a27089d329c093d0f
vc-di-eddsa-test-suite w3c/vc-di-eddsa-test-suite a62061b23892deb44dbad67a0315d403fdf09440
vc-bitstring-status-list-test-suite w3c/vc-bitstring-status-list-test-suite 5cdc5625948470d1f3b8b615e0771c013dc9029e
vc-api-issuer-test-suite w3c-ccg/vc-api-issuer-test-suite 4aa46e285c24cf1f5afa5bb808bb086a39524f22
vc-api-verifier-test-suite w3c-ccg/vc-api-verifier-test-suite 41541eeb9c31215d32403f4fe32bb441fbbf141e
deps-w3c+vc-test-suite-implementations w3c/vc-test-suite-implementations a15c6cf73e588f93a5b532a02c051ad7b59777ab
deps-w3c-ccg+vc-test-suite-implementations w3c-ccg/vc-test-suite-implementations 8fd6a18d907194e259c8e91983eac608735781dd
deps-w3c-ccg+data-integrity-test-suite-assertion w3c-ccg/data-integrity-test-suite-assertion 8d84d182f022f02049135f7d1ad3d5d0181e5560
"
echo "$SOURCES" | while read -r folder repo commit; do
  [ -z "$folder" ] && continue
  if [ ! -d "$folder" ]; then
    git clone --quiet "https://github.com/$repo.git" "$folder"
    git -C "$folder" checkout --quiet "$commit"
  fi
done

for dep in deps-*; do (cd "$dep" && npm pack --silent --pack-destination ../tarballs >/dev/null); done

for suite in vc-data-model-2.0-test-suite vc-di-eddsa-test-suite vc-bitstring-status-list-test-suite vc-api-issuer-test-suite vc-api-verifier-test-suite; do
  node -e '
    const fs = require("fs");
    const file = process.argv[1] + "/package.json";
    const p = JSON.parse(fs.readFileSync(file, "utf8"));
    const tarballs = {
      "github:w3c-ccg/vc-test-suite-implementations": "file:../tarballs/vc-test-suite-implementations-0.0.1.tgz",
      "github:w3c/vc-test-suite-implementations": "file:../tarballs/vc-test-suite-implementations-2.0.0.tgz",
      "github:w3c-ccg/data-integrity-test-suite-assertion": "file:../tarballs/data-integrity-test-suite-assertion-0.0.1.tgz",
    };
    for (const [name, version] of Object.entries(p.dependencies ?? {})) if (tarballs[version]) p.dependencies[name] = tarballs[version];
    // Only mocha of the dev dependencies (the rest lint the suites).
    p.devDependencies = Object.fromEntries(Object.entries(p.devDependencies ?? {}).filter(([n]) => n === "mocha"));
    fs.writeFileSync(file, JSON.stringify(p, null, 2));
  ' "$suite"
  (cd "$suite" && npm install --no-audit --no-fund --ignore-scripts --silent)
  echo "$suite: installed"
done
