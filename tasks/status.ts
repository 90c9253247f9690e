import { task } from "hardhat/config";
import { action, getCollection } from "./lib/common";
import { duration, price, when } from "./lib/errors";

task("status", "Collection status: supply, epoch, price, renderer, sale, VRF and feed configuration")
  .addFlag("json", "Print JSON")
  .setAction(
    action<{ json?: boolean }>(async (_args, hre) => {
      const collection = await getCollection(hre);
      const address = await collection.getAddress();
      const [
        name,
        symbol,
        totalSupply,
        currentEpoch,
        nextEpochAt,
        renderer,
        rendererLocked,
        sale,
        vrf,
        feed,
        batchCount,
      ] = await Promise.all([
        collection.name(),
        collection.symbol(),
        collection.totalSupply(),
        collection.currentEpoch(),
        collection.nextEpochAt(),
        collection.renderer(),
        collection.rendererLocked(),
        collection.saleConfig(),
        collection.vrfConfig(),
        collection.feedConfig(),
        collection.batchCount(),
      ]);
      let lastPrice: bigint | null = null;
      let lastEpochAt: bigint | null = null;
      try {
        const entry = await collection.epochEntry(currentEpoch);
        lastPrice = BigInt(entry.price);
        lastEpochAt = BigInt(entry.timestamp);
      } catch {
        /* no entry for this epoch */
      }
      const data = {
        network: hre.network.name,
        address,
        name,
        symbol,
        totalSupply,
        batchCount,
        currentEpoch,
        nextEpochAt,
        lastPrice,
        lastEpochAt,
        renderer,
        rendererLocked,
        saleConfig: {
          price: sale[0],
          maxSupply: sale[1],
          maxPerWallet: sale[2],
          maxPerMint: sale[3],
          open: sale[4],
          treasury: sale[5],
        },
        vrfConfig: {
          coordinator: vrf.coordinator,
          keyHash: vrf.keyHash,
          subscriptionId: vrf.subscriptionId,
          requestConfirmations: Number(vrf.requestConfirmations),
          callbackGasLimit: Number(vrf.callbackGasLimit),
          nativePayment: vrf.nativePayment,
          rerequestTimeout: Number(vrf.rerequestTimeout),
        },
        feedConfig: {
          feed: feed.feed,
          sequencerUptimeFeed: feed.sequencerUptimeFeed,
          epochInterval: Number(feed.epochInterval),
          heartbeat: Number(feed.heartbeat),
          sequencerGracePeriod: Number(feed.sequencerGracePeriod),
          minAnswer: BigInt(feed.minAnswer),
          maxAnswer: BigInt(feed.maxAnswer),
          moodThresholdBps: Number(feed.moodThresholdBps),
        },
      };
      const s = data.saleConfig;
      const now = (await hre.ethers.provider.getBlock("latest"))!.timestamp;
      const feedContract = await hre.ethers.getContractAt("MockV3Aggregator", feed.feed);
      const decimals = Number(await feedContract.decimals().catch(() => 8n));
      const p = (x: bigint) => price(x, decimals);
      const epochLine =
        lastPrice === null || lastPrice === 0n
          ? `no epoch yet: the first \`advance-epoch\` can run ${Number(nextEpochAt) <= now ? "now" : `at ${when(Number(nextEpochAt), now)}`}`
          : `${currentEpoch}, price ${p(lastPrice)} at ${when(Number(lastEpochAt), now)}; next ${Number(nextEpochAt) <= now ? "can run now" : `at ${when(Number(nextEpochAt), now)}`}`;
      const text = [
        `${name} (${symbol}) at ${address} on ${hre.network.name}`,
        `  supply      ${totalSupply} / ${s.maxSupply} in ${batchCount} batch(es)`,
        `  epoch       ${epochLine}`,
        `  renderer    ${renderer}${rendererLocked ? " (locked)" : " (unlocked)"}`,
        `  sale        ${s.open ? "open" : "closed"}, price ${hre.ethers.formatEther(s.price)} ETH, maxPerWallet ${s.maxPerWallet}, maxPerMint ${s.maxPerMint}, treasury ${s.treasury}`,
        `  vrf         coordinator ${data.vrfConfig.coordinator}, sub ${data.vrfConfig.subscriptionId}, confirmations ${data.vrfConfig.requestConfirmations}, callback gas ${data.vrfConfig.callbackGasLimit}, pays in ${data.vrfConfig.nativePayment ? "native" : "LINK"}, re-request after ${duration(data.vrfConfig.rerequestTimeout)}`,
        `  feed        ${data.feedConfig.feed} (${decimals} decimals), epoch every ${duration(data.feedConfig.epochInterval)}, heartbeat ${duration(data.feedConfig.heartbeat)}, bounds ${p(data.feedConfig.minAnswer)}..${p(data.feedConfig.maxAnswer)}, mood threshold ${data.feedConfig.moodThresholdBps / 100}%`,
      ].join("\n");
      return { data, text };
    }),
  );
