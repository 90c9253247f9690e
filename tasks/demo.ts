import fs from "node:fs";
import path from "node:path";
import { task, types } from "hardhat/config";
import type { Contract } from "ethers";
import { describeError } from "./lib/errors";
import {
  errorInterfaces,
  eventsIn,
  formatPrice,
  getCollection,
  getDeployed,
  phenotypeView,
  table,
  timeTravelToNextEpoch,
  toJson,
} from "./lib/common";
import { fetchToken, writeArt, type LifeStory } from "./lib/render";
import { revealAll } from "./reveal";
import { writeGallery } from "./gallery";

const DECIMALS = 10n ** 8n;

/**
 * The demo's market, in four acts scaled to `epochs`: a rise (sunny epochs), a crash with relief
 * rallies (stormy), a rebound (sunny) and a calm stretch (every move under the 1% mood threshold of
 * config/networks.ts). A token's temperament is the balance of the rises and falls it lived through
 * (PhenotypeLib.temperament), so the four batches, born at genesis, mid-rise, early in the crash and
 * in the calm, grow up Bold, Restless, Wary and Serene. Moves are basis points per epoch; the first
 * priced epoch has no move (nothing to compare with).
 */
function market(epochs: number) {
  const riseEnd = Math.round(epochs * 0.3);
  const crashEnd = Math.round(epochs * 0.62);
  const reboundEnd = Math.round(epochs * 0.75);
  const prices: bigint[] = [];
  let cents = 300_000; // 3000.00
  for (let i = 1; i <= epochs; i++) {
    const move =
      i === 1
        ? 0
        : i <= riseEnd
          ? [420, 330, 60, 450, 380][i % 5]
          : i <= crashEnd
            ? [-420, -300, -480, 150, -380][i % 5]
            : i <= reboundEnd
              ? [350, 280, 410][i % 3]
              : [30, -45, 20, -25, 50, -30][i % 6];
    cents = Math.round(cents * (1 + move / 10_000));
    prices.push(BigInt(cents) * (DECIMALS / 100n));
  }
  const at = (e: number) => Math.min(epochs, e);
  return {
    prices,
    acts: { riseEnd, crashEnd, reboundEnd },
    births: { genesis: 0, midRise: at(Math.round(riseEnd * 0.6)), crash: at(riseEnd + 2), calm: at(reboundEnd + 1) },
  };
}

