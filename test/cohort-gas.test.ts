/**
 * Gas budgets of reveal cohorts (issue 13), against the plain ERC721A upgradeable proxy measured in
 * the same run (contracts/mocks/baselines). The figures come from scripts/lib/gas/cohorts.ts, which
 * the benchmark (`npm run bench`) shares. Titles name their budget ("gas is at most", "cost the
 * same"): coverage's instrumented code skips them (scripts/coverage.sh).
 */
import { expect } from "chai";
import { deployWorld } from "./helpers/fixture";
import { measurePlainErc721a } from "../scripts/lib/gas/measure";
import {
  COHORT_SIZES,
  MINT_QUANTITIES,
  measureAllowlist,
  measureCohortMints,
  measureCohortReveals,
  type AllowlistFigures,
  type CohortMintFigures,
  type CohortRevealFigures,
} from "../scripts/lib/gas/cohorts";

const within = (values: bigint[], fraction: number): boolean => {
  const max = values.reduce((a, b) => (a > b ? a : b));
  const min = values.reduce((a, b) => (a < b ? a : b));
  return Number(max - min) / Number(min) <= fraction;
};

/** 1.10x of `baseline`, rounded down. */
const tenPercentOver = (baseline: bigint): bigint => (baseline * 110n) / 100n;

describe("Reveal cohorts: gas budgets", function () {
  let plain: Awaited<ReturnType<typeof measurePlainErc721a>>;
  let mints: CohortMintFigures;
  before(async function () {
    plain = await measurePlainErc721a();
    mints = await measureCohortMints();
    const row = (q: number) => `${q}: ${mints.mint[q]} vs plain ${plain[`mint${q}`]}`;
    console.log(`      cohort-mode public mint ${MINT_QUANTITIES.map(row).join("; ")}`);
    console.log(`      instant-reveal mint 1 / 10: ${mints.instantMint[1]} / ${mints.instantMint[10]}`);
  });

  it("public mint gas is at most 1.10x a plain ERC721A proxy's mint of the same quantity (1, 10, 20)", function () {
    for (const q of MINT_QUANTITIES) expect(mints.mint[q], `mint ${q}`).to.be.lte(tenPercentOver(plain[`mint${q}`]));
  });

  // 117,828 before setExternalLink/externalLink joined the collection's selectors: the dispatcher's
  // search for transferFrom takes one more step (+10 gas).
  it("first transfer of token #6 of a 10-token mint gas is at most the previous version's 117,838", function () {
    console.log(`      transfer #6 first / second: ${mints.transferFirst} / ${mints.transferSecond}`);
    expect(mints.transferFirst).to.be.lte(117_838n);
    expect(mints.transferFirst).to.be.lte(tenPercentOver(plain.transferFirst));
  });

  describe("allowlist", function () {
    let al: AllowlistFigures;
    before(async function () {
      al = await measureAllowlist();
      console.log(
        `      allowlist mint 1: empty proof ${al.mint1EmptyProof}, ${al.depth}-hash proof ${al.mint1}; public mint 1 ${al.publicMint1}`,
      );
    });

    it("allowlist mint 1 gas is at most 1.10x a plain mint of 1 plus the Merkle proof's own cost", function () {
      // The proof's own cost, both parts measured here: reading the stored root it is checked
      // against (from the trace of the empty-proof mint), and what a path of `depth` hashes adds
      // over the same mint with an empty proof (its calldata and hashing). The leaf's own hashing
      // is counted against the mint, not the proof.
      expect(al.rootRead).to.equal(2_100n); // one cold SLOAD
      const pathCost = al.mint1 - al.mint1EmptyProof;
      expect(al.mint1EmptyProof - al.rootRead).to.be.lte(tenPercentOver(plain.mint1));
      expect(al.mint1).to.be.lte(tenPercentOver(plain.mint1) + al.rootRead + pathCost);
      expect(al.depth).to.equal(10);
    });
  });

  describe("reveal() and the fulfilment, for cohorts of 1, 100 and 10,000 tokens", function () {
    let r: CohortRevealFigures;
    before(async function () {
      this.timeout(600_000);
      r = await measureCohortReveals();
      const list = (xs: Record<number, bigint>) => COHORT_SIZES.map((s) => xs[s]).join(" / ");
      console.log(`      reveal() (mock coordinator) ${list(r.reveal)}; fulfilment tx ${list(r.fulfil)}`);
    });

    it("reveal() gas for cohorts of 1, 100 and 10,000 tokens cost the same (within 1%)", function () {
      expect(
        within(
          COHORT_SIZES.map((s) => r.reveal[s]),
          0.01,
        ),
      ).to.equal(true);
    });

    it("fulfilment gas is at most 60,000 (ERC-7496 reveal events included) and cost the same within 1% for cohorts of 1, 100 and 10,000", async function () {
      const gas = COHORT_SIZES.map((s) => r.fulfil[s]);
      for (const g of gas) expect(g).to.be.lte(60_000n);
      expect(within(gas, 0.01)).to.equal(true);
      // The callback gas floor stays at least twice the heaviest callback measured (the transaction
      // less its intrinsic gas, which the coordinator pays outside the callback gas limit).
      const max = gas.reduce((a, b) => (a > b ? a : b));
      const w = await deployWorld();
      expect(await w.collection.MIN_CALLBACK_GAS_LIMIT()).to.be.gte(2n * (max - r.fulfilIntrinsic));
    });
  });
});
