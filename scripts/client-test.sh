#!/usr/bin/env bash
# Client test: a real `hardhat node` over JSON-RPC, the deploy scripts, then the tasks a holder
# and an operator use (mint into the open cohort, cohort close / status, reveal, set-price,
# advance-epoch of the World with time travel, token, status, allowlist set and mint --allowlist,
# royalty, renderer, vrf, upgrade --dry-run), then a second collection in the same World
# (new-collection, both moved by one advance, unsubscribe / sync-world / subscribe, a scheduled
# coordinator change, the second-collection deploy tag), each output asserted. Usage: scripts/client-test.sh
set -euo pipefail

cd "$(dirname "$0")/.."
HOST=127.0.0.1
PORT=8545
RPC="http://$HOST:$PORT"
TMP="$(mktemp -d -t client-test.XXXXXX)"
NODE_LOG="$TMP/node.log"
NODE_PID=""
PASSED=0
FAILED=0
STARTED=$(date +%s)

cleanup() {
  local rc=$?
  if [[ -n "$NODE_PID" ]] && kill -0 "$NODE_PID" 2>/dev/null; then
    # The node runs in its own process group (set -m below): stop the group, i.e. npx and its node child.
    kill -TERM -- "-$NODE_PID" 2>/dev/null || kill -TERM "$NODE_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$NODE_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$NODE_PID" 2>/dev/null || true
    wait "$NODE_PID" 2>/dev/null || true
  fi
  if [[ $rc -ne 0 && -f "$NODE_LOG" ]]; then
    echo "--- last lines of the node log ($NODE_LOG) ---" >&2
    tail -n 20 "$NODE_LOG" >&2 || true
  else
    rm -rf "$TMP"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

rpc() { curl -sf -m 2 -H 'content-type: application/json' --data "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$1\",\"params\":${2:-[]}}" "$RPC"; }

pass() { PASSED=$((PASSED + 1)); echo "  ok   $1"; }
fail() { FAILED=$((FAILED + 1)); echo "  FAIL $1${2:+: $2}"; }

# check NAME FILE JS [expect-error]: JS is evaluated with `d` = the JSON the task printed to FILE;
# truthy passes. A task's `{ "error": ... }` fails the check unless the 4th argument is given.
check() {
  local name=$1 file=$2 js=$3 allow=${4:-} out
  if out=$(node -e '
    const fs = require("fs");
    const s = fs.readFileSync(process.argv[1], "utf8");
    const i = s.search(/^[{[]/m);
    if (i < 0) { console.log("no JSON in output"); process.exit(1); }
    const d = JSON.parse(s.slice(i));
    if (d && d.error && !process.argv[3]) { console.log("task error: " + d.error); process.exit(1); }
    const ok = eval(process.argv[2]);
    if (!ok) { console.log("assertion failed: " + process.argv[2] + " on " + JSON.stringify(d).slice(0, 300)); process.exit(1); }
  ' "$file" "$js" "$allow" 2>&1); then pass "$name"; else fail "$name" "$out"; fi
}

# hh NAME ARGS...: run a task against the node, stdout to $TMP/NAME.json (non-zero exit recorded, not fatal).
hh() {
  local name=$1; shift
  local err
  if ! npx hardhat "$@" --network localhost >"$TMP/$name.json" 2>"$TMP/$name.err"; then
    err=$(grep -v "^npm warn" "$TMP/$name.err" | tail -c 400 || true)
    [[ -z "$err" ]] || echo "  (hardhat $* exited non-zero: $err)"
  fi
}

if rpc eth_chainId >/dev/null 2>&1; then
  echo "client: something already answers on $RPC; stop it first (this test starts its own node)" >&2
  exit 1
fi

echo "client: compiling"
npx hardhat compile --quiet >/dev/null

echo "client: starting hardhat node on $RPC"
# Job control on for this one launch: the background job gets its own process group (pgid = its
# pid), so cleanup can stop npx and the node process it spawns together, by that id.
set -m
npx hardhat node --no-deploy --hostname "$HOST" --port "$PORT" >"$NODE_LOG" 2>&1 &
NODE_PID=$!
set +m
for i in $(seq 1 120); do
  if rpc eth_chainId >/dev/null 2>&1; then break; fi
  if ! kill -0 "$NODE_PID" 2>/dev/null; then echo "client: hardhat node exited early" >&2; exit 1; fi
  if [[ $i -eq 120 ]]; then echo "client: node did not answer within 60s" >&2; exit 1; fi
  sleep 0.5
done
echo "client: node up (pid $NODE_PID, chainId $(rpc eth_chainId | node -pe 'parseInt(JSON.parse(require("fs").readFileSync(0)).result)'))"

# A fresh node has fresh state: drop any localhost deployments a previous run left behind.
rm -rf deployments/localhost

echo "client: deploying"
if npx hardhat deploy --network localhost >"$TMP/deploy.log" 2>&1 && [[ -f deployments/localhost/LivingAsset.json ]]; then
  pass "deploy (deployments/localhost/LivingAsset.json written)"
else
  fail "deploy" "$(tail -n 20 "$TMP/deploy.log")"
  echo "client: $PASSED passed, $FAILED failed"
  exit 1
fi

# Indexers start from the deploy block: every saved deployment records its transaction and block.
node -e 'console.log(JSON.stringify(require("fs").readdirSync("deployments/localhost").filter((f) => f.endsWith(".json"))
  .map((f) => ({ f, ...JSON.parse(require("fs").readFileSync("deployments/localhost/" + f, "utf8")) }))
  .map(({ f, transactionHash, receipt }) => ({ f, transactionHash, block: receipt && receipt.blockNumber }))))' >"$TMP/saved.json"
check "every saved deployment (proxy, implementation, subscription included) records its tx hash and block" "$TMP/saved.json" \
  'd.length >= 12 && ["LivingAsset.json", "LivingAsset_Implementation.json", "World.json", "World_Implementation.json", "VRFSubscription.json"].every((n) => d.some((x) => x.f === n)) && d.every((x) => /^0x[0-9a-f]{64}$/.test(x.transactionHash) && x.block > 0)'

echo "client: tasks over JSON-RPC"
hh mint mint --quantity 3 --json
check "mint --quantity 3 (no VRF request: the tokens wait in the open cohort)" "$TMP/mint.json" 'Number(d.quantity) === 3 && Number(d.firstTokenId) === 1 && d.requestId === null && d.cohort === null && d.openCohort.size === 3 && Number(d.openCohort.firstTokenId) === 1'

hh early-close cohort close --json
check "cohort close before the minimum delay: one line with the time it can close" "$TMP/early-close.json" '/^too early: the open cohort \(3 token\(s\), #1\.\.#3\) can be closed from \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(in (\d+[dhms] ?)+\), 15m after it opened; wait, or add --time-travel/.test(d.error)' expect-error

hh reveal reveal --json
check "reveal (closes the cohort with reveal() after moving the clock, the VRF mock fulfils it)" "$TMP/reveal.json" 'd.closed.length === 1 && d.closed[0].timeTravelled > 0 && d.cohorts.length === 1 && Number(d.cohorts[0].quantity) === 3 && d.cohorts[0].success === true && d.cohorts[0].coordinator === "mock" && d.cohorts[0].birthEpoch === 0'

hh cohort-status cohort status --json
check "cohort status: one cohort, revealed; the open cohort empty" "$TMP/cohort-status.json" 'd.cohortCount === 1 && d.revealed === 1 && d.pending === 0 && d.cohorts[0].state === "revealed" && d.openCohort.size === 0 && Number(d.openCohort.firstTokenId) === 4'
hh empty-close cohort close --json
check "cohort close with nothing minted since: one line" "$TMP/empty-close.json" '/^nothing to reveal: no token was minted since cohort 0 closed .*mint first$/.test(d.error)' expect-error

hh price set-price --answer 3100 --json
check "set-price (new feed round)" "$TMP/price.json" 'BigInt(d.answer) === 310000000000n'

hh epoch1 advance-epoch --time-travel --json
check "advance-epoch --time-travel (epoch 1; the World moved the collection)" "$TMP/epoch1.json" 'Number(d.epoch) === 1 && BigInt(d.answer) === 310000000000n && d.collections.length === 1 && Number(d.collections[0].epoch) === 1 && !d.collections[0].hookFailed'

hh price2 set-price --answer 3250.00 --json
hh early advance-epoch --json
check "advance-epoch too early reverts with a decoded custom error" "$TMP/early.json" '/^WorldTooEarly\(nextEpochAt \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(in (\d+[dhms] ?)+\)\): /.test(d.error)' expect-error

timestamp() { rpc eth_getBlockByNumber '["latest",false]' | node -pe 'parseInt(JSON.parse(require("fs").readFileSync(0)).result.timestamp)'; }
BEFORE=$(timestamp)
hh epoch2 advance-epoch --time-travel --json
JUMP=$(($(timestamp) - BEFORE))
check "advance-epoch --time-travel (epoch 2, node clock jumped ${JUMP}s)" "$TMP/epoch2.json" "Number(d.epoch) === 2 && Number(d.moveBps) > 0 && $JUMP >= 3500"

hh token token --token 1 --out "$TMP/art" --json
check "token --token 1 wrote a PNG" "$TMP/token.json" '(() => {
  const b = fs.readFileSync(d.files.png);
  return b.length > 1000 && b.subarray(1, 4).toString() === "PNG" && b.readUInt32BE(16) === 256 && d.phenotype.revealed === true && fs.readFileSync(d.files.svg, "utf8").startsWith("<svg");
})()'

