import { expect } from "chai";
import { deployWorld, mintAndReveal, advance } from "./helpers/fixture";

describe("smoke", () => {
  it("mints, reveals, evolves, nurtures and renders", async () => {
    const w = await deployWorld();
    await mintAndReveal(w, w.alice, 10);
    expect(await w.collection.isRevealed(6)).to.equal(true);
    await advance(w, 3100n * 10n ** 8n);
    const tx = await w.collection.connect(w.alice).nurture(6);
    console.log("nurture first", (await tx.wait())!.gasUsed);
    await advance(w, 3000n * 10n ** 8n);
    const tx2 = await w.collection.connect(w.alice).nurture(6);
    console.log("nurture second", (await tx2.wait())!.gasUsed);
    const uri = await w.collection.tokenURI(6);
    console.log(uri.length, await w.collection.tokenURI.estimateGas(6));
    const ph = await w.collection.phenotypeOf(6);
    console.log(ph);
  });
});
