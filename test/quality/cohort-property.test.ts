// The reveal-cohort property (test/quality/properties.ts), in its own file for the parallel workers.
import { describeCohortProperty } from "./properties";

describeCohortProperty();