hh status status --json
check "status: supply 3, the collection at the World's epoch 2, subscribed" "$TMP/status.json" 'Number(d.totalSupply) === 3 && Number(d.currentEpoch) === 2 && Number(d.world.epochCount) === 2 && Number(d.lag) === 0 && d.subscribed === true && d.world.subscribers.length === 1 && d.reveal.cohortCount === 1 && d.reveal.pending.length === 0 && d.allowlist.open === false && d.network === "localhost"'

echo "client: the allowlist sale"
ALICE=0x70997970C51812dc3A010C7d01b50e0d17dc79C8
printf 'address,allowance\n%s,2\n0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC,1\n' "$ALICE" >"$TMP/allowlist.csv"
hh al-set allowlist set --csv "$TMP/allowlist.csv" --price 0.001 --open --json
check "allowlist set (root, price, open)" "$TMP/al-set.json" 'd.open === true && BigInt(d.price) === 10n ** 15n && /^0x[0-9a-f]{64}$/.test(d.root) && d.addresses === 2'
hh al-mint mint --allowlist "$TMP/allowlist.csv" --quantity 2 --from 1 --json
check "mint --allowlist (signer 1's proof, allowlist price, into the open cohort)" "$TMP/al-mint.json" 'd.sale === "allowlist" && Number(d.quantity) === 2 && Number(d.firstTokenId) === 4 && BigInt(d.paid) === 2n * 10n ** 15n && d.openCohort.size === 2'
hh al-again mint --allowlist "$TMP/allowlist.csv" --quantity 1 --from 1 --json
check "mint --allowlist past the allowance: one line" "$TMP/al-again.json" '/may mint 2 in the allowlist phase and has minted 2/.test(d.error)' expect-error

