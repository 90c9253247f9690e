/** The ABIs the build bundles (scripts/app-build.ts), as human-readable fragments. */
declare module "vivarium:abis" {
  const abis: Record<"LivingAsset" | "World" | "IRenderer", string[]>;
  export default abis;
}
