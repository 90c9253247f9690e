import { task, types } from "hardhat/config";
import {
  action,
  cliInt,
  COLLECTION_HELP,
  eventsIn,
  getCollection,
  isDevChain,
  phenotypeView,
  holderSignerAt,
  tokenParam,
} from "./lib/common";
import { duration } from "../client/errors";

task("metamorphose", "Ask a token to metamorphose (one VRF request; run `reveal` on development chains)")
  .addParam("token", "Token id", undefined, cliInt)
  .addOptionalParam("from", "Signer index", 0, cliInt)
  .addOptionalParam("collection", COLLECTION_HELP, undefined, types.string)
  .addFlag("json", "Print JSON")
  .setAction(
    action<{ token: number; from: number; collection?: string; json?: boolean }>(async (args, hre) => {
      const collection = await getCollection(hre, args.collection);
      const tokenId = await tokenParam(collection, args.token);
      const signer = await holderSignerAt(hre, collection, tokenId, args.from);
      const tx = await (collection.connect(signer) as typeof collection).metamorphose(tokenId);
      const receipt = await tx.wait();
      const [e] = eventsIn(collection, receipt, "MetamorphosisRequested");
      const { requestConfirmations, rerequestTimeout } = await collection.vrfConfig();
      const now = phenotypeView(await collection.phenotypeOf(tokenId));
      const dev = isDevChain(hre);
      const completes = dev
        ? `run \`npx hardhat reveal --network ${hre.network.name}\` to have the VRF mock answer it now`
        : `Chainlink VRF answers after ${requestConfirmations} block confirmation(s), usually within minutes; if no word comes, the config role may replace the request (rerequestMetamorphosis) after ${duration(Number(rerequestTimeout))}`;
      const data = {
        tx: tx.hash,
        tokenId,
        requestId: e?.requestId,
        stage: now.stage,
        pending: now.metamorphosisPending,
        requestConfirmations: Number(requestConfirmations),
      };
      return {
        data,
        text:
          `Metamorphosis of token #${tokenId} requested (VRF request ${data.requestId}). ` +
          `It completes when the VRF word arrives: until then the token shows ${now.stage} with Metamorphosis Pending: true; ${completes}.`,
      };
    }),
  );
