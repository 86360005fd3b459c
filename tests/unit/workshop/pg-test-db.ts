/**
 * The PostgreSQL the tests use: RELAYLAB_TEST_DATABASE, else the role and database
 * `.ci/run` creates on the local cluster. Never skipped: without it the tests fail.
 */
export const PG_URL = process.env.RELAYLAB_TEST_DATABASE ?? 'postgres://relaylab:relaylab@127.0.0.1:5432/relaylab_test';
export const freshSchema = (prefix: string) => `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
