import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import vm from "node:vm";
import { expect } from "chai";
import { bundleClient } from "../scripts/client-bundle";
import * as client from "../client";
import { deployWorld, mintAndReveal, PRICE } from "./helpers/fixture";

/** The bundle run where only what a browser has is defined: no require, process, Buffer or fs. */
function loadInBareContext(file: string): typeof client {
  const sandbox: Record<string, unknown> = { TextEncoder, TextDecoder, atob, btoa, console };
  sandbox.globalThis = sandbox;
  sandbox.window = sandbox;
  vm.runInNewContext(fs.readFileSync(file, "utf8"), sandbox);
  return sandbox.VivariumClient as typeof client;
}

describe("the client library (client/): no Node, no Hardhat", () => {
  it("bundles for a browser and, run with only a browser's globals, decodes tokenURI and errors as the tasks do", async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "vivarium-client-")), "client.js");
    const { bytes, gzip } = bundleClient(out);
    expect(gzip).to.be.lessThan(40_000); // small enough for a page; it holds ethers' pieces it uses
    expect(bytes).to.be.greaterThan(gzip);
    const bare = loadInBareContext(out);
    expect(Object.keys(bare).sort()).to.deep.equal(Object.keys(client).sort());

    const w = await deployWorld();
    await mintAndReveal(w, w.alice, 1);
    const uri = await w.collection.tokenURI(1);
    const inBrowser = bare.decodeTokenUri(uri);
    expect(JSON.stringify(inBrowser)).to.equal(JSON.stringify(client.decodeTokenUri(uri)));
    expect(inBrowser.svg).to.match(/^<svg /);
    expect(bare.attributesText(inBrowser.metadata)).to.match(/Vitality: [\d.]+%\n  Mood: /);
    expect(bare.decodeContractUri(await w.collection.contractURI())).to.have.property("name");
    expect(bare.eth(PRICE)).to.equal(client.eth(PRICE));

    const err = await w.collection
      .connect(w.bob)
      .mint(0, { value: 0 })
      .catch((e: unknown) => e);
    const explained = bare.describeError(err, [w.collection.interface]);
    expect(explained).to.equal(client.describeError(err, [w.collection.interface]));
    expect(explained).to.match(/LivingAssetZeroQuantity.*mint at least one token/);
  });
});
