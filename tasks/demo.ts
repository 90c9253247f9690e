import fs from "node:fs";
import path from "node:path";
import { task, types } from "hardhat/config";
import type { Contract } from "ethers";
import { describeError } from "./lib/errors";
import {
  errorInterfaces,
  eventsIn,
  getCollection,
  getDeployed,
  getWorld,
  MOODS,
  phenotypeView,
  table,
  timeTravelToNextEpoch,
  toJson,
  type PhenotypeView,
} from "./lib/common";
import type { ChartData, ChartEpoch } from "./lib/chart";
import { writeArt, type LifeStory } from "./lib/render";
import { CollectionHistory } from "./lib/history";
import { AGE_HEADER, bpsPercent, epochs as unitEpochs, price as priceText, vitalityPercent } from "./lib/units";
import { revealAll } from "./reveal";
import { fulfil } from "../scripts/lib/vrf-fulfil";
import { withRealVrf } from "../config/real-vrf";
import { writeGallery } from "./gallery";
import { createCollection, gasText } from "./lib/collections";

const FEED_DECIMALS = 8; // the mock feed's (config/networks.ts)
const DECIMALS = 10n ** BigInt(FEED_DECIMALS);

/**
 * The demo's market, in four acts scaled to `epochs`: a rise (sunny epochs), a crash with relief
 * rallies (stormy), a rebound (sunny) and a calm stretch (every move under the 1% mood threshold of
 * config/networks.ts). A token's temperament is the balance of the rises and falls it lived through
 * (PhenotypeLib.temperament), so the four reveal cohorts, hatched at genesis, mid-rise, early in the
 * crash and in the calm, grow up Bold, Restless, Wary and Serene. Moves are basis points per epoch; the first
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

/** The demo's second collection: a few tokens in the same World, created as `new-collection` creates one. */
const SECOND = {
  name: "Vivarium Minis",
  symbol: "MINI",
  description: "A small second collection in the Vivarium world: the same market, the same epochs.",
  tokens: 4,
};