task("demo", "One-command demo on the in-process hardhat network: mint, reveal, live through epochs, gallery")
  .addOptionalParam("epochs", "Epochs to live through", 32, types.int)
  .addOptionalParam("out", "Gallery directory", "out/gallery", types.string)
  .addFlag("json", "Print the final table as JSON")
  .setAction(async (args: { epochs: number; out: string; json?: boolean }, hre) => {
    if (hre.network.name !== "hardhat")
      throw new Error("demo runs on the in-process hardhat network only (drop --network)");
    const started = Date.now();
    const log = (msg: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${msg}`);
    // A fresh clone has no artifacts: compile first (solcjs; about a minute the first time).
    log("Compiling the contracts (nothing to do if they are up to date)...");
    await hre.run("compile", { quiet: true });
    const ifaces = await errorInterfaces(hre);

    log("Deploying everything (fixture 'all': Chainlink mocks, renderer, libraries, UUPS proxy, configuration)...");
    await hre.deployments.fixture(["all"]);
    const collection = await getCollection(hre);
    const coordinator = await getDeployed(hre, "VRFCoordinatorV2_5Mock");
    const feed = await getDeployed(hre, "MockV3Aggregator");
    const target = await collection.getAddress();
    const signers = await hre.ethers.getSigners();
    const { prices, acts, births } = market(args.epochs);
    // Four batches born into different markets, so their temperaments differ (see `market`).
    const holders = [
      { name: "alice", signer: signers[1], quantity: 6, at: births.genesis },
      { name: "bob", signer: signers[2], quantity: 8, at: births.midRise },
      { name: "carol", signer: signers[3], quantity: 5, at: births.crash },
      { name: "dave", signer: signers[4], quantity: 5, at: births.calm },
    ];
    const nameOf = new Map<string, string>(holders.map((h) => [h.signer.address, h.name]));
    const signerOf = new Map(holders.map((h) => [h.signer.address, h.signer]));
    const [price] = await collection.saleConfig();
    const ownerOf = new Map<number, string>();
    const ids: number[] = [];
    const mintDue = async (epoch: number) => {
      const due = holders.filter((h) => h.at === epoch);
      for (const h of due) {
        const receipt = await (
          await (collection.connect(h.signer) as Contract).mint(h.quantity, {
            value: BigInt(price) * BigInt(h.quantity),
          })
        ).wait();
        const [b] = eventsIn(collection, receipt, "BatchMinted");
        const first = Number(b.firstTokenId);
        for (let id = first; id < first + h.quantity; id++) {
          ids.push(id);
          ownerOf.set(id, h.signer.address);
        }
        log(
          `${h.name.padEnd(5)} minted ${h.quantity} tokens #${first}..#${first + h.quantity - 1} (batch ${b.batchId}) at epoch ${epoch}`,
        );
      }
      if (due.length) {
        const revealed = await revealAll(hre, collection);
        log(`Revealed ${revealed.batches.length} batch(es) through VRFCoordinatorV2_5Mock`);
      }
    };
    await mintDue(0);

    const neglected = (id: number) => id % 3 === 0; // every third token is left alone
    // Tokens that try to metamorphose, and the ages (epochs since birth) from which each may try (first, second).
    const metamorphosisPlan = new Map<number, number[]>([
      [1, [5, 18]],
      [8, [5, 18]],
      [16, [5, 14]],
      [20, [5]],
    ]);
    const storyTokens = [1, 8, 3, 16, 20];
    const storyEpochs = new Set([0, 4, 8, 12, 16, 20, 24, 28, args.epochs]);
    const outDir = path.resolve(args.out);
    const stories = new Map<number, LifeStory>(
      storyTokens.map((id) => [id, { title: `Token #${id}${neglected(id) ? " (neglected)" : ""}`, frames: [] }]),
    );
    const metamorphoses: { tokenId: number; epoch: number; generation: number }[] = [];

    const snapshot = async (epoch: number) => {
      for (const id of storyTokens) {
        if (!ownerOf.has(id)) continue; // not born yet
        const { svg } = await fetchToken(collection, id);
        writeArt(path.join(outDir, "stories"), `token-${id}-e${epoch}`, svg, 160);
        const p = phenotypeView(await collection.phenotypeOf(id));
        stories.get(id)!.frames.push({
          label: `epoch ${epoch}: ${p.stage} g${p.generation}, vit ${p.vitality}`,
          png: `stories/token-${id}-e${epoch}.png`,
        });
      }
    };
    await snapshot(0);

    for (let e = 1; e <= args.epochs; e++) {
      await timeTravelToNextEpoch(hre, collection);
      await (await feed.updateAnswer(prices[e - 1])).wait();
      const receipt = await (await collection.advanceEpoch()).wait();
      const [adv] = eventsIn(collection, receipt, "EpochAdvanced");
      await mintDue(e);
      let nurtured = 0;
      for (const id of ids.filter((i) => !neglected(i))) {
        try {
          await (await (collection.connect(signerOf.get(ownerOf.get(id)!)!) as Contract).nurture(id)).wait();
          nurtured++;
        } catch (err) {
          log(`  nurture #${id} failed: ${describeError(err, ifaces)}`);
        }
      }
      const events: string[] = [];
      for (const [id, ages] of metamorphosisPlan) {
        if (!ownerOf.has(id)) continue;
        const p = phenotypeView(await collection.phenotypeOf(id));
        const due = ages.filter((a) => p.age >= a).length; // metamorphoses the plan wants by now
        if (p.generation >= due || p.metamorphosisPending) continue;
        try {
          const r = await (
            await (collection.connect(signerOf.get(ownerOf.get(id)!)!) as Contract).metamorphose(id)
          ).wait();
          const [req] = eventsIn(collection, r, "MetamorphosisRequested");
          await (await coordinator.fulfillRandomWords(req.requestId, target)).wait();
          const after = phenotypeView(await collection.phenotypeOf(id));
          metamorphoses.push({ tokenId: id, epoch: e, generation: after.generation });
          events.push(`#${id} metamorphosed -> ${after.stage} (gen ${after.generation})`);
        } catch (err) {
          events.push(`#${id} could not metamorphose: ${describeError(err, ifaces)}`);
        }
      }
      log(
        `epoch ${String(adv.epoch).padStart(2)}  price ${formatPrice(BigInt(adv.answer as bigint)).padStart(8)}  move ${String(adv.moveBps).padStart(5)} bps  nurtured ${nurtured}/${ids.length}${events.length ? "  " + events.join("; ") : ""}`,
      );
      if (storyEpochs.has(e)) await snapshot(e);
    }

    log("Rendering every token (resvg, 256px) and writing the gallery...");
    const total = ids.length;
    const priceAt = (e: number) =>
      e >= 1 && e <= args.epochs ? `~${Math.round(Number(formatPrice(prices[e - 1]))).toLocaleString("en-US")}` : "?";
    const intro =
      `${total} tokens lived through ${args.epochs} epochs of a market in four acts: a rise from ${priceAt(1)} to ${priceAt(acts.riseEnd)}, ` +
      `a crash to ${priceAt(acts.crashEnd)}, a rebound to ${priceAt(acts.reboundEnd)}, then calm. ` +
      `Four batches were born into different markets (${holders.map((h) => `${h.name} at epoch ${h.at}`).join(", ")}); ` +
      `every third token was neglected, the rest were nurtured every epoch.`;
    const { page } = await writeGallery(collection, outDir, [...stories.values()], intro);

    const rows: (string | number)[][] = [];
    const json: unknown[] = [];
    for (const id of ids) {
      const p = phenotypeView(await collection.phenotypeOf(id));
      const owner = nameOf.get(ownerOf.get(id)!) ?? ownerOf.get(id)!;
      rows.push([
        `#${id}`,
        owner,
        `${p.stage}${p.generation ? ` g${p.generation}` : ""}`,
        p.age,
        p.vitality,
        p.mood,
        p.temperament,
        neglected(id) ? "neglected" : "nurtured",
      ]);
      json.push({ tokenId: id, owner: ownerOf.get(id), ...p });
    }
    // What the demo minted, for the browser test (scripts/browser-test.ts) to compare with the page.
    fs.writeFileSync(
      path.join(outDir, "demo.json"),
      toJson({
        epochs: args.epochs,
        tokenIds: ids,
        storyTokens,
        metamorphoses,
        holders: holders.map((h) => ({
          name: h.name,
          address: h.signer.address,
          quantity: h.quantity,
          mintedAtEpoch: h.at,
        })),
      }),
    );
    if (args.json) console.log(toJson({ tokens: json, metamorphoses, page }));
    else console.log("\n" + table(["token", "owner", "stage", "age", "vitality", "mood", "temperament", "care"], rows));
    console.log(
      `\n${total} tokens, ${args.epochs} epochs, ${metamorphoses.length} metamorphoses, ${((Date.now() - started) / 1000).toFixed(1)}s`,
    );
    console.log(`Gallery: ${page}`);
  });