hh royalty-set royalty set --token 2 --receiver 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 --bps 250 --json
hh royalty royalty get --token 2 --json
check "royalty set/get (token override, cap)" "$TMP/royalty.json" 'd.default.bps === 500 && d.maxRoyaltyBps === 1000 && d.token.bps === 250 && d.token.receiver === "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"'

hh renderer renderer get --json
check "renderer get" "$TMP/renderer.json" 'd.locked === false && /^0x[0-9a-fA-F]{40}$/.test(d.renderer) && typeof d.version === "string"'

hh vrf vrf config --json
check "vrf config (collection is a consumer; the reveal was billed)" "$TMP/vrf.json" 'd.isConsumer === true && Number(d.vrfConfig.subscriptionId) > 0 && BigInt(d.subscription.balance) < 1000n * 10n ** 18n'

hh upgrade upgrade --dry-run --json
check "upgrade --dry-run validates" "$TMP/upgrade.json" 'd.valid === true && d.dryRun === true'

echo "client: a second collection in the same World"
hh newc new-collection --name "Vivarium Minis" --symbol MINI --max-supply 5 --price 0.02 --json
check "new-collection (implementation reused, subscribed, consumer added, sale open, gas printed)" "$TMP/newc.json" 'd.deployment === "LivingAsset_MINI" && d.implementationReused === true && d.vrfConsumerAdded === true && d.saleOpen === true && Number(d.startEpoch) === 2 && BigInt(d.totalGas) > 0n && d.gas.some((g) => g.step === "world.addSubscriber" && BigInt(g.gasUsed) > 0n) && BigInt(d.totalGas) === d.gas.reduce((s, g) => s + BigInt(g.gasUsed), 0n) && fs.existsSync("deployments/localhost/LivingAsset_MINI.json")'
echo "  (new-collection gas: $(node -pe 'const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); d.gas.map((g) => g.step + " " + g.gasUsed).join(", ") + "; total " + d.totalGas' "$TMP/newc.json" 2>/dev/null || echo '?'))"

hh mint2 mint --quantity 2 --collection MINI --json
hh reveal2 reveal --collection MINI --json
check "mint and reveal in the second collection (tokens #1..#2 of MINI)" "$TMP/reveal2.json" 'd.cohorts.length === 1 && d.cohorts[0].collection === "MINI" && Number(d.cohorts[0].quantity) === 2 && d.closed.length === 1'

hh price3 set-price --answer 3300 --json
hh epoch3 advance-epoch --time-travel --json
check "one advance of the World moves both collections to epoch 3" "$TMP/epoch3.json" 'Number(d.epoch) === 3 && d.collections.length === 2 && d.collections.every((c) => Number(c.epoch) === 3 && !c.hookFailed)'