task(
  "demo",
  "One-command demo on the in-process hardhat network: two collections in one World; mint, reveal, live through epochs, gallery",
)
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
    const compiled = Date.now();
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
    const world = await getWorld(hre, collection);
    const feed = await getDeployed(hre, "MockV3Aggregator");
    const target = await collection.getAddress();
    const signers = await hre.ethers.getSigners();
    const symbol = (await collection.symbol()) as string;

    // A second collection in the same World, made by the code of `npx hardhat new-collection`.
    const second = await createCollection(hre, {
      name: SECOND.name,
      symbol: SECOND.symbol,
      description: SECOND.description,
      maxSupply: SECOND.tokens,
      maxPerMint: SECOND.tokens,
      maxPerWallet: SECOND.tokens,
    });
    const mini = second.collection;
    log(
      `Created ${second.name} (${second.symbol}) at ${second.address} in the same World (${second.deployment}, implementation ${second.implementationReused ? "reused" : "new"}): ${second.totalGas.toLocaleString("en-US")} gas`,
    );
    for (const line of gasText(second.gas, second.totalGas).split("\n")) log(line);
    const erin = signers[5];
    const miniIds: number[] = [];
    {
      const [miniPrice] = await mini.saleConfig();
      const receipt = await (
        await (mini.connect(erin) as Contract).mint(SECOND.tokens, { value: BigInt(miniPrice) * BigInt(SECOND.tokens) })
      ).wait();
      for (const t of eventsIn(mini, receipt, "Transfer")) miniIds.push(Number(t.tokenId));
      const { closed, cohorts } = await revealAll(hre, mini);
      if (!closed || !cohorts[0]?.success) throw new Error(`${SECOND.symbol}: the cohort was not revealed`);
      log(
        `erin  minted ${SECOND.tokens} ${SECOND.symbol} tokens #${miniIds[0]}..#${miniIds.at(-1)} at epoch 0; reveal() closed them as ${SECOND.symbol} cohort ${closed.cohortId} (the clock moved ${closed.timeTravelled}s to its reveal time) and its word hatched them, through ${vrf}`,
      );
    }
    const { prices, acts, births } = market(args.epochs);
    // Four reveal cohorts hatched into different markets, so their temperaments differ (see
    // `market`). Each gathers the mints of two holders: the first mints an epoch before (its tokens
    // wait as eggs in the open cohort), the second at the cohort's epoch; then anyone's reveal()
    // closes the cohort with one VRF request, and its word hatches every token of it.
    const holders = [
      { name: "alice", signer: signers[1] },
      { name: "bob", signer: signers[2] },
      { name: "carol", signer: signers[3] },
      { name: "dave", signer: signers[4] },
    ];
    const plan = [
      {
        at: births.genesis,
        mints: [
          ["alice", 4],
          ["bob", 2],
        ] as const,
      },
      {
        at: births.midRise,
        mints: [
          ["bob", 5],
          ["carol", 3],
        ] as const,
      },
      {
        at: births.crash,
        mints: [
          ["carol", 3],
          ["dave", 2],
        ] as const,
      },
      {
        at: births.calm,
        mints: [
          ["dave", 3],
          ["alice", 2],
        ] as const,
      },
    ].map((c, k, all) => {
      // The first mint an epoch early, unless that would fall into the previous cohort.
      const early = Math.max(c.at - 1, k > 0 ? all[k - 1].at : 0);
      return {
        at: c.at,
        mints: c.mints.map(([holder, quantity], i) => ({ holder, quantity, epoch: i === 0 ? early : c.at })),
      };
    });
    const byName = new Map(holders.map((h) => [h.name, h]));
    const nameOf = new Map<string, string>([
      ...holders.map((h) => [h.signer.address, h.name] as const),
      [erin.address, "erin"],
    ]);
    const signerOf = new Map(holders.map((h) => [h.signer.address, h.signer]));
    const [price] = await collection.saleConfig();
    const { moodThresholdBps } = await world.feedConfig();
    const ownerOf = new Map<number, string>();
    const ids: number[] = [];
    const mints: { holder: string; epoch: number; firstTokenId: number; lastTokenId: number; quantity: number }[] = [];
    const cohorts: {
      cohortId: number;
      epoch: number;
      firstTokenId: number;
      lastTokenId: number;
      quantity: number;
      mints: typeof mints;
      requestId: bigint | null;
      timeTravelled: number;
    }[] = [];
    const mint = async (holder: string, quantity: number, epoch: number) => {
      const h = byName.get(holder)!;
      const receipt = await (
        await (collection.connect(h.signer) as Contract).mint(quantity, { value: BigInt(price) * BigInt(quantity) })
      ).wait();
      const minted = eventsIn(collection, receipt, "Transfer").map((t) => Number(t.tokenId));
      for (const id of minted) {
        ids.push(id);
        ownerOf.set(id, h.signer.address);
      }
      const first = Math.min(...minted);
      const last = Math.max(...minted);
      mints.push({ holder, epoch, firstTokenId: first, lastTokenId: last, quantity });
      log(
        `${holder.padEnd(5)} minted ${quantity} tokens #${first}..#${last} at epoch ${epoch}: eggs in the open cohort`,
      );
    };
    const mintDue = async (epoch: number) => {
      for (const c of plan.filter((x) => x.at === epoch)) {
        for (const m of c.mints.filter((x) => x.epoch === epoch)) await mint(m.holder, m.quantity, epoch);
        // Anyone may close the open cohort once it is minRevealDelay old: reveal() (the clock moves
        // to that time first if needed), then the coordinator's word hatches the whole cohort.
        const { closed, cohorts: revealed } = await revealAll(hre, collection);
        if (!closed) throw new Error(`cohort of epoch ${epoch}: nothing to close`);
        const first = Number(closed.firstTokenId);
        const last = first + closed.quantity - 1;
        const inCohort = mints.filter((m) => m.firstTokenId >= first && m.lastTokenId <= last);
        cohorts.push({
          cohortId: closed.cohortId,
          epoch: Number(await collection.currentEpoch()),
          firstTokenId: first,
          lastTokenId: last,
          quantity: closed.quantity,
          mints: inCohort,
          requestId: closed.requestId,
          timeTravelled: closed.timeTravelled,
        });
        log(
          `reveal() closed cohort ${closed.cohortId}: tokens #${first}..#${last} (${inCohort.map((m) => `${m.holder} ×${m.quantity} at epoch ${m.epoch}`).join(", ")})${closed.timeTravelled ? `, the clock moved ${closed.timeTravelled}s to its reveal time` : ""}; one VRF request ${closed.requestId}`,
        );
        const hatched = revealed.find((x) => x.cohortId === closed.cohortId);
        if (!hatched?.success) throw new Error(`cohort ${closed.cohortId} was not revealed`);
        log(
          `  its word arrived through ${vrf}: ${closed.quantity} tokens hatched, born in epoch ${hatched.birthEpoch}`,
        );
      }
      // First mints of later cohorts: they wait in the open cohort.
      for (const c of plan.filter((x) => x.at > epoch))
        for (const m of c.mints.filter((x) => x.epoch === epoch)) await mint(m.holder, m.quantity, epoch);
    };
    await mintDue(0);
    // Mood is the world's, one value at a time: any token's phenotype reports it, as the contract computes it.
    const worldMood = async () => phenotypeView(await collection.phenotypeOf(ids[0])).mood;
    const history: ChartEpoch[] = [{ epoch: 0, price: null, moveBps: 0, mood: await worldMood() }];

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
    const metamorphoses: { tokenId: number; epoch: number; generation: number; stage: string }[] = [];

    // Where each collection stands after an advance: both must be at the World's epoch.
    const inStep: { epoch: number; [symbol: string]: number }[] = [];
    let outOfStep = 0;
    for (let e = 1; e <= args.epochs; e++) {
      await timeTravelToNextEpoch(hre, world);
      await (await feed.updateAnswer(prices[e - 1])).wait();
      // One advance of the World per epoch: its hook moves every subscribed collection.
      const receipt = await (await world.advanceEpoch()).wait();
      const [adv] = eventsIn(world, receipt, "EpochAdvanced");
      const failed = eventsIn(world, receipt, "SubscriberHookFailed");
      const at = {
        epoch: e,
        [symbol]: Number(await collection.currentEpoch()),
        [SECOND.symbol]: Number(await mini.currentEpoch()),
      };
      inStep.push(at);
      const step = at[symbol] === e && at[SECOND.symbol] === e && failed.length === 0;
      if (!step) outOfStep++;
      const mood = await worldMood();
      history.push({
        epoch: e,
        price: Number(priceText(BigInt(adv.answer as bigint), FEED_DECIMALS)),
        moveBps: Number(adv.moveBps),
        mood,
      });
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
      // erin nurtures her first token every epoch and leaves the others alone.
      try {
        await (await (mini.connect(erin) as Contract).nurture(miniIds[0])).wait();
      } catch (err) {
        log(`  nurture ${SECOND.symbol} #${miniIds[0]} failed: ${describeError(err, ifaces)}`);
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
          await fulfil(hre, BigInt(req.requestId as bigint), target);
          const after = phenotypeView(await collection.phenotypeOf(id));
          metamorphoses.push({ tokenId: id, epoch: e, generation: after.generation, stage: after.stage });
          events.push(`#${id} metamorphosed -> ${after.stage} (gen ${after.generation})`);
        } catch (err) {
          events.push(`#${id} could not metamorphose: ${describeError(err, ifaces)}`);
        }
      }
      log(
        `epoch ${String(adv.epoch).padStart(2)}  price ${priceText(BigInt(adv.answer as bigint), FEED_DECIMALS).padStart(8)}  move ${String(adv.moveBps).padStart(5)} bps  ${mood.padEnd(6)}  ${symbol} ${String(at[symbol]).padStart(2)}  ${SECOND.symbol} ${String(at[SECOND.symbol]).padStart(2)}${step ? " in step" : " OUT OF STEP"}  nurtured ${nurtured}/${ids.length}${events.length ? "  " + events.join("; ") : ""}`,
      );
    }

    // The life stories, replayed from events after the run (tasks/lib/history.ts): one log load,
    // then one frame per story token at each story epoch of its life and at its birth, from the
    // world's phenotypeAt and the renderer at that epoch.
    const replayStarted = Date.now();
    const replay = await CollectionHistory.load(hre, target);
    const stories: LifeStory[] = [];
    let frameCount = 0;
    for (const id of storyTokens) {
      const title = `Token #${id}${neglected(id) ? " (neglected)" : ""}`;
      if (!ownerOf.has(id)) {
        stories.push({ title, frames: [] }); // never minted in this run
        continue;
      }
      const token = await replay.token(id);
      const { first, last } = await replay.epochRange(id);
      const live = (await collection.tokenURI(id)) as string;
      if ((await replay.tokenURIAt(id, last)) !== live)
        throw new Error(`replay error: token ${id}'s replayed tokenURI at epoch ${last} differs from the live one`);
      const holder = token.events[token.events.length - 1].holder;
      const story: LifeStory = {
        title,
        owner: nameOf.get(holder) ?? holder,
        frames: [],
      };
      const epochs = [...new Set([first, ...storyEpochs])].filter((e) => e >= first && e <= last).sort((a, b) => a - b);
      for (const epoch of epochs) {
        const p = phenotypeView(await replay.phenotypeAt(id, epoch));
        writeArt(path.join(outDir, "stories"), `token-${id}-e${epoch}`, await replay.svgAt(id, epoch), 160);
        const stage = `${p.stage}${p.generation ? ` g${p.generation}` : ""}`;
        const lines = [
          `epoch ${epoch} · ${p.mood}`,
          stage,
          `age ${unitEpochs(p.age)}`,
          `vitality ${vitalityPercent(p.vitality)}`,
        ];
        story.frames.push({ label: lines.join(", "), lines, mood: p.mood, png: `stories/token-${id}-e${epoch}.png` });
        frameCount++;
      }
      stories.push(story);
    }
    log(
      `Life stories replayed from events: ${frameCount} frames of ${storyTokens.length} tokens in ${((Date.now() - replayStarted) / 1000).toFixed(1)}s; each token's replay at epoch ${replay.currentEpoch} equals its live tokenURI`,
    );

    log("Rendering every token (resvg, 256px) and writing the gallery...");
    const total = ids.length;
    const priceAt = (e: number) =>
      e >= 1 && e <= args.epochs
        ? `~${Math.round(Number(priceText(prices[e - 1], FEED_DECIMALS))).toLocaleString("en-US")}`
        : "?";
    const intro =
      `${total} tokens lived through ${args.epochs} epochs of a market in four acts: a rise from ${priceAt(1)} to ${priceAt(acts.riseEnd)}, ` +
      `a crash to ${priceAt(acts.crashEnd)}, a rebound to ${priceAt(acts.reboundEnd)}, then calm. ` +
      `Four reveal cohorts hatched into different markets (${cohorts.map((c) => `at epoch ${c.epoch}: ${c.mints.map((m) => `${m.holder} ×${m.quantity}`).join(" + ")}`).join("; ")}); ` +
      `each gathered two holders' mints, the first waiting as eggs, and was closed by one reveal() and revealed by one VRF word; ` +
      `every third token was neglected, the rest were nurtured every epoch. ` +
      `The same World moved a second collection, ${SECOND.name}, in step: one advance per epoch for both.`;
    const chart: ChartData = {
      epochs: history,
      cohorts: cohorts.map((c) => ({
        label: `cohort ${c.cohortId}: ${c.mints.map((m) => `${m.holder} ×${m.quantity}`).join(", ")}`,
        epoch: c.epoch,
      })),
      metamorphoses: metamorphoses.map((m) => ({ tokenId: m.tokenId, epoch: m.epoch, stage: m.stage })),
      moods: MOODS,
    };
    const threshold = bpsPercent(Number(moodThresholdBps));
    const chartCaption =
      `Each epoch's band is the world's mood as the contract reported it (phenotypeOf): Sunny after a rise of ${threshold} or more, ` +
      `Stormy after a fall of ${threshold} or more, Calm otherwise. Dashed lines: the epochs the reveal cohorts hatched (their tokens' birth); diamonds: metamorphoses.`;
    const miniDir = SECOND.symbol.toLowerCase();
    const miniName = `${SECOND.name} (${SECOND.symbol}), ${miniIds.length} tokens in the same World`;
    const { page } = await writeGallery(collection, outDir, {
      stories,
      intro,
      ownerNames: nameOf,
      chart,
      chartCaption,
      links: [{ href: `${miniDir}/index.html`, label: `Also in this World: ${miniName}` }],
    });
    const { page: miniPage } = await writeGallery(mini, path.join(outDir, miniDir), {
      intro:
        `${miniIds.length} tokens of a second collection, born at epoch 0 of the same World as ${await collection.name()} ` +
        `and moved by the same ${args.epochs} advances; erin nurtured #${miniIds[0]} every epoch and left the others alone.`,
      ownerNames: nameOf,
      links: [{ href: "../index.html", label: `Back to ${await collection.name()} (${symbol})` }],
    });
    const miniRows: (string | number)[][] = [];
    const miniTokens: {
      tokenId: number;
      stage: string;
      age: number;
      vitalityBps: number;
      mood: string;
      temperament: string;
    }[] = [];
    for (const id of miniIds) {
      const p = phenotypeView(await mini.phenotypeOf(id));
      miniRows.push([
        `#${id}`,
        "erin",
        `${p.stage}${p.generation ? ` g${p.generation}` : ""}`,
        p.age,
        vitalityPercent(p.vitality),
        p.mood,
        p.temperament,
        id === miniIds[0] ? "nurtured" : "neglected",
      ]);
      miniTokens.push({
        tokenId: id,
        stage: p.stage,
        age: p.age,
        vitalityBps: p.vitality,
        mood: p.mood,
        temperament: p.temperament,
      });
    }
    const worldEpoch = Number(await world.epochCount());
    const collections = [
      {
        symbol,
        name: await collection.name(),
        address: target,
        deployment: "LivingAsset",
        tokens: ids.length,
        epoch: Number(await collection.currentEpoch()),
        gallery: "index.html",
      },
      {
        symbol: SECOND.symbol,
        name: SECOND.name,
        address: second.address,
        deployment: second.deployment,
        tokens: miniIds.length,
        epoch: Number(await mini.currentEpoch()),
        gallery: `${miniDir}/index.html`,
        createGas: second.totalGas,
      },
    ];

    const rows: (string | number)[][] = [];
    const tokens: (PhenotypeView & { tokenId: number; owner: string; holder: string })[] = [];
    for (const id of ids) {
      const p = phenotypeView(await collection.phenotypeOf(id));
      const holder = nameOf.get(ownerOf.get(id)!) ?? ownerOf.get(id)!;
      rows.push([
        `#${id}`,
        holder,
        `${p.stage}${p.generation ? ` g${p.generation}` : ""}`,
        p.age,
        vitalityPercent(p.vitality),
        p.mood,
        p.temperament,
        neglected(id) ? "neglected" : "nurtured",
      ]);
      tokens.push({ tokenId: id, owner: ownerOf.get(id)!, holder, ...p });
    }
    // The raw metadata URIs as a marketplace reads them, for the browser test to load in Chromium.
    fs.writeFileSync(
      path.join(outDir, "uris.json"),
      toJson({
        contractURI: await collection.contractURI(),
        tokenURIs: await Promise.all(
          [ids[0], ...storyTokens].map(async (id) => ({ tokenId: id, uri: await collection.tokenURI(id) })),
        ),
      }),
    );
    // What the demo did, for the browser test (scripts/browser-test.ts) to compare with the page.
    fs.writeFileSync(
      path.join(outDir, "demo.json"),
      toJson({
        epochs: args.epochs,
        tokenIds: ids,
        storyTokens,
        metamorphoses,
        holders: holders.map((h) => {
          const own = mints.filter((m) => m.holder === h.name);
          return {
            name: h.name,
            address: h.signer.address,
            quantity: own.reduce((n, m) => n + m.quantity, 0),
            mintedAtEpoch: own[0]?.epoch ?? null,
          };
        }),
        mints,
        // The reveal cohorts: the mints each gathered, and the epoch it hatched in (the chart's markers).
        cohorts,
        moodThresholdBps: Number(moodThresholdBps),
        history,
        tokens: tokens.map((t) => ({
          tokenId: t.tokenId,
          holder: t.holder,
          stage: t.stage,
          generation: t.generation,
          age: t.age,
          vitalityBps: t.vitality,
          mood: t.mood,
          temperament: t.temperament,
        })),
        // Every collection of the World, each at the World's epoch after every advance.
        world: { address: await world.getAddress(), epoch: worldEpoch },
        collections,
        inStep,
        outOfStep,
        secondTokens: miniTokens,
      }),
    );
    const headers = ["token", "owner", "stage", AGE_HEADER, "vitality", "mood", "temperament", "care"];
    if (args.json)
      console.log(toJson({ tokens, metamorphoses, history, page, collections, cohorts, secondTokens: miniTokens }));
    else {
      console.log(
        `\n${symbol} reveal cohorts (mints wait as eggs in the open cohort; one reveal() and one VRF word hatch it)\n` +
          table(
            ["cohort", "tokens", "mints (holder ×tokens at epoch)", "hatched at epoch", "VRF request"],
            cohorts.map((c) => [
              c.cohortId,
              `#${c.firstTokenId}..#${c.lastTokenId}`,
              c.mints.map((m) => `${m.holder} ×${m.quantity} at ${m.epoch}`).join(", "),
              c.epoch,
              String(c.requestId),
            ]),
          ),
      );
      console.log(`\n${symbol}\n` + table(headers, rows));
      console.log(`\n${SECOND.symbol} (same World)\n` + table(headers, miniRows));
    }
    const count = (key: "temperament" | "mood") =>
      [...new Set(tokens.map((t) => t[key]))]
        .map((v) => `${v} ${tokens.filter((t) => t[key] === v).length}`)
        .join(", ");
    const moodsLived = [...new Set(history.map((h) => h.mood))];
    console.log(
      `\n${total} tokens, ${args.epochs} epochs, ${metamorphoses.length} metamorphoses. Temperaments: ${count("temperament")}. ` +
        `Mood now: ${count("mood")}; moods lived through: ${moodsLived.join(", ")}.`,
    );
    console.log(
      `One World, two collections: ${collections.map((c) => `${c.symbol} at epoch ${c.epoch}`).join(", ")}, the World at ${worldEpoch}; ` +
        (outOfStep === 0
          ? `both moved in step on each of the ${args.epochs} advances.`
          : `OUT OF STEP after ${outOfStep} advance(s)!`),
    );
    if (new Set(tokens.map((t) => t.temperament)).size < 3)
      console.log(`Note: fewer than 3 temperaments after ${args.epochs} epochs (the default 32 gives four).`);
    console.log(
      `${((Date.now() - started) / 1000).toFixed(1)}s in all, ${((Date.now() - compiled) / 1000).toFixed(1)}s after compile`,
    );
    console.log(`Gallery: ${page} (and ${SECOND.symbol}: ${miniPage})`);
    if (outOfStep > 0) process.exitCode = 1;
  });
