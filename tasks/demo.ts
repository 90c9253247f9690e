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
import { fulfil } from "./lib/vrf-fulfil";
import { withRealVrf } from "../config/real-vrf";
import { writeGallery } from "./gallery";

const DECIMALS = 10n ** 8n;

/** Feed path: 3000 -> ~4500 (rise), then crash to ~1800, with a deterministic wiggle for moods. */
function pricePath(epochs: number): bigint[] {
  const peakAt = Math.floor(epochs * 0.5);
  const out: bigint[] = [];
  for (let i = 1; i <= epochs; i++) {
    const base = i <= peakAt ? 3000 + (1500 * i) / peakAt : 4500 - (2700 * (i - peakAt)) / (epochs - peakAt);
    const wiggle = [0, 35, -20, 60, -45, 10][i % 6];
    out.push(BigInt(Math.round((base + wiggle) * 100)) * (DECIMALS / 100n));
  }
  return out;
}

task("demo", "One-command demo on the in-process hardhat network: mint, reveal, live through epochs, gallery")
  .addOptionalParam("epochs", "Epochs to live through", 32, types.int)
  .addOptionalParam("out", "Gallery directory", "out/gallery", types.string)
  .addFlag("json", "Print the final table as JSON")
  .addFlag("realVrf", "Use Chainlink's real VRF v2.5 coordinator, fulfilled with proofs (deploy tag real-vrf)")
  .setAction(async (args: { epochs: number; out: string; json?: boolean; realVrf?: boolean }, hre) => {
    if (hre.network.name !== "hardhat")
      throw new Error("demo runs on the in-process hardhat network only (drop --network)");
    const started = Date.now();
    const log = (msg: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${msg}`);
    // A fresh clone has no artifacts: compile first (solcjs; about a minute the first time).
    log("Compiling the contracts (nothing to do if they are up to date)...");
    await hre.run("compile", { quiet: true });
    const ifaces = await errorInterfaces(hre);

    const vrf = args.realVrf
      ? "Chainlink's real VRFCoordinatorV2_5 (proofs made in TypeScript)"
      : "VRFCoordinatorV2_5Mock";
    if (args.realVrf) {
      log(
        "Deploying everything (fixture 'real-vrf': 'all', then Chainlink's real VRF coordinator, LINK, subscriptions)...",
      );
      await withRealVrf(() => hre.deployments.fixture(["real-vrf"]));
    } else {
      log("Deploying everything (fixture 'all': Chainlink mocks, renderer, libraries, UUPS proxy, configuration)...");
      await hre.deployments.fixture(["all"]);
    }
    const collection = await getCollection(hre);
    const feed = await getDeployed(hre, "MockV3Aggregator");
    const target = await collection.getAddress();
    const signers = await hre.ethers.getSigners();
    // Four batches: two at genesis, one during the rise, one right after the peak (temperaments differ).
    const holders = [
      { name: "alice", signer: signers[1], quantity: 6, at: 0 },
      { name: "bob", signer: signers[2], quantity: 8, at: 0 },
      { name: "carol", signer: signers[3], quantity: 5, at: Math.floor(args.epochs / 4) },
      { name: "dave", signer: signers[4], quantity: 5, at: Math.floor(args.epochs / 2) + 1 },
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
        log(`Revealed ${revealed.batches.length} batch(es) through ${vrf}`);
      }
    };
    await mintDue(0);

    const neglected = (id: number) => id % 3 === 0; // every third token is left alone
    // Tokens that try to metamorphose, and the epochs from which each may try (first, second).
    const metamorphosisPlan = new Map<number, number[]>([
      [1, [5, 18]],
      [8, [9, 24]],
      [16, [14]],
      [20, [23, 29]],
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

    const path_ = pricePath(args.epochs);
    for (let e = 1; e <= args.epochs; e++) {
      await timeTravelToNextEpoch(hre, collection);
      await (await feed.updateAnswer(path_[e - 1])).wait();
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
      for (const [id, from] of metamorphosisPlan) {
        if (!ownerOf.has(id)) continue;
        const p = phenotypeView(await collection.phenotypeOf(id));
        const due = from.filter((f) => e >= f).length; // metamorphoses scheduled by now
        if (p.generation >= due || p.metamorphosisPending || p.age < 5 || p.vitality < 5000) continue;
        try {
          const r = await (
            await (collection.connect(signerOf.get(ownerOf.get(id)!)!) as Contract).metamorphose(id)
          ).wait();
          const [req] = eventsIn(collection, r, "MetamorphosisRequested");
          await fulfil(hre, BigInt(req.requestId as bigint), target);
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
    const intro = `${total} tokens lived through ${args.epochs} epochs of a market that rose from 3000 to ~4500 and crashed to ~1800. Four batches were minted at different epochs; every third token was neglected, the rest were nurtured every epoch.`;
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