hh unsub unsubscribe --collection MINI --json
check "unsubscribe MINI" "$TMP/unsub.json" 'd.subscribed === false && d.subscribers.length === 1'
hh price4 set-price --answer 3350 --json
hh epoch4 advance-epoch --time-travel --json
hh lag status --collection MINI --json
check "status --collection MINI: one epoch behind, not subscribed" "$TMP/lag.json" 'Number(d.lag) === 1 && d.subscribed === false && Number(d.currentEpoch) === 3 && Number(d.world.epochCount) === 4'
npx hardhat status --collection MINI --network localhost >"$TMP/lag.txt" 2>&1 || true
if [[ $(grep -c '^Warning: .*behind its World.*npx hardhat sync-world --collection MINI' "$TMP/lag.txt") -eq 1 ]]; then pass "status warns in one line and names sync-world"; else fail "status lag warning" "$(cat "$TMP/lag.txt")"; fi
hh sync sync-world --collection MINI --json
check "sync-world catches MINI up (3 -> 4)" "$TMP/sync.json" 'Number(d.from) === 3 && Number(d.epoch) === 4'
hh insync sync-world --collection MINI --json
check "sync-world when in sync: decoded EvolutionInSync" "$TMP/insync.json" '/^EvolutionInSync\(epoch 4\): /.test(d.error)' expect-error
hh resub subscribe --collection MINI --json
check "subscribe MINI again" "$TMP/resub.json" 'd.subscribers.length === 2 && Number(d.collectionEpoch) === 4'

hh vrf2 vrf config --collection MINI --json
check "vrf config --collection MINI (a consumer of the same subscription)" "$TMP/vrf2.json" 'd.isConsumer === true && d.subscription.consumers.length === 2'
FEED=$(node -pe 'require("./deployments/localhost/MockV3Aggregator.json").address')
hh coord vrf coordinator --address "$FEED" --collection MINI --json
check "vrf coordinator: the default admin schedules a change for after the admin delay" "$TMP/coord.json" "d.action === 'scheduled' && d.coordinator === '$FEED' && d.effectiveAt > Date.now() / 1000 + 86400"
hh coord2 vrf coordinator --address "$FEED" --collection MINI --json
check "vrf coordinator again before the delay: one line with the time" "$TMP/coord2.json" '/is scheduled and can be applied from \d{4}-\d\d-\d\dT.*--time-travel/.test(d.error)' expect-error

hh upgrade2 upgrade --dry-run --collection MINI --json
check "upgrade --dry-run --collection MINI validates" "$TMP/upgrade2.json" 'd.valid === true && d.dryRun === true'

echo "client: deploy --tags second-collection"
if SECOND_COLLECTION_NAME="Vivarium Duo" SECOND_COLLECTION_SYMBOL=DUO npx hardhat deploy --tags second-collection --network localhost >"$TMP/deploy2.log" 2>&1 && [[ -f deployments/localhost/LivingAsset_DUO.json ]]; then
  pass "deploy --tags second-collection (deployments/localhost/LivingAsset_DUO.json written)"
else
  fail "deploy --tags second-collection" "$(tail -n 20 "$TMP/deploy2.log")"
fi
hh duo status --collection DUO --json
check "the tagged collection lives in the same World, subscribed, in step" "$TMP/duo.json" 'd.name === "Vivarium Duo" && d.subscribed === true && Number(d.lag) === 0 && d.world.subscribers.length === 3'

# A local world that keeps living: twelve advances in a row with nothing between (issue 22). The mock
# feed has no new round after the first, so each --time-travel gives it one (a random step).
hh walk-price advance-epoch --time-travel --price 3400 --json
check "advance-epoch --time-travel --price 3400: the mock feed gets that round" "$TMP/walk-price.json" 'Number(d.epoch) === 5 && BigInt(d.answer) === 340000000000n && /^Mock feed: new round at 3400\.00 USD, as --price asked$/.test(d.newRound)'
for i in $(seq 1 12); do
  hh "walk$i" advance-epoch --time-travel --json
  check "advance-epoch --time-travel, $i of 12 in a row (epoch $((5 + i)))" "$TMP/walk$i.json" "Number(d.epoch) === $((5 + i)) && /^Mock feed: new round at \\d+\\.\\d\\d USD, a random step of (0|[+-]\\d(\\.\\d\\d?)?)% \\(it had no round since the last epoch; --price chooses it\\)$/.test(d.newRound) && d.collections.every((c) => !c.hookFailed)"
done
hh walk-text advance-epoch --time-travel
if grep -q '^Mock feed: new round at ' "$TMP/walk-text.json" && grep -q '^Epoch 18: price ' "$TMP/walk-text.json"; then pass "advance-epoch --time-travel says the new round in one line before the epoch"; else fail "advance-epoch text" "$(cat "$TMP/walk-text.json")"; fi

echo "client: $PASSED passed, $FAILED failed ($(($(date +%s) - STARTED))s)"
[[ $FAILED -eq 0 ]]
