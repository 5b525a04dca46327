export { openEntries, sealEntries } from "@duplex/db";
