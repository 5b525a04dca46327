// Provisioning of Postgres and Temporal for the test run is added by the foundation work.
export default async function setup(): Promise<void> {}
