import { expect } from "chai";
import { deployments, ethers } from "hardhat";

import { deployWorld, mintAndReveal, runTask } from "../helpers/fixture";
import { decodeJson } from "./helpers";

/**
 * The renderer's art contracts are deployed first and given to its constructor (its initcode would
 * otherwise carry all of their code): by deploy/02_renderer.ts and by `renderer set --deploy`.
 */
describe("LivingAssetRenderer deployment", function () {
  it("the deploy scripts deploy FaceArt, OrganismArt and TerrariumArt and give them to the renderer", async function () {
    const w = await deployWorld();
    const at = async (name: string) => (await deployments.get(name)).address;
    expect(await w.renderer.organismArt()).to.equal(await at("OrganismArt"));
    expect(await w.renderer.terrariumArt()).to.equal(await at("TerrariumArt"));
    const organism = await ethers.getContractAt("OrganismArt", await at("OrganismArt"));
    expect(await organism.faceArt()).to.equal(await at("FaceArt"));
    expect(await w.collection.renderer()).to.equal(await w.renderer.getAddress());
  });

  it("renderer set --deploy deploys a fresh renderer with fresh art contracts, and tokenURI draws through it", async function () {
    const w = await deployWorld();
    await mintAndReveal(w, w.alice, 1);
    const before = await w.collection.tokenURI(1);
    const { out, exitCode } = await runTask("renderer", { subcommand: "set", deploy: true, from: 0 });
    expect(exitCode, out).to.equal(0);
    const fresh = await ethers.getContractAt("LivingAssetRenderer", await w.collection.renderer());
    expect(await fresh.getAddress()).to.not.equal(await w.renderer.getAddress());
    expect(await fresh.getAddress()).to.equal((await deployments.get("LivingAssetRenderer")).address);
    expect(await fresh.organismArt()).to.equal((await deployments.get("OrganismArt")).address);
    expect(await fresh.organismArt()).to.not.equal(await w.renderer.organismArt());
    // The same token, the same picture: only the renderer's address in the JSON differs.
    const a = decodeJson(before);
    const b = decodeJson(await w.collection.tokenURI(1));
    expect(b.image).to.equal(a.image);
    expect(b.renderer).to.equal(await fresh.getAddress());
  });
});
