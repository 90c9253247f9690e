import { task } from "hardhat/config";
import { action, formatPrice, getCollection } from "./lib/common";

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
      const text = [
        `${name} (${symbol}) at ${address} on ${hre.network.name}`,
        `  supply      ${totalSupply} / ${s.maxSupply} in ${batchCount} batch(es)`,
        `  epoch       ${currentEpoch} (next at ${new Date(Number(nextEpochAt) * 1000).toISOString()}), last price ${lastPrice === null ? "n/a" : formatPrice(lastPrice)}`,
        `  renderer    ${renderer}${rendererLocked ? " (locked)" : " (unlocked)"}`,
        `  sale        ${s.open ? "open" : "closed"}, price ${hre.ethers.formatEther(s.price)} ETH, maxPerWallet ${s.maxPerWallet}, maxPerMint ${s.maxPerMint}, treasury ${s.treasury}`,
        `  vrf         coordinator ${data.vrfConfig.coordinator}, sub ${data.vrfConfig.subscriptionId}, confirmations ${data.vrfConfig.requestConfirmations}, gas ${data.vrfConfig.callbackGasLimit}, native ${data.vrfConfig.nativePayment}`,
        `  feed        ${data.feedConfig.feed}, interval ${data.feedConfig.epochInterval}s, heartbeat ${data.feedConfig.heartbeat}s, bounds [${data.feedConfig.minAnswer}, ${data.feedConfig.maxAnswer}], mood threshold ${data.feedConfig.moodThresholdBps} bps`,
      ].join("\n");
      return { data, text };
    }),
  );
