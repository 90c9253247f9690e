/**
 * Renders the README's sample tokens from a real collection on the in-process network:
 * deploys with the deploy scripts, mints into reveal cohorts, closes them with `reveal()` (moving the
 * clock to when it is allowed) and fulfils one through the VRF mock, lives 14 epochs of its
 * World (nurturing some tokens, metamorphosing one twice) and writes PNGs under docs/tokens/.
 *
 *   npx hardhat run scripts/docs-images.ts
 *   DOCS_IMAGES_OUT=/tmp/tokens npx hardhat run scripts/docs-images.ts   # elsewhere
 */
import fs from "node:fs";
import path from "node:path";
import hre from "hardhat";
import type { Contract } from "ethers";
import { decodeTokenUri, svgToPng } from "../tasks/lib/render";
import { closeOpenCohort } from "../tasks/lib/cohorts";

// DOCS_IMAGES_OUT: another directory (to try the script without touching the README's images).
const OUT = path.resolve(process.env.DOCS_IMAGES_OUT ?? path.join(__dirname, "..", "docs", "tokens"));
const STAGES = ["egg", "hatchling", "juvenile", "adult", "ascended"];

async function main(): Promise<void> {
  const { deployments, ethers, network } = hre;
  await deployments.fixture(["all"]);
  const [, alice] = await ethers.getSigners();
  const collection = await ethers.getContractAt("LivingAsset", (await deployments.get("LivingAsset")).address);
  const world = await ethers.getContractAt("World", (await deployments.get("World")).address);
  const coordinator = await ethers.getContractAt(
    "VRFCoordinatorV2_5Mock",
    (await deployments.get("VRFCoordinatorV2_5Mock")).address,
  );
  const feed = await ethers.getContractAt("MockV3Aggregator", (await deployments.get("MockV3Aggregator")).address);
  const price = (await collection.saleConfig()).price;

  const requestOf = async (tx: Promise<{ wait(): Promise<unknown> }>): Promise<bigint> => {
    const receipt = (await (await tx).wait()) as { logs: { topics: readonly string[]; data: string }[] };
    for (const log of receipt.logs) {
      const parsed = collection.interface.parseLog(log);
      if (parsed?.name === "RandomnessRequested") return parsed.args.requestId as bigint;
    }
    throw new Error("no VRF request");
  };
  const fulfil = async (id: bigint) => (await coordinator.fulfillRandomWords(id, await collection.getAddress())).wait();
  /** reveal(): close the open cohort (its minimum delay passed first), and return its request id. */
  const close = async (): Promise<bigint> => {
    const closed = await closeOpenCohort(hre, collection as unknown as Contract, { timeTravel: true });
    if (closed.requestId === null) throw new Error(`cohort ${closed.cohortId}: the coordinator refused the request`);
    return closed.requestId;
  };
  const advance = async (answer: number) => {
    const now = (await ethers.provider.getBlock("latest"))!.timestamp;
    const next = Number(await world.nextEpochAt());
    if (next > now) await network.provider.send("evm_setNextBlockTimestamp", [next]);
    await (await feed.updateAnswer(BigInt(answer) * 10n ** 8n)).wait();
    await (await world.advanceEpoch()).wait();
  };
  const write = async (tokenId: number, name: string) => {
    const { svg } = decodeTokenUri(await collection.tokenURI(tokenId));
    const png = svgToPng(svg, 320); // the caption in the font the art names, as the gallery's PNGs
    fs.writeFileSync(path.join(OUT, `${name}.png`), png);
    const file = path.join(OUT, `${name}.png`);
    const shown = path.relative(process.cwd(), file);
    console.log(`${shown.startsWith("..") ? file : shown}  #${tokenId}`);
  };

  fs.mkdirSync(OUT, { recursive: true });
  await (await collection.connect(alice).mint(1, { value: price })).wait();
  await close(); // cohort 0 (#1): its word never comes, #1 stays an egg
  await (await collection.connect(alice).mint(8, { value: price * 8n })).wait();
  await fulfil(await close()); // cohort 1 (#2..#9) hatches
  await write(1, STAGES[0]);
  await write(2, STAGES[1]);
  const path_ = [3000, 3150, 3300, 3500, 3450, 3700, 3900, 3600, 3300, 3000, 2700, 2500, 2600, 2300];
  for (let e = 0; e < path_.length; e++) {
    await advance(path_[e]);
    for (const id of [2, 3, 4, 5]) await (await collection.connect(alice).nurture(id)).wait();
    if (e === 4 || e === 9) await fulfil(await requestOf(collection.connect(alice).metamorphose(2)));
    if (e === 4) await fulfil(await requestOf(collection.connect(alice).metamorphose(3)));
  }
  await write(4, STAGES[2]);
  await write(3, STAGES[3]);
  await write(2, STAGES[4]);
  await write(7, "neglected");
  for (const id of [5, 6, 8, 9]) await write(id, `juvenile-${id}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
