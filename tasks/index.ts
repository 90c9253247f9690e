// Hardhat tasks. Imported from hardhat.config.ts; no top-level import of typechain-types or of "hardhat".
import "./deploy";
import "./mint";
import "./reveal";
import "./advance-epoch";
import "./set-price";
import "./nurture";
import "./metamorphose";
import "./token";
import "./status";
import "./gallery";
import "./demo";
import "./royalty";
import "./renderer";
import "./vrf";
import "./upgrade";
