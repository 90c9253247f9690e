/**
 * Gas budgets of the World and its subscribed collections. Every figure is `receipt.gasUsed` of one
 * transaction (21,000 intrinsic gas included) or `estimateGas` of a view, on the deploy scripts'
 * fixture; the figures are printed as well as asserted. Extra collections are UUPS proxies over the
 * fixture's one implementation; the measurements are shared with the gas benchmark
 * (scripts/lib/gas/world.ts, scripts/bench.ts). The coverage run leaves these tests out by their
 * titles ("gas is at most", "costs at most", "cost the same").
 */
import { expect } from "chai";

import { deployWorld, mintAndReveal } from "./helpers/fixture";
import {
  advanceWorld,
  epochInterval,
  gasOf,
  hookFrames,
  measureLongLife,
  measureSubscriberSweep,
  measureSupplies,
  usd,
  type LongLife,
  type SubscriberSweep,
} from "../scripts/lib/gas/world";

const fmt = (n: bigint | number): string => BigInt(n).toLocaleString("en-US");
/** |a - b| relative to the smaller of the two. */
const within = (a: bigint, b: bigint, tolerance: number): boolean =>
  Math.abs(Number(a - b)) / Math.min(Number(a), Number(b)) <= tolerance;
const pct = (a: bigint, b: bigint): string => `${((Number(b - a) / Number(a)) * 100).toFixed(2)}%`;

/** advanceEpoch's budget with `n` subscribed collections. */
const advanceBudget = (n: number): bigint => 100_000n + 20_000n * BigInt(n);

describe("World gas", function () {
  describe("advanceEpoch per subscribed collection", function () {
    let sweep: SubscriberSweep;

    before(async function () {
      sweep = await measureSubscriberSweep(await deployWorld());
    });

    it("advanceEpoch gas is at most 100,000 + 20,000 per subscribed collection, for 0 to MAX_SUBSCRIBERS", async function () {
      const { max, gas, hashes, collections } = sweep;
      console.log("      subscribers | advanceEpoch gas |  budget |  margin | marginal cost of the last subscriber");
      for (let n = 0; n <= max; n++) {
        const marginal = n === 0 ? "—" : fmt(gas[n] - gas[n - 1]);
        console.log(
          `      ${String(n).padStart(11)} | ${fmt(gas[n]).padStart(16)} | ${fmt(advanceBudget(n)).padStart(7)} | ` +
            `${fmt(advanceBudget(n) - gas[n]).padStart(7)} | ${marginal}`,
        );
      }
      // Where a subscriber's share goes: the world's CALL (the cold account access), the hook
      // (split by opcode group), and the rest: the world's own loop (the list entry's cold slot, the
      // gas check, the call's arguments).
      const frames = await hookFrames(hashes[max], collections);
      expect(frames).to.have.lengthOf(max);
      console.log(`      hooks of the advance with ${max} subscribers (trace):`);
      for (const [i, f] of frames.entries()) {
        const groups = Object.entries(f.byGroup)
          .map(([k, g]) => `${k} ${fmt(g)}`)
          .join(", ");
        console.log(`        #${i + 1}: world's CALL ${fmt(f.callOverhead)} + hook ${fmt(f.inside)} (${groups})`);
      }
      const last = frames[max - 1];
      const marginal = gas[max] - gas[max - 1];
      console.log(
        `      last subscriber's marginal ${fmt(marginal)} = world's CALL ${fmt(last.callOverhead)} + ` +
          `hook ${fmt(last.inside)} + world's loop ${fmt(marginal - BigInt(last.callOverhead + last.inside))}`,
      );
      const over = gas.flatMap((g, n) =>
        g > advanceBudget(n) ? [`${n} subscribers: ${g} > ${advanceBudget(n)}`] : [],
      );
      expect(over, `over budget: ${over.join("; ")}`).to.deep.equal([]);
    });
  });

  it("advanceEpoch at supply 10 and at supply 10,000 of each collection cost the same (within 1%)", async function () {
    const { max, gas } = await measureSupplies(await deployWorld(), [10, 10_000]);
    console.log(
      `      advanceEpoch with ${max} collections at supply 10 / 10,000 each: ${fmt(gas[10])} / ${fmt(gas[10_000])} ` +
        `(${pct(gas[10], gas[10_000])})`,
    );
    expect(within(gas[10], gas[10_000], 0.01)).to.equal(true);
  });

  describe("a long life: the world at 1 and at 1,000 epochs, a token at 1 and at 500", function () {
    let life: LongLife;

    before(async function () {
      life = await measureLongLife(await deployWorld());
      console.log(`      (1,000 advances and 500 nurtures in ${life.seconds.toFixed(1)} s)`);
    });

    it("advanceEpoch at world age 1 and at world age 1,000 epochs cost the same (within 1%)", function () {
      const { advanceAtAge1: a, advanceAtAge1000: b } = life;
      console.log(`      advanceEpoch at world age 1 / 1,000 epochs: ${fmt(a)} / ${fmt(b)} (${pct(a, b)})`);
      expect(within(a, b, 0.01)).to.equal(true);
    });

    it("phenotypeOf and tokenURI cost the same (within 2%) after 1 and after 500 epochs of a token's life", function () {
      const { phenotypeOf1, phenotypeOf500, tokenURI1, tokenURI500, early, late } = life as Required<LongLife>;
      console.log(
        `      phenotypeOf after 1 / 500 epochs: ${fmt(phenotypeOf1)} / ${fmt(phenotypeOf500)} ` +
          `(${pct(phenotypeOf1, phenotypeOf500)}); tokenURI: ${fmt(tokenURI1)} / ${fmt(tokenURI500)} ` +
          `(${pct(tokenURI1, tokenURI500)})`,
      );
      expect(early.age).to.equal(1n);
      expect(late.age).to.equal(500n);
      expect([late.mood, late.temperament, late.vitality]).to.deep.equal([
        early.mood,
        early.temperament,
        early.vitality,
      ]);
      expect(within(phenotypeOf1, phenotypeOf500, 0.02)).to.equal(true);
      expect(within(tokenURI1, tokenURI500, 0.02)).to.equal(true);
    });
  });

  it("repeat nurture costs at most 45,000 gas", async function () {
    const w = await deployWorld();
    const interval = await epochInterval(w);
    await mintAndReveal(w, w.alice, 10);
    await advanceWorld(w, usd(3000), interval);
    const first = await gasOf(w.collection.connect(w.alice).nurture(6));
    await advanceWorld(w, usd(3010), interval);
    const repeat = await gasOf(w.collection.connect(w.alice).nurture(6));
    console.log(`      nurture of #6 of a 10-batch, first / repeat (next epoch): ${fmt(first)} / ${fmt(repeat)}`);
    expect(repeat).to.be.lte(45_000n);
  });
});
